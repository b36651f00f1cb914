/**
 * End-to-end harness: runs Pulumi programs through the real CLI (provided by scripts/pulumi-cli.js)
 * against the sandbox over loopback HTTP. Every run is hermetic: local file backend and PULUMI_HOME in a
 * temporary folder, a passphrase, no update check, no plugin downloads, no vendor variables inherited.
 */
import * as assert from "assert";
import { execFileSync, spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { StackConfig } from "../provider/core/descriptor";
import { KINDS, provider } from "../provider/runtime";
import { VENDOR_IDS, sandboxConfig, sandboxEnv } from "../provider/registry";
import type { ArmedRule, FaultDraw, FaultPlan, FaultRule } from "../sandbox/faults";
import { DEFAULT_CREDENTIALS, Sandbox, SandboxCredentials, SandboxOptions, startSandbox } from "../sandbox/server";

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

/**
 * Runs a command to its end and collects its output; `stdin` is written and closed (none: an empty stdin), and
 * after `timeoutMs` the process is killed (its exit code is then -1).
 */
export function runProcess(command: string, args: string[], opts: { env: NodeJS.ProcessEnv; cwd?: string; stdin?: string; timeoutMs?: number }): Promise<RunResult> {
    const t0 = Date.now();
    return new Promise((resolve, reject) => {
        const p = spawn(command, args, { cwd: opts.cwd ?? REPO, env: opts.env, stdio: ["pipe", "pipe", "pipe"] });
        let stdout = "";
        let stderr = "";
        p.stdout.on("data", (d) => (stdout += d));
        p.stderr.on("data", (d) => (stderr += d));
        const timer = opts.timeoutMs === undefined ? undefined : setTimeout(() => p.kill("SIGKILL"), opts.timeoutMs);
        p.on("error", reject);
        p.on("close", (code) => {
            clearTimeout(timer);
            resolve({ code: code ?? -1, stdout, stderr, ms: Date.now() - t0 });
        });
        p.stdin.end(opts.stdin ?? "");
    });
}

/** The built `pulumi-telephony` CLI. */
export const TELEPHONY_CLI = path.join(REPO, "dist", "cli", "main.js");

/** Runs `pulumi-telephony …` as a user would, on this Node.js. */
export function runTelephony(args: string[], opts: { env: NodeJS.ProcessEnv; cwd?: string }): Promise<RunResult> {
    return runProcess(process.execPath, [TELEPHONY_CLI, ...args], opts);
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

/** Variables no run inherits: each vendor's of the registry (OPENTACT_…), AWS's (the Chime client) and the package's. */
const VENDOR_ENV = new RegExp(`^(${[...VENDOR_IDS.map((v) => v.toUpperCase()), "AWS", "TELEPHONY"].join("|")})_`);

/**
 * Installs the built package into `<dir>/node_modules/pulumi-telephony` as npm would (a copy of package.json and
 * dist, tests and the resources' test specs left out), and gives the program its own package.json. So the program
 * meets the package the way a user's does: through node_modules, not through the repository's self-reference. That
 * matters to what Pulumi stores: its closure serializer stores an installed module as a `require` (see
 * provider/core/shim.ts).
 * `@pulumi/pulumi` and the package's dependencies still resolve from the repository's node_modules.
 */
export function installPackage(dir: string, name = path.basename(dir)): void {
    const target = path.join(dir, "node_modules", "pulumi-telephony");
    fs.mkdirSync(target, { recursive: true });
    fs.copyFileSync(path.join(REPO, "package.json"), path.join(target, "package.json"));
    fs.cpSync(path.join(REPO, "dist"), path.join(target, "dist"), {
        recursive: true,
        filter: (src) => !/\.test\.js$|\.map$|[\\/]provider[\\/][^\\/]+[\\/][^\\/]+[\\/]spec\.(js|d\.ts)$/.test(src) && src !== path.join(REPO, "dist", "test"),
    });
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: name.toLowerCase().replace(/[^a-z0-9-]/g, "-"), private: true }));
}

/** Per passphrase: the salt of the first stack a process made with it, and its ciphertext of each secret value. */
const SEALED = new Map<string, { salt: string; ciphertexts: Map<string, string> }>();

/** One Pulumi project + stack in its own folders. */
export class TestStack {
    readonly dir: string;
    readonly home: string;
    readonly env: NodeJS.ProcessEnv;

