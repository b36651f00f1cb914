/**
 * The provider plugin on the real engine, with the real YAML language host (scripts/yaml-host.js): one stack carries
 * a user's whole path, each step asserting what it names —
 *  1. a stack of dynamic resources (TypeScript's), then the same stack as a YAML program of the plugin's five
 *     resources: the dynamic one moves over by an alias without a vendor request, the others are created, one
 *     through an explicit `pulumi:providers:telephony` with settings of its own; no plaintext secret in state;
 *  2. `pulumi import` of a SIP user made out of band, and `pulumi import --file` of an estate exported with
 *     `pulumi-telephony export --format import`: reads only;
 *  3. drift seen by a refresh (`pulumi-telephony drift`), restored by `up --refresh` with one write;
 *  4. the next preview is empty, sends no vendor request, and the policy pack checks the plugin's resources;
 *  5. destroy leaves nothing at any vendor, and removes the person's numbers before its agent.
 * The program also declares a person (`telephony:index:Person`, the plugin's component, built by its `construct`).
 * The plugin is installed as `npm install -g` would: the package's bin `pulumi-resource-telephony` on PATH.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { OPENTACT_CONNECTIONS, OPENTACT_DOMAINS, Sandbox } from "../sandbox";
import { CHIME_ACCOUNT, CHIME_USERS } from "../sandbox/chime";
import { DEFAULT_CREDENTIALS } from "../sandbox/server";
import { SCOPE_INPUT, identityOfUrn, scopeOf } from "../provider/core/scope";
import { packageSchema } from "../provider/plugin/schema";
import { ESTATE_SCOPE, seedEstate } from "./estate";
import { REPO, SandboxAdmin, TestStack, installPackage, runTelephony, useSandboxStack, vendorConfig, vendorEnv } from "./harness";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ensurePulumiCli } = require(path.join(REPO, "scripts", "pulumi-cli.js"));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ensureYamlHost } = require(path.join(REPO, "scripts", "yaml-host.js"));

const PROJECT = "plugin-yaml";
const SIP_PASSWORD = "alice-yaml-password-1";
const SMARTFLO_PASSWORD = "asha-literal-password-1"; // written in the program in plain text: the plugin seals it
const ESTATE = { sipUsers: 3, domainUsers: 2, smartfloUsers: 3, chimeNumbers: 2, verigatorUsers: 6 };
const ESTATE_OBJECTS = ESTATE.sipUsers + ESTATE.domainUsers + ESTATE.smartfloUsers + ESTATE.chimeNumbers + ESTATE.verigatorUsers;

/** The YAML program: the five resources, alice through an explicit provider, and the dynamic SipUser `dave` moved over. */
const PROGRAM = `name: ${PROJECT}
runtime: yaml
config:
  opentactUrl:
    type: string
  alicePassword:
    type: string
    secret: true
  euOpentactToken:
    type: string
    secret: true
resources:
  eu:
    type: pulumi:providers:telephony
    properties:
      opentactBaseUrl: \${opentactUrl}
      opentactToken: \${euOpentactToken}
  alice:
    type: telephony:opentact:SipUser
    properties:
      sipConnectionUuid: ${OPENTACT_CONNECTIONS[0]}
      login: alice.yaml1
      password: \${alicePassword}
      firstName: Alice
    options:
      provider: \${eu}
  dave:
    type: telephony:opentact:SipUser
    properties:
      sipConnectionUuid: ${OPENTACT_CONNECTIONS[0]}
      login: dave.sip01
      password: dave-password-01
      firstName: Dave
    options:
      aliases:
        - urn:pulumi:test::${PROJECT}::pulumi-nodejs:dynamic/opentact:SipUser::dave
  asha:
    type: telephony:smartflo:User
    properties:
      name: Asha Rao
      number: "+919812345678"
      email: asha@example.com
      loginId: asha.rao
      userRole: 54743
      password: ${SMARTFLO_PASSWORD}
      callerId: [1560602]
      designation: Sales agent
  line:
    type: telephony:ippanel:NumberAssignment
    properties:
      number: "+983000505"
      targetUser: testuser
      send: true
      gets: true
  bob:
    type: telephony:chime:UserNumber
    properties:
      accountId: ${CHIME_ACCOUNT}
      userId: ${CHIME_USERS[0]}
      e164PhoneNumber: "+12065550100"
  carol:
    type: telephony:verigator:User
    properties:
      serviceId: my-service-id
      idInService: carol
      phoneNumber: "+37255512345"
  kofi:
    type: telephony:index:Person
    properties:
      login: kofi.mensah
      name: Kofi Mensah
      email: kofi@example.com
      password: \${alicePassword}
      agent:
        number: "+919812345679"
        userRole: 54743
        callerId: [1560602]
      numbers:
        - number: "+983000506"
          ippanelUser: testuser
      verigator:
        serviceId: my-service-id
        phoneNumber: "+37255512399"
`;

