/**
 * `pulumi-telephony export --as roster` end to end: an estate made through the vendors' APIs as a team's portal work
 * makes it — people whose SIP user, agent, Verigator registration share a login and whose Chime user has their
 * e-mail, and objects no person can hold (a login in two SIP connections, a blocked agent's Verigator registration) —
 * exported as a roster and a program, then adopted by the real engine with zero vendor writes and an empty preview.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { OPENTACT_CONNECTIONS, OPENTACT_DOMAINS, Sandbox } from "../sandbox";
import { CHIME_ACCOUNT } from "../sandbox/chime";
import { DEFAULT_CREDENTIALS } from "../sandbox/server";
import { SMARTFLO_CALLER_IDS, SMARTFLO_ROLES } from "../sandbox/smartflo";
import { VERIGATOR_SERVICES } from "../sandbox/verigator";
import { readRoster } from "../provider/person/roster";
import { call } from "../test/estate";
import { REPO, SandboxAdmin, TELEPHONY_CLI, TestStack, runProcess, useSandboxStack, vendorConfig, vendorEnv } from "../test/harness";

const PEOPLE = 10;
const pad = (i: number) => String(i).padStart(2, "0");
const login = (i: number) => `person.${pad(i)}`;

/** The estate: PEOPLE people on four vendors (IPPanel cannot list assignments), and what no person can hold. */
async function seedPeople(sb: Sandbox, admin: SandboxAdmin): Promise<void> {
    const c = DEFAULT_CREDENTIALS;
    const ot = { "x-auth-token": c.opentact.token };
    const sf = { authorization: `Bearer ${c.smartflo.token}` };
    const vg = { "x-service-auth": `${c.verigator.username}:${c.verigator.password}` };
    for (let i = 0; i < PEOPLE; i++) {
        const name = `Person ${pad(i)} Doe`;
        const email = `person${pad(i)}@example.com`;
        // person.01's SIP names are not the agent's; person.03 is under a SIP domain.
        const sip = { login: login(i), password: `portal-password-${i}`, first_name: i === 1 ? "Pat" : `Person ${pad(i)}`, last_name: "Doe", email };
        if (i === 3) await call("POST", `${sb.vendorUrl("opentact")}/rest/sip/domain/${OPENTACT_DOMAINS[0]}/user`, ot, sip);
        else await call("POST", `${sb.vendorUrl("opentact")}/rest/sip/connection/user`, ot, { ...sip, sip_connection_uuid: OPENTACT_CONNECTIONS[0] });
        const created = await call("POST", `${sb.vendorUrl("smartflo")}/v1/user`, sf, {
            name,
            number: `+9198000000${pad(i)}`,
            email,
            login_id: login(i),
            user_role: SMARTFLO_ROLES[1].id,
            password: `portal-password-${i}`,
            status: true,
            create_agent: true,
            caller_id: [SMARTFLO_CALLER_IDS[0].id],
            create_web_login: true,
        });
        if (i === 2) await call("PATCH", `${sb.vendorUrl("smartflo")}/v1/user/${created.data.id}`, sf, { block_agent: true }); // suspended
        if (i % 2 === 0) await call("POST", `${sb.vendorUrl("verigator")}/v1/service/service/${VERIGATOR_SERVICES[0]}/users`, vg, { id_in_service: login(i), phone_number: `+37255000${pad(i)}` });
        if (i % 3 === 0) {
            const number = `+1206888${pad(i)}00`;
            await admin.seedChimeNumber(number);
            await admin.seedChimeUser({ userId: `chime-${pad(i)}`, accountId: CHIME_ACCOUNT, email, name, number });
        }
    }
    // A Chime user whose e-mail is no one's: a person of its own, named by the e-mail.
    await admin.seedChimeNumber("+12068889999");
    await admin.seedChimeUser({ userId: "chime-lonely", accountId: CHIME_ACCOUNT, email: "lonely@example.com", name: "Lonely", number: "+12068889999" });
    // person.00's login again, in the second connection: a person has one SIP user, so this one stays on its own.
    await call("POST", `${sb.vendorUrl("opentact")}/rest/sip/connection/user`, ot, { login: login(0), password: "portal-password-x", first_name: "Twin", sip_connection_uuid: OPENTACT_CONNECTIONS[1] });
}

const isWrite = (r: { method: string; route: string }) => r.method !== "GET" && r.route !== "Login";

