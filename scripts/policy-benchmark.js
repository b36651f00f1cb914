#!/usr/bin/env node
// `npm run bench:policy`: how much the policy pack adds to a preview of the demo stack (examples/index.ts, one
// resource of each kind). Deploys the demo program once against the sandbox on a throwaway stack (a program folder in
// .test-programs/ whose main is examples/index.ts; backend and home in a temporary folder), then times `pulumi preview` and `pulumi preview --policy-pack
// node_modules/pulumi-telephony/policy-pack`, alternating, RUNS times each (env BENCH_RUNS, default 5), and prints
// every run and the medians. A measurement, not a test: nothing here passes or fails on time.
"use strict";
const { spawn } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");
const { ensurePulumiCli } = require("./pulumi-cli");
const { demoConfig, demoEnv } = require("./demo");

const ROOT = path.resolve(__dirname, "..");
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const PACK = path.join("node_modules", "pulumi-telephony", "policy-pack");

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
    const bin = ensurePulumiCli(ROOT);
    const work = fs.mkdtempSync(path.join(os.tmpdir(), "telephony-policy-bench-"));
    fs.mkdirSync(path.join(work, "state"));
    // A program folder as a user has it: Pulumi.yaml (and the stack's config file) beside node_modules.
    fs.mkdirSync(path.join(ROOT, ".test-programs"), { recursive: true });
    const program = fs.mkdtempSync(path.join(ROOT, ".test-programs", "policy-bench-"));
    fs.writeFileSync(path.join(program, "Pulumi.yaml"), "name: telephony-demo\nruntime:\n  name: nodejs\n  options:\n    typescript: true\nmain: ../../examples/index.ts\n");
    fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(program, "node_modules"));
    const { startSandbox, DEFAULT_CREDENTIALS: creds } = require(path.join(ROOT, "dist", "sandbox"));
    const sandbox = await startSandbox();
    const env = { ...demoEnv(bin, work, creds, "bench-passphrase"), NO_COLOR: "1" };
    const pulumi = (args, input) =>
        new Promise((resolve) => {
            const t0 = process.hrtime.bigint();
            const p = spawn("pulumi", [...args, "--stack", "bench"], { cwd: program, env, stdio: ["pipe", "pipe", "pipe"] });
            let out = "";
            p.stdout.on("data", (d) => (out += d));
            p.stderr.on("data", (d) => (out += d));
            p.on("close", (code) => resolve({ code, out, ms: Number(process.hrtime.bigint() - t0) / 1e6 }));
            p.stdin.end(input ?? "");
        });
    const must = async (args, input) => {
        const r = await pulumi(args, input);
        if (r.code !== 0) throw new Error(`pulumi ${args.join(" ")} failed (exit ${r.code}):\n${r.out}`);
        return r;
    };
    try {
        await new Promise((resolve) => spawn("pulumi", ["stack", "init", "bench", "--non-interactive"], { cwd: program, env, stdio: "ignore" }).on("close", resolve));
        for (const [key, [value, secret]] of Object.entries(demoConfig(sandbox, creds))) {
            await must(["config", "set", secret ? "--secret" : "--plaintext", key], value);
        }
        await must(["up", "--yes", "--skip-preview", "--non-interactive", "--suppress-progress"]);
        const quiet = ["--non-interactive", "--suppress-progress"];
        // One unmeasured round warms the disk cache for both.
        await must(["preview", ...quiet]);
        await must(["preview", ...quiet, "--policy-pack", PACK]);
        const plain = [];
        const checked = [];
        for (let i = 0; i < RUNS; i++) {
            plain.push((await must(["preview", ...quiet])).ms);
            const r = await must(["preview", ...quiet, "--policy-pack", PACK]);
            if (!/✅ telephony@v\d+\.\d+\.\d+ \(local: /.test(r.out)) throw new Error(`the policy pack did not run:\n${r.out}`);
            checked.push(r.ms);
        }
        const fmt = (xs) => xs.map((x) => (x / 1000).toFixed(2)).join(" ");
        console.log(`demo stack (5 resources, no changes), ${RUNS} runs each, seconds:`);
        console.log(`  plain preview:          ${fmt(plain)}   median ${(median(plain) / 1000).toFixed(2)}`);
        console.log(`  with the policy pack:   ${fmt(checked)}   median ${(median(checked) / 1000).toFixed(2)}`);
        console.log(`  the pack adds (median): ${((median(checked) - median(plain)) / 1000).toFixed(2)}`);
    } finally {
        await sandbox.close();
        fs.rmSync(work, { recursive: true, force: true });
        fs.rmSync(program, { recursive: true, force: true });
    }
}

main().catch((e) => {
    console.error(`policy benchmark: ${e.message}`);
    process.exit(1);
});
