/**
 * The report builders and formats on synthetic engine events, for what SipUser cannot show end to end:
 * a kind with unobservable properties, secrets the engine did not mark, unknown values, a kind whose
 * adapter deletes before replacing. The fake kinds reuse the real SipUser comparison (`changedKeys`).
 */
import * as assert from "assert";
import { EngineEvent, OpType } from "@pulumi/pulumi/automation";
import { UNKNOWN } from "../provider/core/validation";
import { buildDriftReport } from "./drift";
import { formatDrift, formatPlan } from "./format";
import { main } from "./main";
import { buildPlan } from "./plan";
import { KindInfo, KindLookup, telephonyKinds } from "./resources";

const SIP = "pulumi-nodejs:dynamic/opentact:SipUser";
const FAKE = "pulumi-nodejs:dynamic/fake:NumberAssignment";
const API_KEY = "fake-api-key-that-must-never-show-0123456789";

/** A number assignment whose vendor cannot show whom a number is assigned to (as IPPanel's). */
const fakeAssignment: KindInfo = {
    kind: "fake:NumberAssignment",
    secret: ["apiKey"],
    unobservable: () => ["targetUser", "send", "gets"],
    inputs: ["number", "targetUser", "send", "gets", "apiKey"],
    changedKeys: (olds, news) => ["number", "targetUser", "send", "gets", "apiKey"].filter((k) => news[k] !== undefined && JSON.stringify(news[k]) !== JSON.stringify(olds[k])),
    replaceOn: () => ["number", "targetUser"],
    deleteBeforeReplace: (olds, news) => olds.number === news.number,
};
const kinds: KindLookup = (type) => (type === FAKE ? fakeAssignment : telephonyKinds(type));

const urn = (type: string, name: string) => `urn:pulumi:prod::telephony::${type}::${name}`;

function step(event: "resOutputsEvent" | "resourcePreEvent", op: OpType, type: string, name: string, old?: { inputs?: object; outputs?: object }, neu?: { inputs?: object }, keys?: string[]): EngineEvent {
    const state = (s?: { inputs?: object; outputs?: object }) => s && { type, urn: urn(type, name), id: `${name}-id`, parent: "", provider: "", inputs: { __provider: "exports.handler = …", ...s.inputs }, outputs: { ...(s.outputs ?? s.inputs) } };
    return { sequence: 0, timestamp: 0, [event]: { metadata: { op, urn: urn(type, name), type, old: state(old), new: state(neu), keys, provider: "" } } } as EngineEvent;
}

const secretEnvelope = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", ciphertext: "[secret]" };

