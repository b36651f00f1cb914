/**
 * A person's children, worked out once from what the person declares: for every section, the child's name, kind and
 * inputs, and where each input came from (a section key, a person field, a default). The Person component declares
 * these children; a roster validates them with the resources' own checks before any is declared. Pure: no Pulumi;
 * values the program computes pass through `lift`.
 */
import { PERSON_STATUSES, PersonField, PersonStatus, SECTIONS, Section, SectionKey, propertyOf, sectionKeys } from "./sections";

/** What a person declares, as plain values or a program's inputs (sections and numbers are always plain). */
export interface PersonDeclaration {
    login?: unknown;
    name?: unknown;
    email?: unknown;
    password?: unknown;
    status?: PersonStatus;
    adopt?: boolean;
    sip?: Record<string, unknown>;
    agent?: Record<string, unknown>;
    numbers?: Record<string, unknown>[];
    chime?: Record<string, unknown>;
    verigator?: Record<string, unknown>;
}

/** Where a child input came from: a section key (`agent.number`, `numbers[1].number`) or a person field. */
export type Origin = { section: SectionKey; index?: number; key: string; defaulted?: boolean } | { person: PersonField };

export interface Child {
    section: Section;
    /** The entry's position in a list section (numbers), from 0. */
    index?: number;
    /** The child's resource name: the person's name, then the section's suffix (and a number's digits). */
    name: string;
    /** The child's inputs (`adopt` included when the person adopts). */
    args: Record<string, unknown>;
    /** Where each input came from. */
    origins: Record<string, Origin>;
}

/** How a derived value is computed from a value the program gives (plain: at once; an Output: `apply`). */
export type Lift = (value: unknown, fn: (v: string) => string | undefined) => unknown;

export const plainLift: Lift = (value, fn) => (typeof value === "string" ? fn(value) : value);

export class PersonShapeError extends Error {}

/**
 * The name of a number's child: `asha.rao-number-983000505` (its digits), or `asha.rao-number-id-10` for a number
 * given by id. Naming by the number, not by its place in the list, keeps every other number's URN when one is added
 * or removed.
 */
export function numberChildName(person: string, entry: Record<string, unknown>): string {
    if (typeof entry.number === "string" && entry.number !== "") return `${person}-number-${entry.number.replace(/\D/g, "")}`;
    if (typeof entry.numberId === "number" || (typeof entry.numberId === "string" && entry.numberId !== "")) return `${person}-number-id-${entry.numberId}`;
    throw new PersonShapeError(`${person}: every entry of numbers needs a number (E.164) or a numberId given as a plain value: it names the entry's resource`);
}

/** The status, checked: `active` when left out. */
export function statusOf(person: string, d: PersonDeclaration): PersonStatus {
    const s = d.status ?? "active";
    if (!(PERSON_STATUSES as readonly string[]).includes(s)) throw new PersonShapeError(`${person}: status must be one of ${PERSON_STATUSES.join(", ")}; got ${JSON.stringify(s)}`);
    return s;
}

/**
 * The children of the person named `name` (its resource name; the login defaults to it). A suspended person has no
 * child that holds a number. Each section entry's keys become the child's properties (renamed where the section says),
 * the person's fields fill the properties the entry leaves out, and the status sets what it decides.
 */
export function childrenOf(name: string, d: PersonDeclaration, lift: Lift = plainLift): Child[] {
    const status = statusOf(name, d);
    const person: Record<PersonField, unknown> = { login: d.login ?? name, name: d.name, email: d.email, password: d.password, status };
    const out: Child[] = [];
    for (const section of SECTIONS) {
        const raw = d[section.key];
        if (raw === undefined || raw === null) continue;
        if (section.number && status === "suspended") continue;
        const entries = section.list ? raw : [raw];
        if (!Array.isArray(entries)) throw new PersonShapeError(`${name}: ${section.key} must be a list`);
        entries.forEach((entry: unknown, i) => {
            if (!entry || typeof entry !== "object" || Array.isArray(entry)) throw new PersonShapeError(`${name}: ${section.key}${section.list ? `[${i}]` : ""} must be an object`);
            const e = entry as Record<string, unknown>;
            const allowed = sectionKeys(section);
            const foreign = Object.keys(e).filter((k) => !allowed.includes(k));
            if (foreign.length) {
                throw new PersonShapeError(
                    `${name}: ${section.key}${section.list ? `[${i}]` : ""} has no ${foreign.map((k) => JSON.stringify(k)).join(", ")} (it takes ${allowed.join(", ")}; ` +
                        `the password is the person's, and the status decides whether an agent is blocked)`,
                );
            }
            const args: Record<string, unknown> = {};
            const origins: Record<string, Origin> = {};
            const index = section.list ? i : undefined;
            for (const [key, v] of Object.entries(section.defaults ?? {})) {
                args[propertyOf(section, key)] = v;
                origins[propertyOf(section, key)] = { section: section.key, index, key, defaulted: true };
            }
            for (const [property, feed] of Object.entries(section.fromPerson)) {
                const v = person[feed.from];
                if (v === undefined || v === null) continue;
                const value = feed.derive ? lift(v, feed.derive) : v;
                if (value === undefined) continue;
                args[property] = value;
                origins[property] = { person: feed.from };
            }
            for (const [key, v] of Object.entries(e)) {
                if (v === undefined) continue;
                const property = propertyOf(section, key);
                args[property] = v;
                origins[property] = { section: section.key, index, key };
            }
            for (const [property, decide] of Object.entries(section.byStatus ?? {})) {
                args[property] = decide(status);
                origins[property] = { person: "status" };
            }
            if (d.adopt !== undefined) args.adopt = d.adopt;
            const childName = section.list ? numberChildName(name, e) : `${name}-${section.suffix}`;
            out.push({ section, index, name: childName, args, origins });
        });
    }
    return out;
}
