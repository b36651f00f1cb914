/**
 * One request policy, resolved from settings and handed to every client: the resolution itself (defaults,
 * precedence, validation). That every override takes effect for every vendor: provider/request-policy.test.ts.
 */
import * as assert from "assert";
import { ProviderContext } from "./context";
import { ConfigError } from "./errors";
import { DEFAULT_POLICY, policyOf, resolvePolicy } from "./policy";
import { Settings } from "./settings";

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

    it("a context refuses a bad value when it is made, before any resource is touched", () => {
        assert.throws(
            () => new ProviderContext({ settings: settingsOf({ "telephony:maxConcurrentRequests": "many" }) }),
            /telephony:maxConcurrentRequests \(or TELEPHONY_MAX_CONCURRENT_REQUESTS\) must be a whole number of at least 1, got "many"/,
        );
    });
});

