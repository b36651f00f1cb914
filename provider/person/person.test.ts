/**
 * The Person component under Pulumi's mocks: what it registers with the engine — the children, their names, parent
 * and dependencies (numbers on users, so Pulumi releases numbers first), what the person itself records — read from
 * the registration requests the SDK sends. The runtime's state is process-wide, so the program runs in a child
 * process, as in core/resource.test.ts.
 */
import * as assert from "assert";
import { execFileSync } from "child_process";
import * as path from "path";

const REPO = path.resolve(__dirname, "..", "..", "..");

type Registration = { type: string; name: string; parent: string; deps: string[]; inputs: Record<string, any> };

/** Runs each of `bodies` (JavaScript using `pulumi` and `telephony`) under mocks in one process; returns what each threw. */
function refusals(bodies: string[]): (string | undefined)[] {
    const program = `
const pulumi = require("@pulumi/pulumi");
pulumi.runtime.setMocks({ newResource: (a) => ({ id: a.custom ? a.name + "_id" : undefined, state: a.inputs }), call: (a) => a.inputs }, "p", "s", false);
const telephony = require(${JSON.stringify(path.join(REPO, "dist", "provider"))});
const errors = [];
${bodies.map((b) => `try { ${b}; errors.push(null); } catch (e) { errors.push(e.message); }`).join("\n")}
process.once("beforeExit", () => { console.log(JSON.stringify(errors)); process.exit(0); });
`;
    const out = execFileSync(process.execPath, ["-e", program], { cwd: REPO, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    return (JSON.parse(out.trim().split("\n").pop()!) as (string | null)[]).map((e) => e ?? undefined);
}

const cache = new Map<string, Registration[]>();
/** Runs `body` (JavaScript using `pulumi` and `telephony`) under mocks; returns every registration request (the same body runs once). */
function registrations(body: string): Registration[] {
    if (!cache.has(body)) cache.set(body, register(body));
    return cache.get(body)!;
}

function register(body: string): Registration[] {
    const program = `
const pulumi = require("@pulumi/pulumi");
pulumi.runtime.setMocks({ newResource: (a) => ({ id: a.custom ? a.name + "_id" : undefined, state: a.inputs }), call: (a) => a.inputs }, "p", "s", false);
const monitor = pulumi.runtime.getMonitor();
const seen = [];
const register = monitor.registerResource.bind(monitor);
monitor.registerResource = (req, cb) => {
    const inputs = req.getObject().toJavaScript();
    delete inputs.__provider;
    delete inputs.__stackScope;
    seen.push({ type: req.getType(), name: req.getName(), parent: req.getParent(), deps: req.getDependenciesList(), inputs });
    return register(req, cb);
};
const telephony = require(${JSON.stringify(path.join(REPO, "dist", "provider"))});
let error;
try { ${body} } catch (e) { error = e.message; }
// Printed when the event loop is empty: every registration the program made has been seen (no guess at a delay).
process.once("beforeExit", () => { console.log(JSON.stringify({ seen, error })); process.exit(0); });
`;
    const out = execFileSync(process.execPath, ["-e", program], { cwd: REPO, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    const r = JSON.parse(out.trim().split("\n").pop()!);
    if (r.error) throw new Error(r.error);
    return r.seen;
}

const SECRET = "4dabf18193072939515e22adb298388d";
const ASHA = `{
    name: "Asha Rao", email: "asha@example.com", password: "pw-12345678901",
    sip: { sipConnectionUuid: "66eb0a8a-571e-41b1-8f50-4d97275cfab7" },
    agent: { number: "+919876500001", userRole: 2, callerId: [1] },
    numbers: [{ number: "+983000505", ippanelUser: "testuser" }, { numberId: 11, ippanelUser: "testuser", gets: false }],
    chime: { accountId: "12a3456b-7c89-012d-3456-78901e23fg45", userId: "1ab2345c-67de-8901-f23g-45h678901j2k", number: "+12065550100" },
    verigator: { serviceId: "my-service-id", phoneNumber: "+37251001234" },
}`;

const short = (urn: string) => urn.slice(urn.lastIndexOf("::") + 2);

describe("Person under Pulumi's mocks", function () {
    this.timeout(60_000);

    it("declares one child per section, named after the person and parented to it; numbers depend on both users, users on nothing", () => {
        const rs = registrations(`new telephony.Person("asha.rao", ${ASHA});`);
        const person = rs.find((r) => r.type === "telephony:index:Person")!;
        const children = rs.filter((r) => r !== person);
        assert.deepStrictEqual(
            children.map((r) => [r.type.replace("pulumi-nodejs:dynamic/", ""), r.name]).sort((a, b) => (a[0] + a[1]).localeCompare(b[0] + b[1])),
            [
                ["chime:ChimeUserNumber", "asha.rao-chime"],
                ["ippanel:NumberAssignment", "asha.rao-number-983000505"],
                ["ippanel:NumberAssignment", "asha.rao-number-id-11"],
                ["opentact:SipUser", "asha.rao-sip"],
                ["smartflo:SmartfloUser", "asha.rao-agent"],
                ["verigator:VerigatorUser", "asha.rao-verigator"],
            ],
        );
        for (const c of children) assert.strictEqual(short(c.parent), "asha.rao", `${c.name}'s parent`);
        for (const c of children) {
            const users = c.type.endsWith("SipUser") || c.type.endsWith("SmartfloUser");
            assert.deepStrictEqual(c.deps.map(short).sort(), users ? [] : ["asha.rao-agent", "asha.rao-sip"], `${c.name}'s dependencies`);
        }
    });

    it("shares the person's values (login from the resource name, names, e-mail, a secret password) and records only login, status and sections on the person", () => {
        const rs = registrations(`new telephony.Person("asha.rao", ${ASHA});`);
        const by = Object.fromEntries(rs.map((r) => [r.name, r.inputs]));
        assert.deepStrictEqual(by["asha.rao"], { login: "asha.rao", status: "active", sections: ["sip", "agent", "numbers", "chime", "verigator"] });
        assert.strictEqual(by["asha.rao-sip"].login, "asha.rao");
        assert.strictEqual(by["asha.rao-sip"].firstName, "Asha");
        assert.strictEqual(by["asha.rao-sip"].lastName, "Rao");
        assert.strictEqual(by["asha.rao-agent"].loginId, "asha.rao");
        assert.strictEqual(by["asha.rao-agent"].blocked, false);
        assert.strictEqual(by["asha.rao-verigator"].idInService, "asha.rao");
        assert.deepStrictEqual(by["asha.rao-number-id-11"], { numberId: 11, targetUser: "testuser", send: true, gets: false });
        assert.strictEqual(by["asha.rao-chime"].e164PhoneNumber, "+12065550100");
        for (const name of ["asha.rao-sip", "asha.rao-agent"]) assert.ok(by[name].password?.[SECRET], `${name}'s password is registered as a secret`);
        assert.ok(!JSON.stringify(by["asha.rao"]).includes("pw-12345678901"), "the person records no password");
    });

    it("a suspended person: the agent blocked, the SIP user kept, no IPPanel, Chime or Verigator number", () => {
        const rs = registrations(`new telephony.Person("asha.rao", { ...${ASHA}, status: "suspended" });`);
        assert.deepStrictEqual(rs.map((r) => r.name).sort(), ["asha.rao", "asha.rao-agent", "asha.rao-sip"]);
        assert.strictEqual(rs.find((r) => r.name === "asha.rao-agent")!.inputs.blocked, true);
        assert.deepStrictEqual(rs[0].inputs.status, "suspended");
    });

    it("derives first and last name from a name the program computes, and takes an explicit login and section overrides", () => {
        const rs = registrations(`new telephony.Person("p1", { login: "asha.rao", name: pulumi.output("Mary Jane Watson"), email: "m@example.com", password: "pw-12345678901",
            sip: { sipDomain: "acme.sip.opentact.org", lastName: "W." } });`);
        const sip = rs.find((r) => r.name === "p1-sip")!.inputs;
        assert.deepStrictEqual([sip.login, sip.firstName, sip.lastName, sip.sipDomain], ["asha.rao", "Mary Jane", "W.", "acme.sip.opentact.org"]);
    });

    it("refuses at construction what is the person's, not a section's (the agent's blocked flag, a section password), and an unknown status", () => {
        const [blocked, password, status, number] = refusals([
            `new telephony.Person("a", { agent: { number: "+919876500001", userRole: 2, blocked: true } })`,
            `new telephony.Person("b", { sip: { sipDomain: "x.example.com", password: "p" } })`,
            `new telephony.Person("c", { status: "paused" })`,
            `new telephony.Person("d", { numbers: [{ number: pulumi.output("+983000505"), ippanelUser: "t" }] })`,
        ]);
        assert.match(blocked ?? "", /^a: agent has no "blocked" \(it takes .*the status decides whether an agent is blocked\)/);
        assert.match(password ?? "", /^b: sip has no "password"/);
        assert.match(status ?? "", /^c: status must be one of active, suspended; got "paused"/);
        assert.match(number ?? "", /^d: every entry of numbers needs a number \(E\.164\) or a numberId given as a plain value/);
    });
});
