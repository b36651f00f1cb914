import type { ResourceDescriptor } from "../../core/descriptor";
import type { VendorId } from "../../registry";
import { sipUserAttributes, sipUserRules } from "./schema";

/** An OpenTact SIP user: `opentact.SipUser`. */
export const sipUser = {
    kind: "opentact:SipUser",
    vendor: "opentact",
    name: "SipUser",
    noun: "SIP user",
    attributes: sipUserAttributes,
    // A new user's login is 7 to 15 characters [seed: the create table]; renaming allows 3 to 60 (the attribute's type).
    checks: { rules: sipUserRules, createTypes: { login: (t) => t.string(7, 15) } },
    loadProvider: () => require("./provider"),
    loadDocs: () => require("./schema.docs.json"),
    loadClassDocs: () => require("./resource.docs.json"),
    loadSpec: () => require("./spec").spec,
    loadAdapter: () => (require("./adapter") as typeof import("./adapter")).sipUserAdapter,
    example: { sipConnectionUuid: "66eb0a8a-571e-41b1-8f50-4d97275cfab7", login: "alice.sip", password: "example-sip-password", firstName: "Alice" },
    export: {
        reads: "the users of every SIP connection and domain (or of those given)",
        key: "login",
        scopes: [
            { flag: "opentact-connection", value: "UUID", property: "sipConnectionUuid", constant: "SIP_CONNECTION", what: "SIP connection" },
            { flag: "opentact-domain", value: "NAME", property: "sipDomain", constant: "SIP_DOMAIN", what: "SIP domain" },
        ],
        load: () => (require("./exporter") as typeof import("./exporter")).sipUserExporter,
    },
} as const satisfies ResourceDescriptor<VendorId>;
