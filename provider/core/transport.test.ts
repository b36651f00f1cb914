import * as assert from "assert";
import * as http from "http";
import { AddressInfo } from "net";
import { ManualClock } from "../../test/clock";
import { ProviderContext } from "./context";
import { OutcomeUnknownError } from "./errors";
import { VendorHttpClient, urlPath, userAgent } from "./http";
import { DEFAULT_POLICY } from "./policy";
import { Transport, nodeTransport, cannedResponse } from "./transport";

/** A loopback server that records each request (with its body) and answers as the test scripts it. */
async function server(answer: (req: http.IncomingMessage, res: http.ServerResponse) => void) {
    const seen: { method?: string; url?: string; headers: http.IncomingHttpHeaders; body: string }[] = [];
    const s = http.createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on("data", (c: Buffer) => chunks.push(c));
        req.on("end", () => {
            seen.push({ method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
            answer(req, res);
        });
    });
    await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
    return {
        url: (p: string) => new URL(`http://127.0.0.1:${(s.address() as AddressInfo).port}${p}`),
        seen,
        close: () => new Promise<void>((r) => { s.closeAllConnections(); s.close(() => r()); }),
    };
}

describe("nodeTransport: one HTTP exchange on Node's http, against a real local server", () => {
    it("sends the method, path and query, headers, a Content-Length and the body; answers status, headers (any case) and text", async () => {
        const s = await server((_q, res) => {
            res.writeHead(201, { "content-type": "application/json", "X-Request-Id": "r-1" });
            res.end('{"ok":true}');
        });
        try {
            const body = JSON.stringify({ name: "Zoë" }); // multi-byte: Content-Length counts bytes
            const r = await nodeTransport(s.url("/rest/users?page=2"), { method: "POST", headers: { "content-type": "application/json", authorization: "Bearer t" }, body, timeoutMs: 5000 });
            assert.strictEqual(r.status, 201);
            assert.strictEqual(r.text, '{"ok":true}');
            assert.strictEqual(r.headers.get("X-REQUEST-ID"), "r-1");
            assert.strictEqual(r.headers.get("retry-after"), null);
            const [q] = s.seen;
            assert.strictEqual(q.method, "POST");
            assert.strictEqual(q.url, "/rest/users?page=2");
            assert.strictEqual(q.headers["content-length"], String(Buffer.byteLength(body)));
            assert.strictEqual(q.headers["transfer-encoding"], undefined, "a strict server gets a Content-Length, not chunks");
            assert.strictEqual(q.headers.authorization, "Bearer t");
            assert.strictEqual(q.body, body);
        } finally {
            await s.close();
        }
    });

    it("does not follow a redirect: the 302 comes back and its Location is never requested", async () => {
        const s = await server((_q, res) => {
            res.writeHead(302, { location: "/elsewhere" });
            res.end();
        });
        try {
            const r = await nodeTransport(s.url("/x"), { method: "GET", headers: { authorization: "Bearer t" }, timeoutMs: 5000 });
            assert.strictEqual(r.status, 302);
            assert.deepStrictEqual(s.seen.map((q) => q.url), ["/x"]);
        } finally {
            await s.close();
        }
    });

    it("fails an answer cut off before its Content-Length with ECONNRESET instead of returning a short body", async () => {
        const s = await server((_q, res) => {
            res.writeHead(200, { "content-type": "application/json", "content-length": "100" });
            res.write('{"half":');
            setImmediate(() => res.socket?.destroy());
        });
        try {
            await assert.rejects(nodeTransport(s.url("/x"), { method: "GET", headers: {}, timeoutMs: 5000 }), (e: NodeJS.ErrnoException) => e.code === "ECONNRESET");
        } finally {
            await s.close();
        }
    });

    it("fails a connected request that gets no answer after timeoutMs, as TIMEOUT (it may have been carried out)", async () => {
        // The server never answers; receiving the request, it moves the clock the timeout runs on past it.
        const clock = new ManualClock();
        const s = await server(() => clock.advance(200));
        try {
            await assert.rejects(
                nodeTransport(s.url("/x"), { method: "POST", headers: {}, body: "{}", timeoutMs: 200, clock }),
                (e: NodeJS.ErrnoException) => e.name === "TimeoutError" && e.code === "TIMEOUT",
            );
            assert.strictEqual(clock.pendingTimers, 0, "the timer that fired is gone");
        } finally {
            await s.close();
        }
    });

    it("fails a refused connection with ECONNREFUSED (nothing was sent)", async () => {
        const s = await server(() => undefined);
        const url = s.url("/x");
        await s.close();
        await assert.rejects(nodeTransport(url, { method: "GET", headers: {}, timeoutMs: 2000 }), (e: NodeJS.ErrnoException) => e.code === "ECONNREFUSED");
    });
});

describe("VendorHttpClient over the transport", () => {
    it("names itself to the vendor: User-Agent pulumi-telephony/<version>", async () => {
        const s = await server((_q, res) => {
            res.writeHead(200, { "content-type": "application/json" });
            res.end("{}");
        });
        try {
            await new VendorHttpClient({ vendor: "OpenTact", baseUrl: s.url("/"), authHint: "x" }, new ProviderContext({ policy: DEFAULT_POLICY })).send({ operation: "Get", method: "GET", path: urlPath`/x` });
            assert.strictEqual(s.seen[0].headers["user-agent"], userAgent());
            assert.match(userAgent(), /^pulumi-telephony\/\d+\.\d+\.\d+/);
        } finally {
            await s.close();
        }
    });

    /** A client whose context sends through `transport` (no server), on a clock the test moves. */
    const over = (transport: Transport) =>
        new VendorHttpClient({ vendor: "OpenTact", baseUrl: new URL("http://127.0.0.1:9"), authHint: "x" }, new ProviderContext({ policy: DEFAULT_POLICY, transport, clock: new ManualClock() }));

    it("resends a POST whose connection was never made (CONNECT_TIMEOUT): nothing reached the vendor", async () => {
        let calls = 0;
        const c = over(async () => {
            if (calls++ === 0) throw Object.assign(new Error("no connection within 10 ms"), { name: "TimeoutError", code: "CONNECT_TIMEOUT" });
            return cannedResponse(201, '{"id":"u1"}');
        });
        const r = await c.send({ operation: "Create", method: "POST", path: urlPath`/x`, body: {} });
        assert.deepStrictEqual(r.body, { id: "u1" });
        assert.strictEqual(calls, 2);
    });

    it("does not resend a POST that timed out after connecting: its outcome is unknown", async () => {
        let calls = 0;
        const c = over(async () => {
            calls++;
            throw Object.assign(new Error("no answer within 10 ms"), { name: "TimeoutError", code: "TIMEOUT" });
        });
        await assert.rejects(c.send({ operation: "Create", method: "POST", path: urlPath`/x`, body: {} }), OutcomeUnknownError);
        assert.strictEqual(calls, 1);
    });
});
