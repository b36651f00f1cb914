import type { VendorInfo } from "../core/descriptor";

/** Tata Smartflo: its id, its name in messages, and how its client is pointed at an emulator of its API. */
export const smartflo = {
    id: "smartflo",
    name: "Tata Smartflo",
    sandbox: {
        config: (origin: string, c: { token: string; email: string; password: string }, auth: "login" | "token" = "login") => ({
            "telephony:smartfloBaseUrl": { value: origin },
            ...(auth === "token"
                ? { "telephony:smartfloToken": { value: c.token, secret: true } }
                : { "telephony:smartfloEmail": { value: c.email }, "telephony:smartfloPassword": { value: c.password, secret: true } }),
        }),
    },
} as const satisfies VendorInfo;
