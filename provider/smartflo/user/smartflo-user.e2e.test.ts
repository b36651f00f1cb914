import * as assert from "assert";
import { Sandbox } from "../../../sandbox";
import { SMARTFLO_CALLER_IDS, SMARTFLO_ROLES } from "../../../sandbox/smartflo";
import { SandboxAdmin, StackConfig, TestStack, useSandboxStack } from "../../../test/harness";

const PASSWORD = `sf-user-pass-${"Qm7vR2xT".repeat(3)}`;
const [AGENT, ADMIN, SUPERVISOR] = SMARTFLO_ROLES.map((r) => r.id);
const [NUMBER_A, NUMBER_B] = SMARTFLO_CALLER_IDS.map((c) => c.id);

type Obj = Record<string, any>;

/** A user as the sandbox stores it (what someone made by hand in the portal). */
function storedUser(id: number, o: Obj = {}): Obj {
    return {
        id,
        name: `Filler ${id}`,
        number: `+9190000${String(id).padStart(6, "0")}`,
        email: `filler${id}@example.com`,
        login_id: `filler${id}`,
        user_role: AGENT,
        password: "hand-made-password",
        status: 1,
        caller_id: [NUMBER_A],
        agent_group: [],
        designation: null,
        international_outbound: false,
        block_web_login: false,
        login_based_calling: false,
        user_for_cdr: null,
        create_agent: true,
        agent_id: `05${String(id).padStart(11, "0")}`,
        intercom: 1000 + (id % 9000),
        ...o,
    };
}

