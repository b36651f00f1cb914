import * as pulumi from "@pulumi/pulumi";
import { AdoptArgs, ArgsOf, OutputsOf, TelephonyResource } from "../../core/resource";
import { sipUser } from "./descriptor";
import type { sipUserFields } from "./schema";

/**
 * Inputs of a {@link SipUser}. Constraints are OpenTact's; a bad value fails at `pulumi preview`. Derived from the
 * schema's fields (`sipUserFields`), where each property and its documentation are declared.
 */
export interface SipUserArgs extends ArgsOf<typeof sipUserFields>, AdoptArgs {}

/** The input properties, as outputs: declared once, with their documentation, in the schema (`sipUserFields`). */
export interface SipUser extends OutputsOf<typeof sipUserFields> {}

/**
 * An OpenTact SIP user (`/rest/sip/connection/{uuid}/users`). Changes other than the connection are one
 * PATCH carrying only the changed fields; a new connection replaces the user.
 */
export class SipUser extends TelephonyResource {
    /** OpenTact's id of the user (also the resource id). */
    declare readonly uuid: pulumi.Output<string>;
    /** SIP digest HA1 = MD5(login:realm:password). Secret: it authenticates as the user. */
    declare readonly ha1: pulumi.Output<string>;
    /** SIP digest HA1B (login@realm variant). Secret. */
    declare readonly ha1b: pulumi.Output<string>;
    /** When OpenTact created the user (ISO 8601). */
    declare readonly createdOn: pulumi.Output<string>;
    /** When OpenTact last changed the user (ISO 8601). */
    declare readonly modifiedOn: pulumi.Output<string>;

    constructor(name: string, args: SipUserArgs, opts?: pulumi.CustomResourceOptions) {
        super(sipUser, name, args, opts);
    }
}
