import * as pulumi from "@pulumi/pulumi";
import { AdoptArgs, ArgsOf, TelephonyResource } from "../../core/resource";
import type { smartfloUserFields } from "./schema";
import { smartfloUser } from "./descriptor";

/**
 * Inputs of a {@link SmartfloUser}. Types are Smartflo's; a bad value fails at `pulumi preview`.
 * The API's type quirks (`user_role` and `caller_id` are numbers on create but strings on PATCH) are
 * handled by the provider. Derived from the schema's fields (`smartfloUserFields`), where each property and its documentation are declared.
 */
export interface SmartfloUserArgs extends ArgsOf<typeof smartfloUserFields>, AdoptArgs {}

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
