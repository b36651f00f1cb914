import type { ResourceDescriptor } from "../../core/descriptor";
import type { VendorId } from "../../registry";
import { smartfloUserAttributes } from "./schema";

/** A Tata Smartflo user (agent): `smartflo.User`. */
export const smartfloUser = {
    kind: "smartflo:SmartfloUser",
    vendor: "smartflo",
    name: "User",
    noun: "agent",
    attributes: smartfloUserAttributes,
    loadProvider: () => require("./provider"),
    loadDocs: () => require("./schema.docs.json"),
    loadClassDocs: () => require("./resource.docs.json"),
    loadSpec: () => require("./spec").spec,
    loadAdapter: () => (require("./adapter") as typeof import("./adapter")).smartfloUserAdapter,
    example: {
        name: "Asha Rao",
        number: "+919812345678",
        email: "asha@example.com",
        loginId: "asha.rao",
        userRole: 54743,
        password: "example-smartflo-password",
        callerId: [1560602],
        designation: "Sales agent",
    },
    export: {
        reads: "every user",
        key: "login id",
        scopes: [],
        unobservableBy: "Smartflo's read",
        load: () => (require("./exporter") as typeof import("./exporter")).smartfloUserExporter,
    },
} as const satisfies ResourceDescriptor<VendorId>;
