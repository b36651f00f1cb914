/**
 * A failed create never leaves an orphan or a stuck stack (issue 10), for every vendor, on the real engine.
 *
 * The sandbox carries every create out and holds its answer back; a short operation deadline makes each create end
 * in error before any answer or lookup can arrive, so the engine records nothing while each vendor holds the
 * object. The next `up` of the same program, without `adopt: true`, must recognise each object as the resource's
 * own and converge through the create journal on the machine that sent the creates. On another machine (no journal)
 * the stack has no record of those creates — a create that failed is no pending create either — and the vendors'
 * equality with the declaration is no proof (issue 19): every vendor then answers "already exists", naming the
 * missing record and pointing at `adopt`, and nothing is taken over until `adopt: true` says so.
 */
import * as assert from "assert";
import * as fs from "fs";
import { Sandbox } from "../sandbox";
import { SandboxAdmin, TestStack, useSandboxStack } from "./harness";
import { CREATE_ROUTES, FAULT_RESOURCES, FaultResource, seedVendors } from "./fault-resources";

/** One resource per vendor (the fault suite's first of each). */
function onePerVendor(): Record<string, { type: string; args: Record<string, unknown>; spec: FaultResource }> {
    return Object.fromEntries(FAULT_RESOURCES.map((spec) => [`${spec.prefix}0`, { type: spec.type, args: spec.make(0), spec }]));
}

/** Each vendor holds exactly the declared objects (by natural key), once. */
async function vendorKeys(admin: SandboxAdmin): Promise<Record<string, string[]>> {
    const out: Record<string, string[]> = {};
    for (const spec of FAULT_RESOURCES) out[spec.type] = (await spec.live(admin)).map(spec.key).sort();
    return out;
}

function expectedKeys(declared: ReturnType<typeof onePerVendor>, only?: string[]): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    for (const spec of FAULT_RESOURCES) {
        out[spec.type] = Object.values(declared)
            .filter((d) => d.spec === spec && (!only || only.includes(spec.type)))
            .map((d) => spec.key(spec.expected(d.args)));
    }
    return out;
}

