import type { VendorInfo } from "../core/descriptor";

/** IPPanel Edge: its id, its name in messages, and how its client is pointed at an emulator of its API. */
export const ippanel = {
    id: "ippanel",
    name: "IPPanel",
    sandbox: {
        // The base URL has IPPanel's `/v1`, as the real one (https://edge.ippanel.com/v1) has.
        config: (origin: string, c: { apiKey: string }) => ({
            "telephony:ippanelBaseUrl": { value: `${origin}/v1` },
            "telephony:ippanelApiKey": { value: c.apiKey, secret: true },
        }),
    },
} as const satisfies VendorInfo;
