/**
 * End-to-end harness: runs Pulumi programs through the real CLI (provided by scripts/pulumi-cli.js)
 * against the sandbox over loopback HTTP. Every run is hermetic: local file backend and PULUMI_HOME in a
 * temporary folder, a passphrase, no update check, no plugin downloads, no vendor variables inherited.
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

export const REPO = path.resolve(__dirname, "..", "..");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ensurePulumiCli } = require(path.join(REPO, "scripts", "pulumi-cli.js"));

let binDir: string | undefined;
function pulumiBin(): string {
    return (binDir ??= ensurePulumiCli(REPO) as string);
}

export interface RunResult {
    code: number;
    stdout: string;
    stderr: string;
    ms: number;
}

/** A resource in the generic test program: `new telephony[type](name, args, opts)`. */
export interface Declared {
    type: string;
    args: Record<string, unknown>;
    opts?: Record<string, unknown>;
}

/** The program every e2e test runs: it declares what `resources.json` lists, and exports each resource's outputs. */
const PROGRAM = `"use strict";
const telephony = require("pulumi-telephony");
const fs = require("fs");
const path = require("path");
const declared = JSON.parse(fs.readFileSync(path.join(__dirname, "resources.json"), "utf8"));
for (const [name, d] of Object.entries(declared)) {
    const r = new telephony[d.type](name, d.args, d.opts);
    exports[name] = r;
}
`;

const VENDOR_ENV = /^(OPENTACT|SMARTFLO|IPPANEL|CHIME|VERIGATOR|AWS|TELEPHONY)_/;

/**
 * Installs the built package into `<dir>/node_modules/pulumi-telephony` as npm would (a copy of package.json and
 * dist, tests left out), and gives the program its own package.json. So the program meets the package the way a
 * user's does: through node_modules, not through the repository's self-reference. That matters to what Pulumi
 * stores: its closure serializer stores an installed module as a `require` (see provider/core/shim.ts).
 * `@pulumi/pulumi` and the package's dependencies still resolve from the repository's node_modules.
 */
export function installPackage(dir: string, name = path.basename(dir)): void {
    const target = path.join(dir, "node_modules", "pulumi-telephony");
    fs.mkdirSync(target, { recursive: true });
    fs.copyFileSync(path.join(REPO, "package.json"), path.join(target, "package.json"));
    fs.cpSync(path.join(REPO, "dist"), path.join(target, "dist"), {
        recursive: true,
        filter: (src) => !/\.test\.js$|\.map$/.test(src) && src !== path.join(REPO, "dist", "test"),
    });
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: name.toLowerCase().replace(/[^a-z0-9-]/g, "-"), private: true }));
}

/** One Pulumi project + stack in its own folders. */
export class TestStack {
    readonly dir: string;
    readonly home: string;
    readonly env: NodeJS.ProcessEnv;

    private constructor(readonly name: string, extraEnv: NodeJS.ProcessEnv, programDir?: string) {
        fs.mkdirSync(path.join(REPO, ".test-programs"), { recursive: true });
        // Inside the repository, so `@pulumi/pulumi` and the package's dependencies resolve from its node_modules.
        this.dir = programDir ?? fs.mkdtempSync(path.join(REPO, ".test-programs", `${name}-`));
        this.home = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-telephony-home-"));
        fs.mkdirSync(path.join(this.home, "state"));
        const env: NodeJS.ProcessEnv = {};
        for (const [k, v] of Object.entries(process.env)) if (!VENDOR_ENV.test(k) && !k.startsWith("PULUMI_")) env[k] = v;
        this.env = {
            ...env,
            PATH: [pulumiBin(), path.join(REPO, "node_modules", ".bin"), process.env.PATH].join(path.delimiter),
            PULUMI_HOME: path.join(this.home, "pulumi-home"),
            PULUMI_BACKEND_URL: `file://${path.join(this.home, "state")}`,
            PULUMI_CONFIG_PASSPHRASE: "pulumi-telephony-test-passphrase",
            PULUMI_SKIP_UPDATE_CHECK: "true",
            PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
            NO_COLOR: "1",
            ...extraEnv,
        };
        if (programDir) return; // a program someone else wrote (under .test-programs/, for node resolution)
        fs.writeFileSync(
            path.join(this.dir, "Pulumi.yaml"),
            `name: ${name}\nruntime:\n  name: nodejs\n  options:\n    typescript: false\nmain: index.js\n`,
        );
        fs.writeFileSync(path.join(this.dir, "index.js"), PROGRAM);
        installPackage(this.dir);
        this.declare({});
    }

    static async create(name: string, config: Record<string, { value: string; secret?: boolean }>, env: NodeJS.ProcessEnv = {}): Promise<TestStack> {
        const s = new TestStack(name, env);
        await s.must(["stack", "init", "test", "--non-interactive"]);
        for (const [key, { value, secret }] of Object.entries(config)) await s.setConfig(key, value, secret);
        return s;
    }

    /** A stack of an existing program folder (its Pulumi.yaml and code left as they are). */
    static async open(programDir: string, config: Record<string, { value: string; secret?: boolean }>, env: NodeJS.ProcessEnv = {}): Promise<TestStack> {
        const s = new TestStack(path.basename(programDir), env, programDir);
        await s.must(["stack", "init", "test", "--non-interactive"]);
        for (const [key, { value, secret }] of Object.entries(config)) await s.setConfig(key, value, secret);
        return s;
    }