    /** True for a view of another stack's program from another machine (`elsewhere`): its program is not its to remove. */
    private borrowed = false;

    private constructor(
        readonly name: string,
        private readonly extraEnv: NodeJS.ProcessEnv,
        programDir?: string,
    ) {
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
        await s.init(config);
        return s;
    }

    /** A stack of an existing program folder (its Pulumi.yaml and code left as they are). */
    static async open(programDir: string, config: Record<string, { value: string; secret?: boolean }>, env: NodeJS.ProcessEnv = {}): Promise<TestStack> {
        const s = new TestStack(path.basename(programDir), env, programDir);
        await s.init(config);
        return s;
    }

    /**
     * `stack init` with its config. Each secret `config set` derives the passphrase's key anew (a million PBKDF2
     * rounds: about 0.7 s a value), and most stacks of a test process hold the same sandbox credentials. So the
     * first stack of a passphrase is configured through the CLI (secrets through stdin); its encryption salt and
     * each secret's ciphertext, both Pulumi's own output, are kept, and a later stack gets its `Pulumi.test.yaml`
     * written with them (and its plaintext values) before `stack init`, which keeps an existing config file. A
     * secret value not seen before still goes through the CLI.
     */
    private async init(config: StackConfig): Promise<void> {
        const file = path.join(this.dir, "Pulumi.test.yaml");
        const sealed = SEALED.get(this.env.PULUMI_CONFIG_PASSPHRASE!);
        let rest = config;
        if (sealed && !fs.existsSync(file)) {
            const lines: string[] = [];
            rest = {};
            for (const [k, v] of Object.entries(config)) {
                if (!v.secret) lines.push(`  ${JSON.stringify(this.qualified(k))}: ${JSON.stringify(v.value)}`);
                else if (sealed.ciphertexts.has(v.value)) lines.push(`  ${JSON.stringify(this.qualified(k))}:`, `    secure: ${sealed.ciphertexts.get(v.value)}`);
                else rest[k] = v;
            }
            fs.writeFileSync(file, [`encryptionsalt: ${sealed.salt}`, ...(lines.length ? ["config:", ...lines] : [])].join("\n") + "\n");
        }
        await this.must(["stack", "init", "test", "--non-interactive"]);
        await this.setConfigs(rest);
        this.keepSealed(config);
    }

    /** A config key as the stack file holds it: a key without a namespace is the project's. */
    private qualified(key: string): string {
        if (key.includes(":")) return key;
        return `${/^name:\s*(\S+)/m.exec(fs.readFileSync(path.join(this.dir, "Pulumi.yaml"), "utf8"))![1]}:${key}`;
    }

    /** Records this stack's salt (the first of its passphrase) and the ciphertext of each secret it holds under it. */
    private keepSealed(config: StackConfig): void {
        const text = fs.readFileSync(path.join(this.dir, "Pulumi.test.yaml"), "utf8");
        const salt = /^encryptionsalt: (\S+)$/m.exec(text)?.[1];
        const passphrase = this.env.PULUMI_CONFIG_PASSPHRASE!;
        if (!salt) return;
        if (!SEALED.has(passphrase)) SEALED.set(passphrase, { salt, ciphertexts: new Map() });
        const sealed = SEALED.get(passphrase)!;
        if (sealed.salt !== salt) return;
        for (const [k, v] of Object.entries(config)) {
            if (!v.secret) continue;
            const escaped = this.qualified(k).replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
            const m = new RegExp(`^  "?${escaped}"?:\\n    secure: (\\S+)$`, "m").exec(text);
            if (m) sealed.ciphertexts.set(v.value, m[1]);
        }
    }

    /**
     * The same stack and program as seen from another machine: the same backend and program folder, a fresh
     * `PULUMI_HOME` (no create journal, no selected stack, no plugins cache), as a CI runner that did not run the
     * interrupted update has. Its disposal leaves the program folder to its owner.
     */
    async elsewhere(): Promise<TestStack> {
        const s = new TestStack(this.name, { ...this.extraEnv, PULUMI_BACKEND_URL: this.env.PULUMI_BACKEND_URL }, this.dir);
        s.borrowed = true;
        await s.must(["stack", "select", "test", "--non-interactive"]);
        return s;
    }

