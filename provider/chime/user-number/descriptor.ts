import type { ResourceDescriptor } from "../../core/descriptor";
import type { VendorId } from "../../registry";
import { chimeUserNumberAttributes } from "./schema";

/** An Amazon Chime user's primary phone number: `chime.UserNumber`. */
export const chimeUserNumber = {
    kind: "chime:ChimeUserNumber",
    vendor: "chime",
    name: "UserNumber",
    noun: "phone number",
    attributes: chimeUserNumberAttributes,
    loadProvider: () => require("./provider"),
    loadDocs: () => require("./schema.docs.json"),
    loadClassDocs: () => require("./resource.docs.json"),
    loadSpec: () => require("./spec").spec,
    loadAdapter: () => (require("./adapter") as typeof import("./adapter")).chimeUserNumberAdapter,
    example: { accountId: "12a3456b-7c89-012d-3456-78901e23fg45", userId: "1ab2345c-67de-8901-f23g-45h678901j2k", e164PhoneNumber: "+12065550100" },
    export: {
        reads: "users with a primary number in the accounts given",
        key: "user id",
        scopes: [{ flag: "chime-account", value: "ID", property: "accountId", constant: "CHIME_ACCOUNT", what: "Chime account" }],
        perScope: "Chime user numbers are exported per account",
        load: () => (require("./exporter") as typeof import("./exporter")).chimeUserNumberExporter,
    },
} as const satisfies ResourceDescriptor<VendorId>;
