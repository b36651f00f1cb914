import * as assert from "assert";
import * as http from "http";
import { AddressInfo } from "net";
import { ManualClock, until } from "../../test/clock";
import { Clock } from "./clock";
import { ProviderContext } from "./context";
import { withOperationDeadline } from "./deadline";
import { ConfigError, NotFoundError, OutcomeUnknownError, ServiceError, ThrottledError } from "./errors";
import { VendorHttpClient, VendorProfile, urlPath } from "./http";
import { DEFAULT_POLICY, RequestPolicy } from "./policy";
import { retryAfterMs } from "./retry";
import { TokenSession } from "./token-session";
import { json } from "../../sandbox/core";
import { FaultKind, beforeProcessing, spoilAnswer } from "../../sandbox/faults";
import { registerSecret } from "./secrets";
import { Settings, baseUrl } from "./settings";

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, n: number) => void;

/** A real HTTP server on loopback whose behaviour each test scripts per request number. */
async function server(handler: Handler) {
    let n = 0;
    const s = http.createServer((req, res) => {
        req.resume();
        req.on("end", () => handler(req, res, n++));
    });
    await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
    return {
        url: new URL(`http://127.0.0.1:${(s.address() as AddressInfo).port}`),
        count: () => n,
        close: () => new Promise<void>((r) => { s.closeAllConnections(); s.close(() => r()); }),
    };
}

const fast: Partial<RequestPolicy> = { baseDelayMs: 5, maxDelayMs: 20, requestTimeoutMs: 2_000, deadlineMs: 20_000 };
/** A client in a context of its own, on a clock the test moves (backoff and Retry-After waits pass at once). */
const client = (url: URL, extra: Partial<VendorProfile> = {}, policy: Partial<RequestPolicy> = fast, clock: Clock = new ManualClock()) =>
    new VendorHttpClient({ vendor: "OpenTact", baseUrl: url, authHint: "telephony:opentactToken", ...extra }, new ProviderContext({ policy: { ...DEFAULT_POLICY, ...policy }, clock }));
const reply = (res: http.ServerResponse, status: number, body: unknown = {}, headers: Record<string, string> = {}) => {
    res.writeHead(status, { "content-type": "application/json", ...headers });
    res.end(JSON.stringify(body));
};

