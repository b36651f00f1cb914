/**
 * `pulumi-telephony export`: reads the objects the configured vendors hold and writes a Pulumi TypeScript
 * program that declares them with `adopt: true`, so that `pulumi up` of it takes them all over without a
 * single write at any vendor (`pulumi import` does not work for dynamic resources: pulumi/pulumi#16175).
 *
 * The declared properties are exactly what the provider's own `observe` makes of each live object — the
 * values adopt compares with — so adopting finds nothing to change. Write-only and unobservable properties
 * (passwords, Smartflo caller ids, Verigator phone numbers) are left out; the resources accept that for an
 * adopted object (`requiredOnCreate` in the core). Output is sorted and byte-identical for the same estate.
 *
 * What to read and how is each resource's (its descriptor's `export` and its folder's `exporter.ts`): this module
 * knows no vendor.
 */
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { ExportInfo, ExportScope, Listed, ResourceDescriptor, typeNameOf } from "../provider/core/descriptor";
import { Adapter, Props } from "../provider/core/reconciler";
import { adapterFor, configure, currentContext, reconciler } from "../provider/runtime";
import { redact } from "../provider/core/secrets";
import type { ProviderContext } from "../provider/core/context";
import { ConfigSource } from "../provider/core/settings";
import { RESOURCES, VENDOR_IDS, VendorId, descriptorOf } from "../provider/registry";
import { tokenOf } from "../provider/plugin/tokens";
import { UsageError, openStack } from "./engine";
import { escapeName } from "../provider/person/sections";
import { linePeople, renderRoster } from "./export-roster";

/** The vendors, in the order they are read and written: the registry's. */
export const VENDORS: readonly VendorId[] = VENDOR_IDS;
export type VendorName = VendorId;

/** The resource class of a kind, as the generated program imports it (the top-level name, e.g. `SipUser`). */
const classOf = (kind: string) => typeNameOf(kind);

/** `--filter KIND::REGEX`: only objects of KIND whose natural key matches REGEX (kinds not named: none). */
export interface Filter {
    kind: string;
    pattern: RegExp;
}

export interface ExportOptions {
    /** Stack whose `telephony:*` config supplies credentials and endpoints (else the folder's selected stack). */
    stack?: string;
    /** The Pulumi program folder of that stack; without a Pulumi.yaml there, only the environment is read. */
    cwd: string;
    vendors: readonly VendorName[];
    /** True when `--vendor` named them: then a vendor that cannot be read for lack of scope is an error. */
    vendorsExplicit: boolean;
    filters: Filter[];
    /** The folder that receives the program. */
    out: string;
    /** `ts`: the program; `json`: the program and inventory.json; `import`: Pulumi's bulk import file only. */
    format: "ts" | "json" | "import";
    /** `program` (default): one resource per object; `roster`: people lined up by login across vendors (export-roster.ts). */
    as?: "program" | "roster";
    /** The values of each scope option (`--opentact-connection UUID`…), by option: see `EXPORT_SCOPES`. */
    scopes: Record<string, string[]>;
}

/** A kind `export` can read: its descriptor, with how (its `export` when it is not `unsupported`). */
type Exportable = ResourceDescriptor & { export: ExportInfo };
const exportable = (d: ResourceDescriptor): d is Exportable => !("unsupported" in d.export);

const ALL: readonly ResourceDescriptor[] = RESOURCES;

/** The kinds `export` can read among `resources` (the registry's), in their order. */
export function exportables(resources: readonly ResourceDescriptor[] = ALL): readonly Exportable[] {
    return resources.filter(exportable);
}
export const EXPORTABLE = exportables();

/** Every scope option of `resources` (the registry's), with the kind it narrows: `--opentact-connection`, …. */
export function exportScopes(resources: readonly ResourceDescriptor[] = ALL): readonly (ExportScope & { kind: string })[] {
    return exportables(resources).flatMap((d) => d.export.scopes.map((sc) => ({ ...sc, kind: d.kind })));
}
export const EXPORT_SCOPES = exportScopes();

/** One object as exported: what the program declares, and why some properties are left out. */
export interface ExportedObject {
    /** `opentact:SipUser` */
    kind: string;
    /** The id the provider keeps the object under (`uuid`, `accountId/userId`, …). */
    id: string;
    /** The natural key: login, login id, Chime user id, id in service. */
    key: string;
    /** The Pulumi resource name: the key escaped, made unique. */
    name: string;
    /** The declared properties: every observable input the vendor shows, as the provider observes it. */
    properties: Props;
    /** Properties left out, with the reason (a comment in the program). */
    omitted: Array<{ property: string; reason: string }>;
    /** The parent id property (sipConnectionUuid, accountId, serviceId), written as a named constant. */
    parent?: { property: string; value: string; label?: string };
    /** What the vendor computes (a Chime user's e-mail): how `--as roster` lines objects up by person. */
    computed?: Props;
}

