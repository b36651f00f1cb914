/**
 * Phone numbers as telephony people write them, through the provider's own `check`, `diff` and `read` (the reconciler
 * with each resource's real adapter): every spelling of a number checks to one E.164 form, no two spellings ever diff
 * (a state written the old way included), a vendor answering another spelling reads back as the same number, and an
 * impossible number is refused naming the property, the rule and why. The engine runs of the same table, one program
 * per tier, are in numbers.e2e.test.ts.
 */
import * as assert from "assert";
import { Reconciler } from "../provider/core/reconciler";
import { Settings } from "../provider/core/settings";
import { createContext } from "../provider/runtime";
import { descriptorOf } from "../provider/registry";
import { CHIME, EQUAL, IMPOSSIBLE, IPPANEL, SIP, SMARTFLO, VERIGATOR } from "./number-table";

/** A reconciler of `kind` in a context configured with `region` as telephony:defaultRegion. */
function reconcilerOf(kind: string, region?: string, override: Record<string, unknown> = {}) {
    const config: Record<string, string> = region ? { "telephony:defaultRegion": region } : {};
    const context = createContext({ settings: new Settings({ get: (k) => config[k] }, {}) });
    const adapter = { ...descriptorOf(kind)!.loadAdapter(), ...override };
    return new Reconciler(adapter, context);
}

/** The example inputs of `kind` with `row`'s number (and whatever else the number needs). */
function inputsOf(kind: string, property: string, value: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
    const out: Record<string, unknown> = { ...descriptorOf(kind)!.example, ...extra, [property]: value };
    for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
    return out;
}

/** What each vendor's read answers, with the number spelled `shown`, for the reconciler's read through the real `observe`. */
function answering(kind: string, checked: Record<string, unknown>, shown: string): unknown {
    switch (kind) {
        case SIP:
            return {
                uuid: "5c0f1f5e-0000-4000-8000-000000000001",
                login: checked.login,
                first_name: checked.firstName,
                phone_number: shown,
                gender: checked.gender,
                ...(checked.sipDomain ? { sip_domain: { domain: checked.sipDomain } } : { sip_connection: { uuid: checked.sipConnectionUuid } }),
            };
        case SMARTFLO:
            return { data: { id: "288256", name: checked.name, number: shown, team_member: { email: checked.email, login_id: checked.loginId, designation: checked.designation, role: { id: checked.userRole } } } };
        case IPPANEL:
            return { listed: { id: 10, number: shown }, by: "number" };
        case CHIME:
            return { AccountId: checked.accountId, UserId: checked.userId, PrimaryProvisionedNumber: shown };
        default:
            throw new Error(`no vendor answer for ${kind}`);
    }
}

describe("phone numbers: every spelling is one number to check, diff and read", () => {
    it(`the table has at least 30 spellings across the five vendors' number properties`, () => {
        const spellings = EQUAL.reduce((n, r) => n + r.spellings.length, 0);
        assert.ok(spellings >= 30, `${spellings} spellings`);
        assert.deepStrictEqual([...new Set(EQUAL.map((r) => r.kind))].sort(), [CHIME, IPPANEL, SIP, SMARTFLO, VERIGATOR].sort());
    });

    for (const row of EQUAL) {
        describe(`${row.kind}.${row.property} ${row.e164}${row.region ? ` (telephony:defaultRegion ${row.region})` : ""}`, () => {
            it(`check stores every spelling as ${row.e164}: ${row.spellings.map((s) => JSON.stringify(s)).join(", ")}`, async () => {
                const r = reconcilerOf(row.kind, row.region);
                for (const s of [row.e164, ...row.spellings]) {
                    const { inputs, failures } = await r.check({}, inputsOf(row.kind, row.property, s, row.with));
                    assert.deepStrictEqual(failures, [], s);
                    assert.strictEqual(inputs[row.property], row.e164, s);
                }
            });

            it("diff: no spelling is a change from any other, including a state that holds the number as it was once written", async () => {
                const r = reconcilerOf(row.kind, row.region);
                const { inputs: checked } = await r.check({}, inputsOf(row.kind, row.property, row.e164, row.with));
                for (const stored of [row.e164, ...row.spellings]) {
                    const olds = { ...checked, [row.property]: stored };
                    for (const written of row.spellings) {
                        const { inputs } = await r.check(olds, inputsOf(row.kind, row.property, written, row.with));
                        const d = await r.diff("id", olds, inputs);
                        assert.deepStrictEqual([r.changedKeys(olds, inputs), d.changes, d.replaces], [[], false, []], `${JSON.stringify(stored)} stored, ${JSON.stringify(written)} declared`);
                    }
                }
            });

            if (row.answered !== undefined) {
                it(`read: the vendor answering ${JSON.stringify(row.answered)} is ${row.e164}, and the next diff is empty`, async () => {
                    const probe = reconcilerOf(row.kind, row.region);
                    const { inputs: checked } = await probe.check({}, inputsOf(row.kind, row.property, row.spellings[0], row.with));
                    const live = answering(row.kind, checked, row.answered!);
                    const r = reconcilerOf(row.kind, row.region, { client: () => ({}), read: async () => live });
                    const stored = { ...checked, resolvedNumber: row.e164, resolvedNumberId: 10 };
                    const read = await r.read("id", stored);
                    assert.strictEqual(read.inputs?.[row.property], row.e164, "the stored input");
                    assert.strictEqual(read.props?.[row.property], row.e164, "the output");
                    const d = await r.diff("id", read.props!, checked);
                    assert.deepStrictEqual([r.changedKeys(read.props!, checked), d.changes, d.replaces], [[], false, []]);
                });
            }
        });
    }

    describe("impossible numbers are refused at check, naming the property, the value and why", () => {
        for (const row of IMPOSSIBLE) {
            it(`${row.kind}.${row.property} ${JSON.stringify(row.value)}${row.region ? ` in ${row.region}` : ""}`, async () => {
                const { failures } = await reconcilerOf(row.kind, row.region).check({}, inputsOf(row.kind, row.property, row.value));
                assert.strictEqual(failures.length, 1, JSON.stringify(failures));
                assert.strictEqual(failures[0].property, row.property);
                assert.match(failures[0].reason, new RegExp(`^${row.property} `));
                assert.match(failures[0].reason, row.why);
                assert.ok(failures[0].reason.endsWith(`; got ${JSON.stringify(row.value)}`), failures[0].reason);
            });
        }
    });

    it("a region the stack sets that is no region is refused when the provider is configured, naming the key", () => {
        assert.throws(() => reconcilerOf(CHIME, "Narnia"), /telephony:defaultRegion must be a region's two-letter ISO 3166 code .*got "Narnia"/);
        assert.throws(() => createContext({ settings: new Settings(undefined, { TELEPHONY_DEFAULT_REGION: "XX" }) }), /TELEPHONY_DEFAULT_REGION must be/);
    });
});
