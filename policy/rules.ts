/**
 * The telephony policies as plain functions over resource properties, so each rule is defined once and can be
 * tested without an engine. `pack.ts` wires them into a CrossGuard policy pack (`@pulumi/policy`).
 *
 * Properties come from the engine: for a resource policy the resource's inputs, for a stack policy every
 * resource's outputs (for a resource being created in a preview, its inputs). A value not known until apply
 * (computed from another resource during `preview`) is the engine's unknown sentinel; what each rule does then is
 * said at the rule. Messages name the resource, the property and the rule, and never print a secret.
 *
 * Which property of a kind is a phone number, a login, a password, an assignee, … is not written here: it is the
 * tags of the kind's attribute declarations (`policyFacts`), so a new resource is covered by declaring them.
 */
import { END_OF_SUPPORT_DATE } from "../provider/chime/vendor";
import { chimeUserNumber } from "../provider/chime/user-number/descriptor";
import { InputAttribute, Tag, taggedOf } from "../provider/core/attributes";
import type { ResourceDescriptor } from "../provider/core/descriptor";
import { NumberRule, StackRegion, parseNumber, phoneLib, planRule } from "../provider/core/phone-number";
import { isRequired, isUnknown } from "../provider/core/validation";
import { RESOURCES } from "../provider/registry";
import { kindOfToken } from "../provider/plugin/tokens";

export type Props = Record<string, unknown>;

/** One resource as a policy sees it. */
export interface Subject {
    /** The logical name (the last part of the URN). */
    name: string;
    urn: string;
    /** The telephony kind, e.g. `smartflo:SmartfloUser`; undefined for resources that are not ours. */
    kind: string | undefined;
    props: Props;
    /** URNs of the resources each property's value was computed from (Pulumi's property dependencies). */
    propertyDependencies: Record<string, string[]>;
    /** The URN of its parent (a `Person`, for the resources a person declares). */
    parent?: string;
}

/** A person (a `Person` component) as the stack policies see it: what it records. */
export interface PersonSubject {
    urn: string;
    name: string;
    login: string;
    /** `active` or `suspended`. */
    status: string;
}

export interface Violation {
    message: string;
    /** The resource the violation is about (stack policies name it; resource policies report on their own). */
    urn?: string;
}

export const KIND_PREFIX = "pulumi-nodejs:dynamic/";

/**
 * `opentact:SipUser` for the dynamic resource's `pulumi-nodejs:dynamic/opentact:SipUser` and for the provider
 * plugin's `telephony:opentact:SipUser`: every rule applies to both.
 */
export function kindOf(type: string): string | undefined {
    return type.startsWith(KIND_PREFIX) ? type.slice(KIND_PREFIX.length) : kindOfToken(type);
}

/**
 * A property's value without tripping @pulumi/policy's unknown-checking proxy (which throws on reading an unknown
 * value): the proxy has no `getOwnPropertyDescriptor` trap, so this reads the value underneath.
 */
export function raw(props: Props, key: string): unknown {
    return Object.getOwnPropertyDescriptor(props, key)?.value;
}

const label = (s: Subject) => `${s.name} (${s.kind})`;
const given = (v: unknown) => v !== undefined && v !== null;

/** What the policies know of one kind, from the tags of its attribute declarations (core/attributes.ts). */
export interface KindFacts {
    /** Phone-number properties (`phone-number`), each with whether the resource requires it and its declared rule. */
    phoneNumbers: { key: string; required: boolean; rule: NumberRule }[];
    /** Those only one object may hold, compared as numbers across the stack (`phone-number` and `unique-number`). */
    uniqueNumbers: string[];
    /** The login (`login`): what a password must differ from, and what offboarding lists name. */
    login?: string;
    password?: string;
    /** Properties naming the user a number is assigned to (`assignee`). */
    assignees: string[];
    /** True when the user is blocked (`blocked`). */
    blocked?: string;
    /** True when the user may call abroad (`international-calling`). */
    internationalCalling?: string;
}

/** The facts of every kind of `resources`, by kind: the registry's unless a test hands in others. */
export function policyFacts(resources: readonly ResourceDescriptor[] = RESOURCES): Map<string, KindFacts> {
    return new Map(
        resources.map((d) => {
            const one = (tag: Tag) => taggedOf(d.attributes, tag)[0];
            const facts: KindFacts = {
                phoneNumbers: taggedOf(d.attributes, "phone-number").map((key) => {
                    const a = d.attributes[key] as InputAttribute;
                    if (!a.phone) throw new Error(`${d.kind}.${key} is tagged phone-number without a number rule: declare it with phoneNumber()`);
                    return { key, required: isRequired(a), rule: a.phone };
                }),
                uniqueNumbers: taggedOf(d.attributes, "phone-number", "unique-number"),
                login: one("login"),
                password: one("password"),
                assignees: taggedOf(d.attributes, "assignee"),
                blocked: one("blocked"),
                internationalCalling: one("international-calling"),
            };
            return [d.kind, facts] as const;
        }),
    );
}