export interface ExportResult {
    objects: ExportedObject[];
    /** Vendor failures (missing credentials, refusals): the others still export; exit status 1. */
    errors: Array<{ vendor: VendorName; message: string }>;
    /** Vendors not exported, with why (IPPanel cannot list assignments; no accounts given). */
    skipped: Array<{ vendor: VendorName; reason: string }>;
    /** Files written, relative to `out`. */
    files: string[];
    /** Vendor requests sent, per vendor: every attempt, retries included, as each client counts it (core/stats.ts). */
    requests: Record<string, number>;
    /** With `--as roster`: how many people the roster holds, and how many objects no person holds. */
    people?: number;
    others?: number;
    rosterFiles?: Record<string, string>;
}

/**
 * `--as roster`: the people in `roster.yaml` (every one adopting), the objects no person holds in the vendor files as
 * `export` writes them, and an `index.ts` that declares both.
 */
function rosterProgram(objects: ExportedObject[], flat: Record<string, string>, opts: ExportOptions): Pick<ExportResult, "people" | "others" | "rosterFiles"> {
    const { people, others } = linePeople(objects);
    const files = others.length ? renderProgram(others, { format: "ts", packageVersion: "" }) : {};
    delete files["index.ts"];
    const vendors = VENDORS.filter((v) => `${v}.ts` in files);
    const header = [
        "Generated by `pulumi-telephony export --as roster`.",
        `${people.length} ${people.length === 1 ? "person" : "people"}: an estate's objects lined up by login (SIP login, Smartflo login id, Verigator id in service) and Chime users by e-mail.`,
        "`adopt: true` takes each object over as it is: `pulumi up` writes nothing at any vendor. IPPanel cannot list who holds a",
        "number: add a person's numbers under `numbers:` by hand. Passwords are never read back: an adopted person keeps its",
        "own; to manage one, `pulumi config set --secret <login> …` (and a new person needs one).",
    ];
    files["roster.yaml"] = renderRoster(people, header);
    files["index.ts"] =
        [
            `${GENERATED.slice(0, -2)} --as roster\`.`,
            `// ${people.length} ${people.length === 1 ? "person" : "people"} in roster.yaml${others.length ? `; ${others.length} object${others.length === 1 ? "" : "s"} no person holds, one file per vendor` : ""}.`,
            'import { roster } from "pulumi-telephony";',
            ...vendors.map((v) => `import "./${v}";`),
            "",
            'export const people = Object.keys(roster("roster.yaml")).length;',
        ].join("\n") + "\n";
    if (opts.format === "json") files["inventory.json"] = flat["inventory.json"];
    return { people: people.length, others: others.length, rosterFiles: files };
}

type Progress = (line: string) => void;

/** Unobservable inputs of a kind that the program leaves out, with the reason shown in a comment. */
function unobservableReason(d: Exportable): string {
    return `not observable (${d.export.unobservableBy ?? "the vendor"} does not show it): left out, so the current value is kept; declare one only to start managing it`;
}

/**
 * Turns live objects of one kind into exported objects: properties from the adapter's `observe` (as adopt
 * sees them), minus secrets and unobservable ones, minus any value the library's own rules refuse (so the
 * program passes `pulumi preview`; the reason becomes a comment).
 */
