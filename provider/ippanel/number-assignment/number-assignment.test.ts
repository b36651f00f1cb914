import * as assert from "assert";
import * as fs from "fs";
import * as http from "http";
import { AddressInfo } from "net";
import * as os from "os";
import * as path from "path";
import { DEFAULT_CREDENTIALS, Sandbox, startSandbox } from "../../../sandbox";
import { IPPANEL_BULK_NUMBERS, IPPANEL_MAX_PER_PAGE, IPPANEL_NUMBERS, IPPANEL_USERS } from "../../../sandbox/ippanel";
import { SandboxAdmin, TestStack, useSandboxStack } from "../../../test/harness";
import { describeLifecycle } from "../../../test/lifecycle";
import { numberAssignment } from "./descriptor";
import { AlreadyExistsError, AuthError, InvalidRequestError, NotFoundError, VendorError } from "../../core/errors";
import { Reconciler } from "../../core/reconciler";
import { Settings } from "../../core/settings";
import { policyOf } from "../../core/policy";
import { ippanelClient, meaningOf } from "../client";
import { numberAssignmentAdapter } from "./adapter";
import { assignNumber, listNumbers, unassignNumber } from "./api";

const userId = (u: string) => IPPANEL_USERS.find((x) => x.username === u)!.id;
const config = (sb: Sandbox, apiKey: string) => ({
    "telephony:ippanelBaseUrl": { value: `${sb.vendorUrl("ippanel")}/v1` },
    "telephony:ippanelApiKey": { value: apiKey, secret: true },
});
/** Settings as `configure` would deliver them, with no environment variables. */
/** A create journal of this test run's own, so no run sees another's entries. */
const journalDir = fs.mkdtempSync(path.join(os.tmpdir(), "ippanel-journal-"));
const settingsFor = (baseUrl: string, apiKey: string) => {
    const cfg: Record<string, string> = { "telephony:ippanelBaseUrl": baseUrl, "telephony:ippanelApiKey": apiKey, "telephony:journalDir": journalDir };
    return new Settings({ get: (k) => cfg[k] }, {});
};