let registryFacts: Map<string, KindFacts> | undefined;
/** The registry's facts, derived once. */
const FACTS = () => (registryFacts ??= policyFacts());
const NONE: KindFacts = { phoneNumbers: [], uniqueNumbers: [], assignees: [] };
const factsOf = (s: Subject, facts: Map<string, KindFacts>) => facts.get(s.kind ?? "") ?? NONE;

// ---------------------------------------------------------------- international outbound

export interface InternationalOutboundConfig {
    /** Smartflo login ids allowed to call abroad. Empty by default: nobody. */
    allowedLoginIds: string[];
}

/**
 * International outbound calling is a toll-fraud risk: a user (a Smartflo user's `internationalOutbound`) may have it
 * only when its login id is on the allow-list. An unknown flag or login id at preview cannot be judged:
 * @pulumi/policy then reports that the policy could not run (advisory), and `pulumi up` checks the known values.
 */
export function internationalOutbound(s: Subject, cfg: InternationalOutboundConfig, facts = FACTS()): Violation[] {
    const { internationalCalling: flag, login } = factsOf(s, facts);
    if (!flag || !login) return [];
    if (s.props[flag] !== true) return [];
    const loginId = s.props[login];
    if (typeof loginId === "string" && cfg.allowedLoginIds.includes(loginId)) return [];
    const list = cfg.allowedLoginIds.length ? cfg.allowedLoginIds.map((l) => JSON.stringify(l)).join(", ") : "none";
    return [
        {
            message:
                `${label(s)}: ${flag} is true for ${login} ${JSON.stringify(loginId)}, which is not on the policy's allow-list ` +
                `(allowedLoginIds: ${list}). Rule: international outbound calling only for allow-listed login ids (toll-fraud risk). ` +
                `Set ${flag} to false, or add the login id to allowedLoginIds in the policy pack config.`,
        },
    ];
}

// ---------------------------------------------------------------- phone numbers

/**
 * Every declared phone number is a number by its property's declared rule, parsed as the provider parses it
 * (core/phone-number.ts): any spelling, national forms read in the stack's region (`region`, from the stack config the
 * engine hands the pack) else the vendor's home region. Unknown values are checked at `up`.
 */
export function validNumbers(s: Subject, region: StackRegion = {}, facts = FACTS()): Violation[] {
    const out: Violation[] = [];
    for (const { key, rule } of factsOf(s, facts).phoneNumbers) {
        const v = raw(s.props, key);
        if (!given(v) || isUnknown(v)) continue;
        const p = typeof v === "string" ? parseNumber(v, rule, region) : { ok: false as const, reason: "not a string" };
        if (p.ok) continue;
        out.push({ message: `${label(s)}: ${key} must be ${planRule(rule.plan)}: ${p.reason}; got ${JSON.stringify(v)}. Rule: every phone number a valid number.` });
    }
    return out;
}

/**
 * No number is declared twice in a stack, across every property a number has one holder of (`unique-number`:
 * NumberAssignment, ChimeUserNumber, VerigatorUser and SmartfloUser), compared in E.164 as the provider stores them, so
 * `+1 206-555-0100` and `0012065550100` are the same number. A value that does not parse compares as written. Unknown
 * numbers are skipped at preview (they are compared at `up`).
 */
export function uniqueNumbers(resources: Subject[], region: StackRegion = {}, facts = FACTS()): Violation[] {
    const seen = new Map<string, { s: Subject; key: string; written: string }[]>();
    for (const s of resources) {
        const f = factsOf(s, facts);
        for (const key of f.uniqueNumbers) {
            const v = raw(s.props, key);
            if (typeof v !== "string" || isUnknown(v)) continue;
            const rule = f.phoneNumbers.find((p) => p.key === key)!.rule;
            const p = parseNumber(v, rule, region);
            const k = p.ok ? p.e164 : v;
            seen.set(k, [...(seen.get(k) ?? []), { s, key, written: v }]);
        }
    }
    const out: Violation[] = [];
    for (const [number, uses] of seen) {
        if (uses.length < 2) continue;
        const where = uses.map((u) => `${label(u.s)}.${u.key} (${JSON.stringify(u.written)})`).join(", ");
        for (const u of uses) {
            out.push({
                urn: u.s.urn,
                message: `${label(u.s)}: ${u.key} ${number} is declared ${uses.length} times in this stack (${where}). Rule: a number is assigned once.`,
            });
        }
    }
    return out;
}