describe("drift report builder and formats", () => {
    const events = [
        step("resOutputsEvent", "same", "pulumi:pulumi:Stack", "telephony-prod"),
        step("resOutputsEvent", "same", "pulumi:providers:pulumi-nodejs", "default"),
        step("resOutputsEvent", "same", FAKE, "sales-line", { inputs: { number: "+982100001", targetUser: "u-17", send: true, apiKey: API_KEY } }, { inputs: { number: "+982100001", targetUser: "u-17", send: true, apiKey: API_KEY } }),
        step("resOutputsEvent", "delete", FAKE, "support-line", { inputs: { number: "+982100002", targetUser: "u-18" } }),
        step("resOutputsEvent", "update", SIP, "alice", { inputs: { login: "alice0001", firstName: "Alice", password: secretEnvelope } }, { inputs: { login: "alice0001", firstName: "Mallory", password: secretEnvelope } }),
    ];
    const report = buildDriftReport("prod", events, kinds);

    it("lists declared unobservable properties per resource, so silence is not read as agreement", () => {
        assert.deepStrictEqual(report.unobservable, [{ urn: urn(FAKE, "sales-line"), name: "sales-line", type: "fake:NumberAssignment", properties: ["targetUser", "send"] }]);
        const text = formatDrift(report, "text");
        assert.match(text, /^Not observable — the vendor API cannot show these declared properties, so they were not checked:\n {4}sales-line \(fake:NumberAssignment\): targetUser, send$/m);
        const md = formatDrift(report, "markdown");
        assert.match(md, /^\*\*Not observable\*\* — .*\n\n- `sales-line` \(`fake:NumberAssignment`\): `targetUser`, `send`$/m);
        assert.deepStrictEqual(JSON.parse(formatDrift(report, "json")).unobservable, report.unobservable);
    });

    it("still lists them when nothing drifted (an empty report is not a clean bill for them)", () => {
        const clean = buildDriftReport("prod", [events[2]], kinds);
        assert.deepStrictEqual(clean.drifted, []);
        assert.strictEqual(clean.unobservable.length, 1);
        assert.match(formatDrift(clean, "text"), /^Stack prod: no drift: the vendors show the declared state of 1 telephony resource\.\n\nNot observable/);
    });

    it("reports changed and deleted objects with the provider's own comparison, ignoring other resources", () => {
        assert.strictEqual(report.checked, 3);
        assert.deepStrictEqual(
            report.drifted.map((d) => [d.name, d.kind, d.properties]),
            [
                ["alice", "changed", [{ name: "firstName", declared: "Alice", live: "Mallory" }]],
                ["support-line", "deleted", []],
            ],
        );
        assert.strictEqual(report.restore, "pulumi up --refresh --stack prod");
    });

    it("masks secret properties even when the engine did not, and says a hidden secret changed", () => {
        const changed = buildDriftReport("prod", [step("resOutputsEvent", "update", FAKE, "l", { inputs: { number: "+1", apiKey: API_KEY } }, { inputs: { number: "+1", apiKey: `${API_KEY}-rotated` } })], kinds);
        assert.deepStrictEqual(changed.drifted[0].properties, [{ name: "apiKey", declared: "[secret]", live: "[secret]", note: "changed; secret values are hidden, so the old and new values cannot be shown" }]);
        const gone = buildDriftReport("prod", [step("resOutputsEvent", "update", SIP, "a", { inputs: { login: "a", password: secretEnvelope } }, { inputs: { login: "a", password: null } })], kinds);
        assert.deepStrictEqual(gone.drifted[0].properties, [{ name: "password", declared: "[secret]", live: null, note: "changed; the vendor does not reveal the value" }]);
        // The engine shows every secret alike: an update with no visible difference is a secret that changed.
        const hidden = buildDriftReport("prod", [step("resOutputsEvent", "update", SIP, "b", { inputs: { login: "b", password: secretEnvelope } }, { inputs: { login: "b", password: secretEnvelope } })], kinds);
        assert.deepStrictEqual(hidden.drifted[0].properties.map((p) => [p.name, p.declared, p.live]), [["password", "[secret]", "[secret]"]]);
        for (const format of ["text", "markdown", "json"] as const) {
            const out = formatDrift(changed, format) + formatDrift(gone, format) + formatDrift(hidden, format);
            assert.ok(!out.includes(API_KEY), `${format} shows the secret`);
        }
    });

    it("keeps markdown tables intact for values with pipes and backticks", () => {
        const r = buildDriftReport("prod", [step("resOutputsEvent", "update", SIP, "a", { inputs: { login: "a", firstName: "A|B" } }, { inputs: { login: "a", firstName: "x`y" } })], kinds);
        assert.match(formatDrift(r, "markdown"), /^\| `a` \| `opentact:SipUser` \| changed \| `firstName` \| `"A\\\|B"` \| `` "x`y" `` \|$/m);
    });
});

