import { VendorInfo, loginOrToken } from "../core/descriptor";

/** OpenTact: its id, its name in messages, and how its client is pointed at an emulator of its API. */
export const opentact = {
    id: "opentact",
    name: "OpenTact",
    sandbox: { config: loginOrToken("opentact") },
} as const satisfies VendorInfo;
