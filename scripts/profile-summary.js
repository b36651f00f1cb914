#!/usr/bin/env node
/**
 * Summarizes the CPU profiles of a profiled bench run (`npm run bench -- --profile DIR`; scripts/profile-preload.js
 * writes `<role>.<pid>.<slice>.cpuprofile`): self time per source file, the slices of one process summed,
 * node_modules packages collapsed to their name (pulumi-telephony's files kept apart), the top N.
 *
 *   node scripts/profile-summary.js /tmp/prof/SipUser-preview [N]
 */
"use strict";
const fs = require("fs");
const path = require("path");

const dir = process.argv[2];
const top = Number(process.argv[3] ?? 15);
const processes = new Map();
for (const f of fs.readdirSync(dir).filter((f) => f.endsWith(".cpuprofile"))) {
    const key = f.split(".").slice(0, 2).join(".");
    processes.set(key, [...(processes.get(key) ?? []), f]);
}
for (const [proc, files] of processes) {
    const self = new Map();
    for (const f of files) {
        const prof = JSON.parse(fs.readFileSync(path.join(dir, f), "utf8"));
        const byId = new Map(prof.nodes.map((n) => [n.id, n]));
        for (let i = 0; i < prof.samples.length; i++) {
            const url = byId.get(prof.samples[i]).callFrame.url || `(${byId.get(prof.samples[i]).callFrame.functionName || "program"})`;
            const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(.*)$/.exec(url);
            const where = m ? (m[1] === "pulumi-telephony" ? `pulumi-telephony/${m[2]}` : m[1]) : url.replace(/^file:\/\//, "");
            self.set(where, (self.get(where) ?? 0) + (prof.timeDeltas[i] ?? 0));
        }
    }
    const total = [...self.values()].reduce((a, b) => a + b, 0);
    console.log(`\n${proc}: ${(total / 1000).toFixed(0)} ms sampled`);
    for (const [where, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${(us / 1000).toFixed(0).padStart(7)} ms  ${((100 * us) / total).toFixed(1).padStart(5)}%  ${where}`);
}