for (const journal of [true, false]) {
    describe(`a create whose answer never came: ${journal ? "recognised by the next up without adopt (same machine: create journal)" : "another machine, no record of the stack's: already exists, adopt"}`, function () {
        this.timeout(600_000);
        let sb: Sandbox;
        let admin: SandboxAdmin;
        let stack: TestStack;
        const declared = onePerVendor();

        useSandboxStack({ stack: `unanswered-${journal ? "journal" : "proof"}` }, (t) => ({ sb, admin, stack } = t));
        before(async () => {
            await seedVendors(admin);
            stack.declare(Object.fromEntries(Object.entries(declared).map(([k, d]) => [k, { type: d.type, args: d.args }])));
        });

        it("up fails for every resource once the deadline passes, saying how often it sent and looked, while each vendor holds the object", async () => {
            // The creates' answers are held until after the deadline, and the lookups that would resolve them fail
            // (503, retried to the deadline), so each create ends in error whatever the machine's speed. IPPanel has
            // no lookup. Chime's lookup is the same GetUser its create starts with, so it cannot be failed alone:
            // Chime's create either ends in error too, or finds the user already holding the number and succeeds.
            await fetch(`${sb.url}/_sandbox/hold`, { method: "PUT", body: JSON.stringify({ methods: ["POST"], routes: CREATE_ROUTES }) }); // until lifted
            const lookups = { seed: 1, rate: 1, kinds: ["error-503"], methods: ["GET"], routes: ["ListSIPUsersBySIPConnectionUUID", "ListUsers"], maxConsecutive: 1e9 };
            await fetch(`${sb.url}/_sandbox/faults`, { method: "PUT", body: JSON.stringify(lookups) });
            // 15 s leaves the calls before each create (logins, the number list) ample time.
            await stack.setConfig("telephony:operationDeadlineMs", "15000");
            const r = await stack.run(["up", "--yes", "--skip-preview", "--non-interactive", "--suppress-progress", "--continue-on-error"]);
            await fetch(`${sb.url}/_sandbox/hold`, { method: "DELETE" });
            await fetch(`${sb.url}/_sandbox/faults`, { method: "DELETE" });
            assert.notStrictEqual(r.code, 0, "the up must fail: no create was ever answered");
            const text = `${r.stdout}\n${r.stderr}`;
            const unresolved = (kind: string) => new RegExp(`${kind} create could not be confirmed within the operation deadline \\(telephony:operationDeadlineMs, 15000 ms\\): sent 1 time, looked it up 1 time`);
            for (const kind of ["opentact:SipUser", "smartflo:SmartfloUser", "ippanel:NumberAssignment", "verigator:VerigatorUser"]) {
                assert.match(text, unresolved(kind), `${kind}:\n${text}`);
            }
            assert.ok(unresolved("chime:ChimeUserNumber").test(text) || /chime:ChimeUserNumber chime0 created/.test(text), `chime:\n${text}`);
            assert.match(text, /run `pulumi up` again from this machine/);
            const state = JSON.parse(await stack.exportText());
            const recorded = (state.deployment.resources ?? []).filter((x: { type: string }) => x.type.startsWith("pulumi-nodejs:dynamic/")).map((x: { type: string }) => x.type);
            assert.ok(recorded.every((t: string) => t.endsWith(":ChimeUserNumber")), `the engine recorded none of the others: ${recorded}`);
            assert.deepStrictEqual(await vendorKeys(admin), expectedKeys(declared), "each vendor carried its create out");
            assert.ok(fs.existsSync(stack.journalFile), "the provider journaled the unanswered creates");
            if (!journal) fs.rmSync(stack.journalFile);
        });

        if (journal) {
            it("the next up, with the same program, converges: each object taken as the resource's, no duplicate", async () => {
                await stack.setConfig("telephony:operationDeadlineMs", "180000");
                await stack.up();
                assert.deepStrictEqual(await vendorKeys(admin), expectedKeys(declared));
                for (const d of Object.values(declared)) {
                    const live = await d.spec.live(admin);
                    d.spec.matches(live.find((o) => d.spec.key(o) === d.spec.key(d.spec.expected(d.args)))!, d.args);
                }
                const plan = await stack.preview(["--expect-no-changes"]);
                assert.strictEqual(plan.code, 0, `the plan after recovering is not empty:\n${plan.stdout}`);
            });
        } else {
            it("the next up takes over nothing: every vendor says already exists, naming the missing record", async () => {
                await stack.setConfig("telephony:operationDeadlineMs", "180000");
                await admin.resetRequests();
                // Every resource is attempted, whatever fails first.
                const r = await stack.run(["up", "--yes", "--skip-preview", "--non-interactive", "--suppress-progress", "--continue-on-error"]);
                const text = `${r.stdout}\n${r.stderr}`;
                assert.notStrictEqual(r.code, 0);
                for (const kind of ["opentact:SipUser", "smartflo:SmartfloUser", "ippanel:NumberAssignment", "verigator:VerigatorUser"]) {
                    assert.match(text, new RegExp(`${kind}[^\\n]* already exists at the vendor, and this stack has no record of creating it[^\\n]*Set \`adopt: true\``), `${kind}:\n${text}`);
                }
                const state = JSON.parse(await stack.exportText());
                const recorded = state.deployment.resources.filter((x: { type: string }) => x.type.startsWith("pulumi-nodejs:dynamic/")).map((x: { type: string }) => x.type.split(":").pop());
                assert.ok(recorded.every((t: string) => t === "ChimeUserNumber"), `nothing taken over: ${recorded}`);
                const writes = (await admin.requests()).log.filter((x) => x.method !== "GET" && !/Login/.test(x.route)).map((x) => `${x.vendor} ${x.route} ${x.status}`);
                assert.ok(writes.every((w) => / (40\d|409|422)$/.test(w)), `only refused creates were sent: ${writes}`);
            });

            it("with adopt, up converges", async () => {
                const args = Object.fromEntries(Object.entries(declared).map(([k, d]) => [k, { type: d.type, args: { ...d.args, adopt: true } }]));
                stack.declare(args);
                await stack.up();
                assert.deepStrictEqual(await vendorKeys(admin), expectedKeys(declared));
            });
        }

        it("destroy leaves nothing at any vendor", async () => {
            await stack.destroy();
            assert.deepStrictEqual(await vendorKeys(admin), expectedKeys({}));
        });
    });
}
