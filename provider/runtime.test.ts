/**
 * The composition root keeps one context per configuration: the dynamic-provider host calls `configure` once per
 * resource kind, while other kinds' operations are under way, so a repeated configuration must not drop the login
 * sessions, pace and in-flight limits those operations use; another configuration (or a refused one) replaces it.
 */
import * as assert from "assert";
import { ConfigSource } from "./core/settings";
import { configure, currentContext, provider, resetRuntime } from "./runtime";

const source = (values: Record<string, string>): ConfigSource => ({ get: (k) => values[k] });

describe("runtime: one context per configuration", () => {
    it("the same configuration handed over again keeps the context in force", async () => {
        await configure({ config: source({ "telephony:opentactToken": "t-1", "telephony:maxRetries": "3" }) });
        const first = currentContext();
        first.settings.get("opentactToken");
        await configure({ config: source({ "telephony:opentactToken": "t-1", "telephony:maxRetries": "3" }) });
        assert.strictEqual(currentContext(), first);
    });

    it("a configuration that agrees on every key read so far keeps the context, and what is read later comes from it", async () => {
        // Two sandboxes one after the other (bad input, then path injection): nothing but the policy was read from the
        // first, so the context stays — but the endpoints must be the second's, now and after the root hooks' reset.
        await configure({ config: source({ "telephony:maxRetries": "3", "telephony:opentactBaseUrl": "http://127.0.0.1:1001" }) });
        const first = currentContext();
        await configure({ config: source({ "telephony:maxRetries": "3", "telephony:opentactBaseUrl": "http://127.0.0.1:2002" }) });
        assert.strictEqual(currentContext(), first);
        assert.strictEqual(currentContext().settings.get("opentactBaseUrl"), "http://127.0.0.1:2002");
        resetRuntime();
        assert.strictEqual(currentContext().settings.get("opentactBaseUrl"), "http://127.0.0.1:2002");
    });

    it("another configuration starts a new context, and a refused one fails every later call", async () => {
        await configure({ config: source({ "telephony:maxRetries": "3" }) });
        const first = currentContext();
        await configure({ config: source({ "telephony:maxRetries": "4" }) });
        assert.notStrictEqual(currentContext(), first);
        assert.strictEqual(currentContext().policy.retries, 4);
        await assert.rejects(configure({ config: source({ "telephony:maxRetries": "many" }) }), /telephony:maxRetries/);
        await assert.rejects(provider("opentact:SipUser").read("x", {}), /telephony:maxRetries/);
    });

    it("resetRuntime (the root hooks) keeps the configuration but starts from a fresh context", async () => {
        await configure({ config: source({ "telephony:maxRetries": "5" }) });
        const first = currentContext();
        resetRuntime();
        assert.notStrictEqual(currentContext(), first);
        assert.strictEqual(currentContext().policy.retries, 5);
    });
});
