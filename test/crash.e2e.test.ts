/**
 * Crash mid-apply (issue 10), on the real engine: `pulumi up` of 35 resources across the five vendors is killed with
 * SIGKILL — the CLI, its language host and the provider, as one process group — while vendors have carried out
 * creates whose answers are still held back (the sandbox sends each create's answer some time after committing
 * it). Then only what Pulumi itself asks for: `pulumi cancel` (the lock), `pulumi refresh --clear-pending-creates`
 * (the creates it never heard back about), and `pulumi up` again with the same program — no `adopt`, no edit. It
 * must converge with no duplicate and no orphan at any vendor, and `destroy` must leave nothing.
 *
 * The kill points are counts of committed creates, read from the sandbox's request log (never a sleep).
 */
import * as assert from "assert";
import * as fs from "fs";
import { Sandbox } from "../sandbox";
import { SandboxAdmin, TestStack, alive, killTree, useSandboxStack } from "./harness";
import { CREATE_ROUTES, FAULT_RESOURCES, FaultResource, seedVendors } from "./fault-resources";

const PER_VENDOR = 7;

function fleet(): Record<string, { type: string; args: Record<string, unknown>; spec: FaultResource }> {
    const out: Record<string, { type: string; args: Record<string, unknown>; spec: FaultResource }> = {};
    for (const spec of FAULT_RESOURCES) for (let n = 0; n < PER_VENDOR; n++) out[`${spec.prefix}${n}`] = { type: spec.type, args: spec.make(n), spec };
    return out;
}

