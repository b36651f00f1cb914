/**
 * What the attribute declarations give the rest of the package: the sets each resource's adapter and descriptor used
 * to list by hand (so deriving them changed no behaviour), the comparison and stored forms, and the Pulumi schema.
 */
import * as assert from "assert";
import { RESOURCES } from "../registry";
import { computedOf, replaceOnChangeOf, requiredOnCreateOf, secretInputsOf, secretOutputsOf, unobservableOf } from "./attributes";
import { docsOf } from "./descriptor";
import { resourceSchema } from "./pulumi-schema";

const byKind = (kind: string) => RESOURCES.find((d) => d.kind === kind)!;

describe("attribute declarations", () => {
    // The lists the descriptors and adapters wrote by hand before the attributes carried their meaning.
    const BEFORE: Record<string, { replaceOn: string[]; unobservable: string[]; secretInputs: string[]; secretOutputs: string[]; requiredOnCreate: string[]; computed: string[] }> = {
        "opentact:SipUser": {
            replaceOn: ["sipConnectionUuid", "sipDomain"],
            unobservable: [],
            secretInputs: ["password"],
            secretOutputs: ["ha1", "ha1b"],
            requiredOnCreate: ["password"],
            computed: ["uuid", "ha1", "ha1b", "createdOn", "modifiedOn"],
        },
        "smartflo:SmartfloUser": {
            replaceOn: ["createAgent", "createWebLogin", "department", "timeGroup", "failoverDestination", "assignExtension", "routeCallThrough"],
            unobservable: ["password", "callerId", "agentGroup", "createAgent", "createWebLogin", "department", "failoverDestination", "assignExtension", "routeCallThrough"],
            secretInputs: ["password"],
            secretOutputs: [],
            requiredOnCreate: ["password", "callerId"],
            computed: ["agentId", "intercom", "roleName"],
        },
        "ippanel:NumberAssignment": {
            replaceOn: ["number", "numberId", "targetUser", "targetUserId", "send", "gets"],
            unobservable: ["targetUser", "targetUserId", "send", "gets"],
            secretInputs: [],
            secretOutputs: [],
            requiredOnCreate: [],
            computed: ["resolvedNumber", "resolvedNumberId"],
        },
        "chime:ChimeUserNumber": { replaceOn: ["accountId", "userId"], unobservable: [], secretInputs: [], secretOutputs: [], requiredOnCreate: [], computed: ["primaryEmail", "displayName"] },
        "verigator:VerigatorUser": {
            replaceOn: ["serviceId", "idInService", "phoneNumber"],
            unobservable: ["phoneNumber"],
            secretInputs: [],
            secretOutputs: [],
            requiredOnCreate: ["phoneNumber"],
            computed: ["userId", "ctime"],
        },
    };

    for (const d of RESOURCES) {
        it(`${d.kind}: the derived secrets, outputs, replace, not-observable and required-to-create sets are the ones written by hand before`, () => {
            const before = BEFORE[d.kind];
            const sorted = (xs: readonly string[]) => [...xs].sort();
            const a = d.attributes;
            assert.deepStrictEqual(sorted(replaceOnChangeOf(a)), sorted(before.replaceOn), "replace on change");
            assert.deepStrictEqual(sorted(unobservableOf(a)), sorted(before.unobservable), "not observable");
            assert.deepStrictEqual(secretInputsOf(a), before.secretInputs, "secret inputs");
            assert.deepStrictEqual(secretOutputsOf(a), before.secretOutputs, "secret outputs");
            assert.deepStrictEqual(requiredOnCreateOf(a), before.requiredOnCreate, "required to create");
            assert.deepStrictEqual(computedOf(a), before.computed, "computed outputs");
            // What the reconciler reads: the adapter's sets are the declared ones.
            const adapter = d.loadAdapter();
            assert.deepStrictEqual(sorted(adapter.replaceOn({}, {})), sorted(before.replaceOn));
            assert.deepStrictEqual(sorted(adapter.unobservable), sorted(before.unobservable));
            assert.deepStrictEqual(adapter.schema.secret, before.secretInputs);
        });
    }

    it("an exactly-one group is the rule the adapters wrote by hand: one of the pair, not both, named in the failure", async () => {
        const { validate } = await import("./validation");
        const ippanel = byKind("ippanel:NumberAssignment").loadAdapter();
        assert.deepStrictEqual(
            validate(ippanel.schema, { number: "+983000505", numberId: 10, send: true, gets: true }).failures.map((f) => f.reason),
            [
                "number and numberId are both set; give exactly one (rule: exactly one of number, numberId)",
                "one of targetUser or targetUserId is required (rule: exactly one of targetUser, targetUserId)",
            ],
        );
        const sip = byKind("opentact:SipUser").loadAdapter();
        assert.match(validate(sip.schema, { login: "alice.sip" }).failures[0].reason, /^one of sipConnectionUuid or sipDomain is required/);
    });

    it("a declared normalizer is the comparison form; with storeNormalized, check stores that form too", async () => {
        const sip = byKind("opentact:SipUser").loadAdapter();
        assert.strictEqual(sip.normalize!("sipDomain", "ACME.sip.opentact.org"), "acme.sip.opentact.org");
        assert.strictEqual(sip.normalize!("email", "Alice@Example.com"), "alice@example.com");
        assert.strictEqual(sip.normalize!("dob", "1990-05-17"), "1990-05-17T00:00:00Z");
        assert.strictEqual(sip.normalize!("firstName", "Alice"), "Alice", "an attribute without a normalizer compares as it is");
        const { validate } = await import("./validation");
        const { inputs } = validate(sip.schema, { sipDomain: "ACME.sip.opentact.org", login: "alice.sip", email: "Alice@Example.com", dob: "1990-05-17" });
        assert.deepStrictEqual([inputs.sipDomain, inputs.email, inputs.dob], ["acme.sip.opentact.org", "Alice@Example.com", "1990-05-17T00:00:00Z"], "stored: the domain and date normalized, the email as given");
        const chime = byKind("chime:ChimeUserNumber").loadAdapter();
        assert.strictEqual(validate(chime.schema, { accountId: "a", userId: "u", e164PhoneNumber: "12065550100" }).inputs.e164PhoneNumber, "+12065550100");
        const smartflo = byKind("smartflo:SmartfloUser").loadAdapter();
        assert.deepStrictEqual(smartflo.normalize!("callerId", ["30", 4]), [4, 30]);
        assert.deepStrictEqual(smartflo.normalize!("userForCdr", { type: "user", value: ["b", "a"] }), { type: "user", value: ["a", "b"] });
    });
});

