import * as assert from "assert";
import * as http from "http";
import { AddressInfo } from "net";
import { DEFAULT_CREDENTIALS, OPENTACT_CONNECTIONS, startSandbox } from "../../sandbox";
import { CHIME_ACCOUNT } from "../../sandbox/chime";
import { chimeClient } from "../chime/client";
import { getUser } from "../chime/user-number/api";
import { opentactClient } from "../opentact/client";
import { listSipConnections } from "../opentact/sip-user/api";
import { DECREASE, MIN_RATE, Pacer, configurePacing, pacerFor } from "./pacing";
import { Settings } from "./settings";
import { setAwsTestKey } from "../../test/harness";

/** A clock the test moves by hand. */
function clock(start = 1_000_000) {
    const c = { t: start, now: () => c.t };
    return c;
}

describe("Pacer (pure logic, injected clock)", () => {
    it("a configured rate spaces slots 1/rate apart, starting now", () => {
        const c = clock();
        const p = new Pacer(4, c.now);
        assert.deepStrictEqual([p.reserve(), p.reserve(), p.reserve()].map((at) => at - c.t), [0, 250, 500]);
        c.t += 2000; // idle time does not bank slots: the next one is now, then 250 ms on
        assert.deepStrictEqual([p.reserve(), p.reserve()].map((at) => at - c.t), [0, 250]);
    });

    it("unconfigured, it is unpaced until the first 429, then 0.7 times the rate sent over the last second", () => {
        const c = clock();
        const p = new Pacer(undefined, c.now);
        for (let i = 0; i < 10; i++) {
            assert.strictEqual(p.reserve(), c.t);
            c.t += 10;
        }
        assert.strictEqual(p.rate, Infinity);
        p.throttled(c.t - 5);
        assert.ok(Math.abs(p.rate - 10 * DECREASE) < 1e-9);
        assert.ok(Math.abs(p.reserve() - c.t - 1000 / (10 * DECREASE)) < 1e-9, "the next request waits one slot at the new pace");
    });

    it("lowers the rate once per spell of 429s: answers to requests sent before the decrease do not count again", () => {
        const c = clock();
        const p = new Pacer(10, c.now);
        const before = p.reserve();
        c.t += 50;
        p.throttled(before);
        assert.strictEqual(p.rate, 10 * DECREASE);
        p.throttled(before); // same spell
        assert.strictEqual(p.rate, 10 * DECREASE);
        c.t += 500;
        const after = p.reserve();
        c.t += 10;
        p.throttled(after); // a new spell
        assert.ok(Math.abs(p.rate - 10 * DECREASE * DECREASE) < 1e-9);
    });

    it("Retry-After holds every request until it has passed", () => {
        const c = clock();
        const p = new Pacer(100, c.now);
        const sent = p.reserve();
        p.throttled(sent, 3000);
        assert.ok(p.reserve() >= c.t + 3000);
    });

    it("a run of successes (one second's worth) raises the rate by 10%, at least 1/s, never above the configured rate", () => {
        const c = clock();
        const p = new Pacer(20, c.now);
        p.throttled(p.reserve()); // 14/s
        assert.strictEqual(p.rate, 14);
        for (let i = 0; i < 13; i++) p.succeeded();
        assert.strictEqual(p.rate, 14, "13 successes are not yet a second's worth at 14/s");
        p.succeeded();
        assert.ok(Math.abs(p.rate - 15.4) < 1e-9);
        for (let i = 0; i < 200; i++) p.succeeded();
        assert.strictEqual(p.rate, 20, "capped at the configured rate");
    });

    it("grows back to just under the rate the last 429 came at, holds there for a run of successes, then probes in 5% steps", () => {
        const c = clock();
        const p = new Pacer(undefined, c.now);
        for (let i = 0; i < 10; i++) p.reserve(); // 10 sent within the second
        p.throttled(c.t); // throttled at 10/s: 7/s now
        assert.ok(Math.abs(p.rate - 7) < 1e-9);
        const run = () => { for (let i = 0; i < Math.ceil(p.rate); i++) p.succeeded(); };
        run();
        assert.ok(Math.abs(p.rate - 8) < 1e-9, `+1/s: ${p.rate}`);
        run();
        assert.ok(Math.abs(p.rate - 9) < 1e-9, `+1/s: ${p.rate}`);
        run();
        assert.ok(Math.abs(p.rate - 9.5) < 1e-9, `stops at 0.95 × 10: ${p.rate}`);
        run();
        assert.ok(Math.abs(p.rate - 9.5) < 1e-9, `holds for one run: ${p.rate}`);
        run();
        assert.ok(Math.abs(p.rate - 9.975) < 1e-9, `then +5%: ${p.rate}`);
        run();
        assert.ok(Math.abs(p.rate - 9.975 * 1.05) < 1e-9, `and +5% again: ${p.rate}`);
    });

    it("a slowdown withdraws the slots already handed out: the epoch changes, and the next slot is one at the new pace from now", () => {
        const c = clock();
        const p = new Pacer(10, c.now);
        const e0 = p.epoch;
        const slots = [p.reserve(), p.reserve(), p.reserve(), p.reserve()].map((at) => at - c.t);
        assert.deepStrictEqual(slots, [0, 100, 200, 300]);
        p.throttled(c.t); // 7/s
        assert.notStrictEqual(p.epoch, e0, "holders of the four slots ask again");
        assert.ok(Math.abs(p.reserve() - c.t - 1000 / 7) < 1e-9, "the next slot is counted from now, not after the withdrawn ones");
        const e1 = p.epoch;
        p.throttled(c.t - 1, 2000); // same spell, but a Retry-After: slots before its end are withdrawn too
        assert.notStrictEqual(p.epoch, e1);
        assert.ok(p.reserve() >= c.t + 2000);
        const e2 = p.epoch;
        p.succeeded();
        assert.strictEqual(p.epoch, e2, "a success withdraws nothing");
    });

    it("never drops below the minimum rate", () => {
        const c = clock();
        const p = new Pacer(1, c.now);
        for (let i = 0; i < 20; i++) {
            c.t += 10_000;
            p.throttled(p.reserve());
        }
        assert.strictEqual(p.rate, MIN_RATE);
    });

    it("configurePacing reads telephony:<vendor>RequestsPerSecond and refuses a bad value, naming the key", () => {
        configurePacing(new Settings({ get: (k) => (k === "telephony:chimeRequestsPerSecond" ? "2" : undefined) }, {}));
        assert.strictEqual(pacerFor("Amazon Chime").rate, 2);
        assert.strictEqual(pacerFor("OpenTact").rate, Infinity);
        assert.throws(
            () => configurePacing(new Settings({ get: (k) => (k === "telephony:opentactRequestsPerSecond" ? "fast" : undefined) }, {})),
            /telephony:opentactRequestsPerSecond must be a positive number of requests per second, got "fast"/,
        );
        configurePacing(new Settings(undefined, {}));
    });
});

