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

/** A number of a property, its E.164 form and the spellings that must all mean it. */
export interface EqualRow {
    kind: string;
    property: string;
    e164: string;
    /** Other inputs the resource needs for this number (a SIP user under a domain). */
    with?: Record<string, unknown>;
    /** `telephony:defaultRegion`, when the spellings need one (the vendor's home region is used otherwise). */
    region?: string;
    spellings: string[];
    /** How the vendor's read shows it, in a spelling other than the declared one; absent: not observable. */
    answered?: string;
}

/** Impossible numbers: refused at check, naming the property, the value and why. */
export interface ImpossibleRow {
    kind: string;
    property: string;
    value: string;
    region?: string;
    why: RegExp;
}

const SIP = "opentact:SipUser";
const SMARTFLO = "smartflo:SmartfloUser";
const IPPANEL = "ippanel:NumberAssignment";
const CHIME = "chime:ChimeUserNumber";
const VERIGATOR = "verigator:VerigatorUser";

export const EQUAL: EqualRow[] = [
    // OpenTact's own numbers are US and Canada: national forms are read there.
    { kind: SIP, property: "phoneNumber", e164: "+12029822917", spellings: ["+1 202 982 2917", "+1 (202) 982-2917", "0012029822917", "12029822917", "(202) 982-2917", "202.982.2917", "011 1 202 982 2917"], answered: "12029822917" },
    // OpenTact's docs' own example, outside the numbering plan: its rule is E.164's.
    { kind: SIP, property: "phoneNumber", e164: "+1234567890", with: { sipDomain: "sandbox1.sip.opentact.org", sipConnectionUuid: undefined, gender: "Male" }, spellings: ["+1 234 567 890", "001234567890"], answered: "+1 234-567-890" },
    // Smartflo's docs show "+91…"; a mobile number written nationally is Indian (Smartflo's home).
    { kind: SMARTFLO, property: "number", e164: "+919812345678", spellings: ["+91 98123 45678", "+91-98123-45678", "0091 98123 45678", "98123 45678", "098123 45678", "919812345678"], answered: "9812345678" },
    // IPPanel's SMS service lines (the seed's +983000505) and mobiles; national forms are Iranian.
    { kind: IPPANEL, property: "number", e164: "+983000505", spellings: ["+98 300 0505", "0098 300 0505", "3000505", "983000505", "+98 (300) 0505"], answered: "0098 3000505" },
    { kind: IPPANEL, property: "number", e164: "+989123456789", spellings: ["0912 345 6789", "+98 912 345 6789"], answered: "09123456789" },
    // Chime has no home region: its own digits without `+`, international forms, or national ones in the stack's region.
    { kind: CHIME, property: "e164PhoneNumber", e164: "+12065550100", spellings: ["+1 (206) 555-0100", "0012065550100", "12065550100", "+1.206.555.0100"], answered: "12065550100" },
    { kind: CHIME, property: "e164PhoneNumber", e164: "+12065550101", region: "US", spellings: ["(206) 555-0101", "206-555-0101"], answered: "+1 206 555 0101" },
    // Verigator never shows the number: only check and diff.
    { kind: VERIGATOR, property: "phoneNumber", e164: "+37255512345", spellings: ["+372 5551 2345", "00372 5551 2345"] },
    { kind: VERIGATOR, property: "phoneNumber", e164: "+4915112345678", region: "DE", spellings: ["0151 12345678", "+49 151 12345678", "0049 (151) 1234-5678"] },
];

const PLAN = "must be a phone number of its country's numbering plan";
const E164 = "must be a phone number with an existing country calling code and at most 15 digits \\(E\\.164\\)";

export const IMPOSSIBLE: ImpossibleRow[] = [
    { kind: SIP, property: "phoneNumber", value: "12", why: new RegExp(`${E164}: too short for US \\(\\+1\\), read as a national number of US, the vendor's home region`) },
    { kind: SIP, property: "phoneNumber", value: "+999 123 4567", why: new RegExp(`${E164}: \\+999… starts with no country calling code that exists`) },
    { kind: SIP, property: "phoneNumber", value: "+1 2345 6789 0123 456", why: new RegExp(`${E164}: too long: 16 digits with the country code \\+1, and E\\.164 allows 15`) },
    { kind: SMARTFLO, property: "number", value: "+91 98123", why: new RegExp(`${PLAN}: too short for IN \\(\\+91\\)`) },
    { kind: SMARTFLO, property: "number", value: "+91 98123 45678 9", why: new RegExp(`${PLAN}: not a number of IN \\(\\+91\\)'s numbering plan`) },
    { kind: SMARTFLO, property: "number", value: "+91 98123 45678 90123", why: new RegExp(`${PLAN}: too long: 17 digits with the country code \\+91, and E\\.164 allows 15`) },
    { kind: SMARTFLO, property: "number", value: "98123-CALL", why: new RegExp(`${PLAN}: not a phone number`) },
    { kind: IPPANEL, property: "number", value: "+0 983000505", why: new RegExp(`${E164}: \\+098… starts with no country calling code`) },
    { kind: CHIME, property: "e164PhoneNumber", value: "+1 555 123 4567", why: new RegExp(`${PLAN}: not a number of \\+1's numbering plan \\(no such area code or range\\)`) },
    { kind: CHIME, property: "e164PhoneNumber", value: "(206) 555-0100", why: new RegExp(`${PLAN}: .*a national form needs a region \\(no region: set telephony:defaultRegion`) },
    { kind: CHIME, property: "e164PhoneNumber", value: "(206) 555-0100", region: "GB", why: new RegExp(`${PLAN}: .*read as a national number of GB, the stack's region \\(telephony:defaultRegion\\)`) },
    { kind: VERIGATOR, property: "phoneNumber", value: "+372 0000 0000", why: new RegExp(`${PLAN}: not a number of EE \\(\\+372\\)'s numbering plan`) },
    { kind: VERIGATOR, property: "phoneNumber", value: "+49 151 1234 5678 9012", why: new RegExp(`${PLAN}: too long`) },
];

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
