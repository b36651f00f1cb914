/**
 * One request policy, resolved from settings and handed to every client: the resolution itself (defaults,
 * precedence, validation), then, for each of the five vendors — Amazon Chime through the real
 * `@aws-sdk/client-chime` — that every `telephony:` override takes effect on the provider's own path
 * (`configure` → reconciler → the adapter's client) against the sandbox over loopback. What is asserted is what the
 * sandbox received and what the error says, never how long anything took.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { DEFAULT_CREDENTIALS, OPENTACT_CONNECTIONS, Sandbox, startSandbox } from "../../sandbox";
import { CHIME_ACCOUNT, CHIME_USERS } from "../../sandbox/chime";
import { FaultKind } from "../../sandbox/faults";
import { VERIGATOR_SERVICES } from "../../sandbox/verigator";
import { ConfigError, OutcomeUnknownError, ServiceError, ThrottledError, VendorError } from "./errors";
import { requestGate } from "./http";
import { DEFAULT_POLICY, policyOf, resolvePolicy } from "./policy";
import { configure, currentSettings, reconciler } from "./runtime";
import { ippanelClient } from "../ippanel/client";
import { listNumbers } from "../ippanel/number-assignment/api";
import { Settings } from "./settings";
import { setAwsTestKey } from "../../test/harness";

const settingsOf = (cfg: Record<string, string>, env: Record<string, string> = {}) => new Settings({ get: (k) => cfg[k] }, env);

describe("Request policy: resolved once from settings", () => {
    it("without settings it is today's defaults: 20 s per request, 180 s per operation, retries bounded by the deadline, 8 in flight", () => {
        const p = resolvePolicy(settingsOf({}));
        assert.deepStrictEqual(
            [p.requestTimeoutMs, p.deadlineMs, p.retries, p.maxInFlight, p.baseDelayMs, p.maxDelayMs, p.maxRetryAfterMs],
            [20_000, 180_000, Infinity, 8, 200, 5_000, 60_000],
        );
        assert.deepStrictEqual(p, DEFAULT_POLICY);
    });

    it("takes each key from stack config, else from its environment variable", () => {
        const env = { TELEPHONY_REQUEST_TIMEOUT_MS: "1111", TELEPHONY_OPERATION_DEADLINE_MS: "2222", TELEPHONY_MAX_RETRIES: "3", TELEPHONY_MAX_CONCURRENT_REQUESTS: "4" };
        const fromEnv = resolvePolicy(settingsOf({}, env));
        assert.deepStrictEqual([fromEnv.requestTimeoutMs, fromEnv.deadlineMs, fromEnv.retries, fromEnv.maxInFlight], [1111, 2222, 3, 4]);
        const cfg = { "telephony:requestTimeoutMs": "500", "telephony:operationDeadlineMs": "600", "telephony:maxRetries": "0", "telephony:maxConcurrentRequests": "7" };
        const fromConfig = resolvePolicy(settingsOf(cfg, env));
        assert.deepStrictEqual([fromConfig.requestTimeoutMs, fromConfig.deadlineMs, fromConfig.retries, fromConfig.maxInFlight], [500, 600, 0, 7]);
    });

    const bad: Array<[string, string, string]> = [
        ["requestTimeoutMs", "TELEPHONY_REQUEST_TIMEOUT_MS", "0"],
        ["requestTimeoutMs", "TELEPHONY_REQUEST_TIMEOUT_MS", "20s"],
        ["operationDeadlineMs", "TELEPHONY_OPERATION_DEADLINE_MS", "1.5"],
        ["maxRetries", "TELEPHONY_MAX_RETRIES", "-1"],
        ["maxRetries", "TELEPHONY_MAX_RETRIES", "Infinity"],
        ["maxConcurrentRequests", "TELEPHONY_MAX_CONCURRENT_REQUESTS", "0"],
    ];
    for (const [key, env, value] of bad) {
        it(`refuses telephony:${key} = ${JSON.stringify(value)} with a ConfigError naming the key, its variable and the value`, () => {
            for (const settings of [settingsOf({ [`telephony:${key}`]: value }), settingsOf({}, { [env]: value })]) {
                assert.throws(
                    () => resolvePolicy(settings),
                    (e: Error) => e instanceof ConfigError && e.message.includes(`telephony:${key} (or ${env})`) && e.message.includes(JSON.stringify(value)),
                );
            }
        });
    }

    it("is resolved once per settings: every client of them gets the same object", () => {
        const s = settingsOf({ "telephony:maxRetries": "1" });
        assert.strictEqual(policyOf(s), policyOf(s));
        assert.throws(() => (policyOf(s) as { retries: number }).retries = 5, TypeError, "frozen: nobody changes it under the others");
    });

    it("configure fails on a bad value before any resource is touched", async () => {
        await assert.rejects(configure({ config: { get: (k) => ({ "telephony:maxConcurrentRequests": "many" })[k] } }), /telephony:maxConcurrentRequests \(or TELEPHONY_MAX_CONCURRENT_REQUESTS\) must be a whole number of at least 1, got "many"/);
    });
});

/** One vendor as the provider reaches it: the resource kind read, where the sandbox answers it, and one object. */
interface VendorCase {
    /** The vendor's name in errors and in the request gate. */
    vendor: string;
    /** The sandbox's name for it. */
    sandbox: string;
    kind: string;
    config: (sb: Sandbox) => Record<string, string>;
    id: string;
    state: Record<string, unknown>;
    /**
     * A call that sends a request of its own every time, where concurrent reads share theirs (IPPanel's reads share
     * the numbers listing): what the in-flight test sends five of.
     */
    unshared?: () => Promise<unknown>;
}