describe(`crash mid-apply on the real engine: up of ${FAULT_RESOURCES.length * PER_VENDOR} resources killed with SIGKILL, then cancel, refresh --clear-pending-creates, up`, function () {
    this.timeout(900_000);
    let sb: Sandbox;
    let admin: SandboxAdmin;
    let stack: TestStack;
    const declared = fleet();
    const outcomes: string[] = [];

    /** Each vendor holds exactly the declared objects, once (`empty`: nothing). */
    async function assertVendorsHold(empty: boolean) {
        for (const spec of FAULT_RESOURCES) {
            const keys = (await spec.live(admin)).map(spec.key).sort();
            const wanted = empty ? [] : Object.values(declared).filter((d) => d.spec === spec).map((d) => spec.key(spec.expected(d.args))).sort();
            assert.deepStrictEqual(keys, wanted, `${spec.type}: ${empty ? "orphans after destroy" : "duplicates, orphans or missing objects"}`);
            if (!empty) for (const d of Object.values(declared).filter((x) => x.spec === spec)) d.spec.matches((await spec.live(admin)).find((o) => spec.key(o) === spec.key(spec.expected(d.args)))!, d.args);
        }
    }

    /** Creates the vendors have carried out so far (their answers held back), from the request log. */
    async function committedCreates(): Promise<number> {
        return (await admin.requests()).log.filter((r) => r.held && r.status >= 200 && r.status < 300).length;
    }

    useSandboxStack({ stack: "crash" }, (t) => ({ sb, admin, stack } = t));
    before(async () => {
        await seedVendors(admin);
        stack.declare(Object.fromEntries(Object.entries(declared).map(([k, d]) => [k, { type: d.type, args: d.args }])));
    });
    after(async () => {
        process.stdout.write(`      crash outcomes:\n${outcomes.map((o) => `        ${o}`).join("\n")}\n`);
    });

    it("a crash that cuts the state's metadata sidecar to zero bytes: the README's command brings every command back", async () => {
        fs.writeFileSync(`${stack.stateFile()}.attrs`, "");
        const broken = await stack.run(["stack", "export"]);
        assert.notStrictEqual(broken.code, 0, "pulumi read the state despite an empty sidecar");
        assert.match(broken.stderr, /failed to load checkpoint: EOF/);
        assert.deepStrictEqual(stack.removeEmptyStateSidecars().map((p) => p.endsWith(".json.attrs")), [true]);
        assert.strictEqual(JSON.parse(await stack.exportText()).version, 3);
    });

    for (const killAt of [3, 14, 28]) {
        it(`killed after ${killAt} committed creates: the stack converges without any program edit, no duplicate, no orphan; destroy leaves nothing`, async () => {
            await admin.resetRequests();
            // Each create's answer leaves 1.5 s after the vendor committed it: at any moment several are in flight.
            await fetch(`${sb.url}/_sandbox/hold`, { method: "PUT", body: JSON.stringify({ methods: ["POST"], routes: CREATE_ROUTES, delayMs: 1500 }) });
            const run = stack.start(["up", "--yes", "--skip-preview", "--non-interactive", "--suppress-progress"]);
            let finished = false;
            void run.done.then(() => (finished = true));
            // Progress, not time: poll the sandbox's log until the vendors have committed `killAt` creates.
            for (let i = 0; (await committedCreates()) < killAt; i++) {
                assert.ok(!finished, `up ended before ${killAt} creates were committed`);
                assert.ok(i < 6000, `the vendors never committed ${killAt} creates`);
                await new Promise((r) => setTimeout(r, 20));
            }
            const victims = killTree(run.pid);
            const killed = await run.done;
            // The CLI, its language host, the program and the dynamic provider: none may outlive the crash, or it
            // would go on sending requests beside the recovery.
            assert.ok(victims.length >= 4, `expected the CLI and its plugins, killed ${victims.length} processes`);
            for (let i = 0; victims.some(alive); i++) {
                assert.ok(i < 500, `processes outlived SIGKILL: ${victims.filter(alive).join(", ")}`);
                await new Promise((r) => setTimeout(r, 10));
            }
            const committed = await committedCreates();
            const heldAtKill = sb.hold.count;
            await fetch(`${sb.url}/_sandbox/hold`, { method: "DELETE" });
            // A SIGKILL can cut the file backend's metadata sidecar (`<stack>.json.attrs`, written in place by
            // gocloud's fileblob, not renamed into place as the state is) to zero bytes, and every later command then
            // fails with "failed to load checkpoint: EOF". The README's recovery steps remove such a sidecar (a
            // missing one is read as default metadata); this test follows them.
            const cutSidecars = stack.removeEmptyStateSidecars();
            const state = JSON.parse(await stack.exportText());
            const pending = (state.deployment.pending_operations ?? []).filter((p: { type: string }) => p.type === "creating").length;
            const recorded = (state.deployment.resources ?? []).filter((r: { type: string }) => r.type.startsWith("pulumi-nodejs:dynamic/")).length;

            const cancel = await stack.run(["cancel", "--yes", "--non-interactive"]);
            const refresh = await stack.refresh(["--clear-pending-creates", "--skip-preview"]);
            assert.strictEqual(refresh.code, 0, `refresh --clear-pending-creates failed:\n${refresh.stdout}\n${refresh.stderr}`);
            const up = await stack.run(["up", "--yes", "--skip-preview", "--non-interactive", "--suppress-progress"]);
            assert.strictEqual(up.code, 0, `the up after the crash failed:\n${up.stdout}\n${up.stderr}`);
            await assertVendorsHold(false);
            const plan = await stack.preview(["--expect-no-changes"]);
            assert.strictEqual(plan.code, 0, `the plan after recovering is not empty:\n${plan.stdout}`);
            outcomes.push(
                `kill after ${killAt} commits (exit ${killed.code}): ${committed} committed, ${heldAtKill} answers still held, ${recorded} in state, ` +
                    `${pending} pending creates; ${cutSidecars.length} cut sidecars removed; cancel exit ${cancel.code}; refresh exit ${refresh.code}; up converged in ${(up.ms / 1000).toFixed(1)} s`,
            );

            await stack.destroy();
            await assertVendorsHold(true);
        });
    }
});
