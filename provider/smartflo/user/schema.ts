import { TypeKit, computed, input, lowercase, phoneNumber, sortedNumbers, sortedStrings, toNumber } from "../../core/attributes";

/**
 * CDR visibility types: all, none, selected users [O: a third-party model lists these three], and agents [D: the
 * white-label twin's PATCH example sends `"type": "agent"`]. The full set is not documented.
 */
export const CDR_TYPES = ["all", "none", "user", "agent"] as const;

/** A positive id; a string of digits (as copied from a portal URL) is accepted and becomes a number. */
const id = ({ z }: TypeKit) =>
    z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)], { error: "must be a positive integer id" }).pipe(
        z.number().int({ error: "must be a positive integer id" }).positive({ error: "must be a positive integer id" }),
    );

const bool = (t: TypeKit) => t.bool().optional();

/** Whose call records the user may see, as compared: the type and the ids in any order. */
function cdrForm(v: unknown): unknown {
    if (!v || typeof v !== "object") return v;
    const c = v as { type: string; value?: unknown[] };
    return { type: c.type, value: sortedStrings(c.value ?? []) };
}

/**
 * The attributes of a SmartfloUser, each declared once with its meaning: its type is the check at preview, its TSDoc
 * the documentation an IDE shows on `SmartfloUserArgs` and `SmartfloUser` (both derived from here), the README's
 * property table and the provider schema's description. Types come from the API [seed, D]; lengths and formats the
 * docs do not state are inferred [I] and deliberately loose, so the vendor stays the judge of the details. Smartflo's
 * read does not show [D] the password, caller ids, agent groups and the create-only properties but the time group:
 * they are not observable. Properties only `POST /v1/user` accepts [I: absent from the PATCH table] replace the user.
 */
