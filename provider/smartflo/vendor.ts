import { VendorInfo, loginOrToken } from "../core/descriptor";

/** Tata Smartflo: its id, its name in messages, and how its client is pointed at an emulator of its API. */
export const smartflo = {
    id: "smartflo",
    name: "Tata Smartflo",
    sandbox: { config: loginOrToken("smartflo") },
} as const satisfies VendorInfo;
