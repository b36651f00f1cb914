/**
 * A roster: people from a CSV or YAML file (an HR export), one `Person` each. Every row is validated before any
 * resource is declared, with the resources' own checks (core/declared.ts `checkSchemaOf`, the schema each provider's
 * `check` applies), and every problem is reported at once, naming the file, the row, the column and the rule — so a
 * bad roster fails `pulumi preview` in the program, before the engine or any vendor is asked anything. A roster
 * never holds a password: passwords come from secret config, by login.
 *
 * Columns (CSV headers; in YAML the same names as nested keys):
 *   login, name, email, status (active | suspended), adopt (true | false), formerLogins (logins the person had:
 *   Pulumi aliases, so a renamed login keeps its resources);
 *   `<section>.<key>` for each section (sip, agent, numbers, chime, verigator), its keys those of its resource
 *   (sections.ts); a column `<section>` alone, `yes` or `no`, says whether the person is on it when no other cell
 *   of the section says so; `numbers` lists the person's IPPanel numbers (separated by spaces or `;`), and
 *   `numbers.<key>` applies to each of them. Lists are separated by spaces or `;`.
 * Defaults (the program's `defaults` option, and a YAML roster's `defaults:` mapping, which wins) fill the cells a
 * row leaves empty, for the sections the row is on.
 */
import * as fs from "fs";
import * as path from "path";
import type * as Zod from "zod";
import { InputAttribute, taggedOf } from "../core/attributes";
import { checkSchemaOf } from "../core/declared";
import { StackRegion, parseNumber } from "../core/phone-number";
import { zod } from "../core/type-kit";
import { UNKNOWN, typeOf, validate } from "../core/validation";
import { Child, Origin, PersonDeclaration, PersonShapeError, childrenOf } from "./children";
import { PERSON_STATUSES, SECTIONS, Section, SectionKey, escapeName, propertyOf, sectionKeys, sectionOf } from "./sections";

/** A value of a roster and where it came from. */
interface Cell {
    value: unknown;
    /** The column as the file names it: a CSV header, a YAML key path (`agent.number`, `numbers[2].number`). */
    column: string;
    /** It came from the defaults, not the row. */
    defaulted?: boolean;
}

/** The person-level columns besides the person fields. */
const ROW_FIELDS = ["login", "name", "email", "status", "adopt", "formerLogins"] as const;
type RowField = (typeof ROW_FIELDS)[number];

interface SectionCells {
    /** The `<section>` cell itself (yes / no), when given. */
    flag?: Cell;
    /** One map per entry (a list section may have several), key → cell. */
    entries: Record<string, Cell>[];
    /** Cells that apply to every entry of a list section (`numbers.ippanelUser`). */
    shared: Record<string, Cell>;
}

/** One row of a roster, read. */
interface Row {
    /** Where the row starts: the line number in the file. */
    line: number;
    /** `row 5` (CSV) or `people[3] (line 14)` (YAML). */
    where: string;
    fields: Partial<Record<RowField, Cell>>;
    sections: Partial<Record<SectionKey, SectionCells>>;
}

/** One problem found in a roster. */
export interface RosterProblem {
    file: string;
    /** The line the row starts on (0: the file as a whole). */
    line: number;
    /** `row 5`, `people[3] (line 14)`, or `header`. */
    row: string;
    column: string;
    /** The rule broken, as the resource's check says it, with the value (never a secret). */
    rule: string;
}

export function formatProblem(p: RosterProblem): string {
    return `${p.file} ${p.row}, column ${p.column}: ${p.rule}`;
}

/** Every problem of a roster at once. Thrown by {@link roster} before any resource is declared. */
export class RosterError extends Error {
    constructor(
        readonly file: string,
        readonly problems: RosterProblem[],
    ) {
        super(
            `roster ${file}: ${problems.length} problem${problems.length === 1 ? "" : "s"} (nothing was declared; no vendor was asked):\n` +
                problems.map((p) => `  ${formatProblem(p)}`).join("\n"),
        );
        this.name = "RosterError";
        // Pulumi's RunError marker (@pulumi/pulumi errors.ts): the engine prints the message alone, without the
        // program's stack trace — the problems are the user's rows, not the program's code.
        Object.defineProperty(this, "__pulumiRunError", { value: true });
        Object.defineProperty(this, "problems", { enumerable: false });
        Object.defineProperty(this, "file", { enumerable: false });
    }
}