/**
 * The stack's region for national number forms: `telephony:defaultRegion` from the stack config in PULUMI_CONFIG (as
 * `chime-end-of-support` reads its endpoint), else TELEPHONY_DEFAULT_REGION, as the provider reads it. A value that is
 * no region is left out (the provider refuses it, naming the key).
 */
export function stackNumberRegion(env: NodeJS.ProcessEnv): StackRegion {
    const configured = stackConfig(env, "telephony:defaultRegion");
    const raw = configured ?? (env.TELEPHONY_DEFAULT_REGION || undefined);
    if (raw === undefined) return {};
    const region = raw.trim().toUpperCase();
    if (!phoneLib().isSupportedCountry(region)) return {};
    return { region, from: configured !== undefined ? "telephony:defaultRegion" : "TELEPHONY_DEFAULT_REGION" };
}

// ---------------------------------------------------------------- inactive users

export interface InactiveUserConfig {
    /** Login ids, usernames or user ids of people who were removed (offboarded): no number may stay assigned to them. */
    removedUsers: string[];
}

/**
 * A blocked Smartflo agent or a removed user keeps no assigned number:
 *  - a resource that assigns a number (its `assignee` property: NumberAssignment, ChimeUserNumber, VerigatorUser)
 *    to a blocked user of the stack (a SmartfloUser's agent) — its user property is that user's login, or is
 *    computed from that user's resource — is a violation (the agent's own caller ids stay: Smartflo requires at
 *    least one on every user);
 *  - a number assigned to a user on the policy's `removedUsers` list is a violation, and so is a user with a login
 *    on that list that still declares a phone number (a SmartfloUser's `number`, a SipUser's `phoneNumber`);
 *  - for people (`persons`, the `Person` components): a resource that assigns a number and belongs to a suspended
 *    person, or to one whose login is on `removedUsers`, is a violation — a person's IPPanel numbers name an IPPanel
 *    user, not the person's login, so they are matched by the person they belong to.
 */
export function inactiveUsers(resources: Subject[], cfg: InactiveUserConfig, facts = FACTS(), persons: PersonSubject[] = []): Violation[] {
    const out: Violation[] = [];
    const removed = new Set(cfg.removedUsers);
    const blocked = resources.filter((s) => {
        const flag = factsOf(s, facts).blocked;
        return flag !== undefined && raw(s.props, flag) === true;
    });
    for (const s of resources) {
        const f = factsOf(s, facts);
        for (const key of f.assignees) {
            const v = raw(s.props, key);
            const known = given(v) && !isUnknown(v);
            const value = known ? String(v) : undefined;
            if (value !== undefined && removed.has(value)) {
                out.push({ urn: s.urn, message: `${label(s)}: ${key} ${JSON.stringify(value)} is a removed user (policy config removedUsers). Rule: a removed user keeps no assigned number. Remove this resource.` });
            }
            for (const agent of blocked) {
                const loginKey = factsOf(agent, facts).login;
                const login = loginKey === undefined ? undefined : raw(agent.props, loginKey);
                const byLogin = value !== undefined && value === login;
                const computed = (s.propertyDependencies[key] ?? []).includes(agent.urn);
                if (byLogin || computed) {
                    out.push({
                        urn: s.urn,
                        message:
                            `${label(s)}: ${key} ${byLogin ? JSON.stringify(value) : "(computed from it)"} assigns a number to ${label(agent)}, whose agent is blocked. ` +
                            `Rule: a blocked Smartflo agent keeps no assigned number. Remove this resource, or unblock the agent.`,
                    });
                }
            }
        }
        if (f.login === undefined || !removed.has(String(raw(s.props, f.login)))) continue;
        for (const { key, required } of f.phoneNumbers) {
            if (!required && !given(raw(s.props, key))) continue;
            out.push({
                urn: s.urn,
                message:
                    `${label(s)}: ${f.login} ${JSON.stringify(raw(s.props, f.login))} is a removed user (policy config removedUsers) and still has ${key} ${JSON.stringify(raw(s.props, key))}. ` +
                    `Rule: a removed user keeps no assigned number. Remove the user${required ? "" : ` or its ${key}`}.`,
            });
        }
    }
    const people = new Map(persons.map((p) => [p.urn, p]));
    for (const s of resources) {
        const person = s.parent === undefined ? undefined : people.get(s.parent);
        if (!person || factsOf(s, facts).assignees.length === 0 || out.some((v) => v.urn === s.urn)) continue;
        const why = person.status === "suspended" ? "who is suspended" : removed.has(person.login) ? "a removed user (policy config removedUsers)" : undefined;
        if (!why) continue;
        out.push({
            urn: s.urn,
            message: `${label(s)}: a number of ${person.login}, ${why}. Rule: a suspended or removed person keeps no number. Remove this resource (a suspended Person declares none).`,
        });
    }
    return out;
}

