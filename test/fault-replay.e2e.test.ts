/**
 * Fault runs are reproducible: the sandbox draws each fault from (seed, request identity, occurrence), never from
 * arrival order, so two `up`s of the same program with the same seed — on the real engine, once at the concurrency
 * the engine chooses and once one step at a time — give the same per-request fault log.
 */
import * as assert from "assert";
import { Sandbox, startSandbox } from "../sandbox";
import { FAULT_KINDS, FaultDraw } from "../sandbox/faults";
import { SandboxAdmin, TestStack } from "./harness";
import { FAULT_RESOURCES, seedVendors, vendorConfig, vendorEnv } from "./fault-resources";

/** Two of each vendor's fault-suite resources. */
function fleet() {
    const out: Record<string, { type: string; args: Record<string, unknown> }> = {};
    for (const spec of FAULT_RESOURCES) for (let n = 0; n < 2; n++) out[`${spec.prefix}${n}`] = { type: spec.type, args: spec.make(n) };
    return out;
}

const tuples = (draws: FaultDraw[]) => draws.map((d) => `${d.identity} #${d.occurrence} ${d.fault}`).sort();

describe("fault runs are reproducible: the same seed gives the same per-request fault log at any concurrency", function () {
    this.timeout(600_000);
    const seed = 4242;

    async function run(parallel: string[]): Promise<{ draws: FaultDraw[]; faults: number }> {
        const sb: Sandbox = await startSandbox();
        const stack = await TestStack.create("replay", { ...vendorConfig(sb), "telephony:requestTimeoutMs": { value: "1500" } }, vendorEnv());
        try {
            await seedVendors(new SandboxAdmin(sb.url));
            stack.declare(fleet());
            await fetch(`${sb.url}/_sandbox/faults`, { method: "PUT", body: JSON.stringify({ seed, rate: 0.3, kinds: FAULT_KINDS, retryAfterSeconds: 1, latencyMs: 100 }) });
            await stack.must(["up", "--yes", "--skip-preview", "--non-interactive", "--suppress-progress", ...parallel]);
            const { draws } = (await (await fetch(`${sb.url}/_sandbox/faults`)).json()) as { draws: FaultDraw[] };
            return { draws, faults: draws.filter((d) => d.fault !== "none").length };
        } finally {
            await stack.dispose();
            await sb.close();
        }
    }

    it("two runs, engine-chosen concurrency and --parallel 1, draw identical (identity, occurrence, fault) tuples", async () => {
        const a = await run([]);
        const b = await run(["--parallel", "1"]);
        process.stdout.write(`      seed ${seed}: ${a.draws.length} requests drawn, ${a.faults} faults, in both runs\n`);
        assert.ok(a.faults >= 5, `the run must actually inject faults (got ${a.faults})`);
        assert.deepStrictEqual(tuples(b.draws), tuples(a.draws));
    });
});
