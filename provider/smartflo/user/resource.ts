import * as pulumi from "@pulumi/pulumi";
import { AdoptArgs, ArgsOf, OutputsOf, TelephonyResource } from "../../core/resource";
import type { smartfloUserAttributes } from "./schema";
import { smartfloUser } from "./descriptor";

/**
 * Inputs of a {@link SmartfloUser}. Types are Smartflo's; a bad value fails at `pulumi preview`.
 * The API's type quirks (`user_role` and `caller_id` are numbers on create but strings on PATCH) are
 * handled by the provider. Derived from the attributes (`smartfloUserAttributes`), where each property and its documentation are declared.
 */
export interface SmartfloUserArgs extends ArgsOf<typeof smartfloUserAttributes>, AdoptArgs {}

/** The inputs and computed outputs, as outputs: declared once, with their documentation, in `smartfloUserAttributes`. */
export interface SmartfloUser extends OutputsOf<typeof smartfloUserAttributes> {}

/**
 * A Tata Smartflo user (`/v1/user`). Created with `POST /v1/user` (plus one PATCH for the fields only PATCH
 * takes: `blocked`, `internationalOutbound`, `designation`); changes are one PATCH carrying only the changed
 * fields; a change of a create-only property replaces the user (deleting the old one first while it shares
 * its login id, email or number with the new one).
 */
export class SmartfloUser extends TelephonyResource {
    constructor(name: string, args: SmartfloUserArgs, opts?: pulumi.CustomResourceOptions) {
        super(smartfloUser, name, args, opts);
    }
}
