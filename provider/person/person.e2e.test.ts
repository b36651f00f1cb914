/**
 * A roster of 100 people across the five vendors on the real engine against the sandbox, in one stack, each step
 * checking several things: a roster with five bad rows fails `preview` naming all five, with zero vendor requests;
 * `up` of the 100, then an empty preview; the roster edited — one leaves, one is suspended, one moves to another
 * number, one joins — `pulumi-telephony plan` (with the policy pack) shows exactly those four, per person; `up`
 * applies them, every number released before its user is removed (the order of the sandbox's requests); the next
 * preview is empty and `drift` is clean; and a renamed login with `formerLogins` keeps its resources (aliases).
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { REPO, SandboxAdmin, TestStack, runTelephony, useSandboxStack, vendorEnv } from "../../test/harness";
import { chimeNumber, ippanelNumber, loginOf, rosterCsv, rosterRow, rosterRows, seedChime, writeRosterProgram } from "../../test/roster-fixture";
import type { Plan } from "../../cli/plan";
import type { DriftReport } from "../../cli/drift";

const N = 100;

describe("a roster of 100 people on the real engine", function () {
    this.timeout(900_000);
    let admin: SandboxAdmin;
    let stack: TestStack;
    // The file backend writes the whole state after every step: for 470 resources that is most of an `up` (measured:
    // 300 resources up 20 s with checkpoints, 8 s without). This file tests plans, order and drift, not what a crash
    // leaves behind (crash.e2e.test.ts does, checkpoints on), so only the final state is written.
    useSandboxStack({ stack: "roster", env: { ...vendorEnv(), PULUMI_SKIP_CHECKPOINTS: "true" } }, (t) => ({ admin, stack } = t));

    const telephony = (args: string[]) => runTelephony([...args, "--cwd", stack.dir, "--stack", "test"], { env: stack.env });
    const roster = (rows: Record<string, string>[]) => fs.writeFileSync(path.join(stack.dir, "people.csv"), rosterCsv(rows));
    /** The objects the sandbox's vendors hold for the roster's people. */
    async function estate() {
        const ippanel = await admin.objects("ippanel", "assignments");
        return {
            sip: (await admin.objects("opentact", "users")).map((u) => u.login).sort(),
            agents: (await admin.objects("smartflo", "users")).map((u) => `${u.login_id}${u.status === 0 ? " (blocked)" : ""}`).sort(),
            ippanel: ippanel.length,
            chime: (await admin.objects("chime", "users")).filter((u) => u.PrimaryProvisionedNumber).length,
            verigator: (await admin.objects("verigator", "users")).length,
        };
    }

    before(async () => {
        await seedChime(admin, N + 5);
        writeRosterProgram(stack.dir, rosterRows(N));
        await stack.setConfig("passwordSeed", "roster-test-password-seed", true);
    });

    it("a roster with five bad rows fails preview listing all five, with file, row and column, and no vendor request", async () => {
        const rows = rosterRows(8);
        rows[1] = { ...rows[1], login: "ab" }; // row 3: a SIP login must be 7 to 15 characters
        rows[2] = { ...rows[2], "agent.number": "12" }; // row 4
        rows[4] = { ...rows[4], email: "not-an-email" }; // row 6
        rows[5] = { ...rows[5], numbers: ippanelNumber(0) }; // row 7: row 2's number
        rows[6] = { ...rows[6], status: "gone" }; // row 8
        roster(rows);
        await admin.resetRequests();
        const r = await stack.preview();
        const out = r.stdout + r.stderr;
        assert.notStrictEqual(r.code, 0, out);
        assert.match(out, /roster people\.csv: 5 problems \(nothing was declared; no vendor was asked\)/);
        const lines = out.split("\n").filter((l) => /^\s*people\.csv row \d+, column /.test(l)).map((l) => l.trim());
        assert.deepStrictEqual(
            lines.map((l) => l.replace(/:.*/, "")),
            ["people.csv row 3, column login", "people.csv row 4, column agent.number", "people.csv row 6, column email", "people.csv row 7, column numbers", "people.csv row 8, column status"],
        );
        assert.match(lines[0], /must be 7 to 15 characters; got "ab" \(opentact\.SipUser login\)/);
        assert.match(lines[2], /must be an email address; got "not-an-email" \(opentact\.SipUser email, smartflo\.User email\)$/);
        assert.ok(!out.includes("    at "), "a roster's problems come without a stack trace");
        assert.match(lines[3], /number \+98300070000 is also row 2's \(column numbers\): a number is assigned once/);
        assert.deepStrictEqual((await admin.requests()).log, [], "the preview sent vendor requests");
    });

    it("up of 100 people creates each one's objects at every vendor; the next preview is empty and sends no request", async () => {
        roster(rosterRows(N));
        const up = await stack.up();
        process.stdout.write(`      (up of ${N} people: ${(up.ms / 1000).toFixed(1)} s)\n`);
        const e = await estate();
        assert.strictEqual(e.sip.length, N);
        assert.strictEqual(e.agents.length, N);
        assert.deepStrictEqual([e.ippanel, e.chime, e.verigator], [N, N / 5, N / 2]);
        assert.strictEqual((await stack.outputs()).people, N);
        await admin.resetRequests();
        const preview = await stack.preview(["--expect-no-changes"]);
        assert.strictEqual(preview.code, 0, preview.stdout + preview.stderr);
        assert.deepStrictEqual((await admin.requests()).log, [], "the preview sent vendor requests");
    });

    const LEAVER = 0; // on all five vendors
    const SUSPENDED = 5; // on all five vendors
    const MOVER = 2; // to another IPPanel number
    const JOINER = N; // new

    it("the roster edited — one leaves, one is suspended, one moves to another number, one joins: plan shows exactly those four, per person, and the policy pack passes", async () => {
        const rows = rosterRows(N + 1).filter((_, i) => i !== LEAVER);
        rows[SUSPENDED - 1] = { ...rows[SUSPENDED - 1], status: "suspended" };
        rows[MOVER - 1] = { ...rows[MOVER - 1], numbers: ippanelNumber(110) };
        roster(rows);
        await admin.resetRequests();
        const r = await telephony(["plan", "--format", "json", "--policy-pack", path.join(REPO, "policy-pack")]);
        assert.strictEqual(r.code, 0, r.stdout + r.stderr);
        const plan = JSON.parse(r.stdout) as Plan;
        const row = rosterRow(LEAVER);
        assert.deepStrictEqual(
            plan.people.map((p) => p.line),
            [
                `${loginOf(LEAVER)}: leaves — ${row.numbers} released, Chime ${chimeNumber(LEAVER)} released, Verigator ${row["verigator.phoneNumber"]} removed, SIP user removed, agent removed`,
                `${loginOf(MOVER)}: changes — ${ippanelNumber(MOVER)} released, ${ippanelNumber(110)} assigned`,
                `${loginOf(SUSPENDED)}: suspended — agent blocked, ${ippanelNumber(SUSPENDED)} released, Chime ${chimeNumber(SUSPENDED)} released`,
                `${loginOf(JOINER)}: joins — SIP user created, agent created, ${ippanelNumber(JOINER)} assigned, Chime ${chimeNumber(JOINER)} assigned, Verigator ${rosterRow(JOINER)["verigator.phoneNumber"]} registered`,
            ],
        );
        assert.deepStrictEqual(plan.changes.filter((c) => !c.person), [], "every change belongs to one of the four");
        assert.deepStrictEqual(plan.summary, { create: 6, update: 1, replace: 0, delete: 8 });
        assert.deepStrictEqual(plan.policies, [], "a suspended person keeps no number, so inactive-user-no-number passes");
        assert.deepStrictEqual((await admin.requests()).log, [], "plan sent vendor requests");
    });

    it("up applies the four, releasing every number before its user is removed (the sandbox's request order); the next preview is empty and drift is clean", async () => {
        const state = JSON.parse((await stack.must(["stack", "export"])).stdout).deployment.resources as { urn: string; id?: string; outputs?: Record<string, any> }[];
        const byName = (name: string) => state.find((x) => x.urn.endsWith(`::${name}`))!;
        const leaver = loginOf(LEAVER);
        const ids = {
            sip: byName(`${leaver}-sip`).id!,
            agent: byName(`${leaver}-agent`).id!,
            numberId: byName(`${leaver}-number-${ippanelNumber(LEAVER).slice(1)}`).outputs!.resolvedNumberId as number,
            verigator: byName(`${leaver}-verigator`).outputs!.userId as string,
        };
        await admin.resetRequests();
        await stack.up();
        const log = (await admin.requests()).log;
        const at = (match: (x: (typeof log)[number]) => boolean, what: string) => {
            const i = log.findIndex(match);
            assert.ok(i >= 0, `no request for ${what}:\n${log.map((x) => `${x.vendor} ${x.method} ${x.path}`).join("\n")}`);
            return i;
        };
        /** An IPPanel request about number i (by its number or its id: the bulk numbers' ids are 1000 + i). */
        const about = (x: (typeof log)[number], i: number) => {
            const body = (x.body ?? {}) as { number?: string; number_id?: number };
            return x.vendor === "ippanel" && (body.number === ippanelNumber(i) || body.number_id === 1000 + i);
        };
        assert.strictEqual(ids.numberId, 1000 + LEAVER);
        const released = [
            at((x) => x.path.endsWith("/unassign") && about(x, LEAVER), "the leaver's IPPanel number"),
            at((x) => x.vendor === "chime" && x.path.includes("/users/roster-chime-0000") && (x.path + x.route).includes("disassociate"), "the leaver's Chime number"),
            at((x) => x.vendor === "verigator" && x.method === "DELETE" && x.path.includes(ids.verigator), "the leaver's Verigator registration"),
        ];
        const removed = [
            at((x) => x.vendor === "opentact" && x.method === "DELETE" && x.path.includes(ids.sip), "the leaver's SIP user"),
            at((x) => x.vendor === "smartflo" && x.method === "DELETE" && x.path.includes(ids.agent), "the leaver's agent"),
        ];
        assert.ok(Math.max(...released) < Math.min(...removed), `a user was removed before a number was released: numbers at ${released}, users at ${removed}`);
        // The suspended person: agent blocked, numbers released, logins kept.
        const e = await estate();
        assert.ok(e.agents.includes(`${loginOf(SUSPENDED)} (blocked)`), "the suspended agent is blocked");
        assert.ok(e.sip.includes(loginOf(SUSPENDED)), "the suspended person keeps the SIP login");
        assert.ok(!e.sip.includes(leaver) && !e.agents.some((a) => a.startsWith(leaver)), "the leaver's logins are gone");
        assert.ok(e.sip.includes(loginOf(JOINER)), "the joiner has a SIP login");
        assert.deepStrictEqual([e.ippanel, e.chime, e.verigator], [N - 1, N / 5 - 1, N / 2]);
        at((x) => x.path.endsWith("/unassign") && about(x, MOVER), "the mover's old number released");
        at((x) => x.path.endsWith("/assign") && about(x, 110), "the mover's new number assigned");
        at((x) => x.path.endsWith("/unassign") && about(x, SUSPENDED), "the suspended person's number released");
        assert.ok(!log.some((x) => x.method === "DELETE" && (x.vendor === "opentact" || x.vendor === "smartflo") && !x.path.includes(ids.sip) && !x.path.includes(ids.agent)), "only the leaver's logins were removed");

        await admin.resetRequests();
        const preview = await stack.preview(["--expect-no-changes"]);
        assert.strictEqual(preview.code, 0, preview.stdout + preview.stderr);
        assert.deepStrictEqual((await admin.requests()).log, [], "the preview sent vendor requests");
        const drift = await telephony(["drift", "--format", "json"]);
        assert.strictEqual(drift.code, 0, drift.stdout + drift.stderr);
        const report = JSON.parse(drift.stdout) as DriftReport;
        assert.deepStrictEqual([report.drifted, report.people], [[], []]);
        assert.ok(report.checked >= 3 * N, `drift read ${report.checked} resources`);
    });

    it("a login renamed with formerLogins keeps the person's resources: updated in place, none deleted and created anew", async () => {
        const csv = fs.readFileSync(path.join(stack.dir, "people.csv"), "utf8").split("\n");
        const i = csv.findIndex((l) => l.startsWith(`${loginOf(1)},`));
        csv[0] += ",formerLogins";
        for (let j = 1; j < csv.length; j++) if (csv[j]) csv[j] += ",";
        csv[i] = csv[i].replace(`${loginOf(1)},`, "agent.001.b,") + loginOf(1);
        fs.writeFileSync(path.join(stack.dir, "people.csv"), csv.join("\n"));
        const r = await telephony(["plan", "--format", "json"]);
        assert.strictEqual(r.code, 0, r.stdout + r.stderr);
        const plan = JSON.parse(r.stdout) as Plan;
        assert.deepStrictEqual(plan.people.map((p) => p.line), ["agent.001.b: changes — SIP user: login changed, agent: loginId changed"]);
        assert.deepStrictEqual(plan.summary, { create: 0, update: 2, replace: 0, delete: 0 });
    });
});
