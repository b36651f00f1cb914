/**
 * `pulumi-telephony export --as roster`: an estate's objects lined up by person — a SIP user, a Smartflo agent and a
 * Verigator registration with the same login, and the Chime user whose e-mail is that person's — written as a
 * roster (`roster.yaml`, every person adopting: `adopt: true`) and a program that declares it. `pulumi up` of it takes
 * every object over with zero writes: each person's values are exactly what the provider observes, put at the
 * person's level only where every section derives the same from them (otherwise in the section itself).
 *
 * What a person cannot hold stays a resource of its own, in `others.ts` as `export` writes it: a second object with
 * a login already taken (one login in two SIP connections), and the numbers of a blocked agent's login (a suspended
 * person keeps none, and adopting must change nothing).
 */
import { Props } from "../provider/core/reconciler";
import { SECTIONS, Section, SectionKey, keyOf } from "../provider/person/sections";
import type { ExportedObject } from "./export";

/** One person of the estate: its login and, per section, the object and the keys it declares. */
export interface EstatePerson {
    login: string;
    name?: string;
    email?: string;
    status: "active" | "suspended";
    sections: Partial<Record<SectionKey, Props>>;
    /** The objects it adopts, for the summary. */
    objects: ExportedObject[];
}

const lower = (v: unknown) => (typeof v === "string" ? v.toLowerCase() : v);
const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The login an object lines up by: its section's property the person's login feeds. */
function loginOf(section: Section, o: ExportedObject): string | undefined {
    const property = Object.entries(section.fromPerson).find(([, f]) => f.from === "login")?.[0];
    const v = property === undefined ? undefined : o.properties[property];
    return typeof v === "string" ? v : undefined;
}

/** How many of the person-fed values of `o` (its e-mail, its names) agree with what the login's single objects say. */
function agreement(section: Section, o: ExportedObject, single: Array<{ section: Section; o: ExportedObject }>): number {
    let n = 0;
    for (const [property, feed] of Object.entries(section.fromPerson)) {
        if (feed.from !== "name" && feed.from !== "email") continue;
        const mine = o.properties[property];
        if (typeof mine !== "string") continue;
        const said = single.flatMap(({ section: s, o: other }) =>
            Object.entries(s.fromPerson)
                .filter(([, f]) => f.from === feed.from && !f.derive)
                .map(([p]) => other.properties[p])
                .filter((v): v is string => typeof v === "string")
                .map((v) => (feed.derive ? feed.derive(v) : v)),
        );
        if (said.some((v) => v !== undefined && v.toLowerCase() === mine.toLowerCase())) n++;
    }
    return n;
}

/** An object's content as a sort key (its kind's properties, in order), for ties that no vendor id may break. */
const contentKey = (o: ExportedObject) => JSON.stringify(Object.entries(o.properties).sort(([a], [b]) => byString(a, b)));

/** Lines an estate's objects up by person; the rest stays on its own. Deterministic for the same objects. */
export function linePeople(objects: ExportedObject[]): { people: EstatePerson[]; others: ExportedObject[] } {
    const people = new Map<string, EstatePerson>();
    const others: ExportedObject[] = [];
    const sorted = [...objects].sort((a, b) => byString(a.kind, b.kind) || byString(a.id, b.id));
    const place = (login: string, section: Section, o: ExportedObject) => {
        const p = people.get(login) ?? { login, status: "active" as const, sections: {}, objects: [] };
        if (p.sections[section.key]) return false; // the login is taken in this section: the object stays on its own
        people.set(login, p);
        p.sections[section.key] = { ...o.properties };
        p.objects.push(o);
        return true;
    };
    // Logins first (SIP users, agents, Verigator registrations), then the Chime users by e-mail. Where a login has
    // one object of a section, the person takes it; where it has several (a login in two SIP connections), the one
    // that agrees with the person's single objects (e-mail, names), then by content — never by a vendor's random id.
    const byLogin = new Map<string, Map<Section, ExportedObject[]>>();
    for (const section of SECTIONS.filter((s) => s.key !== "chime")) {
        for (const o of sorted.filter((x) => x.kind === section.descriptor.kind)) {
            const login = loginOf(section, o);
            if (login === undefined) {
                others.push(o);
                continue;
            }
            const sections = byLogin.get(login) ?? new Map<Section, ExportedObject[]>();
            byLogin.set(login, sections);
            sections.set(section, [...(sections.get(section) ?? []), o]);
        }
    }
    for (const [login, sections] of byLogin) {
        const single = [...sections].filter(([, os]) => os.length === 1).map(([section, [o]]) => ({ section, o }));
        for (const [section, candidates] of sections) {
            const ranked = candidates.length === 1 ? candidates : [...candidates].sort((a, b) => agreement(section, b, single) - agreement(section, a, single) || byString(contentKey(a), contentKey(b)));
            ranked.forEach((o, i) => {
                if (i > 0 || !place(login, section, o)) others.push(o);
            });
        }
    }
    const emails = new Map<string, string>();
    for (const p of people.values()) {
        for (const key of ["agent", "sip"] as const) {
            const e = p.sections[key]?.email;
            if (typeof e === "string" && !emails.has(e.toLowerCase())) emails.set(e.toLowerCase(), p.login);
        }
    }
    const chime = SECTIONS.find((s) => s.key === "chime")!;
    for (const o of sorted.filter((x) => x.kind === chime.descriptor.kind)) {
        const email = typeof o.computed?.primaryEmail === "string" ? o.computed.primaryEmail : undefined;
        const login = (email && emails.get(email.toLowerCase())) ?? email ?? String(o.properties.userId);
        if (!place(login, chime, o)) others.push(o);
    }
    // A blocked agent is a suspended person, who holds no number: its numbers stay on their own (adopting changes nothing).
    for (const p of people.values()) {
        if (p.sections.agent?.blocked !== true) continue;
        p.status = "suspended";
        for (const s of SECTIONS.filter((x) => x.number && p.sections[x.key])) {
            const o = p.objects.find((x) => x.kind === s.descriptor.kind)!;
            others.push(o);
            p.objects = p.objects.filter((x) => x !== o);
            delete p.sections[s.key];
        }
    }
    for (const p of people.values()) shareValues(p);
    return { people: [...people.values()].sort((a, b) => byString(a.login, b.login)), others };
}

