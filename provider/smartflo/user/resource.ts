import * as pulumi from "@pulumi/pulumi";
import { AdoptArgs, TelephonyResource } from "../../core/resource";
import { smartfloUser } from "./descriptor";
import type { CDR_TYPES } from "./schema";

/**
 * Inputs of a {@link SmartfloUser}. Types are Smartflo's; a bad value fails at `pulumi preview`.
 * The API's type quirks (`user_role` and `caller_id` are numbers on create but strings on PATCH) are
 * handled by the provider: always give numbers here.
 */
export interface SmartfloUserArgs extends AdoptArgs {
    /** The user's name, 1 to 100 characters. */
    name: pulumi.Input<string>;
    /** The user's mobile number: 10 to 15 digits, optionally starting with `+`. */
    number: pulumi.Input<string>;
    /** The user's email address. Compared case-insensitively. */
    email: pulumi.Input<string>;
    /** Login id for web login (e.g. `testuser`), no spaces. The key `adopt` matches on. */
    loginId: pulumi.Input<string>;
    /** Role id (from `GET /v1/roles`, or the role's URL in the portal): a positive integer. */
    userRole: pulumi.Input<number>;
    /**
     * Web-login password, 8 to 128 characters. Always stored as a secret. Write-only at Smartflo: a change
     * made outside Pulumi cannot be detected. Required to create a user; with `adopt: true` it may be left out, and
     * the adopted user keeps its current password.
     */
    password?: pulumi.Input<string>;
    /**
     * Ids of the account's numbers the user may call from ("My Numbers"); at least one. Not shown by the API's read:
     * out-of-band changes are not detected. Required to create a user; with `adopt: true` it may be left out, and the
     * adopted user keeps its current caller ids.
     */
    callerId?: pulumi.Input<pulumi.Input<number>[]>;
    /** Agent groups to put the user in (e.g. `sales`). Not shown by the API's read: out-of-band changes are not detected. */
    agentGroup?: pulumi.Input<pulumi.Input<string>[]>;
    /** Block the user (Smartflo's `block_agent`); unblocked when false. */
    blocked?: pulumi.Input<boolean>;
    /** Allow international outbound calls (needs an agent). */
    internationalOutbound?: pulumi.Input<boolean>;
    /**
     * The user's designation, 1 to 100 characters. Sent as the PATCH field `destination` (the seed's name; the
     * white-label twin's page says `designation`): `up` reads it back and fails, naming the field, if Smartflo
     * accepted the request without applying it.
     */
    designation?: pulumi.Input<string>;
    /** Block web login. */
    blockWebLogin?: pulumi.Input<boolean>;
    /** Whose call records the user may see: `{ type: "all" | "none" | "user" | "agent", value?: [ids] }`. */
    userForCdr?: pulumi.Input<{ type: pulumi.Input<(typeof CDR_TYPES)[number]>; value?: pulumi.Input<pulumi.Input<string>[]> }>;
    /** Calls work only while the user is logged in to the application. */
    loginBasedCalling?: pulumi.Input<boolean>;
    /** Create a calling agent for the user. Default true. Create-only: changing it replaces the user. Not observable. */
    createAgent?: pulumi.Input<boolean>;
    /** Create a web login for the user; sent as true when not declared. Create-only: changing it replaces the user. Not observable. */
    createWebLogin?: pulumi.Input<boolean>;
    /** Department ids (positive integers). Create-only: changing them replaces the user. Not observable. */
    department?: pulumi.Input<pulumi.Input<number>[]>;
    /** The agent's time group, e.g. `"Evening Shift"` (1 to 100 characters). Create-only: changing it replaces the user. */
    timeGroup?: pulumi.Input<string>;
    /** Failover destinations (strings, at least one). Create-only: changing them replaces the user. Not observable. */
    failoverDestination?: pulumi.Input<pulumi.Input<string>[]>;
    /** Assign an extension to the agent. Create-only: changing it replaces the user. Not observable. */
    assignExtension?: pulumi.Input<boolean>;
    /** How calls reach the user: 0 (only the agent), 1 or 2, as Smartflo numbers them. Create-only: changing it replaces the user. Not observable. */
    routeCallThrough?: pulumi.Input<0 | 1 | 2>;
}

/**
 * A Tata Smartflo user (`/v1/user`). Created with `POST /v1/user` (plus one PATCH for the fields only PATCH
 * takes: `blocked`, `internationalOutbound`, `designation`); changes are one PATCH carrying only the changed
 * fields; a change of a create-only property replaces the user (deleting the old one first while it shares
 * its login id, email or number with the new one).
 */
export class SmartfloUser extends TelephonyResource {
    /** The user's name. */
    declare readonly name: pulumi.Output<string>;
    /** The user's mobile number. */
    declare readonly number: pulumi.Output<string>;
    /** The user's email address. */
    declare readonly email: pulumi.Output<string>;
    /** Login id for web login; the key `adopt` matches on. */
    declare readonly loginId: pulumi.Output<string>;
    /** Role id. */
    declare readonly userRole: pulumi.Output<number>;
    /** Web-login password. Secret; write-only at Smartflo (out-of-band changes are not detected). */
    declare readonly password: pulumi.Output<string | undefined>;
    /** Ids of the numbers the user calls from. As declared: the API does not show them. */
    declare readonly callerId: pulumi.Output<number[] | undefined>;
    /** Agent groups. As declared: the API does not show them. */
    declare readonly agentGroup: pulumi.Output<string[] | undefined>;
    /** Whether the user is blocked (Smartflo's team member status 0). */
    declare readonly blocked: pulumi.Output<boolean | undefined>;
    /** Whether international outbound calls are allowed. */
    declare readonly internationalOutbound: pulumi.Output<boolean | undefined>;
    /** The user's designation. */
    declare readonly designation: pulumi.Output<string | undefined>;
    /** Whether web login is blocked. */
    declare readonly blockWebLogin: pulumi.Output<boolean | undefined>;
    /** Whose call records the user may see. */
    declare readonly userForCdr: pulumi.Output<{ type: string; value?: string[] } | undefined>;
    /** Whether calls work only while the user is logged in. */
    declare readonly loginBasedCalling: pulumi.Output<boolean | undefined>;
    /** Whether the user was created with an agent. As declared: not observable. */
    declare readonly createAgent: pulumi.Output<boolean>;
    /** Whether the user was created with a web login. As declared: not observable. */
    declare readonly createWebLogin: pulumi.Output<boolean | undefined>;
    /** Department ids. As declared: not observable. */
    declare readonly department: pulumi.Output<number[] | undefined>;
    /** The agent's time group. */
    declare readonly timeGroup: pulumi.Output<string | undefined>;
    /** Failover destinations. As declared: not observable. */
    declare readonly failoverDestination: pulumi.Output<string[] | undefined>;
    /** Whether an extension was assigned at creation. As declared: not observable. */
    declare readonly assignExtension: pulumi.Output<boolean | undefined>;
    /** How calls reach the user (0, 1 or 2). As declared: not observable. */
    declare readonly routeCallThrough: pulumi.Output<number | undefined>;
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
