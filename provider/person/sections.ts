/**
 * What a person is made of, declared once: one section per vendor, each the resource kind it makes, which of that
 * kind's properties come from the person (login, name, e-mail, password, status), which section keys are named
 * otherwise than the property they set, and whether the child holds a login (a user) or a number. The Person
 * component, a roster's columns and their validation, the reports' per-person lines and `export --as roster` all
 * read these declarations, so no section is described twice. Light: descriptors only, no Pulumi, no zod.
 */
import { chimeUserNumber } from "../chime/user-number/descriptor";
import { inputsOf } from "../core/attributes";
import type { ResourceDescriptor } from "../core/descriptor";
import { numberAssignment } from "../ippanel/number-assignment/descriptor";
import { sipUser } from "../opentact/sip-user/descriptor";
import { smartfloUser } from "../smartflo/user/descriptor";
import { verigatorUser } from "../verigator/user/descriptor";

/** The Person component's type token: the URN type of a TypeScript `Person` and of the provider plugin's component. */
export const PERSON_TYPE = "telephony:index:Person";

export const PERSON_STATUSES = ["active", "suspended"] as const;
/** `active`; or `suspended`: the contact-centre agent blocked, every number released, the logins kept. */
export type PersonStatus = (typeof PERSON_STATUSES)[number];

/** The person's own fields, shared by the sections: a roster's columns of the same names. */
export const PERSON_FIELDS = ["login", "name", "email", "status"] as const;
export type PersonField = (typeof PERSON_FIELDS)[number] | "password";

/** A value the person gives a child property, with the section key that may override it (none: always the person's). */
export interface Feed {
    /** The person field it comes from. */
    from: PersonField;
    /** Derives the child's value from the field's (a display name split into first and last names). */
    derive?: (value: string) => string | undefined;
    /** False when a section may not set it itself (the password: one per person, from secret config). */
    overridable?: boolean;
}

export type SectionKey = "sip" | "agent" | "numbers" | "chime" | "verigator";

export interface Section {
    key: SectionKey;
    /** The resource kind of its child. */
    descriptor: ResourceDescriptor;
    /** What a person on it is, in reports ("SIP user", "agent", "number"). */
    noun: string;
    /** The child's name after the person's: `asha.rao-sip`. A list section (`numbers`) names each entry by its number. */
    suffix: string;
    /** A list of entries (numbers), each a child. */
    list?: boolean;
    /** Child properties the person gives. */
    fromPerson: Readonly<Record<string, Feed>>;
    /** Section keys named otherwise than the child property they set: key → property. */
    renamed?: Readonly<Record<string, string>>;
    /** Child properties the person's status decides, never a section's (the Smartflo agent's `blocked`). */
    byStatus?: Readonly<Record<string, (status: PersonStatus) => unknown>>;
    /** Values a section entry gets when it leaves them out. */
    defaults?: Readonly<Record<string, unknown>>;
    /** It holds a login: the person's numbers depend on it, so they are released before it is removed. */
    user: boolean;
    /** It holds a number: released (not declared) while the person is suspended. */
    number: boolean;
}

/** `Asha` of `Asha Rao`: every word of a display name but the last (the only one when there is one). */
export function firstNameOf(name: string): string | undefined {
    const words = name.trim().split(/\s+/).filter(Boolean);
    return words.length <= 1 ? words[0] : words.slice(0, -1).join(" ");
}

/** `Rao` of `Asha Rao`; none for a one-word name. */
export function lastNameOf(name: string): string | undefined {
    const words = name.trim().split(/\s+/).filter(Boolean);
    return words.length <= 1 ? undefined : words[words.length - 1];
}

export const SECTIONS: readonly Section[] = [
    {
        key: "sip",
        descriptor: sipUser,
        noun: "SIP user",
        suffix: "sip",
        fromPerson: {
            login: { from: "login" },
            password: { from: "password", overridable: false },
            firstName: { from: "name", derive: firstNameOf },
            lastName: { from: "name", derive: lastNameOf },
            email: { from: "email" },
        },
        user: true,
        number: false,
    },
    {
        key: "agent",
        descriptor: smartfloUser,
        noun: "agent",
        suffix: "agent",
        fromPerson: {
            loginId: { from: "login" },
            password: { from: "password", overridable: false },
            name: { from: "name" },
            email: { from: "email" },
        },
        byStatus: { blocked: (status) => status === "suspended" },
        user: true,
        number: false,
    },
    {
        key: "numbers",
        descriptor: numberAssignment,
        noun: "number",
        suffix: "number",
        list: true,
        fromPerson: {},
        renamed: { ippanelUser: "targetUser", ippanelUserId: "targetUserId" },
        defaults: { send: true, gets: true },
        user: false,
        number: true,
    },
    {
        key: "chime",
        descriptor: chimeUserNumber,
        noun: "Chime number",
        suffix: "chime",
        fromPerson: {},
        renamed: { number: "e164PhoneNumber" },
        user: false,
        number: true,
    },
    {
        key: "verigator",
        descriptor: verigatorUser,
        noun: "Verigator registration",
        suffix: "verigator",
        fromPerson: { idInService: { from: "login" } },
        user: false,
        number: true,
    },
];

export const SECTION_KEYS = SECTIONS.map((s) => s.key);

export function sectionOf(key: string): Section | undefined {
    return SECTIONS.find((s) => s.key === key);
}

/** The section whose child is of `kind`. */
export function sectionOfKind(kind: string): Section | undefined {
    return SECTIONS.find((s) => s.descriptor.kind === kind);
}

/** The child property a section key sets. */
export function propertyOf(section: Section, key: string): string {
    return section.renamed?.[key] ?? key;
}

/** The section key that sets a child property. */
export function keyOf(section: Section, property: string): string {
    return Object.entries(section.renamed ?? {}).find(([, p]) => p === property)?.[0] ?? property;
}

/**
 * The keys a section entry may hold: every input of its kind but `adopt` (the person's), those only the person
 * gives (the password) and those its status decides, under their section names.
 */
export function sectionKeys(section: Section): string[] {
    const own = (p: string) => section.fromPerson[p]?.overridable !== false && !section.byStatus?.[p];
    return inputsOf(section.descriptor.attributes)
        .filter(own)
        .map((p) => keyOf(section, p));
}

/**
 * A Pulumi resource name from a natural key (a login): letters, digits, `.`, `-` and `_` stay; any other character
 * becomes `_` and its UTF-8 bytes in hex (`o'brien` → `o_27brien`), so names are safe in URNs, config keys and file
 * names. A roster names each person so; `export` names objects so.
 */
export function escapeName(key: string): string {
    const escaped = [...key].map((ch) => (/^[A-Za-z0-9._-]$/.test(ch) ? ch : `_${Buffer.from(ch, "utf8").toString("hex")}`)).join("");
    return escaped === "" ? "_" : escaped;
}