/** The columns a team shares, as a row has them: person fields and per-section keys (`numbers`: what each number gets). */
export interface RosterDefaults {
    status?: string;
    adopt?: boolean;
    sip?: Record<string, unknown>;
    agent?: Record<string, unknown>;
    numbers?: Record<string, unknown>;
    chime?: Record<string, unknown>;
    verigator?: Record<string, unknown>;
}

export interface RosterReadOptions {
    defaults?: RosterDefaults;
    /**
     * Whether a password is to be had for a login (the secret config the program reads it from). A person whose
     * SIP user or agent is created (not adopted) needs one; a login without one is a problem of its row.
     */
    hasPassword?: (login: string) => boolean;
    /** The file's name in problems (default: as given). */
    displayName?: string;
    /** The stack's region for numbers written nationally (`telephony:defaultRegion`), as the provider reads them. */
    region?: StackRegion;
}

/** A person of a roster, validated. */
export interface RosterPerson {
    login: string;
    /** Where the row starts. */
    line: number;
    /** The declaration, without its password. */
    person: Omit<PersonDeclaration, "password">;
    formerLogins: string[];
    children: Child[];
    /** The column each child property came from, by child name: how problems and reports name it. */
    columns: Record<string, Record<string, string>>;
    /** False when the row has problems (its people are still compared for duplicates). */
    valid: boolean;
}

export interface RosterRead {
    file: string;
    people: RosterPerson[];
    problems: RosterProblem[];
}

// ------------------------------------------------------------------ reading

const LIST_SEPARATOR = /[;\s]+/;
const TRUE = /^(yes|y|true|1|x)$/i;
const FALSE = /^(no|n|false|0|-)?$/i;

function isBlank(v: unknown): boolean {
    return v === undefined || v === null || (typeof v === "string" && v.trim() === "");
}

/** Splits a column name into its section and key: `agent.number` → ["agent", "number"]; `login` → [undefined, "login"]. */
function splitColumn(column: string): [string | undefined, string] {
    const i = column.indexOf(".");
    return i < 0 ? [undefined, column] : [column.slice(0, i), column.slice(i + 1)];
}

function emptySection(): SectionCells {
    return { entries: [], shared: {} };
}

/** Puts one cell of a row where it belongs; returns a problem text for a column the roster does not have. */
function place(row: Row, column: string, cell: Cell, listItems: boolean): string | undefined {
    const [sectionName, key] = splitColumn(column);
    if (sectionName === undefined) {
        if ((ROW_FIELDS as readonly string[]).includes(key)) {
            row.fields[key as RowField] = cell;
            return undefined;
        }
        const section = sectionOf(key);
        if (!section) return unknownColumn(key);
        const s = (row.sections[section.key] ??= emptySection());
        if (section.list && key === "numbers") {
            // The numbers themselves: a list (CSV: separated by spaces or `;`).
            const values = listItems ? (cell.value as unknown[]) : String(cell.value ?? "").split(LIST_SEPARATOR).filter(Boolean);
            for (const v of values) s.entries.push({ number: { ...cell, value: v } });
            if (!isBlank(cell.value)) s.flag = { ...cell, value: true };
        } else s.flag = cell;
        return undefined;
    }
    const section = sectionOf(sectionName);
    if (!section) return unknownColumn(column);
    if (!sectionKeys(section).includes(key)) return foreignKey(section, key);
    const s = (row.sections[section.key] ??= emptySection());
    if (section.list) s.shared[key] = cell;
    else (s.entries[0] ??= {})[key] = cell;
    return undefined;
}

function unknownColumn(column: string): string {
    if (/pass(word)?|secret/i.test(column)) return PASSWORD_RULE;
    return `no such column (a roster has ${[...ROW_FIELDS, ...SECTIONS.map((s) => `${s.key}.…`)].join(", ")})`;
}

const PASSWORD_RULE =
    "a roster never holds a password: passwords come from secret config, by login (`pulumi config set --secret <login> …`); remove the column";

function foreignKey(section: Section, key: string): string {
    const attr = section.descriptor.attributes[propertyOf(section, key)];
    if (attr?.secret || /pass(word)?/i.test(key)) return PASSWORD_RULE;
    if (section.byStatus?.[propertyOf(section, key)]) return `${key} is decided by the person's status (suspended: blocked), not by a column`;
    return `${section.key} has no ${key} (it takes ${sectionKeys(section).join(", ")})`;
}

