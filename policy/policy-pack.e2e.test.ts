/**
 * The policy pack on the real engine: `pulumi preview --policy-pack node_modules/pulumi-telephony/policy-pack`, the
 * path a user types in a program folder (here the self-linked package), run by the real CLI through the Node.js
 * language host's RunPlugin. Each policy is broken by a program and fails the preview (mandatory) or warns
 * (advisory); a compliant program passes; configuration changes what fires. No vendor is ever called: the stack
 * is configured against the sandbox, whose request log must stay empty.
 */
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { OPENTACT_CONNECTIONS, Sandbox } from "../sandbox";
import { Declared, REPO, RunResult, SandboxAdmin, TestStack, runTelephony, useSandboxStack, vendorConfig } from "../test/harness";
import { Plan } from "../cli/plan";
import { POLICIES } from "./catalog";

const PACK = path.join("node_modules", "pulumi-telephony", "policy-pack");
const SIP_PASSWORD = `sip-${"Kq8vR3zW".repeat(2)}`;
const SMARTFLO_PASSWORD = `sf-${"Tn4bY7pL".repeat(2)}`;

/** A program every policy accepts: one resource of each kind, distinct E.164 numbers, long passwords. */
function compliant(): Record<string, Declared> {
    return {
        alice: { type: "SipUser", args: { sipConnectionUuid: OPENTACT_CONNECTIONS[0], login: "alice.sip", password: SIP_PASSWORD, firstName: "Alice" } },
        asha: {
            type: "SmartfloUser",
            args: { name: "Asha Rao", number: "+919812345678", email: "asha@example.com", loginId: "asha.rao", userRole: 54743, password: SMARTFLO_PASSWORD, callerId: [1560602], internationalOutbound: false },
        },
        line: { type: "NumberAssignment", args: { number: "+983000505", targetUser: "testuser", send: true, gets: true } },
        bob: { type: "ChimeUserNumber", args: { accountId: "acc-1", userId: "user-1", e164PhoneNumber: "+12065550100" } },
        carol: { type: "VerigatorUser", args: { serviceId: "my-service-id", idInService: "carol", phoneNumber: "+37255512345" } },
    };
}

/** The compliant program with one resource's arguments changed (or a resource added). */
function withChange(name: string, args: Record<string, unknown>, type?: string): Record<string, Declared> {
    const rs = compliant();
    rs[name] = { type: type ?? rs[name].type, args: { ...(rs[name]?.args ?? {}), ...args } };
    return rs;
}