export const smartfloUserAttributes = {
    /** The user's name, 1 to 100 characters. */
    name: input((t) => t.string(1, 100)), // [I] length
    // "Mobile number of the user" [seed]. The docs' read shows it as "+91…" [D]; that the create and PATCH take the
    // same form is inferred [I]. Tata Tele Business Services is an Indian operator and every number in its docs is
    // +91 [D]: India is the home region of national forms [I].
    /**
     * The user's mobile number, in any spelling: international (`+91 98123 45678`, `0091…`) or national (`98123 45678`,
     * `098123 45678`), read in the stack's `telephony:defaultRegion`, else as an Indian number. It must be a number of
     * its country's numbering plan. Stored and sent in E.164 (`+919812345678`), the form Smartflo's docs show.
     */
    number: phoneNumber((t) => t.z.string({ error: "must be a string" }), { plan: "valid", homeRegion: "IN" }, { tags: ["unique-number"] }),
    /** The user's email address. Compared case-insensitively. */
    email: input((t) => t.string(3, 254).pipe(t.z.email({ error: "must be an email address" })), { normalize: lowercase }),
    // "login ID for web login, for example testuser" [seed]; emails are used as login ids too [O]. No spaces [I].
    /** Login id for web login (e.g. `testuser`), no spaces. The key `adopt` matches on. */
    loginId: input((t) => t.string(1, 100).pipe(t.z.string().regex(/^\S+$/, { error: "must not contain spaces" })), { tags: ["login"] }),
    /** Role id (from `GET /v1/roles`, or the role's URL in the portal): a positive integer (a string of digits is accepted too). */
    userRole: input(id, { normalize: toNumber }),
    // A secret: a failure names no property (the engine would print the value) and masks the value (core validate).
    // Third-party code generates passwords of 8+ characters for this API [O]; the exact policy is unknown [I].
    /**
     * Web-login password, 8 to 128 characters. Always stored as a secret. Write-only at Smartflo: a change
     * made outside Pulumi cannot be detected. Required to create a user; with `adopt: true` it may be left out, and
     * the adopted user keeps its current password.
     */
    password: input((t) => t.z.string({ error: "must be a string" }).min(8, { error: "must be at least 8 characters" }).max(128, { error: "must be at most 128 characters" }).optional(), {
        secret: true,
        observable: false,
        requiredOnCreate: true,
        tags: ["password"],
    }),
    /**
     * Ids of the account's numbers the user may call from ("My Numbers"); at least one. Not shown by the API's read:
     * out-of-band changes are not detected. Required to create a user; with `adopt: true` it may be left out, and the
     * adopted user keeps its current caller ids.
     */
    callerId: input((t) => t.z.array(id(t), { error: "must be a list of number ids" }).min(1, { error: "must name at least one number id" }).optional(), {
        observable: false,
        requiredOnCreate: true,
        normalize: sortedNumbers,
    }),
    /** Agent groups to put the user in (e.g. `sales`). Not shown by the API's read: out-of-band changes are not detected. */
    agentGroup: input((t) => t.z.array(t.string(1, 100), { error: "must be a list of agent group names" }).optional(), { observable: false, normalize: sortedStrings }),
    /** Block the user (Smartflo's `block_agent`); unblocked when false. */
    blocked: input(bool, { tags: ["blocked"] }),
    /** Allow international outbound calls (needs an agent). */
    internationalOutbound: input(bool, { tags: ["international-calling"] }),
    /**
     * The user's designation, 1 to 100 characters. Sent as the PATCH field `destination` (the seed's name; the
     * white-label twin's page says `designation`): `up` reads it back and fails, naming the field, if Smartflo
     * accepted the request without applying it.
     */
    designation: input((t) => t.string(1, 100).optional()), // [I] length
    /** Block web login. */
    blockWebLogin: input(bool),
    /** Whose call records the user may see: `{ type: "all" | "none" | "user" | "agent", value?: [ids] }`. */
    userForCdr: input(
        ({ z, string }) =>
            z
                .strictObject(
                    {
                        type: z.enum(CDR_TYPES, { error: `must be one of ${CDR_TYPES.join(", ")}` }),
                        value: z.array(string(1, 100), { error: "must be a list of strings" }).optional(),
                    },
                    { error: "must be an object { type, value? }" },
                )
                .optional(),
        { normalize: cdrForm },
    ),
    /** Calls work only while the user is logged in to the application. */
    loginBasedCalling: input(bool),
    // Create-only [D]. create_agent is required by the API; a Smartflo user is normally a calling agent [I].
    /** Create a calling agent for the user. Default true. Create-only: changing it replaces the user. Not observable. */
    createAgent: input((t) => t.bool().default(true), { replaceOnChange: true, observable: false }),
    /** Create a web login for the user; sent as true when not declared. Create-only: changing it replaces the user. Not observable. */
    createWebLogin: input(bool, { replaceOnChange: true, observable: false }),
    /** Department ids (positive integers). Create-only: changing them replaces the user. Not observable. */
    department: input((t) => t.z.array(id(t), { error: "must be a list of department ids" }).optional(), { replaceOnChange: true, observable: false, normalize: sortedNumbers }),
    /** The agent's time group, e.g. `"Evening Shift"` (1 to 100 characters). Create-only: changing it replaces the user. */
    timeGroup: input((t) => t.string(1, 100).optional(), { replaceOnChange: true }), // a string, e.g. "Evening Shift" [D]; length [I]
    /** Failover destinations (strings, at least one). Create-only: changing them replaces the user. Not observable. */
    failoverDestination: input(
        (t) =>
            t.z
                .array(t.string(1, 100), { error: "must be a list of failover destinations (strings)" })
                .min(1, { error: "must name at least one failover destination" })
                .optional(), // an array of strings [D]
        { replaceOnChange: true, observable: false },
    ),
    /** Assign an extension to the agent. Create-only: changing it replaces the user. Not observable. */
    assignExtension: input(bool, { replaceOnChange: true, observable: false }), // boolean [O]
    /** How calls reach the user: 0 (only the agent), 1 or 2, as Smartflo numbers them. Create-only: changing it replaces the user. Not observable. */
    routeCallThrough: input(({ z }) => z.union([z.literal(0), z.literal(1), z.literal(2)], { error: "must be 0, 1 or 2" }).optional(), {
        replaceOnChange: true,
        observable: false,
        normalize: toNumber,
    }),

    /** Smartflo's id of the user's agent, when it has one. */
    agentId: computed((t) => t.z.string().optional()),
    /** The agent's intercom (internal) number, when it has one. */
    intercom: computed((t) => t.z.number().optional()),
    /** The name of the user's role. */
    roleName: computed((t) => t.z.string().optional()),
};
