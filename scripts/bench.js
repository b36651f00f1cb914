#!/usr/bin/env node
/**
 * Fleet-scale benchmark (not a test: it asserts nothing about time). For N resources of each kind it runs, side by
 * side in one run, a stack of the package's resources against the sandbox and a stack of N no-op dynamic resources
 * carrying the same inputs (the secret password included): the floor Pulumi's engine sets for any dynamic resource.
 * Phases: up (create), preview (no change), refresh (no drift), up (no change), destroy; every phase but `preview`
 * with --skip-preview, so it does its work once. The two stacks take turns
 * phase by phase, so a change in machine load falls on both.
 *
 * Prints, per phase: seconds, ratio to the floor, vendor requests (the sandbox's log); then bytes of exported state
 * per resource, the stored provider's bytes (`__provider`) and the dynamic-provider process's peak resident memory
 * (VmHWM from /proc, sampled every 50 ms over the processes descending from the CLI run).
 *
 *   npm run bench -- [--n 200] [--kinds SipUser,SmartfloUser,NumberAssignment,ChimeUserNumber,VerigatorUser]
 *   npm run bench -- --rate 10 [--n 120] [--configured]   # `up` of N SipUsers under a sandbox limit of R requests/s
 *   npm run bench -- --n 100 --profile /tmp/prof          # also write V8 CPU profiles of every node process
 *   npm run bench -- --n 1000 --phases up,preview          # some phases only (`up` comes first: the others need it)
 *   npm run bench -- --n 200 --plugin                      # a third stack: the same resources through the provider
 *                                                           # plugin, from a YAML program (the real YAML host)
 *
 * With --rate, the sandbox answers requests beyond R/s (burst R) with OpenTact's 429; the provider paces itself
 * adaptively, or at R when --configured sets telephony:opentactRequestsPerSecond. Prints time against N/R and 429s.
 */
"use strict";
const fs = require("fs");
const path = require("path");
const os = require("os");
const { Worker } = require("worker_threads");

const REPO = path.resolve(__dirname, "..");
const { startSandbox, OPENTACT_CONNECTIONS, DEFAULT_CREDENTIALS } = require(path.join(REPO, "dist", "sandbox"));
const { VERIGATOR_SERVICES } = require(path.join(REPO, "dist", "sandbox", "verigator"));
const { SMARTFLO_CALLER_IDS, SMARTFLO_ROLES } = require(path.join(REPO, "dist", "sandbox", "smartflo"));
const { IPPANEL_USERS } = require(path.join(REPO, "dist", "sandbox", "ippanel", "state"));
const { CHIME_ACCOUNT } = require(path.join(REPO, "dist", "sandbox", "chime", "state"));
const { TestStack, installPackage, vendorEnv } = require(path.join(REPO, "dist", "test", "harness"));
const { tokenOfKind } = require(path.join(REPO, "dist", "provider", "plugin", "tokens"));
const { vendorOf } = require(path.join(REPO, "dist", "provider", "registry"));

const PASSWORD = `bench-pass-${"Xr7kQ2mW".repeat(3)}`;
const pad = (i, n) => String(i).padStart(n, "0");

/** The stack config that points a vendor's client at the sandbox, with a token where it takes one: its vendor.ts says how. */
const sandboxConfig = (vendor) => (sb) => vendorOf(vendor).sandbox.config(sb.vendorUrl(vendor), DEFAULT_CREDENTIALS[vendor], "token");

