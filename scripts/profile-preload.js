/**
 * Preloaded into every node process of a profiled bench run (`npm run bench -- --profile DIR`, via NODE_OPTIONS
 * `--require`). Records a V8 CPU profile in slices of 0.5 s written to TELEPHONY_PROFILE_DIR, because the engine ends
 * the dynamic-provider process with a signal, before `--cpu-prof` would write anything; and logs each module load
 * slower than 2 ms (with the time it happened) to `<pid>.modules.txt`.
 */
"use strict";
const fs = require("fs");
const path = require("path");
const inspector = require("inspector");
const Module = require("module");

const dir = process.env.TELEPHONY_PROFILE_DIR;
if (dir) {
    const role = process.argv.some((a) => a.includes("dynamic-provider")) ? "provider" : "program";
    const session = new inspector.Session();
    session.connect();
    let slice = 0;
    const start = () => session.post("Profiler.enable", () => session.post("Profiler.start"));
    const flush = () =>
        session.post("Profiler.stop", (err, res) => {
            if (!err && res) fs.writeFileSync(path.join(dir, `${role}.${process.pid}.${String(slice++).padStart(3, "0")}.cpuprofile`), JSON.stringify(res.profile));
            start();
        });
    start();
    setInterval(flush, 500).unref();
    // The engine stops a plugin with a signal: write the slice in progress first (the inspector answers synchronously).
    for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => { session.post("Profiler.stop", (err, res) => { if (!err && res) fs.writeFileSync(path.join(dir, `${role}.${process.pid}.${String(slice++).padStart(3, "0")}.cpuprofile`), JSON.stringify(res.profile)); process.exit(0); }); });

    const t0 = process.hrtime.bigint();
    const load = Module._load;
    const modulesLog = path.join(dir, `${role}.${process.pid}.modules.txt`);
    Module._load = function (request, parent, isMain) {
        const s = process.hrtime.bigint();
        const out = load.apply(this, arguments);
        const ms = Number(process.hrtime.bigint() - s) / 1e6;
        if (ms > 2) fs.appendFileSync(modulesLog, `${(Number(s - t0) / 1e6).toFixed(0)} ms +${ms.toFixed(1)} ms ${request}\n`);
        return out;
    };
}
