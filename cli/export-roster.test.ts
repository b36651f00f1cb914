/** Lining an estate's objects up by person (`export --as roster`), without an engine or a vendor. */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { readRoster } from "../provider/person/roster";
import type { ExportedObject } from "./export";
import { linePeople, renderRoster } from "./export-roster";

const obj = (kind: string, id: string, properties: Record<string, unknown>, computed: Record<string, unknown> = {}): ExportedObject => ({ kind, id, key: id, name: id, properties, omitted: [], computed });
const CONNECTION = "66eb0a8a-571e-41b1-8f50-4d97275cfab7";

const ESTATE = [
    obj("opentact:SipUser", "s1", { sipConnectionUuid: CONNECTION, login: "asha.rao", firstName: "Asha", lastName: "Rao", email: "Asha@Example.com" }),
    obj("opentact:SipUser", "s2", { sipConnectionUuid: CONNECTION, login: "kofi.mensah", firstName: "K.", email: "kofi@example.com" }),
    obj("opentact:SipUser", "s3", { sipConnectionUuid: "0b9c5d4e-3f2a-4b1c-9d8e-7f6a5b4c3d2e", login: "asha.rao", firstName: "Twin" }),
    obj("smartflo:SmartfloUser", "a1", { loginId: "asha.rao", name: "Asha Rao", email: "asha@example.com", number: "+919876500001", userRole: 2, blocked: false }),
    obj("smartflo:SmartfloUser", "a2", { loginId: "kofi.mensah", name: "Kofi Mensah", email: "kofi@example.com", number: "+919876500002", userRole: 2, blocked: true }),
    obj("verigator:VerigatorUser", "my-service-id/v1", { serviceId: "my-service-id", idInService: "asha.rao" }),
    obj("verigator:VerigatorUser", "my-service-id/v2", { serviceId: "my-service-id", idInService: "kofi.mensah" }),
    obj("chime:ChimeUserNumber", "acc/u1", { accountId: "acc", userId: "u1", e164PhoneNumber: "+12065550100" }, { primaryEmail: "ASHA@example.com" }),
    obj("chime:ChimeUserNumber", "acc/u2", { accountId: "acc", userId: "u2", e164PhoneNumber: "+12065550101" }, { primaryEmail: null }),
];

describe("export --as roster: an estate lined up by person", () => {
    const { people, others } = linePeople(ESTATE);

    it("lines objects up by login across vendors and Chime users by e-mail (ignoring case); a second object of a login stays on its own", () => {
        assert.deepStrictEqual(
            people.map((p) => [p.login, Object.keys(p.sections)]),
            [
                ["asha.rao", ["sip", "agent", "chime", "verigator"]],
                ["kofi.mensah", ["sip", "agent"]],
                ["u2", ["chime"]],
            ],
        );
        assert.deepStrictEqual(others.map((o) => o.id).sort(), ["my-service-id/v2", "s3"]);
    });

    it("a login's second SIP user stays on its own whatever the vendor's ids: the person takes the one that agrees with its agent", () => {
        // The ids are a vendor's random uuids: the twin's may sort first (as in the e2e estate, one run in two).
        for (const [mine, twin] of [["s1", "s3"], ["s9", "s0"]]) {
            const estate = ESTATE.map((o) => (o.id === "s1" ? { ...o, id: mine } : o.id === "s3" ? { ...o, id: twin } : o));
            const r = linePeople(estate);
            assert.deepStrictEqual(r.people.find((p) => p.login === "asha.rao")!.objects.find((o) => o.kind === "opentact:SipUser")!.id, mine, `ids ${mine}/${twin}`);
            assert.ok(r.others.some((o) => o.id === twin), `ids ${mine}/${twin}: the twin stays on its own`);
        }
    });

    it("puts a value at the person's level only where every section derives it back the same; a blocked agent's person is suspended and holds no number", () => {
        const [asha, kofi] = people;
        assert.deepStrictEqual([asha.name, asha.email, asha.status], ["Asha Rao", "asha@example.com", "active"]);
        assert.deepStrictEqual(asha.sections.sip, { sipConnectionUuid: CONNECTION });
        assert.deepStrictEqual(asha.sections.agent, { number: "+919876500001", userRole: 2 });
        assert.deepStrictEqual(asha.sections.chime, { accountId: "acc", userId: "u1", number: "+12065550100" });
        assert.deepStrictEqual([kofi.name, kofi.email, kofi.status], [undefined, "kofi@example.com", "suspended"]);
        assert.deepStrictEqual(kofi.sections.sip, { sipConnectionUuid: CONNECTION, firstName: "K." });
        assert.deepStrictEqual(kofi.sections.agent, { name: "Kofi Mensah", number: "+919876500002", userRole: 2 });
    });

    it("writes a roster that reads back without a problem into children carrying exactly the exported values, adopting", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "export-roster-"));
        try {
            const file = path.join(dir, "roster.yaml");
            fs.writeFileSync(file, renderRoster(people, ["a header line"]));
            const text = fs.readFileSync(file, "utf8");
            assert.match(text, /^# a header line\ndefaults:\n {2}adopt: true\n {2}sip:\n {4}sipConnectionUuid: 66eb0a8a/);
            const read = readRoster(file, { hasPassword: () => false });
            assert.deepStrictEqual(read.problems, []);
            const args = Object.fromEntries(read.people.flatMap((p) => p.children.map((c) => [c.name, c.args])));
            const { adopt, password, ...sip } = args["kofi.mensah-sip"];
            assert.deepStrictEqual([adopt, password], [true, undefined]);
            assert.deepStrictEqual(sip, { login: "kofi.mensah", email: "kofi@example.com", sipConnectionUuid: CONNECTION, firstName: "K." });
            assert.deepStrictEqual(args["kofi.mensah-agent"].blocked, true);
            assert.deepStrictEqual(args["asha.rao-sip"], { login: "asha.rao", firstName: "Asha", lastName: "Rao", email: "asha@example.com", sipConnectionUuid: CONNECTION, adopt: true });
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});