/** Per kind: the stack config (sandbox endpoint, credentials), inputs of the i-th resource, its secret inputs. */
const KINDS = {
    SipUser: {
        urnType: "opentact:SipUser",
        vendor: "opentact",
        config: sandboxConfig("opentact"),
        args: (i) => ({ sipConnectionUuid: OPENTACT_CONNECTIONS[0], login: `bench${pad(i, 5)}`, password: PASSWORD, firstName: "Agent", email: `agent${i}@example.com`, dob: "1990-05-17" }),
        secret: ["password"],
    },
    SmartfloUser: {
        urnType: "smartflo:SmartfloUser",
        vendor: "smartflo",
        config: sandboxConfig("smartflo"),
        args: (i) => ({
            name: `Agent ${i}`,
            number: `+9198${pad(i, 8)}`,
            email: `agent${i}@example.com`,
            loginId: `agent.${i}`,
            userRole: SMARTFLO_ROLES[0].id,
            password: PASSWORD,
            callerId: [SMARTFLO_CALLER_IDS[0].id],
        }),
        secret: ["password"],
    },
    NumberAssignment: {
        urnType: "ippanel:NumberAssignment",
        vendor: "ippanel",
        config: sandboxConfig("ippanel"),
        // The sandbox seeds about 120 numbers: the bench adds N of its own, each assigned to the seed's user.
        seed: (sb, n) => Array.from({ length: n }, (_, i) => ["ippanel", "numbers", { id: 50_000 + i, number: `+98300091${pad(i, 4)}`, operator_id: 1, alias: null, gets: true, is_66_char: false }]),
        args: (i) => ({ number: `+98300091${pad(i, 4)}`, targetUser: IPPANEL_USERS[0].username, send: true, gets: true }),
        secret: [],
    },
    ChimeUserNumber: {
        urnType: "chime:ChimeUserNumber",
        vendor: "chime",
        config: sandboxConfig("chime"),
        env: () => vendorEnv(),
        // N users of the seeded account and N numbers in its inventory, one for each.
        seed: (sb, n) =>
            Array.from({ length: n }, (_, i) => [
                ["chime", "users", { UserId: `bench-user-${pad(i, 5)}`, AccountId: CHIME_ACCOUNT, PrimaryEmail: `bench${i}@example.com`, LicenseType: "Pro", UserType: "PrivateUser", UserRegistrationStatus: "Registered", PrimaryProvisionedNumber: null }],
                ["chime", "phone-numbers", { PhoneNumberId: `+1206556${pad(i, 4)}`, E164PhoneNumber: `+1206556${pad(i, 4)}`, Type: "Local", ProductType: "BusinessCalling" }],
            ]).flat(),
        args: (i) => ({ accountId: CHIME_ACCOUNT, userId: `bench-user-${pad(i, 5)}`, e164PhoneNumber: `+1206556${pad(i, 4)}` }),
        secret: [],
    },
    VerigatorUser: {
        urnType: "verigator:VerigatorUser",
        vendor: "verigator",
        config: sandboxConfig("verigator"),
        args: (i) => ({ serviceId: VERIGATOR_SERVICES[0], idInService: `agent${i}`, phoneNumber: `+3725${pad(i, 7)}` }),
        secret: [],
    },
};

/** One program for both stacks: `spec.floor` picks the no-op dynamic resource, otherwise the package's class. */
const PROGRAM = `"use strict";
const pulumi = require("@pulumi/pulumi");
const spec = JSON.parse(require("fs").readFileSync(require("path").join(__dirname, "resources.json"), "utf8"));
if (spec.floor) {
    // The floor: a dynamic provider that does nothing but return its inputs (engine default diff and read).
    const noop = { async create(inputs) { return { id: Date.now().toString(36) + Math.random().toString(36).slice(2), outs: inputs }; } };
    spec.items.forEach((a, i) => {
        const args = { ...a };
        for (const k of spec.secret) if (args[k] !== undefined) args[k] = pulumi.secret(args[k]);
        new pulumi.dynamic.Resource(noop, "r" + i, args, {}, "bench", "NoOp");
    });
} else {
    const telephony = require("pulumi-telephony");
    spec.items.forEach((a, i) => new telephony[spec.type]("r" + i, a));
}
`;

