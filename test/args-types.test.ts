/**
 * The resource argument types as a user's TypeScript program meets them (strict tsc against the published
 * typings): valid declarations type-check, under the top-level and the namespaced names alike; a wrong value does
 * not; and every property carries its TSDoc.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { RESOURCES } from "../provider/registry";
import { docsOf, typeNameOf } from "../provider/core/descriptor";
import { argsProperties, compile, describeDiagnostic } from "./typings";

const HEADER = `import * as pulumi from "@pulumi/pulumi";\nimport * as telephony from "pulumi-telephony";\nimport { SipUser, opentact, smartflo, ippanel, chime, verigator } from "pulumi-telephony";\n`;

/**
 * The programs the tests type-check, each a file of its own, compiled together the first time one is asked for:
 * starting tsc and loading the typings is most of a compile, so one program of many files costs about one file.
 */
const programs = new Map<string, string>();
let diagnostics: Map<string, string[]> | undefined;

/** The properties of every resource class and its two `…Args` types, read from the typings once. */
let props: ReturnType<typeof argsProperties> | undefined;
const properties = () =>
    (props ??= argsProperties(RESOURCES.flatMap((d) => [`${typeNameOf(d.kind)}Args`, `${d.vendor}.${d.name}Args`, `${d.vendor}.${d.name}`])));

/** Registers a program (at describe time, before any test runs); returns its name for `typeCheck`. */
function program(body: string): string {
    const name = `p${programs.size}.ts`;
    programs.set(name, HEADER + body);
    return name;
}

/** The errors of one registered program (and any error that belongs to no file). */
function typeCheck(name: string): string[] {
    if (!diagnostics) {
        const r = compile(Object.fromEntries(programs));
        fs.rmSync(r.dir, { recursive: true, force: true });
        diagnostics = new Map();
        for (const d of r.errors) {
            const file = d.file ? path.basename(d.file.fileName) : "";
            diagnostics.set(file, [...(diagnostics.get(file) ?? []), describeDiagnostic(d)]);
        }
    }
    return [...(diagnostics.get(name) ?? []), ...(diagnostics.get("") ?? [])];
}

