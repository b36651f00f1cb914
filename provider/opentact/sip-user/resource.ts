import * as pulumi from "@pulumi/pulumi";
import { AdoptArgs, ArgsOf, OutputsOf, TelephonyResource } from "../../core/resource";
import { sipUser } from "./descriptor";
import type { sipUserAttributes } from "./schema";

/**
 * Inputs of a {@link SipUser}. Constraints are OpenTact's; a bad value fails at `pulumi preview`. Derived from the
 * attributes (`sipUserAttributes`), where each property and its documentation are declared.
 */
export interface SipUserArgs extends ArgsOf<typeof sipUserAttributes>, AdoptArgs {}

/** The inputs and computed outputs, as outputs: declared once, with their documentation, in `sipUserAttributes`. */
export interface SipUser extends OutputsOf<typeof sipUserAttributes> {}

/**
 * An OpenTact SIP user (`/rest/sip/connection/{uuid}/users`). Changes other than the connection are one
 * PATCH carrying only the changed fields; a new connection replaces the user.
 */
export class SipUser extends TelephonyResource {
    constructor(name: string, args: SipUserArgs, opts?: pulumi.CustomResourceOptions) {
        super(sipUser, name, args, opts);
    }
}
