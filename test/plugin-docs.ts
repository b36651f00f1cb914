/**
 * `provider/plugin/docs.ts`, the text of the provider plugin's schema that only the typings hold today: each
 * resource's class TSDoc, each input's TSDoc (as an IDE shows it on `…Args`, and as the README's property tables
 * show it) and each computed output's TSDoc and type (its `declare readonly x: pulumi.Output<T>`). The plugin
 * ships without TypeScript, so this text is generated into a source file; `plugin-docs.test.ts` fails when it
 * differs from the typings, and `node dist/test/plugin-docs.js --write` (after `npm run build`) rewrites it.
 */
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import { computedOf } from "../provider/core/attributes";
import { typeNameOf } from "../provider/core/descriptor";
import { RESOURCES } from "../provider/registry";
import type { KindDocs } from "../provider/plugin/docs";
import { REPO } from "./harness";
import { compile, describeDiagnostic } from "./typings";

export const DOCS_FILE = path.join(REPO, "provider", "plugin", "docs.ts");

/** The computed outputs of a kind: its descriptor's outputs that are not also inputs. */
function computedOutputs(kind: string): string[] {
    return computedOf(RESOURCES.find((r) => r.kind === kind)!.attributes);
}

/**
 * Every kind's docs, read from the published typings in one compilation: the class's TSDoc, each property of its
 * `…Args` (as an IDE shows it on the property, and the README's table), each computed output's TSDoc and value type.
 */
export function pluginDocs(): Record<string, KindDocs> {
    const lines = [`import * as telephony from "pulumi-telephony";`, `import type { Output } from "@pulumi/pulumi";`];
    type Wanted = { kind: string; what: "class" | "args" | "output"; output?: string };
    const wanted: Wanted[] = [];
    RESOURCES.forEach((d, i) => {
        const cls = typeNameOf(d.kind);
        lines.push(`declare const r${i}: telephony.${cls};`, `export const C${wanted.length} = telephony.${cls};`);
        wanted.push({ kind: d.kind, what: "class" });
        lines.push(`export type A${wanted.length} = telephony.${cls}Args;`);
        wanted.push({ kind: d.kind, what: "args" });
        for (const o of computedOutputs(d.kind)) {
            // The output's value type (what `Output<T>` carries) and, on the next line, the member for its TSDoc.
            lines.push(`type T${wanted.length} = telephony.${cls}[${JSON.stringify(o)}] extends Output<infer T> ? T : never;`);
            lines.push(`export const M${wanted.length} = r${i}.${o};`);
            wanted.push({ kind: d.kind, what: "output", output: o });
        }
    });
    const { program, errors, dir } = compile({ "docs.ts": `${lines.join("\n")}\n` });
    try {
        if (errors.length) throw new Error(`the typings do not compile:\n${errors.map(describeDiagnostic).join("\n")}`);
        const checker = program.getTypeChecker();
        const file = program.getSourceFile(path.join(dir, "docs.ts"))!;
        const docOf = (sym: ts.Symbol | undefined) => {
            const target = sym && sym.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(sym) : sym;
            return target ? ts.displayPartsToString(target.getDocumentationComment(checker)) : "";
        };
        // The class's own TSDoc only: its declaration-merged interface (the outputs from the schema) has another.
        const classDoc = (node: ts.Node) => {
            const sym = checker.getAliasedSymbol(checker.getSymbolAtLocation(node)!);
            const decl = sym.declarations?.find(ts.isClassDeclaration);
            const jsDoc = decl ? ts.getJSDocCommentsAndTags(decl).filter(ts.isJSDoc) : [];
            return jsDoc.map((j) => ts.getTextOfJSDocComment(j.comment) ?? "").join("\n");
        };
        const out: Record<string, KindDocs> = {};
        let i = 0;
        let type = "";
        for (const stmt of file.statements) {
            const exported = ts.canHaveModifiers(stmt) && ts.getModifiers(stmt)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
            if (ts.isTypeAliasDeclaration(stmt) && !exported) {
                type = checker.typeToString(checker.getTypeAtLocation(stmt.name));
                continue;
            }
            if (!exported) continue;
            const { kind, what, output } = wanted[i++];
            const d = RESOURCES.find((r) => r.kind === kind)!;
            out[kind] ??= { resource: "", inputs: {}, outputs: {} };
            if (what === "class") {
                out[kind].resource = classDoc((stmt as ts.VariableStatement).declarationList.declarations[0].initializer!);
            } else if (what === "args") {
                const props = new Map(checker.getPropertiesOfType(checker.getTypeAtLocation((stmt as ts.TypeAliasDeclaration).name)).map((p) => [p.getName(), p]));
                for (const f of [...Object.keys(d.loadAdapter().schema.fields), "adopt"]) {
                    const p = props.get(f);
                    if (!p) throw new Error(`${kind}: the schema field ${f} is not a property of ${typeNameOf(kind)}Args`);
                    const deprecated = p.getJsDocTags(checker).find((t) => t.name === "deprecated");
                    out[kind].inputs[f] = deprecated ? { doc: docOf(p), deprecated: ts.displayPartsToString(deprecated.text) } : { doc: docOf(p) };
                }
            } else {
                const init = (stmt as ts.VariableStatement).declarationList.declarations[0].initializer as ts.PropertyAccessExpression;
                out[kind].outputs[output!] = { doc: docOf(checker.getSymbolAtLocation(init.name)), type };
            }
        }
        return out;
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

/** The generated file's text. */
export function renderDocs(docs: Record<string, KindDocs>): string {
    return [
        "// Generated by test/plugin-docs.ts from the package's typings (the TSDoc an IDE shows): do not edit.",
        "// Regenerate after `npm run build` with `node dist/test/plugin-docs.js --write`; plugin-docs.test.ts checks it.",
        "",
        "/** The documentation of a resource kind, from its TSDoc: the class, each input (`…Args`) and each computed output. */",
        "export interface KindDocs {",
        "    resource: string;",
        "    inputs: Record<string, { doc: string; deprecated?: string }>;",
        "    /** `type` is the TypeScript type of the output's value (`string | null`). */",
        "    outputs: Record<string, { doc: string; type: string }>;",
        "}",
        "",
        `export const DOCS: Record<string, KindDocs> = ${JSON.stringify(docs, null, 4)};`,
        "",
    ].join("\n");
}

if (require.main === module && process.argv.includes("--write")) fs.writeFileSync(DOCS_FILE, renderDocs(pluginDocs()));
