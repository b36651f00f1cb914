import { computed, input, lowercase, phoneNumber } from "../../core/attributes";
import { Rule, isUnknown } from "../../core/validation";

/** The gender values the seed's enum lists (Generation A). */
export const GENDERS = [
    "Agender", "Androgyne", "Androgynous", "Bigender", "Cis", "Cisgender", "Cis Female", "Cis Male", "Cis Man",
    "Cis Woman", "Cisgender Female", "Cisgender Male", "Cisgender Man", "Cisgender Woman", "Female to Male", "FTM",
    "Gender Fluid", "Gender Nonconforming", "Gender Questioning", "Gender Variant", "Genderqueer", "Intersex",
    "Male to Female", "MTF", "Neither", "Neutrois", "Non-binary", "Other", "Pangender", "Trans", "Trans Female",
    "Trans Male", "Trans Man", "Trans Person", "Trans Woman", "Transfeminine", "Transgender", "Transgender Female",
    "Transgender Male", "Transgender Man", "Transgender Person", "Transgender Woman", "Transmasculine", "Transsexual",
    "Transsexual Female", "Transsexual Male", "Transsexual Man", "Transsexual Person", "Transsexual Woman", "Two-Spirit",
] as const;

/** An ISO 8601 date or date-time [seed: `dob` is a date-time]. */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/;

