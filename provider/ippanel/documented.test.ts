/**
 * IPPanel Edge's documented exchanges, with no server. Sources: seed 000_6a44cbf72a6d502c.txt ("Unassign Number",
 * word for word IPPanel's page) and, for assign and the number list, the Edge docs as the reference transcribes
 * them (shared/reference/vendor-apis.md §3 and its audit: https://edge.ippanel.com/v1 base, raw API key).
 */
import * as assert from "assert";
import { NO_RETRIES, assertFieldTypes, assertRequest, documentedContext, exchange } from "../../test/documented";
import { AlreadyExistsError, AuthError, InvalidRequestError, NotFoundError, VendorError } from "../core/errors";
import { Settings } from "../core/settings";
import { ippanelClient } from "./client";
import { numberAssignmentAdapter } from "./number-assignment/adapter";
import { assignNumber, listNumbers, unassignNumber } from "./number-assignment/api";

const SEED = "seed 000_6a44cbf72a6d502c.txt, Unassign Number";
const REF = "shared/reference/vendor-apis.md §3 [D]";
const BASE = "https://edge.ippanel.com/v1";
const KEY = "YOUR_TOKEN_HERE"; // the seed's header value
const client = () => ippanelClient(documentedContext(new Settings({ get: (k) => ({ "telephony:ippanelApiKey": KEY, ...NO_RETRIES })[k] }, {})));
const V = "IPPanel";

const envelope = (status: boolean, message: string, code: string, errors?: Record<string, string[]>) => ({
    data: null,
    meta: { status, message, message_parameters: [], message_code: code, ...(errors ? { errors } : {}) },
});
/** The seed's request body sample. */
const SAMPLE_BODY = { number_id: 10, target_user_id: 123, number: "+983000505", target_user: "testuser" };
const REF_TYPES = { number_id: "number", target_user_id: "number", number: "string", target_user: "string", send: "boolean", gets: "boolean" };
/** A number as the documented list shows it: `{id, number, operator_id, alias, gets, is_66_char}` [D]. */
const listed = (id: number) => ({ id, number: `+98300070${String(id).padStart(3, "0")}`, operator_id: 1, alias: null, gets: true, is_66_char: false });