function parseArgs(argv) {
    const o = { n: undefined, kinds: ["SipUser"], rate: undefined, configured: false, profile: undefined, phases: undefined, plugin: false };
    for (let i = 0; i < argv.length; i++) {
        const a = argv[i];
        if (a === "--n") o.n = Number(argv[++i]);
        else if (a === "--kinds") o.kinds = argv[++i].split(",");
        else if (a === "--rate") o.rate = Number(argv[++i]);
        else if (a === "--configured") o.configured = true;
        else if (a === "--profile") o.profile = path.resolve(argv[++i]);
        else if (a === "--phases") o.phases = argv[++i].split(",");
        else if (a === "--plugin") o.plugin = true;
        else throw new Error(`unknown argument ${a}`);
    }
    for (const k of o.kinds) if (!KINDS[k]) throw new Error(`unknown kind ${k}; known: ${Object.keys(KINDS).join(", ")}`);
    for (const p of o.phases ?? []) if (!PHASES[p]) throw new Error(`unknown phase ${p}; known: ${Object.keys(PHASES).join(", ")}`);
    o.n ??= o.rate ? 120 : 200;
    return o;
}

async function newStack(name, config, resources, env = {}) {
    fs.mkdirSync(path.join(REPO, ".test-programs"), { recursive: true });
    const dir = fs.mkdtempSync(path.join(REPO, ".test-programs", `${name}-`));
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), `name: ${name}\nruntime:\n  name: nodejs\n  options:\n    typescript: false\nmain: index.js\n`);
    fs.writeFileSync(path.join(dir, "index.js"), PROGRAM);
    fs.writeFileSync(path.join(dir, "resources.json"), JSON.stringify(resources));
    installPackage(dir, name);
    return TestStack.open(dir, config, env);
}

/**
 * The same resources through the provider plugin: a YAML program (Pulumi's YAML language host) of the plugin's type
 * token, secret inputs made secret with `fn::secret` as the dynamic resources make them, the plugin installed as
 * `npm install -g` installs it (the package's bin on PATH).
 */
async function newPluginStack(name, config, kind, items, env = {}) {
    const { ensurePulumiCli } = require(path.join(REPO, "scripts", "pulumi-cli.js"));
    const { ensureYamlHost } = require(path.join(REPO, "scripts", "yaml-host.js"));
    fs.mkdirSync(path.join(REPO, ".test-programs"), { recursive: true });
    const dir = fs.mkdtempSync(path.join(REPO, ".test-programs", `${name}-`));
    installPackage(dir, name);
    const main = path.join(dir, "node_modules", "pulumi-telephony", "dist", "provider", "plugin", "main.js");
    fs.chmodSync(main, 0o755);
    fs.mkdirSync(path.join(dir, "bin"));
    fs.symlinkSync(main, path.join(dir, "bin", "pulumi-resource-telephony"));
    const token = tokenOfKind(kind.urnType);
    const resources = items.map((a, i) => {
        const props = { ...a };
        for (const k of kind.secret) if (props[k] !== undefined) props[k] = { "fn::secret": props[k] };
        return `  r${i}:\n    type: ${token}\n    properties: ${JSON.stringify(props)}\n`;
    });
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), `name: ${name}\nruntime: yaml\nresources:\n${resources.join("")}`);
    const PATH = [ensurePulumiCli(REPO), ensureYamlHost(), path.join(dir, "bin"), path.join(REPO, "node_modules", ".bin"), process.env.PATH].join(path.delimiter);
    return TestStack.open(dir, config, { ...env, PATH });
}

/**
 * The peak VmHWM (kB) of the dynamic-provider processes descending from a CLI process, sampled every 50 ms until
 * stopped. (Plugins run in process groups of their own, so the tree is followed by parent pid.) The sampling runs in
 * a worker thread: its synchronous /proc reads must not delay the sandbox, which answers from this process's loop.
 */
