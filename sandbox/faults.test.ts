/**
 * The sandbox's one fault mechanism, over real HTTP: targeted rules (vendor, method, route name or template, query,
 * natural key; N shots; any fault kind, or the vendor's own error envelope) beside the seeded plan, whose draws
 * name generated ids by the natural keys each emulator declares.
 */
import * as assert from "assert";
import { SandboxAdmin } from "../test/harness";
import { CHIME_ACCOUNT, CHIME_USERS } from "./chime";
import { OPENTACT_CONNECTIONS } from "./opentact";
import { DEFAULT_CREDENTIALS, Sandbox, startSandbox } from "./server";

describe("sandbox: one fault mechanism (seeded plan + targeted rules)", () => {
    let sb: Sandbox;
    let admin: SandboxAdmin;
    const smartflo = (path: string, init: RequestInit = {}) =>
        fetch(`${sb.vendorUrl("smartflo")}${path}`, { ...init, headers: { authorization: `Bearer ${DEFAULT_CREDENTIALS.smartflo.token}`, "content-type": "application/json" } });
    const opentact = (path: string, init: RequestInit = {}) =>
        fetch(`${sb.vendorUrl("opentact")}${path}`, { ...init, headers: { "x-auth-token": DEFAULT_CREDENTIALS.opentact.token, "content-type": "application/json" } });
    const createSmartfloUser = (loginId: string, n: number) =>
        smartflo("/v1/user", {
            method: "POST",
            body: JSON.stringify({ name: "Rule Test", number: `+9198000003${n}0`, email: `${loginId}@example.com`, login_id: loginId, user_role: 54743, password: "long-enough-1", status: true, create_agent: false, caller_id: [1560602], create_web_login: true }),
        }).then(async (r) => ((await r.json()) as { data: { id: string } }).data.id);

    beforeEach(async () => {
        sb = await startSandbox();
        admin = new SandboxAdmin(sb.url);
    });
    afterEach(() => sb.close());

    it("a rule fires on the next N matching requests only, in the vendor's error envelope, then disarms", async () => {
        const id = await createSmartfloUser("rule.target", 1);
        await admin.faultRule({ vendor: "smartflo", method: "PATCH", route: "/v1/user/:id", fault: "vendor-error", status: 400, message: "Injected.", times: 2 });
        // Another method on the same route is not matched.
        assert.strictEqual((await smartflo(`/v1/user/${id}`)).status, 200);
        for (let i = 0; i < 2; i++) {
            const r = await smartflo(`/v1/user/${id}`, { method: "PATCH", body: JSON.stringify({ name: "Changed" }) });
            assert.strictEqual(r.status, 400);
            assert.deepStrictEqual(await r.json(), { success: false, message: "Injected." }, "Smartflo's own envelope");
        }
        assert.deepStrictEqual((await admin.faults()).rules, [], "two shots, then disarmed");
        assert.strictEqual((await smartflo(`/v1/user/${id}`, { method: "PATCH", body: JSON.stringify({ name: "Changed" }) })).status, 200);
        const f = await admin.faults();
        assert.deepStrictEqual(f.injected, { "vendor-error": 2 });
        assert.deepStrictEqual(f.draws, [], "rules take no part in the seeded draw");
        const log = (await admin.requests()).log.filter((r) => r.method === "PATCH").map((r) => `${r.status} ${r.fault ?? "none"}`);
        assert.deepStrictEqual(log, ["400 vendor-error", "400 vendor-error", "200 none"]);
    });

    it("a rule's key matches the natural key the emulator declares for a generated id, or the id itself", async () => {
        const a = await createSmartfloUser("key.a", 2);
        const b = await createSmartfloUser("key.b", 3);
        await admin.faultRule({ vendor: "smartflo", route: "GetUser", key: "user key.b", fault: "error-503" });
        assert.strictEqual((await smartflo(`/v1/user/${a}`)).status, 200, "another user is not matched");
        assert.strictEqual((await smartflo(`/v1/user/${b}`)).status, 503);
        await admin.faultRule({ vendor: "smartflo", route: "GetUser", key: a, fault: "throttle-seconds", retryAfterSeconds: 7 });
        const r = await smartflo(`/v1/user/${a}`);
        assert.deepStrictEqual([r.status, r.headers.get("retry-after")], [429, "7"]);
    });

    it("a rule matches query values (Chime's operations share a path) and answers with Chime's exception type", async () => {
        await admin.faultRule({ vendor: "chime", method: "POST", route: "/accounts/:accountId/users/:userId", query: { operation: "associate-phone-number" }, key: CHIME_USERS[1], fault: "vendor-error", status: 429 });
        const base = `${sb.vendorUrl("chime")}/accounts/${CHIME_ACCOUNT}/users/${CHIME_USERS[1]}`;
        // Unsigned: a request the rule does not match reaches authentication (403); the matched one gets the fault first.
        assert.strictEqual((await fetch(`${base}?operation=disassociate-phone-number`, { method: "POST" })).status, 403);
        const r = await fetch(`${base}?operation=associate-phone-number`, { method: "POST" });
        assert.deepStrictEqual([r.status, r.headers.get("x-amzn-errortype")], [429, "ThrottledClientException"]);
    });

    it("a lost-answer rule commits the write and never answers", async () => {
        await admin.faultRule({ vendor: "opentact", method: "POST", route: "CreateSIPUser", fault: "reset-after-commit" });
        const body = { sip_connection_uuid: OPENTACT_CONNECTIONS[0], login: "lost.answer", password: "Secret-Passw0rd" };
        await assert.rejects(opentact("/rest/sip/connection/user", { method: "POST", body: JSON.stringify(body) }));
        assert.deepStrictEqual((await admin.objects("opentact", "users")).map((u) => u.login), ["lost.answer"], "committed");
    });

    it("refuses a rule with an unknown fault kind; DELETE /_sandbox/faults lifts plan and rules", async () => {
        await assert.rejects(admin.faultRule({ vendor: "smartflo", fault: "explode" as never }), /400 .*unknown fault \\"explode\\"/);
        await admin.faultRule({ vendor: "smartflo", fault: "error-500" });
        await admin.faultPlan({ seed: 1, rate: 1 });
        await admin.clearFaults();
        const f = await admin.faults();
        assert.deepStrictEqual([f.plan, f.rules], [null, []]);
        assert.strictEqual((await smartflo("/v1/users")).status, 200);
    });

    it("a seeded draw names a generated id by the natural key its emulator declares, so runs with other ids draw alike", async () => {
        const identities: string[] = [];
        for (const run of [1, 2]) {
            const s = await startSandbox();
            try {
                const body = { sip_connection_uuid: OPENTACT_CONNECTIONS[0], login: "natural.key", password: "Secret-Passw0rd" };
                const created = await fetch(`${s.vendorUrl("opentact")}/rest/sip/connection/user`, { method: "POST", headers: { "x-auth-token": DEFAULT_CREDENTIALS.opentact.token, "content-type": "application/json" }, body: JSON.stringify(body) });
                const uuid = ((await created.json()) as { payload: { uuid: string } }).payload.uuid;
                s.faults.configure({ seed: 3, rate: 0 });
                await fetch(`${s.vendorUrl("opentact")}/rest/sip/connection/user/${uuid}`, { headers: { "x-auth-token": DEFAULT_CREDENTIALS.opentact.token } });
                identities.push(s.faults.draws.map((d) => d.identity).join());
                assert.ok(!identities[identities.length - 1].includes(uuid), "the uuid is not in the identity");
            } finally {
                await s.close();
            }
        }
        assert.match(identities[0], /user 66eb0a8a-571e-41b1-8f50-4d97275cfab7\/\/natural\.key/);
        assert.strictEqual(identities[0], identities[1]);
    });
});
