/**
 * `pulumi-telephony drift` and `plan` end to end: the real bin (`node dist/cli/main.js`), the real Pulumi CLI
 * and engine, SipUser resources against the sandbox over HTTP — the user's path.
 */
import * as assert from "assert";
import { OPENTACT_CONNECTIONS, Sandbox } from "../sandbox";
import { RunResult, SandboxAdmin, TestStack, runTelephony, useSandboxStack } from "../test/harness";
import { DriftReport } from "./drift";
import { Plan } from "./plan";

const PASSWORD = `sip-pass-${"Qd7mX2rT".repeat(3)}`;
const NEW_PASSWORD = `sip-pass-${"Lw5hB9cN".repeat(3)}`;
const PORTAL_PASSWORD = `portal-pass-${"Jk3sV6yP".repeat(3)}`;

/** Runs `pulumi-telephony …` as a user would, in the stack's environment (its `pulumi` first on PATH). */
function telephony(stack: TestStack, args: string[], opts: { stack?: string; env?: NodeJS.ProcessEnv } = {}): Promise<RunResult> {
    return runTelephony([...args, "--cwd", stack.dir, "--stack", opts.stack ?? "test"], { env: { ...stack.env, ...opts.env } });
}

const config = (sb: Sandbox) => ({
    "telephony:opentactBaseUrl": { value: sb.vendorUrl("opentact") },
    "telephony:opentactToken": { value: "sandbox-opentact-token", secret: true },
});

const user = (login: string, args: Record<string, unknown> = {}, opts?: Record<string, unknown>) => ({
    type: "SipUser",
    args: { sipConnectionUuid: OPENTACT_CONNECTIONS[0], login, password: PASSWORD, firstName: "Alice", ...args },
    ...(opts ? { opts } : {}),
});

const vendorRequests = async (admin: SandboxAdmin) => (await admin.requests()).log.filter((r) => r.vendor !== "_sandbox");

/** No secret — declared, set in the portal, or the token — may appear in any report. */
function assertNoSecrets(text: string) {
    for (const s of [PASSWORD, NEW_PASSWORD, PORTAL_PASSWORD, "sandbox-opentact-token"]) assert.ok(!text.includes(s), `a secret (${s.length} chars) appears in the output`);
}