function samplePeakMemory(rootPid) {
    const worker = new Worker(
        `
        const { parentPort, workerData: rootPid } = require("worker_threads");
        const fs = require("fs");
        let peakKb = 0;
        const sample = () => {
            const parent = new Map();
            for (const pid of fs.readdirSync("/proc")) {
                if (!/^\\d+$/.test(pid)) continue;
                try {
                    const stat = fs.readFileSync("/proc/" + pid + "/stat", "utf8");
                    parent.set(Number(pid), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
                } catch {}
            }
            for (const pid of parent.keys()) {
                let p = pid;
                for (let hops = 0; p > 1 && p !== rootPid && hops < 10; hops++) p = parent.get(p) ?? 0;
                if (p !== rootPid) continue;
                try {
                    if (!/dynamic-provider|pulumi-resource-telephony/.test(fs.readFileSync("/proc/" + pid + "/cmdline", "utf8"))) continue;
                    const m = /VmHWM:\\s+(\\d+) kB/.exec(fs.readFileSync("/proc/" + pid + "/status", "utf8"));
                    if (m) peakKb = Math.max(peakKb, Number(m[1]));
                } catch {}
            }
        };
        const timer = setInterval(sample, 50);
        parentPort.on("message", () => { clearInterval(timer); sample(); parentPort.postMessage(peakKb); });
        `,
        { eval: true, workerData: rootPid },
    );
    return () =>
        new Promise((resolve) => {
            worker.once("message", (kb) => {
                void worker.terminate();
                resolve(kb);
            });
            worker.postMessage("stop");
        });
}

const PHASES = {
    up: ["up", "--yes", "--skip-preview"],
    preview: ["preview", "--expect-no-changes"],
    refresh: ["refresh", "--yes", "--skip-preview", "--expect-no-changes"],
    "up (no change)": ["up", "--yes", "--skip-preview", "--expect-no-changes"],
    destroy: ["destroy", "--yes", "--skip-preview"],
};

/** Runs one CLI command in its own process group; returns seconds and the provider's peak memory. */
async function timed(stack, args) {
    const t0 = Date.now();
    const run = stack.start([...args, "--non-interactive", "--suppress-progress"]);
    const stop = samplePeakMemory(run.pid);
    const r = await run.done;
    const peakKb = await stop();
    if (r.code !== 0) throw new Error(`pulumi ${args.join(" ")} exited ${r.code}\n${r.stdout.slice(-4000)}\n${r.stderr.slice(-4000)}`);
    return { s: r.ms / 1000, peakKb, t0 };
}

async function vendorLog(sb) {
    const log = sb.log.filter((r) => r.vendor !== "_sandbox");
    sb.log.length = 0;
    return log;
}

async function stateFigures(stack, type) {
    const state = JSON.parse((await stack.must(["stack", "export"])).stdout);
    const ours = state.deployment.resources.filter((r) => r.type === type);
    const bytes = ours.reduce((n, r) => n + Buffer.byteLength(JSON.stringify(r)), 0);
    const provider = ours[0].inputs.__provider;
    return { perResource: Math.round(bytes / ours.length), provider: provider === undefined ? undefined : Buffer.byteLength(provider), count: ours.length };
}

const f1 = (x) => x.toFixed(1);
const s2 = (x) => x.toFixed(2);
const f2 = (x) => x.toFixed(2);
const loadavg = () => os.loadavg().map((l) => l.toFixed(2)).join(" ");