describe("VendorHttpClient against a real local server", () => {
    it("gives up on a GET that keeps failing with ServiceError", async () => {
        const s = await server((_q, res) => reply(res, 500, { message: "broken" }));
        await assert.rejects(client(s.url, {}, { ...fast, retries: 2 }).send({ operation: "Get", method: "GET", path: urlPath`/x` }), ServiceError);
        assert.strictEqual(s.count(), 3);
        await s.close();
    });

    it("retries a GET on 503 and returns the eventual success", async () => {
        const s = await server((_q, res, n) => (n < 2 ? reply(res, 503) : reply(res, 200, { ok: true })));
        const r = await client(s.url).send({ operation: "Get", method: "GET", path: urlPath`/x` });
        assert.deepStrictEqual(r.body, { ok: true });
        assert.strictEqual(s.count(), 3);
        await s.close();
    });

    it("honours Retry-After in seconds: the retry waits that long (on the context's clock)", async () => {
        const clock = new ManualClock();
        const arrivals: number[] = [];
        const s = await server((_q, res, n) => {
            arrivals.push(clock.now());
            return n === 0 ? reply(res, 429, {}, { "retry-after": "1" }) : reply(res, 200);
        });
        await client(s.url, {}, fast, clock).send({ operation: "Get", method: "GET", path: urlPath`/x` });
        // The retry's own wait comes first (the vendor's pace, which holds later requests too, would wait the rest).
        assert.ok(clock.sleeps[0] >= 1000, `the retry waited ${clock.sleeps[0]} ms`);
        assert.ok(arrivals[1] - arrivals[0] >= 1000, `the retry arrived ${arrivals[1] - arrivals[0]} ms later`);
        await s.close();
    });

    it("parses Retry-After as seconds and as an HTTP date", () => {
        const now = Date.parse("2026-11-22T10:00:00Z");
        assert.strictEqual(retryAfterMs("3", now), 3000);
        assert.strictEqual(retryAfterMs("Sun, 22 Nov 2026 10:00:05 GMT", now), 5000);
        assert.strictEqual(retryAfterMs("garbage", now), undefined);
    });

    it("fails instead of hanging when Retry-After exceeds the longest wait honoured", async () => {
        const s = await server((_q, res) => reply(res, 429, { message: "slow down" }, { "retry-after": "3600" }));
        await assert.rejects(client(s.url).send({ operation: "Get", method: "GET", path: urlPath`/x` }), ThrottledError);
        assert.strictEqual(s.count(), 1);
        await s.close();
    });

    it("never retries a POST on 503, and reports its outcome as unknown (the create may have happened)", async () => {
        const s = await server((_q, res) => reply(res, 503, { message: "down" }));
        await assert.rejects(client(s.url).send({ operation: "Create", method: "POST", path: urlPath`/x`, body: {} }), OutcomeUnknownError);
        assert.strictEqual(s.count(), 1);
        await s.close();
    });

    it("retries a POST on 429, which says the request was not processed", async () => {
        const s = await server((_q, res, n) => (n === 0 ? reply(res, 429, {}, { "retry-after": "0" }) : reply(res, 201, { id: 1 })));
        const r = await client(s.url).send({ operation: "Create", method: "POST", path: urlPath`/x`, body: {} });
        assert.strictEqual(r.status, 201);
        assert.strictEqual(s.count(), 2);
        await s.close();
    });

    it("reports a POST whose connection dropped as OutcomeUnknown, sent once", async () => {
        const s = await server((q) => q.socket.destroy());
        await assert.rejects(client(s.url).send({ operation: "Create", method: "POST", path: urlPath`/x`, body: {} }), OutcomeUnknownError);
        assert.strictEqual(s.count(), 1);
        await s.close();
    });

    it("retries a GET whose connection dropped", async () => {
        const s = await server((q, res, n) => (n === 0 ? q.socket.destroy() : reply(res, 200)));
        await client(s.url).send({ operation: "Get", method: "GET", path: urlPath`/x` });
        assert.strictEqual(s.count(), 2);
        await s.close();
    });

    it("times out a request that gets no answer, and gives up at the overall deadline", async () => {
        // The server never answers; each request it holds costs 300 ms of the test's clock, which fires the request's
        // timeout (150 ms). Attempts start at 0, about 300 and about 600 (backoff ≤ 15 ms): the third has 85 ms left
        // before the deadline at 700, and a fourth could not start before it.
        const clock = new ManualClock();
        const s = await server(() => clock.advance(300));
        const c = client(s.url, {}, { ...fast, requestTimeoutMs: 150, deadlineMs: 700 }, clock);
        const err = await c.send({ operation: "Get", method: "GET", path: urlPath`/x` }).catch((e) => e);
        assert.ok(err instanceof OutcomeUnknownError, String(err));
        assert.match(err.message, /no answer before the operation deadline \(\d+ ms were left\)/);
        assert.match(err.message, /Tried 3 times until the operation deadline/);
        assert.strictEqual(s.count(), 3, "retried within the deadline, and no more");
        await s.close();
    });

    it("renews a login token once on 401, then succeeds", async () => {
        const s = await server((q, res) => (q.headers["x-auth-token"] === "fresh" ? reply(res, 200) : reply(res, 401, { message: "expired" })));
        let logins = 0;
        const tokens = new TokenSession({ login: async () => ({ token: logins++ === 0 ? "stale" : "fresh" }) });
        const c = client(s.url, { session: { tokens, header: (t) => ({ "x-auth-token": t }) } });
        await c.send({ operation: "Get", method: "GET", path: urlPath`/x` });
        assert.strictEqual(logins, 2, "the first login, then one renewal");
        assert.strictEqual(s.count(), 2);
        await s.close();
    });

    it("types a 404 and names vendor, operation, status and message, with secrets redacted", async () => {
        const secret = "tok-9f8e7d6c5b4a3f2e1d0c";
        registerSecret(secret);
        const s = await server((_q, res) => reply(res, 404, { message: `user not found for token ${secret}` }));
        const c = client(s.url, { classify: (r) => (r.status < 300 ? undefined : { message: r.body?.message }) });
        const err = await c.send({ operation: "GetSIPUserByUUID", method: "GET", path: urlPath`/x` }).catch((e) => e);
        assert.ok(err instanceof NotFoundError);
        assert.match(err.message, /^OpenTact GetSIPUserByUUID failed with HTTP 404\. vendor said: "user not found for token \[secret\]"/);
        assert.ok(!err.message.includes(secret));
        await s.close();
    });

    it("keeps at most maxInFlight requests open at once", async () => {
        // The server holds every request until the test answers it: while six wait at the client's gate, two are open;
        // then each answer lets exactly one more in.
        const held: http.ServerResponse[] = [];
        let peak = 0;
        const s = await server((_q, res) => {
            held.push(res);
            peak = Math.max(peak, held.length);
        });
        const context = new ProviderContext({ policy: { ...DEFAULT_POLICY, ...fast, maxInFlight: 2 }, clock: new ManualClock() });
        const c = new VendorHttpClient({ vendor: "OpenTact", baseUrl: s.url, authHint: "telephony:opentactToken" }, context);
        const all = Promise.all(Array.from({ length: 8 }, () => c.send({ operation: "Get", method: "GET", path: urlPath`/x` })));
        await until(() => held.length === 2 && context.gate("OpenTact").queued === 6);
        for (let answered = 0; answered < 8; answered++) {
            await until(() => held.length > 0);
            reply(held.shift()!, 200);
        }
        await all;
        assert.strictEqual(peak, 2);
        await s.close();
    });
});