describe("plan builder and formats", () => {
    it("replacements take delete-before-replace from the adapter; unknown values show as known after apply", () => {
        const events = [
            step("resourcePreEvent", "same", "pulumi:pulumi:Stack", "telephony-prod"),
            // The engine's order for create-before-delete; the adapter still asks for delete first (same number).
            step("resourcePreEvent", "create-replacement", FAKE, "line", { inputs: { number: "+1", targetUser: "u-1" } }, { inputs: { number: "+1", targetUser: "u-2" } }, ["targetUser"]),
            step("resourcePreEvent", "replace", FAKE, "line", { inputs: { number: "+1", targetUser: "u-1" } }, { inputs: { number: "+1", targetUser: "u-2" } }, ["targetUser"]),
            step("resourcePreEvent", "delete-replaced", FAKE, "line", { inputs: { number: "+1", targetUser: "u-1" } }),
            step("resourcePreEvent", "update", SIP, "alice", { inputs: { login: "alice0001", firstName: "Alice" } }, { inputs: { login: "alice0001", firstName: UNKNOWN } }),
            step("resourcePreEvent", "same", SIP, "bob", { inputs: { login: "bobby0001" } }, { inputs: { login: "bobby0001" } }),
        ];
        const p = buildPlan("prod", events, kinds);
        assert.deepStrictEqual(p.summary, { create: 0, update: 1, replace: 1, delete: 0 });
        assert.deepStrictEqual(p.changes.map((c) => c.name), ["alice", "line"], "grouped by operation: updates before replacements");
        const [alice, line] = p.changes;
        assert.strictEqual(line.op, "replace");
        assert.strictEqual(line.deleteBeforeReplace, true);
        assert.deepStrictEqual(line.properties, [{ name: "targetUser", old: "u-1", new: "u-2", replaces: true }]);
        assert.match(line.warning!, /line \(fake:NumberAssignment\) is replaced because targetUser changes, deleting the old object before creating the new one: out of service in between/);
        assert.deepStrictEqual(alice.properties, [{ name: "firstName", old: "Alice", new: "(known after apply)", replaces: false }]);
        assert.strictEqual(alice.warning, undefined);
        const text = formatPlan(p, "text");
        assert.match(text, /^Stack prod: 1 to update, 1 to replace\.$/m);
        assert.match(text, /^\+- replace \(delete before create\) line \(fake:NumberAssignment\)\n {4}targetUser: "u-1" → "u-2" \(forces replacement\)$/m);
        assert.match(text, /^ {4}firstName: "Alice" → \(known after apply\)$/m);
        assert.match(text, /^Warnings:\n {2}! line \(fake:NumberAssignment\) is replaced/m);
        assert.match(formatPlan(p, "markdown"), /^ {2}- `firstName`: `"Alice"` → _\(known after apply\)_$/m);
    });

    it("no changes: says so, with no warnings", () => {
        const p = buildPlan("prod", [step("resourcePreEvent", "same", SIP, "bob", { inputs: { login: "bobby0001" } }, { inputs: { login: "bobby0001" } })], kinds);
        assert.deepStrictEqual(p.changes, []);
        assert.strictEqual(formatPlan(p, "text"), "Stack prod: no changes to telephony resources.\n");
        assert.doesNotMatch(formatPlan(p, "markdown"), /WARNING/);
    });
});

describe("pulumi-telephony command line", () => {
    it("refuses bad usage with exit 1, naming the problem, before touching any stack", async () => {
        const cases: Array<[string[], RegExp]> = [
            [["drift", "--format", "yaml"], /--format must be one of text, markdown, json; got "yaml"/],
            [["apply"], /unknown command "apply": use drift, plan, export or recover/],
            [["recover", "--format", "json"], /recover has no --format: it prints text/],
            [["recover", "--vendor", "opentact"], /--vendor is an option of export, not of recover/],
            [["drift", "--bogus"], /Unknown option '--bogus'/],
            [["drift", "--policy-pack", "policy-pack"], /--policy-pack and --policy-pack-config are options of plan/],
            [["plan", "--policy-pack-config", "policy.json"], /--policy-pack-config needs a --policy-pack for each config file/],
        ];
        for (const [argv, expected] of cases) {
            const r = await main(argv);
            assert.strictEqual(r.code, 1, argv.join(" "));
            assert.strictEqual(r.stdout, "");
            assert.match(r.stderr, expected);
            assert.match(r.stderr, /Exit status:\n {2}0 {2}success; for drift: no drift\n {2}2 {2}drift: drift found\n {2}3 {2}plan: a mandatory policy was violated \(the report lists the violations\)\n {2}1 {2}the command failed/);
        }
        const help = await main(["--help"]);
        assert.strictEqual(help.code, 0);
        assert.match(help.stdout, /pulumi-telephony drift \[--stack NAME\] \[--cwd PROGRAM_DIR\] \[--format text\|markdown\|json\]/);
    });
});

