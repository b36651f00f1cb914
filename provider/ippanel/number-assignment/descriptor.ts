import type { ResourceDescriptor } from "../../core/descriptor";
import type { VendorId } from "../../registry";
import { numberAssignmentAttributes } from "./schema";

/** An IPPanel Edge number assigned to a user: `ippanel.NumberAssignment`. */
export const numberAssignment = {
    kind: "ippanel:NumberAssignment",
    vendor: "ippanel",
    name: "NumberAssignment",
    noun: "number",
    attributes: numberAssignmentAttributes,
    loadProvider: () => require("./provider"),
    loadDocs: () => require("./schema.docs.json"),
    loadClassDocs: () => require("./resource.docs.json"),
    loadSpec: () => require("./spec").spec,
    loadAdapter: () => (require("./adapter") as typeof import("./adapter")).numberAssignmentAdapter,
    example: { number: "+983000505", targetUser: "testuser", send: true, gets: true },
    export: {
        unsupported:
            "IPPanel's API cannot list who holds a number, so its number assignments cannot be exported; declare NumberAssignment resources by hand with adopt: true",
    },
} as const satisfies ResourceDescriptor<VendorId>;
