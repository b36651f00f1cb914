/**
 * The reconciler resolves unknown-outcome creates until the operation deadline, not a fixed number of times
 * (issue 10), against the sandbox over real HTTP with the OpenTact adapter: a burst of lost creates longer than the
 * old limit of three still ends in exactly one user; a burst that outlasts the deadline fails saying how often it sent
 * and looked, and what to do. The waits (backoff, the deadline) run on a clock the test moves: none is real.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { DEFAULT_CREDENTIALS, OPENTACT_CONNECTIONS, Sandbox, startSandbox } from "../../sandbox";
import { ManualClock, seededRandom } from "../../test/clock";
import { ProviderContext } from "../core/context";
import { DEFAULT_POLICY, RequestPolicy } from "../core/policy";
import { CreateUnresolvedError, Reconciler } from "../core/reconciler";
import { Settings } from "../core/settings";
import { sipUserAdapter } from "./sip-user/adapter";

describe("Reconciler: unknown-outcome creates are resolved until the operation deadline, not a count", function () {
    this.timeout(120_000);
    let sb: Sandbox;
    const journalDir = fs.mkdtempSync(path.join(os.tmpdir(), "reconciler-journal-"));
    const settings = () => {
        const cfg: Record<string, string> = {
            "telephony:opentactBaseUrl": sb.vendorUrl("opentact"),
            "telephony:opentactToken": DEFAULT_CREDENTIALS.opentact.token!,
            "telephony:journalDir": journalDir,
        };
        return new Settings({ get: (k) => cfg[k] }, {});
    };
    /** The reconciler in a context of its own, with `policy`, a clock the test moves and seeded jitter. */
    const reconciler = (policy: RequestPolicy) => new Reconciler(sipUserAdapter, new ProviderContext({ settings: settings(), policy, clock: new ManualClock(), random: seededRandom(7) }));
    const user = (login: string) => ({ sipConnectionUuid: OPENTACT_CONNECTIONS[0], login, password: `pw-${login}-Zq81`, firstName: "Burst" });

    before(async () => {
        sb = await startSandbox();
    });
    after(async () => {
        await sb.close();
        fs.rmSync(journalDir, { recursive: true, force: true });
    });

    it("six creates in a row whose connection drops (never processed): looked up and resent each time, one user in the end", async () => {
        // Every CreateSIPUser of one identity fails, five in a row (the cap spares the sixth).
        await fetch(`${sb.url}/_sandbox/faults`, { method: "PUT", body: JSON.stringify({ seed: 7, rate: 1, kinds: ["reset-before"], routes: ["CreateSIPUser"], maxConsecutive: 5 }) });
        const policy: RequestPolicy = { ...DEFAULT_POLICY, baseDelayMs: 5, maxDelayMs: 20, deadlineMs: 60_000 };
        const created = await reconciler(policy).create(user("burst0001"));
        const posts = sb.log.filter((r) => r.route === "CreateSIPUser").map((r) => r.fault ?? String(r.status));
        assert.deepStrictEqual(posts, ["reset-before", "reset-before", "reset-before", "reset-before", "reset-before", "201"]);
        assert.strictEqual(sb.log.filter((r) => r.route === "ListSIPUsersBySIPConnectionUUID").length, 5, "one lookup per unknown outcome");
        const users = sb.store.collection("opentact", "users").filter((u) => u.login === "burst0001");
        assert.deepStrictEqual(users.map((u) => u.uuid), [created.id], "exactly one user");
    });

    it("a create that never gets through fails at the deadline, saying how often it sent and looked, and what to do", async () => {
        await fetch(`${sb.url}/_sandbox/faults`, { method: "PUT", body: JSON.stringify({ seed: 7, rate: 1, kinds: ["error-503"], routes: ["CreateSIPUser"], maxConsecutive: 1_000 }) });
        // The deadline is what ends it: the test's clock moves only by the backoff between resends.
        const policy: RequestPolicy = { ...DEFAULT_POLICY, baseDelayMs: 100, maxDelayMs: 400, deadlineMs: 8_000 };
        const err = await reconciler(policy).create(user("burst0002")).catch((e) => e);
        assert.ok(err instanceof CreateUnresolvedError, String(err));
        const received = sb.log.filter((r) => r.route === "CreateSIPUser" && (r.body as { login?: string })?.login === "burst0002").length;
        assert.ok(received >= 1, `sent before the deadline (the sandbox received ${received})`);
        const m = /opentact:SipUser create could not be confirmed within the operation deadline \(telephony:operationDeadlineMs, 8000 ms\): sent (\d+) times?, looked it up (\d+) times?/.exec(err.message);
        assert.ok(m, err.message);
        // Every create sent was looked up; the last one may have been cut off by the deadline before the sandbox read it.
        assert.strictEqual(m[2], m[1]);
        assert.ok(Number(m[1]) >= received && Number(m[1]) <= received + 1, `sent ${m[1]}, received ${received}`);
        assert.match(err.message, /run `pulumi up` again/);
        assert.ok(!err.message.includes("pw-burst0002"), "no secret in the message");
    });
});
