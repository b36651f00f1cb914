import type { ResourceDescriptor } from "../../core/descriptor";
import type { VendorId } from "../../registry";
import { verigatorUserAttributes } from "./schema";

/** A user of a Messente Verigator service: `verigator.User`. */
export const verigatorUser = {
    kind: "verigator:VerigatorUser",
    vendor: "verigator",
    name: "User",
    noun: "Verigator user",
    attributes: verigatorUserAttributes,
    loadProvider: () => require("./provider"),
    loadDocs: () => require("./schema.docs.json"),
    loadClassDocs: () => require("./resource.docs.json"),
    loadSpec: () => require("./spec").spec,
    loadAdapter: () => (require("./adapter") as typeof import("./adapter")).verigatorUserAdapter,
    example: { serviceId: "my-service-id", idInService: "carol", phoneNumber: "+37255512345" },
    export: {
        reads: "users of the services given",
        key: "id in service",
        scopes: [{ flag: "verigator-service", value: "ID", property: "serviceId", constant: "VERIGATOR_SERVICE", what: "Verigator service" }],
        perScope: "Verigator users are exported per service",
        unobservableBy: "Verigator",
        load: () => (require("./exporter") as typeof import("./exporter")).verigatorUserExporter,
    },
} as const satisfies ResourceDescriptor<VendorId>;
