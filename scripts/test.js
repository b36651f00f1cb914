#!/usr/bin/env node
// Runs the test suite in two tiers, split by file name (after `npm run build`):
//
//   unit  every dist/**/*.test.js but the e2e ones: pure logic, local HTTP servers (the sandbox), the documented
//         exchanges. Needs no Pulumi engine; runs first, so a broken build fails in seconds.
//   e2e   dist/**/*.e2e.test.js: the real Pulumi CLI against the sandbox, and the Go builds that reuse the engine
//         build's warm caches (language host, SDK check). Independent files run side by side in
//         mocha's parallel mode (TELEPHONY_TEST_JOBS workers, default one more than the cores, at most 8); every stack has its own
//         sandbox ports, PULUMI_HOME and state folder (test/harness.ts), so no file depends on what runs beside it.
//
//   node scripts/test.js [all|unit|e2e] [PART…]    (default: all; PART: only files whose path contains it)
//
// `all` provides the Pulumi CLI (scripts/pulumi-cli.js: cached, or built from Go modules the first time) beside the
// unit tier, then runs the e2e tier. At the end it prints the wall time of each part, the 15 slowest tests, the CPU
// time of each part (scripts/cpu-time.js), and one closing line for every tier, "N passed, N failed"; it exits
// non-zero when any tier failed.
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const { spawn } = require("child_process");
const { cacheRoot } = require("./build-env");
const { treeCpuSeconds } = require("./cpu-time");

const ROOT = path.resolve(__dirname, "..");
const DIST = path.join(ROOT, "dist");
const SLOWEST = 15;
/** Per-file durations of the last run, to start the longest e2e files first (kept beside the CLI cache). */
const TIMINGS = path.join(cacheRoot(), "test-timings.json");

/** Every compiled test file under dist, but the programs the e2e tests write. */
function testFiles(dir = DIST) {
    const out = [];
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, entry.name);
        if (entry.isDirectory()) {
            if (entry.name !== ".test-programs" && entry.name !== "node_modules") out.push(...testFiles(p));
        } else if (entry.name.endsWith(".test.js")) out.push(p);
    }
    return out.sort();
}

/**
 * Per-file durations of the e2e files from a cold run on 2 cores (refreshed by hand, see the file), for the first run
 * on a machine, which has no timings of its own: without them the files would start in name order and a long one
 * could start last.
 */
const DEFAULT_TIMINGS = path.join(ROOT, "test", "e2e-durations.json");

function readTimings() {
    const read = (file) => {
        try {
            return JSON.parse(fs.readFileSync(file, "utf8"));
        } catch {
            return {};
        }
    };
    return { ...read(DEFAULT_TIMINGS).durations, ...read(TIMINGS) };
}

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const loadavg = () => os.loadavg().map((l) => l.toFixed(2)).join(" ");

