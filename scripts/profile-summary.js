#!/usr/bin/env node
/**
 * Summarizes V8 CPU profiles (`.cpuprofile`, as `node --cpu-prof` writes them; see `npm run bench -- --profile`):
 * self time per source file (node_modules packages collapsed to their name), the top N.
 *
 *   node scripts/profile-summary.js /tmp/prof/SipUser-preview [N]
 */
"use strict";
const fs = require("fs");
const path = require("path");

const dir = process.argv[2];
const top = Number(process.argv[3] ?? 15);
for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".cpuprofile"))) {
    const prof = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8"));
    const byId = new Map(prof.nodes.map((n) => [n.id, n]));
    const self = new Map();
    const dt = prof.timeDeltas;
    for (let i = 0; i < prof.samples.length; i++) {
        const n = byId.get(prof.samples[i]);
        const url = n.callFrame.url || `(${n.callFrame.functionName || "program"})`;
        const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(.*)$/.exec(url);
        const where = m ? (m[1] === "pulumi-telephony" ? `pulumi-telephony/${m[2]}` : m[1]) : url.replace(/^file:\/\//, "");
        self.set(where, (self.get(where) ?? 0) + (dt[i] ?? 0));
    }
    const total = [...self.values()].reduce((a, b) => a + b, 0);
    const main = prof.nodes.some((n) => /dynamic-provider/.test(n.callFrame.url)) ? "dynamic provider" : "program / other";
    console.log(`\n${file} (${main}): ${(total / 1000).toFixed(0)} ms sampled`);
    for (const [where, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${(us / 1000).toFixed(0).padStart(7)} ms  ${(100 * us / total).toFixed(1).padStart(5)}%  ${where}`);
}
