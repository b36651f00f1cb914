/**
 * The policies of the telephony pack as documentation: name, why, enforcement level and configuration. The pack
 * (pack.ts) takes its metadata from here, and the README's policy table lists the same (a test checks it).
 * Loading this module does not start a policy pack.
 */
import { EnforcementLevel } from "@pulumi/policy";
import { typeNameOf } from "../provider/core/descriptor";
import { RESOURCES } from "../provider/registry";
import { KindFacts, policyFacts } from "./rules";

/** What the README's policy table lists, per policy: kept here so the metadata and the docs say the same. */
export interface PolicyDoc {
    name: string;
    enforcementLevel: EnforcementLevel;
    description: string;
    /** Configuration properties beside `enforcementLevel`, with their defaults. */
    config: Record<string, { type: string; default?: unknown; description: string }>;
}

export const DEFAULT_MIN_PASSWORD_LENGTH = 12;

// The kinds and properties a policy covers, as its description names them: from the attribute declarations' tags.
const FACTS = policyFacts();
const and = (xs: string[]) => (xs.length < 2 ? xs.join("") : `${xs.slice(0, -1).join(", ")} and ${xs[xs.length - 1]}`);
const or = (xs: string[]) => and(xs).replace(/ and ([^,]*)$/, " or $1");
const properties = (pick: (f: KindFacts) => readonly string[]) => RESOURCES.flatMap((d) => pick(FACTS.get(d.kind)!).map((k) => `${typeNameOf(d.kind)}.${k}`));
const kinds = (has: (f: KindFacts) => unknown) => RESOURCES.filter((d) => has(FACTS.get(d.kind)!)).map((d) => typeNameOf(d.kind));
const NUMBER_KINDS = kinds((f) => f.uniqueNumbers.length);

export const POLICIES: PolicyDoc[] = [
    {
        name: "smartflo-international-outbound",
        enforcementLevel: "mandatory",
        description:
            "International outbound calling is a toll-fraud risk: a SmartfloUser may set internationalOutbound only when its loginId is on the allow-list (empty by default).",
        config: { allowedLoginIds: { type: "array", default: [], description: "Smartflo login ids allowed international outbound calling." } },
    },
    {
        name: "phone-number-e164",
        enforcementLevel: "mandatory",
        description:
            `Every phone number (${properties((f) => f.phoneNumbers.map((p) => p.key)).join(", ")}) is a valid number by its property's rule, parsed as the provider parses it: any spelling, national forms read in the stack's telephony:defaultRegion (else the vendor's home region).`,
        config: {},
    },
    {
        name: "phone-number-unique",
        enforcementLevel: "mandatory",
        description:
            `No number is declared twice in a stack across ${and(NUMBER_KINDS)}, compared in E.164 whatever the spelling: two owners of one number misroute calls and codes.`,
        config: {},
    },
    {
        name: "inactive-user-no-number",
        enforcementLevel: "mandatory",
        description:
            `A blocked Smartflo agent or a removed user keeps no assigned number: no ${or(kinds((f) => f.assignees.length))} for a blocked agent's loginId (or computed from its resource), nothing for a login on removedUsers, and no number of a suspended person (a \`Person\` with status suspended) or of a person on removedUsers.`,
        config: { removedUsers: { type: "array", default: [], description: "Login ids, usernames or user ids of removed (offboarded) people." } },
    },
    {
        name: "password-strength",
        enforcementLevel: "mandatory",
        description:
            `${and(kinds((f) => f.password && f.login))} passwords have at least minLength characters and differ from the login. Values are never shown; a password unknown at preview is checked at up.`,
        config: { minLength: { type: "integer", default: DEFAULT_MIN_PASSWORD_LENGTH, description: "The shortest password allowed." } },
    },
    {
        name: "chime-end-of-support",
        enforcementLevel: "advisory",
        description:
            "AWS ended support for Amazon Chime on 2026-02-20: a ChimeUserNumber against AWS's own endpoint (no telephony:chimeEndpoint) is expected to fail. Read from the stack config the engine hands the pack, CHIME_ENDPOINT, or this policy's chimeEndpoint.",
        config: { chimeEndpoint: { type: "string", description: "The stack's telephony:chimeEndpoint, for CLIs that do not hand the pack the stack config." } },
    },
];

