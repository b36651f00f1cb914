import { z } from "zod";
import { InputSchema, Rule, isUnknown, rules } from "../../core/validation";
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
 * The password's check. The engine prints the raw input value of any check failure that names a property,
 * secrets included (`issueCheckFailures` in pulumi/pkg resource/deploy/step_generator.go), so a bad password
 * is reported without a property; the reason names it. Third-party code generates passwords of 8+
 * characters for this API [O]; the exact policy is unknown [I].
 */
const passwordRule: Rule = (present, values) => {
    // Required to create a user: the core's requiredOnCreate rule (an adopted user may leave it out).
    if (!present("password")) return undefined;
    const v = values.password;
    if (isUnknown(v)) return undefined;
    const problem = typeof v !== "string" ? "must be a string" : v.length < 8 ? "must be at least 8 characters" : v.length > 128 ? "must be at most 128 characters" : undefined;
    return problem && { property: "", reason: `password ${problem}; got [secret]` };
};

/**
 * Validation for SmartfloUser. Types come from the API [seed, D]; lengths and formats the docs do not
 * state are inferred [I] and deliberately loose, so the vendor stays the judge of the details.
 */
export const smartfloUserSchema: InputSchema = {
    fields: {
        name: rules.string(1, 100), // [I] length
        // "Mobile number of the user" [seed]: 10 to 15 digits, optional leading + [I].
        number: z.string({ error: "must be a string" }).regex(/^\+?\d{10,15}$/, { error: "must be a phone number: 10 to 15 digits, optionally starting with +" }),
        email: rules.string(3, 254).pipe(z.email({ error: "must be an email address" })),
        // "login ID for web login, for example testuser" [seed]; emails are used as login ids too [O]. No spaces [I].
        loginId: rules.string(1, 100).pipe(z.string().regex(/^\S+$/, { error: "must not contain spaces" })),
        userRole: id(),
        // Checked by passwordRule below, never by a field schema (see there).
        password: z.unknown(),
        // Required to create a user (requiredOnCreate); Smartflo's read never shows it, so an adopted user may leave it out.
        callerId: z.array(id(), { error: "must be a list of number ids" }).min(1, { error: "must name at least one number id" }).optional(),
        agentGroup: z.array(rules.string(1, 100), { error: "must be a list of agent group names" }).optional(),
        blocked: bool(),
        internationalOutbound: bool(),
        designation: rules.string(1, 100).optional(), // [I] length
        blockWebLogin: bool(),
        userForCdr: z
            .strictObject(
                {
                    type: z.enum(CDR_TYPES, { error: `must be one of ${CDR_TYPES.join(", ")}` }),
                    value: z.array(rules.string(1, 100), { error: "must be a list of strings" }).optional(),
                },
                { error: "must be an object { type, value? }" },
            )
            .optional(),
        loginBasedCalling: bool(),
        // Create-only [D]. create_agent is required by the API; a Smartflo user is normally a calling agent [I].
        createAgent: rules.bool().default(true),
        createWebLogin: bool(),
        department: z.array(id(), { error: "must be a list of department ids" }).optional(),
        timeGroup: rules.string(1, 100).optional(), // a string, e.g. "Evening Shift" [D]; length [I]
        failoverDestination: z
            .array(rules.string(1, 100), { error: "must be a list of failover destinations (strings)" })
            .min(1, { error: "must name at least one failover destination" })
            .optional(), // an array of strings [D]
        assignExtension: bool(), // boolean [O]
        routeCallThrough: z.union([z.literal(0), z.literal(1), z.literal(2)], { error: "must be 0, 1 or 2" }).optional(),
    },
    rules: [passwordRule],
    secret: smartfloUser.secretInputs,
    // Write-only or never shown by the read: an adopted user declared without them keeps its current values.
    requiredOnCreate: ["password", "callerId"],
};

/** Properties only `POST /v1/user` accepts: changing one replaces the user [I: absent from the PATCH table]. */
export const CREATE_ONLY = ["createAgent", "createWebLogin", "department", "timeGroup", "failoverDestination", "assignExtension", "routeCallThrough"] as const;