/** The byte offset → line number of a buffer. */
function lineOf(buffer: Buffer, offset: number): number {
    let line = 1;
    for (let i = 0; i < offset && i < buffer.length; i++) if (buffer[i] === 0x0a) line++;
    return line;
}

function readCsv(text: Buffer, file: string, problems: RosterProblem[]): Row[] {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { parse } = require("csv-parse/sync") as typeof import("csv-parse/sync");
    let records: { record: Record<string, string>; info: { bytes: number } }[];
    let header: string[] = [];
    try {
        records = parse(text, {
            columns: (h: string[]) => (header = h.map((c) => c.trim())),
            info: true,
            bom: true,
            skip_empty_lines: true,
            trim: true,
        }) as unknown as typeof records;
    } catch (e) {
        const err = e as Error & { lines?: number };
        problems.push({ file, line: err.lines ?? 0, row: `line ${err.lines ?? "?"}`, column: "(any)", rule: `not a CSV file: ${err.message}` });
        return [];
    }
    const rows: Row[] = [];
    // A header problem is reported once, not on every row.
    const bad = new Map<string, string>();
    const probe: Row = { line: 0, where: "header", fields: {}, sections: {} };
    for (const column of header) {
        const why = place(probe, column, { value: "", column }, false);
        if (why) bad.set(column, why);
    }
    for (const [column, rule] of bad) problems.push({ file, line: 1, row: "header", column, rule });
    const seen = new Set<string>();
    for (const column of header) {
        if (seen.has(column)) problems.push({ file, line: 1, row: "header", column, rule: "the column is named twice" });
        seen.add(column);
    }
    let start = text.indexOf(0x0a) + 1; // after the header line
    for (const { record, info } of records) {
        while (start < text.length && (text[start] === 0x0a || text[start] === 0x0d)) start++;
        const line = lineOf(text, start);
        start = info.bytes;
        const row: Row = { line, where: `row ${line}`, fields: {}, sections: {} };
        for (const column of header) {
            if (bad.has(column)) continue;
            const value = record[column];
            if (isBlank(value)) continue;
            place(row, column, { value, column }, false);
        }
        rows.push(row);
    }
    return rows;
}

interface YamlRead {
    rows: Row[];
    defaults?: Record<string, unknown>;
}

function readYaml(text: string, file: string, problems: RosterProblem[]): YamlRead {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const YAML = require("yaml") as typeof import("yaml");
    const counter = new YAML.LineCounter();
    const doc = YAML.parseDocument(text, { lineCounter: counter, prettyErrors: false });
    if (doc.errors.length) {
        for (const e of doc.errors) {
            const line = counter.linePos(e.pos[0]).line;
            problems.push({ file, line, row: `line ${line}`, column: "(any)", rule: `not a YAML file: ${e.message}` });
        }
        return { rows: [] };
    }
    const top = doc.toJS() as unknown;
    const people = Array.isArray(top) ? top : top && typeof top === "object" ? (top as Record<string, unknown>).people : undefined;
    if (!Array.isArray(people)) {
        problems.push({ file, line: 1, row: "file", column: "people", rule: "a YAML roster is a list of people, or a mapping with `people:` (a list) and optional `defaults:`" });
        return { rows: [] };
    }
    const node = (Array.isArray(top) ? doc.contents : doc.get("people", true)) as { items?: { range?: [number, number, number] }[] } | undefined;
    const rows: Row[] = [];
    people.forEach((p, i) => {
        const range = node?.items?.[i]?.range;
        const line = range ? counter.linePos(range[0]).line : 0;
        const row: Row = { line, where: `people[${i + 1}] (line ${line})`, fields: {}, sections: {} };
        rows.push(row);
        if (!p || typeof p !== "object" || Array.isArray(p)) {
            problems.push({ file, line, row: row.where, column: "(row)", rule: "a person is a mapping of columns (login, name, …)" });
            return;
        }
        for (const [key, value] of Object.entries(p as Record<string, unknown>)) {
            const section = sectionOf(key);
            if (section && value && typeof value === "object") {
                const s = (row.sections[section.key] ??= emptySection());
                s.flag = { value: true, column: key };
                if (section.list) {
                    if (!Array.isArray(value)) {
                        problems.push({ file, line, row: row.where, column: key, rule: `${key} is a list (of numbers, or of mappings with number, ippanelUser, …)` });
                        continue;
                    }
                    value.forEach((entry, j) => {
                        const at = `${key}[${j + 1}]`;
                        const cells: Record<string, Cell> = {};
                        if (entry && typeof entry === "object" && !Array.isArray(entry)) {
                            for (const [k, v] of Object.entries(entry)) {
                                if (!sectionKeys(section).includes(k)) problems.push({ file, line, row: row.where, column: `${at}.${k}`, rule: foreignKey(section, k) });
                                else if (v !== undefined && v !== null) cells[k] = { value: v, column: `${at}.${k}` };
                            }
                        } else cells.number = { value: entry, column: at };
                        s.entries.push(cells);
                    });
                    continue;
                }
                if (Array.isArray(value)) {
                    problems.push({ file, line, row: row.where, column: key, rule: `${key} is a mapping of its columns` });
                    continue;
                }
                const cells: Record<string, Cell> = {};
                for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
                    if (!sectionKeys(section).includes(k)) problems.push({ file, line, row: row.where, column: `${key}.${k}`, rule: foreignKey(section, k) });
                    else if (v !== undefined && v !== null) cells[k] = { value: v, column: `${key}.${k}` };
                }
                s.entries.push(cells);
                continue;
            }
            if (value === undefined || value === null) continue;
            const why = place(row, key, { value, column: key }, true);
            if (why) problems.push({ file, line, row: row.where, column: key, rule: why });
        }
    });
    const defaults = top && typeof top === "object" && !Array.isArray(top) ? (top as Record<string, unknown>).defaults : undefined;
    return { rows, defaults: defaults && typeof defaults === "object" ? (defaults as Record<string, unknown>) : undefined };
}

