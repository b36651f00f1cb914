/**
 * Crash mid-apply (issues 10 and 19), on the real engine: `pulumi up` of 35 resources across the five vendors (eight
 * creates at a time, `--parallel 8`) is killed with SIGKILL — the CLI, its language host and the provider, as one
 * process group — while vendors have carried out creates whose answers are still held back (the sandbox sends each
 * create's answer some time after committing it), and while the first create of each vendor the run reached is still
 * on its way (held before the vendor carries it out; it lands only after the recovery has looked). Then, on another machine (a fresh PULUMI_HOME: no create journal of the crashed run), only
 * what the README says: `pulumi cancel`, `pulumi-telephony recover`, `pulumi up` with the same program — no `adopt`,
 * no edit. It must converge with no duplicate and no orphan at any vendor, the next preview must be empty, and
 * `destroy` must leave nothing.
 *
 * The three kill points are counts of committed creates, read from the sandbox's request log (never a sleep); with
 * eight creates at a time they find the run early, midway and near its end. Each
 * run has OpenTact answer a duplicate login with another of its plausible readings (400, 409, 422: its sources name
 * none), and the late OpenTact create meets it in the last `up`; the other vendors answer with their default readings.
 */
import * as assert from "assert";
import * as fs from "fs";
import { DEFAULT_CREDENTIALS, Sandbox } from "../sandbox";
import { sipUser } from "../provider/opentact/sip-user/descriptor";
import { SandboxAdmin, TestStack, alive, killTree, runTelephony, useSandboxStack } from "./harness";
import { CREATE_ROUTES, FAULT_RESOURCES, FaultResource, seedVendors } from "./fault-resources";
import { specOf } from "./lifecycle";

const PER_VENDOR = 7;

function fleet(): Record<string, { type: string; args: Record<string, unknown>; spec: FaultResource }> {
    const out: Record<string, { type: string; args: Record<string, unknown>; spec: FaultResource }> = {};
    for (const spec of FAULT_RESOURCES) for (let n = 0; n < PER_VENDOR; n++) out[`${spec.prefix}${n}`] = { type: spec.type, args: spec.make(n), spec };
    return out;
}

/**
 * The first resource of each vendor is the late one (its create goes out early, so every kill point finds it on its
 * way), picked out for the sandbox's hold by what its create request alone carries (each spec's `createMark`).
 */
const LATE = 0;
/** OpenTact, whose duplicate reading each run switches: its spec (create route, fleet names). */
const OPENTACT = specOf(sipUser);