const c = DEFAULT_CREDENTIALS;
const VENDORS: VendorCase[] = [
    {
        vendor: "OpenTact",
        sandbox: "opentact",
        kind: "opentact:SipUser",
        config: (sb) => ({ "telephony:opentactBaseUrl": sb.vendorUrl("opentact"), "telephony:opentactToken": c.opentact.token! }),
        id: "0b7d4c2e-9a1f-4e55-8c3b-0000000000aa",
        state: { sipConnectionUuid: OPENTACT_CONNECTIONS[0], login: "policy0001" },
    },
    {
        vendor: "Tata Smartflo",
        sandbox: "smartflo",
        kind: "smartflo:SmartfloUser",
        config: (sb) => ({ "telephony:smartfloBaseUrl": sb.vendorUrl("smartflo"), "telephony:smartfloToken": c.smartflo.token! }),
        id: "999001",
        state: { loginId: "policy.user" },
    },
    {
        vendor: "IPPanel",
        sandbox: "ippanel",
        kind: "ippanel:NumberAssignment",
        config: (sb) => ({ "telephony:ippanelBaseUrl": `${sb.vendorUrl("ippanel")}/v1`, "telephony:ippanelApiKey": c.ippanel.apiKey }),
        unshared: () => listNumbers(ippanelClient(currentSettings()), 1, 100),
        id: "+983000505/testuser",
        state: { number: "+983000505", targetUser: "testuser" },
    },
    {
        vendor: "Amazon Chime",
        sandbox: "chime",
        kind: "chime:ChimeUserNumber",
        config: (sb) => ({ "telephony:chimeEndpoint": sb.vendorUrl("chime") }),
        id: `${CHIME_ACCOUNT}/${CHIME_USERS[0]}`,
        state: { accountId: CHIME_ACCOUNT, userId: CHIME_USERS[0], e164PhoneNumber: "+12065550100" },
    },
    {
        vendor: "Messente Verigator",
        sandbox: "verigator",
        kind: "verigator:VerigatorUser",
        config: (sb) => ({ "telephony:verigatorBaseUrl": sb.vendorUrl("verigator"), "telephony:verigatorUsername": c.verigator.username, "telephony:verigatorPassword": c.verigator.password }),
        id: `${VERIGATOR_SERVICES[0]}/policy-user-0001`,
        state: { serviceId: VERIGATOR_SERVICES[0], idInService: "policy-user" },
    },
];