describe("drift report: what a particular object cannot show", () => {
    it("a SIP domain user's password is listed as unchecked (no ha1 to reveal a change); a connection user's is not", () => {
        const domainUser = { sipDomain: "abc.sip.opentact.org", login: "carol0001", password: secretEnvelope };
        const connectionUser = { sipConnectionUuid: "66eb0a8a-571e-41b1-8f50-4d97275cfab7", login: "dave0001", password: secretEnvelope };
        const report = buildDriftReport("prod", [
            step("resOutputsEvent", "same", SIP, "carol", { inputs: domainUser }, { inputs: domainUser }),
            step("resOutputsEvent", "same", SIP, "dave", { inputs: connectionUser }, { inputs: connectionUser }),
        ]);
        assert.strictEqual(report.checked, 2);
        assert.deepStrictEqual(report.unobservable, [{ urn: urn(SIP, "carol"), name: "carol", type: "opentact:SipUser", properties: ["password"] }]);
        assert.match(formatDrift(report, "text"), /carol \(opentact:SipUser\): password/);
    });
});

describe("reports that speak of people", () => {
    const PERSON = "telephony:index:Person";
    const personUrn = (login: string) => urn(PERSON, login);
    const T = (kind: string) => `pulumi-nodejs:dynamic/${kind}`;
    /** A step of a person's resource (its parent the person), or of the person itself. */
    function ev(event: "resOutputsEvent" | "resourcePreEvent", op: OpType, type: string, name: string, parent: string, old?: object, neu?: object): EngineEvent {
        const childUrn = `urn:pulumi:prod::telephony::${PERSON}$${type}::${name}`;
        const u = type === PERSON ? personUrn(name) : childUrn;
        const state = (s?: object) => s && { type, urn: u, id: `${name}-id`, parent, provider: "", inputs: { ...s }, outputs: { ...s } };
        return { sequence: 0, timestamp: 0, [event]: { metadata: { op, urn: u, type, old: state(old), new: state(neu), provider: "" } } } as EngineEvent;
    }
    const person = (op: OpType, login: string, oldStatus?: string, newStatus?: string) =>
        ev("resourcePreEvent", op, PERSON, login, "", oldStatus ? { login, status: oldStatus } : undefined, newStatus ? { login, status: newStatus } : undefined);
    const agent = { loginId: "asha.rao", name: "Asha Rao", email: "asha@example.com", number: "+919876500001", userRole: 2, blocked: false };
    const events = [
        person("same", "quiet.one", "active", "active"),
        ev("resourcePreEvent", "same", T("opentact:SipUser"), "quiet.one-sip", personUrn("quiet.one"), { login: "quiet.one1" }, { login: "quiet.one1" }),
        person("update", "asha.rao", "active", "suspended"),
        ev("resourcePreEvent", "update", T("smartflo:SmartfloUser"), "asha.rao-agent", personUrn("asha.rao"), agent, { ...agent, blocked: true }),
        ev("resourcePreEvent", "delete", T("ippanel:NumberAssignment"), "asha.rao-number-983000505", personUrn("asha.rao"), { number: "+983000505", targetUser: "testuser", send: true, gets: true }),
        ev("resourcePreEvent", "delete", T("chime:ChimeUserNumber"), "asha.rao-chime", personUrn("asha.rao"), { accountId: "a", userId: "u", e164PhoneNumber: "+12065550100" }),
        ev("resourcePreEvent", "delete", T("verigator:VerigatorUser"), "asha.rao-verigator", personUrn("asha.rao"), { serviceId: "s", idInService: "asha.rao", phoneNumber: "+37251001234" }),
        person("delete", "kofi.mensah", "active"),
        ev("resourcePreEvent", "delete", T("opentact:SipUser"), "kofi.mensah-sip", personUrn("kofi.mensah"), { login: "kofi.mensah" }),
        ev("resourcePreEvent", "delete", T("ippanel:NumberAssignment"), "kofi.mensah-number-98300070001", personUrn("kofi.mensah"), { number: "+98300070001" }),
        person("same", "lena.berg", "active", "active"),
        ev("resourcePreEvent", "create", T("ippanel:NumberAssignment"), "lena.berg-number-98300070099", personUrn("lena.berg"), undefined, { number: "+98300070099", targetUser: "testuser", send: true, gets: true }),
        ev("resourcePreEvent", "delete", T("ippanel:NumberAssignment"), "lena.berg-number-98300070010", personUrn("lena.berg"), { number: "+98300070010" }),
        person("create", "new.person", undefined, "active"),
        ev("resourcePreEvent", "create", T("smartflo:SmartfloUser"), "new.person-agent", personUrn("new.person"), undefined, { ...agent, loginId: "new.person" }),
        ev("resourcePreEvent", "create", T("verigator:VerigatorUser"), "new.person-verigator", personUrn("new.person"), undefined, { serviceId: "s", idInService: "new.person", phoneNumber: "+37251009999" }),
        ev("resourcePreEvent", "create", T("opentact:SipUser"), "loose-sip", "", undefined, { login: "loose.sip1", sipDomain: "a.example.com", password: "x-password" }),
    ];

    it("plan: one line per person that changes — suspended, leaves, a number moved, joins — and none for a person without changes", () => {
        const plan = buildPlan("prod", events);
        assert.deepStrictEqual(
            plan.people.map((p) => p.line),
            [
                "asha.rao: suspended — agent blocked, +983000505 released, Chime +12065550100 released, Verigator +37251001234 removed",
                "kofi.mensah: leaves — +98300070001 released, SIP user removed",
                "lena.berg: changes — +98300070010 released, +98300070099 assigned",
                "new.person: joins — agent created, Verigator +37251009999 registered",
            ],
        );
        assert.deepStrictEqual(plan.people.find((p) => p.person === "lena.berg")!.resources, ["lena.berg-number-98300070010", "lena.berg-number-98300070099"]);
        assert.strictEqual(plan.changes.find((c) => c.name === "asha.rao-agent")!.person, "asha.rao");
        assert.strictEqual(plan.changes.find((c) => c.name === "loose-sip")!.person, undefined, "a resource of no person stays on its own");
        assert.strictEqual(plan.changes.length, 11);
        const text = formatPlan(plan, "text");
        assert.match(text, /^Stack prod: 4 to create, 1 to update, 6 to delete\.\n\nPeople \(4 people changing\):\n {2}asha\.rao: suspended — agent blocked/);
        assert.match(formatPlan(plan, "markdown"), /^- `kofi\.mensah`: leaves — \+98300070001 released, SIP user removed$/m);
        assert.deepStrictEqual(JSON.parse(formatPlan(plan, "json")).people.map((p: { verb: string }) => p.verb), ["suspended", "leaves", "changes", "joins"]);
    });

    it("drift: a person's drifted resources in one line under the person", () => {
        const drift = buildDriftReport("prod", [
            ev("resOutputsEvent", "update", T("smartflo:SmartfloUser"), "asha.rao-agent", personUrn("asha.rao"), agent, { ...agent, name: "Asha R." }),
            ev("resOutputsEvent", "delete", T("chime:ChimeUserNumber"), "asha.rao-chime", personUrn("asha.rao"), { accountId: "a", userId: "u", e164PhoneNumber: "+12065550100" }),
        ]);
        assert.deepStrictEqual(drift.people, [
            { person: "asha.rao", line: "asha.rao: agent: name changed at the vendor, Chime +12065550100 gone at the vendor", resources: ["asha.rao-agent", "asha.rao-chime"] },
        ]);
        assert.match(formatDrift(drift, "text"), /^Stack prod: 2 telephony resources of 2 differ from the last deployment\.\n\nPeople \(1 person drifted\):\n {2}asha\.rao: agent: name changed/);
    });
});
