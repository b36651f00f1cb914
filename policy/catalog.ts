/**
 * The policies of the telephony pack as documentation: name, why, enforcement level and configuration. The pack
 * (pack.ts) takes its metadata from here, and the README's policy table lists the same (a test checks it).
 * Loading this module does not start a policy pack.
 */
import { EnforcementLevel } from "@pulumi/policy";

/** What the README's policy table lists, per policy: kept here so the metadata and the docs say the same. */
export interface PolicyDoc {
    name: string;
    enforcementLevel: EnforcementLevel;
    description: string;
    /** Configuration properties beside `enforcementLevel`, with their defaults. */
    config: Record<string, { type: string; default?: unknown; description: string }>;
}

export const DEFAULT_MIN_PASSWORD_LENGTH = 12;

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
            "Every phone number (NumberAssignment.number, ChimeUserNumber.e164PhoneNumber, VerigatorUser.phoneNumber, SmartfloUser.number) is E.164: + then 2 to 15 digits, no leading zero, so numbers compare and route the same everywhere.",
        config: {},
    },
    {
        name: "phone-number-unique",
        enforcementLevel: "mandatory",
        description:
            "No number is declared twice in a stack across NumberAssignment, ChimeUserNumber, VerigatorUser and SmartfloUser: two owners of one number misroute calls and codes.",
        config: {},
    },
    {
        name: "inactive-user-no-number",
        enforcementLevel: "mandatory",
        description:
            "A blocked Smartflo agent or a removed user keeps no assigned number: no NumberAssignment, ChimeUserNumber or VerigatorUser for a blocked agent's loginId (or computed from its resource), and nothing for a login on removedUsers.",
        config: { removedUsers: { type: "array", default: [], description: "Login ids, usernames or user ids of removed (offboarded) people." } },
    },
    {
        name: "password-strength",
        enforcementLevel: "mandatory",
        description:
            "SipUser and SmartfloUser passwords have at least minLength characters and differ from the login. Values are never shown; a password unknown at preview is checked at up.",
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