    /**
     * Sets many values with few CLI runs: the plaintext ones (endpoints, user names) in one `config set-all`, each
     * secret through stdin as `setConfig` does.
     */
    async setConfigs(config: Record<string, { value: string; secret?: boolean }>): Promise<void> {
        const plain = Object.entries(config).filter(([, v]) => !v.secret);
        if (plain.length > 0) await this.must(["config", "set-all", ...plain.flatMap(([k, { value }]) => ["--plaintext", `${k}=${value}`])]);
        for (const [key, { value }] of Object.entries(config).filter(([, v]) => v.secret)) await this.setConfig(key, value, true);
    }

    /** Secret values go through stdin, never the command line. */
    async setConfig(key: string, value: string, secret = false): Promise<void> {
        await this.must(["config", "set", ...(secret ? ["--secret"] : ["--plaintext"]), key], value);
    }

    declare(resources: Record<string, Declared>): void {
        fs.writeFileSync(path.join(this.dir, "resources.json"), JSON.stringify(resources, null, 2));
    }

    run(args: string[], stdin?: string, timeoutMs = 240_000): Promise<RunResult> {
        return runProcess("pulumi", args, { cwd: this.dir, env: this.env, stdin, timeoutMs });
    }

    /**
     * Starts a CLI command in its own process group, for tests that kill it as a crash would (`killTree`). The
     * engine starts its plugins (language host, dynamic provider) in process groups of their own, so killing the
     * CLI's group alone would leave them running.
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
        return path.join(this.env.PULUMI_HOME!, "telephony", "create-journal.jsonl");
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
        return this.must(["destroy", "--yes", "--skip-preview", "--non-interactive", "--suppress-progress"]);
    }

    /** `pulumi stack export --show-secrets=false` as text (what lands on disk, secrets encrypted). */
    async exportText(): Promise<string> {
        return (await this.must(["stack", "export"])).stdout;
    }

    /**
     * Deletes the file backend's zero-byte metadata sidecars (`*.attrs`) that a crash mid-write leaves behind, with
     * the command the README's "When an apply was interrupted" gives; returns the paths it removed.
     */
    removeEmptyStateSidecars(): string[] {
        const out = execFileSync("find", [path.join(this.home, "state", ".pulumi"), "-name", "*.attrs", "-size", "0", "-print", "-delete"]);
        return out.toString().split("\n").filter(Boolean);
    }

    /** The file backend's state file of this stack (`.pulumi/stacks/<project>/<stack>.json`). */
    stateFile(): string {
        const dir = path.join(this.home, "state", ".pulumi", "stacks");
        const project = fs.readdirSync(dir)[0];
        return path.join(dir, project, "test.json");
    }

    async outputs(): Promise<Record<string, any>> {
        return JSON.parse((await this.must(["stack", "output", "--json", "--show-secrets"])).stdout);
    }

    async dispose(): Promise<void> {
        if (!this.borrowed) fs.rmSync(this.dir, { recursive: true, force: true, maxRetries: 5 });
        fs.rmSync(this.home, { recursive: true, force: true, maxRetries: 5 });
    }
}

/** The pids of every process below `root` (Linux `/proc`), children before grandchildren. */
export function descendants(root: number): number[] {
    const children = new Map<number, number[]>();
    for (const entry of fs.readdirSync("/proc")) {
        if (!/^\d+$/.test(entry)) continue;
        let stat: string;
        try {
            stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
        } catch {
            continue; // gone meanwhile
        }
        // Fields after the command name (which may hold spaces and parentheses): state, ppid, …
        const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
        children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    }
    const out: number[] = [];
    for (let i = -1; i < out.length; i++) out.push(...(children.get(i < 0 ? root : out[i]) ?? []));
    return out;
}

/** Whether a process still runs: a zombie (killed, not yet reaped by its new parent) does not. */
export function alive(pid: number): boolean {
    try {
        const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
        return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
    } catch {
        return false;
    }
}

/**
 * SIGKILLs a process and everything below it at once, as a crash or the OOM killer takes a whole machine's work:
 * the tree is read first (orphans are re-parented the moment their parent dies) and each member is killed with
 * its process group. Returns the pids it killed.
 */