async function toExported(d: Exportable, items: Listed[]): Promise<Omit<ExportedObject, "name">[]> {
    const adapter: Adapter<unknown, unknown> = adapterFor(d.kind);
    const secret = new Set(adapter.schema.secret ?? []);
    const unobservable = new Set(adapter.unobservable);
    const out: Omit<ExportedObject, "name">[] = [];
    for (const item of items) {
        const observed = adapter.observe(item.live, item.state ?? {});
        // The parent the object was listed under, when its own view does not echo it.
        if (item.parent && (observed[item.parent.property] === undefined || observed[item.parent.property] === null)) observed[item.parent.property] = item.parent.value;
        const properties: Props = {};
        const omitted: ExportedObject["omitted"] = [];
        for (const k of Object.keys(adapter.schema.fields)) {
            if (secret.has(k)) {
                omitted.push({ property: k, reason: "write-only: never read back; until declared, the current value is kept" });
                continue;
            }
            if (unobservable.has(k)) {
                omitted.push({ property: k, reason: unobservableReason(d) });
                continue;
            }
            const v = observed[k];
            if (v !== undefined && v !== null) properties[k] = v;
        }
        // The library's own rules: a value the vendor holds but `check` would refuse stays out of the program.
        const { failures } = await reconciler(adapter.kind).check({}, { ...properties, adopt: true });
        for (const f of failures) {
            if (f.property && f.property in properties) {
                omitted.push({ property: f.property, reason: `the live value is refused by this library's rules (${f.reason}): left out, the current value is kept` });
                delete properties[f.property];
            }
        }
        const computed = adapter.computed(item.live, item.id) as Props;
        out.push({ kind: adapter.kind, id: item.id, key: item.key, properties, omitted, parent: item.parent, computed });
    }
    return out;
}

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Why a vendor in the default set has nothing to read, or undefined when it can be read: none of its kinds can be
 * exported (IPPanel), or each needs a scope value none was given for (Chime accounts, Verigator services).
 */
function unscoped(vendor: VendorName, opts: ExportOptions): string | undefined {
    const kinds = ALL.filter((d) => d.vendor === vendor);
    const readable = kinds.filter(exportable);
    if (readable.length === 0) return kinds.map((d) => ("unsupported" in d.export ? d.export.unsupported : "")).join("; ");
    const waiting = readable.filter((d) => d.export.perScope && !d.export.scopes.some((sc) => opts.scopes[sc.flag]?.length));
    if (waiting.length < readable.length) return undefined;
    return waiting.map((d) => `no ${d.export.scopes.map((sc) => `--${sc.flag}`).join(" or ")} given: ${d.export.perScope}`).join("; ");
}

/** Lists the objects of every readable kind of a vendor and describes them as the provider observes them. */
async function readVendor(context: ProviderContext, vendor: VendorName, opts: ExportOptions, progress: Progress): Promise<Omit<ExportedObject, "name">[]> {
    const out: Omit<ExportedObject, "name">[] = [];
    for (const d of EXPORTABLE.filter((r) => r.vendor === vendor)) {
        const scope = Object.fromEntries(d.export.scopes.map((sc) => [sc.flag, opts.scopes[sc.flag] ?? []]));
        out.push(...(await toExported(d, await d.export.load().list(context, scope, progress))));
    }
    return out;
}

// ---------------------------------------------------------------------------------------------------------
// Names

export { escapeName } from "../provider/person/sections";

function assignNames(objects: Omit<ExportedObject, "name">[]): ExportedObject[] {
    const base = (o: Omit<ExportedObject, "name">) => escapeName(o.key);
    const count = new Map<string, number>();
    for (const o of objects) count.set(`${o.kind} ${base(o)}`, (count.get(`${o.kind} ${base(o)}`) ?? 0) + 1);
    const named = objects.map((o) => {
        const b = base(o);
        // A suffix from the id, not from the order: an object keeps its name whatever else the estate holds.
        const name = count.get(`${o.kind} ${b}`)! > 1 ? `${b}-${createHash("sha256").update(o.id).digest("hex").slice(0, 8)}` : b;
        return { ...o, name };
    });
    return named.sort((a, b) => byString(a.kind, b.kind) || byString(a.name, b.name) || byString(a.id, b.id));
}

// ---------------------------------------------------------------------------------------------------------
// The program

export const GENERATED = "// Generated by `pulumi-telephony export`.";

/** A value as a TypeScript literal (JSON is valid TypeScript; object keys quoted only when needed). */
function literal(v: unknown): string {
    if (Array.isArray(v)) return `[${v.map(literal).join(", ")}]`;
    if (v && typeof v === "object") {
        const entries = Object.entries(v as Props).filter(([, x]) => x !== undefined);
        return `{ ${entries.map(([k, x]) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k)}: ${literal(x)}`).join(", ")} }`;
    }
    return JSON.stringify(v);
}

/** Text safe inside a `//` comment (no line breaks). */
const commentText = (s: string) => s.replace(/[\r\n\u2028\u2029]/g, " ");

/** The named constants of one vendor file: one per parent id, numbered in sorted order. */
function constants(objects: ExportedObject[], prefix: string): Map<string, { name: string; label?: string }> {
    const values = [...new Set(objects.map((o) => o.parent!.value))].sort(byString);
    const labels = new Map(objects.flatMap((o) => (o.parent?.label ? [[o.parent.value, o.parent.label] as const] : [])));
    return new Map(values.map((v, i) => [v, { name: `${prefix}_${i + 1}`, label: labels.get(v) }]));
}

