import type { VendorInfo } from "../core/descriptor";

/** Messente Verigator: its id, its name in messages, and how its client is pointed at an emulator of its API. */
export const verigator = {
    id: "verigator",
    name: "Messente Verigator",
    sandbox: {
        config: (origin: string, c: { username: string; password: string }) => ({
            "telephony:verigatorBaseUrl": { value: origin },
            "telephony:verigatorUsername": { value: c.username },
            "telephony:verigatorPassword": { value: c.password, secret: true },
        }),
    },
} as const satisfies VendorInfo;
