import type { VendorInfo } from "../core/descriptor";

/** OpenTact: its id, its name in messages, and how its client is pointed at an emulator of its API. */
export const opentact = {
    id: "opentact",
    name: "OpenTact",
    sandbox: {
        config: (origin: string, c: { token: string; email: string; password: string }, auth: "login" | "token" = "login") => ({
            "telephony:opentactBaseUrl": { value: origin },
            ...(auth === "token"
                ? { "telephony:opentactToken": { value: c.token, secret: true } }
                : { "telephony:opentactEmail": { value: c.email }, "telephony:opentactPassword": { value: c.password, secret: true } }),
        }),
    },
} as const satisfies VendorInfo;
