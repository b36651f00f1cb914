/**
 * Bad input is refused at `preview`, naming the property and the rule, with zero vendor requests. Every value in
 * the table goes through the provider's `check` (the code `preview` runs). That the engine shows these refusals to
 * the user, before any vendor is called, is shown once per kind by a real `pulumi preview` of one resource breaking
 * many rules at once, in the kind's own e2e file (`assertPreviewRefuses` in test/harness.ts).
 */
import * as assert from "assert";
import { Sandbox, startSandbox } from "../sandbox";
import { OPENTACT_DOMAINS } from "../sandbox/opentact";
import * as runtime from "../provider/runtime";
import { FAULT_RESOURCES, vendorConfig, vendorEnv } from "./fault-resources";
import { SandboxAdmin, setEnv } from "./harness";

type Case = [property: string, value: unknown, rule: RegExp];
/** A phone number's refusal: the property's rule (core/phone-number.ts) and why. */
const PLAN = /must be a phone number of its country's numbering plan: /;
const E164 = /must be a phone number with an existing country calling code and at most 15 digits \(E\.164\): /;
const TEN_KB = "x".repeat(10_240);

/** Per resource: invalid values of every validated property, and either-or violations. */
const TABLE: Record<string, Case[]> = {
    SipUser: [
        ["sipConnectionUuid", "not-a-uuid", /lowercase UUID/],
        ["sipConnectionUuid", "66EB0A8A-571E-41B1-8F50-4D97275CFAB7", /lowercase UUID/],
        ["sipConnectionUuid", "../token/all", /lowercase UUID/],
        ["sipDomain", OPENTACT_DOMAINS[0], /both set/],
        ["sipDomain", "not a host", /host name/],
        ["sipDomain", "sandbox1/../x", /host name/],
        ["sipDomainUuid", "3f0c9a2b-6d4e-4f1a-9b8c-7e6d5c4b3a21", /sipDomainUuid is not accepted: .*set sipDomain/],
        ["login", "abc", /7 to 15 characters/],
        ["login", "a-login-that-is-too-long", /7 to 15 characters/],
        ["login", 1234567, /must be a string/],
        ["password", "", /must not be empty; got \[secret\]/],
        ["password", TEN_KB, /at most 255 characters; got \[secret\]/],
        ["firstName", "", /1 to 24/],
        ["lastName", "L".repeat(25), /1 to 24/],
        ["email", "a@b", /6 to 80/],
        ["email", "not-an-email", /email address/],
        ["phoneNumber", "12", new RegExp(`${E164.source}too short`)],
        ["phoneNumber", "+999 123 4567", new RegExp(`${E164.source}\\+999… starts with no country calling code`)],
        ["phoneNumber", "+1 2345 6789 0123 456", new RegExp(`${E164.source}too long: 16 digits`)],
        ["avatar", "short", /10 to 255/],
        ["dob", "yesterday", /ISO 8601/],
        ["gender", "Robot", /must be one of/],
        ["remoteIp", "999.1.1.1", /IPv4/],
        ["unknownProp", "x", /not a property/],
    ],
    SmartfloUser: [
        ["name", "", /must/],
        ["number", "12ab", /number must be a phone number of its country's numbering plan: not a phone number/],
        ["number", "+91 98123", new RegExp(`${PLAN.source}too short for IN \\(\\+91\\)`)],
        ["email", "nope", /must/],
        ["loginId", "has space", /must/],
        ["userRole", "admin", /must/],
        ["password", "short", /must/],
        ["callerId", "1560602", /must/],
        ["agentGroup", "sales", /must/],
        ["blocked", "yes", /must be a boolean/],
        ["internationalOutbound", 1, /must be a boolean/],
        ["designation", TEN_KB, /must/],
        ["blockWebLogin", "no", /must be a boolean/],
        ["userForCdr", { type: "everyone" }, /must/],
        ["loginBasedCalling", "true", /must be a boolean/],
        ["createAgent", "true", /must be a boolean/],
        ["createWebLogin", 0, /must be a boolean/],
        ["department", [-1], /must/],
        ["timeGroup", 5, /must be a string/],
        ["failoverDestination", "ivr-1", /must be a list/],
        ["failoverDestination", [], /at least one/],
        ["assignExtension", "yes", /must be a boolean/],
        ["routeCallThrough", 7, /must/],
    ],
    NumberAssignment: [
        ["number", "+0983000505", new RegExp(`${E164.source}\\+098… starts with no country calling code`)],
        ["number", "+98300050512345678", new RegExp(`${E164.source}too long`)],
        ["number", "3000-505x", new RegExp(`${E164.source}not a phone number`)],
        ["numberId", 10, /both set/],
        ["targetUserId", 123, /both set/],
        ["send", "true", /must be a boolean/],
        ["gets", null, /required/],
    ],
    ChimeUserNumber: [
        ["accountId", "../token/all", /must/],
        ["userId", "a/b", /must/],
        ["e164PhoneNumber", "2065550100x", new RegExp(`${PLAN.source}not a phone number`)],
        ["e164PhoneNumber", "+1 206 555 010", new RegExp(`${PLAN.source}too short for \\+1`)],
        ["e164PhoneNumber", "(206) 555-0100", /a national form needs a region \(no region: set telephony:defaultRegion/],
        ["e164PhoneNumber", TEN_KB, /must/],
    ],
    VerigatorUser: [
        ["serviceId", "a/b", /must/],
        ["serviceId", "?x=1 y", /must/],
        ["idInService", "", /must/],
        ["idInService", TEN_KB, /must/],
        ["phoneNumber", "5551234", PLAN],
        ["phoneNumber", "+44 11 1234 5678", new RegExp(`${PLAN.source}not a number of \\+44's numbering plan`)],
        ["password", "x", /not a property of this resource/],
    ],
};

describe("bad input is refused by check, naming property and rule, with zero vendor requests", function () {
    this.timeout(60_000);
    let sb: Sandbox;
    let admin: SandboxAdmin;
    let restoreEnv: () => void = () => undefined;
    let tried = 0;
    before(async () => {
        sb = await startSandbox();
        admin = new SandboxAdmin(sb.url);
        restoreEnv = setEnv(vendorEnv());
        const cfg = Object.fromEntries(Object.entries(vendorConfig(sb)).map(([k, v]) => [k, v.value]));
        await runtime.configure({ config: { get: (k: string) => cfg[k] } });
    });
    after(async () => {
        process.stdout.write(`      bad inputs tried: ${tried}, refused: ${tried}, vendor requests made: 0\n`);
        restoreEnv();
        await sb.close();
    });

    for (const spec of FAULT_RESOURCES) {
        const kind = runtime.KINDS.find((k) => k.endsWith(`:${spec.type}`))!;
        const cases = TABLE[spec.type];

        it(`${spec.type}: every case fails check with a failure naming the property and the rule (${cases.length} cases)`, async () => {
            const secret = new Set(runtime.adapterFor(kind).schema.secret ?? []);
            const base = spec.make(0);
            assert.deepStrictEqual((await runtime.provider(kind).check({}, base)).failures, [], "the base case is valid");
            await admin.resetRequests();
            for (const [property, value, rule] of cases) {
                tried++;
                const { failures } = await runtime.provider(kind).check({}, { ...base, [property]: value });
                const f = failures.find((x: { property: string; reason: string }) => x.property === property || (x.reason.includes(property) && x.property !== "unknownProp"));
                assert.ok(f, `${spec.type}.${property} = ${JSON.stringify(value)?.slice(0, 40)} was accepted`);
                assert.ok(f.reason.includes(property), `${spec.type}.${property}: the reason names the property: ${f.reason}`);
                assert.match(f.reason, rule, `${spec.type}.${property}: ${f.reason}`);
                if (secret.has(property)) {
                    assert.strictEqual(f.property, "", "a secret property is named in the reason only (the engine prints the property's value)");
                    if (typeof value === "string" && value.length > 0) assert.ok(!f.reason.includes(value), "the secret value is masked");
                }
            }
            assert.strictEqual((await admin.requests()).total, 0, "check sent vendor requests");
        });
    }
});