describe("pulumi-telephony export --as roster on the real engine", function () {
    this.timeout(600_000);
    let sb: Sandbox;
    let admin: SandboxAdmin;
    let source: TestStack;
    let work: string;
    let out: string;
    let program: TestStack | undefined;

    useSandboxStack({ stack: "roster-source" }, (t) => ({ sb, admin, stack: source } = t));
    before(async () => {
        await seedPeople(sb, admin);
        fs.mkdirSync(path.join(REPO, ".test-programs"), { recursive: true });
        work = fs.mkdtempSync(path.join(REPO, ".test-programs", "export-roster-"));
        out = path.join(work, "estate");
    });
    after(async () => {
        await program?.dispose();
        if (work) fs.rmSync(work, { recursive: true, force: true });
    });

    it("writes the estate as people lined up by login across vendors (Chime by e-mail), reading only; what no person holds stays a resource of its own", async () => {
        await admin.resetRequests();
        const args = ["export", "--as", "roster", "--cwd", source.dir, "--stack", "test", "--out", out, "--chime-account", CHIME_ACCOUNT, "--verigator-service", VERIGATOR_SERVICES[0]];
        const r = await runProcess(process.execPath, [TELEPHONY_CLI, ...args], { env: source.env });
        assert.strictEqual(r.code, 0, `exit ${r.code}\n${r.stdout}\n${r.stderr}`);
        assert.deepStrictEqual((await admin.requests()).log.filter(isWrite), [], "export wrote to a vendor");
        assert.match(r.stdout, /^As a roster: 11 people in roster\.yaml, 2 objects no person holds\.$/m);
        assert.deepStrictEqual(fs.readdirSync(out).sort(), ["Pulumi.yaml", "index.ts", "opentact.ts", "package.json", "roster.yaml", "tsconfig.json", "verigator.ts"]);

        const read = readRoster(path.join(out, "roster.yaml"));
        assert.deepStrictEqual(read.problems, []);
        const by = Object.fromEntries(read.people.map((p) => [p.login, p]));
        assert.deepStrictEqual(Object.keys(by).sort(), [...Array.from({ length: PEOPLE }, (_, i) => login(i)), "lonely@example.com"].sort());
        const sections = (l: string) => by[l].children.map((c) => c.section.key);
        assert.deepStrictEqual(sections(login(0)), ["sip", "agent", "chime", "verigator"], "one person on four vendors");
        assert.deepStrictEqual(sections(login(2)), ["sip", "agent"], "the blocked agent is a suspended person, who holds no number");
        assert.strictEqual(by[login(2)].person.status, "suspended");
        assert.deepStrictEqual(sections("lonely@example.com"), ["chime"]);
        assert.deepStrictEqual([by[login(0)].person.name, by[login(0)].person.email], ["Person 00 Doe", "person00@example.com"], "the person's values at its level");
        const sip1 = by[login(1)].children.find((c) => c.section.key === "sip")!.args;
        assert.deepStrictEqual([sip1.firstName, sip1.lastName], ["Pat", "Doe"], "SIP names that differ from the agent's are the section's own");
        assert.strictEqual(by[login(3)].children[0].args.sipDomain, OPENTACT_DOMAINS[0]);

        const yaml = fs.readFileSync(path.join(out, "roster.yaml"), "utf8");
        assert.match(yaml, /^defaults:\n {2}adopt: true\n/m);
        assert.ok(!yaml.includes("portal-password") && !/password:/.test(yaml), "the roster holds no password");
        assert.match(fs.readFileSync(path.join(out, "index.ts"), "utf8"), /^export const people = Object\.keys\(roster\("roster\.yaml"\)\)\.length;$/m);
        assert.match(fs.readFileSync(path.join(out, "verigator.ts"), "utf8"), /new VerigatorUser\("person\.02", \{/, "the blocked agent's registration stays on its own");
        assert.match(fs.readFileSync(path.join(out, "opentact.ts"), "utf8"), /firstName: "Twin",/, "the login's second SIP user stays on its own");
    });

    it("pulumi up adopts every person's objects with zero vendor writes; the next preview is empty and sends no request", async () => {
        program = await TestStack.open(out, vendorConfig(sb), vendorEnv());
        await admin.resetRequests();
        const up = await program.up();
        const requests = (await admin.requests()).log;
        assert.deepStrictEqual(requests.filter(isWrite).map((r) => `${r.vendor} ${r.method} ${r.path}`), [], "up wrote to a vendor");
        process.stdout.write(`      up adopting a roster of ${PEOPLE + 1} people: ${up.ms} ms, ${requests.length} vendor requests (all reads)\n`);
        const state = JSON.parse(await program.exportText()).deployment.resources as { type: string }[];
        const count = (t: string) => state.filter((r) => r.type.endsWith(t)).length;
        assert.deepStrictEqual(
            [count("telephony:index:Person"), count("opentact:SipUser"), count("smartflo:SmartfloUser"), count("chime:ChimeUserNumber"), count("verigator:VerigatorUser")],
            [PEOPLE + 1, PEOPLE + 1, PEOPLE, 4 + 1, PEOPLE / 2],
        );
        assert.strictEqual((await program.outputs()).people, PEOPLE + 1);
        await admin.resetRequests();
        const preview = await program.preview(["--expect-no-changes"]);
        assert.strictEqual(preview.code, 0, `preview not empty:\n${preview.stdout}\n${preview.stderr}`);
        assert.deepStrictEqual((await admin.requests()).log, []);
    });
});
