/**
 * Phone numbers on the real engine, what only the engine shows (the whole table of spellings goes through `check`,
 * `diff` and `read` in numbers.test.ts): one program per tier of that table —
 * - equal spellings: `up` with one spelling of each vendor's number, then `preview` with another spelling of each is
 *   empty and sends no vendor request; every vendor then answers a third spelling, and `preview --refresh` is still
 *   empty (a vendor answering another spelling is no drift and no diff);
 * - impossible numbers: a program whose every number is impossible fails `preview` with the refusal's rule and
 *   reason, and no vendor request.
 */
import * as assert from "assert";
import { CHIME_ACCOUNT, CHIME_USERS } from "../sandbox/chime";
import { OPENTACT_CONNECTIONS, OPENTACT_DOMAINS } from "../sandbox/opentact";
import { VERIGATOR_SERVICES } from "../sandbox/verigator/state";
import { Declared, SandboxAdmin, TestStack, useSandboxStack } from "./harness";
import { IMPOSSIBLE } from "./number-table";

const PASSWORD = `numbers-${"Hq7Lp2Xw".repeat(2)}`;

/** One resource of each vendor's number property: its number's E.164 form and three spellings of it. */
const ROWS: Array<{ name: string; type: string; property: string; e164: string; up: string; preview: string; answered?: { collection: string; id: (o: any) => boolean; field: string; value: string; vendor: string } ; args: Record<string, unknown> }> = [
    {
        name: "sip-connection",
        type: "SipUser",
        property: "phoneNumber",
        e164: "+12029822917",
        up: "+1 202 982 2917",
        preview: "(202) 982-2917",
        answered: { vendor: "opentact", collection: "users", id: (o) => o.login === "numbers.sip1", field: "phone_number", value: "+1 202-982-2917" },
        args: { sipConnectionUuid: OPENTACT_CONNECTIONS[0], login: "numbers.sip1", password: PASSWORD, firstName: "Ana" },
    },
    {
        name: "sip-domain",
        type: "SipUser",
        property: "phoneNumber",
        e164: "+1234567890",
        up: "+1 234 567 890",
        preview: "001234567890",
        answered: { vendor: "opentact", collection: "users", id: (o) => o.login === "numbers.sip2", field: "phone_number", value: "1234567890" },
        args: { sipDomain: OPENTACT_DOMAINS[0], login: "numbers.sip2", password: PASSWORD, gender: "Female" },
    },
    {
        name: "smartflo",
        type: "SmartfloUser",
        property: "number",
        e164: "+919812345678",
        up: "+91 98123 45678",
        preview: "098123 45678",
        answered: { vendor: "smartflo", collection: "users", id: (o) => o.login_id === "numbers.agent", field: "number", value: "9812345678" },
        args: { name: "Numbers Agent", email: "numbers.agent@example.com", loginId: "numbers.agent", userRole: 54743, password: PASSWORD, callerId: [1560602] },
    },
    {
        name: "ippanel",
        type: "NumberAssignment",
        property: "number",
        e164: "+983000505",
        up: "0098 300 0505",
        preview: "3000505",
        answered: { vendor: "ippanel", collection: "numbers", id: (o) => o.id === 10, field: "number", value: "983000505" },
        args: { targetUser: "testuser", send: true, gets: true },
    },
    {
        name: "chime",
        type: "ChimeUserNumber",
        property: "e164PhoneNumber",
        e164: "+12065550100",
        up: "+1 (206) 555-0100",
        preview: "0012065550100",
        answered: { vendor: "chime", collection: "users", id: (o) => o.UserId === CHIME_USERS[1], field: "PrimaryProvisionedNumber", value: "12065550100" },
        args: { accountId: CHIME_ACCOUNT, userId: CHIME_USERS[1] },
    },
    // Verigator never shows the number: the engine sees only the declared spellings.
    { name: "verigator", type: "VerigatorUser", property: "phoneNumber", e164: "+37255512345", up: "+372 5551 2345", preview: "00372 5551 2345", args: { serviceId: VERIGATOR_SERVICES[0], idInService: "numbers.user" } },
];

const program = (spelling: "up" | "preview"): Record<string, Declared> =>
    Object.fromEntries(ROWS.map((r) => [r.name, { type: r.type, args: { ...r.args, [r.property]: r[spelling] } }]));

describe("phone numbers on the real engine: one program per tier of the spellings table", function () {
    this.timeout(300_000);
    let admin: SandboxAdmin;
    let stack: TestStack;
    useSandboxStack({ stack: "numbers" }, (t) => ({ admin, stack } = t));

    const vendorRequests = async () => (await admin.requests()).log.filter((r) => r.vendor !== "_sandbox");

    it("equal spellings: after `up` with one spelling, a preview with another is empty; the vendors answering a third, a refreshing preview too", async () => {
        stack.declare(program("up"));
        await stack.up();
        const outputs = await stack.outputs();
        for (const r of ROWS) assert.strictEqual(outputs[r.name]?.[r.property], r.e164, `${r.name}: state holds E.164`);

        await admin.resetRequests();
        stack.declare(program("preview"));
        const preview = await stack.preview(["--expect-no-changes"]);
        assert.strictEqual(preview.code, 0, preview.stdout + preview.stderr);
        assert.deepStrictEqual(await vendorRequests(), [], "a preview sends no vendor request");

        for (const r of ROWS) {
            if (!r.answered) continue;
            const a = r.answered;
            const obj = (await admin.objects(a.vendor, a.collection)).find(a.id);
            assert.ok(obj, `${r.name}: the vendor's object`);
            const id = String(obj.uuid ?? obj.UserId ?? obj.id);
            await admin.alter(a.vendor, a.collection, id, { [a.field]: a.value });
        }
        const refreshed = await stack.preview(["--refresh", "--expect-no-changes"]);
        assert.strictEqual(refreshed.code, 0, refreshed.stdout + refreshed.stderr);
        assert.ok((await vendorRequests()).length > 0, "the refresh read the vendors");
    });

    it("impossible numbers: a program of them fails preview with the rule and the reason, and sends no vendor request", async () => {
        // One impossible number per vendor: the engine stops at the first invalid resource it checks, whichever it is.
        const picks = ROWS.map((r) => IMPOSSIBLE.find((i) => i.kind.endsWith(`:${r.type}`) && !i.region)!);
        stack.declare(Object.fromEntries(ROWS.map((r, i) => [r.name, { type: r.type, args: { ...r.args, [r.property]: picks[i].value } }])));
        await admin.resetRequests();
        const r = await stack.preview();
        const out = r.stdout + r.stderr;
        assert.notStrictEqual(r.code, 0, out);
        const shown = picks.filter((p) => out.includes(`got ${JSON.stringify(p.value)}`));
        assert.ok(shown.length >= 1, `no refusal shown:\n${out}`);
        for (const p of shown) assert.match(out, p.why);
        assert.deepStrictEqual(await vendorRequests(), [], "a refused preview sends no vendor request");
    });
});