/** A date of birth as stored and compared: `YYYY-MM-DDTHH:MM:SSZ`, a bare date meaning midnight UTC. */
export function normalizeDob(s: string): string {
    return new Date(/T/.test(s) ? s : `${s}T00:00:00Z`).toISOString().replace(/\.\d{3}Z$/, "Z");
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** The domain API (Generation B) knows only three genders [S]. */
export const DOMAIN_GENDERS = ["Male", "Female", "Other"];

/** A host name: dot-separated labels of letters, digits and inner hyphens, at most 253 characters. */
const HOST_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$/i;

/**
 * Which gender list applies depends on the parent (the domain API knows three [S]). How `phoneNumber` is sent depends
 * on it too, but not what may be written: the adapter sends each parent's form (see the attribute).
 */
const generationRule: Rule = (present, values) => {
    const domain = present("sipDomain");
    const g = values.gender;
    if (typeof g !== "string" || isUnknown(g)) return undefined;
    if (domain && !DOMAIN_GENDERS.includes(g)) {
        return { property: "gender", reason: `gender must be one of ${DOMAIN_GENDERS.join(", ")} for users under a SIP domain; got ${JSON.stringify(g)}` };
    }
    if (!domain && !(GENDERS as readonly string[]).includes(g)) {
        return { property: "gender", reason: `gender must be one of the seed's values for users under a SIP connection (Agender, …, Two-Spirit); got ${JSON.stringify(g)}` };
    }
    return undefined;
};

/**
 * The attributes of a SipUser, each declared once with its meaning: its type is the check at preview, its TSDoc the
 * documentation an IDE shows on `SipUserArgs` and `SipUser` (both derived from here), the README's property table
 * and the provider schema's description. Constraints from the seed, inferred ones marked.
 */
export const sipUserAttributes = {
    /** The SIP connection the user belongs to (lowercase UUID). Changing it replaces the user. Exactly one of this and `sipDomain`. */
    sipConnectionUuid: input((t) => t.uuid().optional(), { replaceOnChange: true, exactlyOneOf: "parent" }),
    /**
     * The name of the SIP domain the user belongs to, e.g. `acme.sip.opentact.org` (OpenTact's newer API
     * addresses domains by name). A host name; compared case-insensitively. Changing it replaces the user.
     * Exactly one of this and `sipConnectionUuid`.
     */
    sipDomain: input(
        (t) => t.z.string({ error: "must be a string" }).regex(HOST_NAME, { error: "must be the SIP domain's name, a host name such as acme.sip.opentact.org" }).optional(),
        { replaceOnChange: true, exactlyOneOf: "parent", normalize: lowercase, storeNormalized: true },
    ),
    /** @deprecated Refused at preview: OpenTact addresses a SIP domain by its name, not a uuid. Use `sipDomain`. */
    // Refused, naming its replacement: OpenTact addresses a SIP domain by its name, never by a uuid [D].
    sipDomainUuid: input((t) => t.z.undefined({ error: "is not accepted: OpenTact addresses a SIP domain by its name; set sipDomain (e.g. acme.sip.opentact.org) instead" })),
    /** SIP username: 7 to 15 characters for a new user (3 to 60 when renaming an existing one). The key `adopt` matches on. */
    // 7..15 on create, 3..60 on PATCH [seed]: a new user is held to the create rule (the adapter's createSchema).
    login: input((t) => t.string(3, 60), { tags: ["login"] }),
    /**
     * SIP password. Always stored as a secret; write-only at OpenTact, whose `ha1` digest reveals out-of-band changes.
     * Required to create a user; with `adopt: true` it may be left out, and the adopted user keeps its current password.
     */
    // No constraint survives in the seed; an empty password is refused [I].
    password: input((t) => t.z.string({ error: "must be a string" }).min(1, { error: "must not be empty" }).max(255, { error: "must be at most 255 characters" }).optional(), {
        secret: true,
        requiredOnCreate: true,
        tags: ["password"],
    }),
    /** 1 to 24 characters. */
    firstName: input((t) => t.string(1, 24).optional()),
    /** 1 to 24 characters. */
    lastName: input((t) => t.string(1, 24).optional()),
    /** 6 to 80 characters, an email address. Compared case-insensitively. */
    email: input((t) => t.string(6, 80).pipe(t.z.email({ error: "must be an email address" })).optional(), { normalize: lowercase }),
    /**
     * The user's phone number, in any spelling: international (`+1 202 982 2917`, `0012029822917`) or national, read in
     * the stack's `telephony:defaultRegion`, else as a US/Canada number (OpenTact's numbers are [D]). It must have an
     * existing country code and at most 15 digits; it is not held to the numbering plan, since OpenTact's own example
     * (`+1234567890`) is outside it. Stored in E.164 (`+12029822917`); sent as OpenTact's digits, `12029822917`, for a
     * user under a connection (the seed types it a number of 3 to 16 digits), and with its `+` under a domain (as the
     * domain pages show it).
     */
    // [D] the order API's `tn: 12029822917` (country code and number, no +); the connection user's phone_number in the
    // same digits is inferred [I]. [D] "numbers throughout the United States and Canada": the home region.
    phoneNumber: phoneNumber((t) => t.z.string({ error: "must be a string" }).optional(), { plan: "e164", homeRegion: "US" }),
    /** Avatar URL, 10 to 255 characters. */
    avatar: input((t) => t.string(10, 255).optional()),
    /** Date of birth, ISO 8601 (`1990-05-17` or `1990-05-17T00:00:00Z`); stored as a UTC date-time. */
    dob: input(
        (t) =>
            t.z
                .string({ error: "must be a string" })
                .refine((s) => ISO_DATE.test(s) && !Number.isNaN(Date.parse(s)), { error: "must be an ISO 8601 date or date-time such as 1990-05-17 or 1990-05-17T00:00:00Z" })
                .optional(),
        { normalize: (v) => (typeof v === "string" ? normalizeDob(v) : v), storeNormalized: true },
    ),
    /** One of OpenTact's gender values (`Agender` … `Two-Spirit`); for a user under a SIP domain `Male`, `Female` or `Other`. */
    // Which list applies depends on the parent (connection or domain): checked by generationRule.
    gender: input((t) => t.z.enum([...GENDERS, "Male", "Female"], { error: `must be one of OpenTact's values (${GENDERS.slice(0, 4).join(", ")}, …, Two-Spirit)` }).optional()),
    /** Remote SIP service IP (IPv4, 7 to 15 characters), for users under a connection or a domain. */
    remoteIp: input((t) => t.string(7, 15).pipe(t.z.string().regex(IPV4, { error: "must be an IPv4 address" })).optional()),

    /** OpenTact's id of the user (also the resource id). */
    uuid: computed((t) => t.z.string()),
    /** SIP digest HA1 = MD5(login:realm:password). Secret: it authenticates as the user. */
    ha1: computed((t) => t.z.string(), { secret: true }),
    /** SIP digest HA1B (login@realm variant). Secret. */
    ha1b: computed((t) => t.z.string(), { secret: true }),
    /** When OpenTact created the user (ISO 8601). */
    createdOn: computed((t) => t.z.string()),
    /** When OpenTact last changed the user (ISO 8601). */
    modifiedOn: computed((t) => t.z.string()),
};

/** Cross-property rules beside the exactly-one parent: the parent's generation of the API decides gender and phone rules. */
export const sipUserRules: Rule[] = [generationRule];
