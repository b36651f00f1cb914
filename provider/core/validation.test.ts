import * as assert from "assert";
import { z } from "zod";
import { rules } from "./type-kit";
import { UNKNOWN, exactlyOne, missingOnCreate, validate } from "./validation";

const schema = {
    fields: { number: rules.string(1, 40).optional(), numberId: z.number().optional(), password: z.string().min(8, { error: "must be at least 8 characters" }) },
    rules: [exactlyOne("number", "numberId")],
    secret: ["password"],
    numbers: { number: { plan: "e164" as const, homeRegion: "IR" } },
};

describe("validate", () => {
    it("returns one failure per bad property, naming property, rule and value", () => {
        const { failures } = validate(schema, { number: "+0123", password: "longenough" });
        assert.deepStrictEqual(failures, [
            { property: "number", reason: 'number must be a phone number with an existing country calling code and at most 15 digits (E.164): +012… starts with no country calling code that exists; got "+0123"' },
        ]);
    });
    it("stores a phone number in E.164, a national form read in the stack's region, else the property's home region", () => {
        assert.strictEqual(validate(schema, { number: "0098 300-0505", password: "longenough" }).inputs.number, "+983000505");
        assert.strictEqual(validate(schema, { number: "0912 345 6789", password: "longenough" }).inputs.number, "+989123456789");
        assert.strictEqual(validate(schema, { number: "(206) 555-0100", password: "longenough" }, false, { region: "US", from: "telephony:defaultRegion" }).inputs.number, "+12065550100");
    });
    it("masks secret values", () => {
        const { failures } = validate(schema, { number: "+9830005", password: "short" });
        assert.strictEqual(failures[0].reason, "password must be at least 8 characters; got [secret]");
        // The engine prints the input value of a failure's property: a secret one is named only in the reason.
        assert.strictEqual(failures[0].property, "");
    });
    it("accepts unknown values during preview, and counts them as present in either-or rules", () => {
        assert.deepStrictEqual(validate(schema, { number: UNKNOWN, password: UNKNOWN }).failures, []);
        assert.match(validate(schema, { number: UNKNOWN, numberId: 3, password: "longenough" }).failures[0].reason, /both set/);
    });
    it("requires exactly one of an either-or pair", () => {
        assert.match(validate(schema, { password: "longenough" }).failures[0].reason, /one of number or numberId is required/);
    });
    it("refuses properties the resource does not have", () => {
        assert.match(validate(schema, { number: "+9830005", password: "longenough", numbr: 1 }).failures[0].reason, /numbr is not a property/);
    });
    describe("requiredOnCreate: required to create, optional when adopting", () => {
        const withPassword = { fields: { login: z.string(), password: z.string().optional() }, secret: ["password"], requiredOnCreate: ["password"] };
        it("a new object without the property fails, naming the property and the rule", () => {
            const { failures } = validate(withPassword, { login: "alice" }, true);
            assert.deepStrictEqual(failures.map((f) => f.property), ["password"]);
            assert.match(failures[0].reason, /^password is required to create a new object \(rule: required unless adopting an existing one with `adopt: true`/);
        });
        it("a new object that adopts (or may: adopt unknown) may leave it out", () => {
            assert.deepStrictEqual(validate(withPassword, { login: "alice", adopt: true }, true).failures, []);
            assert.deepStrictEqual(validate(withPassword, { login: "alice", adopt: UNKNOWN }, true).failures, []);
        });
        it("an object already in the stack may leave it out (it stops being managed)", () => {
            assert.deepStrictEqual(validate(withPassword, { login: "alice" }, false).failures, []);
        });
        it("missingOnCreate names what a create would lack", () => {
            assert.deepStrictEqual(missingOnCreate(withPassword, { login: "alice" }), ["password"]);
            assert.deepStrictEqual(missingOnCreate(withPassword, { login: "alice", password: "x" }), []);
        });
    });
});
