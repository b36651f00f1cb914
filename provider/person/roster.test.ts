/**
 * Rosters without an engine: reading CSV and YAML, defaults, the person → children mapping, every problem at once
 * with file, row, column and rule, duplicates, and passwords that never come from the roster.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { provider } from "../runtime";
import { childrenOf } from "./children";
import { RosterDefaults, RosterError, RosterRead, formatProblem, readRoster } from "./roster";

const CONNECTION = "66eb0a8a-571e-41b1-8f50-4d97275cfab7";
const CHIME_ACCOUNT = "12a3456b-7c89-012d-3456-78901e23fg45";

const DEFAULTS: RosterDefaults = {
    sip: { sipConnectionUuid: CONNECTION },
    agent: { userRole: 2, callerId: [1] },
    numbers: { ippanelUser: "testuser" },
    chime: { accountId: CHIME_ACCOUNT },
    verigator: { serviceId: "my-service-id" },
};

let dir: string;
function file(name: string, text: string): string {
    const p = path.join(dir, name);
    fs.writeFileSync(p, text);
    return p;
}

/** The problems as one line each, without the folder. */
function lines(r: RosterRead): string[] {
    return r.problems.map(formatProblem).map((l) => l.split(`${dir}${path.sep}`).join(""));
}

const CSV_HEADER = "login,name,email,status,sip,agent.number,agent.callerId,numbers,numbers.send,chime.userId,chime.number,verigator.phoneNumber";
const CSV_GOOD = [
    CSV_HEADER,
    "asha.rao,Asha Rao,asha@example.com,active,yes,+919876500001,1;2,+983000505 +983000506,false,1ab2345c-67de-8901-f23g-45h678901j2k,+12065550100,+37251001234",
    "",
    "kofi.mensah,Kofi Mensah,kofi@example.com,suspended,,+919876500002,,+98300070001,,,,+37251001235",
].join("\n");

const YAML_GOOD = `
defaults:
  agent: { userRole: 2 }
people:
  - login: asha.rao
    name: Asha Rao
    email: asha@example.com
    sip: {}
    agent: { number: "+919876500001", callerId: [1, 2] }
    numbers:
      - { number: "+983000505", send: false }
      - { number: "+983000506", send: false }
    chime: { userId: 1ab2345c-67de-8901-f23g-45h678901j2k, number: "+12065550100" }
    verigator: { phoneNumber: "+37251001234" }
  - login: kofi.mensah
    name: Kofi Mensah
    email: kofi@example.com
    status: suspended
    agent: { number: "+919876500002" }
    numbers: ["+98300070001"]
    verigator: { phoneNumber: "+37251001235" }
`;