describe("Request policy: every telephony: override takes effect for every vendor (provider path, sandbox over loopback)", function () {
    this.timeout(60_000);
    let sb: Sandbox;
    const journalDir = fs.mkdtempSync(path.join(os.tmpdir(), "policy-journal-"));
    let restoreAwsKey = () => undefined as void;
    const admin = async (method: string, route: string, body?: unknown) => {
        const r = await fetch(`${sb.url}/_sandbox/${route}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });
        assert.strictEqual(r.status, 200, `${method} /_sandbox/${route}`);
        return r.json();
    };
    /** Every request of this vendor answered with `kind`, however often it is sent. */
    const faultEvery = (v: VendorCase, kind: FaultKind) => admin("PUT", "faults", { seed: 11, rate: 1, kinds: [kind], vendors: [v.sandbox], maxConsecutive: 1_000, retryAfterSeconds: 1 });
    /** Configures the provider as the engine does, with the vendor's endpoint and credentials and `overrides`. */
    const configureWith = (v: VendorCase, overrides: Record<string, string>) => {
        const cfg: Record<string, string> = { ...v.config(sb), "telephony:journalDir": journalDir };
        for (const [k, value] of Object.entries(overrides)) cfg[`telephony:${k}`] = value;
        return configure({ config: { get: (k) => cfg[k] } });
    };
    /** The refresh of one object, as `pulumi refresh` asks the provider for it. */
    const read = (v: VendorCase) => reconciler(v.kind).read(v.id, v.state);
    const received = (v: VendorCase) => sb.log.filter((r) => r.vendor === v.sandbox).length;

    before(async () => {
        sb = await startSandbox();
        // The Chime SDK signs with the default credential chain: the environment comes first.
        restoreAwsKey = setAwsTestKey(c);
    });
    beforeEach(() => {
        sb.log.length = 0;
    });
    afterEach(async () => {
        await admin("DELETE", "faults");
        await admin("DELETE", "hold");
    });
    after(async () => {
        await configure({ config: { get: () => undefined } });
        restoreAwsKey();
        await sb.close();
        fs.rmSync(journalDir, { recursive: true, force: true });
    });

    for (const v of VENDORS) {
        describe(v.vendor, () => {
            it("telephony:maxRetries: 0 surfaces a 503 after exactly one request, 2 after exactly three", async () => {
                await faultEvery(v, "error-503");
                for (const [retries, requests] of [["0", 1], ["2", 3]] as const) {
                    sb.log.length = 0;
                    await configureWith(v, { maxRetries: retries });
                    const e = await read(v).then(() => assert.fail("the read succeeded"), (x) => x);
                    assert.ok(e instanceof ServiceError, String(e));
                    assert.strictEqual((e as VendorError).status, 503);
                    assert.strictEqual(received(v), requests, `maxRetries ${retries}: requests the sandbox received`);
                }
            });

            it("telephony:requestTimeoutMs: an answer that never comes times out after that many ms, each attempt", async () => {
                await faultEvery(v, "accept-never-answer");
                await configureWith(v, { requestTimeoutMs: "300", maxRetries: "1" });
                const e = await read(v).then(() => assert.fail("the read succeeded"), (x) => x);
                assert.ok(e instanceof OutcomeUnknownError || e instanceof ServiceError, String(e));
                // The default (20 s) would still be waiting: the message names the configured timeout.
                assert.match((e as Error).message, /\b300 ms\b/);
                assert.strictEqual(received(v), 2, "one attempt and one retry, each timed out");
            });

            it("telephony:operationDeadlineMs: retries (unbounded by count) stop at the deadline, which the error names with the attempts", async () => {
                // 429 with Retry-After: 1 s on every request: without a deadline this would go on for 180 s.
                await faultEvery(v, "throttle-seconds");
                await configureWith(v, { operationDeadlineMs: "1500" });
                const e = await read(v).then(() => assert.fail("the read succeeded"), (x) => x);
                assert.ok(e instanceof ThrottledError, String(e));
                const m = /Tried (\d+) times? until the operation deadline \(telephony:operationDeadlineMs, 1500 ms\)/.exec((e as Error).message);
                assert.ok(m, (e as Error).message);
                assert.strictEqual(Number(m[1]), received(v), "the attempts the error counts are the requests the sandbox received");
            });

            it("telephony:maxConcurrentRequests: 2 lets two requests be in flight, the others wait their turn", async () => {
                await configureWith(v, { maxConcurrentRequests: "2" });
                // The sandbox carries reads out and holds their answers until the hold is lifted.
                await admin("PUT", "hold", { vendors: [v.sandbox], methods: ["GET"] });
                const reads = Array.from({ length: 5 }, () => (v.unshared ?? (() => read(v)))().then(() => "done", (e) => e));
                const gate = requestGate(v.vendor, { maxInFlight: 2 });
                // Until the sandbox holds more than two, or holds two while the other three wait at the client's gate
                // (then nothing more can be sent before an answer comes): no guess about when requests arrive.
                let held: number;
                for (;;) {
                    held = ((await admin("GET", "hold")) as { held: number }).held;
                    if (held > 2 || (held === 2 && gate.queued === 3)) break;
                    await new Promise((r) => setTimeout(r, 10));
                }
                assert.strictEqual(held, 2, "requests the sandbox holds at once");
                assert.strictEqual(gate.queued, 3, "requests waiting for a turn");
                await admin("DELETE", "hold");
                assert.deepStrictEqual(await Promise.all(reads), ["done", "done", "done", "done", "done"]);
                assert.strictEqual(sb.log.filter((r) => r.vendor === v.sandbox && r.held).length, 2);
            });
        });
    }
});
