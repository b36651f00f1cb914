#!/usr/bin/env node
/**
 * Seed sweep (not part of CI): runs the fault suite (test/faults.e2e.test.ts: up of 50 resources, update of a third,
 * destroy, ~20% of vendor requests faulted) once per seed and prints one table row per seed:
 *
 *   node scripts/fault-sweep.js [N=30] [FIRST=1]      (after `npm run build`; about 1–2 minutes per seed)
 *
 * Columns: seed, vendor requests received, faults injected by kind, client retries, recovery lookups (a create's
 * outcome was unknown and the object was looked up), duplicates and orphans left at the vendors, errors shown to
 * the user (failed pulumi runs), and the suite's verdict. Each seed runs in its own mocha process; the JSON figures
 * come from FAULT_REPORT, so the table does not depend on parsing test output.
 */
"use strict";
const { spawnSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

const REPO = path.resolve(__dirname, "..");
const n = Number(process.argv[2] ?? 30);
const first = Number(process.argv[3] ?? 1);
const SHORT = {
    "throttle-seconds": "429s",
    "throttle-date": "429d",
    "throttle-no-retry-after": "429-",
    "error-500": "500",
    "error-502": "502",
    "error-503": "503",
    latency: "lat",
    "reset-before": "rstB",
    "accept-never-answer": "noAns",
    "reset-after-commit": "rstC",
    "timeout-after-commit": "toC",
    "stall-mid-body": "stall",
    "truncated-body": "trunc",
    "non-json-body": "html",
};
const kinds = Object.keys(SHORT);

const header = ["seed", "requests", ...kinds.map((k) => SHORT[k]), "faults", "retries", "lookups", "dups", "orphans", "errors", "result", "s"];
console.log(`fault kinds: ${kinds.map((k) => `${SHORT[k]}=${k}`).join(", ")}`);
console.log(header.join("\t"));
const totals = { runs: 0, passed: 0, requests: 0, faults: 0, retries: 0, lookups: 0, dups: 0, orphans: 0, errors: 0 };
for (let seed = first; seed < first + n; seed++) {
    const reportFile = path.join(os.tmpdir(), `fault-sweep-${process.pid}-${seed}.json`);
    const t0 = Date.now();
    const r = spawnSync("npx", ["mocha", "--no-config", "--exit", "--timeout", "1200000", "--reporter", "dot", "dist/test/faults.e2e.test.js"], {
        cwd: REPO,
        env: { ...process.env, FAULT_SEED: String(seed), FAULT_REPORT: reportFile },
        encoding: "utf8",
        maxBuffer: 64 * 1024 * 1024,
    });
    const secs = Math.round((Date.now() - t0) / 1000);
    let rep;
    try {
        rep = JSON.parse(fs.readFileSync(reportFile, "utf8"));
        fs.rmSync(reportFile, { force: true });
    } catch {
        rep = { requests: 0, faults: {}, retries: 0, lookups: 0, duplicates: 0, orphans: 0, errorsShown: 1, errors: ["no report"] };
    }
    const faults = Object.values(rep.faults).reduce((a, b) => a + b, 0);
    const ok = r.status === 0;
    const row = [seed, rep.requests, ...kinds.map((k) => rep.faults[k] ?? 0), faults, rep.retries, rep.lookups, rep.duplicates, rep.orphans, rep.errorsShown, ok ? "pass" : "FAIL", secs];
    console.log(row.join("\t"));
    if (!ok) {
        for (const e of rep.errors ?? []) console.log(`#   ${e.slice(0, 400)}`);
        const tail = `${r.stdout}\n${r.stderr}`.split("\n").filter((l) => /AssertionError|Error:|failed/.test(l)).slice(0, 6);
        for (const l of tail) console.log(`#   ${l.trim().slice(0, 300)}`);
    }
    totals.runs++;
    totals.passed += ok ? 1 : 0;
    totals.requests += rep.requests;
    totals.faults += faults;
    totals.retries += rep.retries;
    totals.lookups += rep.lookups;
    totals.dups += rep.duplicates;
    totals.orphans += rep.orphans;
    totals.errors += rep.errorsShown;
}
console.log(
    `# ${totals.passed}/${totals.runs} seeds passed; ${totals.requests} requests, ${totals.faults} faults, ${totals.retries} retries, ` +
        `${totals.lookups} lookups, ${totals.dups} duplicates, ${totals.orphans} orphans, ${totals.errors} errors shown`,
);
process.exit(totals.passed === totals.runs ? 0 : 1);