/** The person's children: the plugin's resources, named after the person (no SIP user: OpenTact sees alice's create alone). */
const PERSON_CHILDREN = ["kofi-agent", "kofi-number-983000506", "kofi-verigator"];

describe("the provider plugin on the real engine, from a YAML program", function () {
    this.timeout(900_000);
    let sb: Sandbox;
    let admin: SandboxAdmin;
    let stack: TestStack;
    let pluginHome: string;
    const setup = useSandboxStack({}, (t) => ({ sb, admin } = t));
    const vendorRequests = async () => (await admin.requests()).log.filter((r) => r.vendor !== "_sandbox");
    /** Requests that change something at a vendor (logins only issue tokens). */
    const writes = async () => (await vendorRequests()).filter((r) => r.method !== "GET" && !/^(Login|GetAuthToken)$/.test(r.route));
    const file = (name: string) => path.join(stack.dir, name);
    const must = async (args: string[]) => {
        const r = await stack.run(args);
        assert.strictEqual(r.code, 0, `pulumi ${args.join(" ")} exited ${r.code}\n${r.stdout}\n${r.stderr}`);
        return r;
    };
    const state = async () => JSON.parse(await stack.exportText()).deployment.resources as Array<Record<string, any>>;
    /** Appends the resources of a program Pulumi generated (`pulumi import --out`) to the stack's program. */
    const adopt = (generated: string) => fs.appendFileSync(file("Pulumi.yaml"), fs.readFileSync(generated, "utf8").replace(/^resources:\n/, ""));

    before(async () => {
        // The plugin as `npm install -g pulumi-telephony` installs it: the package, and its bin on PATH.
        fs.mkdirSync(path.join(REPO, ".test-programs"), { recursive: true });
        pluginHome = fs.mkdtempSync(path.join(REPO, ".test-programs", "plugin-"));
        installPackage(pluginHome);
        const main = path.join(pluginHome, "node_modules", "pulumi-telephony", "dist", "provider", "plugin", "main.js");
        fs.chmodSync(main, 0o755);
        fs.mkdirSync(path.join(pluginHome, "bin"));
        fs.symlinkSync(main, path.join(pluginHome, "bin", "pulumi-resource-telephony"));
        const PATH = [ensurePulumiCli(REPO), ensureYamlHost(), path.join(pluginHome, "bin"), path.join(REPO, "node_modules", ".bin"), process.env.PATH].join(path.delimiter);
        stack = await setup.newStack(
            PROJECT,
            {
                ...vendorConfig(sb),
                alicePassword: { value: SIP_PASSWORD, secret: true },
                euOpentactToken: { value: DEFAULT_CREDENTIALS.opentact.token, secret: true },
                opentactUrl: { value: sb.vendorUrl("opentact") },
            },
            { ...vendorEnv(), PATH },
        );
    });
    after(() => pluginHome && fs.rmSync(pluginHome, { recursive: true, force: true }));

    it("pulumi package get-schema prints the derived schema: five tokens and the Person component, secrets and replace-on-change marked", async () => {
        const r = await must(["package", "get-schema", path.join(pluginHome, "bin", "pulumi-resource-telephony")]);
        const printed = JSON.parse(r.stdout);
        assert.deepStrictEqual(printed, JSON.parse(JSON.stringify(packageSchema())));
        const sip = printed.resources["telephony:opentact:SipUser"];
        assert.deepStrictEqual([sip.inputProperties.password.secret, sip.properties.ha1.secret, sip.inputProperties.sipConnectionUuid.willReplaceOnChanges], [true, true, true]);
        const person = printed.resources["telephony:index:Person"];
        assert.deepStrictEqual([person.isComponent, person.inputProperties.password.secret, person.inputProperties.numbers.items.$ref], [true, true, "#/types/telephony:index:PersonNumber"]);
    });

    let estateImport = "";
    it("an estate is exported as Pulumi's bulk import file (reads only)", async () => {
        await seedEstate(sb, ESTATE);
        await admin.resetRequests();
        const out = file("estate");
        const r = await runTelephony(["export", "--cwd", stack.dir, "--stack", "test", "--format", "import", "--out", out, ...ESTATE_SCOPE], { env: stack.env });
        assert.strictEqual(r.code, 0, `${r.stdout}\n${r.stderr}`);
        assert.match(r.stdout, /pulumi import --file .*import\.json --out <file for the generated code> --protect=false/);
        estateImport = path.join(out, "import.json");
        const resources = JSON.parse(fs.readFileSync(estateImport, "utf8")).resources;
        assert.strictEqual(resources.length, ESTATE_OBJECTS);
        assert.ok(resources.some((x: any) => x.type === "telephony:opentact:SipUser" && x.id.startsWith(`${OPENTACT_DOMAINS[0]}/`)), "a domain user's import id names its domain");
        assert.deepStrictEqual(await writes(), []);
    });

    let daveUuid = "";
    it("1. a stack of dynamic resources becomes a YAML program of the plugin: the dynamic user moves by alias without a request, the rest is created", async () => {
        stack.declare({ dave: { type: "SipUser", args: { sipConnectionUuid: OPENTACT_CONNECTIONS[0], login: "dave.sip01", password: "dave-password-01", firstName: "Dave" } } });
        await stack.up();
        daveUuid = (await admin.objects("opentact", "users")).find((u) => u.login === "dave.sip01")!.uuid;

        fs.writeFileSync(file("Pulumi.yaml"), PROGRAM);
        await admin.resetRequests();
        await stack.up();
        const requests = await vendorRequests();
        assert.ok(!requests.some((r) => r.path.includes(daveUuid)), "the moved user is not touched");
        const opentact = requests.filter((r) => r.vendor === "opentact");
        // alice is created by the explicit provider, with its own token: no login with the stack's email and password.
        assert.deepStrictEqual(opentact.map((r) => r.route), ["CreateSIPUser"], "OpenTact sees one create, authenticated by the explicit provider's token");
        const users = await admin.objects("opentact", "users");
        assert.deepStrictEqual(users.filter((u) => ["alice.yaml1", "dave.sip01"].includes(u.login)).map((u) => u.login).sort(), ["alice.yaml1", "dave.sip01"]);
        assert.strictEqual(users.find((u) => u.login === "dave.sip01")!.uuid, daveUuid);
        assert.deepStrictEqual((await admin.objects("smartflo", "users")).filter((u) => u.login_id === "asha.rao").length, 1);
        assert.ok((await admin.objects("chime", "users")).some((u) => u.UserId === CHIME_USERS[0] && u.PrimaryProvisionedNumber === "+12065550100"));
        assert.ok((await admin.objects("verigator", "users")).some((u) => u.id_in_service === "carol"));
        const resources = await state();
        const dave = resources.find((r) => r.urn.endsWith("::dave"))!;
        assert.deepStrictEqual([dave.type, dave.id], ["telephony:opentact:SipUser", daveUuid]);
        // The person: a component of the plugin, its children the plugin's resources under it, sharing its values.
        const person = resources.find((r) => r.type === "telephony:index:Person")!;
        assert.deepStrictEqual([person.outputs.login, person.outputs.status], ["kofi.mensah", "active"]);
        const children = resources.filter((r) => r.parent === person.urn);
        assert.deepStrictEqual(children.map((r) => `${r.type} ${r.urn.split("::").pop()}`).sort(), [
            "telephony:ippanel:NumberAssignment kofi-number-983000506",
            "telephony:smartflo:User kofi-agent",
            "telephony:verigator:User kofi-verigator",
        ]);
        const agent = (await admin.objects("smartflo", "users")).find((u) => u.login_id === "kofi.mensah")!;
        assert.deepStrictEqual([agent.name, agent.email], ["Kofi Mensah", "kofi@example.com"]);
        for (const c of children.filter((r) => r.type.endsWith("NumberAssignment") || r.type.endsWith("verigator:User"))) {
            assert.deepStrictEqual(c.dependencies.map((u: string) => u.split("::").pop()), ["kofi-agent"], `${c.urn}: a number depends on the person's user`);
        }
        // Each plugin resource carries its stack's scope, from the URN the engine sent and the backend the CLI ran with.
        const ours = resources.filter((r) => r.type.startsWith("telephony:") && r.custom !== false);
        assert.strictEqual(ours.length, 6 + PERSON_CHILDREN.length);
        for (const r of ours) assert.strictEqual(r.inputs[SCOPE_INPUT], scopeOf(identityOfUrn(r.urn, stack.env)!), `${r.urn} carries its stack scope`);
        // No plaintext secret in state: passwords (secret config, a literal), SIP digests, the explicit provider's token.
        const text = await stack.exportText();
        const secrets = [SIP_PASSWORD, SMARTFLO_PASSWORD, "dave-password-01", DEFAULT_CREDENTIALS.opentact.token, DEFAULT_CREDENTIALS.opentact.password];
        for (const u of users) secrets.push(u.ha1, u.ha1b);
        for (const s of secrets.filter(Boolean)) assert.ok(!text.includes(s), `a secret (${s.length} characters) is in the state in plain text`);
    });

    let frankUuid = "";
    it("2. pulumi import of a SIP user made out of band, and pulumi import --file of the exported estate: reads only", async () => {
        const made = await fetch(`${sb.vendorUrl("opentact")}/rest/sip/connection/user`, {
            method: "POST",
            headers: { "x-auth-token": DEFAULT_CREDENTIALS.opentact.token, "content-type": "application/json" },
            body: JSON.stringify({ login: "frank.oob1", password: "portal-password-9", first_name: "Frank", email: "Frank@Example.com", sip_connection_uuid: OPENTACT_CONNECTIONS[1] }),
        }).then((r) => r.json() as Promise<any>);
        frankUuid = (made.payload ?? made).uuid;
        await admin.resetRequests();
        await must(["import", "telephony:opentact:SipUser", "frank", `${OPENTACT_CONNECTIONS[1]}/${frankUuid}`, "--yes", "--protect=false", "--out", file("frank.yaml"), "--non-interactive"]);
        const frank = fs.readFileSync(file("frank.yaml"), "utf8");
        assert.match(frank, /type: telephony:opentact:SipUser/);
        assert.match(frank, /login: frank\.oob1/);
        assert.doesNotMatch(frank, /password/, "a password is never read back");
        assert.strictEqual((await state()).find((r) => r.urn.endsWith("SipUser::frank"))!.id, frankUuid, "stored under the user's uuid");

        const bulk = await must(["import", "--file", estateImport, "--yes", "--protect=false", "--out", file("estate.yaml"), "--non-interactive"]);
        assert.match(bulk.stdout, new RegExp(`= ${ESTATE_OBJECTS} imported`));
        assert.deepStrictEqual(await writes(), [], "importing writes nothing at any vendor");
        adopt(file("frank.yaml"));
        adopt(file("estate.yaml"));
    });

    it("3. drift is seen by a refresh (pulumi-telephony drift) and restored by up --refresh with one write", async () => {
        const alice = (await admin.objects("opentact", "users")).find((u) => u.login === "alice.yaml1")!;
        await admin.alter("opentact", "users", alice.uuid, { first_name: "Mallory" });
        await admin.resetRequests();
        const r = await runTelephony(["drift", "--cwd", stack.dir, "--stack", "test", "--format", "json"], { env: stack.env });
        assert.strictEqual(r.code, 2, `${r.stdout}\n${r.stderr}`);
        const report = JSON.parse(r.stdout);
        assert.deepStrictEqual(
            report.drifted.map((d: any) => [d.name, d.type, d.properties.map((p: any) => [p.name, p.declared, p.live])]),
            [["alice", "opentact:SipUser", [["firstName", "Alice", "Mallory"]]]],
        );
        assert.strictEqual(report.checked, 6 + PERSON_CHILDREN.length + 1 + ESTATE_OBJECTS);
        assert.deepStrictEqual(await writes(), []);

        await admin.resetRequests();
        await must(["up", "--refresh", "--yes", "--skip-preview", "--non-interactive", "--suppress-progress"]);
        assert.deepStrictEqual((await writes()).map((w) => [w.method, w.route, Object.keys(w.body ?? {})]), [["PATCH", "ModifySIPUser", ["first_name"]]]);
        assert.strictEqual((await admin.objects("opentact", "users")).find((u) => u.login === "alice.yaml1")!.first_name, "Alice");
    });

    it("4. the next preview is empty and sends no vendor request; the policy pack checks the plugin's resources", async () => {
        // The estate holds an agent allowed to call abroad (imported as it is): the pack's allow-list names it.
        const policy = { "password-strength": { minLength: 64, enforcementLevel: "advisory" }, "smartflo-international-outbound": { allowedLoginIds: ["agent.002"] } };
        fs.writeFileSync(file("policy.json"), JSON.stringify(policy));
        await admin.resetRequests();
        const r = await stack.preview(["--expect-no-changes", "--policy-pack", path.join(REPO, "policy-pack"), "--policy-pack-config", file("policy.json")]);
        assert.strictEqual(r.code, 0, `${r.stdout}\n${r.stderr}`);
        for (const name of ["alice", "asha"]) assert.match(r.stdout, new RegExp(`\\[advisory\\]\\s+password-strength\\s+\\(telephony:[a-z]+:[A-Za-z]+: ${name}\\)`), r.stdout);
        assert.doesNotMatch(r.stdout + r.stderr, new RegExp(`${SIP_PASSWORD}|${SMARTFLO_PASSWORD}`));
        assert.deepStrictEqual(await vendorRequests(), []);
    });

    it("5. destroy leaves nothing at any vendor, and removes the person's numbers before its agent", async () => {
        const agentId = String((await admin.objects("smartflo", "users")).find((u) => u.login_id === "kofi.mensah")!.id);
        const registration = (await state()).find((r) => r.urn.endsWith("::kofi-verigator"))!.outputs.userId as string;
        await admin.resetRequests();
        await stack.destroy();
        const log = await vendorRequests();
        const at = (what: string, match: (r: (typeof log)[number]) => boolean) => {
            const i = log.findIndex(match);
            assert.ok(i >= 0, `no request removed ${what}`);
            return i;
        };
        const released = [
            at("the person's IPPanel number (id 11)", (r) => r.path.endsWith("/unassign") && ((r.body as any)?.number === "+983000506" || (r.body as any)?.number_id === 11)),
            at("the person's Verigator registration", (r) => r.vendor === "verigator" && r.method === "DELETE" && r.path.includes(registration)),
        ];
        const removed = at("the person's agent", (r) => r.method === "DELETE" && r.path.endsWith(`/${agentId}`));
        assert.ok(Math.max(...released) < removed, `the agent was removed before a number was released: ${released} vs ${removed}`);
        assert.deepStrictEqual(await admin.objects("opentact", "users"), []);
        assert.deepStrictEqual(await admin.objects("smartflo", "users"), []);
        assert.deepStrictEqual(await admin.objects("verigator", "users"), []);
        assert.deepStrictEqual(await admin.objects("ippanel", "assignments"), []);
        assert.deepStrictEqual((await admin.objects("chime", "users")).filter((u) => u.PrimaryProvisionedNumber), []);
    });
});
