import * as assert from "assert";
import * as http from "http";
import { AddressInfo } from "net";
import { ConfigError, NotFoundError, OutcomeUnknownError, ServiceError, ThrottledError } from "./errors";
import { RetryPolicy, VendorHttpClient, retryAfterMs, urlPath } from "./http";
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

const fast: Partial<RetryPolicy> = { baseDelayMs: 5, maxDelayMs: 20, requestTimeoutMs: 2_000, deadlineMs: 20_000 };
const client = (url: URL, extra: Partial<ConstructorParameters<typeof VendorHttpClient>[0]> = {}) =>
    new VendorHttpClient({ vendor: "OpenTact", baseUrl: url, authHint: "telephony:opentactToken", policy: fast, ...extra });
const reply = (res: http.ServerResponse, status: number, body: unknown = {}, headers: Record<string, string> = {}) => {
    res.writeHead(status, { "content-type": "application/json", ...headers });
    res.end(JSON.stringify(body));
};

describe("VendorHttpClient against a real local server", () => {
    it("gives up on a GET that keeps failing with ServiceError", async () => {
        const s = await server((_q, res) => reply(res, 500, { message: "broken" }));
        await assert.rejects(client(s.url, { policy: { ...fast, retries: 2 } }).send({ operation: "Get", method: "GET", path: urlPath`/x` }), ServiceError);
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

    it("honours Retry-After in seconds", async () => {
        const s = await server((_q, res, n) => (n === 0 ? reply(res, 429, {}, { "retry-after": "1" }) : reply(res, 200)));
        const t0 = Date.now();
        await client(s.url).send({ operation: "Get", method: "GET", path: urlPath`/x` });
        assert.ok(Date.now() - t0 >= 950, `waited only ${Date.now() - t0} ms`);
        await s.close();
    });

    it("parses Retry-After as seconds and as an HTTP date", () => {
        assert.strictEqual(retryAfterMs("3"), 3000);
        const now = Date.parse("2026-11-22T10:00:00Z");
        assert.strictEqual(retryAfterMs("Sun, 22 Nov 2026 10:00:05 GMT", now), 5000);
        assert.strictEqual(retryAfterMs("garbage"), undefined);
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
        const s = await server(() => undefined); // never answers
        const c = client(s.url, { policy: { ...fast, requestTimeoutMs: 150, deadlineMs: 700 } });
        const t0 = Date.now();
        await assert.rejects(c.send({ operation: "Get", method: "GET", path: urlPath`/x` }), OutcomeUnknownError);
        assert.ok(Date.now() - t0 < 2_000, "bounded by the deadline");
        assert.ok(s.count() >= 2, "retried within the deadline");
        await s.close();
    });

    it("renews a login token once on 401, then succeeds", async () => {
        const s = await server((q, res) => (q.headers["x-auth-token"] === "fresh" ? reply(res, 200) : reply(res, 401, { message: "expired" })));
        let logins = 0;
        const c = client(s.url, { renewable: true, authHeaders: async (renew) => ({ "x-auth-token": renew ? (logins++, "fresh") : "stale" }) });
        await c.send({ operation: "Get", method: "GET", path: urlPath`/x` });
        assert.strictEqual(logins, 1);
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
        let open = 0;
        let peak = 0;
        const s = await server((_q, res) => {
            open++;
            peak = Math.max(peak, open);
            setTimeout(() => {
                open--;
                reply(res, 200);
            }, 30);
        });
        const c = client(s.url, { maxInFlight: 2 });
        await Promise.all(Array.from({ length: 8 }, () => c.send({ operation: "Get", method: "GET", path: urlPath`/x` })));
        assert.strictEqual(peak, 2);
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
