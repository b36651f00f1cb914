/**
 * `pulumi-telephony drift`: what changed at the vendors behind Pulumi's back, per resource and property.
 *
 * It runs `pulumi refresh --preview-only` through the Automation API — the provider's `read` fetches every
 * object, nothing is written to state — and reads the engine's per-resource step events: `delete` for an
 * object gone at the vendor, `update` for one whose live properties differ from the declared (stored) inputs.
 * The engine gives dynamic providers no property-level diff, so the properties are found here with the
 * provider's own comparison (`changedKeys`, live as old and declared as new: how refresh calls `diff`).
 */
import { EngineEvent } from "@pulumi/pulumi/automation";
import { StackTarget, collect, openStack } from "./engine";
import { driftPhrase, personOf, personsOf } from "./people";
import { KindLookup, MASK, declared, nameOf, plainProps, telephonyKinds } from "./resources";

export interface PropertyDrift {
    name: string;
    /** The value the last deployment declared (`[secret]` for secrets). */
    declared: unknown;
    /** The value the vendor shows now (`[secret]` for secrets; null when it shows none). */
    live: unknown;
    /** Said when the values cannot tell the whole story (secrets). */
    note?: string;
}

export interface DriftedResource {
    urn: string;
    name: string;
    /** The resource kind, e.g. `opentact:SipUser`. */
    type: string;
    /** The vendor's id of the object. */
    id: string;
    kind: "changed" | "deleted";
    properties: PropertyDrift[];
    /** The login of the person (`Person`) the resource belongs to, when it is one's. */
    person?: string;
}

/** The drift of one person's resources, in one line. */
export interface PersonDrift {
    person: string;
    /** `asha.rao: agent: designation changed at the vendor, +983000505 gone at the vendor`. */
    line: string;
    resources: string[];
}

export interface UnobservableResource {
    urn: string;
    name: string;
    type: string;
    /** Declared properties the vendor API cannot show: not checked, so not known to agree. */
    properties: string[];
}

export interface DriftReport {
    stack: string;
    /** How many telephony resources were read from the vendors. */
    checked: number;
    drifted: DriftedResource[];
    /** The drifted resources grouped by person, one line each, by login. */
    people: PersonDrift[];
    unobservable: UnobservableResource[];
    /** The command that brings the vendors back to the declared state; null without drift. */
    restore: string | null;
}

export const SECRET_CHANGED = "changed; the vendor does not reveal the value";
export const SECRET_HIDDEN = "changed; secret values are hidden, so the old and new values cannot be shown";
export const SECRET_MAYBE = "one of the secret properties changed (secret values are hidden, so which one cannot be told)";

export function restoreCommand(stack: string): string {
    return `pulumi up --refresh --stack ${stack}`;
}

/** The drift report from the step events of a refresh preview (`resOutputsEvent`s). */
export function buildDriftReport(stack: string, events: EngineEvent[], kinds: KindLookup = telephonyKinds): DriftReport {
    const drifted: DriftedResource[] = [];
    const unobservable: UnobservableResource[] = [];
    let checked = 0;
    const persons = personsOf(events);
    const byPerson = new Map<string, { person: string; phrases: string[]; resources: string[] }>();
    const group = (m: Parameters<typeof personOf>[0], d: DriftedResource, stored: Record<string, unknown>) => {
        const p = personOf(m, persons);
        if (!p) return;
        d.person = p.login;
        const g = byPerson.get(p.urn) ?? { person: p.login, phrases: [], resources: [] };
        byPerson.set(p.urn, g);
        g.phrases.push(driftPhrase(d.type, d.kind, d.properties.map((x) => x.name), stored));
        g.resources.push(d.name);
    };
    for (const ev of events) {
        const m = ev.resOutputsEvent?.metadata;
        const info = m && kinds(m.type);
        if (!m || !info) continue;
        checked++;
        const stored = plainProps(m.old?.inputs, info);
        const base = { urn: m.urn, name: nameOf(m.urn), type: info.kind, id: m.old?.id ?? "" };
        if (m.op === "delete") {
            const d: DriftedResource = { ...base, kind: "deleted", properties: [] };
            group(m, d, plainProps(m.old?.outputs, info));
            drifted.push(d);
            continue;
        }
        const hidden = info.unobservable(stored).filter((k) => declared(stored, k));
        if (hidden.length) unobservable.push({ urn: base.urn, name: base.name, type: base.type, properties: hidden });
        if (m.op !== "update") continue;

        const live = plainProps(m.new?.inputs, info);
        const properties: PropertyDrift[] = info.changedKeys(live, stored).map((k) => {
            const p: PropertyDrift = { name: k, declared: stored[k] ?? null, live: live[k] ?? null };
            if (info.secret.includes(k)) p.note = p.live === null ? SECRET_CHANGED : SECRET_HIDDEN;
            return p;
        });
        if (properties.length === 0) {
            // The provider found a difference the events cannot show. Events mask every secret alike, so a
            // secret is what hides it [I]: name the declared secrets rather than report nothing.
            const secrets = info.secret.filter((k) => declared(stored, k));
            const note = secrets.length === 1 ? SECRET_HIDDEN : SECRET_MAYBE;
            for (const k of secrets) properties.push({ name: k, declared: MASK, live: MASK, note });
        }
        const d: DriftedResource = { ...base, kind: "changed", properties };
        group(m, d, stored);
        drifted.push(d);
    }
    const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
    const people = [...byPerson.values()]
        .map((g) => ({ person: g.person, line: `${g.person}: ${g.phrases.join(", ")}`, resources: g.resources.sort() }))
        .sort((a, b) => a.person.localeCompare(b.person));
    return { stack, checked, drifted: drifted.sort(byName), people, unobservable: unobservable.sort(byName), restore: drifted.length ? restoreCommand(stack) : null };
}

/** Runs the check; changes nothing (a refresh preview writes no state). */
export async function drift(target: StackTarget): Promise<DriftReport> {
    const { stack, name } = await openStack(target);
    const events = await collect("pulumi refresh --preview-only", (onEvent) => stack.previewRefresh({ onEvent }));
    return buildDriftReport(name, events);
}
