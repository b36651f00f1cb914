/**
 * For each of the five vendors — Amazon Chime through the real `@aws-sdk/client-chime` — every `telephony:` override
 * of the request policy takes effect on the provider's own path (`configure` → reconciler → the adapter's client)
 * against the sandbox over loopback. What is asserted is what the sandbox received and what the error says, never how
 * long anything took: the provider runs on a clock the test moves (`useServices`), so a deadline or a Retry-After
 * passes at once and a request timeout fires when the test moves the clock past it.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { DEFAULT_CREDENTIALS, OPENTACT_CONNECTIONS, Sandbox, startSandbox } from "../sandbox";
import { CHIME_ACCOUNT, CHIME_USERS } from "../sandbox/chime";
import { FaultKind } from "../sandbox/faults";
import { VERIGATOR_SERVICES } from "../sandbox/verigator";
import { ManualClock, until } from "../test/clock";
import { setAwsTestKey } from "../test/harness";
import { OutcomeUnknownError, ServiceError, ThrottledError, VendorError } from "./core/errors";
import { ippanelClient } from "./ippanel/client";
import { listNumbers } from "./ippanel/number-assignment/api";
import { configure, currentContext, reconciler, useServices } from "./runtime";

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
        unshared: () => listNumbers(ippanelClient(currentContext()), 1, 100),
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
    let clock: ManualClock;
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
        // The root hooks reset the runtime before each test: every configuration of this test runs on this clock.
        clock = new ManualClock(Date.now());
        useServices({ clock });
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
                const reading = read(v).then(() => assert.fail("the read succeeded"), (x) => x);
                // Each attempt hangs at the sandbox; once it is there, 300 ms of the provider's clock pass (and no more
                // than that: any earlier timeout would fire first).
                for (const n of [1, 2]) {
                    await until(() => received(v) === n && clock.pendingTimers > 0);
                    clock.advance(300);
                }
                const e = await reading;
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
                const gate = currentContext().gate(v.vendor);
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