// ---------------------------------------------------------------- passwords

export interface PasswordConfig {
    /** The shortest password allowed. */
    minLength: number;
}

/**
 * Passwords are at least `minLength` characters and differ from the login (case-insensitively). The value is
 * never printed, nor its length. A password from a secret config value is known at preview and checked then;
 * one computed from another resource is unknown at preview — @pulumi/policy then reports that the policy could
 * not run (advisory) and `pulumi up` checks the real value. (The resource classes mark every password secret
 * whatever the program passed, so the pack cannot tell a literal from a secret.)
 */
export function passwords(s: Subject, cfg: PasswordConfig, facts = FACTS()): Violation[] {
    const { password: passwordKey, login: loginKey } = factsOf(s, facts);
    if (!passwordKey || !loginKey || !given(raw(s.props, passwordKey))) return [];
    // Read through the proxy on purpose: an unknown password makes @pulumi/policy report "can't run during preview".
    const password = s.props[passwordKey];
    if (typeof password !== "string") return [];
    const out: Violation[] = [];
    if (password.length < cfg.minLength) {
        out.push({ message: `${label(s)}: ${passwordKey} is shorter than ${cfg.minLength} characters (value not shown). Rule: passwords have at least minLength (${cfg.minLength}) characters.` });
    }
    const login = s.props[loginKey];
    if (typeof login === "string" && password.toLowerCase() === login.toLowerCase()) {
        out.push({ message: `${label(s)}: ${passwordKey} is the same as ${loginKey} (value not shown). Rule: a password differs from the login.` });
    }
    return out;
}

// ---------------------------------------------------------------- Chime end of support

export interface ChimeConfig {
    /** The API-compatible endpoint the stack uses (`telephony:chimeEndpoint`), when the stack configuration does not reach the pack. */
    chimeEndpoint?: string;
}

/**
 * AWS ended support for Amazon Chime on 2026-02-20 (END_OF_SUPPORT_DATE, the vendor's own constant): from then
 * on, a ChimeUserNumber against AWS's own endpoint is expected to fail. A policy sees resource inputs, not the
 * provider's configuration, so the endpoint comes from the stack configuration the engine hands the pack
 * (`telephony:chimeEndpoint`, in PULUMI_CONFIG) or, for CLIs that do not pass it, the policy's own `chimeEndpoint`.
 * No endpoint means AWS. The date is compared with `now`, the time the policy runs.
 */
export function chimeEndOfSupport(s: Subject, endpoint: string | undefined, now: Date): Violation[] {
    if (s.kind !== chimeUserNumber.kind) return [];
    if (now.toISOString().slice(0, 10) < END_OF_SUPPORT_DATE) return [];
    if (endpoint) return [];
    return [
        {
            message:
                `${label(s)}: AWS ended support for Amazon Chime on ${END_OF_SUPPORT_DATE}, and this stack sets no telephony:chimeEndpoint, ` +
                `so the resource targets AWS's own endpoint, where its user/number API is expected to refuse. Rule: no ChimeUserNumber against AWS ` +
                `after end of support. Use an API-compatible endpoint (telephony:chimeEndpoint), or remove the resource ` +
                `(Amazon Chime SDK Voice has no user/number association).`,
        },
    ];
}

/** A key of the stack config in PULUMI_CONFIG (JSON of `ns:key` → value), if set. */
function stackConfig(env: NodeJS.ProcessEnv, key: string): string | undefined {
    try {
        const config = JSON.parse(env.PULUMI_CONFIG ?? "{}") as Record<string, unknown>;
        const v = config[key];
        return typeof v === "string" && v !== "" ? v : undefined;
    } catch {
        return undefined;
    }
}

/** `telephony:chimeEndpoint` from the stack config in PULUMI_CONFIG, if any. */
export function stackChimeEndpoint(env: NodeJS.ProcessEnv): string | undefined {
    return stackConfig(env, "telephony:chimeEndpoint");
}
