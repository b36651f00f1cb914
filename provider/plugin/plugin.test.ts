/**
 * The provider plugin without the engine: its derived schema, and its provider methods called as the SDK's gRPC
 * server calls them (secret envelopes, imports with an id only, per-instance configuration) against the sandbox
 * over loopback HTTP. The engine runs are in test/plugin-yaml.e2e.test.ts.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { DEFAULT_CREDENTIALS, OPENTACT_CONNECTIONS, OPENTACT_DOMAINS, Sandbox, startSandbox } from "../../sandbox";
import { CHIME_ACCOUNT, CHIME_USERS } from "../../sandbox/chime";
import { SandboxAdmin, setAwsTestKey, vendorConfig } from "../../test/harness";
import { telephonyKinds } from "../../cli/resources";
import { buildPlan, policyViolations } from "../../cli/plan";
import { ExportedObject, renderImportFile } from "../../cli/export";
import { planRecovery } from "../../cli/recover";
import { CreateJournal } from "../core/journal";
import { SCOPE_INPUT, backendOf, identityOfUrn, scopeOf } from "../core/scope";
import { kindOf } from "../../policy/rules";
import { inputsOf } from "../core/attributes";
import { descriptionOf } from "../core/descriptor";
import { resourceSchema } from "../core/pulumi-schema";
import { RESOURCES, sandboxConfig } from "../registry";
import { currentContext } from "../runtime";
import { CONFIG_KEYS, configFromEnvironment, configSource } from "./config";
import { forwardConfigure, readWithoutPropertiesIsEmpty } from "./main";
import { SECRET_SIG, SIG_KEY, TelephonyProvider, isSecret, reveal, secret } from "./provider";
import { packageSchema, packageVersion } from "./schema";
import { TOKENS, kindOfToken, tokenOf } from "./tokens";

type Props = Record<string, any>;

const REPO = path.resolve(__dirname, "..", "..", "..");
const urn = (token: string, name = "r") => `urn:pulumi:test::plugin::${token}::${name}`;
const SIP = urn("telephony:opentact:SipUser");

describe("provider plugin: the schema is derived from the resources' declarations", () => {
    const schema = packageSchema() as any;

    it("serves the five resources under telephony:<vendor>:<Name>, and the Person component, at the package's version", () => {
        assert.deepStrictEqual(Object.keys(schema.resources).sort(), [
            "telephony:chime:UserNumber",
            "telephony:index:Person",
            "telephony:ippanel:NumberAssignment",
            "telephony:opentact:SipUser",
            "telephony:smartflo:User",
            "telephony:verigator:User",
        ]);
        assert.strictEqual(schema.name, "telephony");
        assert.strictEqual(schema.version, JSON.parse(fs.readFileSync(path.join(REPO, "package.json"), "utf8")).version);
        assert.strictEqual(new TelephonyProvider(configSource({})).version, packageVersion());
        for (const d of RESOURCES) assert.strictEqual(kindOfToken(tokenOf(d)), d.kind);
    });

    it("telephony:index:Person: a component whose section types are the sections' keys with the specs of the resource properties they set", () => {
        const person = schema.resources["telephony:index:Person"];
        assert.strictEqual(person.isComponent, true);
        assert.deepStrictEqual(Object.keys(person.inputProperties), ["login", "name", "email", "password", "status", "adopt", "sip", "agent", "numbers", "chime", "verigator"]);
        assert.strictEqual(person.inputProperties.password.secret, true);
        const agent = schema.types["telephony:index:PersonAgent"].properties;
        assert.ok(!("password" in agent) && !("blocked" in agent), "the password is the person's, blocked the status's");
        assert.deepStrictEqual(agent.number, schema.resources["telephony:smartflo:User"].inputProperties.number);
        const number = schema.types["telephony:index:PersonNumber"].properties;
        assert.deepStrictEqual(Object.keys(number), ["number", "numberId", "ippanelUser", "ippanelUserId", "send", "gets"]);
        assert.strictEqual(number.ippanelUser.description, schema.resources["telephony:ippanel:NumberAssignment"].inputProperties.targetUser.description);
        assert.deepStrictEqual([number.send.default, number.gets.default], [true, true]);
        assert.deepStrictEqual(schema.types["telephony:index:PersonChime"].properties.number, schema.resources["telephony:chime:UserNumber"].inputProperties.e164PhoneNumber);
        assert.ok(!("sipDomainUuid" in schema.types["telephony:index:PersonSip"].properties), "a refused, deprecated property is not offered");
    });

    for (const d of RESOURCES) {
        const token = tokenOf(d);
        it(`${token}: the resource is what core/pulumi-schema.ts derives from its declarations, described by its class's TSDoc and how to import it`, () => {
            const r = schema.resources[token];
            const derived = resourceSchema(d);
            assert.deepStrictEqual(r.inputProperties, derived.resource.inputProperties);
            assert.deepStrictEqual(r.properties, derived.resource.properties);
            assert.deepStrictEqual([r.requiredInputs, r.required], [derived.resource.requiredInputs, derived.resource.required]);
            for (const [t, spec] of Object.entries(derived.types)) assert.deepStrictEqual(schema.types[t], spec);
            assert.deepStrictEqual(Object.keys(r.inputProperties), [...inputsOf(d.attributes), "adopt"]);
            assert.ok(descriptionOf(d).length > 0, `${d.kind}'s class has TSDoc`);
            assert.ok(r.description.startsWith(`${descriptionOf(d)}\n\n## Import\n\n`), r.description);
            assert.match(r.inputProperties.adopt.description, /^Take over an object that already exists at the vendor/);
        });
    }

    it("secrets and replace-on-change properties reach the package marked (a password, SIP digests; a SIP user's parent)", () => {
        const sip = schema.resources["telephony:opentact:SipUser"];
        assert.deepStrictEqual(Object.keys(sip.properties).filter((k) => sip.properties[k].secret), ["password", "ha1", "ha1b"]);
        assert.deepStrictEqual(Object.keys(sip.inputProperties).filter((k) => sip.inputProperties[k].willReplaceOnChanges), ["sipConnectionUuid", "sipDomain"]);
        assert.strictEqual(schema.resources["telephony:smartflo:User"].inputProperties.userForCdr.$ref, "#/types/telephony:smartflo:UserUserForCdr");
        assert.ok("telephony:smartflo:UserUserForCdr" in schema.types);
    });

    it("each resource documents its import id; IPPanel says why it cannot be imported", () => {
        assert.match(schema.resources["telephony:opentact:SipUser"].description, /pulumi import telephony:opentact:SipUser <name> '<sipConnectionUuid>\/<uuid>'/);
        assert.match(schema.resources["telephony:chime:UserNumber"].description, /'<accountId>\/<userId>'/);
        assert.match(schema.resources["telephony:verigator:User"].description, /'<serviceId>\/<userId>'.*|`phoneNumber` cannot be read/s);
        assert.match(schema.resources["telephony:ippanel:NumberAssignment"].description, /## Import\n\nNot supported: IPPanel's API cannot show who holds a number/);
    });

    it("configuration: the README's telephony:* keys, as stack config and as an explicit provider's inputs, secrets marked", () => {
        const readme = fs.readFileSync(path.join(REPO, "README.md"), "utf8");
        const table = readme.slice(readme.indexOf("## Configuration"), readme.indexOf("## Conventions"));
        const keys = table
            .split("\n")
            .filter((l) => l.startsWith("| `telephony:"))
            .flatMap((l) => [...l.split(" | ")[0].matchAll(/`telephony:([^`]+)`/g)].map((m) => m[1]))
            .flatMap((k) => (k === "<vendor>RequestsPerSecond" ? ["opentact", "smartflo", "ippanel", "chime", "verigator"].map((v) => `${v}RequestsPerSecond`) : [k]));
        assert.deepStrictEqual(CONFIG_KEYS.map((k) => k.key), keys);
        assert.deepStrictEqual(Object.keys(schema.config.variables), keys);
        assert.deepStrictEqual(Object.keys(schema.provider.inputProperties), keys);
        const secret = Object.entries(schema.provider.inputProperties).filter(([, p]) => (p as any).secret).map(([k]) => k);
        assert.deepStrictEqual(secret, ["opentactToken", "opentactPassword", "smartfloToken", "smartfloPassword", "ippanelApiKey", "chimeSecretKey", "chimeToken", "verigatorPassword"]);
    });

    it("the policy pack and the drift and plan reports know the plugin's tokens as the resources' kinds", () => {
        assert.strictEqual(kindOf("telephony:smartflo:User"), "smartflo:SmartfloUser");
        assert.strictEqual(kindOf("pulumi-nodejs:dynamic/smartflo:SmartfloUser"), "smartflo:SmartfloUser");
        assert.strictEqual(kindOf("telephony:smartflo:Nope"), undefined);
        for (const token of TOKENS) assert.strictEqual(telephonyKinds(token)?.kind, kindOfToken(token));
        assert.deepStrictEqual(telephonyKinds("telephony:opentact:SipUser")?.secret, ["password"]);
        // The plan report of a plugin resource's preview step, and a policy violation on one.
        const type = "telephony:opentact:SipUser";
        const u = `urn:pulumi:prod::p::${type}::alice`;
        const state = (firstName: string) => ({ type, urn: u, id: "id", parent: "", provider: "", inputs: { login: "alice0001", firstName }, outputs: { login: "alice0001", firstName } });
        const events = [
            { sequence: 1, timestamp: 0, resourcePreEvent: { metadata: { op: "update", urn: u, type, old: state("Alice"), new: state("Alicia"), provider: "" } } },
            { sequence: 2, timestamp: 0, policyEvent: { resourceUrn: u, message: "m", color: "never", policyName: "password-strength", policyPackName: "telephony", policyPackVersion: "0.1.0", policyPackVersionTag: "0.1.0", enforcementLevel: "advisory" } },
        ] as any[];
        const plan = buildPlan("prod", events);
        assert.deepStrictEqual(plan.changes.map((c) => [c.name, c.type, c.properties.map((p) => [p.name, p.old, p.new])]), [["alice", "opentact:SipUser", [["firstName", "Alice", "Alicia"]]]]);
        assert.deepStrictEqual(policyViolations(events).map((v) => [v.name, v.type]), [["alice", "opentact:SipUser"]]);
    });
});

describe("provider plugin: the SDK server's gaps are bridged", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const pb = require("@pulumi/pulumi/proto/provider_pb");
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const grpcPb = require("@pulumi/pulumi/proto/provider_grpc_pb");
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { Struct } = require("google-protobuf/google/protobuf/struct_pb");

    it("a Read without properties (pulumi import) reads as an empty struct; one with properties is unchanged", () => {
        readWithoutPropertiesIsEmpty();
        const req = new pb.ReadRequest();
        req.setId("x");
        assert.deepStrictEqual(req.getProperties().toJavaScript(), {});
        req.setProperties(Struct.fromJavaScript({ login: "alice.sip" }));
        assert.deepStrictEqual(req.getProperties().toJavaScript(), { login: "alice.sip" });
    });

    it("Configure's provider inputs reach the provider as the request is decoded, secrets opened; the legacy variables too", () => {
        const method = grpcPb.ResourceProviderService.configure;
        const original = method.requestDeserialize;
        const seen: Array<Record<string, unknown>> = [];
        try {
            forwardConfigure((values) => seen.push(values));
            const withArgs = new pb.ConfigureRequest();
            withArgs.setArgs(Struct.fromJavaScript({ opentactBaseUrl: "http://127.0.0.1:9", opentactToken: secret("tok-123"), requestTimeoutMs: 5000, version: "0.1.0" }));
            const decoded = method.requestDeserialize(Buffer.from(withArgs.serializeBinary()));
            assert.strictEqual(decoded.getArgs().toJavaScript().opentactBaseUrl, "http://127.0.0.1:9", "the server still gets the request");
            const legacy = new pb.ConfigureRequest();
            legacy.getVariablesMap().set("telephony:config:ippanelApiKey", "key-1");
            method.requestDeserialize(Buffer.from(legacy.serializeBinary()));
            assert.deepStrictEqual(seen, [{ opentactBaseUrl: "http://127.0.0.1:9", opentactToken: "tok-123", requestTimeoutMs: 5000 }, { ippanelApiKey: "key-1" }]);
            const settings = configSource(seen[0]);
            assert.deepStrictEqual([settings.get("telephony:opentactToken"), settings.get("telephony:requestTimeoutMs"), settings.get("aws:region")], ["tok-123", "5000", undefined]);
        } finally {
            method.requestDeserialize = original;
        }
    });

    it("before Configure, the stack config PULUMI_CONFIG carries (namespace stripped) is in force", () => {
        const c = configFromEnvironment({ PULUMI_CONFIG: JSON.stringify({ opentactBaseUrl: "https://ot.example" }) });
        assert.strictEqual(c.get("telephony:opentactBaseUrl"), "https://ot.example");
        assert.strictEqual(configFromEnvironment({ PULUMI_CONFIG: "not json" }).get("telephony:opentactBaseUrl"), undefined);
    });

    it("secret envelopes: opened at every depth on the way in", () => {
        assert.deepStrictEqual(reveal({ a: secret("x"), b: [secret(1), { c: secret(secret("y")) }], d: "plain" }), { a: "x", b: [1, { c: "y" }], d: "plain" });
        assert.ok(isSecret({ [SIG_KEY]: SECRET_SIG, value: "v" }));
    });
});

describe("provider plugin against the sandbox (provider methods as the engine calls them)", function () {
    this.timeout(120_000);
    let sb: Sandbox;
    let admin: SandboxAdmin;
    let provider: TelephonyProvider;
    let restoreAws: () => void;
    const PASSWORD = "plugin-sip-password-1";

    // The create journal of this file's stacks (check gives every resource its stack scope, so creates are journaled).
    const journalDir = fs.mkdtempSync(path.join(os.tmpdir(), "plugin-journal-"));

    before(async () => {
        sb = await startSandbox();
        admin = new SandboxAdmin(sb.url);
        restoreAws = setAwsTestKey();
        const values = Object.fromEntries(Object.entries(vendorConfig(sb)).map(([k, v]) => [k.replace(/^telephony:/, ""), v.value]));
        provider = new TelephonyProvider(configSource({ ...values, journalDir }));
    });
    after(async () => {
        restoreAws();
        await sb.close();
        fs.rmSync(journalDir, { recursive: true, force: true });
    });

    const declared = { sipConnectionUuid: OPENTACT_CONNECTIONS[0], login: "plugin.u01", firstName: "Plug" };

    it("check opens a secret password to validate it and seals it again; a plain one comes back sealed; failures name the rule", async () => {
        const fromSecret = await provider.check(SIP, {}, { ...declared, password: secret(PASSWORD) });
        const fromPlain = await provider.check(SIP, {}, { ...declared, password: PASSWORD });
        assert.deepStrictEqual(fromSecret.failures, []);
        for (const r of [fromSecret, fromPlain]) assert.deepStrictEqual(r.inputs.password, secret(PASSWORD));
        assert.strictEqual(fromPlain.inputs.login, "plugin.u01");
        const bad = await provider.check(SIP, {}, { ...declared, login: "ab", password: secret(PASSWORD) });
        assert.ok(bad.failures!.some((f) => f.property === "login" && /7 to 15 characters/.test(f.reason)));
        await assert.rejects(provider.check(urn("telephony:opentact:Nope"), {}, {}), /unknown resource type telephony:opentact:Nope: .* serves telephony:opentact:SipUser, telephony:smartflo:User/);
    });

    let id = "";
    let outs: Props = {};
    it("create, an empty diff, read, a one-field update and delete run through the shared reconciler; every secret output is sealed", async () => {
        await admin.resetRequests();
        const inputs = (await provider.check(SIP, {}, { ...declared, password: secret(PASSWORD) })).inputs;
        const created = await provider.create(SIP, inputs);
        ({ id, outs } = created as { id: string; outs: Props });
        for (const k of ["password", "ha1", "ha1b"]) assert.ok(isSecret(outs[k]), `${k} sealed`);
        assert.strictEqual(outs.uuid, id);
        const live = await admin.objects("opentact", "users");
        assert.deepStrictEqual(live.map((u) => [u.uuid, u.login, u.password]), [[id, "plugin.u01", PASSWORD]]);
        assert.deepStrictEqual(await provider.diff(id, SIP, outs, inputs), { changes: false, replaces: [], deleteBeforeReplace: false });
        const read = await provider.read(id, SIP, outs);
        assert.strictEqual(read.id, id);
        assert.ok(isSecret(read.props.ha1) && isSecret(read.inputs.password));
        const edited = (await provider.check(SIP, inputs, { ...declared, firstName: "Plugged", password: secret(PASSWORD) })).inputs;
        assert.deepStrictEqual(await provider.diff(id, SIP, outs, edited), { changes: true, replaces: [], deleteBeforeReplace: false });
        await admin.resetRequests();
        const updated = await provider.update(id, SIP, outs, edited);
        assert.strictEqual(updated.outs.firstName, "Plugged");
        assert.ok(isSecret(updated.outs.ha1));
        assert.deepStrictEqual((await admin.requests()).log.filter((r) => r.method !== "GET").map((r) => [r.method, r.route, Object.keys(r.body ?? {})]), [["PATCH", "ModifySIPUser", ["first_name"]]]);
        outs = updated.outs;
    });

    it("pulumi import: a read with only an id imports by `<connection>/<uuid>` or `<domain>/<uuid>`, stored under the uuid, the password never read", async () => {
        const r = await provider.read(`${OPENTACT_CONNECTIONS[0]}/${id}`, SIP, undefined);
        assert.strictEqual(r.id, id);
        assert.deepStrictEqual(r.inputs, { sipConnectionUuid: OPENTACT_CONNECTIONS[0], login: "plugin.u01", firstName: "Plugged" });
        assert.ok(isSecret(r.props.ha1) && r.props.password === undefined);
        // A domain user, made out of band through the domain API.
        const made = await fetch(`${sb.vendorUrl("opentact")}/rest/sip/domain/${OPENTACT_DOMAINS[0]}/user`, {
            method: "POST",
            headers: { "x-auth-token": "sandbox-opentact-token", "content-type": "application/json" },
            body: JSON.stringify({ login: "desk.plugin", password: "portal-password", first_name: "Desk", gender: "Other" }),
        }).then((x) => x.json() as Promise<any>);
        const uuid = (made.payload ?? made).uuid;
        const d = await provider.read(`${OPENTACT_DOMAINS[0].toUpperCase()}/${uuid}`, SIP, {});
        assert.deepStrictEqual([d.id, d.inputs], [uuid, { sipDomain: OPENTACT_DOMAINS[0], login: "desk.plugin", firstName: "Desk", gender: "Other" }]);
        await assert.rejects(provider.read(id, SIP, {}), /not a SipUser import id: expected <sipConnectionUuid>\/<uuid> or <sipDomain>\/<uuid>/);
        assert.deepStrictEqual(await provider.read(`${OPENTACT_CONNECTIONS[0]}/00000000-0000-4000-8000-000000000000`, SIP, {}), { id: "" }, "no such user: nothing to import");
    });

    it("pulumi import of the other kinds: Chime by account/user, IPPanel refused with the reason and what to do", async () => {
        const user = CHIME_USERS[1];
        const chime = urn("telephony:chime:UserNumber");
        const made = await provider.create(chime, (await provider.check(chime, {}, { accountId: CHIME_ACCOUNT, userId: user, e164PhoneNumber: "+12065550101" })).inputs);
        const r = await provider.read(`${CHIME_ACCOUNT}/${user}`, chime, {});
        assert.deepStrictEqual([r.id, r.inputs], [made.id, { accountId: CHIME_ACCOUNT, userId: user, e164PhoneNumber: "+12065550101" }]);
        await provider.delete(made.id, chime, made.outs);
        await assert.rejects(provider.read("+983000505/testuser", urn("telephony:ippanel:NumberAssignment"), {}), /ippanel:NumberAssignment cannot be imported: IPPanel's API cannot show who holds a number.*adopt: true/);
    });

    it("pulumi import of a Smartflo user: what the read cannot show is not imported, and the program generated from it diffs empty", async () => {
        const made = await fetch(`${sb.vendorUrl("smartflo")}/v1/user`, {
            method: "POST",
            headers: { authorization: `Bearer ${DEFAULT_CREDENTIALS.smartflo.token}`, "content-type": "application/json" },
            body: JSON.stringify({ name: "Imp Orted", number: "+919800000001", email: "imp@example.com", login_id: "imp.orted", user_role: 54743, password: "portal-password-1", status: true, create_agent: true, caller_id: [1560602], create_web_login: false }),
        }).then((x) => x.json() as Promise<any>);
        const smartflo = urn("telephony:smartflo:User");
        const r = await provider.read(String(made.data.id), smartflo, {});
        assert.deepStrictEqual(r.inputs, { name: "Imp Orted", number: "+919800000001", email: "imp@example.com", loginId: "imp.orted", userRole: 54743, blocked: false, blockWebLogin: false, internationalOutbound: false, loginBasedCalling: false, userForCdr: { type: "all", value: [] }, createAgent: true });
        for (const k of ["password", "callerId", "agentGroup"]) assert.ok(!(k in r.inputs), `${k} is not imported`);
        assert.deepStrictEqual([r.inputs.createAgent, r.props.createAgent], [true, true], "as state holds a declared user: createAgent's default");
        const program = (await provider.check(smartflo, r.inputs, r.inputs)).inputs;
        assert.deepStrictEqual(await provider.diff(r.id!, smartflo, r.props, program), { changes: false, replaces: [], deleteBeforeReplace: false });
        // A refresh reads it back as it stands: its diff (the live object against the stored inputs) is empty too.
        const refreshed = await provider.read(r.id!, smartflo, r.props);
        assert.deepStrictEqual(await provider.diff(r.id!, smartflo, refreshed.props, r.inputs), { changes: false, replaces: [], deleteBeforeReplace: false });
        await assert.rejects(provider.read("not-a-number", smartflo, {}), /not a SmartfloUser import id: expected Smartflo's user id/);
    });

    it("a create whose answer is lost after the vendor committed it ends in exactly one user: the reconciler's recovery, through the plugin", async () => {
        await admin.faultRule({ vendor: "opentact", method: "POST", route: "CreateSIPUser", fault: "reset-after-commit" });
        const args = { sipConnectionUuid: OPENTACT_CONNECTIONS[0], login: "plugin.lost1", firstName: "Lost", password: secret(PASSWORD) };
        const made = await provider.create(SIP, (await provider.check(SIP, {}, args)).inputs);
        const users = (await admin.objects("opentact", "users")).filter((u) => u.login === "plugin.lost1");
        assert.deepStrictEqual(users.map((u) => u.uuid), [made.id], "one user, the one the lost create made");
        assert.strictEqual((await admin.faults()).injected["reset-after-commit"], 1);
        await provider.delete(made.id, SIP, made.outs);
    });

    it("each provider instance runs in a context of its own: another instance's calls between its own leave its login session, and the runtime's context, alone", async () => {
        const settingsOf = (auth: "login" | "token") =>
            configSource(Object.fromEntries(Object.entries(sandboxConfig((v) => sb.vendorUrl(v), DEFAULT_CREDENTIALS, auth)).map(([k, v]) => [k.replace(/^telephony:/, ""), v.value])));
        const byLogin = new TelephonyProvider(settingsOf("login"));
        const byToken = new TelephonyProvider(settingsOf("token"));
        const runtimeContext = currentContext();
        await admin.resetRequests();
        for (let round = 0; round < 2; round++) for (const p of [byLogin, byToken]) assert.strictEqual((await p.read(id, SIP, outs)).id, id);
        const routes = (await admin.requests()).log.filter((r) => r.vendor === "opentact").map((r) => r.route);
        assert.deepStrictEqual(routes.filter((r) => r === "GetAuthToken"), ["GetAuthToken"], "one login, kept by the instance that logs in");
        assert.strictEqual(routes.length, 5, routes.join(", "));
        assert.strictEqual(currentContext(), runtimeContext, "the plugin's instances never reconfigure the runtime's context");
    });

    it("delete removes the user; a provider instance's own settings are the only ones in force (an explicit provider)", async () => {
        await provider.delete(id, SIP, outs);
        assert.deepStrictEqual(await admin.objects("opentact", "users").then((us) => us.filter((u) => u.uuid === id)), []);
        // Another instance pointed at a closed port: its own setting, not the first instance's, decides where requests go.
        const elsewhere = new TelephonyProvider(configSource({ opentactBaseUrl: "http://127.0.0.1:9", opentactToken: "t", maxRetries: 0, requestTimeoutMs: 2000 }));
        await assert.rejects(elsewhere.read(`${OPENTACT_CONNECTIONS[0]}/${id}`, SIP, {}), /127\.0\.0\.1:9|ECONNREFUSED|not sent/i);
        elsewhere.configure(configSource({}));
        await assert.rejects(elsewhere.read(`${OPENTACT_CONNECTIONS[0]}/${id}`, SIP, {}), /OpenTact .*not configured/i);
    });
});

describe("provider plugin: ownership and recovery from the stack's own record (its stack scope, from the request's URN)", function () {
    this.timeout(120_000);
    let sb: Sandbox;
    let admin: SandboxAdmin;
    let journalDir: string;
    let provider: TelephonyProvider;
    const PASSWORD = "scoped-sip-password-1";
    const inStack = (stack: string, name: string) => `urn:pulumi:${stack}::fleet::telephony:opentact:SipUser::${name}`;
    const declared = (login: string) => ({ sipConnectionUuid: OPENTACT_CONNECTIONS[0], login, firstName: "Scoped", password: secret(PASSWORD) });
    const usersNamed = async (login: string) => (await admin.objects("opentact", "users")).filter((u) => u.login === login);

    before(async () => {
        sb = await startSandbox();
        admin = new SandboxAdmin(sb.url);
        journalDir = fs.mkdtempSync(path.join(os.tmpdir(), "plugin-journal-"));
        const values = Object.fromEntries(Object.entries(vendorConfig(sb)).map(([k, v]) => [k.replace(/^telephony:/, ""), v.value]));
        provider = new TelephonyProvider(configSource({ ...values, journalDir }));
    });
    after(async () => {
        await sb.close();
        fs.rmSync(journalDir, { recursive: true, force: true });
    });

    it("check gives a resource its stack's scope: the URN's stack and project, the backend of the plugin's environment, no organization (the engine gives none)", async () => {
        const scopeIn = async (urn: string) => (await provider.check(urn, {}, declared("scoped.u00"))).inputs[SCOPE_INPUT];
        assert.strictEqual(await scopeIn(inStack("prod", "alice")), scopeOf({ backend: backendOf(), organization: "", project: "fleet", stack: "prod" }));
        assert.notStrictEqual(await scopeIn(inStack("staging", "alice")), await scopeIn(inStack("prod", "alice")));
        assert.deepStrictEqual(identityOfUrn("urn:pulumi:prod::fleet::my:index:Team$telephony:opentact:SipUser::alice", { PULUMI_BACKEND_URL: "s3://state" }), {
            backend: "s3://state",
            organization: "",
            project: "fleet",
            stack: "prod",
        });
        assert.strictEqual(identityOfUrn("telephony:opentact:SipUser"), undefined);
    });

    it("ownership: a create meeting an object this stack's journal says it sent takes it; the same declaration in another stack, sharing the journal folder, is refused", async () => {
        const prod = inStack("prod", "alice");
        const inProd = (await provider.check(prod, {}, declared("scoped.u01"))).inputs;
        const made = await provider.create(prod, inProd); // its journal entry stays until the engine asks about the resource
        const staging = inStack("staging", "alice");
        const inStaging = (await provider.check(staging, {}, declared("scoped.u01"))).inputs;
        await assert.rejects(provider.create(staging, inStaging), /already exists at the vendor, and this stack has no record of creating it/);
        // prod's create sent again, as after a checkpoint that missed its answer: its own journal entry makes it prod's.
        const again = await provider.create(prod, inProd);
        assert.strictEqual(again.id, made.id);
        assert.deepStrictEqual((await usersNamed("scoped.u01")).map((u) => u.uuid), [made.id]);
        await provider.delete(made.id, prod, again.outs);
    });

    it("recovery: recover reads a plugin resource's pending create and writes the journal key the plugin's create looks up, so a create that lands late is this stack's", async () => {
        const bob = inStack("prod", "bob");
        const inputs = (await provider.check(bob, {}, declared("scoped.u02"))).inputs;
        // The checkpoint of the interrupted up: the checked inputs, the password encrypted.
        const pending = { type: "creating", resource: { urn: bob, custom: true, type: "telephony:opentact:SipUser", inputs: { ...inputs, password: { [SIG_KEY]: SECRET_SIG, ciphertext: "v1:abc" } } } };
        const plan = await planRecovery({ pending_operations: [pending] }, async () => undefined, Date.now() - 60_000);
        assert.deepStrictEqual(plan.outcomes.map((o) => [o.kind, o.outcome]), [["opentact:SipUser", "cleared"]]);
        const journal = CreateJournal.at(journalDir);
        for (const { key, entry } of plan.journal) journal.record(key, entry);
        // The create the runner sent before it died lands after recover looked.
        const late = await fetch(`${sb.vendorUrl("opentact")}/rest/sip/connection/user`, {
            method: "POST",
            headers: { "x-auth-token": DEFAULT_CREDENTIALS.opentact.token, "content-type": "application/json" },
            body: JSON.stringify({ login: "scoped.u02", password: PASSWORD, first_name: "Scoped", sip_connection_uuid: OPENTACT_CONNECTIONS[0] }),
        }).then((r) => r.json() as Promise<any>);
        const lateUuid = (late.payload ?? late).uuid;
        const staging = inStack("staging", "bob");
        await assert.rejects(provider.create(staging, (await provider.check(staging, {}, declared("scoped.u02"))).inputs), /no record of creating it/);
        const made = await provider.create(bob, inputs);
        assert.strictEqual(made.id, lateUuid, "the late object, taken on the pending create's record");
        assert.deepStrictEqual((await usersNamed("scoped.u02")).map((u) => u.uuid), [lateUuid]);
        await provider.delete(made.id, bob, made.outs);
    });
});

describe("export --format import: Pulumi's bulk import file for the plugin", () => {
    it("names each object by its plugin token, import id and the properties the TypeScript export would declare", () => {
        const objects: ExportedObject[] = [
            { kind: "opentact:SipUser", id: "u-1", key: "alice.sip", name: "alice.sip", properties: { sipConnectionUuid: OPENTACT_CONNECTIONS[0], login: "alice.sip" }, omitted: [{ property: "password", reason: "" }], parent: { property: "sipConnectionUuid", value: OPENTACT_CONNECTIONS[0] } },
            { kind: "opentact:SipUser", id: "u-2", key: "desk.1", name: "desk.1", properties: { sipDomain: OPENTACT_DOMAINS[0], login: "desk.1" }, omitted: [], parent: { property: "sipDomain", value: OPENTACT_DOMAINS[0] } },
            { kind: "chime:ChimeUserNumber", id: "acct/user", key: "user", name: "user", properties: { accountId: "acct", userId: "user", e164PhoneNumber: "+12065550100" }, omitted: [], parent: { property: "accountId", value: "acct" } },
        ];
        assert.deepStrictEqual(JSON.parse(renderImportFile(objects)), {
            resources: [
                { type: "telephony:opentact:SipUser", name: "alice.sip", id: `${OPENTACT_CONNECTIONS[0]}/u-1`, properties: ["sipConnectionUuid", "login"] },
                { type: "telephony:opentact:SipUser", name: "desk.1", id: `${OPENTACT_DOMAINS[0]}/u-2`, properties: ["sipDomain", "login"] },
                { type: "telephony:chime:UserNumber", name: "user", id: "acct/user", properties: ["accountId", "userId", "e164PhoneNumber"] },
            ],
        });
    });
});
