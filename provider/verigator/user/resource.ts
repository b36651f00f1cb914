import * as pulumi from "@pulumi/pulumi";
import { AdoptArgs, ArgsOf, OutputsOf, TelephonyResource } from "../../core/resource";
import type { verigatorUserAttributes } from "./schema";
import { verigatorUser } from "./descriptor";

/**
 * Inputs of a {@link VerigatorUser}. Verigator has no update endpoint: changing any of them replaces the user
 * (it gets a new `userId`). A bad value fails at `pulumi preview`.
 * Derived from the attributes (`verigatorUserAttributes`), where each property and its documentation are declared.
 */
export interface VerigatorUserArgs extends ArgsOf<typeof verigatorUserAttributes>, AdoptArgs {}

/** The inputs and computed outputs, as outputs: declared once, with their documentation, in `verigatorUserAttributes`. */
export interface VerigatorUser extends OutputsOf<typeof verigatorUserAttributes> {}

/**
 * A user of a Messente Verigator service (`/v1/service/service/{serviceId}/users`), id `serviceId/userId`.
 * Messente marks the Verigator API deprecated in favour of its Number Verification API.
 */
export class VerigatorUser extends TelephonyResource {
    constructor(name: string, args: VerigatorUserArgs, opts?: pulumi.CustomResourceOptions) {
        super(verigatorUser, name, args, opts);
    }
}
