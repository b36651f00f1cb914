/**
 * Core knows no vendor: no module of provider/core imports the registry, the composition root or a vendor folder
 * (type imports included), and no circle of imports runs through core. Read from the sources, so a new import that
 * breaks the layering fails here, naming the file and what it imports.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";

/** The repository (this file runs as dist/provider/core/layering.test.js). */
const REPO = path.resolve(__dirname, "..", "..", "..");
const PROVIDER = path.join(REPO, "provider");
const CORE = path.join(PROVIDER, "core");

/** The package's own modules that core may load by package name: the shim's target (at call time) and its version. */
const BY_NAME = new Set(["pulumi-telephony/runtime", "pulumi-telephony/package.json"]);

function sources(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) return sources(p);
        return e.name.endsWith(".ts") && !e.name.endsWith(".test.ts") && !e.name.endsWith(".d.ts") ? [p] : [];
    });
}

/** Every module specifier a file names: `import … from`, `export … from`, `import "…"`, `require("…")`, `import("…")`. */
function specifiers(file: string): string[] {
    const text = fs.readFileSync(file, "utf8");
    const out: string[] = [];
    for (const re of [/\bfrom\s+"([^"]+)"/g, /\bimport\s+"([^"]+)"/g, /\brequire\(\s*"([^"]+)"\s*\)/g, /\bimport\(\s*"([^"]+)"\s*\)/g]) {
        for (const m of text.matchAll(re)) out.push(m[1]);
    }
    return out;
}

/** The source file a relative specifier names, or undefined for a package. */
function resolve(from: string, spec: string): string | undefined {
    if (!spec.startsWith(".")) return undefined;
    const base = path.resolve(path.dirname(from), spec);
    return [`${base}.ts`, path.join(base, "index.ts")].find((f) => fs.existsSync(f)) ?? `${base}.ts`;
}

describe("layering: core knows no vendor", () => {
    const files = sources(PROVIDER);
    const graph = new Map(files.map((f) => [f, specifiers(f).map((s) => resolve(f, s)).filter((t): t is string => t !== undefined)]));

    it("no module of provider/core imports anything outside core but packages", () => {
        const outside: string[] = [];
        for (const file of files.filter((f) => f.startsWith(CORE + path.sep))) {
            for (const spec of specifiers(file)) {
                const target = resolve(file, spec);
                if (target !== undefined && !target.startsWith(CORE + path.sep)) outside.push(`${path.relative(REPO, file)} imports ${spec}`);
                if (target === undefined && spec.startsWith("pulumi-telephony") && !BY_NAME.has(spec)) outside.push(`${path.relative(REPO, file)} loads ${spec}`);
            }
        }
        assert.deepStrictEqual(outside, []);
        assert.ok(files.some((f) => f.startsWith(CORE)), "core's sources were read");
    });

    it("no circle of imports runs through core", () => {
        // Tarjan's strongly connected components over the static import graph of provider/.
        let index = 0;
        const order = new Map<string, number>();
        const low = new Map<string, number>();
        const stack: string[] = [];
        const onStack = new Set<string>();
        const circles: string[][] = [];
        const visit = (v: string) => {
            order.set(v, index);
            low.set(v, index++);
            stack.push(v);
            onStack.add(v);
            for (const w of graph.get(v) ?? []) {
                if (!graph.has(w)) continue;
                if (!order.has(w)) {
                    visit(w);
                    low.set(v, Math.min(low.get(v)!, low.get(w)!));
                } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, order.get(w)!));
            }
            if (low.get(v) === order.get(v)) {
                const scc: string[] = [];
                let w: string;
                do {
                    w = stack.pop()!;
                    onStack.delete(w);
                    scc.push(w);
                } while (w !== v);
                if (scc.length > 1) circles.push(scc);
            }
        };
        for (const f of files) if (!order.has(f)) visit(f);
        const throughCore = circles.filter((c) => c.some((f) => f.startsWith(CORE + path.sep))).map((c) => c.map((f) => path.relative(REPO, f)).sort());
        assert.deepStrictEqual(throughCore, []);
    });
});