// ------------------------------------------------------------------ values

const jsonSchemas = new WeakMap<object, JsonType>();
type JsonType = { type?: string; items?: JsonType; anyOf?: JsonType[]; enum?: unknown[] };

/** The JSON Schema of what an attribute accepts (the side a program writes). */
function jsonTypeOf(attr: InputAttribute): JsonType {
    let js = jsonSchemas.get(attr);
    if (!js) jsonSchemas.set(attr, (js = zod().toJSONSchema(typeOf(attr) as Zod.ZodType, { io: "input", unrepresentable: "any" }) as JsonType));
    return js;
}

function accepts(js: JsonType, type: string): boolean {
    return js.type === type || (js.anyOf ?? []).some((m) => accepts(m, type));
}

/**
 * A cell's value as the property's type takes it: a CSV cell is text, so `2` becomes a number, `true` a boolean and
 * `1;2` a list where the property takes one; a YAML number becomes text where the property is text. A value that
 * does not convert is left as it is, for the property's own check to name the rule.
 */
export function coerce(value: unknown, js: JsonType): unknown {
    if (typeof value === "string") {
        const s = value.trim();
        // A number where the property takes one (an id that also takes its digits as text is given as a number).
        if ((accepts(js, "integer") || accepts(js, "number")) && /^-?\d+(\.\d+)?$/.test(s)) return Number(s);
        if (accepts(js, "string")) return s;
        if (accepts(js, "boolean") && TRUE.test(s)) return true;
        if (accepts(js, "boolean") && /^(no|n|false|0)$/i.test(s)) return false;
        if (accepts(js, "array")) {
            const items = js.items ?? js.anyOf?.find((m) => m.type === "array")?.items ?? {};
            return s.split(LIST_SEPARATOR).filter(Boolean).map((x) => coerce(x, items));
        }
        return s;
    }
    if (typeof value === "number" && !accepts(js, "number") && !accepts(js, "integer") && accepts(js, "string")) return String(value);
    if (Array.isArray(value) && accepts(js, "array")) {
        const items = js.items ?? js.anyOf?.find((m) => m.type === "array")?.items ?? {};
        return value.map((x) => coerce(x, items));
    }
    return value;
}

/** Whether a `<section>` cell says yes: a boolean, or yes / no. Undefined when it is neither. */
function flagValue(cell: Cell): boolean | undefined {
    if (typeof cell.value === "boolean") return cell.value;
    const s = String(cell.value).trim();
    if (TRUE.test(s)) return true;
    if (FALSE.test(s)) return false;
    return undefined;
}

