/**
 * Request pacing as the vendor clients meet it (an HTTP vendor and Amazon Chime through the real SDK): against the
 * sandbox's token-bucket rate limit, and a 429's Retry-After holding Chime's later requests. Counts, not durations.
 */
import * as assert from "assert";
import * as http from "http";
import { AddressInfo } from "net";
import { DEFAULT_CREDENTIALS, OPENTACT_CONNECTIONS, startSandbox } from "../sandbox";
import { CHIME_ACCOUNT } from "../sandbox/chime";
import { ManualClock } from "../test/clock";
import { setAwsTestKey } from "../test/harness";
import { chimeClient } from "./chime/client";
import { getUser } from "./chime/user-number/api";
import { ThrottledError } from "./core/errors";
import { Settings } from "./core/settings";
import { opentactClient } from "./opentact/client";
import { listSipConnections } from "./opentact/sip-user/api";
import { createContext } from "./runtime";

const settingsOf = (config: Record<string, string>) => new Settings({ get: (k) => config[k] }, {});

/**
 * The sandbox limits the vendor to 200 requests/s with a burst of 10, and 15 requests are sent at once. Paced at a
 * configured 100/s, none is refused; unpaced, 5 would be (the assertion can fail). Both sides keep real time — the
 * pace spaces the requests 10 ms apart, about 140 ms in all — and a slow machine only spaces them further.
 */
describe("pacing against the sandbox's rate limit (counts, not durations)", function () {
    this.timeout(60_000);

    it("a configured rate below the vendor's limit: a burst of 15 concurrent requests meets no 429", async () => {
        const sb = await startSandbox();
        try {
            const r = await fetch(`${sb.url}/_sandbox/ratelimit`, { method: "PUT", body: JSON.stringify({ vendor: "opentact", rps: 200, burst: 10 }) });
            assert.strictEqual(r.status, 200);
            const settings = settingsOf({
                "telephony:opentactBaseUrl": sb.vendorUrl("opentact"),
                "telephony:opentactToken": "sandbox-opentact-token",
                "telephony:opentactRequestsPerSecond": "100",
            });
            const client = opentactClient(createContext({ settings }));
            const results = await Promise.all(Array.from({ length: 15 }, () => listSipConnections(client)));
            assert.ok(results.every((list) => list.some((c) => c.uuid === OPENTACT_CONNECTIONS[0])));
            const vendorLog = sb.log.filter((e) => e.vendor === "opentact");
            assert.strictEqual(vendorLog.length, 15);
            assert.strictEqual(vendorLog.filter((e) => e.status === 429).length, 0);
        } finally {
            await sb.close();
        }
    });

    it("Amazon Chime (through the SDK's request handler): a configured rate below the limit, 15 concurrent GetUser calls, no 429", async () => {
        const sb = await startSandbox({ credentials: { chime: DEFAULT_CREDENTIALS.chime } });
        const restoreAwsKey = setAwsTestKey();
        try {
            await fetch(`${sb.url}/_sandbox/objects/chime/users`, { method: "POST", body: JSON.stringify({ UserId: "u1", AccountId: CHIME_ACCOUNT, PrimaryProvisionedNumber: null }) });
            await fetch(`${sb.url}/_sandbox/ratelimit`, { method: "PUT", body: JSON.stringify({ vendor: "chime", rps: 200, burst: 10 }) });
            const settings = settingsOf({ "telephony:chimeEndpoint": sb.vendorUrl("chime"), "telephony:chimeRequestsPerSecond": "100" });
            const c = chimeClient(createContext({ settings }));
            const users = await Promise.all(Array.from({ length: 15 }, () => getUser(c, CHIME_ACCOUNT, "u1")));
            assert.ok(users.every((u) => u.UserId === "u1"));
            const gets = sb.log.filter((r) => r.vendor === "chime");
            assert.strictEqual(gets.length, 15);
            assert.strictEqual(gets.filter((r) => r.status === 429).length, 0);
        } finally {
            restoreAwsKey();
            await sb.close();
        }
    });

    it("Amazon Chime: a 429's Retry-After holds the vendor's other requests too, as it does for the HTTP clients", async () => {
        // A plain local server in Chime's shape: the first request is throttled with Retry-After: 4, the rest answered.
        // The client does not retry (maxRetries 0), so only the vendor's pace can hold the next call; it waits on the
        // test's clock, which the server reads when a request arrives.
        const clock = new ManualClock();
        const arrivals: number[] = [];
        const server = http.createServer((req, res) => {
            req.resume();
            req.on("end", () => {
                arrivals.push(clock.now());
                if (arrivals.length === 1) {
                    res.writeHead(429, { "content-type": "application/json", "x-amzn-ErrorType": "ThrottledClientException", "retry-after": "4" });
                    res.end(JSON.stringify({ Code: "ThrottledClient", Message: "Rate exceeded" }));
                    return;
                }
                res.writeHead(200, { "content-type": "application/json" });
                res.end(JSON.stringify({ User: { UserId: "u1", AccountId: CHIME_ACCOUNT } }));
            });
        });
        await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
        const restoreAwsKey = setAwsTestKey();
        try {
            const settings = settingsOf({ "telephony:chimeEndpoint": `http://127.0.0.1:${(server.address() as AddressInfo).port}`, "telephony:maxRetries": "0" });
            const c = chimeClient(createContext({ settings, clock }));
            await assert.rejects(getUser(c, CHIME_ACCOUNT, "u1"), ThrottledError);
            const second = await getUser(c, CHIME_ACCOUNT, "u1");
            assert.strictEqual(second.UserId, "u1");
            // The second call was never throttled itself; the vendor's pace held it until Retry-After had passed.
            // (Without it, the pace after one 429 would let it out about 1.4 s later.)
            assert.strictEqual(arrivals.length, 2);
            assert.ok(arrivals[1] - arrivals[0] >= 4_000, `the next request arrived ${arrivals[1] - arrivals[0]} ms after the 429`);
        } finally {
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