describe("pacing against the sandbox's rate limit (counts, not durations)", function () {
    this.timeout(60_000);

    it("a configured rate below the vendor's limit: a burst of 15 concurrent requests meets no 429", async () => {
        const sb = await startSandbox();
        try {
            const r = await fetch(`${sb.url}/_sandbox/ratelimit`, { method: "PUT", body: JSON.stringify({ vendor: "opentact", rps: 10, burst: 10 }) });
            assert.strictEqual(r.status, 200);
            const config: Record<string, string> = {
                "telephony:opentactBaseUrl": sb.vendorUrl("opentact"),
                "telephony:opentactToken": "sandbox-opentact-token",
                "telephony:opentactRequestsPerSecond": "5",
            };
            const settings = new Settings({ get: (k) => config[k] }, {});
            configurePacing(settings);
            const client = opentactClient(settings);
            const results = await Promise.all(Array.from({ length: 15 }, () => listSipConnections(client)));
            assert.ok(results.every((list) => list.some((c) => c.uuid === OPENTACT_CONNECTIONS[0])));
            const vendorLog = sb.log.filter((e) => e.vendor === "opentact");
            assert.strictEqual(vendorLog.length, 15);
            assert.strictEqual(vendorLog.filter((e) => e.status === 429).length, 0);
        } finally {
            configurePacing(new Settings(undefined, {}));
            await sb.close();
        }
    });

    it("Amazon Chime (through the SDK's request handler): a configured rate below the limit, 15 concurrent GetUser calls, no 429", async () => {
        const sb = await startSandbox({ credentials: { chime: DEFAULT_CREDENTIALS.chime } });
        const restoreAwsKey = setAwsTestKey();
        try {
            await fetch(`${sb.url}/_sandbox/objects/chime/users`, { method: "POST", body: JSON.stringify({ UserId: "u1", AccountId: CHIME_ACCOUNT, PrimaryProvisionedNumber: null }) });
            await fetch(`${sb.url}/_sandbox/ratelimit`, { method: "PUT", body: JSON.stringify({ vendor: "chime", rps: 10, burst: 10 }) });
            // A distinct in-flight limit gives this test its own SDK client (clients are cached per settings).
            const config: Record<string, string> = {
                "telephony:chimeEndpoint": sb.vendorUrl("chime"),
                "telephony:maxConcurrentRequests": "57",
                "telephony:chimeRequestsPerSecond": "5",
            };
            const settings = new Settings({ get: (k) => config[k] }, {});
            configurePacing(settings);
            const c = chimeClient(settings);
            const users = await Promise.all(Array.from({ length: 15 }, () => getUser(c, CHIME_ACCOUNT, "u1")));
            assert.ok(users.every((u) => u.UserId === "u1"));
            const gets = sb.log.filter((r) => r.vendor === "chime");
            assert.strictEqual(gets.length, 15);
            assert.strictEqual(gets.filter((r) => r.status === 429).length, 0);
        } finally {
            configurePacing(new Settings(undefined, {}));
            restoreAwsKey();
            await sb.close();
        }
    });

    it("Amazon Chime: a 429's Retry-After holds the vendor's other requests too, as it does for the HTTP clients", async () => {
        // A plain local server in Chime's shape: the first request is throttled with Retry-After: 4, the rest answered.
        const arrivals: number[] = [];
        let throttledAt!: (t: number) => void;
        const throttled = new Promise<number>((r) => (throttledAt = r));
        const server = http.createServer((req, res) => {
            req.resume();
            req.on("end", () => {
                arrivals.push(Date.now());
                if (arrivals.length === 1) {
                    res.writeHead(429, { "content-type": "application/json", "x-amzn-ErrorType": "ThrottledClientException", "retry-after": "4" });
                    res.end(JSON.stringify({ Code: "ThrottledClient", Message: "Rate exceeded" }));
                    throttledAt(Date.now());
                    return;
                }
                res.writeHead(200, { "content-type": "application/json" });
                res.end(JSON.stringify({ User: { UserId: "u1", AccountId: CHIME_ACCOUNT } }));
            });
        });
        await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
        const restoreAwsKey = setAwsTestKey();
        try {
            const config: Record<string, string> = {
                "telephony:chimeEndpoint": `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
                "telephony:maxConcurrentRequests": "58", // a client of its own (clients are cached per settings)
            };
            const settings = new Settings({ get: (k) => config[k] }, {});
            configurePacing(settings);
            const c = chimeClient(settings);
            const first = getUser(c, CHIME_ACCOUNT, "u1");
            const at429 = await throttled;
            while (pacerFor("Amazon Chime").rate === Infinity) await new Promise((r) => setTimeout(r, 5)); // the client has read the 429
            const second = await getUser(c, CHIME_ACCOUNT, "u1");
            assert.strictEqual(second.UserId, "u1");
            assert.strictEqual((await first).UserId, "u1");
            // The second call was never throttled itself; the vendor's pace held it until Retry-After had passed.
            // (Without it, the pace after one 429 would let it out about 1.4 s later.)
            assert.ok(arrivals[1] - at429 >= 3_900, `the next request arrived ${arrivals[1] - at429} ms after the 429`);
        } finally {
            configurePacing(new Settings(undefined, {}));
            restoreAwsKey();
            await new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); });
        }
    });

    it("the sandbox's limit answers 429 in the vendor's shape beyond its burst (Chime: ThrottledClientException)", async () => {
        const sb = await startSandbox();
        try {
            await fetch(`${sb.url}/_sandbox/ratelimit`, { method: "PUT", body: JSON.stringify({ vendor: "chime", rps: 0.001, burst: 1 }) });
            const first = await fetch(`${sb.vendorUrl("chime")}/accounts`);
            assert.notStrictEqual(first.status, 429);
            const second = await fetch(`${sb.vendorUrl("chime")}/accounts`);
            assert.strictEqual(second.status, 429);
            assert.strictEqual(second.headers.get("x-amzn-errortype"), "ThrottledClientException");
            assert.deepStrictEqual(await second.json(), { Code: "ThrottledClient", Message: "Rate exceeded" });
            const state = (await (await fetch(`${sb.url}/_sandbox/ratelimit`)).json()) as Record<string, { refused: number }>;
            assert.strictEqual(state.chime.refused, 1);
        } finally {
            await sb.close();
        }
    });
});
