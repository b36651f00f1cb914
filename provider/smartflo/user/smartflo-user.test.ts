import * as assert from "assert";
import { Sandbox, startSandbox } from "../../../sandbox";
import { SandboxAdmin } from "../../../test/harness";
import { AuthError, ThrottledError } from "../../core/errors";
import { ManualClock } from "../../../test/clock";
import { ProviderContext } from "../../core/context";
import { Settings } from "../../core/settings";
import { createContext } from "../../runtime";
import { SmartfloClient, smartfloClient } from "../client";
import { findUserInList } from "./api";

type Obj = Record<string, any>;

describe("Smartflo login session (client over HTTP against the sandbox)", function () {
    this.timeout(120_000);
    const creds = { token: `sf-token-${"Wd3mY7rB".repeat(4)}`, email: "session-admin@example.com", password: `sf-login-${"Tc8nJ4sF".repeat(3)}` };
    let sb: Sandbox;
    let admin: SandboxAdmin;
    /** The provider's clock: a token's lifetime and a login lock pass on it, not in real time. */
    let clock: ManualClock;
    /** The configuration of each test (its login session with it); a client built with another password has its own. */
    let context: ProviderContext;
    const contextWith = (password: string) => {
        const cfg: Record<string, string> = { "telephony:smartfloBaseUrl": sb.vendorUrl("smartflo"), "telephony:smartfloEmail": creds.email, "telephony:smartfloPassword": password };
        return createContext({ settings: new Settings({ get: (k) => cfg[k] }, {}), clock });
    };
    const client = (password = creds.password) => smartfloClient(password === creds.password ? context : contextWith(password));
    const list = (c: SmartfloClient) => findUserInList(c, () => false);
    const routes = async () => (await admin.requests()).log.filter((r) => r.vendor === "smartflo" && !r.route.startsWith("__sandbox")).map((r) => `${r.route} ${r.status}`);
    const switchOn = (name: string, body: Obj = {}) =>
        fetch(`${sb.url}/_sandbox/vendors/smartflo/${name}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }).then((r) => assert.strictEqual(r.status, 200));

    before(async () => {
        sb = await startSandbox({ credentials: { smartflo: creds } });
        admin = new SandboxAdmin(sb.url);
    });
    beforeEach(async () => {
        clock = new ManualClock(Date.now());
        context = contextWith(creds.password);
        await switchOn("token-lifetime", { seconds: 3600 });
        await switchOn("lock-login", { seconds: 0 });
        await admin.resetRequests();
    });
    after(async () => {
        await sb?.close();
    });

    it("a login that meets a transient 500 or a dropped connection is retried, not failed", async () => {
        // Found by the fault suite: the login's own 429 handling had switched off the core's retries altogether.
        for (const kind of ["error-500", "reset-after-commit"]) {
            context = contextWith(creds.password); // no login yet
            await fetch(`${sb.url}/_sandbox/faults`, { method: "PUT", body: JSON.stringify({ seed: 1, rate: 1, kinds: [kind], routes: ["Login"], maxConsecutive: 1 }) });
            await admin.resetRequests();
            try {
                await list(client());
            } finally {
                await fetch(`${sb.url}/_sandbox/faults`, { method: "DELETE" });
            }
            const logins = (await admin.requests()).log.filter((r) => r.route === "Login");
            assert.strictEqual(logins.length, 2, `${kind}: one faulted login, then one that worked`);
            assert.ok(logins[0].fault === kind);
        }
    });

    it("concurrent requests share one login; a 401 on an expired token renews it once", async () => {
        const c = client();
        await Promise.all(Array.from({ length: 6 }, () => list(c)));
        assert.deepStrictEqual((await routes()).filter((r) => r.startsWith("Login")), ["Login 200"]);
        await switchOn("expire-tokens");
        await admin.resetRequests();
        await Promise.all([list(c), list(client())]);
        const after = await routes();
        assert.deepStrictEqual(after.filter((r) => r.startsWith("Login")), ["Login 200"], `one renewal: ${after.join(", ")}`);
        assert.deepStrictEqual(after.filter((r) => r.startsWith("ListUsers")).sort(), ["ListUsers 200", "ListUsers 200", "ListUsers 401", "ListUsers 401"]);
    });

    it("a token is renewed before it expires (at 5/6 of its lifetime), without a 401", async () => {
        await switchOn("token-lifetime", { seconds: 3 });
        const c = client();
        await list(c);
        clock.advance(2_700); // 0.9 of the token's life on the provider's clock (the sandbox's token is still valid)
        await list(c);
        assert.deepStrictEqual(await routes(), ["Login 200", "ListUsers 200", "Login 200", "ListUsers 200"]);
    });

    it("a 429 on login is honoured: no login before retry_after, then it goes on", async () => {
        await switchOn("lock-login", { seconds: 2 });
        // Time passes on the provider's clock only; when it does, the sandbox's lock (real time) is lifted with it.
        clock.onSleep = () => switchOn("lock-login", { seconds: 0 });
        await list(client());
        // The first wait is the lock's (the vendor's pace, slowed by the 429, then spaces the requests after it).
        assert.ok(clock.sleeps[0] >= 1_500, `waited ${clock.sleeps[0]} ms for retry_after`);
        assert.deepStrictEqual(await routes(), ["Login 429", "Login 200", "ListUsers 200"]);
    });

    it("a long lock fails at once with the time and what to do, and is not hammered", async () => {
        await switchOn("lock-login", { seconds: 3600 });
        const c = client();
        for (let i = 0; i < 2; i++) {
            await assert.rejects(list(c), (e: Error) => {
                assert.ok(e instanceof ThrottledError, e.message);
                assert.match(e.message, /logins are locked until \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} IST/);
                assert.match(e.message, /telephony:smartfloToken/);
                return true;
            });
        }
        assert.deepStrictEqual(await routes(), ["Login 429"], "the second attempt did not call the vendor");
    });

    it("a wrong password is an auth error naming the config keys and the failed count, never the password", async () => {
        const wrong = `wrong-${"Bx5pK1vM".repeat(3)}`;
        await assert.rejects(list(client(wrong)), (e: Error) => {
            assert.ok(e instanceof AuthError, e.message);
            assert.match(e.message, /Tata Smartflo Login \(POST \/v1\/auth\/login\) failed with HTTP 401/);
            assert.match(e.message, /telephony:smartfloEmail and telephony:smartfloPassword/);
            assert.match(e.message, /Failed logins so far: 1/);
            assert.ok(!e.message.includes(wrong));
            return true;
        });
    });
});
