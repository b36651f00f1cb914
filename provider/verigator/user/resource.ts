import * as pulumi from "@pulumi/pulumi";
import { AdoptArgs, TelephonyResource } from "../../core/resource";
import { verigatorUser } from "./descriptor";

/**
 * Inputs of a {@link VerigatorUser}. Verigator has no update endpoint: changing any of them replaces the user
 * (it gets a new `userId`). A bad value fails at `pulumi preview`.
 */
export interface VerigatorUserArgs extends AdoptArgs {
    /** The Verigator service the user belongs to: its id, one URL path segment (no `/`, no whitespace, 1 to 256 characters). */
    serviceId: pulumi.Input<string>;
    /**
     * The user's name in your service (`id_in_service`), 1 to 255 characters. Unique within the service: the key
     * `adopt` matches on. Keeping it while changing `phoneNumber` deletes the old user before creating the new one.
     */
    idInService: pulumi.Input<string>;
    /**
     * The phone number Verigator sends codes to, E.164 (`+` then 2 to 15 digits, no leading zero). Verigator never
     * returns it, so a change made outside Pulumi cannot be detected: the value in state is the declared one.
     * Required to create a user; with `adopt: true` it may be left out (the user keeps its number). Declaring it
     * on such a user later replaces the user (Verigator cannot change a number in place).
     */
    phoneNumber?: pulumi.Input<string>;
}

/**
 * A user of a Messente Verigator service (`/v1/service/service/{serviceId}/users`), id `serviceId/userId`.
 * Messente marks the Verigator API deprecated in favour of its Number Verification API.
 */
export class VerigatorUser extends TelephonyResource {
    /** Verigator's id of the user (a uuid); the resource id is `serviceId/userId`. */
    declare readonly userId: pulumi.Output<string>;
    /** When Verigator created the user, as Verigator formats it. */
    declare readonly ctime: pulumi.Output<string>;
    /** The service the user belongs to. */
    declare readonly serviceId: pulumi.Output<string>;
    /** The user's name in the service. */
    declare readonly idInService: pulumi.Output<string>;
    /** The declared phone number (Verigator never returns it). */
    declare readonly phoneNumber: pulumi.Output<string | undefined>;

    constructor(name: string, args: VerigatorUserArgs, opts?: pulumi.CustomResourceOptions) {
        super(verigatorUser, name, args, opts);
    }
}