/** The defaults as cells (`source`: how problems name where they came from). */
function defaultCells(d: Record<string, unknown> | undefined, source: string, problems: RosterProblem[], file: string): Row {
    const row: Row = { line: 0, where: source, fields: {}, sections: {} };
    for (const [key, value] of Object.entries(d ?? {})) {
        if (value === undefined || value === null) continue;
        const section = sectionOf(key);
        if (section) {
            if (typeof value !== "object" || Array.isArray(value)) {
                problems.push({ file, line: 0, row: source, column: key, rule: `the defaults of ${key} are a mapping of its columns` });
                continue;
            }
            const s = (row.sections[section.key] ??= emptySection());
            for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
                if (!sectionKeys(section).includes(k)) problems.push({ file, line: 0, row: source, column: `${key}.${k}`, rule: foreignKey(section, k) });
                else if (v !== undefined && v !== null) s.shared[k] = { value: v, column: `${key}.${k}`, defaulted: true };
            }
            continue;
        }
        if (key === "status" || key === "adopt") row.fields[key] = { value, column: key, defaulted: true };
        else problems.push({ file, line: 0, row: source, column: key, rule: key === "login" || key === "name" || key === "email" ? `${key} is each person's own, not a default` : unknownColumn(key) });
    }
    return row;
}

// ------------------------------------------------------------------ validation

/**
 * Reads and validates a roster file: every problem of every row at once, and the people when there is none.
 * Pure apart from reading the file: it declares nothing and asks no vendor.
 */
export function readRoster(file: string, options: RosterReadOptions = {}): RosterRead {
    const shown = options.displayName ?? file;
    const problems: RosterProblem[] = [];
    let text: Buffer;
    try {
        text = fs.readFileSync(file);
    } catch (e) {
        return { file: shown, people: [], problems: [{ file: shown, line: 0, row: "file", column: "(any)", rule: `cannot be read: ${(e as Error).message}` }] };
    }
    const ext = path.extname(file).toLowerCase();
    let rows: Row[];
    let fileDefaults: Row | undefined;
    if (ext === ".csv") rows = readCsv(text, shown, problems);
    else if (ext === ".yaml" || ext === ".yml") {
        const y = readYaml(text.toString("utf8"), shown, problems);
        rows = y.rows;
        if (y.defaults) fileDefaults = defaultCells(y.defaults, "defaults", problems, shown);
    } else {
        return { file: shown, people: [], problems: [{ file: shown, line: 0, row: "file", column: "(any)", rule: "a roster is a .csv, .yaml or .yml file" }] };
    }
    const programDefaults = defaultCells(options.defaults as Record<string, unknown> | undefined, "the program's defaults", problems, shown);
    const defaults = [fileDefaults, programDefaults].filter((d): d is Row => d !== undefined);

    const people: RosterPerson[] = [];
    for (const row of rows) {
        const person = personOf(row, defaults, shown, problems, options);
        if (person) people.push(person);
    }
    duplicates(people, rows, shown, problems, options.region);
    const merged = mergeProblems(problems);
    return { file: shown, people: merged.length ? [] : people, problems: merged };
}

/** A cell's value for a field from the row, else from the defaults in order. */
function pick(row: Row, defaults: Row[], field: RowField): Cell | undefined {
    return row.fields[field] ?? defaults.map((d) => d.fields[field]).find((c) => c !== undefined);
}