/** Runs mocha over `files`; resolves with the tier's results (read from the reporter's JSON lines) and wall time. */
function runTier(tier, files, { parallel }) {
    const results = path.join(os.tmpdir(), `telephony-${tier}-${process.pid}.jsonl`);
    fs.writeFileSync(results, "");
    // One worker more than the cores: an engine test's worker waits on its child processes (CLI, program, provider)
    // part of the time. Measured on 2 cores, the same e2e files: 2 workers 585 s, 3 workers 526 s (CPU 1.77 cores
    // busy on average), 4 workers 514 s (1.80); the CPU time is the same (about 925 s), so more gains little.
    const jobs = Math.max(1, Number(process.env.TELEPHONY_TEST_JOBS) || Math.min(8, os.availableParallelism() + 1));
    const args = [
        require.resolve("mocha/bin/mocha.js"),
        "--no-config",
        "--require", path.join(DIST, "test", "root-hooks.js"),
        "--timeout", "300000",
        "--reporter", path.join(__dirname, "summary-reporter.js"),
        "--exit",
        ...(parallel && files.length > 1 ? ["--parallel", "--jobs", String(jobs)] : []),
        ...files,
    ];
    const t0 = Date.now();
    process.stdout.write(`\n=== ${tier} tier: ${files.length} files${parallel && files.length > 1 ? `, ${jobs} side by side` : ""} (load average ${loadavg()})\n`);
    return new Promise((resolve) => {
        const child = spawn(process.execPath, args, { cwd: ROOT, stdio: "inherit", env: { ...process.env, TELEPHONY_TEST_RESULTS: results, TELEPHONY_TEST_TIER: tier } });
        child.on("close", (code, signal) => {
            const lines = fs.readFileSync(results, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l));
            fs.rmSync(results, { force: true });
            const end = lines.find((l) => l.end);
            const tests = lines.filter((l) => !l.end).map((l) => ({ ...l, tier }));
            const passes = end ? end.passes : tests.filter((t) => t.state === "passed").length;
            let failures = end ? end.failures : tests.filter((t) => t.state === "failed").length;
            // mocha ended without its reporter's closing line (a crash), or failed without a failed test: count it.
            if (!end || (code !== 0 && failures === 0)) failures += 1;
            if (!end) process.stdout.write(`${tier} tier: mocha ended before reporting (exit ${code ?? signal})\n`);
            resolve({ tier, tests, passes, failures, pending: end ? end.pending : 0, ms: Date.now() - t0 });
        });
    });
}

/** Runs a provisioning script (it prints a bin folder); resolves with its outcome. Its progress goes to stderr. */
function provide(script) {
    return new Promise((resolve) => {
        const child = spawn(process.execPath, [path.join(__dirname, script)], { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] });
        let out = "";
        child.stdout.on("data", (d) => (out += d));
        child.on("close", (code) => resolve({ ok: code === 0, bin: out.trim() }));
    });
}

/**
 * Provides the Pulumi CLI (scripts/pulumi-cli.js), then the YAML language host the plugin's tests use
 * (scripts/yaml-host.js): on a cold machine both are Go builds, the second reusing the first's caches. Building the
 * host here rather than inside its test keeps a two-minute build from starting late in the e2e tier and finishing
 * last. A host that cannot be built fails only the tests that need it (they say why).
 */
async function provideEngine() {
    const t0 = Date.now();
    const cli = await provide("pulumi-cli.js");
    if (cli.ok) {
        const yaml = await provide("yaml-host.js");
        if (!yaml.ok) process.stdout.write("\nthe YAML language host could not be provided (see [yaml-host] above): the plugin's YAML tests will fail\n");
    }
    return { ...cli, ms: Date.now() - t0 };
}

