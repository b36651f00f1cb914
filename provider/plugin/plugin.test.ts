/**
 * The provider plugin without the engine: its derived schema, and its provider methods called as the SDK's gRPC
 * server calls them (secret envelopes, imports with an id only, per-instance configuration) against the sandbox
 * over loopback HTTP. The engine runs are in test/plugin-yaml.e2e.test.ts.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { DEFAULT_CREDENTIALS, OPENTACT_CONNECTIONS, OPENTACT_DOMAINS, Sandbox, startSandbox } from "../../sandbox";
import { CHIME_ACCOUNT, CHIME_USERS } from "../../sandbox/chime";
import { SandboxAdmin, setAwsTestKey, vendorConfig } from "../../test/harness";
import { telephonyKinds } from "../../cli/resources";
import { buildPlan, policyViolations } from "../../cli/plan";
import { ExportedObject, renderImportFile } from "../../cli/export";
import { kindOf } from "../../policy/rules";
import { computedOf, secretInputsOf, secretOutputsOf } from "../core/attributes";
import { RESOURCES } from "../registry";
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

    it("serves the five resources under telephony:<vendor>:<Name>, at the package's version", () => {
        assert.deepStrictEqual(Object.keys(schema.resources).sort(), [
            "telephony:chime:UserNumber",
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

    for (const d of RESOURCES) {
        const token = tokenOf(d);
        it(`${token}: inputs are the schema's fields (plus adopt), required where the field rejects a missing value; outputs add the computed ones`, () => {
            const r = schema.resources[token];
            const schemaFields = d.loadAdapter().schema.fields;
            const fields = Object.keys(schemaFields);
            assert.deepStrictEqual(Object.keys(r.inputProperties), [...fields, "adopt"]);
            const required = fields.filter((f) => !schemaFields[f].safeParse(undefined).success);
            assert.deepStrictEqual(r.requiredInputs, required);
            for (const o of computedOf(d.attributes)) assert.ok(o in r.properties, `${o} is an output`);
            for (const f of fields) if (f !== "sipDomainUuid") assert.ok(f in r.properties, `the input ${f} is an output too`);
            for (const [k, p] of [...Object.entries(r.inputProperties), ...Object.entries(r.properties)] as [string, any][]) {
                assert.ok(p.description || p.deprecationMessage, `${token}.${k} has a description`);
            }
        });

        it(`${token}: secrets and replace-on-change properties are marked, and only those`, () => {
            const r = schema.resources[token];
            const secrets = new Set<string>([...secretInputsOf(d.attributes), ...secretOutputsOf(d.attributes)]);
            const replaces = new Set(d.loadAdapter().replaceOn({}, {}));
            for (const [k, p] of Object.entries(r.properties) as [string, any][]) assert.strictEqual(p.secret === true, secrets.has(k), `${k} secret`);
            for (const [k, p] of Object.entries(r.inputProperties) as [string, any][]) {
                assert.strictEqual(p.secret === true, secrets.has(k), `${k} secret`);
                assert.strictEqual(p.willReplaceOnChanges === true, replaces.has(k), `${k} replaces`);
            }
        });
    }

    it("types follow the zod fields: ids are integers, a list of ids an integer array, userForCdr an object type, dob a string", () => {
        const sf = schema.resources["telephony:smartflo:User"].inputProperties;
        assert.deepStrictEqual([sf.userRole.type, sf.callerId.type, sf.callerId.items, sf.routeCallThrough.type], ["integer", "array", { type: "integer" }, "integer"]);
        assert.strictEqual(sf.userForCdr.$ref, "#/types/telephony:smartflo:UserForCdr");
        assert.deepStrictEqual(schema.types["telephony:smartflo:UserForCdr"].required, ["type"]);
        assert.deepStrictEqual(schema.types["telephony:smartflo:UserForCdr"].properties.value, { type: "array", items: { type: "string" } });
        assert.strictEqual(schema.resources["telephony:opentact:SipUser"].inputProperties.dob.type, "string");
        assert.strictEqual(schema.resources["telephony:opentact:SipUser"].inputProperties.sipDomainUuid.deprecationMessage.includes("sipDomain"), true);
        assert.strictEqual(schema.resources["telephony:ippanel:NumberAssignment"].properties.resolvedNumberId.type, "number");
        assert.ok(!schema.resources["telephony:chime:UserNumber"].required.includes("primaryEmail"), "an output that may be null is not required");
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

    before(async () => {
        sb = await startSandbox();
        admin = new SandboxAdmin(sb.url);
        restoreAws = setAwsTestKey();
        const values = Object.fromEntries(Object.entries(vendorConfig(sb)).map(([k, v]) => [k.replace(/^telephony:/, ""), v.value]));
        provider = new TelephonyProvider(configSource(values));
    });
    after(async () => {
        restoreAws();
        await sb.close();
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
