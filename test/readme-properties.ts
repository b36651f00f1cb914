/**
 * The README's property tables, one per resource, generated from the resource's schema (the property names, which
 * are required) and the TSDoc on its fields (as an IDE shows it on the `…Args` type). `readme-properties.test.ts`
 * fails when the README's tables differ from what this generates; `node dist/test/readme-properties.js --write`
 * (after `npm run build`) rewrites them.
 */
import * as fs from "fs";
import * as path from "path";
import { ResourceDescriptor, typeNameOf } from "../provider/core/descriptor";
import { RESOURCES } from "../provider/registry";
import { REPO } from "./harness";
import { ArgsProperty, argsProperties } from "./typings";

export const README = path.join(REPO, "README.md");

/** The block a table lives in: `<!-- properties opentact:SipUser -->` … `<!-- /properties -->`. */
const begin = (kind: string) => `<!-- properties ${kind} (generated from the schema by test/readme-properties.ts) -->`;
const END = "<!-- /properties -->";

const cell = (s: string) => s.replace(/\s+/g, " ").trim().replace(/\|/g, "\\|");

/** Whether a property is required: by its schema, only to create a new object (adopting may leave it out), or not. */
function required(d: ResourceDescriptor, key: string): string {
    const schema = d.loadAdapter().schema;
    if (!schema.fields[key].safeParse(undefined).success) return "yes";
    if (schema.requiredOnCreate?.includes(key)) return "to create";
    return "no";
}

/** The table of a resource's input properties, in the schema's order. */
export function propertyTable(d: ResourceDescriptor, docs: readonly ArgsProperty[]): string {
    const byName = new Map(docs.map((p) => [p.name, p]));
    const rows = Object.keys(d.loadAdapter().schema.fields).map((key) => {
        const p = byName.get(key);
        if (!p) throw new Error(`${d.kind}: the schema field ${key} is not a property of ${typeNameOf(d.kind)}Args`);
        const text = p.deprecated !== undefined ? `Deprecated: ${p.deprecated}` : p.doc;
        return `| \`${key}\` | ${required(d, key)} | ${cell(text)} |`;
    });
    return ["| property | required | description |", "|---|---|---|", ...rows].join("\n");
}

/** Every resource's table, by kind. */
export function propertyTables(): Map<string, string> {
    const docs = argsProperties(RESOURCES.map((d) => `${typeNameOf(d.kind)}Args`));
    return new Map(RESOURCES.map((d) => [d.kind, propertyTable(d, docs[`${typeNameOf(d.kind)}Args`])]));
}

/** The tables the README holds now, by kind (undefined where it has none). */
export function readmeTables(text: string): Map<string, string | undefined> {
    return new Map(
        RESOURCES.map((d) => {
            const i = text.indexOf(begin(d.kind));
            if (i < 0) return [d.kind, undefined];
            const start = i + begin(d.kind).length + 1;
            return [d.kind, text.slice(start, text.indexOf(END, start)).trim()];
        }),
    );
}

/** Rewrites the README's tables; a resource without one gets it inserted after its `### …` heading's example. */
function write(): void {
    let text = fs.readFileSync(README, "utf8");
    for (const [kind, table] of propertyTables()) {
        const block = `${begin(kind)}\n${table}\n${END}`;
        const i = text.indexOf(begin(kind));
        if (i >= 0) {
            text = text.slice(0, i) + block + text.slice(text.indexOf(END, i) + END.length);
            continue;
        }
        throw new Error(`README.md has no block for ${kind}: add the line "${begin(kind)}" and "${END}" where its table goes`);
    }
    fs.writeFileSync(README, text);
}

if (require.main === module && process.argv.includes("--write")) write();