describe("roster: people from a CSV or YAML file", () => {
    before(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "roster-test-"))));
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("reads a CSV roster into people: children named after the login, the person's values shared, the defaults filled in, cells typed as each property takes them", () => {
        const r = readRoster(file("people.csv", CSV_GOOD), { defaults: DEFAULTS });
        assert.deepStrictEqual(lines(r), []);
        assert.deepStrictEqual(r.people.map((p) => [p.login, p.line]), [["asha.rao", 2], ["kofi.mensah", 4]]);
        const asha = Object.fromEntries(r.people[0].children.map((c) => [c.name, c.args]));
        assert.deepStrictEqual(Object.keys(asha), ["asha.rao-sip", "asha.rao-agent", "asha.rao-number-983000505", "asha.rao-number-983000506", "asha.rao-chime", "asha.rao-verigator"]);
        assert.deepStrictEqual(asha["asha.rao-sip"], { login: "asha.rao", password: "04da6b54-80e4-46f7-96ec-b56ff0331ba9", firstName: "Asha", lastName: "Rao", email: "asha@example.com", sipConnectionUuid: CONNECTION });
        assert.deepStrictEqual(asha["asha.rao-agent"], {
            loginId: "asha.rao",
            password: "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
            name: "Asha Rao",
            email: "asha@example.com",
            userRole: 2,
            callerId: [1, 2],
            number: "+919876500001",
            blocked: false,
        });
        assert.deepStrictEqual(asha["asha.rao-number-983000505"], { send: false, gets: true, targetUser: "testuser", number: "+983000505" });
        assert.deepStrictEqual(asha["asha.rao-chime"], { accountId: CHIME_ACCOUNT, userId: "1ab2345c-67de-8901-f23g-45h678901j2k", e164PhoneNumber: "+12065550100" });
        assert.deepStrictEqual(asha["asha.rao-verigator"], { idInService: "asha.rao", serviceId: "my-service-id", phoneNumber: "+37251001234" });
    });

    it("a suspended person keeps the logins, with the agent blocked, and declares no number (IPPanel, Chime, Verigator)", () => {
        const r = readRoster(file("people.csv", CSV_GOOD), { defaults: DEFAULTS });
        const kofi = r.people[1];
        assert.deepStrictEqual(kofi.children.map((c) => c.name), ["kofi.mensah-agent"]);
        assert.strictEqual(kofi.children[0].args.blocked, true);
        assert.strictEqual(kofi.person.status, "suspended");
    });

    it("a YAML roster (its own defaults over the program's) gives the same people as the CSV", () => {
        const csv = readRoster(file("people.csv", CSV_GOOD), { defaults: DEFAULTS });
        const yaml = readRoster(file("people.yaml", YAML_GOOD), { defaults: { ...DEFAULTS, agent: { userRole: 99, callerId: [1] } } });
        assert.deepStrictEqual(lines(yaml), []);
        const shape = (r: RosterRead) => r.people.map((p) => p.children.map((c) => [c.name, c.args]));
        assert.deepStrictEqual(shape(yaml), shape(csv));
        assert.deepStrictEqual(yaml.people.map((p) => p.line), [5, 15]);
    });

    it("finds every problem of every row at once, each naming the file, the row, the column and the rule of the resource it breaks", () => {
        const csv = [
            CSV_HEADER,
            "ab,Al B,al@example.com,active,yes,+919876500001,1,+983000505,,,,+37251001234", // SIP login too short
            "bea.bad1,Bea,not-an-email,paused,,12,1,,,,,", // email, status, agent number
            "cy.bad22,Cy,cy@example.com,,,+919876500003,x,+9993000505,,,,", // caller id, IPPanel number
            "dee.bad3,Dee,dee@example.com,,,,,,,1ab2345c-67de-8901-f23g-45h678901j2k,12065550100x,", // Chime number
            ",No Login,nl@example.com,,,,,,,,,", // no login
        ].join("\n");
        const r = readRoster(file("bad.csv", csv), { defaults: DEFAULTS });
        assert.deepStrictEqual(lines(r), [
            'bad.csv row 2, column login: must be 7 to 15 characters; got "ab" (opentact.SipUser login)',
            'bad.csv row 3, column status: must be one of active, suspended; got "paused"',
            `bad.csv row 3, column agent.number: must be a phone number of its country's numbering plan: too short for IN (+91), read as a national number of IN, the vendor's home region (set telephony:defaultRegion to read national forms elsewhere); got "12" (smartflo.User number)`,
            'bad.csv row 3, column email: must be an email address; got "not-an-email" (smartflo.User email)',
            'bad.csv row 4, column agent.callerId: must be a positive integer id; got ["x"] (smartflo.User callerId)',
            'bad.csv row 4, column numbers: must be a phone number with an existing country calling code and at most 15 digits (E.164): +999… starts with no country calling code that exists; got "+9993000505" (ippanel.NumberAssignment number)',
            `bad.csv row 5, column chime.number: must be a phone number of its country's numbering plan: not a phone number: digits, with spaces, dashes, dots or brackets and a leading + or 00 for the country code; got "12065550100x" (chime.UserNumber e164PhoneNumber)`,
            "bad.csv row 6, column login: every person has a login (it names the person's resources)",
        ]);
        assert.deepStrictEqual(r.people, [], "no person of a roster with problems is declared");
        const error = new RosterError(r.file, r.problems);
        assert.match(error.message, /^roster .*bad\.csv: 8 problems \(nothing was declared; no vendor was asked\):\n {2}.*bad\.csv row 2, column login:/);
    });

    it("states each rule exactly as the resource's own check does (one rule, written once)", async () => {
        const r = readRoster(file("bad.csv", [CSV_HEADER, "bea.bad1,Bea,not-an-email,,,12,0,,,,,"].join("\n")), { defaults: DEFAULTS });
        const [agent] = childrenOf("bea.bad1", { name: "Bea", email: "not-an-email", password: "a-password-long-enough", agent: { number: "12", callerId: [0], userRole: 2 } });
        const { failures } = await provider("smartflo:SmartfloUser").check({}, agent.args);
        const reasons = (failures as { property: string; reason: string }[]).map((f) => f.reason.slice(f.property.length + 1));
        assert.strictEqual(reasons.length, 3);
        for (const reason of reasons) assert.ok(lines(r).some((l) => l.includes(reason)), `the roster does not say "${reason}":\n${lines(r).join("\n")}`);
    });

    it("refuses a password column in any form (CSV header, YAML key, a section's password) and never reads its value", () => {
        const csv = readRoster(file("pw.csv", "login,name,Password\nasha.rao,Asha,hunter2-secret\n"), {});
        assert.deepStrictEqual(lines(csv), ["pw.csv header, column Password: a roster never holds a password: passwords come from secret config, by login (`pulumi config set --secret <login> …`); remove the column"]);
        const yaml = readRoster(file("pw.yaml", "people:\n  - login: asha.rao\n    password: hunter2-secret\n    agent: { password: hunter2-secret }\n"), {});
        assert.deepStrictEqual(
            lines(yaml)
                .filter((l) => l.includes("a roster never holds a password"))
                .map((l) => l.replace(/: a roster never holds.*/, ""))
                .sort(),
            ["pw.yaml people[1] (line 2), column agent.password", "pw.yaml people[1] (line 2), column password"],
        );
        assert.ok(!JSON.stringify([csv, yaml]).includes("hunter2-secret"), "the password's value appears in what was read");
    });

    it("refuses a login or a number in two rows: logins ignoring case, numbers in E.164 across IPPanel, Chime, Verigator and Smartflo", () => {
        const csv = [
            CSV_HEADER,
            "asha.rao,Asha Rao,asha@example.com,,,+919876500001,1,+989121234567,,,,+37251001234",
            "Asha.Rao,Asha Two,asha2@example.com,,,+919876500002,1,,,,,",
            "kofi.mensah,Kofi,kofi@example.com,,,919876500001,1,,,1ab2345c-67de-8901-f23g-45h678901j2k,+989121234567,",
        ].join("\n");
        const r = readRoster(file("dup.csv", csv), { defaults: DEFAULTS });
        assert.deepStrictEqual(lines(r), [
            'dup.csv row 3, column login: login "Asha.Rao" is also row 2\'s: every person has a login of their own',
            "dup.csv row 4, column agent.number: number 919876500001 is also row 2's (column agent.number): a number is assigned once",
            "dup.csv row 4, column chime.number: number +989121234567 is also row 2's (column numbers): a number is assigned once",
        ]);
    });

    it("one number in two spellings is one number (compared in E.164), and national numbers are read in the stack's region", () => {
        const csv = [
            CSV_HEADER,
            "asha.rao,Asha Rao,asha@example.com,,,+91 98765 00001,1,,,,,+372 5100 1234",
            "kofi.mensah,Kofi,kofi@example.com,,,0091 9876500001,1,,,,,00372 51001234",
            // National spellings: read as Estonian in a stack whose region is EE.
            "ama.owusu,Ama,ama@example.com,,,+919876500003,1,,,,,5100 1299",
            "yaw.boateng,Yaw,yaw@example.com,,,+919876500004,1,,,,,+37251001299",
        ].join("\n");
        const r = readRoster(file("spell.csv", csv), { defaults: DEFAULTS, region: { region: "EE", from: "telephony:defaultRegion" } });
        assert.deepStrictEqual(lines(r), [
            "spell.csv row 3, column agent.number: number 0091 9876500001 is also row 2's (column agent.number): a number is assigned once",
            "spell.csv row 3, column verigator.phoneNumber: number 00372 51001234 is also row 2's (column verigator.phoneNumber): a number is assigned once",
            "spell.csv row 5, column verigator.phoneNumber: number +37251001299 is also row 4's (column verigator.phoneNumber): a number is assigned once",
        ]);
    });

    it("needs a password from secret config only for a person whose SIP user or agent is created, and names the login's config key", () => {
        const csv = [CSV_HEADER, "asha.rao,Asha Rao,asha@example.com,,yes,,,,,,,+37251001234", "vero.only,Vero,v@example.com,,,,,,,,,+37251001299"].join("\n");
        const r = readRoster(file("nopw.csv", csv), { defaults: DEFAULTS, hasPassword: () => false });
        assert.deepStrictEqual(lines(r), [
            "nopw.csv row 2, column login: no password for asha.rao in secret config: set one with `pulumi config set --secret asha.rao …` (a new SIP user or agent needs one), or adopt the existing objects (adopt: true)",
        ]);
        const adopting = readRoster(file("adopt.csv", ["login,adopt,sip", "bob7,true,yes"].join("\n")), { defaults: DEFAULTS, hasPassword: () => false });
        assert.deepStrictEqual(lines(adopting), [], "an adopted user keeps its password, and an existing login may be shorter than a new one");
        assert.strictEqual(adopting.people[0].children[0].args.adopt, true);
    });

    it("says which section key a column may hold, and that the agent's blocked flag is the status's", () => {
        const r = readRoster(file("cols.csv", "login,agent.blocked,sip.colour,phone\nasha.rao,true,red,1\n"), {});
        const found = lines(r);
        assert.strictEqual(found.length, 3, found.join("\n"));
        assert.match(found[0], /^cols\.csv header, column agent\.blocked: blocked is decided by the person's status \(suspended: blocked\), not by a column$/);
        assert.match(found[1], /^cols\.csv header, column sip\.colour: sip has no colour \(it takes sipConnectionUuid, sipDomain, .*firstName, .*remoteIp\)$/);
        assert.match(found[2], /^cols\.csv header, column phone: no such column \(a roster has login, name, email, status, adopt, formerLogins, sip\.…, agent\.…, numbers\.…, chime\.…, verigator\.…\)$/);
    });

    it("the README's roster example reads without a problem", () => {
        const readme = fs.readFileSync(path.join(__dirname, "..", "..", "..", "README.md"), "utf8");
        const csv = /```csv\n(login,name,email,status,sip,[\s\S]*?)```/.exec(readme)![1];
        const r = readRoster(file("readme.csv", csv), { defaults: DEFAULTS });
        assert.deepStrictEqual(lines(r), []);
        assert.deepStrictEqual(r.people.map((p) => [p.login, p.children.length, p.formerLogins]), [["asha.rao", 6, []], ["kofi.mensah", 2, []], ["lena.berg", 3, ["lena.b"]]]);
        const demo = readRoster(path.join(__dirname, "..", "..", "..", "examples", "roster.yaml"));
        assert.deepStrictEqual(demo.problems, [], "the demo's roster");
    });

    it("names a person's children after its resource name, a number by its digits, so adding or removing one keeps the others' names", () => {
        const one = childrenOf("asha.rao", { numbers: [{ number: "+983000505", ippanelUser: "t" }] }).map((c) => c.name);
        const two = childrenOf("asha.rao", { numbers: [{ number: "+98300070001", ippanelUser: "t" }, { number: "+983000505", ippanelUser: "t" }] }).map((c) => c.name);
        assert.deepStrictEqual(one, ["asha.rao-number-983000505"]);
        assert.deepStrictEqual(two, ["asha.rao-number-98300070001", "asha.rao-number-983000505"]);
        assert.deepStrictEqual(childrenOf("x", { numbers: [{ numberId: 10, ippanelUser: "t" }] }).map((c) => c.name), ["x-number-id-10"]);
    });
});
