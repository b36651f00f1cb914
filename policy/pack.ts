/**
 * The telephony policy pack: CrossGuard (`@pulumi/policy`) policies that `pulumi preview --policy-pack DIR` and
 * `pulumi up --policy-pack DIR` run on every telephony resource. The folder users point at is `policy-pack/` in the
 * package (its `PulumiPolicy.yaml` and `index.js`, which loads this module). The rules live in `rules.ts`; this
 * module names them, documents them (the pack's metadata, shown by the engine) and reads their configuration
 * (`--policy-pack-config FILE`, JSON: `{ "<policy>": { "enforcementLevel": "...", ...properties } }`).
 */
import { PolicyPack, PolicyResource, ReportViolation, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import {
    ChimeConfig,
    InactiveUserConfig,
    PersonSubject,
    InternationalOutboundConfig,
    PasswordConfig,
    Subject,
    Violation,
    chimeEndOfSupport,
    inactiveUsers,
    internationalOutbound,
    kindOf,
    passwords,
    raw,
    stackChimeEndpoint,
    stackNumberRegion,
    uniqueNumbers,
    validNumbers,
} from "./rules";
import { POLICIES, PolicyDoc } from "./catalog";
import { PERSON_TYPE } from "../provider/person/sections";

function doc(name: string): PolicyDoc {
    const d = POLICIES.find((p) => p.name === name);
    if (!d) throw new Error(`no policy named ${name}`);
    return d;
}

/** The JSON schema @pulumi/policy validates a policy's configuration with, from its documented properties. */
function configSchema(d: PolicyDoc) {
    const properties: Record<string, object> = {};
    for (const [k, c] of Object.entries(d.config)) {
        properties[k] = c.type === "array" ? { type: "array", items: { type: "string" }, default: c.default, description: c.description } : c.type === "integer" ? { type: "integer", minimum: 1, default: c.default, description: c.description } : { type: c.type, description: c.description };
    }
    return { properties };
}

function base(name: string) {
    const d = doc(name);
    return { name: d.name, description: d.description, enforcementLevel: d.enforcementLevel, ...(Object.keys(d.config).length ? { configSchema: configSchema(d) } : {}) };
}

/** A policy's configuration: the documented defaults, then what `--policy-pack-config` gave. */
function configOf(name: string, given: Record<string, unknown>): any {
    const defaults = Object.fromEntries(Object.entries(doc(name).config).filter(([, c]) => c.default !== undefined).map(([k, c]) => [k, c.default]));
    return { ...defaults, ...given };
}

function subject(r: { type: string; urn: string; name: string; props: Record<string, unknown>; parent?: { urn: string } }, deps: Record<string, PolicyResource[]> = {}): Subject {
    const propertyDependencies = Object.fromEntries(Object.entries(deps).map(([k, rs]) => [k, rs.map((x) => x.urn)]));
    return { name: r.name, urn: r.urn, kind: kindOf(r.type), props: r.props, propertyDependencies, ...(r.parent ? { parent: r.parent.urn } : {}) };
}

/** The people of the stack: its `Person` components, with the login and status each records. */
function personsOf(resources: PolicyResource[]): PersonSubject[] {
    return resources
        .filter((r) => r.type === PERSON_TYPE)
        .map((r) => ({ urn: r.urn, name: r.name, login: String(raw(r.props, "login") ?? r.name), status: String(raw(r.props, "status") ?? "active") }));
}

function report(violations: Violation[], reportViolation: ReportViolation): void {
    for (const v of violations) reportViolation(v.message, v.urn);
}

function resourcePolicy(name: string, rule: (s: Subject, getConfig: () => any) => Violation[]): ResourceValidationPolicy {
    return {
        ...base(name),
        validateResource: (args, reportViolation) => {
            const s = subject(args);
            if (s.kind === undefined) return;
            report(rule(s, () => configOf(name, args.getConfig())), reportViolation);
        },
    };
}

function stackPolicy(name: string, rule: (resources: Subject[], getConfig: () => any, persons: PersonSubject[]) => Violation[]): StackValidationPolicy {
    return {
        ...base(name),
        validateStack: (args, reportViolation) => {
            const resources = args.resources.map((r) => subject(r, r.propertyDependencies)).filter((s) => s.kind !== undefined);
            report(rule(resources, () => configOf(name, args.getConfig()), personsOf(args.resources)), reportViolation);
        },
    };
}

export const pack = new PolicyPack("telephony", {
    description: "Guardrails for telephony resources of pulumi-telephony: fraud, number hygiene, offboarding, passwords, Amazon Chime end of support.",
    displayName: "pulumi-telephony policies",
    readme: "See the README of pulumi-telephony, section Policy pack: each policy with its reason, enforcement level and configuration.",
    policies: [
        resourcePolicy("smartflo-international-outbound", (s, cfg) => internationalOutbound(s, cfg() as InternationalOutboundConfig)),
        // The name is kept (existing --policy-pack-config files name it); the rule is "a valid number" by the property's rule.
        resourcePolicy("phone-number-e164", (s) => validNumbers(s, stackNumberRegion(process.env))),
        stackPolicy("phone-number-unique", (rs) => uniqueNumbers(rs, stackNumberRegion(process.env))),
        stackPolicy("inactive-user-no-number", (rs, cfg, persons) => inactiveUsers(rs, cfg() as InactiveUserConfig, undefined, persons)),
        resourcePolicy("password-strength", (s, cfg) => passwords(s, cfg() as PasswordConfig)),
        resourcePolicy("chime-end-of-support", (s, cfg) => {
            const endpoint = stackChimeEndpoint(process.env) ?? (process.env.CHIME_ENDPOINT || undefined) ?? (cfg() as ChimeConfig).chimeEndpoint;
            return chimeEndOfSupport(s, endpoint, new Date());
        }),
    ],
});