function personOf(row: Row, defaults: Row[], file: string, problems: RosterProblem[], options: RosterReadOptions): RosterPerson | undefined {
    const before = problems.length;
    const problem = (column: string, rule: string) => problems.push({ file, line: row.line, row: row.where, column, rule });
    const text = (c: Cell | undefined) => (c === undefined ? undefined : typeof c.value === "string" ? c.value.trim() : typeof c.value === "number" ? String(c.value) : c.value);

    const login = text(row.fields.login);
    if (typeof login !== "string" || login === "") {
        problem("login", "every person has a login (it names the person's resources)");
        return undefined;
    }
    const statusCell = pick(row, defaults, "status");
    let status = text(statusCell) ?? "active";
    if (!(PERSON_STATUSES as readonly unknown[]).includes(status)) {
        problem(label(statusCell!), `must be one of ${PERSON_STATUSES.join(", ")}; got ${JSON.stringify(status)}`);
        status = "active"; // the other columns are still checked, as for an active person
    }
    const adoptCell = pick(row, defaults, "adopt");
    const adopt = adoptCell === undefined ? undefined : coerce(adoptCell.value, { type: "boolean" });
    if (adopt !== undefined && typeof adopt !== "boolean") problem(label(adoptCell!), `must be true or false; got ${JSON.stringify(adoptCell!.value)}`);
    const formerCell = row.fields.formerLogins;
    const formerLogins = formerCell === undefined ? [] : (coerce(formerCell.value, { type: "array", items: { type: "string" } }) as unknown[]).map(String);

    const declaration: PersonDeclaration = { login, status: status as PersonDeclaration["status"], ...(typeof adopt === "boolean" ? { adopt } : {}) };
    for (const f of ["name", "email"] as const) if (row.fields[f]) declaration[f] = text(row.fields[f]);
    // Which cell each section key came from, per entry, for the problems.
    const cellsOf: Partial<Record<SectionKey, Record<string, Cell>[]>> = {};
    for (const section of SECTIONS) {
        const s = row.sections[section.key];
        if (!s) continue;
        const flagged = s.flag === undefined ? undefined : flagValue(s.flag);
        if (s.flag && flagged === undefined) {
            problem(s.flag.column, `must be yes or no; got ${JSON.stringify(s.flag.value)}`);
            continue;
        }
        const hasCells = s.entries.some((e) => Object.keys(e).length > 0) || Object.keys(s.shared).length > 0;
        if (flagged === false) {
            if (hasCells) problem(s.flag!.column, `says no, but the row has ${section.key} cells`);
            continue;
        }
        if (!hasCells && !flagged) continue;
        const entries = section.list ? s.entries : [s.entries[0] ?? {}];
        const cells = entries.map((e) => {
            const merged: Record<string, Cell> = {};
            for (const d of [...defaults].reverse()) Object.assign(merged, d.sections[section.key]?.shared ?? {});
            Object.assign(merged, s.shared, e);
            return merged;
        });
        cellsOf[section.key] = cells;
        const values = cells.map((c) =>
            Object.fromEntries(
                Object.entries(c).map(([k, cell]) => {
                    const attr = section.descriptor.attributes[propertyOf(section, k)] as InputAttribute;
                    return [k, coerce(cell.value, jsonTypeOf(attr))];
                }),
            ),
        );
        (declaration as Record<string, unknown>)[section.key] = section.list ? values : values[0];
    }
    // A placeholder for the password the program will take from secret config: the checks see one is there.
    const hasPassword = options.hasPassword?.(login) ?? true;
    if (hasPassword) declaration.password = UNKNOWN;

    let children: Child[];
    try {
        children = childrenOf(escapeName(login), declaration);
    } catch (e) {
        if (!(e instanceof PersonShapeError)) throw e;
        problem("(row)", e.message);
        return undefined;
    }
    const creating = declaration.adopt !== true;
    const columns: Record<string, Record<string, string>> = {};
    let needsPassword = false;
    for (const child of children) {
        const schema = checkSchemaOf(child.section.descriptor, creating);
        if (creating && (schema.requiredOnCreate ?? []).includes("password")) needsPassword = true;
        columns[child.name] = Object.fromEntries(Object.keys(child.args).map((p) => [p, columnOf(child.origins[p], child, p, cellsOf)]));
        const { failures } = validate(schema, child.args, creating, options.region);
        for (const f of failures) {
            // The password is the program's (secret config), checked there: the roster only says when there is none.
            if (f.property === "" || f.property === "password") continue;
            const origin = child.origins[f.property];
            const rule = f.reason.startsWith(`${f.property} `) ? f.reason.slice(f.property.length + 1) : f.reason;
            const from = origin && "person" in origin && f.property !== origin.person ? `, from ${origin.person}` : "";
            problem(columnOf(origin, child, f.property, cellsOf), `${rule} (${kindName(child)} ${f.property}${from})`);
        }
    }
    if (needsPassword && !hasPassword) {
        problem("login", `no password for ${login} in secret config: set one with \`pulumi config set --secret ${login} …\` (a new SIP user or agent needs one), or adopt the existing objects (adopt: true)`);
    }
    const { password: _password, ...person } = declaration;
    return { login, line: row.line, person, formerLogins, children, columns, valid: problems.length === before };
}

