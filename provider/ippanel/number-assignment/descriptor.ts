import type { ResourceDescriptor } from "../../core/descriptor";
import type { VendorId } from "../../registry";

/** An IPPanel Edge number assigned to a user: `ippanel.NumberAssignment`. */
export const numberAssignment = {
    kind: "ippanel:NumberAssignment",
    vendor: "ippanel",
    name: "NumberAssignment",
    noun: "number",
    // Every property, so each declared Output exists even when its input was not given (one of each pair).
    outputs: ["number", "numberId", "targetUser", "targetUserId", "send", "gets", "resolvedNumber", "resolvedNumberId"],
    secretInputs: [],
    secretOutputs: [],
    loadProvider: () => require("./provider"),
    loadAdapter: () => (require("./adapter") as typeof import("./adapter")).numberAssignmentAdapter,
    example: { number: "+983000505", targetUser: "testuser", send: true, gets: true },
} as const satisfies ResourceDescriptor<VendorId>;
