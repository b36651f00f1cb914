// Mocha's spec reporter, plus the closing line CI reads: "N passed, N failed[, N skipped]".
//
// Under scripts/test.js (TELEPHONY_TEST_RESULTS names a file), each test's outcome and duration is also appended to
// that file as a JSON line, and the closing line names the tier: the runner prints the one closing line for all
// tiers, with the slowest tests. Works in mocha's parallel mode, where the events of each file arrive from its worker.
"use strict";
const fs = require("fs");
const Mocha = require("mocha");

class SummaryReporter extends Mocha.reporters.Spec {
    constructor(runner, options) {
        super(runner, options);
        const results = process.env.TELEPHONY_TEST_RESULTS;
        const tier = process.env.TELEPHONY_TEST_TIER;
        const record = (o) => results && fs.appendFileSync(results, `${JSON.stringify(o)}\n`);
        for (const [event, state] of [["pass", "passed"], ["fail", "failed"], ["pending", "skipped"]]) {
            runner.on(event, (test) => {
                // A failing hook is reported as a failure of the hook: it counts, with its title.
                record({ state, title: test.fullTitle(), file: test.file, duration: test.duration ?? 0 });
            });
        }
        runner.once("end", () => {
            const s = runner.stats;
            const line = `${s.passes} passed, ${s.failures} failed${s.pending ? `, ${s.pending} skipped` : ""}`;
            record({ end: true, passes: s.passes, failures: s.failures, pending: s.pending });
            process.stdout.write(results ? `\n${tier ?? "this"} tier: ${line}\n` : `\n${line}\n`);
        });
    }
}
module.exports = SummaryReporter;