describe("pulumi-telephony drift on the real engine", function () {
    this.timeout(300_000);
    let admin: SandboxAdmin;
    let stack: TestStack;
    let stateBefore: string;
    let report: DriftReport;
    const uuid = async (login: string) => (await admin.objects("opentact", "users")).find((u) => u.login === login)!.uuid as string;

    useSandboxStack({ stack: "drift", config }, (t) => ({ admin, stack } = t));
    before(async () => {
        stack.declare({ alice: user("alice0001"), bob: user("bobby0001"), carol: user("carol0001") });
        await stack.up();
    });

    it("no drift: exit 0, an empty report, and the text says there is no drift", async () => {
        await admin.resetRequests();
        const json = await telephony(stack, ["drift", "--format", "json"]);
        assert.strictEqual(json.code, 0, `exit ${json.code}\n${json.stdout}\n${json.stderr}`);
        const r = JSON.parse(json.stdout) as DriftReport;
        assert.deepStrictEqual(r, { stack: "test", checked: 3, drifted: [], unobservable: [], people: [], restore: null });
        // The check reads each object once at the vendor.
        assert.deepStrictEqual((await vendorRequests(admin)).map((x) => x.route).sort(), ["GetSIPUserByUUID", "GetSIPUserByUUID", "GetSIPUserByUUID"]);
        process.stdout.write(`      drift check of 3 SipUsers, no drift: ${json.ms} ms\n`);

        const text = await telephony(stack, ["drift"]);
        assert.strictEqual(text.code, 0);
        assert.match(text.stdout, /^Stack test: no drift: the vendors show the declared state of 3 telephony resources\.$/m);
        assert.doesNotMatch(text.stdout, /restore/);
    });

    it("an out-of-band change and an out-of-band delete: exit 2, the right kinds and properties in json", async () => {
        stateBefore = await stack.exportText();
        await admin.alter("opentact", "users", await uuid("alice0001"), { first_name: "Mallory" });
        await admin.remove("opentact", "users", await uuid("bobby0001"));
        await admin.alter("opentact", "users", await uuid("carol0001"), { password: PORTAL_PASSWORD });

        const json = await telephony(stack, ["drift", "--format", "json"]);
        assert.strictEqual(json.code, 2, `exit ${json.code}\n${json.stdout}\n${json.stderr}`);
        process.stdout.write(`      drift check of 3 SipUsers, 3 drifted: ${json.ms} ms\n`);
        assertNoSecrets(json.stdout + json.stderr);
        report = JSON.parse(json.stdout);
        assert.strictEqual(report.stack, "test");
        assert.strictEqual(report.restore, "pulumi up --refresh --stack test");
        const byName = Object.fromEntries(report.drifted.map((d) => [d.name, d]));
        assert.deepStrictEqual(Object.keys(byName).sort(), ["alice", "bob", "carol"]);

        assert.strictEqual(byName.alice.kind, "changed");
        assert.strictEqual(byName.alice.type, "opentact:SipUser");
        assert.match(byName.alice.urn, /::pulumi-nodejs:dynamic\/opentact:SipUser::alice$/);
        assert.deepStrictEqual(byName.alice.properties, [{ name: "firstName", declared: "Alice", live: "Mallory" }]);

        assert.strictEqual(byName.bob.kind, "deleted");
        assert.deepStrictEqual(byName.bob.properties, []);

        // A password changed in the portal: the provider sees it (through the SIP digest); the value never shows.
        assert.strictEqual(byName.carol.kind, "changed");
        assert.strictEqual(byName.carol.properties.length, 1);
        const [pw] = byName.carol.properties;
        assert.strictEqual(pw.name, "password");
        assert.strictEqual(pw.declared, "[secret]");
        assert.ok(pw.live === "[secret]" || pw.live === null, `live password shown as ${JSON.stringify(pw.live)}`);
        assert.match(pw.note ?? "", /changed/);
        // SipUser has no unobservable properties: nothing is listed as unchecked.
        assert.deepStrictEqual(report.unobservable, []);
    });

    it("the text report names the same resources, properties and kinds, and the restore command", async () => {
        const text = await telephony(stack, ["drift", "--format", "text"]);
        assert.strictEqual(text.code, 2);
        assertNoSecrets(text.stdout + text.stderr);
        const out = text.stdout;
        assert.match(out, /^Stack test: 3 telephony resources of 3 differ from the last deployment\.$/m);
        assert.match(out, /^~ alice \(opentact:SipUser, id [0-9a-f-]{36}\) changed behind Pulumi's back$/m);
        assert.match(out, /^ {4}firstName: declared "Alice", live "Mallory"$/m);
        assert.match(out, /^- bob \(opentact:SipUser, id [0-9a-f-]{36}\) deleted behind Pulumi's back/m);
        assert.match(out, /^~ carol \(opentact:SipUser, id [0-9a-f-]{36}\) changed/m);
        assert.match(out, /^ {4}password: declared \[secret\], live (\[secret\]|\(not set\)) — .*changed/m);
        assert.match(out, /^To restore the declared state: pulumi up --refresh --stack test$/m);
        process.stdout.write(`${out.replace(/^/gm, "      | ")}\n`);
    });

    it("the markdown report names the same, as a table for a pull-request or issue comment", async () => {
        const md = await telephony(stack, ["drift", "--format", "markdown"]);
        assert.strictEqual(md.code, 2);
        assertNoSecrets(md.stdout + md.stderr);
        const out = md.stdout;
        assert.match(out, /^<!-- pulumi-telephony-drift -->$/m);
        assert.match(out, /^### Drift in stack `test`$/m);
        assert.match(out, /^\| `alice` \| `opentact:SipUser` \| changed \| `firstName` \| `"Alice"` \| `"Mallory"` \|$/m);
        assert.match(out, /^\| `bob` \| `opentact:SipUser` \| deleted \| \| \| \|$/m);
        assert.match(out, /^\| `carol` \| `opentact:SipUser` \| changed \| `password` \| `\[secret\]` \| .*changed.* \|$/m);
        assert.match(out, /^To restore the declared state: `pulumi up --refresh --stack test`$/m);
        process.stdout.write(`${out.replace(/^/gm, "      | ")}\n`);
    });

    it("changes nothing: the stack's state is identical after the drift checks, and the selected stack stays", async () => {
        assert.strictEqual(await stack.exportText(), stateBefore);
        // Someone working on another stack of the program: a drift check of `test` must not switch them to it.
        await stack.must(["stack", "init", "other", "--non-interactive"]);
        try {
            assert.strictEqual((await telephony(stack, ["drift", "--format", "json"])).code, 2);
            assert.strictEqual((await stack.must(["stack", "--show-name"])).stdout.trim(), "other");
        } finally {
            await stack.must(["stack", "select", "test"]);
        }
        assert.strictEqual(await stack.exportText(), stateBefore);
        // Also the vendor: the drifted objects are still drifted, nothing was restored.
        const users = await admin.objects("opentact", "users");
        assert.deepStrictEqual(users.map((u) => u.login).sort(), ["alice0001", "carol0001"]);
        assert.strictEqual(users.find((u) => u.login === "alice0001")!.first_name, "Mallory");
    });

    it("the printed restore command brings the vendor back, after which drift exits 0", async () => {
        const r = await stack.run(["up", "--refresh", "--stack", "test", "--yes", "--non-interactive", "--suppress-progress"]);
        assert.strictEqual(r.code, 0, r.stdout + r.stderr);
        const after = await telephony(stack, ["drift", "--format", "json"]);
        assert.strictEqual(after.code, 0, after.stdout + after.stderr);
        assert.deepStrictEqual((JSON.parse(after.stdout) as DriftReport).drifted, []);
    });

    it("a check that cannot run exits 1 with the reason on stderr (state not readable; no such stack)", async () => {
        const locked = await telephony(stack, ["drift", "--format", "json"], { env: { PULUMI_CONFIG_PASSPHRASE: "not-the-passphrase" } });
        assert.strictEqual(locked.code, 1, `exit ${locked.code}\n${locked.stdout}\n${locked.stderr}`);
        assert.strictEqual(locked.stdout, "", "no report when the check failed");
        assert.match(locked.stderr, /^pulumi-telephony drift: .*passphrase/is);

        const missing = await telephony(stack, ["drift"], { stack: "no-such-stack" });
        assert.strictEqual(missing.code, 1);
        assert.strictEqual(missing.stdout, "");
        assert.match(missing.stderr, /^pulumi-telephony drift: .*no stack named 'no-such-stack' found/s);
    });
});

describe("pulumi-telephony plan and credential-free previews on the real engine", function () {
    this.timeout(300_000);
    let admin: SandboxAdmin;
    let stack: TestStack;

    useSandboxStack({ stack: "plan", config }, (t) => ({ admin, stack } = t));
    before(async () => {
        stack.declare({
            alice: user("alice0001"),
            bob: user("bobby0001"),
            carol: user("carol0001"),
            dave: user("dave00001"),
            frank: user("frank0001", {}, { deleteBeforeReplace: true }),
        });
        await stack.up();
        stack.declare({
            alice: user("alice0001", { lastName: "Anders" }), // update
            // bob removed: delete
            carol: user("carol0001", { sipConnectionUuid: OPENTACT_CONNECTIONS[1] }), // replace, new before old
            dave: user("dave00001", { password: NEW_PASSWORD }), // update of a secret only
            frank: user("frank0001", { sipConnectionUuid: OPENTACT_CONNECTIONS[1] }, { deleteBeforeReplace: true }), // replace, old deleted first
            erin: user("erin00001", { email: "erin@example.com" }), // create
        });
    });

    it("the markdown summary names each change old → new and the operation, and warns on replacements and deletions", async () => {
        await admin.resetRequests();
        const r = await telephony(stack, ["plan", "--format", "markdown"]);
        assert.strictEqual(r.code, 0, `exit ${r.code}\n${r.stdout}\n${r.stderr}`);
        assertNoSecrets(r.stdout + r.stderr);
        const out = r.stdout;
        const [c0, c1] = OPENTACT_CONNECTIONS;
        assert.match(out, /^<!-- pulumi-telephony-plan -->$/m);
        assert.match(out, /^\*\*1 to create, 2 to update, 2 to replace, 1 to delete\.\*\*$/m);
        assert.match(out, /^- \*\*update\*\* `alice` \(`opentact:SipUser`\)\n {2}- `lastName`: _\(not set\)_ → `"Anders"`$/m);
        assert.match(out, /^- \*\*update\*\* `dave` \(`opentact:SipUser`\)\n {2}- _a secret property changed \(values hidden\)_$/m);
        assert.match(out, new RegExp(`^- \\*\\*replace\\*\\* \`carol\` \\(\`opentact:SipUser\`\\)\\n {2}- \`sipConnectionUuid\`: \`"${c0}"\` → \`"${c1}"\` _\\(forces replacement\\)_$`, "m"));
        assert.match(out, /^- \*\*replace \(delete before create\)\*\* `frank` \(`opentact:SipUser`\)$/m);
        assert.match(out, /^- \*\*create\*\* `erin` \(`opentact:SipUser`\)$/m);
        assert.match(out, /^ {2}- `email`: `"erin@example.com"`$/m);
        assert.match(out, /^ {2}- `password`: `\[secret\]`$/m);
        assert.match(out, /^- \*\*delete\*\* `bob` \(`opentact:SipUser`\)$/m);
        // One warning line per replacement or deletion; none for updates or creates.
        assert.match(out, /^> \[!WARNING\]$/m);
        const warnings = out.split("\n").filter((l) => l.startsWith("> - "));
        assert.strictEqual(warnings.length, 3, warnings.join("\n"));
        assert.match(out, /^> - `carol` \(`opentact:SipUser`\) is replaced because sipConnectionUuid changes: a new SIP user is created and the old one deleted, so it is briefly out of service$/m);
        assert.match(out, /^> - `frank` \(`opentact:SipUser`\) is replaced because sipConnectionUuid changes, deleting the old SIP user before creating the new one: out of service in between$/m);
        assert.match(out, /^> - `bob` \(`opentact:SipUser`\) is deleted at the vendor: the SIP user goes out of service$/m);
        assert.deepStrictEqual(await vendorRequests(admin), [], "plan sent vendor requests");
        process.stdout.write(`${out.replace(/^/gm, "      | ")}\n`);
    });

    it("a preview makes zero vendor requests with no vendor credentials set, and plan works without them too", async () => {
        await stack.must(["config", "rm", "telephony:opentactToken"]);
        const cfg = (await stack.must(["config", "--json"])).stdout;
        assert.doesNotMatch(cfg, /opentactToken|opentactPassword/, "a credential is still configured");
        assert.ok(!Object.keys(stack.env).some((k) => /^OPENTACT_/.test(k)), "a credential is in the environment");

        await admin.resetRequests();
        const preview = await stack.preview();
        assert.strictEqual(preview.code, 0, `preview failed without credentials:\n${preview.stdout}\n${preview.stderr}`);
        assert.match(preview.stdout, /~ pulumi-nodejs:dynamic\/opentact:SipUser: \(update\)/);
        assert.match(preview.stdout, /\[urn=urn:pulumi:test::plan::pulumi-nodejs:dynamic\/opentact:SipUser::alice\]/);
        assert.deepStrictEqual(await vendorRequests(admin), [], "preview sent vendor requests");

        const json = await telephony(stack, ["plan", "--format", "json"]);
        assert.strictEqual(json.code, 0, json.stderr);
        const p = JSON.parse(json.stdout) as Plan;
        assert.deepStrictEqual(Object.fromEntries(p.changes.map((c) => [c.name, c.op])), { alice: "update", bob: "delete", carol: "replace", dave: "update", erin: "create", frank: "replace" });
        assert.deepStrictEqual(p.summary, { create: 1, update: 2, replace: 2, delete: 1 });
        assert.deepStrictEqual(await vendorRequests(admin), [], "plan sent vendor requests");
    });

    it("a plan of an invalid program exits 1 naming the property and the rule, with zero vendor requests", async () => {
        stack.declare({ zed: user("abc") });
        await admin.resetRequests();
        const r = await telephony(stack, ["plan", "--format", "markdown"]);
        assert.strictEqual(r.code, 1, `exit ${r.code}\n${r.stdout}\n${r.stderr}`);
        assert.strictEqual(r.stdout, "");
        assert.match(r.stderr, /^pulumi-telephony plan: pulumi preview failed/);
        assert.match(r.stderr, /login must be 7 to 15 characters/);
        assertNoSecrets(r.stderr);
        assert.deepStrictEqual(await vendorRequests(admin), []);
    });
});
