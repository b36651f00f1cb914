/**
 * `pulumi-telephony recover` (issue 19): what it decides for each pending create, without an engine (the lookups
 * injected). On the real engine, why it edits the checkpoint itself: recover.e2e.test.ts.
 */
import * as assert from "assert";
import { SCOPE_INPUT } from "../provider/core/scope";
import { CLOCK_SKEW_MS } from "../provider/core/reconciler";
import { Lookup, formatRecover, planRecovery } from "./recover";

const SCOPE = "s1:00112233445566778899aabbccddeeff";
const T0 = Date.parse("2026-12-01T10:00:00Z");
const SECRET = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", ciphertext: "v1:abc" };

/** A pending create as the checkpoint holds it. */
function creating(type: string, name: string, inputs: Record<string, unknown>) {
    return {
        type: "creating",
        resource: { urn: `urn:pulumi:test::p::pulumi-nodejs:dynamic/${type}::${name}`, custom: true, type: `pulumi-nodejs:dynamic/${type}`, inputs: { __provider: "exports.handler = …", ...inputs, [SCOPE_INPUT]: SCOPE } },
    };
}

describe("recover: what each pending create becomes (no engine; lookups injected)", () => {
    const sip = (login: string) => creating("opentact:SipUser", login, { sipConnectionUuid: "66eb0a8a-571e-41b1-8f50-4d97275cfab7", login, password: SECRET, firstName: "A" });
    const lookups: Record<string, Awaited<ReturnType<Lookup>> | Error> = {
        "found.now": { id: "u-1", live: { uuid: "u-1", login: "found.now", created_on: new Date(T0 + 60_000).toISOString() } },
        "found.old": { id: "u-2", live: { uuid: "u-2", login: "found.old", created_on: new Date(T0 - CLOCK_SKEW_MS - 60_000).toISOString() } },
        "found.skew": { id: "u-3", live: { uuid: "u-3", login: "found.skew", created_on: new Date(T0 - 60_000).toISOString() } },
        "lookup.fails": new Error("OpenTact ListSIPUsersBySIPConnectionUUID failed with HTTP 503"),
        "agent.7": { id: "288300", live: { data: { id: 288300 } } },
    };
    const lookup: Lookup = async (_kind, desired) => {
        const hit = lookups[String(desired.login ?? desired.loginId ?? "")];
        if (hit instanceof Error) throw hit;
        return hit;
    };

    it("found after the update began: imported with its id, the inputs as outputs until the refresh reads them", async () => {
        const plan = await planRecovery({ pending_operations: [sip("found.now")] }, lookup, T0);
        assert.deepStrictEqual(plan.outcomes.map((o) => [o.name, o.outcome, o.id]), [["found.now", "imported", "u-1"]]);
        assert.match(plan.outcomes[0].detail, /^found u-1 at OpenTact, created 2026-12-01T10:01:00\.000Z$/);
        assert.strictEqual(plan.resources[0].id, "u-1");
        assert.deepStrictEqual(plan.resources[0].outputs, sip("found.now").resource.inputs);
        assert.deepStrictEqual(plan.pending, []);
        assert.deepStrictEqual(plan.journal, []);
    });

    it("found, created clearly before the update began: not ours, said so, not imported; within the clock skew: imported", async () => {
        const plan = await planRecovery({ pending_operations: [sip("found.old"), sip("found.skew")] }, lookup, T0);
        assert.deepStrictEqual(plan.outcomes.map((o) => o.outcome), ["not ours", "imported"]);
        assert.match(plan.outcomes[0].detail, /u-2 at OpenTact exists since 2026-12-01T09:54:00\.000Z, before the interrupted update began \(it began no earlier than 2026-12-01T10:00:00\.000Z\): it is not the object the interrupted create made/);
        assert.deepStrictEqual(plan.resources.map((r) => r.id), ["u-3"]);
        assert.deepStrictEqual(plan.pending, [], "the pending create is cleared either way");
    });

    it("not at the vendor: cleared, and a journal entry lets the next up on this machine take a create that lands late", async () => {
        const plan = await planRecovery({ pending_operations: [sip("not.there")] }, lookup, T0);
        assert.strictEqual(plan.outcomes[0].outcome, "cleared");
        assert.match(plan.outcomes[0].detail, /not at OpenTact: the create had not been carried out; the pending create is cleared; should the create still land, the next `pulumi up` on this machine takes that object/);
        assert.deepStrictEqual(plan.journal.map((j) => j.entry), [{ at: new Date(T0).toISOString(), from: "pending create" }]);
    });

    it("IPPanel cannot show who holds a number: cleared with that reason, and the journal entry", async () => {
        const plan = await planRecovery({ pending_operations: [creating("ippanel:NumberAssignment", "a0", { number: "+983000505", targetUser: "testuser", send: true, gets: true })] }, lookup, T0);
        assert.strictEqual(plan.outcomes[0].outcome, "cleared");
        assert.match(plan.outcomes[0].detail, /^IPPanel has no call that shows who holds a number, so whether an assignment was made cannot be seen: the pending create is cleared, and the next `pulumi up` sends it again/);
        assert.strictEqual(plan.journal.length, 1);
    });

    it("a vendor that shows no creation time (Smartflo): imported, saying the check could not be made", async () => {
        const plan = await planRecovery({ pending_operations: [creating("smartflo:SmartfloUser", "agent7", { loginId: "agent.7", name: "A", password: SECRET })] }, lookup, T0);
        assert.strictEqual(plan.outcomes[0].outcome, "imported");
        assert.match(plan.outcomes[0].detail, /Tata Smartflo shows no creation time, so whether the interrupted update made it cannot be checked/);
    });

    it("a provider plugin resource's pending create (telephony:<vendor>:<Name>) is decided as a dynamic one's: the same kind, lookup and journal key", async () => {
        const viaPlugin = (pending: ReturnType<typeof creating>, token: string) => ({ ...pending, resource: { ...pending.resource, urn: pending.resource.urn.replace(/pulumi-nodejs:dynamic\/[^:]+:[^:]+/, token), type: token } });
        const dynamic = [sip("found.now"), sip("not.there")];
        const plugin = [viaPlugin(dynamic[0], "telephony:opentact:SipUser"), viaPlugin(dynamic[1], "telephony:opentact:SipUser")];
        for (const op of plugin) delete (op.resource.inputs as Record<string, unknown>).__provider;
        const [a, b] = [await planRecovery({ pending_operations: dynamic }, lookup, T0), await planRecovery({ pending_operations: plugin }, lookup, T0)];
        assert.deepStrictEqual(b.outcomes.map((o) => [o.name, o.kind, o.outcome, o.id]), [["found.now", "opentact:SipUser", "imported", "u-1"], ["not.there", "opentact:SipUser", "cleared", undefined]]);
        assert.deepStrictEqual(b.resources.map((r) => [r.type, r.id]), [["telephony:opentact:SipUser", "u-1"]]);
        assert.deepStrictEqual(b.journal, a.journal, "the same declaration in the same stack: the same journal entry");
        assert.deepStrictEqual(b.pending, []);
    });

    it("what cannot be decided is left pending, and then nothing is written: a failed lookup, a key kept secret in the checkpoint, a resource that is not ours", async () => {
        const updating = { type: "updating", resource: { urn: "urn:x", type: "pulumi-nodejs:dynamic/opentact:SipUser" } };
        const plan = await planRecovery(
            {
                pending_operations: [
                    sip("lookup.fails"),
                    creating("opentact:SipUser", "hidden", { sipConnectionUuid: "66eb0a8a-571e-41b1-8f50-4d97275cfab7", login: SECRET, password: SECRET }),
                    { type: "creating", resource: { urn: "urn:pulumi:test::p::aws:s3/bucket:Bucket::b", type: "aws:s3/bucket:Bucket", inputs: {} } },
                    updating,
                ],
            },
            lookup,
            undefined,
        );
        assert.deepStrictEqual(plan.outcomes.map((o) => o.outcome), ["left pending", "left pending", "left pending"]);
        assert.match(plan.outcomes[0].detail, /could not be looked up at OpenTact: OpenTact ListSIPUsersBySIPConnectionUUID failed with HTTP 503\. Run recover again/);
        assert.match(plan.outcomes[1].detail, /its login is a secret in the checkpoint, which recover does not decrypt/);
        assert.match(plan.outcomes[2].detail, /not a telephony resource/);
        assert.strictEqual(plan.pending.length, 3, "the three undecided creates (the pending update is cleared, as refresh clears it)");
        const text = formatRecover({ stack: "test", outcomes: plan.outcomes, blocked: "writing the checkpoint would clear every pending create" });
        assert.match(text, /^Pending creates of stack test — nothing written \(see the last line\); what recover found:/);
        assert.match(text, /left pending 3\. Nothing was changed at any vendor\.\nNothing was written to the checkpoint or the create journal: writing the checkpoint would clear every pending create\. Resolve what is left pending, then run recover again\n$/);
    });
});
