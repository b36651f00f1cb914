/**
 * The Chime SDK client under the sandbox's network fault kinds: its retry loop is driven by the core's strategy and
 * its handler reads whole bodies within the request timeout, so each kind costs one retry, never the deadline. The
 * client runs on a clock the test moves: a fault that leaves the request hanging is timed out by moving the clock past
 * the request timeout once the sandbox holds it, and a Retry-After passes at once.
 */
import * as assert from "assert";
import { startSandbox } from "../../sandbox";
import { CHIME_ACCOUNT } from "../../sandbox/chime";
import { FaultKind } from "../../sandbox/faults";
import { DEFAULT_CREDENTIALS } from "../../sandbox/server";
import { Settings } from "../core/settings";
import { ManualClock, until } from "../../test/clock";
import { withAwsTestKey } from "../../test/harness";
import { createContext } from "../runtime";
import { chimeClient } from "./client";
import { getUser } from "./user-number/api";

describe("Amazon Chime client under the sandbox's fault kinds (real SDK, real HTTP)", function () {
    this.timeout(60_000);
    const kinds: FaultKind[] = ["stall-mid-body", "accept-never-answer", "truncated-body", "non-json-body", "throttle-no-retry-after", "error-503"];
    for (const kind of kinds) {
        it(`${kind}: GetUser is retried once and succeeds`, async () => {
            const sb = await startSandbox({ credentials: { chime: DEFAULT_CREDENTIALS.chime } });
            try {
                await withAwsTestKey(async () => {
                    await fetch(`${sb.url}/_sandbox/objects/chime/users`, { method: "POST", body: JSON.stringify({ UserId: "u1", AccountId: CHIME_ACCOUNT, PrimaryProvisionedNumber: null }) });
                    // Every first request of an identity faults; the cap spares the second.
                    await fetch(`${sb.url}/_sandbox/faults`, { method: "PUT", body: JSON.stringify({ seed: 1, rate: 1, kinds: [kind], maxConsecutive: 1, retryAfterSeconds: 1 }) });
                    const cfg: Record<string, string> = { "telephony:chimeEndpoint": sb.vendorUrl("chime"), "telephony:requestTimeoutMs": "800", "telephony:operationDeadlineMs": "30000" };
                    const clock = new ManualClock(Date.now());
                    const c = chimeClient(createContext({ settings: new Settings({ get: (k) => cfg[k] }, {}), clock }));
                    const getting = getUser(c, CHIME_ACCOUNT, "u1");
                    if (kind === "stall-mid-body" || kind === "accept-never-answer") {
                        // A stall that outlived the request timeout would end in an error at the deadline, with no second request.
                        await until(() => sb.log.some((r) => r.fault === kind) && clock.pendingTimers > 0);
                        clock.advance(800);
                    }
                    const u = await getting;
                    assert.strictEqual(u.UserId, "u1");
                    const gets = sb.log.filter((r) => r.vendor === "chime" && r.route === "GetUser");
                    assert.deepStrictEqual(gets.map((r) => r.fault ?? "none"), [kind, "none"]);
                });
            } finally {
                await sb.close();
            }
        });
    }
});
