/**
 * Reports that speak of people: the telephony resources a `Person` declares are its children, so a report groups
 * their changes under the person (its login) and says in one line what happens to the person — joins, leaves,
 * suspended, reinstated, or which of its logins and numbers change: "asha.rao: suspended — agent blocked, +983000505
 * released". What each child is (a user, a number) comes from the person's sections (provider/person/sections.ts).
 */
import { EngineEvent, StepEventMetadata } from "@pulumi/pulumi/automation";
import { taggedOf } from "../provider/core/attributes";
import { PERSON_TYPE, Section, sectionOfKind } from "../provider/person/sections";
import { nameOf } from "./resources";

export interface PersonRecord {
    urn: string;
    login: string;
    /** The status the last deployment recorded, and the one declared now (plan); undefined where unknown. */
    oldStatus?: string;
    newStatus?: string;
    /** The engine's step for the person itself: create (joins), delete (leaves), update, same. */
    op?: string;
}

/** The type part of a URN: `telephony:index:Person` for a person, the last of a parent chain. */
function typeOfUrn(urn: string): string {
    const t = urn.split("::")[2] ?? "";
    return t.slice(t.lastIndexOf("$") + 1);
}

/** Every person the events show, by URN, with its login and statuses (from what the person records). */
export function personsOf(events: EngineEvent[]): Map<string, PersonRecord> {
    const out = new Map<string, PersonRecord>();
    for (const ev of events) {
        const m = (ev.resourcePreEvent ?? ev.resOutputsEvent)?.metadata;
        if (!m || m.type !== PERSON_TYPE) continue;
        const olds = { ...m.old?.outputs, ...m.old?.inputs };
        const news = { ...m.new?.outputs, ...m.new?.inputs };
        const seen = out.get(m.urn);
        const login = String(news.login ?? olds.login ?? seen?.login ?? nameOf(m.urn));
        out.set(m.urn, {
            urn: m.urn,
            login,
            oldStatus: (olds.status as string | undefined) ?? seen?.oldStatus,
            newStatus: (news.status as string | undefined) ?? seen?.newStatus,
            op: ev.resourcePreEvent ? m.op : (seen?.op ?? m.op),
        });
    }
    return out;
}

/** The person a resource belongs to (its parent), or undefined for a resource declared on its own. */
export function personOf(m: Pick<StepEventMetadata, "old" | "new">, persons: Map<string, PersonRecord>): PersonRecord | undefined {
    const parent = m.new?.parent || m.old?.parent;
    if (!parent) return undefined;
    const known = persons.get(parent);
    if (known) return known;
    return typeOfUrn(parent) === PERSON_TYPE ? { urn: parent, login: nameOf(parent) } : undefined;
}

/** What a child's change is, for its person's line. */
export interface ChildChange {
    kind: string;
    op: "create" | "update" | "replace" | "delete";
    /** The child's declared (new) and stored (old) properties, made safe to show. */
    old: Record<string, unknown>;
    new: Record<string, unknown>;
    /** The properties that change (update, replace). */
    changed: string[];
}

/** The number a child holds, as reports name it: its number as state holds it (E.164, `+983000505`), else IPPanel's number id. */
function numberOf(section: Section, props: Record<string, unknown>): string | undefined {
    for (const k of taggedOf(section.descriptor.attributes, "unique-number")) if (typeof props[k] === "string") return props[k] as string;
    if (props.numberId !== undefined && props.numberId !== null) return `number id ${props.numberId}`;
    return undefined;
}

/** `+983000505`, `Chime +12065550100`, `Verigator +37251001234`. */
function numberLabel(section: Section, n: string | undefined): string {
    const prefix = section.key === "chime" ? "Chime " : section.key === "verigator" ? "Verigator " : "";
    return `${prefix}${n ?? section.noun}`;
}

/** The words for one child's change: "agent blocked", "+983000505 released", "SIP user: firstName changed". */
export function childPhrases(c: ChildChange): string[] {
    const section = sectionOfKind(c.kind);
    if (!section) return [`${c.kind} ${c.op}d`];
    if (section.number) {
        const was = numberOf(section, c.old);
        const now = numberOf(section, c.new) ?? was;
        const [assigned, released] = section.key === "verigator" ? ["registered", "removed"] : ["assigned", "released"];
        if (c.op === "create") return [`${numberLabel(section, now)} ${assigned}`];
        if (c.op === "delete") return [`${numberLabel(section, was)} ${released}`];
        if (was !== now) return [`${numberLabel(section, was)} → ${now}`];
        return [`${numberLabel(section, now)}: ${c.changed.join(", ")} ${c.op === "replace" ? "changes (replaced)" : "changed"}`];
    }
    if (c.op === "create") return [`${section.noun} created`];
    if (c.op === "delete") return [`${section.noun} removed`];
    const out: string[] = [];
    const byStatus = Object.keys(section.byStatus ?? {});
    const rest = c.changed.filter((k) => !byStatus.includes(k));
    for (const k of c.changed.filter((p) => byStatus.includes(p))) out.push(c.new[k] === true ? `${section.noun} ${k}` : `${section.noun} un${k}`);
    if (rest.length) out.push(`${section.noun}: ${rest.join(", ")} ${c.op === "replace" ? "changes (replaced)" : "changed"}`);
    else if (c.op === "replace") out.push(`${section.noun} replaced`);
    return out;
}

/** What happens to a person, in a word: joins, leaves, suspended, reinstated, or changes. */
export function personVerb(p: PersonRecord, ops: string[]): string {
    if (p.op === "create" || (p.op === undefined && ops.length > 0 && ops.every((o) => o === "create") && !p.oldStatus)) return "joins";
    if (p.op === "delete") return "leaves";
    if (p.oldStatus && p.newStatus && p.oldStatus !== p.newStatus) return p.newStatus === "suspended" ? "suspended" : "reinstated";
    return "changes";
}

const SECTION_ORDER = ["sip", "agent", "numbers", "chime", "verigator"];

/**
 * The person's line: the verb, then what happens to each child — logins first, numbers after; for one who leaves,
 * numbers first, as they are released before the users are removed.
 */
export function personLine(p: PersonRecord, changes: ChildChange[]): { verb: string; line: string } {
    const verb = personVerb(p, changes.map((c) => c.op));
    const rank = (c: ChildChange) => {
        const s = sectionOfKind(c.kind);
        const i = SECTION_ORDER.indexOf(s?.key ?? "");
        return verb === "leaves" ? (s?.number ? i - 10 : i) : i;
    };
    // By section, then by the words: the engine's step order varies with its parallelism.
    const phrases = [...changes]
        .map((c) => ({ rank: rank(c), words: childPhrases(c) }))
        .sort((a, b) => a.rank - b.rank || a.words.join().localeCompare(b.words.join()))
        .flatMap((c) => c.words);
    return { verb, line: `${p.login}: ${verb}${phrases.length ? ` — ${phrases.join(", ")}` : ""}` };
}

/** The words for one child's drift: "agent: designation changed at the vendor", "+983000505 gone at the vendor". */
export function driftPhrase(kind: string, drift: "changed" | "deleted", properties: string[], stored: Record<string, unknown>): string {
    const section = sectionOfKind(kind);
    const what = !section ? kind : section.number ? numberLabel(section, numberOf(section, stored)) : section.noun;
    return drift === "deleted" ? `${what} gone at the vendor` : `${what}: ${properties.join(", ")} changed at the vendor`;
}
