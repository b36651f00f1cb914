/**
 * `pulumi-telephony export` against the sandbox without an engine: scope, filters, missing credentials, names and
 * options (the end-to-end export, adopted by the real engine, is in export.e2e.test.ts).
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Sandbox } from "../sandbox";
import { DEFAULT_CREDENTIALS } from "../sandbox/server";
import { seedEstate } from "../test/estate";
import { REPO, RunResult, TELEPHONY_CLI, runProcess, useSandboxStack } from "../test/harness";
import { escapeName } from "./export";
import { parse } from "./main";

function run(command: string, args: string[], env: NodeJS.ProcessEnv, cwd = REPO): Promise<RunResult> {
    return runProcess(command, args, { env, cwd });
}

const telephony = (args: string[], env: NodeJS.ProcessEnv, cwd?: string) => run(process.execPath, [TELEPHONY_CLI, ...args], env, cwd);

describe("pulumi-telephony export: scope, filters and missing credentials", function () {
    this.timeout(120_000);
    let sb: Sandbox;
    let dir: string;

    useSandboxStack({}, (t) => (sb = t.sb));
    before(async () => {
        await seedEstate(sb, { sipUsers: 6, domainUsers: 2, smartfloUsers: 2, chimeNumbers: 0, verigatorUsers: 0 });
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "telephony-export-"));
    });
    after(() => {
        if (dir) fs.rmSync(dir, { recursive: true, force: true });
    });

    it("a vendor without credentials is a clear error while the others export; exit 1", async () => {
        // Credentials from the environment only (no Pulumi program in the folder): OpenTact's, not Smartflo's.
        const env = { PATH: process.env.PATH, OPENTACT_BASE_URL: sb.vendorUrl("opentact"), OPENTACT_TOKEN: DEFAULT_CREDENTIALS.opentact.token };
        const r = await telephony(["export", "--vendor", "opentact,smartflo", "--out", path.join(dir, "a")], env, dir);
        assert.strictEqual(r.code, 1, `exit ${r.code}\n${r.stdout}\n${r.stderr}`);
        assert.match(r.stderr, /export: smartflo: error: Tata Smartflo credentials are not configured: set `pulumi config set --secret telephony:smartfloToken …` \(or SMARTFLO_TOKEN\)/);
        assert.match(r.stderr, /1 vendor could not be exported: smartflo/);
        assert.match(r.stdout, /^Exported 8 objects \(8 opentact:SipUser\)/m);
        assert.ok(fs.existsSync(path.join(dir, "a", "opentact.ts")));
        assert.ok(!fs.existsSync(path.join(dir, "a", "smartflo.ts")));
    });

    it("--filter keeps the objects of the named kind whose key matches; --opentact-connection and --opentact-domain narrow", async () => {
        const env = { PATH: process.env.PATH, OPENTACT_BASE_URL: sb.vendorUrl("opentact"), OPENTACT_TOKEN: DEFAULT_CREDENTIALS.opentact.token };
        const r = await telephony(["export", "--filter", "SipUser::^shared", "--out", path.join(dir, "b"), "--format", "json"], env, dir);
        assert.strictEqual(r.code, 0, r.stderr);
        const inv = JSON.parse(fs.readFileSync(path.join(dir, "b", "inventory.json"), "utf8")).objects;
        assert.deepStrictEqual(inv.map((o: { key: string }) => o.key), ["shared.login", "shared.login"]);
        const one = await telephony(["export", "--vendor", "opentact", "--opentact-connection", "66eb0a8a-571e-41b1-8f50-4d97275cfab7", "--out", path.join(dir, "c"), "--format", "json"], env, dir);
        assert.strictEqual(one.code, 0, one.stderr);
        const inv2 = JSON.parse(fs.readFileSync(path.join(dir, "c", "inventory.json"), "utf8")).objects;
        assert.strictEqual(inv2.length, 3);
        assert.ok(inv2.every((o: { properties: { sipConnectionUuid: string } }) => o.properties.sipConnectionUuid === "66eb0a8a-571e-41b1-8f50-4d97275cfab7"));

        const domain = await telephony(["export", "--vendor", "opentact", "--opentact-domain", "sandbox2.sip.opentact.org", "--out", path.join(dir, "d"), "--format", "json"], env, dir);
        assert.strictEqual(domain.code, 0, domain.stderr);
        const inv3 = JSON.parse(fs.readFileSync(path.join(dir, "d", "inventory.json"), "utf8")).objects;
        assert.deepStrictEqual(inv3.map((o: { key: string; properties: { sipDomain: string } }) => [o.key, o.properties.sipDomain]), [["desk.001", "sandbox2.sip.opentact.org"]]);

        const bad = await telephony(["export", "--filter", "Phone::x"], env, dir);
        assert.strictEqual(bad.code, 1);
        assert.match(bad.stderr, /--filter must be KIND::REGEX with KIND one of SipUser, SmartfloUser, ChimeUserNumber, VerigatorUser/);
    });
});

describe("pulumi-telephony export: names and options", () => {
    it("escapes a natural key into a resource name of letters, digits, '.', '-', '_' only", () => {
        assert.strictEqual(escapeName("alice.sip"), "alice.sip");
        assert.strictEqual(escapeName("o'brien.sip"), "o_27brien.sip");
        assert.strictEqual(escapeName("a/b::c"), "a_2fb_3a_3ac");
        assert.strictEqual(escapeName("zoë"), "zo_c3ab");
        assert.strictEqual(escapeName(""), "_");
    });
    it("parses export options, refusing unknown vendors, bad filters and options of other commands", () => {
        const inv = parse(["export", "--vendor", "opentact,chime", "--filter", "SipUser::^a", "--chime-account", "acc", "--out", "x"]);
        if (inv === "help" || inv.command !== "export") throw new Error(`not parsed as export: ${JSON.stringify(inv)}`);
        assert.deepStrictEqual(inv.vendors, ["opentact", "chime"]);
        assert.strictEqual(inv.vendorsExplicit, true);
        assert.deepStrictEqual(inv.filters.map((f) => [f.kind, f.pattern.source]), [["opentact:SipUser", "^a"]]);
        assert.deepStrictEqual(inv.scopes["chime-account"], ["acc"]);
        assert.strictEqual(inv.format, "ts");
        assert.throws(() => parse(["export", "--vendor", "twilio"]), /--vendor must name vendors among opentact, smartflo, ippanel, chime, verigator; got "twilio"/);
        assert.throws(() => parse(["export", "--filter", "SipUser::("]), /not a regular expression/);
        assert.throws(() => parse(["export", "--format", "markdown"]), /--format must be ts, json or import for export/);
        assert.throws(() => parse(["drift", "--out", "x"]), /--out is an option of export, not of drift/);
    });
});