// The lifecycle every resource passes, as this folder's spec.ts describes it.
describeLifecycle(numberAssignment);

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
        stack.declare({ bad: { type: "NumberAssignment", args: { number: "09123456789", numberId: 10, send: "yes", gets: true } } });
        await admin.resetRequests();
        const r = await stack.preview();
        const out = r.stdout + r.stderr;
        assert.notStrictEqual(r.code, 0, out);
        assert.match(out, /number must be an E\.164 number: \+ then 2 to 15 digits, no leading zero; got "09123456789"/);
        assert.match(out, /number and numberId are both set; give exactly one \(rule: exactly one of number, numberId\)/);
        assert.match(out, /one of targetUser or targetUserId is required \(rule: exactly one of targetUser, targetUserId\)/);
        assert.match(out, /send must be a boolean; got "yes"/);
        assert.deepStrictEqual(await requests(), []);
    });

    it("an existing assignment to the declared user: with `adopt` taken over as is; without, proven by unassigning it and assigned again as declared", async () => {
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

        // Without adopt (no journal entry either): "number already assigned to user" does not say to whom, so the
        // library unassigns the number from the declared user — IPPanel allows that only to its holder — and assigns
        // it again with the declared flags. One assignment, as declared; no error, no adopt.
        await admin.seed("ippanel", "assignments", { id: 901, number_id: 12, user_id: 123, send: false, gets: false });
        const proven = { type: "NumberAssignment", args: { numberId: 12, targetUserId: 123, send: true, gets: true } };
        stack.declare({ held: { ...held, args: { ...held.args, adopt: true } }, proven });
        await admin.resetRequests();
        await stack.up();
        assert.deepStrictEqual(await routes(), ["GET ListNumbers 200", "POST AssignNumber 400", "POST UnassignNumber 200", "GET ListNumbers 200", "POST AssignNumber 200"]);
        assert.deepStrictEqual(
            (await admin.objects("ippanel", "assignments")).filter((a) => a.number_id === 12).map((a) => [a.user_id, a.send, a.gets]),
            [[123, true, true]],
        );
        assert.strictEqual((await stack.preview(["--expect-no-changes"])).code, 0);
        stack.declare({ held: { ...held, args: { ...held.args, adopt: true } } });
        await stack.up();
        assert.deepStrictEqual((await admin.objects("ippanel", "assignments")).filter((a) => a.number_id === 12), []);
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

describe("NumberAssignment on the real engine: a number past the first page of the documented list", function () {
    this.timeout(300_000);
    let admin: SandboxAdmin;
    let stack: TestStack;
    useSandboxStack({ stack: "ippanel-page2", config: (s) => config(s, DEFAULT_CREDENTIALS.ippanel.apiKey) }, (t) => ({ admin, stack } = t));

    it("is found on page 2 (the list has no paging keys) and assigned; refresh finds it there too; destroy unassigns it", async () => {
        const last = IPPANEL_BULK_NUMBERS[IPPANEL_BULK_NUMBERS.length - 1];
        const all = await admin.objects("ippanel", "numbers");
        assert.ok(all.findIndex((n) => n.number === last.number) >= IPPANEL_MAX_PER_PAGE, "the number is not on page 1");
        stack.declare({ far: { type: "NumberAssignment", args: { number: last.number, targetUser: "seconduser", send: true, gets: false } } });
        await admin.resetRequests();
        await stack.up();
        const lists = (await admin.requests()).log.filter((r) => r.route === "ListNumbers");
        assert.deepStrictEqual(lists.map((r) => new URL(r.path, "http://x").searchParams.get("page")), ["1", "2"]);
        const held = (await admin.objects("ippanel", "assignments")).filter((a) => a.number_id === last.id);
        assert.deepStrictEqual(held.map((a) => [a.user_id, a.send, a.gets]), [[userId("seconduser"), true, false]]);
        assert.strictEqual((await stack.refresh(["--preview-only", "--expect-no-changes"])).code, 0, "refresh does not drop it");
        await stack.destroy();
        assert.deepStrictEqual((await admin.objects("ippanel", "assignments")).filter((a) => a.number_id === last.id), []);
    });
});

describe("IPPanel client and reconciler against the sandbox", function () {
    this.timeout(60_000);
    const API_KEY = `ippanel-api-key-${"Nc4Lr8Tb".repeat(4)}`;
    let sb: Sandbox;
    let admin: SandboxAdmin;
    let base: string;
    let dir: string;

    before(async () => {
        // 150 extra numbers, so the list has two pages of 100 and the last number sits on page 2.
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "ippanel-sandbox-"));
        const extra = Array.from({ length: 150 }, (_, i) => ({ id: 1000 + i, number: `+98912${String(1000000 + i)}`, operator_id: 3, alias: null, gets: true, is_66_char: false }));
        fs.writeFileSync(path.join(dir, "state.json"), JSON.stringify({ ippanel: { numbers: [...IPPANEL_NUMBERS, ...extra] } }));
        sb = await startSandbox({ credentials: { ippanel: { apiKey: API_KEY } }, stateFile: path.join(dir, "state.json") });
        admin = new SandboxAdmin(sb.url);
        base = `${sb.vendorUrl("ippanel")}/v1`;
    });
    after(async () => {
        await sb?.close();
        fs.rmSync(dir, { recursive: true, force: true });
    });

    it("a wrong API key fails with 401, code 400-1, the Persian text and its meaning, pointing at telephony:ippanelApiKey — key masked", async () => {
        const wrong = `wrong-ippanel-key-${"Pz3Kd7Qe".repeat(3)}`;
        await assert.rejects(listNumbers(ippanelClient(settingsFor(base, wrong)), 1, 10), (e: Error) => {
            assert.ok(e instanceof AuthError, String(e));
            assert.match(e.message, /^IPPanel List Numbers \(GET \/api\/number\/numbers\) failed with HTTP 401/);
            assert.ok(e.message.includes('code 400-1 "اطلاعات وارد شده صحیح نمی باشد" (meaning: the entered information is incorrect)'), e.message);
            assert.match(e.message, /check telephony:ippanelApiKey \(IPPANEL_API_KEY\)/);
            assert.ok(!e.message.includes(wrong));
            return true;
        });
    });

    it("the sandbox answers missing fields with the seed's 422 envelope, which names every field", async () => {
        const c = ippanelClient(settingsFor(base, API_KEY));
        await assert.rejects(assignNumber(c, { send: true, gets: true }), (e: Error) => {
            assert.ok(e instanceof InvalidRequestError, String(e));
            assert.ok(e.message.includes('HTTP 422. vendor said: code 400-2 "تکمیل گزینه number id الزامی است (و 3 خطای دیگر)"'), e.message);
            assert.ok(e.message.includes("(meaning: field number id is required (and 3 more errors))"), e.message);
            for (const f of ["number_id", "target_user_id", "number", "target_user"]) assert.ok(e.message.includes(`${f}: تکمیل گزینه`), `${f} in ${e.message}`);
            return true;
        });
    });

    it("read pages through the numbers list and finds a number on page 2", async () => {
        const c = ippanelClient(settingsFor(base, API_KEY));
        await admin.resetRequests();
        const live = await numberAssignmentAdapter.read(c, "+989121000149/testuser", { number: "+989121000149", targetUser: "testuser" });
        assert.deepStrictEqual([live?.listed.id, live?.by], [1149, "number"]);
        const log = (await admin.requests()).log.filter((r) => r.vendor === "ippanel").map((r) => r.path.replace(/^.*\?/, ""));
        assert.deepStrictEqual(log, ["page=1&per_page=100", "page=2&per_page=100"]);
        assert.strictEqual(await numberAssignmentAdapter.read(c, "x", { numberId: 99999, targetUser: "testuser" }), undefined, "an unknown number reads as gone");
    });

    it("reads that run together share the listing: 20 reads of numbers on page 2 cost 2 List Numbers requests, not 40", async () => {
        const c = () => ippanelClient(settingsFor(base, API_KEY)); // a client per operation, as the reconciler makes them
        await admin.resetRequests();
        const ids = Array.from({ length: 20 }, (_, i) => 1130 + i);
        const live = await Promise.all(ids.map((id) => numberAssignmentAdapter.read(c(), `${id}/testuser`, { numberId: id, targetUser: "testuser" })));
        assert.deepStrictEqual(live.map((l) => l?.listed.id), ids);
        const pages = (await admin.requests()).log.filter((r) => r.vendor === "ippanel").map((r) => new URL(r.path, "http://x").searchParams.get("page"));
        assert.deepStrictEqual(pages, ["1", "2"]);
    });

    it("a listing is shared only between clients of the same account, and a failed page is not shared afterwards", async () => {
        await admin.resetRequests();
        const other = ippanelClient(settingsFor(base, "another-account-key"));
        await assert.rejects(numberAssignmentAdapter.read(other, "10/testuser", { numberId: 10, targetUser: "testuser" }), AuthError);
        const live = await numberAssignmentAdapter.read(ippanelClient(settingsFor(base, API_KEY)), "10/testuser", { numberId: 10, targetUser: "testuser" });
        assert.strictEqual(live?.listed.id, 10);
        await assert.rejects(numberAssignmentAdapter.read(other, "10/testuser", { numberId: 10, targetUser: "testuser" }), AuthError, "the refused page was not kept, nor the other account's used");
        const statuses = (await admin.requests()).log.filter((r) => r.vendor === "ippanel").map((r) => r.status);
        assert.deepStrictEqual(statuses, [401, 200, 401]);
    });

    it("an assign whose answer was lost is resent, and its 'already assigned' is taken as our own", async () => {
        // The first assign is carried out and its answer never sent: the client times out not knowing the outcome.
        await admin.faultRule({ vendor: "ippanel", method: "POST", route: "AssignNumber", fault: "timeout-after-commit" });
        const impatient = { ...numberAssignmentAdapter, client: (s: Settings) => ippanelClient(s, { ...policyOf(s), requestTimeoutMs: 400 }) };
        const r = new Reconciler(impatient, () => settingsFor(base, API_KEY));
        await admin.resetRequests();
        const created = await r.create({ number: "+9850001234", targetUser: "seconduser", send: false, gets: false });
        assert.deepStrictEqual((await admin.faults()).rules, [], "the rule fired");
        // The first assign committed (200) and its answer was lost; the resend is answered "already assigned".
        const seen = (await admin.requests()).log.filter((x) => x.vendor === "ippanel").map((x) => `${x.method} ${x.route} ${x.status}${x.fault ? ` (${x.fault})` : ""}`);
        assert.deepStrictEqual(seen, ["GET ListNumbers 200", "POST AssignNumber 200 (timeout-after-commit)", "GET ListNumbers 200", "POST AssignNumber 400", "GET ListNumbers 200"]);
        assert.strictEqual(created.id, "+9850001234/seconduser");
        assert.deepStrictEqual(created.outs, { number: "+9850001234", targetUser: "seconduser", send: false, gets: false, resolvedNumber: "+9850001234", resolvedNumberId: 12 });
        const rows = (await admin.objects("ippanel", "assignments")).filter((a) => a.number_id === 12);
        assert.deepStrictEqual(rows.map((a) => a.user_id), [124], "exactly one assignment");
        // Without a lost answer (another machine, no journal), "already assigned" is proven ours by unassigning it from
        // the declared user, which only its holder allows; it is then assigned again with the declared flags.
        fs.rmSync(path.join(journalDir, "create-journal.jsonl"), { force: true });
        await admin.resetRequests();
        const again = await new Reconciler(numberAssignmentAdapter, () => settingsFor(base, API_KEY)).create({ numberId: 12, targetUserId: 124, send: true, gets: false });
        assert.strictEqual(again.id, "12/124");
        const writes = (await admin.requests()).log.filter((x) => x.vendor === "ippanel" && x.method === "POST").map((x) => `${x.route} ${x.status}`);
        assert.deepStrictEqual(writes, ["AssignNumber 400", "UnassignNumber 200", "AssignNumber 200"]);
        assert.deepStrictEqual(
            (await admin.objects("ippanel", "assignments")).filter((a) => a.number_id === 12).map((a) => [a.user_id, a.send, a.gets]),
            [[124, true, false]],
            "one assignment, with the declared flags",
        );
        // And unassigning twice: the second is "number not assigned to user", which delete takes as done.
        await r.delete(created.id, created.outs);
        await r.delete(created.id, created.outs);
        assert.deepStrictEqual((await admin.objects("ippanel", "assignments")).filter((a) => a.number_id === 12), []);
    });

    it("moving a number to another user is refused while it is held (so replacement must unassign first)", async () => {
        const c = ippanelClient(settingsFor(base, API_KEY));
        await assignNumber(c, { number_id: 10, target_user: "testuser", send: true, gets: true });
        await assert.rejects(assignNumber(c, { number_id: 10, target_user: "seconduser", send: true, gets: true }), /number already assigned to another user/);
        await unassignNumber(c, { number_id: 10, target_user: "testuser" });
        const dbr = numberAssignmentAdapter.deleteBeforeReplace!;
        const olds = { number: "+983000505", targetUser: "testuser", resolvedNumber: "+983000505", resolvedNumberId: 10 };
        assert.strictEqual(dbr(olds, { number: "+983000505", targetUser: "seconduser" }), true, "same number, new user");
        assert.strictEqual(dbr(olds, { numberId: 10, targetUser: "seconduser" }), true, "same number given by id");
        assert.strictEqual(dbr(olds, { number: "+983000506", targetUser: "testuser" }), false, "another number: create first");
    });
});