/**
 * The sandbox's fault kinds, delivered by the sandbox's own code (`beforeProcessing` / `spoilAnswer`) on the first
 * request, then a normal answer: what the client makes of each, for a read (retried) and a create (never repeated
 * blindly; the outcome is reported unknown, for the reconciler to resolve).
 */
describe("VendorHttpClient under the sandbox's network fault kinds", () => {
    const hung = new Set<http.ServerResponse>();
    /**
     * The first request gets the fault, later ones a normal answer. A fault that leaves the request hanging (no answer,
     * or half a body) moves the test's clock past the request timeout, which fires it: no real wait.
     */
    const faulty = (kind: FaultKind, clock = new ManualClock()) =>
        server((q, res, n) => {
            if (n > 0) return reply(res, 200, { id: 7 });
            const early = beforeProcessing(kind, { retryAfterSeconds: 1 });
            if (early && "answer" in early) return reply(res, early.answer.status, early.answer.body, early.answer.headers);
            if (early && "reset" in early) return q.socket.destroy();
            if (early) {
                hung.add(res);
                return clock.advance(quick.requestTimeoutMs);
            }
            assert.ok(spoilAnswer(kind, json(200, { id: 7, name: "a processed create's answer" }), res, hung), `${kind} spoils a 2xx answer`);
            if (kind === "stall-mid-body") clock.advance(quick.requestTimeoutMs);
        });
    const quick = { ...fast, requestTimeoutMs: 300 };

    for (const kind of ["stall-mid-body", "accept-never-answer", "truncated-body", "non-json-body"] as FaultKind[]) {
        it(`${kind}: a GET is retried and returns the next, whole answer`, async () => {
            const clock = new ManualClock();
            const s = await faulty(kind, clock);
            const r = await client(s.url, {}, quick, clock).send({ operation: "Get", method: "GET", path: urlPath`/x` });
            assert.deepStrictEqual(r.body, { id: 7 });
            assert.strictEqual(s.count(), 2);
            await s.close();
        });
        it(`${kind}: a POST is sent once and reported as an unknown outcome (never parsed to nothing)`, async () => {
            const clock = new ManualClock();
            const s = await faulty(kind, clock);
            const err = await client(s.url, {}, quick, clock).send({ operation: "Create", method: "POST", path: urlPath`/x`, body: {} }).catch((e) => e);
            assert.ok(err instanceof OutcomeUnknownError, `got ${err}`);
            assert.match(err.message, /may or may not have been carried out/);
            assert.strictEqual(s.count(), 1);
            await s.close();
        });
    }

    it("throttle-no-retry-after: a 429 without Retry-After is retried after the core's backoff, for a POST too", async () => {
        for (const method of ["GET", "POST"] as const) {
            const clock = new ManualClock();
            const s = await faulty("throttle-no-retry-after", clock);
            const r = await client(s.url, {}, fast, clock).send({ operation: "Call", method, path: urlPath`/x`, body: method === "POST" ? {} : undefined });
            assert.deepStrictEqual(r.body, { id: 7 });
            assert.strictEqual(s.count(), 2);
            await s.close();
        }
    });

    it("a 2xx whose body is not JSON is an unknown outcome even for a vendor with its own classify", async () => {
        const clock = new ManualClock();
        const s = await faulty("truncated-body", clock);
        const c = client(s.url, { classify: (r) => (r.status < 300 && r.body?.success !== false ? undefined : { message: "refused" }) }, quick, clock);
        await assert.rejects(c.send({ operation: "Create", method: "POST", path: urlPath`/x`, body: {} }), OutcomeUnknownError);
        await s.close();
    });
});