async function main() {
    const mode = process.argv[2] ?? "all";
    if (!["all", "unit", "e2e"].includes(mode)) throw new Error(`usage: node scripts/test.js [all|unit|e2e]; got ${mode}`);
    if (!fs.existsSync(DIST)) throw new Error("no dist/: run `npm run build` first");
    const t0 = Date.now();
    const only = process.argv.slice(3);
    const files = testFiles().filter((f) => only.length === 0 || only.some((o) => path.relative(ROOT, f).includes(o)));
    const e2eFiles = files.filter((f) => f.endsWith(".e2e.test.js"));
    const unitFiles = files.filter((f) => !f.endsWith(".e2e.test.js"));
    const timings = readTimings();
    // Longest first (as last measured), so the last file to finish is a short one; unknown files before known ones.
    e2eFiles.sort((a, b) => (timings[path.relative(ROOT, b)] ?? Infinity) - (timings[path.relative(ROOT, a)] ?? Infinity) || a.localeCompare(b));

    // Every Node process of the run (mocha, the programs, the dynamic providers, the plugin, policy packs) keeps V8's
    // compiled code of the modules it loads: each engine run starts two or three Node processes, and compiling
    // @pulumi/pulumi (with TypeScript, for closures) is most of their start. A quiet optimization Node validates itself.
    process.env.NODE_COMPILE_CACHE ??= path.join(os.tmpdir(), "pulumi-telephony-node-compile-cache");

    const tiers = [];
    const parts = [];
    // CPU seconds of each phase (scripts/cpu-time.js): the unit tier, the engine provided beside it, the e2e tier.
    const cpuParts = [];
    let mark = { cpu: treeCpuSeconds(), at: Date.now() };
    const cpuPart = (label) => {
        const now = { cpu: treeCpuSeconds(), at: Date.now() };
        if (now.cpu !== undefined) cpuParts.push({ label, cpu: now.cpu - mark.cpu, ms: now.at - mark.at });
        mark = now;
    };
    // The engine is provided beside the unit tier, which does not need it: a cold build overlaps the unit tests.
    const engine = mode === "unit" ? undefined : provideEngine();
    if (mode !== "e2e") tiers.push(await runTier("unit", unitFiles, { parallel: process.env.TELEPHONY_UNIT_PARALLEL === "1" }));
    if (engine) {
        const e = await engine;
        cpuPart(mode === "all" ? "unit tier and the engine provided beside it" : "engine provided");
        parts.push(`Pulumi CLI and YAML language host provided in ${seconds(e.ms)}${mode === "all" ? " (beside the unit tier)" : ""}`);
        if (!e.ok) {
            process.stdout.write("\nthe Pulumi CLI could not be provided (see [pulumi-cli] above): the e2e tier did not run\n");
            tiers.push({ tier: "e2e", tests: [], passes: 0, failures: 1, pending: 0, ms: 0 });
        } else {
            tiers.push(await runTier("e2e", e2eFiles, { parallel: true }));
            cpuPart("e2e tier");
        }
    } else {
        cpuPart("unit tier");
    }

    // Per-file sums of test durations, for the next run's order.
    const perFile = {};
    for (const t of tiers.flatMap((x) => x.tests)) if (t.file) perFile[path.relative(ROOT, t.file)] = (perFile[path.relative(ROOT, t.file)] ?? 0) + t.duration;
    try {
        fs.mkdirSync(path.dirname(TIMINGS), { recursive: true });
        fs.writeFileSync(TIMINGS, JSON.stringify({ ...timings, ...perFile }, null, 1));
    } catch {
        // a read-only cache only costs the ordering
    }

    const all = tiers.flatMap((x) => x.tests);
    const slow = [...all].sort((a, b) => b.duration - a.duration).slice(0, SLOWEST);
    process.stdout.write(`\n=== the ${slow.length} slowest tests\n`);
    for (const t of slow) process.stdout.write(`${seconds(t.duration).padStart(8)}  ${t.tier.padEnd(4)}  ${path.relative(ROOT, t.file ?? "")}: ${t.title}\n`);
    process.stdout.write("\n=== wall time\n");
    for (const p of parts) process.stdout.write(`${p}\n`);
    for (const t of tiers) process.stdout.write(`${t.tier} tier: ${seconds(t.ms)}, ${t.passes} passed, ${t.failures} failed${t.pending ? `, ${t.pending} skipped` : ""}\n`);
    process.stdout.write(`all: ${seconds(Date.now() - t0)} (load average ${loadavg()})\n`);
    if (cpuParts.length) {
        // More CPU seconds for the same commit means a slower machine; fewer busy cores, time spent waiting.
        const cores = os.availableParallelism();
        process.stdout.write("\n=== CPU time (user + system, of every process the run started and waited for)\n");
        for (const c of cpuParts) process.stdout.write(`${c.label}: ${seconds(c.cpu * 1000)} in ${seconds(c.ms)} of wall time, ${(c.cpu / (c.ms / 1000)).toFixed(2)} of ${cores} cores busy\n`);
    }

    const passes = tiers.reduce((n, t) => n + t.passes, 0);
    const failures = tiers.reduce((n, t) => n + t.failures, 0);
    const pending = tiers.reduce((n, t) => n + t.pending, 0);
    process.stdout.write(`\n${passes} passed, ${failures} failed${pending ? `, ${pending} skipped` : ""}\n`);
    process.exitCode = failures > 0 ? 1 : 0;
}

main().catch((e) => {
    process.stderr.write(`${e.stack ?? e}\n`);
    process.stdout.write("\n0 passed, 1 failed\n");
    process.exitCode = 1;
});
