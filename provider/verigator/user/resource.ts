import * as pulumi from "@pulumi/pulumi";
import { AdoptArgs, ArgsOf, OutputsOf, TelephonyResource } from "../../core/resource";
import type { verigatorUserFields } from "./schema";
import { verigatorUser } from "./descriptor";

/**
 * Inputs of a {@link VerigatorUser}. Verigator has no update endpoint: changing any of them replaces the user
 * (it gets a new `userId`). A bad value fails at `pulumi preview`.
 * Derived from the schema's fields (`verigatorUserFields`), where each property and its documentation are declared.
 */
export interface VerigatorUserArgs extends ArgsOf<typeof verigatorUserFields>, AdoptArgs {}

/** The input properties, as outputs: declared once, with their documentation, in the schema (`verigatorUserFields`). */
export interface VerigatorUser extends OutputsOf<typeof verigatorUserFields> {}

/**
 * A user of a Messente Verigator service (`/v1/service/service/{serviceId}/users`), id `serviceId/userId`.
 * Messente marks the Verigator API deprecated in favour of its Number Verification API.
 */
export class VerigatorUser extends TelephonyResource {
    /** Verigator's id of the user (a uuid); the resource id is `serviceId/userId`. */
    declare readonly userId: pulumi.Output<string>;
    /** When Verigator created the user, as Verigator formats it. */
    declare readonly ctime: pulumi.Output<string>;

    constructor(name: string, args: VerigatorUserArgs, opts?: pulumi.CustomResourceOptions) {
        super(verigatorUser, name, args, opts);
    }
}
