/**
 * The package's typings as a Pulumi program sees them: TypeScript programs compiled against the installed
 * `pulumi-telephony` (its published `.d.ts`), with the compiler's own API. Used by the type tests and by the README's
 * property tables, whose descriptions are the TSDoc an IDE shows.
 */
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import { REPO } from "./harness";

export const COMPILER_OPTIONS: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    esModuleInterop: true,
    skipLibCheck: true,
    types: [],
};

/** Compiles `files` (name → source) in a folder under the repository, so `pulumi-telephony` resolves to the package. */
export function compile(files: Record<string, string>): { program: ts.Program; errors: ts.Diagnostic[]; dir: string } {
    fs.mkdirSync(path.join(REPO, ".test-programs"), { recursive: true });
    const dir = fs.mkdtempSync(path.join(REPO, ".test-programs", "typings-"));
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
    const program = ts.createProgram(
        Object.keys(files).map((f) => path.join(dir, f)),
        COMPILER_OPTIONS,
    );
    const errors = [...ts.getPreEmitDiagnostics(program)].filter((d) => d.category === ts.DiagnosticCategory.Error);
    return { program, errors, dir };
}

export function describeDiagnostic(d: ts.Diagnostic): string {
    const where = d.file && d.start !== undefined ? `${path.basename(d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start).line + 1}` : "";
    return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
}

/** A property of an exported `…Args` type as an IDE shows it: name, whether optional, its TSDoc. */
export interface ArgsProperty {
    name: string;
    optional: boolean;
    doc: string;
    deprecated?: string;
}

/**
 * The properties of exported types of `pulumi-telephony`, by type path (`SipUserArgs`, `smartflo.UserArgs`), read
 * from the published typings.
 */
export function argsProperties(typePaths: readonly string[]): Record<string, ArgsProperty[]> {
    const source = typePaths.map((p, i) => `export type T${i} = telephony.${p};`).join("\n");
    const { program, errors, dir } = compile({ "types.ts": `import * as telephony from "pulumi-telephony";\n${source}\n` });
    try {
        if (errors.length) throw new Error(`the typings do not compile:\n${errors.map(describeDiagnostic).join("\n")}`);
        const checker = program.getTypeChecker();
        const file = program.getSourceFile(path.join(dir, "types.ts"))!;
        const out: Record<string, ArgsProperty[]> = {};
        let i = 0;
        for (const stmt of file.statements) {
            if (!ts.isTypeAliasDeclaration(stmt)) continue;
            const type = checker.getTypeAtLocation(stmt.name);
            out[typePaths[i++]] = checker.getPropertiesOfType(type).map((sym) => {
                const deprecated = sym.getJsDocTags(checker).find((t) => t.name === "deprecated");
                return {
                    name: sym.getName(),
                    optional: (sym.flags & ts.SymbolFlags.Optional) !== 0,
                    doc: ts.displayPartsToString(sym.getDocumentationComment(checker)),
                    ...(deprecated ? { deprecated: ts.displayPartsToString(deprecated.text) } : {}),
                };
            });
        }
        return out;
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}