function renderResource(o: ExportedObject, parentConst: Map<string, { name: string }>): string {
    const lines = [`// ${o.kind} ${commentText(JSON.stringify(o.id))}`, `new ${classOf(o.kind)}(${JSON.stringify(o.name)}, {`];
    for (const [k, v] of Object.entries(o.properties)) {
        const constant = o.parent && k === o.parent.property && v === o.parent.value ? parentConst.get(`${k} ${v}`)?.name : undefined;
        lines.push(`    ${k}: ${constant ?? literal(v)},`);
    }
    // One comment line per reason, naming the properties it leaves out.
    const byReason = new Map<string, string[]>();
    for (const { property, reason } of o.omitted) {
        if (property === "password") lines.push(`    // password: config.requireSecret(${JSON.stringify(`${o.name}-password`)}), // ${commentText(reason)}`);
        else byReason.set(reason, [...(byReason.get(reason) ?? []), property]);
    }
    for (const [reason, props] of byReason) lines.push(`    // ${props.join(", ")}: ${commentText(reason)}`);
    lines.push("    adopt: true,", "});");
    return lines.join("\n");
}

function renderVendorFile(vendor: VendorName, objects: ExportedObject[]): string {
    const classes = [...new Set(objects.map((o) => classOf(o.kind)))].sort(byString);
    const usesConfig = objects.some((o) => o.omitted.some((x) => x.property === "password"));
    const header = [
        GENERATED,
        `// ${objects.length} ${vendor} object${objects.length === 1 ? "" : "s"}, each adopted as it is (\`adopt: true\`): \`pulumi up\` changes nothing at the vendor.`,
        "// Edit freely: from now on this program is what the stack declares.",
        ...(usesConfig ? ['import * as pulumi from "@pulumi/pulumi";'] : []),
        `import { ${classes.join(", ")} } from "pulumi-telephony";`,
        "",
    ];
    const body: string[] = [];
    if (usesConfig) {
        body.push("// Passwords are write-only: they are not read back, and an adopted user without one keeps its current password.");
        body.push("// To manage one, set it with `pulumi config set --secret NAME` and uncomment the resource's password line.");
        body.push("const config = new pulumi.Config();", "");
    }
    const parentConst = new Map<string, { name: string; label?: string }>();
    for (const { property, constant, what } of EXPORT_SCOPES) {
        const consts = constants(objects.filter((o) => o.parent?.property === property), constant);
        for (const [value, c] of consts) {
            parentConst.set(`${property} ${value}`, c);
            body.push(`/** ${what} ${c.label ? `${commentText(JSON.stringify(c.label)).replace(/\*\//g, "* /")}` : commentText(value).replace(/\*\//g, "* /")}. */`);
            body.push(`export const ${c.name} = ${JSON.stringify(value)};`);
        }
    }
    if (parentConst.size) body.push("");
    body.push(objects.map((o) => renderResource(o, parentConst)).join("\n\n"));
    return `${[...header, ...body].join("\n")}\n`;
}

/** The files of the program (name → content), deterministic for the same objects. */
export function renderProgram(objects: ExportedObject[], opts: { format: "ts" | "json"; packageVersion: string }): Record<string, string> {
    const files: Record<string, string> = {};
    const vendors = VENDORS.filter((v) => objects.some((o) => o.kind.startsWith(`${v}:`)));
    for (const v of vendors) files[`${v}.ts`] = renderVendorFile(v, objects.filter((o) => o.kind.startsWith(`${v}:`)));
    files["index.ts"] =
        [
            GENERATED,
            `// ${objects.length} telephony object${objects.length === 1 ? "" : "s"}, one file per vendor.`,
            ...vendors.map((v) => `import "./${v}";`),
        ].join("\n") + "\n";
    if (opts.format === "json") {
        const inventory = objects.map((o) => ({ kind: o.kind, id: o.id, key: o.key, name: o.name, properties: o.properties }));
        files["inventory.json"] = `${JSON.stringify({ objects: inventory }, null, 2)}\n`;
    }
    return files;
}

/** The bulk import file `export --format import` writes. */
export const IMPORT_FILE = "import.json";

/**
 * Pulumi's bulk import file (`pulumi import --file`): each object as the provider plugin's resource — its type token,
 * the name the program would give it, its import id — and the properties to declare, those the TypeScript export
 * declares (every one the vendor shows that the library's rules accept). Sorted like the program, so a re-export
 * diffs cleanly. Pulumi generates the program from it in the project's own language.
 */
export function renderImportFile(objects: ExportedObject[]): string {
    const resources = objects.map((o) => {
        const how = adapterFor(o.kind).importId;
        if (typeof how === "string") throw new Error(`${o.kind} cannot be imported: ${how}`);
        const state = o.parent ? { [o.parent.property]: o.parent.value } : {};
        return { type: tokenOf(descriptorOf(o.kind)!), name: o.name, id: how?.of(o.id, state) ?? o.id, properties: Object.keys(o.properties) };
    });
    return `${JSON.stringify({ resources }, null, 2)}\n`;
}

/** The project files, written only when absent (a re-export into the same folder keeps the user's edits to them). */
function projectFiles(packageVersion: string): Record<string, string> {
    return {
        "Pulumi.yaml": [
            "name: telephony-estate",
            "description: Telephony objects adopted with `pulumi-telephony export`.",
            "runtime:",
            "  name: nodejs",
            "  options:",
            "    typescript: true",
            "main: index.ts",
            "",
        ].join("\n"),
        "package.json": `${JSON.stringify(
            {
                name: "telephony-estate",
                private: true,
                main: "index.ts",
                dependencies: { "@pulumi/pulumi": "^3.216.0", "pulumi-telephony": `^${packageVersion}` },
                devDependencies: { "@types/node": "^22.0.0", typescript: "~5.9.3" },
            },
            null,
            2,
        )}\n`,
        "tsconfig.json": `${JSON.stringify(
            {
                compilerOptions: { strict: true, target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", skipLibCheck: true, types: ["node"] },
                files: ["index.ts"],
            },
            null,
            2,
        )}\n`,
    };
}

/** Writes the program: generated files replaced, stale generated files removed, project files only if absent. */
function writeProgram(out: string, files: Record<string, string>, packageVersion: string): string[] {
    fs.mkdirSync(out, { recursive: true });
    const written: string[] = [];
    for (const [name, content] of Object.entries(projectFiles(packageVersion))) {
        const file = path.join(out, name);
        if (!fs.existsSync(file)) {
            fs.writeFileSync(file, content);
            written.push(name);
        }
    }
    for (const name of fs.readdirSync(out)) {
        if (name in files || !name.endsWith(".ts")) continue;
        const file = path.join(out, name);
        if (fs.statSync(file).isFile() && fs.readFileSync(file, "utf8").startsWith(GENERATED)) fs.rmSync(file);
    }
    for (const [name, content] of Object.entries(files)) {
        fs.writeFileSync(path.join(out, name), content);
        written.push(name);
    }
    return written.sort(byString);
}

// ---------------------------------------------------------------------------------------------------------
// The command

/** The stack config of `--stack` in `--cwd` (secrets decrypted), or nothing when the folder is no Pulumi program. */
async function stackConfig(opts: ExportOptions): Promise<ConfigSource> {
    const isProgram = ["Pulumi.yaml", "Pulumi.yml"].some((f) => fs.existsSync(path.join(opts.cwd, f)));
    if (!isProgram) {
        if (opts.stack) throw new UsageError(`--stack ${opts.stack}: ${opts.cwd} holds no Pulumi program (Pulumi.yaml); pass --cwd PROGRAM_DIR`);
        return { get: () => undefined };
    }
    const { stack } = await openStack({ stack: opts.stack, cwd: opts.cwd });
    const all = await stack.getAllConfig();
    return { get: (key) => all[key]?.value };
}

function packageVersion(): string {
    return JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "package.json"), "utf8")).version;
}

