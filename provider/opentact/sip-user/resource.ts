import * as pulumi from "@pulumi/pulumi";
import { AdoptArgs, TelephonyResource } from "../../core/resource";
import { sipUser } from "./descriptor";
import type { GENDERS } from "./schema";

/** Inputs of a {@link SipUser}. Constraints are OpenTact's; a bad value fails at `pulumi preview`. */
export interface SipUserArgs extends AdoptArgs {
    /** The SIP connection the user belongs to (lowercase UUID). Changing it replaces the user. Exactly one of this and `sipDomain`. */
    sipConnectionUuid?: pulumi.Input<string>;
    /**
     * The name of the SIP domain the user belongs to, e.g. `acme.sip.opentact.org` (OpenTact's newer API
     * addresses domains by name). A host name; compared case-insensitively. Changing it replaces the user.
     * Exactly one of this and `sipConnectionUuid`.
     */
    sipDomain?: pulumi.Input<string>;
    /** @deprecated Refused at preview: OpenTact addresses a SIP domain by its name, not a uuid. Use `sipDomain`. */
    sipDomainUuid?: never;
    /** SIP username: 7 to 15 characters for a new user (3 to 60 when renaming an existing one). The key `adopt` matches on. */
    login: pulumi.Input<string>;
    /**
     * SIP password. Always stored as a secret; write-only at OpenTact, whose `ha1` digest reveals out-of-band changes.
     * Required to create a user; with `adopt: true` it may be left out, and the adopted user keeps its current password.
     */
    password?: pulumi.Input<string>;
    /** 1 to 24 characters. */
    firstName?: pulumi.Input<string>;
    /** 1 to 24 characters. */
    lastName?: pulumi.Input<string>;
    /** 6 to 80 characters, an email address. Compared case-insensitively. */
    email?: pulumi.Input<string>;
    /** 3 to 16 digits; a user under a SIP domain may have a leading `+` (`+1234567890`), one under a connection may not. */
    phoneNumber?: pulumi.Input<string>;
    /** Avatar URL, 10 to 255 characters. */
    avatar?: pulumi.Input<string>;
    /** Date of birth, ISO 8601 (`1990-05-17` or `1990-05-17T00:00:00Z`); stored as a UTC date-time. */
    dob?: pulumi.Input<string>;
    /** One of OpenTact's gender values (`Agender` … `Two-Spirit`); for a user under a SIP domain `Male`, `Female` or `Other`. */
    gender?: pulumi.Input<(typeof GENDERS)[number] | "Male" | "Female">;
    /** Remote SIP service IP (IPv4, 7 to 15 characters), for users under a connection or a domain. */
    remoteIp?: pulumi.Input<string>;
}

/**
 * An OpenTact SIP user (`/rest/sip/connection/{uuid}/users`). Changes other than the connection are one
 * PATCH carrying only the changed fields; a new connection replaces the user.
 */
export class SipUser extends TelephonyResource {
    /** OpenTact's id of the user (also the resource id). */
    declare readonly uuid: pulumi.Output<string>;
    declare readonly sipConnectionUuid: pulumi.Output<string | undefined>;
    /** The SIP domain's name, for a user under a domain. */
    declare readonly sipDomain: pulumi.Output<string | undefined>;
    declare readonly login: pulumi.Output<string>;
    /** Secret. Undefined for an adopted user whose password the program does not declare. */
    declare readonly password: pulumi.Output<string | undefined>;
    declare readonly firstName: pulumi.Output<string | undefined>;
    declare readonly lastName: pulumi.Output<string | undefined>;
    declare readonly email: pulumi.Output<string | undefined>;
    declare readonly phoneNumber: pulumi.Output<string | undefined>;
    declare readonly avatar: pulumi.Output<string | undefined>;
    declare readonly dob: pulumi.Output<string | undefined>;
    declare readonly gender: pulumi.Output<string | undefined>;
    declare readonly remoteIp: pulumi.Output<string | undefined>;
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
