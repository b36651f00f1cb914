#!/usr/bin/env node
// Part of `npm run build`, after tsc: copies the TSDoc of every attribute declaration (`name: input(…)` or
// `name: computed(…)`, see provider/core/attributes.ts) into `<file>.docs.json` beside the compiled file, so that
// what an IDE shows is also what the README tables and the provider schema say, from one source: the TSDoc.
// `{ "<attribute>": { "description": "…", "deprecated"?: "…" } }`; a resource's descriptor loads it (`loadDocs`).
// The schema's other descriptions come the same way from their declarations: each resource class
// (`class SipUser extends TelephonyResource`, keyed by its name: the resource's description, `loadClassDocs`) and the
// options every resource accepts (the members of `interface AdoptArgs`: `adopt`).
// Reads the sources as text (no type checking): a few hundred milliseconds.
"use strict";
const fs = require("fs");
const path = require("path");
const ts = require("typescript");

const ROOT = path.resolve(__dirname, "..");

/** Whether a class declaration is a resource class: `class X extends TelephonyResource`. */
const isResourceClass = (node, source) =>
    ts.isClassDeclaration(node) && node.name && (node.heritageClauses ?? []).some((h) => h.types.some((t) => t.expression.getText(source) === "TelephonyResource"));

/**
 * The documented declarations of a source file: the properties whose value is a call of `input` or `computed`, the
 * resource classes, and the members of `AdoptArgs`.
 */
function attributeDocs(file) {
    const source = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.ES2022, true);
    const docs = {};
    const record = (name, node) => {
        if (name in docs) throw new Error(`${file}: ${name} is declared twice; keep one attribute declaration per file`);
        const jsdoc = ts.getJSDocCommentsAndTags(node).filter(ts.isJSDoc).pop();
        const text = (c) => (ts.getTextOfJSDocComment(c) ?? "").trim();
        const deprecated = jsdoc?.tags?.find((t) => t.tagName.text === "deprecated");
        docs[name] = { description: jsdoc ? text(jsdoc.comment) : "", ...(deprecated ? { deprecated: text(deprecated.comment) } : {}) };
    };
    const visit = (node) => {
        if (ts.isPropertyAssignment(node) && ts.isCallExpression(node.initializer) && ts.isIdentifier(node.initializer.expression) && ["input", "computed"].includes(node.initializer.expression.text)) {
            record(node.name.getText(source), node);
        } else if (isResourceClass(node, source)) {
            record(node.name.text, node);
        } else if (ts.isInterfaceDeclaration(node) && node.name.text === "AdoptArgs") {
            for (const m of node.members) if (ts.isPropertySignature(m)) record(m.name.getText(source), m);
        }
        ts.forEachChild(node, visit);
    };
    visit(source);
    return docs;
}

function main() {
    const config = ts.getParsedCommandLineOfConfigFile(path.join(ROOT, "tsconfig.json"), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n")); } });
    const outDir = config.options.outDir;
    let written = 0;
    for (const file of config.fileNames) {
        if (file.endsWith(".d.ts")) continue;
        const docs = attributeDocs(file);
        if (Object.keys(docs).length === 0) continue;
        const out = path.join(outDir, path.relative(ROOT, file)).replace(/\.ts$/, ".docs.json");
        fs.mkdirSync(path.dirname(out), { recursive: true });
        fs.writeFileSync(out, `${JSON.stringify(docs, null, 2)}\n`);
        written++;
    }
    if (written === 0) throw new Error("no attribute declarations found: is this the pulumi-telephony repository?");
}

main();