describe("SmartfloUser on the real engine: adopt, preview-time validation, 400 with success:true, partial create, login", function () {
    this.timeout(300_000);
    // Long unique credentials, so that a scan of state or output for them means something.
    const creds = { token: `sf-token-${"Lp4xN8cW".repeat(4)}`, email: "smartflo-admin@example.com", password: `sf-login-${"Hv2kT9qZ".repeat(3)}` };
    let sb: Sandbox;
    let admin: SandboxAdmin;
    let s: TestStack;
    const users = () => admin.objects("smartflo", "users");
    const vendorLog = async () => (await admin.requests()).log.filter((r) => r.vendor === "smartflo");
    const switchOn = (name: string, body: Obj = {}) =>
        fetch(`${sb.url}/_sandbox/vendors/smartflo/${name}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }).then((r) => assert.strictEqual(r.status, 200));
    const setup = useSandboxStack({ sandbox: { credentials: { smartflo: creds } }, config: () => ({}) }, (t) => ({ sb, admin } = t));
    const newStack = (name: string, cfg: StackConfig) => setup.newStack(name, { "telephony:smartfloBaseUrl": { value: sb.vendorUrl("smartflo") }, ...cfg });
    const adopted = {
        name: "Declared Name",
        number: "+919800000100",
        email: "existing.agent@example.com",
        loginId: "existing.agent",
        userRole: AGENT,
        password: PASSWORD,
        callerId: [NUMBER_A],
        designation: "Support",
    };

    before(async () => {
        s = await newStack("sf-focus", { "telephony:smartfloToken": { value: creds.token, secret: true } });
    });

    it("an existing login id fails without adopt, naming adopt; with adopt it is found across pages, taken over and converged", async () => {
        // 60 other users first, so the lookup needs the second page of GET /v1/users (50 per page).
        for (let i = 1; i <= 60; i++) await admin.seed("smartflo", "users", storedUser(100000 + i));
        await admin.seed("smartflo", "users", storedUser(100100, { name: "Hand Made", number: adopted.number, email: adopted.email, login_id: adopted.loginId, user_role: ADMIN, caller_id: [NUMBER_B] }));

        s.declare({ adopted: { type: "SmartfloUser", args: adopted } });
        const refused = await s.run(["up", "--yes", "--skip-preview", "--non-interactive"]);
        assert.notStrictEqual(refused.code, 0);
        assert.match(refused.stdout + refused.stderr, /already exists.*adopt: true/s);
        assert.match(refused.stdout + refused.stderr, /login_id: The login id has already been taken/);
        assert.strictEqual((await users()).length, 61, "no duplicate was created");

        s.declare({ adopted: { type: "SmartfloUser", args: { ...adopted, adopt: true } } });
        await admin.resetRequests();
        await s.up();
        const all = await users();
        assert.strictEqual(all.length, 61, "adopted, not duplicated");
        const u = all.find((x) => x.login_id === adopted.loginId)!;
        assert.strictEqual(u.id, 100100);
        assert.strictEqual(u.name, adopted.name);
        assert.strictEqual(u.user_role, AGENT);
        assert.deepStrictEqual(u.caller_id, [NUMBER_A]);
        assert.strictEqual(u.password, PASSWORD, "the declared password was set on the adopted user");
        assert.strictEqual(u.designation, "Support");

        const log = await vendorLog();
        const lists = log.filter((r) => r.route === "ListUsers");
        assert.strictEqual(lists.length, 2, "keyset paging: two pages");
        assert.match(lists[1].path, /last_seen_id=100050/);
        assert.strictEqual(log.filter((r) => r.route === "CreateUser").length, 0, "adopting sends no create");
        // The PATCH takes user_role as a string and caller_id as string[] (the create took numbers) [D].
        const patch = log.find((r) => r.route === "PatchUser")!;
        assert.strictEqual(patch.status, 200);
        assert.strictEqual(patch.body.user_role, String(AGENT));
        assert.deepStrictEqual(patch.body.caller_id, [String(NUMBER_A)]);
        assert.strictEqual((await s.preview(["--expect-no-changes"])).code, 0, "the plan after adopting is empty");
    });

    it("a 400 whose body says success: true is a failure, named with operation, status and field", async () => {
        s.declare({ adopted: { type: "SmartfloUser", args: { ...adopted, adopt: true, callerId: [4242] } } });
        await admin.resetRequests();
        const r = await s.run(["up", "--yes", "--skip-preview", "--non-interactive"]);
        assert.notStrictEqual(r.code, 0, "up must fail");
        const out = r.stdout + r.stderr;
        assert.match(out, /Tata Smartflo Patch a User \(PATCH \/v1\/user\/\{id\}\) failed with HTTP 400/);
        assert.match(out, /caller_id: The selected caller id is invalid/);
        assert.match(out, /although its body says success: true/);
        const patch = (await vendorLog()).find((x) => x.route === "PatchUser")!;
        assert.strictEqual(patch.status, 400);
        const u = (await users()).find((x) => x.login_id === adopted.loginId)!;
        assert.deepStrictEqual(u.caller_id, [NUMBER_A], "nothing changed at the vendor");
        // The failed update left state as it was: the change is still pending.
        assert.notStrictEqual((await s.preview(["--expect-no-changes"])).code, 0);
        s.declare({ adopted: { type: "SmartfloUser", args: { ...adopted, adopt: true } } });
    });

    it("bad input fails at preview, naming property and rule, with zero vendor requests", async () => {
        const secretValue = "Zq9!x";
        s.declare({
            adopted: { type: "SmartfloUser", args: { ...adopted, adopt: true } },
            bad: {
                type: "SmartfloUser",
                args: { name: "Bad", number: "12ab", email: "not-an-email", loginId: "has space", userRole: -1, password: secretValue, callerId: [], routeCallThrough: 5, userForCdr: { type: "some" } },
            },
        });
        await admin.resetRequests();
        const r = await s.preview();
        const out = r.stdout + r.stderr;
        assert.notStrictEqual(r.code, 0);
        assert.match(out, /number must be a phone number of its country's numbering plan: not a phone number[^\n]*; got "12ab"/);
        assert.match(out, /email must be an email address; got "not-an-email"/);
        assert.match(out, /loginId must not contain spaces/);
        assert.match(out, /userRole must be a positive integer id; got -1/);
        assert.match(out, /password must be at least 8 characters; got \[secret\]/);
        assert.match(out, /callerId must name at least one number id/);
        assert.match(out, /routeCallThrough must be 0, 1 or 2; got 5/);
        assert.match(out, /userForCdr must be one of all, none, user, agent/);
        assert.ok(!out.includes(secretValue), "the secret value is masked");
        assert.deepStrictEqual(await vendorLog(), [], "preview sent nothing to Smartflo");
    });

    it("a create whose follow-up PATCH fails keeps the user in state; the next up finishes it without a duplicate", async () => {
        const partial = { name: "Partial User", number: "+919800000200", email: "partial@example.com", loginId: "partial.user", userRole: SUPERVISOR, password: PASSWORD, callerId: [NUMBER_B], designation: "Night shift", blocked: true, department: [3] };
        s.declare({ adopted: { type: "SmartfloUser", args: { ...adopted, adopt: true } }, partial: { type: "SmartfloUser", args: partial } });
        await admin.faultRule({ vendor: "smartflo", method: "PATCH", route: "PatchUser", fault: "vendor-error", status: 400, message: "Injected by the sandbox: this PATCH fails." });
        await admin.resetRequests();
        const failed = await s.run(["up", "--yes", "--skip-preview", "--non-interactive"]);
        assert.notStrictEqual(failed.code, 0, "up must fail");
        assert.match(failed.stdout + failed.stderr, /was created but not fully configured.*Injected by the sandbox.*The next `pulumi up` finishes it/s);
        const mine = (await users()).filter((u) => u.login_id === partial.loginId);
        assert.strictEqual(mine.length, 1, "the user exists once at the vendor");
        assert.strictEqual(mine[0].designation, null, "the follow-up PATCH did not land");
        const state = JSON.parse(await s.exportText());
        const rec = state.deployment.resources.find((r: Obj) => r.urn.endsWith("::partial"));
        assert.ok(rec, "the partially created user is in state");
        assert.strictEqual(rec.id, String(mine[0].id), "state holds the vendor's id");

        await admin.resetRequests();
        await s.up();
        const after = (await users()).filter((u) => u.login_id === partial.loginId);
        assert.strictEqual(after.length, 1, "no duplicate");
        assert.strictEqual(after[0].id, mine[0].id, "the same user was finished, not replaced");
        assert.strictEqual(after[0].designation, "Night shift");
        assert.strictEqual(after[0].status, 0, "blocked");
        assert.deepStrictEqual(after[0].department, [3]);
        const routes = (await vendorLog()).map((r) => r.route);
        assert.ok(!routes.includes("CreateUser") && !routes.includes("DeleteUser"), `finished in place: ${routes.join(", ")}`);
        assert.strictEqual((await s.preview(["--expect-no-changes"])).code, 0);
    });

    it("a designation the vendor accepts but silently ignores fails `up`, naming the property and the field sent, on update and on create", async () => {
        // The seed names the PATCH field `destination`, the white-label twin's page `designation` [D]: the sandbox is
        // switched to the twin's name, so the `destination` the provider sends is dropped without a word.
        await switchOn("designation-field", { field: "designation" });
        try {
            s.declare({ adopted: { type: "SmartfloUser", args: { ...adopted, adopt: true, designation: "Regional lead" } } });
            for (let attempt = 1; attempt <= 2; attempt++) {
                await admin.resetRequests();
                const r = await s.run(["up", "--yes", "--skip-preview", "--non-interactive"]);
                const out = r.stdout + r.stderr;
                assert.notStrictEqual(r.code, 0, `attempt ${attempt}: up must fail, not leave a diff for later`);
                assert.match(out, /smartflo:SmartfloUser 100100: the vendor accepted the request but did not apply designation \(sent as the field `destination`\), which reads back as "Support"/);
                const patch = (await vendorLog()).find((x) => x.route === "PatchUser")!;
                assert.deepStrictEqual([patch.status, Object.keys(patch.body)], [200, ["destination"]], "one accepted PATCH carrying destination");
            }
            assert.strictEqual((await users()).find((u) => u.login_id === adopted.loginId)!.designation, "Support", "the vendor kept the old designation");

            const fresh = { name: "Ignored Field", number: "+919800000400", email: "ignored@example.com", loginId: "ignored.field", userRole: AGENT, password: PASSWORD, callerId: [NUMBER_A], designation: "Trainee" };
            s.declare({ adopted: { type: "SmartfloUser", args: { ...adopted, adopt: true } }, fresh: { type: "SmartfloUser", args: fresh } });
            const created = await s.run(["up", "--yes", "--skip-preview", "--non-interactive"]);
            assert.notStrictEqual(created.code, 0);
            assert.match(created.stdout + created.stderr, /was created but not fully configured: .*did not apply designation \(sent as the field `destination`\)/s);
            assert.strictEqual((await users()).filter((u) => u.login_id === fresh.loginId).length, 1, "created once, kept in state");
        } finally {
            await switchOn("designation-field", { field: "destination" });
        }
        // With the seed's field name the same program converges, and the plan is empty.
        await s.up();
        const all = await users();
        assert.strictEqual(all.find((u) => u.login_id === "ignored.field")!.designation, "Trainee");
        assert.strictEqual(all.find((u) => u.login_id === adopted.loginId)!.designation, "Support");
        assert.strictEqual((await s.preview(["--expect-no-changes"])).code, 0);
        s.declare({ adopted: { type: "SmartfloUser", args: { ...adopted, adopt: true } } });
        await s.up();
    });

    it("email + password: one login per process for two users; no credential or token in state", async () => {
        const st = await newStack("sf-login", {
            "telephony:smartfloEmail": { value: creds.email },
            "telephony:smartfloPassword": { value: creds.password, secret: true },
        });
        const user = (n: number) => ({ type: "SmartfloUser", args: { name: `Login ${n}`, number: `+91980000030${n}`, email: `login${n}@example.com`, loginId: `login.${n}`, userRole: AGENT, password: PASSWORD, callerId: [NUMBER_A] } });
        st.declare({ one: user(1), two: user(2) });
        await admin.resetRequests();
        await st.up();
        const log = await vendorLog();
        assert.strictEqual(log.filter((r) => r.route === "Login").length, 1, `one login: ${log.map((r) => r.route).join(", ")}`);
        assert.strictEqual(log.filter((r) => r.route === "CreateUser" && r.status === 200).length, 2);
        assert.ok(log.every((r) => r.status === 200), "every request was authenticated");
        const text = await st.exportText();
        const issued = sb.store.collection("smartflo", "sessions").map((x) => x.token as string);
        assert.ok(issued.length > 0);
        for (const secret of [creds.password, PASSWORD, ...issued]) assert.ok(!text.includes(secret), "no secret in plaintext state");
        await st.destroy();
        assert.strictEqual((await users()).filter((u) => /^login\./.test(u.login_id)).length, 0);
    });
});