async function benchKind(sb, kindName, n, profileDir, phases = Object.keys(PHASES), withPlugin = false) {
    const kind = KINDS[kindName];
    const items = Array.from({ length: n }, (_, i) => kind.args(i));
    // The plugin's stack declares objects of its own (the next N), or both stacks would manage the same ones.
    for (const [vendor, collection, object] of kind.seed?.(sb, withPlugin ? 2 * n : n) ?? []) {
        const r = await fetch(`${sb.url}/_sandbox/objects/${vendor}/${collection}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(object) });
        if (!r.ok) throw new Error(`the sandbox refused a seeded ${vendor} ${collection}: ${r.status} ${await r.text()}`);
    }
    const floor = await newStack(`bench-floor-${kindName.toLowerCase()}`, {}, { floor: true, secret: kind.secret, items });
    const ours = await newStack(`bench-${kindName.toLowerCase()}`, kind.config(sb), { type: kindName, items }, kind.env?.());
    const pluginItems = Array.from({ length: n }, (_, i) => kind.args(n + i));
    const plugin = withPlugin ? await newPluginStack(`bench-plugin-${kindName.toLowerCase()}`, kind.config(sb), kind, pluginItems, kind.env?.()) : undefined;
    // --profile DIR: V8 CPU profiles and slow module loads of every node process of both stacks' runs (program and
    // provider; scripts/profile-preload.js), a folder per phase; summarize with scripts/profile-summary.js.
    const profile = (stack, who, phase) => {
        if (!profileDir) return;
        const dir = path.join(profileDir, `${who}-${phase.replace(/[^a-z]+/g, "-")}`);
        fs.mkdirSync(dir, { recursive: true });
        stack.env.NODE_OPTIONS = `--require ${path.join(__dirname, "profile-preload.js")}`;
        stack.env.TELEPHONY_PROFILE_DIR = dir;
    };
    const rows = [];
    const figures = {};
    let peak = { floor: 0, ours: 0, plugin: 0 };
    try {
        for (const phase of phases) {
            const args = PHASES[phase];
            profile(floor, "floor", phase);
            const f = await timed(floor, args);
            await vendorLog(sb);
            profile(ours, kindName, phase);
            const o = await timed(ours, args);
            const requests = (await vendorLog(sb)).length;
            let p;
            let pluginRequests;
            if (plugin) {
                profile(plugin, `plugin-${kindName}`, phase);
                p = await timed(plugin, args);
                pluginRequests = (await vendorLog(sb)).length;
            }
            peak = { floor: Math.max(peak.floor, f.peakKb), ours: Math.max(peak.ours, o.peakKb), plugin: Math.max(peak.plugin, p?.peakKb ?? 0) };
            rows.push({ phase, floor: f.s, ours: o.s, requests, plugin: p?.s, pluginRequests });
            const viaPlugin = p ? `, plugin ${s2(p.s)} s, ${pluginRequests} vendor requests` : "";
            process.stderr.write(`  ${kindName} ${phase}: floor ${s2(f.s)} s, ours ${s2(o.s)} s, ${requests} vendor requests${viaPlugin} (load ${loadavg()})\n`);
            if (phase === "up") {
                figures.floor = await stateFigures(floor, "pulumi-nodejs:dynamic/bench:NoOp");
                figures.ours = await stateFigures(ours, `pulumi-nodejs:dynamic/${kind.urnType}`);
                if (plugin) figures.plugin = await stateFigures(plugin, tokenOfKind(kind.urnType));
            }
        }
    } finally {
        await floor.dispose();
        await ours.dispose();
        await plugin?.dispose();
    }
    console.log(`\n### ${kindName} × ${n} (load average ${loadavg()}, ${os.cpus().length} cores)\n`);
    console.log(`| phase | floor | ${kindName} | ratio | vendor requests |`);
    console.log(`|---|---|---|---|---|`);
    for (const r of rows) console.log(`| \`${r.phase}\` | ${s2(r.floor)} s | ${s2(r.ours)} s | ${f2(r.ours / r.floor)}× | ${r.requests} |`);
    console.log(`| exported state per resource | ${figures.floor.perResource} B | ${figures.ours.perResource} B | ${f2(figures.ours.perResource / figures.floor.perResource)}× | |`);
    console.log(`| stored provider (\`__provider\`) | ${figures.floor.provider} B | ${figures.ours.provider} B | | |`);
    console.log(`| dynamic-provider peak memory (VmHWM) | ${f1(peak.floor / 1024)} MB | ${f1(peak.ours / 1024)} MB | ${f2(peak.ours / peak.floor)}× | |`);
    if (!plugin) return;
    console.log(`\n#### The same ${n} ${kindName}s through the provider plugin (a YAML program), beside the floor and the dynamic resources\n`);
    console.log(`| phase | floor | dynamic | plugin | plugin / floor | plugin / dynamic | vendor requests (dynamic, plugin) |`);
    console.log(`|---|---|---|---|---|---|---|`);
    for (const r of rows) console.log(`| \`${r.phase}\` | ${s2(r.floor)} s | ${s2(r.ours)} s | ${s2(r.plugin)} s | ${f2(r.plugin / r.floor)}× | ${f2(r.plugin / r.ours)}× | ${r.requests}, ${r.pluginRequests} |`);
    console.log(`| exported state per resource | ${figures.floor.perResource} B | ${figures.ours.perResource} B | ${figures.plugin.perResource} B | ${f2(figures.plugin.perResource / figures.floor.perResource)}× | ${f2(figures.plugin.perResource / figures.ours.perResource)}× | |`);
    console.log(`| provider peak memory (VmHWM) | ${f1(peak.floor / 1024)} MB | ${f1(peak.ours / 1024)} MB | ${f1(peak.plugin / 1024)} MB | ${f2(peak.plugin / peak.floor)}× | ${f2(peak.plugin / peak.ours)}× | |`);
}

async function benchRate(sb, n, rate, configured) {
    const kind = KINDS.SipUser;
    const res = await fetch(`${sb.url}/_sandbox/ratelimit`, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ vendor: "opentact", rps: rate, burst: rate }) });
    if (!res.ok) throw new Error(`the sandbox refused the rate limit: ${res.status} ${await res.text()}`);
    const config = kind.config(sb);
    if (configured) config["telephony:opentactRequestsPerSecond"] = { value: String(rate) };
    const stack = await newStack("bench-rate", config, { type: "SipUser", items: Array.from({ length: n }, (_, i) => kind.args(i)) });
    try {
        await vendorLog(sb);
        const up = await timed(stack, PHASES.up);
        const log = await vendorLog(sb);
        const throttled = log.filter((r) => r.status === 429).length;
        const floorS = n / rate;
        console.log(`\n### \`up\` of ${n} SipUsers under a sandbox limit of ${rate} requests/s (${configured ? `telephony:opentactRequestsPerSecond=${rate}` : "adaptive pacing"}; load average ${loadavg()})\n`);
        console.log(`| up | N/R | ratio | vendor requests | answered 429 |`);
        console.log(`|---|---|---|---|---|`);
        console.log(`| ${f1(up.s)} s | ${f1(floorS)} s | ${f2(up.s / floorS)}× | ${log.length} | ${throttled} (${f1((100 * throttled) / log.length)}%) |`);
        const first = Math.min(...log.map((r) => r.at)) - up.t0;
        const last = Math.max(...log.map((r) => r.at)) - up.t0;
        console.log(`\nTimeline: the first request arrived ${f2(first / 1000)} s after the CLI started, the last ${f2(last / 1000)} s after; the CLI exited ${f2(up.s - last / 1000)} s later.`);
        await timed(stack, PHASES.destroy);
    } finally {
        await stack.dispose();
    }
}

async function main() {
    const o = parseArgs(process.argv.slice(2));
    const sb = await startSandbox();
    try {
        console.log(`pulumi-telephony bench: ${os.cpus().length} cores, load average ${loadavg()} at start`);
        if (o.rate) await benchRate(sb, o.n, o.rate, o.configured);
        else for (const k of o.kinds) await benchKind(sb, k, o.n, o.profile, o.phases, o.plugin);
    } finally {
        await sb.close();
    }
}

main().catch((e) => {
    console.error(e);
    process.exit(1);
});
