/**
 * `pulumi-telephony export` end to end: an existing estate in the sandbox, the real bin, the real TypeScript
 * compiler, the real Pulumi CLI and engine adopting every exported object — without one write at any vendor.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Sandbox } from "../sandbox";
import { DEFAULT_CREDENTIALS } from "../sandbox/server";
import { ESTATE_SCOPE, Estate, seedEstate } from "../test/estate";
import { REPO, RunResult, SandboxAdmin, TELEPHONY_CLI, TestStack, runProcess, useSandboxStack, vendorConfig, vendorEnv } from "../test/harness";
import { DriftReport } from "./drift";
import { escapeName } from "./export";
import { parse } from "./main";


function run(command: string, args: string[], env: NodeJS.ProcessEnv, cwd = REPO): Promise<RunResult> {
    return runProcess(command, args, { env, cwd });
}

const telephony = (args: string[], env: NodeJS.ProcessEnv, cwd?: string) => run(process.execPath, [TELEPHONY_CLI, ...args], env, cwd);

/** Every file of a folder (relative path → bytes) but stack files (`Pulumi.<stack>.yaml`), for byte-for-byte comparison. */
function tree(dir: string): Record<string, string> {
    const out: Record<string, string> = {};
    for (const name of fs.readdirSync(dir).sort()) {
        if (/^Pulumi\..+\.yaml$/.test(name)) continue;
        const file = path.join(dir, name);
        if (fs.statSync(file).isFile()) out[name] = fs.readFileSync(file).toString("base64");
    }
    return out;
}

const vendorRequests = async (admin: SandboxAdmin) => (await admin.requests()).log.filter((r) => r.vendor !== "_sandbox");
/** Requests that change something at a vendor. Logins (OpenTact GET /rest/auth, Smartflo POST /v1/auth/login) issue tokens only. */
const isWrite = (r: { method: string; route: string }) => r.method !== "GET" && r.route !== "Login";

const SIZE = { sipUsers: 28, domainUsers: 6, smartfloUsers: 26, chimeNumbers: 25, verigatorUsers: 25 };
/** Objects per URN type: SIP users of connections and of domains are both SipUsers. */
const PER_TYPE = { sipUsers: SIZE.sipUsers + SIZE.domainUsers, smartfloUsers: SIZE.smartfloUsers, chimeNumbers: SIZE.chimeNumbers, verigatorUsers: SIZE.verigatorUsers };
const TOTAL = Object.values(PER_TYPE).reduce((a, b) => a + b, 0);
const TYPES: Record<string, keyof typeof PER_TYPE> = {
    "pulumi-nodejs:dynamic/opentact:SipUser": "sipUsers",
    "pulumi-nodejs:dynamic/smartflo:SmartfloUser": "smartfloUsers",
    "pulumi-nodejs:dynamic/chime:ChimeUserNumber": "chimeNumbers",
    "pulumi-nodejs:dynamic/verigator:VerigatorUser": "verigatorUsers",
};