function matchesFilters(o: Omit<ExportedObject, "name">, filters: Filter[]): boolean {
    if (filters.length === 0) return true;
    return filters.some((f) => f.kind === o.kind && f.pattern.test(o.key));
}

/** Reads every vendor in scope and writes the program. Vendor failures are collected, not thrown. */
export async function exportEstate(opts: ExportOptions, progress: Progress): Promise<ExportResult> {
    await configure({ config: await stackConfig(opts) });
    const context = currentContext();
    const result: ExportResult = { objects: [], errors: [], skipped: [], files: [], requests: {} };
    const found: Omit<ExportedObject, "name">[] = [];
    const filteredKinds = new Set(opts.filters.map((f) => f.kind));
    for (const vendor of VENDORS.filter((v) => opts.vendors.includes(v))) {
        if (filteredKinds.size && ![...filteredKinds].some((k) => k.startsWith(`${vendor}:`))) continue;
        const why = unscoped(vendor, opts);
        if (why !== undefined) {
            if (opts.vendorsExplicit && EXPORTABLE.some((d) => d.vendor === vendor)) {
                result.errors.push({ vendor, message: why });
                progress(`${vendor}: error: ${why}`);
            } else {
                result.skipped.push({ vendor, reason: why });
                progress(`${vendor}: nothing exported: ${why}`);
            }
            continue;
        }
        try {
            const objects = (await readVendor(context, vendor, opts, progress)).filter((o) => matchesFilters(o, opts.filters));
            found.push(...objects);
            progress(`${vendor}: ${objects.length} object${objects.length === 1 ? "" : "s"} to export`);
        } catch (e) {
            if (e instanceof UsageError) throw e;
            const message = redact(e instanceof Error ? e.message : String(e));
            result.errors.push({ vendor, message });
            progress(`${vendor}: error: ${message}`);
        }
    }
    result.objects = assignNames(found);
    const version = packageVersion();
    if (opts.format === "import") {
        fs.mkdirSync(opts.out, { recursive: true });
        fs.writeFileSync(path.join(opts.out, IMPORT_FILE), renderImportFile(result.objects));
        result.files = [IMPORT_FILE];
    } else {
        const files = renderProgram(result.objects, { format: opts.format, packageVersion: version });
        if (opts.as === "roster") Object.assign(result, rosterProgram(result.objects, files, opts));
        result.files = writeProgram(opts.out, opts.as === "roster" ? result.rosterFiles! : files, version);
        delete result.rosterFiles;
    }
    for (const [vendor, v] of Object.entries(context.stats.byVendor)) result.requests[vendor] = v.requests;
    return result;
}

