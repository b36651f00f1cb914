import * as assert from "assert";
import * as fs from "fs";
import * as http from "http";
import { AddressInfo } from "net";
import * as os from "os";
import * as path from "path";
import { Sandbox, startSandbox } from "../../../sandbox";
import { IPPANEL_MAX_PER_PAGE, IPPANEL_NUMBERS, IPPANEL_USERS } from "../../../sandbox/ippanel";
import { SandboxAdmin } from "../../../test/harness";
import { ManualClock, until } from "../../../test/clock";
import { ContextOptions } from "../../core/context";
import { AlreadyExistsError, AuthError, InvalidRequestError, NotFoundError, VendorError } from "../../core/errors";
import { CreateJournal } from "../../core/journal";
import { Reconciler } from "../../core/reconciler";
import { SCOPE_INPUT } from "../../core/scope";
import { Settings } from "../../core/settings";
import { policyOf } from "../../core/policy";
import { createContext } from "../../runtime";
import { ippanelClient, meaningOf } from "../client";
import { numberAssignmentAdapter } from "./adapter";
import { assignNumber, listNumbers, unassignNumber } from "./api";

const userId = (u: string) => IPPANEL_USERS.find((x) => x.username === u)!.id;
/** A stack scope for the reconciler calls made without an engine (core/scope.ts). */
const SCOPE = "s1:1a2b3c4d5e6f70819a2b3c4d5e6f7081";
/** A create journal of this test run's own, so no run sees another's entries. */
const journalDir = fs.mkdtempSync(path.join(os.tmpdir(), "ippanel-journal-"));
/** Settings as `configure` would deliver them, with no environment variables. */
const settingsFor = (baseUrl: string, apiKey: string) => {
    const cfg: Record<string, string> = { "telephony:ippanelBaseUrl": baseUrl, "telephony:ippanelApiKey": apiKey, "telephony:journalDir": journalDir };
    return new Settings({ get: (k) => cfg[k] }, {});
};
/** A context (a configuration of its own) on those settings. */
const contextFor = (baseUrl: string, apiKey: string, opts: Omit<ContextOptions, "settings" | "rateKeys"> = {}) => createContext({ settings: settingsFor(baseUrl, apiKey), ...opts });

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
        await assert.rejects(listNumbers(ippanelClient(contextFor(base, wrong)), 1, 10), (e: Error) => {
            assert.ok(e instanceof AuthError, String(e));
            assert.match(e.message, /^IPPanel List Numbers \(GET \/api\/number\/numbers\) failed with HTTP 401/);
            assert.ok(e.message.includes('code 400-1 "اطلاعات وارد شده صحیح نمی باشد" (meaning: the entered information is incorrect)'), e.message);
            assert.match(e.message, /check telephony:ippanelApiKey \(IPPANEL_API_KEY\)/);
            assert.ok(!e.message.includes(wrong));
            return true;
        });
    });

    it("the sandbox answers missing fields with the seed's 422 envelope, which names every field", async () => {
        const c = ippanelClient(contextFor(base, API_KEY));
        await assert.rejects(assignNumber(c, { send: true, gets: true }), (e: Error) => {
            assert.ok(e instanceof InvalidRequestError, String(e));
            assert.ok(e.message.includes('HTTP 422. vendor said: code 400-2 "تکمیل گزینه number id الزامی است (و 3 خطای دیگر)"'), e.message);
            assert.ok(e.message.includes("(meaning: field number id is required (and 3 more errors))"), e.message);
            for (const f of ["number_id", "target_user_id", "number", "target_user"]) assert.ok(e.message.includes(`${f}: تکمیل گزینه`), `${f} in ${e.message}`);
            return true;
        });
    });

    it("read pages through the numbers list and finds a number on page 2", async () => {
        const c = ippanelClient(contextFor(base, API_KEY));
        await admin.resetRequests();
        const live = await numberAssignmentAdapter.read(c, "+989121000149/testuser", { number: "+989121000149", targetUser: "testuser" });
        assert.deepStrictEqual([live?.listed.id, live?.by], [1149, "number"]);
        const log = (await admin.requests()).log.filter((r) => r.vendor === "ippanel").map((r) => r.path.replace(/^.*\?/, ""));
        assert.deepStrictEqual(log, ["page=1&per_page=100", "page=2&per_page=100"]);
        assert.strictEqual(await numberAssignmentAdapter.read(c, "x", { numberId: 99999, targetUser: "testuser" }), undefined, "an unknown number reads as gone");
    });

    it("a number past the first page (the list has no paging keys) is found by create, read back, and unassigned by delete", async () => {
        const far = "+989121000149";
        const numbers = await admin.objects("ippanel", "numbers");
        assert.ok(numbers.findIndex((n) => n.number === far) >= IPPANEL_MAX_PER_PAGE, "the number is not on page 1");
        const r = new Reconciler(numberAssignmentAdapter, contextFor(base, API_KEY));
        const pages = async () => (await admin.requests()).log.filter((x) => x.route === "ListNumbers").map((x) => new URL(x.path, "http://x").searchParams.get("page"));
        await admin.resetRequests();
        const created = await r.create({ number: far, targetUser: "seconduser", send: true, gets: false });
        assert.deepStrictEqual(await pages(), ["1", "2"], "create's lookup paged on");
        const rows = () => admin.objects("ippanel", "assignments").then((all) => all.filter((a) => a.number_id === 1149).map((a) => [a.user_id, a.send, a.gets]));
        assert.deepStrictEqual(await rows(), [[userId("seconduser"), true, false]]);
        await admin.resetRequests();
        const read = await r.read(created.id, created.outs);
        assert.strictEqual(read.id, created.id, "read finds it on page 2: not taken as gone");
        assert.deepStrictEqual(await pages(), ["1", "2"]);
        await r.delete(created.id, created.outs);
        assert.deepStrictEqual(await rows(), []);
    });

    it("reads that run together share the listing: 20 reads of numbers on page 2 cost 2 List Numbers requests, not 40", async () => {
        const context = contextFor(base, API_KEY);
        const c = () => ippanelClient(context); // a client per operation, as the reconciler makes them
        await admin.resetRequests();
        const ids = Array.from({ length: 20 }, (_, i) => 1130 + i);
        const live = await Promise.all(ids.map((id) => numberAssignmentAdapter.read(c(), `${id}/testuser`, { numberId: id, targetUser: "testuser" })));
        assert.deepStrictEqual(live.map((l) => l?.listed.id), ids);
        const pages = (await admin.requests()).log.filter((r) => r.vendor === "ippanel").map((r) => new URL(r.path, "http://x").searchParams.get("page"));
        assert.deepStrictEqual(pages, ["1", "2"]);
    });

    it("a listing is shared only between clients of the same account, and a failed page is not shared afterwards", async () => {
        await admin.resetRequests();
        // Another account is another configuration: a context of its own, whose listing the first never sees.
        const other = ippanelClient(contextFor(base, "another-account-key"));
        await assert.rejects(numberAssignmentAdapter.read(other, "10/testuser", { numberId: 10, targetUser: "testuser" }), AuthError);
        const live = await numberAssignmentAdapter.read(ippanelClient(contextFor(base, API_KEY)), "10/testuser", { numberId: 10, targetUser: "testuser" });
        assert.strictEqual(live?.listed.id, 10);
        await assert.rejects(numberAssignmentAdapter.read(other, "10/testuser", { numberId: 10, targetUser: "testuser" }), AuthError, "the refused page was not kept, nor the other account's used");
        const statuses = (await admin.requests()).log.filter((r) => r.vendor === "ippanel").map((r) => r.status);
        assert.deepStrictEqual(statuses, [401, 200, 401]);
    });

    it("an assign whose answer was lost is resent, and its 'already assigned' is taken as our own once unassigning shows the declared user holds it", async () => {
        // The first assign is carried out and its answer never sent: the client times out not knowing the outcome.
        await admin.faultRule({ vendor: "ippanel", method: "POST", route: "AssignNumber", fault: "timeout-after-commit" });
        const clock = new ManualClock(Date.now());
        const r = new Reconciler(numberAssignmentAdapter, contextFor(base, API_KEY, { policy: { ...policyOf(settingsFor(base, API_KEY)), requestTimeoutMs: 400 }, clock }));
        await admin.resetRequests();
        const creating = r.create({ number: "+9850001234", targetUser: "seconduser", send: false, gets: false, [SCOPE_INPUT]: SCOPE });
        // The assign is carried out and held unanswered; then its 400 ms pass on the provider's clock.
        await until(() => sb.log.some((x) => x.fault === "timeout-after-commit") && clock.pendingTimers > 0);
        clock.advance(400);
        const created = await creating;
        assert.deepStrictEqual((await admin.faults()).rules, [], "the rule fired");
        // The first assign committed (200) and its answer was lost; the resend is answered "already assigned", which does
        // not say to whom: unassigning from the declared user succeeds (it holds the number), and the assign is sent again.
        const seen = (await admin.requests()).log.filter((x) => x.vendor === "ippanel").map((x) => `${x.method} ${x.route} ${x.status}${x.fault ? ` (${x.fault})` : ""}`);
        assert.deepStrictEqual(seen, [
            "GET ListNumbers 200",
            "POST AssignNumber 200 (timeout-after-commit)",
            "GET ListNumbers 200",
            "POST AssignNumber 400",
            "GET ListNumbers 200",
            "POST UnassignNumber 200",
            "GET ListNumbers 200",
            "POST AssignNumber 200",
        ]);
        assert.strictEqual(created.id, "+9850001234/seconduser");
        assert.deepStrictEqual(created.outs, { number: "+9850001234", targetUser: "seconduser", send: false, gets: false, resolvedNumber: "+9850001234", resolvedNumberId: 12, [SCOPE_INPUT]: SCOPE });
        const rows = (await admin.objects("ippanel", "assignments")).filter((a) => a.number_id === 12);
        assert.deepStrictEqual(rows.map((a) => a.user_id), [124], "exactly one assignment");
        // Without a record of ours (another machine, no journal, no pending create): "already assigned" is another's.
        await r.delete(created.id, created.outs);
        await admin.seed("ippanel", "assignments", { id: 950, number_id: 12, user_id: 124, send: true, gets: false });
        await admin.resetRequests();
        const e = await new Reconciler(numberAssignmentAdapter, contextFor(base, API_KEY)).create({ numberId: 12, targetUserId: 124, send: true, gets: false, [SCOPE_INPUT]: SCOPE }).catch((x) => x);
        assert.ok(e instanceof AlreadyExistsError && /no record of creating it/.test(e.message), String(e));
        const writes = (await admin.requests()).log.filter((x) => x.vendor === "ippanel" && x.method === "POST").map((x) => `${x.route} ${x.status}`);
        assert.deepStrictEqual(writes, ["AssignNumber 400"], "never unassigned to prove anything");
        // And unassigning twice: the second is "number not assigned to user", which delete takes as done.
        await r.delete("12/124", { numberId: 12, targetUserId: 124 });
        await r.delete("12/124", { numberId: 12, targetUserId: 124 });
        assert.deepStrictEqual((await admin.objects("ippanel", "assignments")).filter((a) => a.number_id === 12), []);
    });

    it("moving a number to another user is refused while it is held (so replacement must unassign first)", async () => {
        const c = ippanelClient(contextFor(base, API_KEY));
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

describe("IPPanel: an \"already assigned\" that unassigning cannot prove ours stays a conflict, even with this stack's record", () => {
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
        const r = new Reconciler(numberAssignmentAdapter, contextFor(url, "scripted-server-accepts-any-key"));
        const declared = { number: "+983000505", targetUser: "testuser", send: true, gets: true };
        // This stack's record of an assign it sent (recover wrote it from a pending create).
        CreateJournal.at(journalDir).record(r.journalKey(declared, SCOPE)!, { at: new Date().toISOString(), from: "pending create" });
        await assert.rejects(r.create({ ...declared, [SCOPE_INPUT]: SCOPE }), (e: Error) => {
            assert.ok(e instanceof AlreadyExistsError, String(e));
            assert.match(e.message, /the vendor shows it is not the object that create made: the create was refused again after the check had removed the object\. Set `adopt: true`/);
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
                const c = ippanelClient(contextFor(vendor.url, KEY));
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
            await unassignNumber(ippanelClient(contextFor(vendor.url, KEY)), { number_id: 10, target_user_id: 123 });
        } finally {
            await vendor.close();
        }
        assert.strictEqual(meaningOf("انجام شد"), "done");
        assert.strictEqual(meaningOf("اطلاعات وارد شده صحیح نمی\u200cباشد"), "the entered information is incorrect");
        assert.strictEqual(meaningOf("number already assigned to user"), undefined, "English needs no meaning");
    });
});
