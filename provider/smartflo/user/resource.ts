import * as pulumi from "@pulumi/pulumi";
import { AdoptArgs, ArgsOf, OutputsOf, TelephonyResource } from "../../core/resource";
import type { smartfloUserFields } from "./schema";
import { smartfloUser } from "./descriptor";

/**
 * Inputs of a {@link SmartfloUser}. Types are Smartflo's; a bad value fails at `pulumi preview`.
 * The API's type quirks (`user_role` and `caller_id` are numbers on create but strings on PATCH) are
 * handled by the provider. Derived from the schema's fields (`smartfloUserFields`), where each property and its documentation are declared.
 */
export interface SmartfloUserArgs extends ArgsOf<typeof smartfloUserFields>, AdoptArgs {}

/** The input properties, as outputs: declared once, with their documentation, in the schema (`smartfloUserFields`). */
export interface SmartfloUser extends OutputsOf<typeof smartfloUserFields> {}

/**
 * A Tata Smartflo user (`/v1/user`). Created with `POST /v1/user` (plus one PATCH for the fields only PATCH
 * takes: `blocked`, `internationalOutbound`, `designation`); changes are one PATCH carrying only the changed
 * fields; a change of a create-only property replaces the user (deleting the old one first while it shares
 * its login id, email or number with the new one).
 */
export class SmartfloUser extends TelephonyResource {
    /** Smartflo's id of the user's agent, when it has one. */
    declare readonly agentId: pulumi.Output<string | undefined>;
    /** The agent's intercom (internal) number, when it has one. */
    declare readonly intercom: pulumi.Output<number | undefined>;
    /** The name of the user's role. */
    declare readonly roleName: pulumi.Output<string | undefined>;

    constructor(name: string, args: SmartfloUserArgs, opts?: pulumi.CustomResourceOptions) {
        super(smartfloUser, name, args, opts);
    }
}