describe("IPPanel documented exchanges (no server)", () => {
    it(`Unassign Number [${SEED}]: the request sample's method, URL, raw Authorization and body; the success sample`, async () => {
        const r = await exchange(V, [{ source: `${SEED}, Success Response`, status: 200, body: envelope(true, "انجام شد", "200-1") }], () => unassignNumber(client(), SAMPLE_BODY));
        assertRequest(r.sent[0], "POST", `${BASE}/api/numbers/unassign`, { authorization: KEY, "content-type": "application/json" });
        assert.deepStrictEqual(r.sent[0].body, SAMPLE_BODY);
        assertFieldTypes(r.sent[0].body, REF_TYPES);
        assert.strictEqual(r.error, undefined);
    });

    it(`Unassign Number [${SEED}]: the 401, 422 and 400 samples become typed errors with the Persian text, its meaning and the fields`, async () => {
        const cases: Array<[string, number, unknown, Function, RegExp[]]> = [
            ["Invalid or Expired Token (401)", 401, envelope(false, "اطلاعات وارد شده صحیح نمی باشد", "400-1", {}), AuthError, [/HTTP 401\. vendor said: code 400-1 "اطلاعات وارد شده صحیح نمی باشد" \(meaning: the entered information is incorrect\)/, /without `Bearer`/]],
            [
                "Invalid Request (422)",
                422,
                envelope(false, "تکمیل گزینه number id الزامی است (و 1 خطای دیگر)", "400-2", { number_id: ["تکمیل گزینه number id الزامی است"], number: ["تکمیل گزینه number الزامی است"] }),
                InvalidRequestError,
                [/code 400-2 .*\(meaning: field number id is required \(and 1 more error\)\)/, /number_id: تکمیل گزینه number id الزامی است \(meaning: field number id is required\)/, /number: تکمیل گزینه number الزامی است \(meaning: field number is required\)/],
            ],
            ["Invalid Request (400)", 400, envelope(false, "number not assigned to user", "400-1", {}), NotFoundError, [/HTTP 400\. vendor said: code 400-1 "number not assigned to user"/]],
        ];
        for (const [tab, status, body, type, messages] of cases) {
            const e = await exchange(V, [{ source: `${SEED}, Error Response — ${tab}`, status, body }], () => unassignNumber(client(), SAMPLE_BODY));
            assert.ok(e.error instanceof type, `${tab}: ${e.error}`);
            for (const m of messages) assert.match((e.error as Error).message, m);
        }
    });

    it(`Assign Number [${REF}]: POST /api/numbers/assign with send and gets booleans; "number already assigned to user" is already-exists`, async () => {
        const body = { ...SAMPLE_BODY, send: true, gets: false };
        const r = await exchange(V, [{ source: `${REF}, assign answers like unassign's success sample [I]`, status: 200, body: envelope(true, "انجام شد", "200-1") }], () => assignNumber(client(), body));
        assertRequest(r.sent[0], "POST", `${BASE}/api/numbers/assign`, { authorization: KEY, "content-type": "application/json" });
        assertFieldTypes(r.sent[0].body, REF_TYPES);
        assert.deepStrictEqual(r.sent[0].body, body);
        const e = await exchange(V, [{ source: `${REF}, 400 "number already assigned to user"`, status: 400, body: envelope(false, "number already assigned to user", "400-1", {}) }], () => assignNumber(client(), body));
        assert.ok(e.error instanceof AlreadyExistsError, String(e.error));
        assert.strictEqual((e.error as VendorError).code, "400-1");
    });

    it(`List Numbers [${REF}; audit: the sample has no paging keys]: GET /api/number/numbers?page=&per_page=; a sample page parses, and no paging key is needed`, async () => {
        const r = await exchange(V, [{ source: `${REF}, list sample`, status: 200, body: { data: [listed(10)], meta: { status: true, message: "انجام شد", message_parameters: [], message_code: "200-1" } } }], () => listNumbers(client(), 1, 100));
        assertRequest(r.sent[0], "GET", `${BASE}/api/number/numbers?page=1&per_page=100`, { authorization: KEY, accept: "application/json" });
        assert.strictEqual(r.sent[0].body, undefined);
        assert.deepStrictEqual(r.result, { numbers: [listed(10)], lastPage: undefined });
    });

    /**
     * A read with nothing shared from an earlier exchange (each exchange stands for another server): every `client()`
     * is built in a context of its own, whose shared listing starts empty.
     */
    const readUnshared: typeof numberAssignmentAdapter.read = (...args) => numberAssignmentAdapter.read(...args);

    it(`number lookup [${REF}]: with answers shaped like the sample (no paging keys) it pages until a short page, and until an empty one`, async () => {
        const page = (ids: number[]) => ({ source: `${REF}, list sample shape`, status: 200, body: { data: ids.map(listed), meta: { status: true, message: "انجام شد", message_parameters: [], message_code: "200-1" } } });
        const full = Array.from({ length: 100 }, (_, i) => i);
        // On page 2 of 100: found after two requests.
        const found = await exchange(V, [page(full), page([100, 101])], () => readUnshared(client(), "x", { number: "+98300070101", targetUser: "testuser" }));
        assert.deepStrictEqual(found.sent.map((s) => s.url.search), ["?page=1&per_page=100", "?page=2&per_page=100"]);
        assert.strictEqual(found.result?.listed.id, 101);
        // Absent: page 2 is short, so it is the last.
        const absent = await exchange(V, [page(full), page([100, 101])], () => readUnshared(client(), "x", { number: "+98399999999", targetUser: "testuser" }));
        assert.strictEqual(absent.sent.length, 2);
        assert.strictEqual(absent.result, undefined);
        // A server that caps pages below the size asked (50 of 100) is paged on until an empty page [I].
        const capped = await exchange(V, [page(full.slice(0, 50)), page(full.slice(50)), page([])], () => readUnshared(client(), "x", { numberId: 99, targetUser: "testuser" }));
        assert.strictEqual(capped.result?.listed.id, 99);
        const cappedAbsent = await exchange(V, [page(full.slice(0, 50)), page(full.slice(50)), page([])], () => readUnshared(client(), "x", { numberId: 4242, targetUser: "testuser" }));
        assert.deepStrictEqual(cappedAbsent.sent.map((s) => s.url.searchParams.get("page")), ["1", "2", "3"]);
        assert.strictEqual(cappedAbsent.result, undefined);
    });
});