describe("pulumi-telephony export on the real engine", function () {
    this.timeout(600_000);
    let sb: Sandbox;
    let admin: SandboxAdmin;
    let estate: Estate;
    let source: TestStack;
    let work: string;
    let out: string;
    let program: TestStack;

    // The stack whose telephony:* config the export reads (as `up` would use it).
    useSandboxStack({ stack: "export-source" }, (t) => ({ sb, admin, stack: source } = t));
    before(async () => {
        estate = await seedEstate(sb, SIZE);
        fs.mkdirSync(path.join(REPO, ".test-programs"), { recursive: true });
        work = fs.mkdtempSync(path.join(REPO, ".test-programs", "export-"));
        out = path.join(work, "estate");
    });
    after(async () => {
        await program?.dispose();
        if (work) fs.rmSync(work, { recursive: true, force: true });
    });

    it("exports every object into a fresh folder, reading only, with progress on stderr", async () => {
        await admin.resetRequests();
        const r = await telephony(["export", "--cwd", source.dir, "--stack", "test", "--out", out, "--format", "json", ...ESTATE_SCOPE], source.env);
        assert.strictEqual(r.code, 0, `exit ${r.code}\n${r.stdout}\n${r.stderr}`);
        const requests = await vendorRequests(admin);
        assert.deepStrictEqual(requests.filter(isWrite), [], "export wrote to a vendor");
        process.stdout.write(`      export of ${TOTAL} objects: ${r.ms} ms, ${requests.length} vendor requests\n`);

        assert.deepStrictEqual(fs.readdirSync(out).sort(), ["Pulumi.yaml", "chime.ts", "index.ts", "inventory.json", "opentact.ts", "package.json", "smartflo.ts", "tsconfig.json", "verigator.ts"]);
        assert.match(r.stdout, new RegExp(`^Exported ${TOTAL} objects \\(25 chime:ChimeUserNumber, 34 opentact:SipUser, 26 smartflo:SmartfloUser, 25 verigator:VerigatorUser\\)`, "m"));
        assert.match(r.stderr, /export: opentact: 14 SIP users in connection/);
        assert.match(r.stderr, /export: opentact: 3 SIP users in domain sandbox1\.sip\.opentact\.org/);
        assert.match(r.stderr, /export: smartflo: 26 of 26 users read/);
        assert.match(r.stderr, /export: ippanel: nothing exported: IPPanel's API cannot list who holds a number/);
        assert.match(r.stdout, /^Not exported: ippanel: /m);
        // No secret the vendors hold (portal passwords) or the credentials reach the program or the output.
        const all = Object.values(tree(out)).map((b) => Buffer.from(b, "base64").toString()).join("\n") + r.stdout + r.stderr;
        for (const secret of ["portal-password-", DEFAULT_CREDENTIALS.opentact.password, DEFAULT_CREDENTIALS.smartflo.password, DEFAULT_CREDENTIALS.verigator.password]) {
            assert.ok(!all.includes(secret), `a secret (${secret.length} chars) is in the export`);
        }

        const inventory = JSON.parse(fs.readFileSync(path.join(out, "inventory.json"), "utf8")).objects as Array<{ kind: string; key: string; name: string; properties: Record<string, unknown> }>;
        assert.strictEqual(inventory.length, TOTAL);
        // Domain users are declared under their domain (by name), not under the domain's connection.
        const desks = inventory.filter((o) => o.key.startsWith("desk."));
        assert.strictEqual(desks.length, SIZE.domainUsers);
        assert.ok(desks.every((o) => /^sandbox[12]\.sip\.opentact\.org$/.test(String(o.properties.sipDomain)) && !("sipConnectionUuid" in o.properties)));
        assert.ok(desks.some((o) => o.properties.gender === "Female" && String(o.properties.phoneNumber).startsWith("+")));
        // Names: escaped natural keys, unique; the login present in both connections gets two suffixed names.
        const names = inventory.map((o) => `${o.kind} ${o.name}`);
        assert.strictEqual(new Set(names).size, names.length);
        for (const o of inventory) assert.match(o.name, /^[A-Za-z0-9._-]+$/, `${o.name} needs escaping`);
        for (const key of estate.awkwardKeys) assert.ok(inventory.some((o) => o.key === key && o.name === escapeName(key)), `${key} not exported as ${escapeName(key)}`);
        assert.deepStrictEqual(inventory.filter((o) => o.key === "shared.login").map((o) => o.name.replace(/[0-9a-f]{8}$/, "HASH")), ["shared.login-HASH", "shared.login-HASH"]);
        // Blocked users and optional fields are declared as the vendor shows them; passwords never.
        const smartflo = inventory.filter((o) => o.kind === "smartflo:SmartfloUser");
        assert.strictEqual(smartflo.filter((o) => o.properties.blocked === true).length, 6);
        assert.ok(smartflo.some((o) => o.properties.designation === "Designation 1" && o.properties.timeGroup === undefined));
        assert.ok(smartflo.some((o) => o.properties.name === `Zoë "Z" O'Neil`));
        assert.ok(inventory.every((o) => !("password" in o.properties) && !("callerId" in o.properties) && !("phoneNumber" in o.properties && o.kind === "verigator:VerigatorUser")));

        const opentact = fs.readFileSync(path.join(out, "opentact.ts"), "utf8");
        assert.match(opentact, /^export const SIP_CONNECTION_1 = "[0-9a-f-]{36}";$/m);
        assert.match(opentact, /^ {4}sipConnectionUuid: SIP_CONNECTION_[12],$/m);
        assert.match(opentact, /^export const SIP_DOMAIN_1 = "sandbox1\.sip\.opentact\.org";$/m);
        assert.match(opentact, /^ {4}sipDomain: SIP_DOMAIN_[12],$/m);
        assert.match(opentact, /^ {4}\/\/ password: config\.requireSecret\("bob7-password"\), \/\/ write-only/m);
        assert.match(opentact, /^new SipUser\("o_27brien\.sip", \{$/m);
        assert.match(fs.readFileSync(path.join(out, "verigator.ts"), "utf8"), /^ {4}\/\/ phoneNumber: not observable \(Verigator does not show it\)/m);
    });

    it("the program compiles with strict tsc", async () => {
        const tsc = await run(process.execPath, [path.join(REPO, "node_modules", "typescript", "bin", "tsc"), "-p", path.join(out, "tsconfig.json"), "--noEmit"], process.env);
        assert.strictEqual(tsc.code, 0, `tsc failed:\n${tsc.stdout}\n${tsc.stderr}`);
        assert.strictEqual(JSON.parse(fs.readFileSync(path.join(out, "tsconfig.json"), "utf8")).compilerOptions.strict, true);
    });

    it("pulumi up adopts every object with zero write requests at any vendor", async () => {
        program = await TestStack.open(out, vendorConfig(sb), vendorEnv());
        await admin.resetRequests();
        const up = await program.up();
        const requests = await vendorRequests(admin);
        assert.deepStrictEqual(requests.filter(isWrite).map((r) => `${r.vendor} ${r.method} ${r.path}`), [], "up wrote to a vendor");
        const byVendor: Record<string, number> = {};
        for (const r of requests) byVendor[r.vendor] = (byVendor[r.vendor] ?? 0) + 1;
        process.stdout.write(`      up adopting ${TOTAL} objects: ${up.ms} ms, ${requests.length} vendor requests (all reads) ${JSON.stringify(byVendor)}\n`);

        const state = JSON.parse(await program.exportText());
        const counts: Record<string, number> = {};
        for (const r of state.deployment.resources ?? []) if (TYPES[r.type]) counts[TYPES[r.type]] = (counts[TYPES[r.type]] ?? 0) + 1;
        assert.deepStrictEqual(counts, PER_TYPE);
        // Every seeded object is still there, unchanged in number.
        assert.strictEqual((await admin.objects("opentact", "users")).length, SIZE.sipUsers + SIZE.domainUsers);
        assert.strictEqual((await admin.objects("smartflo", "users")).length, SIZE.smartfloUsers);
    });

    it("then an empty preview, with no vendor request", async () => {
        await admin.resetRequests();
        const preview = await program.preview(["--expect-no-changes"]);
        assert.strictEqual(preview.code, 0, `preview not empty:\n${preview.stdout}\n${preview.stderr}`);
        assert.deepStrictEqual(await vendorRequests(admin), []);
    });

    it("and a clean pulumi-telephony drift", async () => {
        await admin.resetRequests();
        const r = await telephony(["drift", "--cwd", out, "--stack", "test", "--format", "json"], program.env);
        assert.strictEqual(r.code, 0, `exit ${r.code}\n${r.stdout}\n${r.stderr}`);
        const report = JSON.parse(r.stdout) as DriftReport;
        assert.strictEqual(report.checked, TOTAL);
        assert.deepStrictEqual(report.drifted, []);
        assert.deepStrictEqual((await vendorRequests(admin)).filter(isWrite), []);
    });

    it("a new user still needs a password: refused at preview without adopt, and at up when there is nothing to adopt", async () => {
        const file = path.join(out, "opentact.ts");
        const exported = fs.readFileSync(file, "utf8");
        try {
            fs.writeFileSync(file, `${exported}\nnew SipUser("newcomer", { sipConnectionUuid: SIP_CONNECTION_1, login: "newcomer.1" });\n`);
            await admin.resetRequests();
            const preview = await program.preview();
            assert.notStrictEqual(preview.code, 0, preview.stdout);
            assert.match(preview.stdout + preview.stderr, /password is required to create a new object \(rule: required unless adopting an existing one with `adopt: true`/);

            fs.writeFileSync(file, `${exported}\nnew SipUser("newcomer", { sipConnectionUuid: SIP_CONNECTION_1, login: "newcomer.1", adopt: true });\n`);
            const up = await program.run(["up", "--yes", "--skip-preview", "--non-interactive", "--suppress-progress"]);
            assert.notStrictEqual(up.code, 0, up.stdout);
            assert.match(up.stdout + up.stderr, /opentact:SipUser to adopt was not found at the vendor, so it would be created, and creating it needs password, which the program does not declare/);
            assert.deepStrictEqual((await vendorRequests(admin)).filter(isWrite), [], "a write was sent");
        } finally {
            fs.writeFileSync(file, exported);
        }
    });

    it("a second export of the same estate is byte-identical, into a fresh folder and over the first", async () => {
        const again = path.join(work, "again");
        const r = await telephony(["export", "--cwd", source.dir, "--stack", "test", "--out", again, "--format", "json", ...ESTATE_SCOPE], source.env);
        assert.strictEqual(r.code, 0, r.stderr);
        const first = tree(out);
        assert.deepStrictEqual(tree(again), first);
        const over = await telephony(["export", "--cwd", source.dir, "--stack", "test", "--out", out, "--format", "json", ...ESTATE_SCOPE], source.env);
        assert.strictEqual(over.code, 0, over.stderr);
        assert.deepStrictEqual(tree(out), first);
    });
});

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
        assert.deepStrictEqual(inv.chimeAccounts, ["acc"]);
        assert.strictEqual(inv.format, "ts");
        assert.throws(() => parse(["export", "--vendor", "twilio"]), /--vendor must name vendors among opentact, smartflo, ippanel, chime, verigator; got "twilio"/);
        assert.throws(() => parse(["export", "--filter", "SipUser::("]), /not a regular expression/);
        assert.throws(() => parse(["export", "--format", "markdown"]), /--format must be ts, json or import for export/);
        assert.throws(() => parse(["drift", "--out", "x"]), /--out is an option of export, not of drift/);
    });
});
