import * as assert from "assert";
import { Sandbox } from "../../../sandbox";
import { IPPANEL_NUMBERS, IPPANEL_USERS } from "../../../sandbox/ippanel";
import { SandboxAdmin, TestStack, useSandboxStack } from "../../../test/harness";

const numberId = (n: string) => IPPANEL_NUMBERS.find((x) => x.number === n)!.id;
const userId = (u: string) => IPPANEL_USERS.find((x) => x.username === u)!.id;
const config = (sb: Sandbox, apiKey: string) => ({
    "telephony:ippanelBaseUrl": { value: `${sb.vendorUrl("ippanel")}/v1` },
    "telephony:ippanelApiKey": { value: apiKey, secret: true },
});

describe("NumberAssignment on the real engine: IPPanel specifics", function () {
    this.timeout(300_000);
    const API_KEY = `ippanel-api-key-${"Hq7Vw2Xs".repeat(4)}`;
    let admin: SandboxAdmin;
    let stack: TestStack;
    const held = { type: "NumberAssignment", args: { numberId: 11, targetUserId: 124, send: true, gets: true } };
    const fresh = { type: "NumberAssignment", args: { number: "+983000505", targetUser: "testuser", send: false, gets: true } };
    const requests = async () => (await admin.requests()).log.filter((r) => r.vendor === "ippanel");
    const routes = async () => (await requests()).map((r) => `${r.method} ${r.route} ${r.status}`);

    useSandboxStack({ sandbox: { credentials: { ippanel: { apiKey: API_KEY } } }, stack: "ippanel-focus", config: (s) => config(s, API_KEY) }, (t) => ({ admin, stack } = t));

    it("bad input fails at preview naming each property and rule, with zero vendor requests", async () => {
        stack.declare({ bad: { type: "NumberAssignment", args: { number: "+0 912345", numberId: 10, send: "yes", gets: true } } });
        await admin.resetRequests();
        const r = await stack.preview();
        const out = r.stdout + r.stderr;
        assert.notStrictEqual(r.code, 0, out);
        assert.match(out, /number must be a phone number with an existing country calling code and at most 15 digits \(E\.164\): \+091… starts with no country calling code that exists; got "\+0 912345"/);
        assert.match(out, /number and numberId are both set; give exactly one \(rule: exactly one of number, numberId\)/);
        assert.match(out, /one of targetUser or targetUserId is required \(rule: exactly one of targetUser, targetUserId\)/);
        assert.match(out, /send must be a boolean; got "yes"/);
        assert.deepStrictEqual(await requests(), []);
    });

    it("an existing assignment to the declared user: with `adopt` taken over as is; without, 'already exists' — equality at the vendor is no record of ours", async () => {
        await admin.seed("ippanel", "assignments", { id: 900, number_id: 11, user_id: 124, send: true, gets: true });
        stack.declare({ held: { ...held, args: { ...held.args, adopt: true } } });
        await admin.resetRequests();
        await stack.up();
        const mine = (await admin.objects("ippanel", "assignments")).filter((a) => a.number_id === 11);
        assert.deepStrictEqual(mine.map((a) => [a.id, a.user_id]), [[900, 124]], "taken over, not re-created");
        // Lookup, the refused assign, then the lookup `alreadyExists` does; never an unassign.
        assert.deepStrictEqual(await routes(), ["GET ListNumbers 200", "POST AssignNumber 400", "GET ListNumbers 200"]);
        const outputs = await stack.outputs();
        assert.strictEqual(outputs.held.resolvedNumber, "+983000506");
        assert.strictEqual(outputs.held.resolvedNumberId, 11);
        assert.strictEqual(outputs.held.id, "11/124");
        assert.strictEqual((await stack.preview(["--expect-no-changes"])).code, 0);

        // Without adopt, and with no record of this stack's (no lost answer, journal entry or pending create):
        // "number already assigned to user" fails pointing at adopt — the number is not unassigned to prove anything,
        // and nothing is written but the refused assign.
        await admin.seed("ippanel", "assignments", { id: 901, number_id: 12, user_id: 123, send: false, gets: false });
        const theirs = { type: "NumberAssignment", args: { numberId: 12, targetUserId: 123, send: true, gets: true } };
        stack.declare({ held: { ...held, args: { ...held.args, adopt: true } }, theirs });
        await admin.resetRequests();
        const refused = await stack.run(["up", "--yes", "--skip-preview", "--non-interactive", "--suppress-progress"]);
        assert.notStrictEqual(refused.code, 0);
        assert.match(refused.stdout + refused.stderr, /"number already assigned to user"\. ippanel:NumberAssignment already exists at the vendor, and this stack has no record of creating it[^\n]*Set `adopt: true`/);
        assert.deepStrictEqual(await routes(), ["GET ListNumbers 200", "POST AssignNumber 400"]);
        assert.deepStrictEqual(
            (await admin.objects("ippanel", "assignments")).filter((a) => a.number_id === 12).map((a) => [a.id, a.user_id, a.send, a.gets]),
            [[901, 123, false, false]],
            "untouched",
        );
        stack.declare({ held: { ...held, args: { ...held.args, adopt: true } } });
        assert.strictEqual((await stack.preview(["--expect-no-changes"])).code, 0);
        await admin.remove("ippanel", "assignments", "901");
    });

    it("requests per step; a number deleted at the vendor is gone on refresh; an assignment already removed is success on destroy", async () => {
        stack.declare({ held: { ...held, args: { ...held.args, adopt: true } }, fresh });
        await admin.resetRequests();
        await stack.up();
        assert.deepStrictEqual(await routes(), ["GET ListNumbers 200", "POST AssignNumber 200"], "create = one lookup + one assign");

        await admin.resetRequests();
        assert.strictEqual((await stack.preview(["--expect-no-changes"])).code, 0);
        assert.deepStrictEqual(await routes(), [], "a no-op preview asks the vendor nothing");

        await admin.resetRequests();
        assert.strictEqual((await stack.refresh(["--preview-only", "--expect-no-changes"])).code, 0);
        assert.deepStrictEqual(await routes(), ["GET ListNumbers 200"], "refresh = one listing, shared by both assignments' reads");

        // A flag change keeps number and user: a replacement that must unassign first ("already assigned" otherwise).
        stack.declare({ held: { ...held, args: { ...held.args, adopt: true } }, fresh: { ...fresh, args: { ...fresh.args, send: true } } });
        await admin.resetRequests();
        await stack.up();
        assert.deepStrictEqual(await routes(), ["POST UnassignNumber 200", "GET ListNumbers 200", "POST AssignNumber 200"], "delete first, then create");
        assert.deepStrictEqual(
            (await admin.objects("ippanel", "assignments")).filter((a) => a.number_id === 10).map((a) => [a.user_id, a.send, a.gets]),
            [[123, true, true]],
        );

        // Behind Pulumi's back: number 11 is deleted from the account; the other assignment is removed.
        await admin.remove("ippanel", "numbers", "11");
        const freshRow = (await admin.objects("ippanel", "assignments")).find((a) => a.number_id === 10)!;
        await admin.remove("ippanel", "assignments", String(freshRow.id));

        const detect = await stack.refresh(["--preview-only", "--expect-no-changes", "--diff"]);
        assert.strictEqual(detect.code, 7, `refresh did not report the deleted number:\n${detect.stdout}\n${detect.stderr}`);
        // Only `held` goes; `fresh` still looks assigned, because ownership drift is not observable.
        assert.match(detect.stdout, /- pulumi-nodejs:dynamic\/ippanel:NumberAssignment: \(delete\)\s+\[id=11\/124\]/, detect.stdout);
        assert.match(detect.stdout, /- 1 to delete\s+2 unchanged/, detect.stdout);
        assert.strictEqual((await stack.refresh()).code, 0);
        const urns = JSON.parse(await stack.exportText()).deployment.resources.map((r: { urn: string }) => r.urn);
        assert.ok(!urns.some((u: string) => u.endsWith("::held")), "held left the state");
        assert.ok(urns.some((u: string) => u.endsWith("::fresh")));

        await admin.resetRequests();
        await stack.destroy();
        assert.deepStrictEqual(await routes(), ["POST UnassignNumber 400"], "'number not assigned to user' is success for destroy");
        assert.ok(!JSON.stringify(await stack.exportText()).includes(API_KEY));
    });
});
