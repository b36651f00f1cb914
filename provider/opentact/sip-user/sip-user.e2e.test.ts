import * as assert from "assert";
import { OPENTACT_CONNECTIONS, OPENTACT_DOMAINS, Sandbox } from "../../../sandbox";
import { SandboxAdmin, StackConfig, TestStack, assertPreviewRefuses, useSandboxStack } from "../../../test/harness";

const PASSWORD = `sip-pass-${"Zr4nW8vK".repeat(3)}`;
const tokenConfig = (sb: Sandbox) => ({
    "telephony:opentactBaseUrl": { value: sb.vendorUrl("opentact") },
    "telephony:opentactToken": { value: "sandbox-opentact-token", secret: true },
});
const LONG_PASSWORD = `too-long-${"Qm7vX2pL".repeat(40)}`;


describe("SipUser on the real engine: adopt, password drift, preview-time validation, login auth", function () {
    this.timeout(300_000);
    let sb: Sandbox;
    let admin: SandboxAdmin;
    /** One stack for the tests that need no config of their own: each leaves it empty. */
    let shared: TestStack;
    const setup = useSandboxStack({ stack: "sip-focus", config: tokenConfig }, (t) => ({ sb, admin, stack: shared } = t));
    const newStack = (name: string, cfg?: StackConfig) => setup.newStack(name, cfg);
    const user = (args: Record<string, unknown>) => ({ u: { type: "SipUser", args: { sipConnectionUuid: OPENTACT_CONNECTIONS[0], password: PASSWORD, ...args } } });


    it("an existing login fails without adopt, naming adopt; with adopt it is taken over and converged", async () => {
        // Someone created the user by hand in the portal.
        const r = await fetch(`${sb.vendorUrl("opentact")}/rest/sip/connection/user`, {
            method: "POST",
            headers: { "x-auth-token": "sandbox-opentact-token", "content-type": "application/json" },
            body: JSON.stringify({ login: "existing01", password: "hand-made-password", first_name: "Hand", sip_connection_uuid: OPENTACT_CONNECTIONS[0] }),
        });
        assert.strictEqual(r.status, 201);
        const s = shared;
        s.declare(user({ login: "existing01", firstName: "Declared" }));
        const refused = await s.run(["up", "--yes", "--skip-preview", "--non-interactive"]);
        assert.notStrictEqual(refused.code, 0);
        assert.match(refused.stdout + refused.stderr, /already exists.*adopt: true/s);
        assert.doesNotMatch(refused.stdout, /cannot be read from the vendor/, "every SipUser property is observable");
        assert.strictEqual((await admin.objects("opentact", "users")).length, 1, "no duplicate was created");

        s.declare(user({ login: "existing01", firstName: "Declared", adopt: true }));
        await s.up();
        const users = await admin.objects("opentact", "users");
        assert.strictEqual(users.length, 1, "adopted, not duplicated");
        assert.strictEqual(users[0].first_name, "Declared");
        assert.strictEqual(users[0].password, PASSWORD, "the declared password was set on the adopted user");
        assert.strictEqual((await s.preview(["--expect-no-changes"])).code, 0, "the plan after adopting is empty");
        await s.destroy();
        assert.deepStrictEqual(await admin.objects("opentact", "users"), []);
    });

    it("a password changed in the portal shows as drift through ha1, and up sets it back", async () => {
        const s = shared;
        s.declare(user({ login: "pwdrift01" }));
        await s.up();
        const [u] = await admin.objects("opentact", "users");
        await admin.alter("opentact", "users", u.uuid, { password: "changed-in-portal" });
        const detect = await s.refresh(["--preview-only", "--expect-no-changes", "--diff"]);
        assert.strictEqual(detect.code, 7, detect.stdout);
        // The CLI prints secret values as [secret] without a per-property marker; the resource is the update.
        assert.match(detect.stdout, /~ pulumi-nodejs:dynamic\/opentact:SipUser: \(update\)/);
        assert.ok(!detect.stdout.includes("changed-in-portal") && !detect.stdout.includes(PASSWORD), "no password in the CLI output");
        assert.strictEqual((await s.refresh()).code, 0);
        await s.up();
        const [after] = await admin.objects("opentact", "users");
        assert.strictEqual(after.password, PASSWORD);
        assert.strictEqual((await s.preview(["--expect-no-changes"])).code, 0);
        await s.destroy();
    });

    it("bad input fails at one preview, naming each property and rule, with zero vendor requests and the password never shown", async () => {
        // One resource breaking a rule of every kind: the engine reports all of its check failures together. Every
        // value the schema refuses, one by one, is the unit test's (test/bad-input.test.ts).
        const bad = {
            login: "abc",
            sipConnectionUuid: "../token/all",
            sipDomain: "sandbox1/../x",
            sipDomainUuid: "3f0c9a2b-6d4e-4f1a-9b8c-7e6d5c4b3a21",
            gender: "Robot",
            remoteIp: "999.1.1.1",
            password: LONG_PASSWORD,
        };
        await assertPreviewRefuses(shared, admin, { u: { type: "SipUser", args: bad } }, [
            /login must be 7 to 15 characters/,
            /sipConnectionUuid must be a lowercase UUID/,
            /sipConnectionUuid and sipDomain are both set/,
            /sipDomainUuid is not accepted: OpenTact addresses a SIP domain by its name; set sipDomain/,
            /sipDomain must be the SIP domain's name, a host name/,
            /gender must be one of/,
            /remoteIp must be an IPv4 address/,
            /password must be at most 255 characters; got \[secret\]/,
        ], LONG_PASSWORD.slice(0, 40));
    });

    it("email + password config logs in once per process at GET /rest/auth, and the JWT never reaches state", async () => {
        const s = await newStack("sip-login", {
            "telephony:opentactBaseUrl": { value: sb.vendorUrl("opentact") },
            "telephony:opentactEmail": { value: "ops@example.com" },
            "telephony:opentactPassword": { value: "sandbox-opentact-password", secret: true },
        });
        s.declare({
            a: { type: "SipUser", args: { sipConnectionUuid: OPENTACT_CONNECTIONS[0], login: "login0001", password: PASSWORD } },
            b: { type: "SipUser", args: { sipConnectionUuid: OPENTACT_CONNECTIONS[0], login: "login0002", password: PASSWORD } },
        });
        await admin.resetRequests();
        await s.up();
        const log = (await admin.requests()).log;
        assert.strictEqual(log.filter((r) => r.route === "GetAuthToken").length, 1, "one login for two resources");
        assert.strictEqual(log.filter((r) => r.route === "CreateSIPUser").length, 2);
        const sessions = await admin.objects("opentact", "sessions");
        const text = await s.exportText();
        for (const t of sessions) assert.ok(!text.includes(t.token), "the JWT is not in state");
        assert.ok(!text.includes("sandbox-opentact-password"));
        await s.destroy();
    });
});
