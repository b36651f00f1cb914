/**
 * Two stacks never take each other's objects (issue 19), on the real engine, across the five vendors: two CI jobs on
 * two machines (each its own PULUMI_HOME and backend) declare the same fleet with the same program and secrets, and —
 * to show the create journal is scoped — share one journal folder (`telephony:journalDir`), as a shared runner could.
 * The second `up` takes over nothing (equality at the vendor is no record of its own: every create says "already
 * exists" and points at `adopt`, Chime's user that already shows the declared number too), its `destroy` leaves every
 * object of the first in place, and the first previews empty after a refresh.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { RESOURCES } from "../provider/registry";
import { SandboxAdmin, TestStack, useSandboxStack } from "./harness";
import { FAULT_RESOURCES, seedVendors } from "./fault-resources";

describe("two stacks with the same program and secrets, one journal folder: the second takes over nothing", function () {
    this.timeout(600_000);
    let admin: SandboxAdmin;
    let first: TestStack;
    let second: TestStack;
    const journalDir = fs.mkdtempSync(path.join(os.tmpdir(), "shared-journal-"));
    const fleet = Object.fromEntries(FAULT_RESOURCES.map((spec) => [`${spec.prefix}0`, { type: spec.type, args: spec.make(0) }]));
    const t = useSandboxStack({});

    /** Everything the vendors hold, as the sandbox stores it (each object's own fields: who holds which number, too). */
    async function estate(): Promise<string> {
        const parts = await Promise.all(FAULT_RESOURCES.map(async (spec) => JSON.stringify((await spec.live(admin)).map((o) => ({ ...o })).sort((a, b) => (spec.key(a) < spec.key(b) ? -1 : 1)))));
        return parts.join("\n");
    }

    before(async () => {
        admin = t.admin;
        await seedVendors(admin);
        // The same project and stack name on two backends: only the backend tells the stacks apart.
        first = await t.newStack("fleet");
        second = await t.newStack("fleet");
        for (const s of [first, second]) {
            await s.setConfig("telephony:journalDir", journalDir);
            s.declare(fleet);
        }
    });
    after(() => fs.rmSync(journalDir, { recursive: true, force: true }));

    it("the first stack creates the fleet; its create journal entries are still live in the shared folder", async () => {
        await first.up();
        const journal = fs.readFileSync(path.join(journalDir, "create-journal.jsonl"), "utf8").split("\n").filter(Boolean);
        assert.strictEqual(journal.filter((l) => "sent" in JSON.parse(l)).length, FAULT_RESOURCES.length, "one entry per create, none answered yet");
    });

    it("the second stack's up fails for every resource with 'already exists', naming the missing record, and changes nothing", async () => {
        const before = await estate();
        await admin.resetRequests();
        const r = await second.run(["up", "--yes", "--skip-preview", "--non-interactive", "--suppress-progress", "--continue-on-error"]);
        const text = `${r.stdout}\n${r.stderr}`;
        assert.notStrictEqual(r.code, 0);
        for (const { kind } of RESOURCES) {
            assert.match(text, new RegExp(`${kind}[^\\n]* already exists at the vendor, and this stack has no record of creating it[^\\n]*Set \`adopt: true\``), `${kind}:\n${text}`);
        }
        const state = JSON.parse(await second.exportText());
        assert.deepStrictEqual(state.deployment.resources.filter((x: { type: string }) => x.type.startsWith("pulumi-nodejs:dynamic/")), [], "nothing taken over");
        assert.strictEqual(await estate(), before, "every object as the first stack left it");
        const writes = (await admin.requests()).log.filter((x) => x.method !== "GET" && !/Login/.test(x.route));
        assert.ok(writes.every((w) => w.status >= 400), `only refused creates: ${writes.map((w) => `${w.route} ${w.status}`)}`);
    });

    it("the second stack's destroy leaves every object of the first in place", async () => {
        const before = await estate();
        await second.destroy();
        assert.strictEqual(await estate(), before);
    });

    it("the first stack refreshes without drift and previews empty", async () => {
        const refresh = await first.refresh(["--expect-no-changes"]);
        assert.strictEqual(refresh.code, 0, `refresh found changes:\n${refresh.stdout}\n${refresh.stderr}`);
        const plan = await first.preview(["--expect-no-changes"]);
        assert.strictEqual(plan.code, 0, `the plan is not empty:\n${plan.stdout}`);
        await first.destroy();
        for (const spec of FAULT_RESOURCES) assert.deepStrictEqual(await spec.live(admin), [], `${spec.type}: left behind`);
    });
});
