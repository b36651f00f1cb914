/**
 * Benchmark (not a test: no timing assertion): `pulumi up` of a roster of N people (the 100-person roster of the
 * engine test: a SIP user, an agent and an IPPanel number each, a Verigator registration for every other person, a
 * Chime number for every fifth) beside the same resources declared one by one (the harness's generic program, no
 * Person component, no dependencies), each stack against a fresh sandbox, in alternating order over the rounds.
 * Prints seconds per run, the ratio, and the vendor requests each `up` sent.
 *
 *   npm run build && node dist/test/roster.bench.js [--n 100] [--rounds 2]
 */
import { parseArgs } from "util";
import { typeNameOf } from "../provider/core/descriptor";
import { childrenOf } from "../provider/person/children";
import { readRoster } from "../provider/person/roster";
import { startSandbox } from "../sandbox";
import { Declared, SandboxAdmin, TestStack, vendorConfig, vendorEnv } from "./harness";
import { ROSTER_DEFAULTS, rosterCsv, rosterRows, seedChime, writeRosterProgram } from "./roster-fixture";
import * as fs from "fs";
import * as path from "path";

const SEED = "roster-bench-password-seed";

async function run(kind: "roster" | "one by one", n: number): Promise<{ ms: number; requests: number; resources: number }> {
    const sb = await startSandbox();
    const admin = new SandboxAdmin(sb.url);
    await seedChime(admin, n);
    const stack = await TestStack.create(kind === "roster" ? "bench-roster" : "bench-flat", vendorConfig(sb), vendorEnv());
    try {
        const rows = rosterRows(n);
        let resources = 0;
        if (kind === "roster") {
            writeRosterProgram(stack.dir, rows);
            await stack.setConfig("passwordSeed", SEED, true);
            resources = readRoster(path.join(stack.dir, "people.csv"), { defaults: ROSTER_DEFAULTS }).people.reduce((a, p) => a + p.children.length + 1, 0);
        } else {
            // The same children, each declared on its own (the harness's program) with the password the roster program derives.
            const csv = path.join(stack.dir, "people.csv");
            fs.writeFileSync(csv, rosterCsv(rows));
            const declared: Record<string, Declared> = {};
            for (const p of readRoster(csv, { defaults: ROSTER_DEFAULTS }).people) {
                for (const c of childrenOf(p.login, { ...p.person, password: `${SEED}-${p.login}` })) {
                    declared[c.name] = { type: typeNameOf(c.section.descriptor.kind), args: c.args };
                }
            }
            resources = Object.keys(declared).length;
            stack.declare(declared);
        }
        await admin.resetRequests();
        const up = await stack.up();
        const requests = (await admin.requests()).log.length;
        return { ms: up.ms, requests, resources };
    } finally {
        await stack.dispose();
        await sb.close();
    }
}

async function main() {
    const { values } = parseArgs({ options: { n: { type: "string" }, rounds: { type: "string" } } });
    const n = Number(values.n ?? 100);
    const rounds = Number(values.rounds ?? 2);
    const times: Record<string, number[]> = { roster: [], "one by one": [] };
    for (let r = 0; r < rounds; r++) {
        const order: ("roster" | "one by one")[] = r % 2 === 0 ? ["roster", "one by one"] : ["one by one", "roster"];
        for (const kind of order) {
            const x = await run(kind, n);
            times[kind].push(x.ms);
            process.stdout.write(`round ${r + 1}: up of ${n} people ${kind === "roster" ? "as a roster" : "declared one by one"}: ${(x.ms / 1000).toFixed(1)} s, ${x.resources} resources, ${x.requests} vendor requests\n`);
        }
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const a = median(times.roster);
    const b = median(times["one by one"]);
    process.stdout.write(`median: roster ${(a / 1000).toFixed(1)} s, one by one ${(b / 1000).toFixed(1)} s, ratio ${(a / b).toFixed(2)}×\n`);
}

main().catch((e) => {
    process.stderr.write(`${e.stack ?? e}\n`);
    process.exit(1);
});