describe("the Pulumi schema derived from the declarations", () => {
    it("SipUser: types, required inputs, secrets, replace-on-change, deprecation and outputs", () => {
        const d = byKind("opentact:SipUser");
        const { token, resource } = resourceSchema(d);
        assert.strictEqual(token, "telephony:opentact:SipUser");
        assert.deepStrictEqual(resource.requiredInputs, ["login"], "the password is required only to create: `adopt` may leave it out");
        assert.deepStrictEqual(resource.inputProperties.password, { type: "string", description: docsOf(d).password.description, secret: true });
        assert.strictEqual(resource.inputProperties.sipConnectionUuid.willReplaceOnChanges, true);
        assert.strictEqual(resource.inputProperties.login.willReplaceOnChanges, undefined);
        assert.match(resource.inputProperties.sipDomainUuid.deprecationMessage!, /Use `sipDomain`/);
        assert.ok(!("sipDomainUuid" in resource.properties), "a property that only refuses a value has no output");
        assert.deepStrictEqual(Object.keys(resource.properties), Object.keys(d.attributes).filter((k) => k !== "sipDomainUuid"));
        assert.deepStrictEqual(resource.properties.ha1, { type: "string", description: docsOf(d).ha1.description, secret: true });
        assert.strictEqual(resource.properties.password.secret, true, "a secret input is a secret output too");
    });

    it("SmartfloUser: an object property becomes a type, an id a program may give as digits is a union in and an integer out", () => {
        const { resource, types } = resourceSchema(byKind("smartflo:SmartfloUser"));
        assert.deepStrictEqual(resource.inputProperties.userForCdr.$ref, "#/types/telephony:smartflo:UserUserForCdr");
        assert.deepStrictEqual(types["telephony:smartflo:UserUserForCdr"], { type: "object", properties: { type: { type: "string" }, value: { type: "array", items: { type: "string" } } }, required: ["type"] });
        assert.deepStrictEqual(resource.inputProperties.userRole.oneOf, [{ type: "number" }, { type: "string" }]);
        assert.strictEqual(resource.properties.userRole.type, "integer");
        assert.deepStrictEqual(resource.inputProperties.callerId.items, { oneOf: [{ type: "number" }, { type: "string" }] });
        assert.strictEqual(resource.inputProperties.createAgent.default, true);
        assert.strictEqual(resource.inputProperties.routeCallThrough.type, "number");
        assert.deepStrictEqual(resource.requiredInputs, ["name", "number", "email", "loginId", "userRole"]);
    });

    it("every resource: every property has its description, and every secret and replace-on-change attribute is marked", () => {
        for (const d of RESOURCES) {
            const { resource } = resourceSchema(d);
            for (const [k, p] of [...Object.entries(resource.inputProperties), ...Object.entries(resource.properties)]) {
                assert.ok(p.description || p.deprecationMessage, `${d.kind}.${k} has no description`);
            }
            const marked = (flag: "secret" | "willReplaceOnChanges") => Object.keys(resource.inputProperties).filter((k) => resource.inputProperties[k][flag]);
            assert.deepStrictEqual(marked("secret"), secretInputsOf(d.attributes));
            assert.deepStrictEqual(marked("willReplaceOnChanges"), replaceOnChangeOf(d.attributes));
        }
    });
});
