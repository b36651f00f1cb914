/**
 * The README's property tables, one per resource, generated from the resource's attribute declarations (the input
 * names, which are required) and their TSDoc (as the build copied it: the text an IDE shows on the `…Args` type,
 * which args-types.test.ts checks). `readme-properties.test.ts` fails when the README's tables differ from what this
 * generates; `node dist/test/readme-properties.js --write` (after `npm run build`) rewrites them.
 */
import * as fs from "fs";
import * as path from "path";
import { InputAttribute, inputsOf } from "../provider/core/attributes";
import { ResourceDescriptor, docsOf } from "../provider/core/descriptor";
import { isRequired } from "../provider/core/validation";
import { RESOURCES } from "../provider/registry";
import { REPO } from "./harness";

export const README = path.join(REPO, "README.md");

/** The block a table lives in: `<!-- properties opentact:SipUser -->` … `<!-- /properties -->`. */
const begin = (kind: string) => `<!-- properties ${kind} (generated from the schema by test/readme-properties.ts) -->`;
const END = "<!-- /properties -->";

const cell = (s: string) => s.replace(/\s+/g, " ").trim().replace(/\|/g, "\\|");

/** Whether a property is required: by its type, only to create a new object (adopting may leave it out), or not. */
function required(attr: InputAttribute): string {
    if (isRequired(attr)) return "yes";
    return attr.requiredOnCreate ? "to create" : "no";
}

/** The table of a resource's input properties, in the order they are declared. */
export function propertyTable(d: ResourceDescriptor): string {
    const docs = docsOf(d);
    const rows = inputsOf(d.attributes).map((key) => {
        const doc = docs[key];
        const text = doc.deprecated !== undefined ? `Deprecated: ${doc.deprecated}` : doc.description;
        return `| \`${key}\` | ${required(d.attributes[key] as InputAttribute)} | ${cell(text)} |`;
    });
    return ["| property | required | description |", "|---|---|---|", ...rows].join("\n");
}

/** Every resource's table, by kind. */
export function propertyTables(resources: readonly ResourceDescriptor[] = RESOURCES): Map<string, string> {
    return new Map(resources.map((d) => [d.kind, propertyTable(d)]));
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