    /** Values go through stdin, never the command line. */
    async setConfig(key: string, value: string, secret = false): Promise<void> {
        await this.must(["config", "set", ...(secret ? ["--secret"] : ["--plaintext"]), key], value);
    }

    declare(resources: Record<string, Declared>): void {
        fs.writeFileSync(path.join(this.dir, "resources.json"), JSON.stringify(resources, null, 2));
    }

    run(args: string[], stdin?: string, timeoutMs = 240_000): Promise<RunResult> {
        const t0 = Date.now();
        return new Promise((resolve, reject) => {
            const p = spawn("pulumi", [...args], { cwd: this.dir, env: this.env, stdio: ["pipe", "pipe", "pipe"] });
            let stdout = "";
            let stderr = "";
            p.stdout.on("data", (d) => (stdout += d));
            p.stderr.on("data", (d) => (stderr += d));
            const timer = setTimeout(() => p.kill("SIGKILL"), timeoutMs);
            p.on("error", reject);
            p.on("close", (code) => {
                clearTimeout(timer);
                resolve({ code: code ?? -1, stdout, stderr, ms: Date.now() - t0 });
            });
            p.stdin.end(stdin ?? "");
        });
    }

    /**
     * Starts a CLI command in its own process group (the CLI, its language host and the provider), so a test can
     * kill the whole tree at once, as a crash or an OOM killer would: `process.kill(-child.pid, "SIGKILL")`.
     */
    start(args: string[]): { pid: number; done: Promise<RunResult> } {
        const t0 = Date.now();
        const p = spawn("pulumi", [...args], { cwd: this.dir, env: this.env, stdio: ["ignore", "pipe", "pipe"], detached: true });
        let stdout = "";
        let stderr = "";
        p.stdout!.on("data", (d) => (stdout += d));
        p.stderr!.on("data", (d) => (stderr += d));
        const done = new Promise<RunResult>((resolve, reject) => {
            p.on("error", reject);
            p.on("close", (code, signal) => resolve({ code: code ?? (signal ? 128 + 9 : -1), stdout, stderr, ms: Date.now() - t0 }));
        });
        return { pid: p.pid!, done };
    }

    /** The create journal the provider keeps for this stack's runs (under PULUMI_HOME). */
    get journalFile(): string {
        return path.join(this.env.PULUMI_HOME!, "telephony", "unanswered-creates.json");
    }

    /** Runs and fails with the CLI's own output when the exit code is not 0. */
    async must(args: string[], stdin?: string): Promise<RunResult> {
        const r = await this.run(args, stdin);
        if (r.code !== 0) throw new Error(`pulumi ${args.join(" ")} exited ${r.code}\n${r.stdout}\n${r.stderr}`);
        return r;
    }

    up() {
        return this.must(["up", "--yes", "--skip-preview", "--non-interactive", "--suppress-progress"]);
    }
    preview(extra: string[] = []) {
        return this.run(["preview", "--non-interactive", "--suppress-progress", "--diff", ...extra]);
    }
    refresh(extra: string[] = []) {
        const confirm = extra.includes("--preview-only") ? [] : ["--yes"];
        return this.run(["refresh", ...confirm, "--non-interactive", "--suppress-progress", ...extra]);
    }
    destroy() {
        return this.must(["destroy", "--yes", "--non-interactive", "--suppress-progress"]);
    }

    /** `pulumi stack export --show-secrets=false` as text (what lands on disk, secrets encrypted). */
    async exportText(): Promise<string> {
        return (await this.must(["stack", "export"])).stdout;
    }

    async outputs(): Promise<Record<string, any>> {
        return JSON.parse((await this.must(["stack", "output", "--json", "--show-secrets"])).stdout);
    }

    async dispose(): Promise<void> {
        fs.rmSync(this.dir, { recursive: true, force: true });
        fs.rmSync(this.home, { recursive: true, force: true });
    }
}

/** A small client of the sandbox's admin API, as a test or a person would use it. */
export class SandboxAdmin {
    constructor(readonly url: string) {}
    private async call(method: string, p: string, body?: unknown): Promise<any> {
        const r = await fetch(`${this.url}/_sandbox/${p}`, { method, body: body === undefined ? undefined : JSON.stringify(body), headers: { "content-type": "application/json" } });
        const text = await r.text();
        if (!r.ok) throw new Error(`sandbox admin ${method} ${p}: ${r.status} ${text}`);
        return text ? JSON.parse(text) : undefined;
    }
    objects(vendor: string, collection: string): Promise<Record<string, any>[]> {
        return this.call("GET", `objects/${vendor}/${collection}`);
    }
    alter(vendor: string, collection: string, id: string, patch: Record<string, unknown>) {
        return this.call("PATCH", `objects/${vendor}/${collection}/${encodeURIComponent(id)}`, patch);
    }
    remove(vendor: string, collection: string, id: string) {
        return this.call("DELETE", `objects/${vendor}/${collection}/${encodeURIComponent(id)}`);
    }
    seed(vendor: string, collection: string, obj: Record<string, unknown>) {
        return this.call("POST", `objects/${vendor}/${collection}`, obj);
    }
    requests(): Promise<{ total: number; counts: Record<string, number>; log: Array<{ vendor: string; method: string; path: string; route: string; status: number; body?: any; fault?: string; held?: boolean }> }> {
        return this.call("GET", "requests");
    }
    resetRequests() {
        return this.call("DELETE", "requests");
    }
}