describe("VendorHttpClient: retries are bounded by the deadline, not by a count", () => {
    it("gets through a burst of 12 transient failures in a row within the deadline", async () => {
        const s = await server((_q, res, n) => (n < 12 ? reply(res, 503, { message: "busy" }) : reply(res, 200, { ok: true })));
        const r = await client(s.url, {}, { ...fast, baseDelayMs: 1, maxDelayMs: 5 }).send({ operation: "Get", method: "GET", path: urlPath`/x` });
        assert.deepStrictEqual(r.body, { ok: true });
        assert.strictEqual(s.count(), 13);
        await s.close();
    });

    it("stops at the operation deadline and says how often it tried and what to do", async () => {
        const clock = new ManualClock();
        const s = await server((_q, res) => reply(res, 503, { message: "busy" }));
        const c = client(s.url, {}, { ...fast, baseDelayMs: 20, maxDelayMs: 50, deadlineMs: 60_000 }, clock);
        const err = await withOperationDeadline(clock, 400, () => c.send({ operation: "Get", method: "GET", path: urlPath`/x` })).catch((e) => e);
        assert.ok(err instanceof ServiceError, `got ${err}`);
        assert.match(err.message, new RegExp(`Tried ${s.count()} times until the operation deadline`));
        assert.match(err.message, /Run `pulumi up` again later, or raise the deadline/);
        assert.ok(s.count() >= 2);
        await s.close();
    });
});

describe("urlPath: identifiers cannot change which endpoint is called", () => {
    const cases: Array<[string, string]> = [
        ["../token/all", "/u/..%2Ftoken%2Fall"],
        ["a/b", "/u/a%2Fb"],
        ["%2e%2e", "/u/%252e%252e"],
        ["?x=1", "/u/%3Fx%3D1"],
        ["#frag", "/u/%23frag"],
    ];
    for (const [id, expected] of cases) {
        it(`encodes ${JSON.stringify(id)} as one segment`, () => assert.strictEqual(urlPath`/u/${id}`.value, expected));
    }
    for (const id of [".", "..", "a\r\nX-Injected: 1", "", "x".repeat(10_240)]) {
        it(`refuses ${JSON.stringify(id.slice(0, 20))}${id.length > 20 ? "…" : ""}`, () => assert.throws(() => urlPath`/u/${id}`, ConfigError));
    }
});

describe("baseUrl: plain http only to loopback", () => {
    const cfg = (values: Record<string, string>) => new Settings({ get: (k) => values[k] }, {});
    it("accepts https and loopback http", () => {
        assert.strictEqual(baseUrl(cfg({ "telephony:u": "https://api.example.com/" }), "u", "U", "x").href, "https://api.example.com/");
        assert.strictEqual(baseUrl(cfg({ "telephony:u": "http://127.0.0.1:8080/opentact" }), "u", "U", "x").pathname, "/opentact");
    });
    it("refuses http to another host unless telephony:allowInsecureHttp is true", () => {
        assert.throws(() => baseUrl(cfg({ "telephony:u": "http://api.example.com" }), "u", "U", "x"), /plain http is only allowed to loopback/);
        assert.doesNotThrow(() => baseUrl(cfg({ "telephony:u": "http://api.example.com", "telephony:allowInsecureHttp": "true" }), "u", "U", "x"));
    });
});