export function killTree(root: number): number[] {
    const pids = [root, ...descendants(root)];
    for (const pid of pids) {
        for (const target of [-pid, pid]) {
            try {
                process.kill(target, "SIGKILL");
            } catch {
                // not a group leader, or already gone
            }
        }
    }
    return pids;
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
    /** A number in a Chime account's inventory (the sandbox, like Chime's API, orders none). */
    seedChimeNumber(e164: string) {
        return this.seed("chime", "phone-numbers", { PhoneNumberId: e164, E164PhoneNumber: e164, Type: "Local", ProductType: "BusinessCalling" });
    }
    /** A registered Pro user of a Chime account (the sandbox emulates no user creation), holding `number` or none. */
    seedChimeUser(u: { userId: string; accountId: string; email: string; name: string; number?: string | null }) {
        return this.seed("chime", "users", {
            UserId: u.userId,
            AccountId: u.accountId,
            PrimaryEmail: u.email,
            DisplayName: u.name,
            LicenseType: "Pro",
            UserType: "PrivateUser",
            UserRegistrationStatus: "Registered",
            PrimaryProvisionedNumber: u.number ?? null,
        });
    }
    requests(): Promise<{ total: number; counts: Record<string, number>; log: Array<{ vendor: string; method: string; path: string; route: string; status: number; body?: any; fault?: string; held?: boolean; deferred?: boolean }> }> {
        return this.call("GET", "requests");
    }
    resetRequests() {
        return this.call("DELETE", "requests");
    }
    /** Sets the seeded, rate-based fault plan (`PUT /_sandbox/faults`). */
    faultPlan(plan: FaultPlan) {
        return this.call("PUT", "faults", plan);
    }
    /** Arms a targeted fault for the next matching request(s) (`POST /_sandbox/faults/rules`). */
    faultRule(rule: FaultRule): Promise<ArmedRule> {
        return this.call("POST", "faults/rules", rule);
    }
    /** The plan, the rules still armed, the faults injected by kind, and every draw. */
    faults(): Promise<{ plan: FaultPlan | null; rules: ArmedRule[]; injected: Record<string, number>; draws: FaultDraw[] }> {
        return this.call("GET", "faults");
    }
    /** Lifts the plan and every rule. */
    clearFaults() {
        return this.call("DELETE", "faults");
    }
    /** A vendor's state switch (`POST /_sandbox/vendors/{vendor}/{name}`): a lockout, a token lifetime — not a fault. */
    vendorSwitch(vendor: string, name: string, body: Record<string, unknown> = {}) {
        return this.call("POST", `vendors/${vendor}/${name}`, body);
    }
}

/** Stack config values, as `TestStack.create` takes them. */
export type { StackConfig };

/** The environment every vendor's client needs against the sandbox (the Chime SDK's AWS key), from the registry. */
export function vendorEnv(c: SandboxCredentials = DEFAULT_CREDENTIALS): NodeJS.ProcessEnv {
    return sandboxEnv(c);
}

/**
 * Puts `vars` into this process's environment; returns the function that restores what was there, so no test file
 * leaves its environment to the files that run after it in the same process (a mocha worker runs several).
 */
export function setEnv(vars: NodeJS.ProcessEnv): () => void {
    const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
    Object.assign(process.env, vars);
    return () => {
        for (const [k, v] of Object.entries(saved)) {
            if (v === undefined) delete process.env[k];
            else process.env[k] = v;
        }
    };
}

/**
 * Puts the sandbox's AWS test key into this process's environment (the Chime SDK signs with the default credential
 * chain, the environment first); returns the function that restores what was there.
 */
export function setAwsTestKey(c: SandboxCredentials = DEFAULT_CREDENTIALS): () => void {
    return setEnv({ AWS_ACCESS_KEY_ID: c.chime.accessKeyId, AWS_SECRET_ACCESS_KEY: c.chime.secretAccessKey });
}

/** Runs `fn` with the sandbox's AWS test key in the environment (see {@link setAwsTestKey}). */
export async function withAwsTestKey<T>(fn: () => Promise<T>, c: SandboxCredentials = DEFAULT_CREDENTIALS): Promise<T> {
    const restore = setAwsTestKey(c);
    try {
        return await fn();
    } finally {
        restore();
    }
}

/**
 * Stack config that points every vendor at the sandbox, with the credentials it accepts (logins, not tokens, where a
 * vendor takes both), as each vendor's `vendor.ts` says.
 */
