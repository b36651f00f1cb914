/**
 * `pulumi-telephony recover` (issue 19) on the real engine: why it edits the checkpoint itself — the CLI's own
 * `refresh --import-pending-creates` (v3.260) drops the resources it is given ids for. What it decides for each pending
 * create, without an engine: recover.test.ts.
 */
import * as assert from "assert";
import { Sandbox } from "../sandbox";
import { sipUser } from "../provider/opentact/sip-user/descriptor";
import { verigatorUser } from "../provider/verigator/user/descriptor";
import { SandboxAdmin, TestStack, alive, killTree, runTelephony, useSandboxStack } from "../test/harness";
import { specOf } from "../test/lifecycle";

describe("recover on the real engine: the CLI's own --import-pending-creates drops what it imports; recover keeps it", function () {
    this.timeout(600_000);
    let sb: Sandbox;
    let admin: SandboxAdmin;
    let stack: TestStack;
    useSandboxStack({ stack: "recover" }, (t) => ({ sb, admin, stack } = t));

    it("an up killed while three creates were carried out unanswered: the CLI loses the one it is given an id for; recover imports the others with theirs", async () => {
        stack.declare({
            v0: { type: "VerigatorUser", args: { serviceId: "my-service-id", idInService: "rec0", phoneNumber: "+37255501000" } },
            v1: { type: "VerigatorUser", args: { serviceId: "my-service-id", idInService: "rec1", phoneNumber: "+37255501001" } },
            s0: { type: "SipUser", args: { sipConnectionUuid: "66eb0a8a-571e-41b1-8f50-4d97275cfab7", login: "recover01", password: "recover-password-1", firstName: "Rec" } },
        });
        // The vendors carry the creates out; their answers are held until the process that sent them is gone.
        const routes = [verigatorUser, sipUser].map((d) => specOf(d).createRoute);
        await fetch(`${sb.url}/_sandbox/hold`, { method: "PUT", body: JSON.stringify({ methods: ["POST"], routes }) });
        const run = stack.start(["up", "--yes", "--skip-preview", "--non-interactive", "--suppress-progress"]);
        for (let i = 0; (await admin.requests()).log.filter((r) => r.held).length < 3; i++) {
            assert.ok(i < 6000, "the creates never reached the vendors");
            await new Promise((r) => setTimeout(r, 20));
        }
        const victims = killTree(run.pid);
        await run.done;
        for (let i = 0; victims.some(alive); i++) {
            assert.ok(i < 500, "processes outlived SIGKILL");
            await new Promise((r) => setTimeout(r, 10));
        }
        await fetch(`${sb.url}/_sandbox/hold`, { method: "DELETE" });
        stack.removeEmptyStateSidecars();
        await stack.must(["cancel", "--yes", "--non-interactive"]);
        const pendingUrns = (st: any) => (st.deployment.pending_operations ?? []).map((p: { resource: { urn: string } }) => p.resource.urn).sort();
        const killed = JSON.parse(await stack.exportText());
        assert.strictEqual(pendingUrns(killed).length, 3, "three pending creates");
        const users = await admin.objects("verigator", "users");
        const v0 = pendingUrns(killed).find((u: string) => u.endsWith("::v0"));
        const v0id = `my-service-id/${users.find((u) => u.id_in_service === "rec0")!.id}`;

        // Pulumi's own way: the pending create given an id vanishes from the checkpoint; the others stay pending.
        const cli = await stack.run(["refresh", "--yes", "--skip-preview", "--non-interactive", "--suppress-progress", "--import-pending-creates", v0, "--import-pending-creates", v0id]);
        assert.strictEqual(cli.code, 0, cli.stderr);
        const afterCli = JSON.parse(await stack.exportText());
        assert.ok(!afterCli.deployment.resources.some((r: { urn: string }) => r.urn === v0), "v3.260: not in the resources");
        assert.deepStrictEqual(pendingUrns(afterCli), pendingUrns(killed).filter((u: string) => u !== v0), "v3.260: nor in the pending creates; the others stay");

        await admin.resetRequests();
        const r = await runTelephony(["recover", "--stack", "test", "--cwd", stack.dir], { env: stack.env });
        assert.strictEqual(r.code, 0, `${r.stdout}\n${r.stderr}`);
        const v1id = `my-service-id/${users.find((u) => u.id_in_service === "rec1")!.id}`;
        const s0id = String((await admin.objects("opentact", "users")).find((u) => u.login === "recover01")!.uuid);
        assert.match(r.stdout, new RegExp(`imported {2}v1 \\(verigator:VerigatorUser\\): found ${v1id} at Messente Verigator, created `));
        assert.match(r.stdout, new RegExp(`imported {2}s0 \\(opentact:SipUser\\): found ${s0id} at OpenTact, created `));
        assert.match(r.stdout, /Imported 2, cleared 0, not ours 0, left pending 0\. Nothing was changed at any vendor\.\nNext: pulumi up\n$/);
        assert.deepStrictEqual((await admin.requests()).log.filter((x) => x.method !== "GET"), [], "recover only reads");
        const recovered = JSON.parse(await stack.exportText());
        assert.deepStrictEqual(recovered.deployment.pending_operations ?? [], []);
        const byName = Object.fromEntries(recovered.deployment.resources.filter((x: { type: string }) => x.type.startsWith("pulumi-nodejs:dynamic/")).map((x: { urn: string }) => [x.urn.split("::").pop(), x]));
        assert.deepStrictEqual(Object.keys(byName).sort(), ["s0", "v1"]);
        assert.deepStrictEqual([byName.v1.id, byName.s0.id], [v1id, s0id]);
        assert.ok(byName.v1.outputs.userId && byName.s0.outputs.uuid && byName.s0.outputs.ha1, "refreshed from the vendors: their computed outputs are there");
        // What the CLI dropped is left for the next up to create: v0, and nothing else changes.
        const plan = await stack.preview();
        assert.match(plan.stdout, /\+ pulumi-nodejs:dynamic\/verigator:VerigatorUser: \(create\)\n\s+\[urn=urn:pulumi:test::recover::pulumi-nodejs:dynamic\/verigator:VerigatorUser::v0\]/);
        assert.match(plan.stdout, /Resources:\n\s+\+ 1 to create\n\s+3 unchanged\n/);
    });
});