/** The summary printed on stdout: what was written, and the commands that adopt it. */
export function formatExport(r: ExportResult, opts: ExportOptions): string {
    const byKind = new Map<string, number>();
    for (const o of r.objects) byKind.set(o.kind, (byKind.get(o.kind) ?? 0) + 1);
    const counts = [...byKind].map(([k, n]) => `${n} ${k}`).join(", ") || "nothing";
    const lines = [`Exported ${r.objects.length} object${r.objects.length === 1 ? "" : "s"} (${counts}) to ${opts.out}: ${r.files.join(", ")}.`];
    if (r.people !== undefined) lines.push(`As a roster: ${r.people} ${r.people === 1 ? "person" : "people"} in roster.yaml, ${r.others} object${r.others === 1 ? "" : "s"} no person holds.`);
    for (const s of r.skipped) lines.push(`Not exported: ${s.vendor}: ${s.reason}.`);
    for (const e of r.errors) lines.push(`Failed: ${e.vendor}: ${e.message}`);
    if (opts.format === "import") {
        const secrets = r.objects.filter((o) => o.omitted.some((x) => x.property === "password"));
        lines.push(
            "",
            "To import them with the provider plugin (pulumi-resource-telephony), from your Pulumi program's folder, in any language",
            "(the same telephony:* config or environment as the export used):",
            `  pulumi import --file ${path.join(opts.out, IMPORT_FILE)} --out <file for the generated code> --protect=false`,
            "Then add the generated code to the program: `pulumi preview` is empty.",
        );
        if (secrets.length) {
            lines.push(
                `Passwords are never read back: the ${secrets.length} imported user${secrets.length === 1 ? "" : "s"} with one keep${secrets.length === 1 ? "s" : ""} it until the program declares it,`,
                "e.g. in YAML `password: ${sipPassword}` with `config: sipPassword: {type: string, secret: true}` (declaring one sets it at the next `up`).",
            );
        }
        const unseen = r.objects.filter((o) => o.omitted.some((x) => x.property !== "password"));
        if (unseen.length) lines.push(`${unseen.length} object${unseen.length === 1 ? " has" : "s have"} properties the vendor does not show (not imported; the current values are kept): see the README.`);
        return `${lines.join("\n")}\n`;
    }
    lines.push(
        "",
        "To adopt them (no vendor is written to):",
        `  cd ${opts.out} && npm install`,
        "  pulumi stack init NAME        # then set the same telephony:* config (or environment) the export used",
        "  pulumi preview                # every resource is a create that adopts",
        "  pulumi up",
    );
    return `${lines.join("\n")}\n`;
}
