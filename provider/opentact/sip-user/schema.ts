import { z } from "zod";
import { InputSchema, Rule, exactlyOne, isUnknown, rules } from "../../core/validation";
import { sipUser } from "./descriptor";

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

const optional = <T extends z.ZodType>(t: T) => t.optional();

/** `dob` is a date-time [seed]; a bare date means midnight UTC. Normalized to `YYYY-MM-DDTHH:MM:SSZ`. */
const dob = z
    .string({ error: "must be a string" })
    .refine((s) => /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/.test(s) && !Number.isNaN(Date.parse(s)), {
        error: "must be an ISO 8601 date or date-time such as 1990-05-17 or 1990-05-17T00:00:00Z",
    })
    .transform(normalizeDob);

export function normalizeDob(s: string): string {
    return new Date(/T/.test(s) ? s : `${s}T00:00:00Z`).toISOString().replace(/\.\d{3}Z$/, "Z");
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** The domain API (Generation B) knows only three genders [S]. */
export const DOMAIN_GENDERS = ["Male", "Female", "Other"];

/** A host name: dot-separated labels of letters, digits and inner hyphens, at most 253 characters. */
const HOST_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$/i;

/**
 * Which gender list applies, and whether `phoneNumber` may start with `+`, depends on the parent: the seed types a
 * connection user's `phone_number` a number, while the domain pages show `"+1234567890"` [D].
 */
const generationRule: Rule = (present, values) => {
    const domain = present("sipDomain");
    const phone = values.phoneNumber;
    if (!domain && typeof phone === "string" && !isUnknown(phone) && phone.startsWith("+")) {
        return { property: "phoneNumber", reason: `phoneNumber must be 3 to 16 digits without + for users under a SIP connection (the seed types it a number); got ${JSON.stringify(phone)}` };
    }
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

/** Validation for SipUser; constraints from the seed, inferred ones marked. */
export function sipUserSchema(isNew: boolean): InputSchema {
    return {
        fields: {
            sipConnectionUuid: optional(rules.uuid()),
            sipDomain: optional(
                z
                    .string({ error: "must be a string" })
                    .regex(HOST_NAME, { error: "must be the SIP domain's name, a host name such as acme.sip.opentact.org" })
                    .transform((s) => s.toLowerCase()),
            ),
            // Refused, naming its replacement: OpenTact addresses a SIP domain by its name, never by a uuid [D].
            sipDomainUuid: z.undefined({ error: "is not accepted: OpenTact addresses a SIP domain by its name; set sipDomain (e.g. acme.sip.opentact.org) instead" }),
            // 7..15 on create, 3..60 on PATCH [seed]: a new user is held to the create rule.
            login: isNew ? rules.string(7, 15) : rules.string(3, 60),
            // No constraint survives in the seed; an empty password is refused [I]. Required to create a user; an
            // adopted one may leave it out and keeps its current password (requiredOnCreate).
            password: optional(z.string({ error: "must be a string" }).min(1, { error: "must not be empty" }).max(255, { error: "must be at most 255 characters" })),
            firstName: optional(rules.string(1, 24)),
            lastName: optional(rules.string(1, 24)),
            email: optional(rules.string(6, 80).pipe(z.email({ error: "must be an email address" }))),
            phoneNumber: optional(z.string({ error: "must be a string of digits" }).regex(/^\+?\d{3,16}$/, { error: "must be 3 to 16 digits (a leading + only under a SIP domain)" })),
            avatar: optional(rules.string(10, 255)),
            dob: optional(dob),
            // Which list applies depends on the parent (connection or domain): checked by the rule below.
            gender: optional(z.enum([...GENDERS, "Male", "Female"], { error: `must be one of OpenTact's values (${GENDERS.slice(0, 4).join(", ")}, …, Two-Spirit)` })),
            remoteIp: optional(rules.string(7, 15).pipe(z.string().regex(IPV4, { error: "must be an IPv4 address" }))),
        },
        rules: [exactlyOne("sipConnectionUuid", "sipDomain"), generationRule],
        secret: sipUser.secretInputs,
        requiredOnCreate: ["password"],
    };
}