export function vendorConfig(sb: Sandbox, c: SandboxCredentials = DEFAULT_CREDENTIALS): StackConfig {
    return sandboxConfig((id) => sb.vendorUrl(id), c);
}

/** What `useSandboxStack` sets up: set once its before() hook has run. */
export interface SandboxStack {
    sb: Sandbox;
    admin: SandboxAdmin;
    /** The stack made in before(), when `stack` named one. */
    stack: TestStack;
    /** Another stack against the same sandbox (default: the same config and env), disposed in after(). */
    newStack(name: string, config?: StackConfig, env?: NodeJS.ProcessEnv): Promise<TestStack>;
}

export interface SandboxStackOptions {
    /** Options of the sandbox (its credentials, a state file). */
    sandbox?: SandboxOptions;
    /** The name of a stack to make in before(); none when left out (`newStack` makes them). */
    stack?: string;
    /** Stack config; default: every vendor against the sandbox (`vendorConfig`, with the sandbox's credentials). */
    config?: (sb: Sandbox) => StackConfig;
    /** Environment of the Pulumi CLI; default: `vendorEnv` with the default config, none with a config of one's own. */
    env?: NodeJS.ProcessEnv;
}

/**
 * The setup every e2e test block shares: registers a before() hook in the calling `describe` that starts a sandbox,
 * its admin client and (with `stack`) a stack configured against it, and an after() hook that disposes every stack
 * and closes the sandbox. `ready` receives the set-up handle (to assign it to the block's own variables); later
 * hooks of the block run after it, so they can declare and `up` at once.
 */
export function useSandboxStack(opts: SandboxStackOptions = {}, ready?: (t: SandboxStack) => void): SandboxStack {
    const stacks: TestStack[] = [];
    const creds: SandboxCredentials = { ...DEFAULT_CREDENTIALS, ...opts.sandbox?.credentials };
    const config = (sb: Sandbox) => (opts.config ? opts.config(sb) : vendorConfig(sb, creds));
    const env = opts.env ?? (opts.config ? {} : vendorEnv(creds));
    const t = {} as SandboxStack;
    t.newStack = async (name, cfg = config(t.sb), e = env) => {
        const s = await TestStack.create(name, cfg, e);
        stacks.push(s);
        return s;
    };
    before(async () => {
        t.sb = await startSandbox(opts.sandbox);
        t.admin = new SandboxAdmin(t.sb.url);
        if (opts.stack) t.stack = await t.newStack(opts.stack);
        ready?.(t);
    });
    after(async () => {
        for (const s of stacks) await s.dispose();
        await t.sb?.close();
    });
    return t;
}

/**
 * Declares one resource breaking many rules at once (`resources`: its name → declaration) and checks that a single
 * `pulumi preview` fails, printing every failure the provider's `check` gives for it (the engine reports all of one
 * resource's failures together, and stops at the first invalid resource, so each kind gets its own preview) and
 * each of `expected`, that `notPrinted` (a secret value) is nowhere in its output, and that no vendor was called.
 */
export async function assertPreviewRefuses(stack: TestStack, admin: SandboxAdmin, resource: Record<string, Declared>, expected: RegExp[], notPrinted?: string): Promise<RunResult> {
    const [[name, declared]] = Object.entries(resource);
    const kind = KINDS.find((k) => k.endsWith(`:${declared.type}`));
    assert.ok(kind, `no resource kind for ${declared.type}`);
    const { failures } = await provider(kind).check({}, declared.args);
    assert.ok(failures.length >= expected.length, `check found ${failures.length} failures in ${name}, fewer than the ${expected.length} expected`);
    stack.declare(resource);
    await admin.resetRequests();
    const r = await stack.preview();
    const out = r.stdout + r.stderr;
    assert.notStrictEqual(r.code, 0, `preview passed:\n${out}`);
    for (const f of failures as Array<{ property: string; reason: string }>) assert.ok(out.includes(f.reason), `the engine did not show "${f.reason}":\n${out}`);
    for (const e of expected) assert.match(out, e);
    if (notPrinted) assert.ok(!out.includes(notPrinted), "the secret value was printed");
    assert.deepStrictEqual((await admin.requests()).log, [], "preview sent vendor requests");
    return r;
}