/** A loopback server that answers every request with one fixed envelope: IPPanel as documented. */
async function answering(status: number, body: unknown): Promise<{ url: string; close: () => Promise<void> }> {
    const server = http.createServer((_req, res) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(body));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
    return { url, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describe("IPPanel: an \"already assigned\" that unassigning cannot prove ours stays a conflict", () => {
    it("another user holds the number (IPPanel words it the same): unassign says 'not assigned', the resend is refused, the error points at adopt", async () => {
        const seen: string[] = [];
        const server = http.createServer((req, res) => {
            req.resume();
            req.on("end", () => {
                seen.push(`${req.method} ${req.url?.split("?")[0]}`);
                const reply = (status: number, body: unknown) => {
                    res.writeHead(status, { "content-type": "application/json" });
                    res.end(JSON.stringify(body));
                };
                if (req.method === "GET") return reply(200, { data: [{ id: 10, number: "+983000505" }], meta: { status: true, current_page: 1, last_page: 1 } });
                const message = req.url?.endsWith("/unassign") ? "number not assigned to user" : "number already assigned to user";
                reply(400, { data: null, meta: { status: false, message, message_code: "400-1", errors: {} } });
            });
        });
        await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
        const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
        const r = new Reconciler(numberAssignmentAdapter, () => settingsFor(url, "scripted-server-accepts-any-key"));
        await assert.rejects(r.create({ number: "+983000505", targetUser: "testuser", send: true, gets: true }), (e: Error) => {
            assert.ok(e instanceof AlreadyExistsError, String(e));
            assert.match(e.message, /Set `adopt: true`/);
            return true;
        });
        assert.deepStrictEqual(seen.filter((x) => x.startsWith("POST")), ["POST /v1/api/numbers/assign", "POST /v1/api/numbers/unassign", "POST /v1/api/numbers/assign"]);
        await new Promise<void>((res) => server.close(() => res()));
    });
});

describe("IPPanel error envelopes become actionable errors", () => {
    const KEY = `ippanel-api-key-${"Wm5Jt9Fa".repeat(4)}`;
    const meta = (status: boolean, message: string, code: string, errors: Record<string, string[]> = {}) => ({
        data: null,
        meta: { status, message, message_parameters: [], message_code: code, errors },
    });
    const cases: Array<{
        name: string;
        call: "assign" | "unassign";
        status: number;
        body: unknown;
        error: typeof VendorError;
        expect: string[];
    }> = [
        {
            name: "401 invalid or expired token [seed]",
            call: "unassign",
            status: 401,
            body: meta(false, "اطلاعات وارد شده صحیح نمی باشد", "400-1"),
            error: AuthError,
            expect: ["IPPanel Unassign Number (POST /api/numbers/unassign) failed with HTTP 401", "code 400-1", '"اطلاعات وارد شده صحیح نمی باشد"', "(meaning: the entered information is incorrect)", "check telephony:ippanelApiKey"],
        },
        {
            name: "422 invalid request [seed]",
            call: "unassign",
            status: 422,
            body: meta(false, "تکمیل گزینه number id الزامی است (و 1 خطای دیگر)", "400-2", { number_id: ["تکمیل گزینه number id الزامی است"], number: ["تکمیل گزینه number الزامی است"] }),
            error: InvalidRequestError,
            expect: [
                "IPPanel Unassign Number (POST /api/numbers/unassign) failed with HTTP 422",
                "code 400-2",
                '"تکمیل گزینه number id الزامی است (و 1 خطای دیگر)"',
                "(meaning: field number id is required (and 1 more error))",
                "fields: number_id: تکمیل گزینه number id الزامی است (meaning: field number id is required), number: تکمیل گزینه number الزامی است (meaning: field number is required)",
            ],
        },
        {
            name: "400 number not assigned to user [seed]: not-found, so delete succeeds",
            call: "unassign",
            status: 400,
            body: meta(false, "number not assigned to user", "400-1"),
            error: NotFoundError,
            expect: ["IPPanel Unassign Number (POST /api/numbers/unassign) failed with HTTP 400", 'code 400-1 "number not assigned to user"'],
        },
        {
            name: "400 number already assigned to user [D]: already-exists",
            call: "assign",
            status: 400,
            body: meta(false, "number already assigned to user", "400-1"),
            error: AlreadyExistsError,
            expect: ["IPPanel Assign Number (POST /api/numbers/assign) failed with HTTP 400", 'code 400-1 "number already assigned to user"'],
        },
        {
            name: "422 for assign with Persian digits in the count",
            call: "assign",
            status: 422,
            body: meta(false, "تکمیل گزینه send الزامی است (و ۲ خطای دیگر)", "400-2", { send: ["تکمیل گزینه send الزامی است"] }),
            error: InvalidRequestError,
            expect: ["HTTP 422", "code 400-2", "(meaning: field send is required (and 2 more errors))", "fields: send: تکمیل گزینه send الزامی است (meaning: field send is required)"],
        },
    ];

    for (const t of cases) {
        it(t.name, async () => {
            const vendor = await answering(t.status, t.body);
            try {
                const c = ippanelClient(settingsFor(vendor.url, KEY));
                const ref = { number_id: 10, target_user_id: 123 };
                const call = t.call === "assign" ? assignNumber(c, { ...ref, send: true, gets: true }) : unassignNumber(c, ref);
                await assert.rejects(call, (e: Error) => {
                    assert.ok(e instanceof t.error, `${e.constructor.name}: ${e.message}`);
                    for (const s of t.expect) assert.ok(e.message.includes(s), `missing ${JSON.stringify(s)} in:\n${e.message}`);
                    assert.ok(!e.message.includes(KEY));
                    return true;
                });
            } finally {
                await vendor.close();
            }
        });
    }

    it("success `انجام شد` (200-1) is not an error, and every documented phrase has a meaning", async () => {
        const vendor = await answering(200, { data: null, meta: { status: true, message: "انجام شد", message_parameters: [], message_code: "200-1" } });
        try {
            await unassignNumber(ippanelClient(settingsFor(vendor.url, KEY)), { number_id: 10, target_user_id: 123 });
        } finally {
            await vendor.close();
        }
        assert.strictEqual(meaningOf("انجام شد"), "done");
        assert.strictEqual(meaningOf("اطلاعات وارد شده صحیح نمی\u200cباشد"), "the entered information is incorrect");
        assert.strictEqual(meaningOf("number already assigned to user"), undefined, "English needs no meaning");
    });
});