/**
 * Moves each section's values to the person where every section derives them back the same (its name, its e-mail;
 * else the person has none, so nothing is derived, and each section keeps its own), and renames section properties to
 * the section's keys; the person's login and status are the person's own.
 */
function shareValues(p: EstatePerson): void {
    const out: Partial<Record<SectionKey, Props>> = {};
    // Candidates: the agent's name and e-mail, else the SIP user's.
    const agent = p.sections.agent;
    const sip = p.sections.sip;
    const name = typeof agent?.name === "string" ? agent.name : typeof sip?.firstName === "string" ? [sip.firstName, sip.lastName].filter((x) => typeof x === "string").join(" ") : undefined;
    const email = typeof agent?.email === "string" ? agent.email : typeof sip?.email === "string" ? sip.email : undefined;
    const derived = (from: "name" | "email", value: string | undefined, feedDerive?: (v: string) => string | undefined) => (value === undefined ? undefined : feedDerive ? feedDerive(value) : value);
    let nameShared = name !== undefined;
    let emailShared = email !== undefined;
    for (const section of SECTIONS) {
        const props = p.sections[section.key];
        if (!props) continue;
        for (const [property, feed] of Object.entries(section.fromPerson)) {
            if (feed.from === "name" && nameShared && derived("name", name, feed.derive) !== (props[property] ?? undefined)) nameShared = false;
            if (feed.from === "email" && emailShared && lower(derived("email", email)) !== lower(props[property] ?? undefined)) emailShared = false;
        }
    }
    if (nameShared) p.name = name;
    if (emailShared) p.email = email;
    for (const section of SECTIONS) {
        const props = p.sections[section.key];
        if (!props) continue;
        const entry: Props = {};
        for (const [property, value] of Object.entries(props)) {
            const feed = section.fromPerson[property];
            if (section.byStatus?.[property]) continue; // the status's
            if (feed?.from === "login") continue; // the person's login
            if (feed?.from === "name" && nameShared) continue;
            if (feed?.from === "email" && emailShared) continue;
            entry[keyOf(section, property)] = value;
        }
        out[section.key] = entry;
    }
    p.sections = out;
}

/** The values a team's people share in a section (a SIP connection, a Chime account, a Verigator service), hoisted to the defaults. */
function hoist(people: EstatePerson[]): Partial<Record<SectionKey, Props>> {
    const defaults: Partial<Record<SectionKey, Props>> = {};
    for (const section of SECTIONS) {
        const on = people.filter((p) => p.sections[section.key]);
        if (on.length < 2) continue;
        for (const key of Object.keys(on[0].sections[section.key]!)) {
            const v = on[0].sections[section.key]![key];
            if (v === null || typeof v === "object") continue;
            if (!on.every((p) => key in p.sections[section.key]! && p.sections[section.key]![key] === v)) continue;
            (defaults[section.key] ??= {})[key] = v;
            for (const p of on) delete p.sections[section.key]![key];
        }
    }
    return defaults;
}

/** The roster file: `defaults:` (adopt, and what everyone shares) and `people:`, as YAML. */
export function renderRoster(people: EstatePerson[], header: string[]): string {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const YAML = require("yaml") as typeof import("yaml");
    const copy = people.map((p) => ({ ...p, sections: Object.fromEntries(Object.entries(p.sections).map(([k, v]) => [k, { ...v }])) as EstatePerson["sections"] }));
    const defaults = { adopt: true, ...hoist(copy) };
    const rows = copy.map((p) => ({
        login: p.login,
        ...(p.name !== undefined ? { name: p.name } : {}),
        ...(p.email !== undefined ? { email: p.email } : {}),
        ...(p.status !== "active" ? { status: p.status } : {}),
        ...Object.fromEntries(SECTIONS.filter((s) => p.sections[s.key]).map((s) => [s.key, p.sections[s.key]])),
    }));
    const body = YAML.stringify({ defaults, people: rows }, { lineWidth: 0, aliasDuplicateObjects: false });
    return `${header.map((l) => `# ${l}`).join("\n")}\n${body}`;
}

