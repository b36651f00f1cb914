import { z } from "zod";
import { InputSchema, rules } from "../../core/validation";
import { smartfloUser } from "./descriptor";

/**
 * CDR visibility types: all, none, selected users [O: a third-party model lists these three], and agents [D: the
 * white-label twin's PATCH example sends `"type": "agent"`]. The full set is not documented.
 */
export const CDR_TYPES = ["all", "none", "user", "agent"] as const;

/** A positive id; a string of digits (as copied from a portal URL) is accepted and becomes a number. */
const id = () =>
    z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)], { error: "must be a positive integer id" }).pipe(
        z.number().int({ error: "must be a positive integer id" }).positive({ error: "must be a positive integer id" }),
    );

const bool = () => rules.bool().optional();

/**
 * The inputs of a SmartfloUser, each declared once: its schema is the check at preview, its TSDoc the documentation
 * an IDE shows on `SmartfloUserArgs` (derived from these fields) and the README's property table. Types come from
 * the API [seed, D]; lengths and formats the docs do not state are inferred [I] and deliberately loose, so the vendor
 * stays the judge of the details.
 */
export const smartfloUserFields = {
    /** The user's name, 1 to 100 characters. */
    name: rules.string(1, 100), // [I] length
    // "Mobile number of the user" [seed]: 10 to 15 digits, optional leading + [I].
    /** The user's mobile number: 10 to 15 digits, optionally starting with `+`. */
    number: z.string({ error: "must be a string" }).regex(/^\+?\d{10,15}$/, { error: "must be a phone number: 10 to 15 digits, optionally starting with +" }),
    /** The user's email address. Compared case-insensitively. */
    email: rules.string(3, 254).pipe(z.email({ error: "must be an email address" })),
    // "login ID for web login, for example testuser" [seed]; emails are used as login ids too [O]. No spaces [I].
    /** Login id for web login (e.g. `testuser`), no spaces. The key `adopt` matches on. */
    loginId: rules.string(1, 100).pipe(z.string().regex(/^\S+$/, { error: "must not contain spaces" })),
    /** Role id (from `GET /v1/roles`, or the role's URL in the portal): a positive integer (a string of digits is accepted too). */
    userRole: id(),
    // A secret: a failure names no property (the engine would print the value) and masks the value (core validate).
    // Third-party code generates passwords of 8+ characters for this API [O]; the exact policy is unknown [I].
    /**
     * Web-login password, 8 to 128 characters. Always stored as a secret. Write-only at Smartflo: a change
     * made outside Pulumi cannot be detected. Required to create a user; with `adopt: true` it may be left out, and
     * the adopted user keeps its current password.
     */
    password: z
        .string({ error: "must be a string" })
        .min(8, { error: "must be at least 8 characters" })
        .max(128, { error: "must be at most 128 characters" })
        .optional(),
    // Required to create a user (requiredOnCreate); Smartflo's read never shows it, so an adopted user may leave it out.
    /**
     * Ids of the account's numbers the user may call from ("My Numbers"); at least one. Not shown by the API's read:
     * out-of-band changes are not detected. Required to create a user; with `adopt: true` it may be left out, and the
     * adopted user keeps its current caller ids.
     */
    callerId: z.array(id(), { error: "must be a list of number ids" }).min(1, { error: "must name at least one number id" }).optional(),
    /** Agent groups to put the user in (e.g. `sales`). Not shown by the API's read: out-of-band changes are not detected. */
    agentGroup: z.array(rules.string(1, 100), { error: "must be a list of agent group names" }).optional(),
    /** Block the user (Smartflo's `block_agent`); unblocked when false. */
    blocked: bool(),
    /** Allow international outbound calls (needs an agent). */
    internationalOutbound: bool(),
    /**
     * The user's designation, 1 to 100 characters. Sent as the PATCH field `destination` (the seed's name; the
     * white-label twin's page says `designation`): `up` reads it back and fails, naming the field, if Smartflo
     * accepted the request without applying it.
     */
    designation: rules.string(1, 100).optional(), // [I] length
    /** Block web login. */
    blockWebLogin: bool(),
    /** Whose call records the user may see: `{ type: "all" | "none" | "user" | "agent", value?: [ids] }`. */
    userForCdr: z
        .strictObject(
            {
                type: z.enum(CDR_TYPES, { error: `must be one of ${CDR_TYPES.join(", ")}` }),
                value: z.array(rules.string(1, 100), { error: "must be a list of strings" }).optional(),
            },
            { error: "must be an object { type, value? }" },
        )
        .optional(),
    /** Calls work only while the user is logged in to the application. */
    loginBasedCalling: bool(),
    // Create-only [D]. create_agent is required by the API; a Smartflo user is normally a calling agent [I].
    /** Create a calling agent for the user. Default true. Create-only: changing it replaces the user. Not observable. */
    createAgent: rules.bool().default(true),
    /** Create a web login for the user; sent as true when not declared. Create-only: changing it replaces the user. Not observable. */
    createWebLogin: bool(),
    /** Department ids (positive integers). Create-only: changing them replaces the user. Not observable. */
    department: z.array(id(), { error: "must be a list of department ids" }).optional(),
    /** The agent's time group, e.g. `"Evening Shift"` (1 to 100 characters). Create-only: changing it replaces the user. */
    timeGroup: rules.string(1, 100).optional(), // a string, e.g. "Evening Shift" [D]; length [I]
    /** Failover destinations (strings, at least one). Create-only: changing them replaces the user. Not observable. */
    failoverDestination: z
        .array(rules.string(1, 100), { error: "must be a list of failover destinations (strings)" })
        .min(1, { error: "must name at least one failover destination" })
        .optional(), // an array of strings [D]
    /** Assign an extension to the agent. Create-only: changing it replaces the user. Not observable. */
    assignExtension: bool(), // boolean [O]
    /** How calls reach the user: 0 (only the agent), 1 or 2, as Smartflo numbers them. Create-only: changing it replaces the user. Not observable. */
    routeCallThrough: z.union([z.literal(0), z.literal(1), z.literal(2)], { error: "must be 0, 1 or 2" }).optional(),
};

export const smartfloUserSchema: InputSchema = {
    fields: smartfloUserFields,
    rules: [],
    secret: smartfloUser.secretInputs,
    // Write-only or never shown by the read: an adopted user declared without them keeps its current values.
    requiredOnCreate: ["password", "callerId"],
};

/** Properties only `POST /v1/user` accepts: changing one replaces the user [I: absent from the PATCH table]. */
export const CREATE_ONLY = ["createAgent", "createWebLogin", "department", "timeGroup", "failoverDestination", "assignExtension", "routeCallThrough"] as const;