describe("policy pack on the real engine (pulumi preview --policy-pack)", function () {
    this.timeout(300_000);
    let sb: Sandbox;
    let admin: SandboxAdmin;
    let stack: TestStack;

    // Every vendor configured (the policies read the stack config), no vendor ever called.
    useSandboxStack({ stack: "policy", env: {} }, (t) => ({ sb, admin, stack } = t));
    before(() => {
        // What a user has in a program folder: node_modules with pulumi-telephony in it (here the repository's, in
        // place of the copy the harness installs).
        fs.rmSync(path.join(stack.dir, "node_modules"), { recursive: true, force: true });
        fs.symlinkSync(path.join(REPO, "node_modules"), path.join(stack.dir, "node_modules"));
    });
    afterEach(async () => {
        const vendor = (await admin.requests()).log.filter((r) => r.vendor !== "_sandbox");
        assert.deepStrictEqual(vendor, [], "a policy-checked preview must send no vendor request");
    });

    async function preview(resources: Record<string, Declared>, policyConfig?: Record<string, unknown>): Promise<RunResult> {
        stack.declare(resources);
        const extra = ["--policy-pack", PACK];
        if (policyConfig) {
            fs.writeFileSync(path.join(stack.dir, "policy-config.json"), JSON.stringify(policyConfig));
            extra.push("--policy-pack-config", "policy-config.json");
        }
        return stack.preview(extra);
    }

    /** A mandatory violation: the preview fails (exit 1), naming the policy, the resource, the property and the rule. */
    function assertMandatory(r: RunResult, policy: string, resource: string, message: RegExp) {
        const out = r.stdout + r.stderr;
        assert.strictEqual(r.code, 1, `expected the preview to fail:\n${out}`);
        assert.match(out, /error: preview failed/);
        assert.match(out, new RegExp(`\\[mandatory\\]\\s+${policy}\\s+\\(pulumi-nodejs:dynamic/[a-z]+:[A-Za-z]+: ${resource}\\)`), out);
        assert.match(out, message, out);
    }

    // Each preview below breaks or configures several policies at once: the engine runs every policy on every resource
    // and reports all violations of a preview together, so one engine run shows what one per policy showed before.
    // The stack has no telephony:chimeEndpoint here, so the advisory chime-end-of-support fires unless configured.
    describe("without telephony:chimeEndpoint", () => {
        let endpoint: string;
        before(async () => {
            endpoint = vendorConfig(sb)["telephony:chimeEndpoint"].value;
            await stack.must(["config", "rm", "telephony:chimeEndpoint"]);
        });
        after(() => stack.setConfig("telephony:chimeEndpoint", endpoint));

        it("a compliant program passes with the pack loaded: a national Smartflo number passes phone-number-e164, a disabled policy does not fire, chime-end-of-support only warns", async () => {
            // The number as Smartflo's docs write a mobile number: the provider reads it as Indian (Smartflo's home
            // region) and the pack parses it the same way. International outbound would fail, but its policy is disabled.
            const program = withChange("asha", { number: "98123 45678", internationalOutbound: true });
            const r = await preview(program, { "smartflo-international-outbound": { enforcementLevel: "disabled" } });
            const out = r.stdout + r.stderr;
            assert.strictEqual(r.code, 0, out);
            assert.match(out, /Policy Packs run:\n\s+Name\s+Version\n\s+telephony\|local\|node_modules\/pulumi-telephony\/policy-pack\s+0\.1\.0/);
            assert.doesNotMatch(out, /\[mandatory\]/);
            assert.doesNotMatch(out, /smartflo-international-outbound|internationalOutbound is true|phone-number-e164/);
            // The only finding: the advisory, which lets the preview pass.
            assert.deepStrictEqual([...new Set(out.match(/\[advisory\]\s+\S+/g)?.map((m) => m.split(/\s+/)[1]))], ["chime-end-of-support"], out);
            assert.match(out, /\[advisory\]\s+chime-end-of-support\s+\(pulumi-nodejs:dynamic\/chime:ChimeUserNumber: bob\)/);
            assert.match(out, /bob \(chime:ChimeUserNumber\): AWS ended support for Amazon Chime on 2026-02-20, and this stack sets no telephony:chimeEndpoint/);
        });

        it("every mandatory policy broken in one program fails one preview, each violation naming its resource, property and rule, no password shown", async () => {
            const program = withChange("asha", { internationalOutbound: true });
            // phone-number-unique: one number on IPPanel and on Chime, in two spellings.
            program.line = { type: "NumberAssignment", args: { number: "+1 (206) 555-0100", targetUser: "testuser", send: true, gets: true } };
            // inactive-user-no-number: a number assigned to a blocked agent's login.
            program.dev = {
                type: "SmartfloUser",
                args: { name: "Dev Blocked", number: "+919812345679", email: "dev@example.com", loginId: "dev.blocked", userRole: 54743, password: SMARTFLO_PASSWORD, callerId: [1560602], blocked: true },
            };
            program.devLine = { type: "NumberAssignment", args: { number: "+983000506", targetUser: "dev.blocked", send: true, gets: true } };
            // password-strength: a password equal to the login.
            const same = "Alice.Sip.User.01".slice(0, 14);
            program.alice = { type: "SipUser", args: { ...compliant().alice.args, login: "alice.sip.user", password: same } };
            const r = await preview(program);
            const out = r.stdout + r.stderr;
            assertMandatory(r, "smartflo-international-outbound", "asha", /asha \(smartflo:SmartfloUser\): internationalOutbound is true for loginId "asha\.rao", which is not on the policy's allow-list \(allowedLoginIds: none\)/);
            const both = /number \+12065550100 is declared 2 times in this stack \((bob \(chime:ChimeUserNumber\)\.e164PhoneNumber|line \(ippanel:NumberAssignment\)\.number) \("[^"]+"\), (bob \(chime:ChimeUserNumber\)\.e164PhoneNumber|line \(ippanel:NumberAssignment\)\.number) \("[^"]+"\)\)/;
            assertMandatory(r, "phone-number-unique", "line", both);
            assertMandatory(r, "phone-number-unique", "bob", both);
            assertMandatory(r, "inactive-user-no-number", "devLine", /devLine \(ippanel:NumberAssignment\): targetUser "dev\.blocked" assigns a number to dev \(smartflo:SmartfloUser\), whose agent is blocked\. Rule: a blocked Smartflo agent keeps no assigned number/);
            assertMandatory(r, "password-strength", "alice", /alice \(opentact:SipUser\): password is the same as login \(value not shown\)\. Rule: a password differs from the login\./);
            assert.ok(!out.includes(same), "the password appears in the output");
            // Exactly these: nothing else is flagged mandatory (the other resources comply).
            const flagged = [...out.matchAll(/\[mandatory\]\s+(\S+)\s+\(pulumi-nodejs:dynamic\/[a-z]+:[A-Za-z]+: (\w+)\)/g)].map((m) => `${m[1]} ${m[2]}`);
            assert.deepStrictEqual([...new Set(flagged)].sort(), [
                "inactive-user-no-number devLine",
                "password-strength alice",
                "phone-number-unique bob",
                "phone-number-unique line",
                "smartflo-international-outbound asha",
            ]);
        });

        it("the policy config changes what fires: an allow-list, removedUsers, a longer minLength, the pack's own chimeEndpoint", async () => {
            const r = await preview(withChange("asha", { internationalOutbound: true }), {
                "smartflo-international-outbound": { allowedLoginIds: ["asha.rao"] },
                "inactive-user-no-number": { removedUsers: ["carol"] },
                // The compliant 19-character passwords fail a minimum of 24.
                "password-strength": { minLength: 24 },
                // For a CLI that does not hand the pack the stack config, the policy's own chimeEndpoint says the same.
                "chime-end-of-support": { chimeEndpoint: endpoint },
            });
            const out = r.stdout + r.stderr;
            assertMandatory(r, "inactive-user-no-number", "carol", /carol \(verigator:VerigatorUser\): idInService "carol" is a removed user \(policy config removedUsers\)/);
            assertMandatory(r, "password-strength", "alice", /alice \(opentact:SipUser\): password is shorter than 24 characters \(value not shown\)/);
            for (const p of [SIP_PASSWORD, SMARTFLO_PASSWORD]) assert.ok(!out.includes(p), "a password appears in the output");
            assert.doesNotMatch(out, /smartflo-international-outbound|chime-end-of-support/);
        });
    });

    /** `pulumi-telephony plan` as the preview workflow runs it, in the program folder. */
    function plan(args: string[]): Promise<RunResult> {
        return runTelephony(["plan", "--stack", "test", ...args], { cwd: stack.dir, env: stack.env });
    }

    it("pulumi-telephony plan --policy-pack lists the violations: mandatory exits 3 with the report, advisory only exits 0", async () => {
        const program = withChange("asha", { internationalOutbound: true });
        stack.declare(program);
        const json = await plan(["--policy-pack", PACK, "--format", "json"]);
        assert.strictEqual(json.code, 3, json.stdout + json.stderr);
        const p = JSON.parse(json.stdout) as Plan;
        assert.strictEqual(p.blocked, true);
        assert.deepStrictEqual(
            p.policies.map((v) => [v.level, v.policy, v.pack, v.name, v.type]),
            [["mandatory", "smartflo-international-outbound", "telephony@v0.1.0", "asha", "smartflo:SmartfloUser"]],
        );
        assert.match(p.policies[0].message, /internationalOutbound is true for loginId "asha\.rao", which is not on the policy's allow-list/);
        const md = await plan(["--policy-pack", PACK, "--format", "markdown"]);
        assert.strictEqual(md.code, 3);
        assert.match(md.stdout, /^> \[!CAUTION\]\n> \*\*Policy violations: 1 mandatory, 0 advisory\.\*\* A mandatory policy was violated: the preview stopped/m);
        assert.match(md.stdout, /^> - \*\*mandatory\*\* `smartflo-international-outbound` — `asha` \(`smartflo:SmartfloUser`\): .*internationalOutbound is true/m);
        process.stdout.write(`${md.stdout.replace(/^/gm, "      | ")}\n`);

        // Only an advisory violation: the plan is complete and the command succeeds.
        const endpoint = vendorConfig(sb)["telephony:chimeEndpoint"].value;
        await stack.must(["config", "rm", "telephony:chimeEndpoint"]);
        try {
            stack.declare(compliant());
            const text = await plan(["--policy-pack", PACK]);
            assert.strictEqual(text.code, 0, text.stdout + text.stderr);
            assert.match(text.stdout, /^Stack test: 5 to create\.$/m);
            assert.match(text.stdout, /^Policy violations:\n {2}! \[advisory\] chime-end-of-support \(telephony@v0\.1\.0\) — bob \(chime:ChimeUserNumber\)$/m);
        } finally {
            await stack.setConfig("telephony:chimeEndpoint", endpoint);
        }
    });

    it("installed from the packed package (a copy, not the self-link), the pack runs from node_modules/pulumi-telephony/policy-pack", async () => {
        // A program folder whose node_modules holds the files `npm pack` publishes, its dependencies beside it (as
        // npm lays out a flat install; linked from this checkout, so nothing is downloaded).
        const installed = await TestStack.create("policy-installed", vendorConfig(sb));
        try {
            const packed = spawnSync("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", installed.home], { cwd: REPO, encoding: "utf8" });
            assert.strictEqual(packed.status, 0, packed.stderr);
            const modules = path.join(installed.dir, "node_modules");
            fs.mkdirSync(path.join(modules, "pulumi-telephony"), { recursive: true });
            const untar = spawnSync("tar", ["xzf", path.join(installed.home, JSON.parse(packed.stdout)[0].filename), "-C", path.join(modules, "pulumi-telephony"), "--strip-components=1"]);
            assert.strictEqual(untar.status, 0, String(untar.stderr));
            for (const entry of fs.readdirSync(path.join(REPO, "node_modules"))) {
                if (entry !== "pulumi-telephony" && entry !== ".bin") fs.symlinkSync(path.join(REPO, "node_modules", entry), path.join(modules, entry));
            }
            installed.declare(withChange("asha", { internationalOutbound: true }));
            const r = await installed.preview(["--policy-pack", PACK]);
            assertMandatory(r, "smartflo-international-outbound", "asha", /internationalOutbound is true for loginId "asha\.rao"/);
            // The pack that ran is the installed copy (the engine names the folder it loaded).
            assert.ok(fs.existsSync(path.join(modules, "pulumi-telephony", "policy-pack", "PulumiPolicy.yaml")));
            assert.ok(!fs.lstatSync(path.join(modules, "pulumi-telephony")).isSymbolicLink());
        } finally {
            await installed.dispose();
        }
    });

    it("the published package carries the pack: PulumiPolicy.yaml, its entry, its compiled policies, no tests", () => {
        const r = spawnSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: REPO, encoding: "utf8" });
        assert.strictEqual(r.status, 0, r.stderr);
        const files = (JSON.parse(r.stdout)[0].files as { path: string }[]).map((f) => f.path);
        for (const f of ["policy-pack/PulumiPolicy.yaml", "policy-pack/index.js", "policy-pack/package.json", "dist/policy/pack.js", "dist/policy/rules.js"]) assert.ok(files.includes(f), `${f} is not in the package`);
        assert.deepStrictEqual(files.filter((f) => f.startsWith("dist/policy/") && f.includes(".test.")), []);
        // @pulumi/policy reads the pack's version from its package.json: it is the package's version.
        const version = (f: string) => JSON.parse(fs.readFileSync(path.join(REPO, f), "utf8")).version;
        assert.strictEqual(version("policy-pack/package.json"), version("package.json"));
        // Every policy is documented in the README's policy table.
        const readme = fs.readFileSync(path.join(REPO, "README.md"), "utf8");
        for (const p of POLICIES) assert.match(readme, new RegExp(`\\| \`${p.name}\` \\| ${p.enforcementLevel} \\|`), `README lacks ${p.name}`);
    });
});