describe(`crash mid-apply on the real engine: up of ${FAULT_RESOURCES.length * PER_VENDOR} resources killed with SIGKILL, then on another machine cancel, recover, up`, function () {
    this.timeout(900_000);
    let sb: Sandbox;
    let admin: SandboxAdmin;
    let stack: TestStack;
    const declared = fleet();
    const outcomes: string[] = [];
    const late = FAULT_RESOURCES.map((spec) => spec.createMark(spec.make(LATE)));

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

    /** The late creates the sandbox holds right now, not yet carried out (`vendor route` of each). */
    const deferredNow = async () => ((await fetch(`${sb.url}/_sandbox/hold`).then((r) => r.json())) as { deferred: string[] }).deferred;
    const hold = async (plan?: unknown) => {
        await fetch(`${sb.url}/_sandbox/hold`, plan === undefined ? { method: "DELETE" } : { method: "PUT", body: JSON.stringify(plan) });
    };

    useSandboxStack({ stack: "crash" }, (t) => ({ sb, admin, stack } = t));
    before(async () => {
        // A long-lived OpenTact token: no login first, so the first OpenTact create (the late one) leaves at once.
        await stack.setConfig("telephony:opentactToken", DEFAULT_CREDENTIALS.opentact.token, true);
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

    for (const [killAt, reading] of [
        [3, 400],
        [14, 409],
        [28, 422],
    ] as const) {
        it(`killed after ${killAt} committed creates, OpenTact answering a duplicate login ${reading}: cancel, recover, up on another machine converge; preview empty; destroy leaves nothing`, async () => {
            await admin.resetRequests();
            await admin.vendorSwitch("opentact", "duplicate", { status: reading });
            // Each create's answer leaves 0.5 s after the vendor committed it: at any moment several are in flight. The late
            // ones are held before the vendor carries them out, until the recovery has looked.
            await hold([
                { methods: ["POST"], routes: CREATE_ROUTES, matching: late, request: true },
                { methods: ["POST"], routes: CREATE_ROUTES, delayMs: 500 },
            ]);
            const run = stack.start(["up", "--yes", "--skip-preview", "--non-interactive", "--suppress-progress", "--parallel", "8"]);
            let finished = false;
            void run.done.then(() => (finished = true));
            // Progress, not time: poll the sandbox until the vendors committed `killAt` creates and the late OpenTact
            // create (the run's first) is on its way.
            for (let i = 0; (await committedCreates()) < killAt || !(await deferredNow()).includes(`opentact ${OPENTACT.createRoute}`); i++) {
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
            // A SIGKILL can cut the file backend's metadata sidecar (`<stack>.json.attrs`, written in place by
            // gocloud's fileblob, not renamed into place as the state is) to zero bytes, and every later command then
            // fails with "failed to load checkpoint: EOF". The README's recovery steps remove such a sidecar.
            const cutSidecars = stack.removeEmptyStateSidecars();
            const state = JSON.parse(await stack.exportText());
            const pending = (state.deployment.pending_operations ?? []).filter((p: { type: string }) => p.type === "creating").length;
            const recorded = (state.deployment.resources ?? []).filter((r: { type: string }) => r.type.startsWith("pulumi-nodejs:dynamic/")).length;

            // Another machine: the same backend and program, no create journal.
            const other = await stack.elsewhere();
            try {
                assert.ok(!fs.existsSync(other.journalFile));
                const cancel = await other.run(["cancel", "--yes", "--non-interactive"]);
                const recovered = await runTelephony(["recover", "--stack", "test", "--cwd", other.dir], { env: other.env });
                assert.strictEqual(recovered.code, 0, `recover failed:\n${recovered.stdout}\n${recovered.stderr}`);
                const count = (what: string) => (recovered.stdout.match(new RegExp(`^ {2}${what} `, "gm")) ?? []).length;
                assert.strictEqual(count("imported") + count("cleared "), pending, `every pending create is resolved:\n${recovered.stdout}`);
                assert.strictEqual(count("not ours"), 0, recovered.stdout);
                assert.match(recovered.stdout, /Nothing was changed at any vendor\.\nNext: pulumi up/);
                const after = JSON.parse(await other.exportText());
                assert.deepStrictEqual(after.deployment.pending_operations ?? [], [], "no pending create left");
                // The late creates land now, after the recovery looked: the next up meets each as "already exists".
                const lateOnes = await deferredNow();
                const lateBefore = (await admin.requests()).log.filter((r) => r.deferred).length;
                await hold();
                for (let i = 0; (await admin.requests()).log.filter((r) => r.deferred).length < lateBefore + lateOnes.length; i++) {
                    assert.ok(i < 3000, "the late creates were never carried out");
                    await new Promise((r) => setTimeout(r, 10));
                }
                await admin.resetRequests();
                const up = await other.run(["up", "--yes", "--skip-preview", "--non-interactive", "--suppress-progress"]);
                assert.strictEqual(up.code, 0, `the up after the crash failed:\n${up.stdout}\n${up.stderr}`);
                // The late OpenTact create's resend met the duplicate reading, and was looked up and taken as this stack's.
                const lateLogin = String(declared[`${OPENTACT.fleet.prefix}${LATE}`].args.login);
                const resent = (await admin.requests()).log.filter((r) => r.route === OPENTACT.createRoute && (r.body as { login?: string })?.login === lateLogin).map((r) => r.status);
                assert.deepStrictEqual(resent, [reading], `the late login's create was answered with the ${reading} reading`);
                await assertVendorsHold(false);
                const plan = await other.preview(["--expect-no-changes"]);
                assert.strictEqual(plan.code, 0, `the plan after recovering is not empty:\n${plan.stdout}`);
                outcomes.push(
                    `kill after ${killAt} commits, OpenTact duplicate ${reading} (exit ${killed.code}): ${committed} committed, ${lateOnes.length} late ` +
                        `(${lateOnes.map((l) => l.split(" ")[0]).join(", ")}), ${recorded} in state, ` +
                        `${pending} pending creates; recover: ${count("imported")} imported, ${count("cleared ")} cleared (${(recovered.ms / 1000).toFixed(1)} s); ` +
                        `${cutSidecars.length} cut sidecars removed; cancel exit ${cancel.code}; up converged in ${(up.ms / 1000).toFixed(1)} s`,
                );
                await other.destroy();
                await assertVendorsHold(true);
            } finally {
                await hold();
                await other.dispose();
            }
        });
    }
});
