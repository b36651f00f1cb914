/** The policy rules as plain functions (the e2e suite runs them through the real engine: policy-pack.e2e.test.ts). */
import * as assert from "assert";
import { UNKNOWN } from "../provider/core/validation";
import { Subject, chimeEndOfSupport, inactiveUsers, internationalOutbound, passwords, stackChimeEndpoint, stackNumberRegion, uniqueNumbers, validNumbers } from "./rules";

const subject = (kind: string, name: string, props: Record<string, unknown>, propertyDependencies: Record<string, string[]> = {}): Subject => ({
    kind,
    name,
    urn: `urn:pulumi:test::p::pulumi-nodejs:dynamic/${kind}::${name}`,
    props,
    propertyDependencies,
});

describe("policy rules", () => {
    it("international outbound: only allow-listed login ids; off or allow-listed passes", () => {
        const on = subject("smartflo:SmartfloUser", "asha", { loginId: "asha.rao", internationalOutbound: true });
        const [v] = internationalOutbound(on, { allowedLoginIds: [] });
        assert.match(v.message, /^asha \(smartflo:SmartfloUser\): internationalOutbound is true for loginId "asha\.rao", which is not on the policy's allow-list \(allowedLoginIds: none\)/);
        assert.deepStrictEqual(internationalOutbound(on, { allowedLoginIds: ["asha.rao"] }), []);
        assert.deepStrictEqual(internationalOutbound(subject("smartflo:SmartfloUser", "b", { loginId: "b", internationalOutbound: false }), { allowedLoginIds: [] }), []);
    });

    it("valid numbers: each number property by its declared rule, any spelling, national forms in the stack's region; unknown values wait for up", () => {
        assert.deepStrictEqual(validNumbers(subject("ippanel:NumberAssignment", "n", { number: "+983000505" })), [], "an SMS line: IPPanel's rule is E.164, not the plan");
        // Smartflo's documented form (the docs show +91…) and a national mobile number, read as Indian (Smartflo's home).
        assert.deepStrictEqual(validNumbers(subject("smartflo:SmartfloUser", "s", { number: "+919812345678" })), []);
        assert.deepStrictEqual(validNumbers(subject("smartflo:SmartfloUser", "s", { number: "098123 45678" })), []);
        const [v] = validNumbers(subject("smartflo:SmartfloUser", "s", { number: "+91 98123" }));
        assert.match(v.message, /^s \(smartflo:SmartfloUser\): number must be a phone number of its country's numbering plan: too short for IN \(\+91\); got "\+91 98123"/);
        assert.deepStrictEqual(validNumbers(subject("chime:ChimeUserNumber", "c", { e164PhoneNumber: "12065550100" })), [], "Chime's own digits");
        const [national] = validNumbers(subject("chime:ChimeUserNumber", "c", { e164PhoneNumber: "(206) 555-0100" }));
        assert.match(national.message, /a national form needs a region \(no region: set telephony:defaultRegion/);
        assert.deepStrictEqual(validNumbers(subject("chime:ChimeUserNumber", "c", { e164PhoneNumber: "(206) 555-0100" }), { region: "US" }), [], "the stack's region");
        assert.deepStrictEqual(validNumbers(subject("verigator:VerigatorUser", "v", { phoneNumber: UNKNOWN })), []);
    });

    it("the stack's region comes from the stack config the engine hands the pack, else the environment", () => {
        assert.deepStrictEqual(stackNumberRegion({ PULUMI_CONFIG: JSON.stringify({ "telephony:defaultRegion": "gb" }) }), { region: "GB", from: "telephony:defaultRegion" });
        assert.deepStrictEqual(stackNumberRegion({ PULUMI_CONFIG: "{}", TELEPHONY_DEFAULT_REGION: "IN" }), { region: "IN", from: "TELEPHONY_DEFAULT_REGION" });
        assert.deepStrictEqual(stackNumberRegion({ PULUMI_CONFIG: JSON.stringify({ "telephony:defaultRegion": "Narnia" }) }), {});
    });

    it("unique numbers: the same number in two kinds and two spellings is reported on both resources", () => {
        const a = subject("ippanel:NumberAssignment", "line", { number: "+1 (206) 555-0100" });
        const b = subject("chime:ChimeUserNumber", "bob", { e164PhoneNumber: "0012065550100" });
        const c = subject("verigator:VerigatorUser", "carol", { phoneNumber: "+37255512345" });
        const sip = subject("opentact:SipUser", "sip", { login: "x", phoneNumber: "+12065550100" });
        const vs = uniqueNumbers([a, b, c, sip]);
        assert.deepStrictEqual(vs.map((v) => v.urn), [a.urn, b.urn], "a SIP user's number is not held once (a shared caller id)");
        assert.match(vs[0].message, /\+12065550100 is declared 2 times in this stack \(line \(ippanel:NumberAssignment\)\.number \("\+1 \(206\) 555-0100"\), bob \(chime:ChimeUserNumber\)\.e164PhoneNumber \("0012065550100"\)\)/);
        const national = subject("verigator:VerigatorUser", "dave", { phoneNumber: "(206) 555-0100" });
        assert.strictEqual(uniqueNumbers([b, national]).length, 0, "without a region a national form is no number, compared as written");
        assert.strictEqual(uniqueNumbers([b, national], { region: "US" }).length, 2, "in the stack's region it is the same number");
    });

    it("inactive users: a number for a blocked agent's login or computed from it, or for a removed user", () => {
        const agent = subject("smartflo:SmartfloUser", "asha", { loginId: "asha.rao", blocked: true, number: "+919812345678" });
        const byLogin = subject("ippanel:NumberAssignment", "line", { number: "+983000505", targetUser: "asha.rao" });
        const computed = subject("verigator:VerigatorUser", "2fa", { idInService: UNKNOWN }, { idInService: [agent.urn] });
        const other = subject("ippanel:NumberAssignment", "other", { number: "+983000506", targetUser: "someone" });
        const vs = inactiveUsers([agent, byLogin, computed, other], { removedUsers: [] });
        assert.deepStrictEqual(vs.map((v) => v.urn), [byLogin.urn, computed.urn]);
        assert.match(vs[0].message, /targetUser "asha\.rao" assigns a number to asha \(smartflo:SmartfloUser\), whose agent is blocked/);
        assert.deepStrictEqual(inactiveUsers([{ ...agent, props: { ...agent.props, blocked: false } }, byLogin], { removedUsers: [] }), []);
        const removed = inactiveUsers([other, subject("opentact:SipUser", "sip", { login: "someone", phoneNumber: "12345" })], { removedUsers: ["someone"] });
        assert.strictEqual(removed.length, 2);
        assert.match(removed[0].message, /targetUser "someone" is a removed user/);
    });

    it("passwords: minimum length and different from the login, never showing the value", () => {
        const secret = "alice.sip";
        const vs = passwords(subject("opentact:SipUser", "alice", { login: "alice.sip", password: secret }), { minLength: 12 });
        assert.strictEqual(vs.length, 2);
        assert.match(vs[0].message, /password is shorter than 12 characters \(value not shown\)/);
        assert.match(vs[1].message, /password is the same as login/);
        for (const v of vs) assert.ok(!v.message.includes(`"${secret}"`) && !v.message.includes("9 characters"), v.message);
        assert.deepStrictEqual(passwords(subject("smartflo:SmartfloUser", "a", { loginId: "a", password: "a-long-passphrase" }), { minLength: 12 }), []);
    });

    it("Chime: flagged against AWS from 2026-02-20 on, not before, not with an endpoint", () => {
        const s = subject("chime:ChimeUserNumber", "bob", { e164PhoneNumber: "+12065550100" });
        assert.match(chimeEndOfSupport(s, undefined, new Date("2026-02-20T00:00:00Z"))[0].message, /AWS ended support for Amazon Chime on 2026-02-20/);
        assert.deepStrictEqual(chimeEndOfSupport(s, undefined, new Date("2026-02-19T23:59:59Z")), []);
        assert.deepStrictEqual(chimeEndOfSupport(s, "http://127.0.0.1:9/chime", new Date("2026-12-01T00:00:00Z")), []);
        assert.strictEqual(stackChimeEndpoint({ PULUMI_CONFIG: JSON.stringify({ "telephony:chimeEndpoint": "http://127.0.0.1:9/chime" }) }), "http://127.0.0.1:9/chime");
        assert.strictEqual(stackChimeEndpoint({ PULUMI_CONFIG: "{}" }), undefined);
    });

    it("inactive users, for people: a number under a suspended person, or under a person on removedUsers, whatever user it names", () => {
        const person = (login: string, status: string) => ({ urn: `urn:pulumi:test::p::telephony:index:Person::${login}`, name: login, login, status });
        const under = (kind: string, name: string, props: Record<string, unknown>, parent: string): Subject => ({ ...subject(kind, name, props), parent });
        const asha = person("asha.rao", "suspended");
        const kofi = person("kofi.mensah", "active");
        const rs = [
            under("ippanel:NumberAssignment", "asha.rao-number-983000505", { number: "+983000505", targetUser: "testuser" }, asha.urn),
            under("smartflo:SmartfloUser", "asha.rao-agent", { loginId: "asha.rao", blocked: true, number: "+919876500001" }, asha.urn),
            under("ippanel:NumberAssignment", "kofi.mensah-number-983000506", { number: "+983000506", targetUser: "testuser" }, kofi.urn),
            under("verigator:VerigatorUser", "kofi.mensah-verigator", { idInService: "kofi.mensah", phoneNumber: "+37251001234" }, kofi.urn),
        ];
        const vs = inactiveUsers(rs, { removedUsers: [] }, undefined, [asha, kofi]);
        assert.deepStrictEqual(vs.map((v) => v.urn), [rs[0].urn]);
        assert.match(vs[0].message, /^asha\.rao-number-983000505 \(ippanel:NumberAssignment\): a number of asha\.rao, who is suspended\. Rule: a suspended or removed person keeps no number\./);
        const removed = inactiveUsers(rs.slice(2), { removedUsers: ["kofi.mensah"] }, undefined, [asha, kofi]);
        assert.deepStrictEqual(removed.map((v) => v.urn).sort(), [rs[2].urn, rs[3].urn].sort(), "the IPPanel number (named by its IPPanel user) and the Verigator registration");
        assert.deepStrictEqual(inactiveUsers(rs.slice(1), { removedUsers: [] }, undefined, [asha, kofi]), [], "a suspended person's blocked agent keeps its own number; an active person's numbers pass");
    });
});