describe("resource argument types (strict tsc against the package's typings)", function () {
    this.timeout(120_000);

    const domainUsers = program(`
new SipUser("dora", { sipDomain: "acme.sip.opentact.org", login: "dora.user", password: pulumi.secret("pw-1234567"), gender: "Male" });
new opentact.SipUser("erin", { sipDomain: "acme.sip.opentact.org", login: "erin.user", password: "pw-1234567", gender: "Female", phoneNumber: "+1234567890" });
`);
    it("a SIP domain user with gender Male (and Female) type-checks, as the schema and the README allow", () => {
        assert.deepStrictEqual(typeCheck(domainUsers), []);
    });

    const examples = program(
        [
            ...RESOURCES.flatMap((d) => [
                `new telephony.${d.vendor}.${d.name}("a-${d.vendor}", ${JSON.stringify(d.example)});`,
                `new telephony.${typeNameOf(d.kind)}("b-${d.vendor}", ${JSON.stringify(d.example)});`,
                `new telephony.${d.vendor}.${d.name}("c-${d.vendor}", { ...${JSON.stringify(d.example)}, adopt: pulumi.output(true) });`,
            ]),
            `new smartflo.User("o", { name: pulumi.output("Asha"), number: "+919812345678", email: "a@example.com", loginId: "a", userRole: pulumi.output(54743), callerId: [pulumi.output(1560602)], userForCdr: { type: "agent", value: [pulumi.output("1")] }, routeCallThrough: 1 });`,
            `new ippanel.NumberAssignment("n", { numberId: 7, targetUserId: pulumi.output(123), send: pulumi.output(true), gets: false });`,
            `new chime.UserNumber("c", { accountId: "a", userId: "u", e164PhoneNumber: pulumi.output("+12065550100") });`,
            `new verigator.User("v", { serviceId: "s", idInService: "carol", adopt: true });`,
        ].join("\n"),
    );
    it("every resource's example declares under its namespaced name, its top-level name and with Outputs for values", () => {
        assert.deepStrictEqual(typeCheck(examples), []);
    });

    // Each wrong declaration alone must fail to compile, naming the property.
    const wrong: Array<[string, string, RegExp]> = [
        ["a gender OpenTact does not know", `new SipUser("x", { sipDomain: "acme.sip.opentact.org", login: "dora.user", password: "pw", gender: "Mal" });`, /"Mal"/],
        ["a number where a login (string) goes", `new opentact.SipUser("x", { sipConnectionUuid: "u", login: 1234567 });`, /number/],
        ["sipDomainUuid, refused in favour of sipDomain", `new opentact.SipUser("x", { sipDomainUuid: "66eb0a8a-571e-41b1-8f50-4d97275cfab7", login: "dora.user" });`, /sipDomainUuid|string/],
        ["a CDR type Smartflo does not know", `new smartflo.User("x", { name: "A", number: "+919812345678", email: "a@example.com", loginId: "a", userRole: 1, userForCdr: { type: "some" } });`, /"some"/],
        ["a routeCallThrough outside 0, 1, 2", `new smartflo.User("x", { name: "A", number: "+919812345678", email: "a@example.com", loginId: "a", userRole: 1, routeCallThrough: 3 });`, /3/],
        ["a missing required property (send)", `new ippanel.NumberAssignment("x", { number: "+983000505", targetUser: "t", gets: true });`, /send/],
        ["a string where a boolean goes (gets)", `new ippanel.NumberAssignment("x", { number: "+983000505", targetUser: "t", send: true, gets: "yes" });`, /gets|string/],
        ["a property that does not exist", `new chime.UserNumber("x", { accountId: "a", userId: "u", e164PhoneNumber: "+12065550100", phone: "x" });`, /phone/],
        ["a missing idInService", `new verigator.User("x", { serviceId: "s", phoneNumber: "+37255512345" });`, /idInService/],
    ];
    for (const [what, code, mention] of wrong) {
        const name = program(code);
        it(`does not type-check: ${what}`, () => {
            const errors = typeCheck(name);
            assert.ok(errors.length > 0, `compiled without error: ${code}`);
            assert.match(errors.join("\n"), mention);
        });
    }

    it("every property of every resource's Args has TSDoc, under both names", () => {
        const paths = RESOURCES.flatMap((d) => [`${typeNameOf(d.kind)}Args`, `${d.vendor}.${d.name}Args`]);
        const props = properties();
        for (const p of paths) {
            assert.ok(props[p].length > 0, `${p} has no properties`);
            for (const prop of props[p]) assert.ok(prop.doc.trim().length > 0 || prop.deprecated, `${p}.${prop.name} has no TSDoc`);
        }
        for (const d of RESOURCES) assert.deepStrictEqual(props[`${d.vendor}.${d.name}Args`], props[`${typeNameOf(d.kind)}Args`]);
    });

    it("the descriptions the package ships (the README tables' and the provider schema's) are the TSDoc an IDE shows", () => {
        const props = properties();
        const flat = (s: string | undefined) => s?.replace(/\s+/g, " ").trim();
        for (const d of RESOURCES) {
            const docs = docsOf(d);
            const shown = new Map([...props[`${typeNameOf(d.kind)}Args`], ...props[`${d.vendor}.${d.name}`]].map((p) => [p.name, p]));
            for (const [k, doc] of Object.entries(docs)) {
                const p = shown.get(k);
                assert.ok(p, `${d.kind}.${k} is neither on ${typeNameOf(d.kind)}Args nor on ${d.vendor}.${d.name}`);
                assert.strictEqual(flat(doc.description), flat(p.doc), `${d.kind}.${k}: description`);
                assert.strictEqual(flat(doc.deprecated), flat(p.deprecated), `${d.kind}.${k}: @deprecated`);
            }
            assert.deepStrictEqual(Object.keys(docs).sort(), Object.keys(d.attributes).sort(), `${d.kind}: every attribute has its documentation`);
        }
    });

    const outputs = program(`
const u = new opentact.SipUser("u", { sipConnectionUuid: "66eb0a8a-571e-41b1-8f50-4d97275cfab7", login: "alice.sip", password: "pw-123456" });
const login: pulumi.Output<string> = u.login;
const uuid: pulumi.Output<string> = u.uuid;
const a = new ippanel.NumberAssignment("a", { number: "+983000505", targetUser: "t", send: true, gets: true });
const send: pulumi.Output<boolean> = a.send;
const role: pulumi.Output<number> = new smartflo.User("s", { name: "A", number: "+919812345678", email: "a@example.com", loginId: "a", userRole: "54743" }).userRole;
export { login, uuid, send, role };
`);
    it("every resource shows each declared input and each computed output as a documented Output property", () => {
        const props = properties();
        for (const d of RESOURCES) {
            const byName = new Map(props[`${d.vendor}.${d.name}`].map((p) => [p.name, p]));
            const refusedOnly = ["sipDomainUuid"]; // a field that only refuses a value has no output
            const expected = Object.keys(d.attributes).filter((k) => !refusedOnly.includes(k)); // inputs and computed outputs
            for (const k of expected) {
                const p = byName.get(k);
                assert.ok(p, `${d.vendor}.${d.name} has no property ${k}`);
                assert.ok(p.doc.trim().length > 0, `${d.vendor}.${d.name}.${k} has no TSDoc`);
            }
        }
        assert.deepStrictEqual(typeCheck(outputs), []);
    });
});
