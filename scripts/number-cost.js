#!/usr/bin/env node
// What parsing phone numbers costs the processes that do it: the provider (the dynamic-provider host loads
// `pulumi-telephony/runtime`) and the policy pack (it loads `dist/policy/rules`). In fresh Node processes, alternating,
// `--runs` times (7 by default): the module's own load, then libphonenumber-js with its `max` metadata and the first
// number parsed, then 1,000 more parses; with the memory each step adds (RSS and heap). Prints medians and the
// ratio of the number step to the module's load. Not part of the test suite: `npm run build && node scripts/number-cost.js`.
"use strict";
const { execFileSync } = require("child_process");
const path = require("path");

const ROOT = path.resolve(__dirname, "..");
const runs = Number((process.argv.find((a) => a.startsWith("--runs=")) ?? "--runs=7").slice(7));

const CHILD = `
const t = () => Number(process.hrtime.bigint()) / 1e6;
const mem = () => { const m = process.memoryUsage(); return { rss: m.rss / 1048576, heap: m.heapUsed / 1048576 }; };
global.gc && global.gc();
const m0 = mem(), t0 = t();
require(process.argv[1]);
const t1 = t(); global.gc && global.gc(); const m1 = mem();
const n = require(process.argv[2]);
const rule = { plan: "valid", homeRegion: "IN" };
if (!n.parseNumber("+91 98123 45678", rule).ok) throw new Error("parse failed");
const t2 = t(); global.gc && global.gc(); const m2 = mem();
for (let i = 0; i < 1000; i++) n.parseNumber(String(9812300000 + i), rule);
const t3 = t();
process.stdout.write(JSON.stringify({ load: t1 - t0, numbers: t2 - t1, parse1000: t3 - t2, rssLoad: m1.rss - m0.rss, rssNumbers: m2.rss - m1.rss, heapNumbers: m2.heap - m1.heap }));
`;

const targets = {
    provider: path.join(ROOT, "dist", "provider", "runtime.js"),
    "policy pack": path.join(ROOT, "dist", "policy", "rules.js"),
};
const numbersModule = path.join(ROOT, "dist", "provider", "core", "phone-number.js");
const samples = Object.fromEntries(Object.keys(targets).map((k) => [k, []]));
for (let i = 0; i < runs; i++) {
    for (const [name, module] of Object.entries(targets)) {
        const out = execFileSync(process.execPath, ["--expose-gc", "-e", CHILD, module, numbersModule], { cwd: ROOT, encoding: "utf8" });
        samples[name].push(JSON.parse(out));
    }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const f = (x, d = 1) => x.toFixed(d);
console.log(`phone numbers' cost, median of ${runs} fresh processes each (Node ${process.version})`);
console.log("| process | module load | + libphonenumber-js (max) and the first parse | ratio | 1,000 more parses | RSS added | heap added |");
console.log("|---|---|---|---|---|---|---|");
for (const [name, xs] of Object.entries(samples)) {
    const m = (k) => median(xs.map((x) => x[k]));
    console.log(`| ${name} | ${f(m("load"))} ms | ${f(m("numbers"))} ms | ${f(m("numbers") / m("load"), 2)}× | ${f(m("parse1000"))} ms | ${f(m("rssNumbers"))} MB | ${f(m("heapNumbers"))} MB |`);
}