/**
 * One problem per cell: a person's value that feeds two resources (an e-mail: the SIP user's and the agent's) and
 * breaks the same rule in both is said once, naming both; different rules are joined. In the order of the rows.
 */
function mergeProblems(problems: RosterProblem[]): RosterProblem[] {
    const out: RosterProblem[] = [];
    for (const p of problems) {
        const same = out.find((q) => q.row === p.row && q.column === p.column && q.file === p.file);
        if (!same) {
            out.push({ ...p });
            continue;
        }
        const [rule, owner] = splitOwner(p.rule);
        const [sameRule, sameOwner] = splitOwner(same.rule);
        if (rule === sameRule && owner && sameOwner) same.rule = `${rule} (${sameOwner}, ${owner})`;
        else if (same.rule !== p.rule) same.rule = `${same.rule}; ${p.rule}`;
    }
    return out.sort((a, b) => a.line - b.line);
}

/** A rule and the resource property it is of: `must be …; got "x"` and `opentact.SipUser email`. */
function splitOwner(rule: string): [string, string | undefined] {
    const m = /^(.*) \(([a-z]+\.[A-Za-z]+ [A-Za-z]+(?:, from [a-z]+)?)\)$/.exec(rule);
    return m ? [m[1], m[2]] : [rule, undefined];
}

/** `opentact.SipUser`: how a child's kind is named in problems. */
function kindName(child: Child): string {
    return `${child.section.descriptor.vendor}.${child.section.descriptor.name}`;
}

function label(cell: Cell): string {
    return cell.defaulted ? `${cell.column} (from the defaults)` : cell.column;
}

/** The column a child property came from, as the file names it. */
function columnOf(origin: Origin | undefined, child: Child, property: string, cellsOf: Partial<Record<SectionKey, Record<string, Cell>[]>>): string {
    if (origin && "person" in origin) return origin.person;
    const section = child.section;
    const key = origin?.key ?? Object.entries(section.renamed ?? {}).find(([, p]) => p === property)?.[0] ?? property;
    const cell = cellsOf[section.key]?.[child.index ?? 0]?.[key];
    if (cell) return label(cell);
    return section.list ? `${section.key}.${key}` : `${section.key}.${key}`;
}

/** Refuses a login or a number declared in two rows (or twice in one): numbers compare in E.164, whatever the spelling. */
function duplicates(people: RosterPerson[], rows: Row[], file: string, problems: RosterProblem[], region: StackRegion = {}): void {
    const logins = new Map<string, Row>();
    for (const row of rows) {
        const all = [row.fields.login, ...(row.fields.formerLogins ? [row.fields.formerLogins] : [])];
        for (const cell of all) {
            if (!cell) continue;
            const values = cell === row.fields.login ? [String(cell.value).trim()] : (coerce(cell.value, { type: "array", items: { type: "string" } }) as unknown[]).map(String);
            for (const v of values) {
                if (v === "") continue;
                const key = v.toLowerCase();
                const first = logins.get(key);
                if (first && first !== row) problems.push({ file, line: row.line, row: row.where, column: cell.column, rule: `login ${JSON.stringify(v)} is also ${first.where}'s: every person has a login of their own` });
                else logins.set(key, row);
            }
        }
    }
    const numbers = new Map<string, { where: string; column: string }>();
    for (const p of people) {
        const row = rows.find((r) => r.line === p.line)!;
        for (const child of p.children) {
            for (const property of taggedOf(child.section.descriptor.attributes, "unique-number")) {
                const v = child.args[property];
                if (typeof v !== "string" || v === UNKNOWN) continue;
                // One number in any spelling is one key: compared in E.164, as the provider stores it.
                const rule = (child.section.descriptor.attributes[property] as InputAttribute).phone!;
                const parsed = parseNumber(v, rule, region);
                const key = parsed.ok ? parsed.e164 : v;
                const column = p.columns[child.name]?.[property] ?? property;
                const first = numbers.get(key);
                if (first) problems.push({ file, line: row.line, row: row.where, column, rule: `number ${v} is also ${first.where === row.where ? "this row's" : `${first.where}'s`} (column ${first.column}): a number is assigned once` });
                else numbers.set(key, { where: row.where, column });
            }
        }
    }
}
