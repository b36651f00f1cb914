import * as pulumi from "@pulumi/pulumi";
import { AdoptArgs, ArgsOf, OutputsOf, TelephonyResource } from "../../core/resource";
import type { numberAssignmentAttributes } from "./schema";
import { numberAssignment } from "./descriptor";

/**
 * Inputs of a {@link NumberAssignment}. Give the number by `number` or `numberId` and the user by `targetUser`
 * or `targetUserId` — exactly one of each pair; a bad value fails at `pulumi preview`. IPPanel has no update
 * call, so changing any input replaces the assignment.
 * Derived from the attributes (`numberAssignmentAttributes`), where each property and its documentation are declared.
 */
export interface NumberAssignmentArgs extends ArgsOf<typeof numberAssignmentAttributes>, AdoptArgs {}

/** The inputs and computed outputs, as outputs: declared once, with their documentation, in `numberAssignmentAttributes`. */
export interface NumberAssignment extends OutputsOf<typeof numberAssignmentAttributes> {}

/**
 * An IPPanel Edge number assigned to one of the reseller's users (`POST /api/numbers/assign`; destroyed with
 * `POST /api/numbers/unassign`). Credentials: `telephony:ippanelApiKey` (IPPANEL_API_KEY); base URL
 * `telephony:ippanelBaseUrl` (IPPANEL_BASE_URL, default `https://edge.ippanel.com/v1`).
 *
 * Drift: IPPanel offers no call that says who holds a number or with which flags, so `refresh` can only
 * tell whether the number still exists in the account (`GET /api/number/numbers`): a deleted number shows
 * the assignment as gone. A number moved to another user, unassigned, or re-flagged outside Pulumi is NOT
 * detected — `targetUser`, `targetUserId`, `send` and `gets` keep their declared values in state.
 *
 * Replacement: every change replaces. When the number stays the same, the old assignment is removed first
 * (a number has a single assignee), so the number is briefly unassigned.
 *
 * Adopting: "number already assigned to user" is accepted with `adopt: true` (the existing assignment's
 * `send`/`gets` cannot be read and are kept as IPPanel has them; state records the declared ones). Without it, only
 * when this stack has its own record of sending that assign (a reply lost in this run, its create journal, a pending
 * create recovered from the checkpoint), and then after unassigning it from the declared user — which only its holder
 * allows — and assigning it again as declared.
 */
export class NumberAssignment extends TelephonyResource {
    constructor(name: string, args: NumberAssignmentArgs, opts?: pulumi.CustomResourceOptions) {
        super(numberAssignment, name, args, opts);
    }
}
