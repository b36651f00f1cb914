#!/usr/bin/env node
// `npm run demo`: starts the sandbox (its state kept in .pulumi-demo/ so reruns stay consistent), then runs
// `pulumi up` of the root program (examples/) on a local stack named `demo`, and shows the outputs.
// Hermetic: the stack's backend and PULUMI_HOME live in .pulumi-demo/, nothing is downloaded.
"use strict";
const { spawnSync, spawn } = require("child_process");
const fs = require("fs");
const path = require("path");
const { ensurePulumiCli } = require("./pulumi-cli");

const ROOT = path.resolve(__dirname, "..");
const WORK = path.join(ROOT, ".pulumi-demo");

async function main() {
    const bin = ensurePulumiCli(ROOT);
    fs.mkdirSync(path.join(WORK, "state"), { recursive: true });
    const { startSandbox, DEFAULT_CREDENTIALS: creds } = require(path.join(ROOT, "dist", "sandbox"));
    const sandbox = await startSandbox({ stateFile: path.join(WORK, "sandbox-state.json") });
    const { VENDOR_IDS } = require(path.join(ROOT, "dist", "provider", "registry"));
    console.log(`sandbox: admin API at ${sandbox.url}/_sandbox/; vendors at ${VENDOR_IDS.map((v) => `${v} ${sandbox.vendorUrl(v)}`).join(", ")}`);
    const env = demoEnv(bin, path.join(WORK, "home"), path.join(WORK, "state"), creds, process.env.PULUMI_CONFIG_PASSPHRASE ?? "demo-passphrase");
    // Async so the in-process sandbox keeps answering while pulumi runs.
    const pulumi = (args, { input, quiet } = {}) =>
        new Promise((resolve) => {
            const p = spawn("pulumi", args, { cwd: ROOT, env, stdio: ["pipe", quiet ? "pipe" : "inherit", quiet ? "pipe" : "inherit"] });
            let out = "";
            if (quiet) p.stdout.on("data", (d) => (out += d));
            p.on("close", (code) => resolve({ code, out }));
            p.stdin.end(input ?? "");
        });
    const must = async (args, opts) => {
        const r = await pulumi(args, opts);
        if (r.code !== 0) throw new Error(`pulumi ${args[0]} ${args[1] ?? ""} failed (exit ${r.code})`);
        return r;
    };
    if ((await pulumi(["stack", "select", "demo"], { quiet: true })).code !== 0) await must(["stack", "init", "demo"], { quiet: true });
    const config = demoConfig(sandbox, creds);
    for (const [key, [value, secret]] of Object.entries(config)) {
        await must(["config", "set", secret ? "--secret" : "--plaintext", key], { input: value, quiet: true });
    }
    try {
        await must(["up", "--yes", "--skip-preview"]);
        await must(["stack", "output"]);
    } finally {
        await sandbox.close();
    }
    console.log(`\nThe stack's state is in ${path.relative(process.cwd(), WORK)}/. Try an edit in examples/index.ts and \`npm run demo\` again.`);
}

/** The environment `pulumi` runs in against the sandbox: hermetic home and file backend, what the vendors need (the sandbox's AWS key). */
function demoEnv(bin, home, stateDir, creds, passphrase) {
    const { sandboxEnv } = require(path.join(ROOT, "dist", "provider", "registry"));
    return {
        ...process.env,
        ...sandboxEnv(creds),
        PATH: [bin, path.join(ROOT, "node_modules", ".bin"), process.env.PATH].join(path.delimiter),
        PULUMI_HOME: home,
        PULUMI_BACKEND_URL: `file://${stateDir}`,
        PULUMI_CONFIG_PASSPHRASE: passphrase,
        PULUMI_SKIP_UPDATE_CHECK: "true",
        PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    };
}

/** The demo stack's config, `[value, secret?]` per key: every vendor of the registry at the sandbox (with a token where a vendor takes one), and the program's own passwords. */
function demoConfig(sandbox, creds) {
    const { sandboxConfig } = require(path.join(ROOT, "dist", "provider", "registry"));
    const config = Object.entries(sandboxConfig((id) => sandbox.vendorUrl(id), creds, "token")).map(([key, { value, secret }]) => [key, [value, secret]]);
    // The roster's people (examples/roster.yaml): each login's password under its own name, in the project's namespace.
    const people = { "maria.silva": ["demo-maria-password-5d2a", true], "lena.berg": ["demo-lena-password-8e4c", true], "kofi.mensah": ["demo-kofi-password-1f7b", true] };
    return { ...Object.fromEntries(config), "demo:sipPassword": ["demo-sip-password-7c1f", true], "demo:smartfloPassword": ["demo-smartflo-password-3b9e", true], ...people };
}

module.exports = { demoConfig, demoEnv };

if (require.main === module) {
    main().catch((e) => {
        console.error(`demo: ${e.message}`);
        process.exit(1);
    });
}
