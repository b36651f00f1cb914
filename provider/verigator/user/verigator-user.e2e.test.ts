import * as assert from "assert";
import { Sandbox } from "../../../sandbox";
import { VERIGATOR_SERVICES } from "../../../sandbox/verigator";
import { SandboxAdmin, StackConfig, TestStack, assertPreviewRefuses, useSandboxStack } from "../../../test/harness";

describe("VerigatorUser on the real engine: adopt, deletion drift, replacement order, validation, auth errors", function () {
    this.timeout(300_000);
    const USERNAME = `verigator-user-${"Qm7vT2xK".repeat(3)}`;
    const PASSWORD = `verigator-pass-${"Hs9dLw4R".repeat(4)}`;
    let sb: Sandbox;
    let admin: SandboxAdmin;
    const config = (password = PASSWORD) => ({
        "telephony:verigatorBaseUrl": { value: sb.vendorUrl("verigator") },
        "telephony:verigatorUsername": { value: USERNAME, secret: true },
        "telephony:verigatorPassword": { value: password, secret: true },
    });
    /** One stack for the tests that need no config of their own: each leaves it empty, and with the right credentials. */
    let shared: TestStack;
    const setup = useSandboxStack(
        { sandbox: { credentials: { verigator: { username: USERNAME, password: PASSWORD } } }, stack: "vg-focus", config: (s) => ((sb = s), config()) },
        (t) => ({ sb, admin, stack: shared } = t),
    );
    const newStack = (name: string, cfg?: StackConfig) => setup.newStack(name, cfg);
    const user = (args: Record<string, unknown>) => ({ u: { type: "VerigatorUser", args: { serviceId: VERIGATOR_SERVICES[1], phoneNumber: "+4915112345678", ...args } } });
    const users = () => admin.objects("verigator", "users");
    const writes = async () => (await admin.requests()).log.filter((r) => r.vendor === "verigator" && r.method !== "GET").map((r) => `${r.method} ${r.route}`);
    const noCredentialIn = (text: string) => {
        assert.ok(!text.includes(PASSWORD), "the password does not appear");
        assert.ok(!text.includes(USERNAME), "the username does not appear");
    };


    it("an existing user fails without adopt, naming adopt; with adopt it is taken over, not duplicated", async () => {
        // Made outside Pulumi. Its phone number is the declared one: Verigator never shows it, so adopt cannot check it.
        const seeded = { id: "6a1f0c3e-2b4d-4e8f-9a7b-1c2d3e4f5a6b", ctime: "2024-01-02T03:04:05Z", id_in_service: "bob", phone_number: "+4915112345678", service_id: VERIGATOR_SERVICES[1] };
        await admin.seed("verigator", "users", seeded);
        const s = shared;
        s.declare(user({ idInService: "bob" }));
        const refused = await s.run(["up", "--yes", "--skip-preview", "--non-interactive"]);
        assert.notStrictEqual(refused.code, 0);
        assert.match(refused.stdout + refused.stderr, /HTTP 409.*"User already exists".*adopt: true/s);
        // Adopting cannot check what the vendor never shows: the hint says so.
        assert.match(refused.stdout, /phoneNumber cannot be read from the vendor, so adopting records them as declared without checking/);
        assert.strictEqual((await users()).length, 1, "no duplicate was created");

        s.declare(user({ idInService: "bob", adopt: true }));
        await admin.resetRequests();
        await s.up();
        assert.deepStrictEqual(await writes(), [], "adopting writes nothing: the user already has the declared name");
        const after = await users();
        assert.strictEqual(after.length, 1, "adopted, not duplicated");
        assert.strictEqual(after[0].id, seeded.id);
        const out = (await s.outputs()).u;
        assert.strictEqual(out.userId, seeded.id);
        assert.strictEqual(out.ctime, seeded.ctime);
        assert.strictEqual(out.phoneNumber, "+4915112345678");
        assert.strictEqual((await s.preview(["--expect-no-changes"])).code, 0, "the plan after adopting is empty");
        await s.destroy();
        assert.deepStrictEqual(await users(), []);
    });

    it("a user deleted out of band is reported by refresh and recreated by up; replacements order delete and create by name", async () => {
        const s = shared;
        s.declare(user({ idInService: "carol" }));
        await s.up();
        const [first] = await users();
        await admin.remove("verigator", "users", first.id);

        const detect = await s.refresh(["--preview-only", "--expect-no-changes"]);
        assert.strictEqual(detect.code, 7, `refresh did not report the deletion:\n${detect.stdout}\n${detect.stderr}`);
        assert.match(detect.stdout, /-\s+pulumi-nodejs:dynamic\/verigator:VerigatorUser u delete[\s\S]*- 1 to delete/);
        assert.strictEqual((await s.refresh()).code, 0);
        await s.up();
        const recreated = await users();
        assert.strictEqual(recreated.length, 1);
        assert.notStrictEqual(recreated[0].id, first.id);
        assert.strictEqual(recreated[0].id_in_service, "carol");

        // A new name can coexist with the old user: create first, then delete (no gap).
        s.declare(user({ idInService: "carol2" }));
        await admin.resetRequests();
        await s.up();
        assert.deepStrictEqual(await writes(), ["POST CreateUser", "DELETE DeleteUser"]);
        // Same name, new phone: the name must be freed first (Verigator answers 409 otherwise).
        s.declare(user({ idInService: "carol2", phoneNumber: "+4915199999999" }));
        await admin.resetRequests();
        await s.up();
        assert.deepStrictEqual(await writes(), ["DELETE DeleteUser", "POST CreateUser"]);
        const [last] = await users();
        assert.strictEqual(last.phone_number, "+4915199999999");
        assert.strictEqual((await users()).length, 1);
        await s.destroy();
        assert.deepStrictEqual(await users(), []);
    });

    it("bad input fails at one preview, naming each property and rule, with zero vendor requests", async () => {
        // One resource breaking every rule at once: the engine reports all of its check failures together.
        const bad = { serviceId: "../admin", idInService: "", phoneNumber: "00372 0000 0000", password: "x" };
        await assertPreviewRefuses(shared, admin, { u: { type: "VerigatorUser", args: bad } }, [
            /phoneNumber must be a phone number of its country's numbering plan: not a number of EE \(\+372\)'s numbering plan.*got "00372 0000 0000"/,
            /serviceId must be a Verigator service id: no '\/' and no whitespace/,
            /idInService must be 1 to 255 characters/,
            /password is not a property of this resource/,
        ]);
    });

    it("refused credentials (403) and an unknown service (404) fail with errors that say what to check", async () => {
        const wrong = `wrong-pass-${"Pz8cVn3J".repeat(3)}`;
        const s = shared;
        await s.setConfig("telephony:verigatorPassword", wrong, true);
        s.declare(user({ idInService: "erin" }));
        const refused = await s.run(["up", "--yes", "--skip-preview", "--non-interactive"]);
        const text = refused.stdout + refused.stderr;
        assert.notStrictEqual(refused.code, 0);
        assert.match(text, /Messente Verigator CreateUser \(POST \/v1\/service\/service\/\{serviceId\}\/users\) failed with HTTP 403/);
        assert.match(text, /"Forbidden request"/);
        assert.match(text, /telephony:verigatorUsername and telephony:verigatorPassword \(or VERIGATOR_USERNAME and VERIGATOR_PASSWORD\)/);
        assert.ok(!text.includes(wrong), "the wrong password is not echoed");
        noCredentialIn(text);

        await s.setConfig("telephony:verigatorPassword", PASSWORD, true);
        s.declare(user({ idInService: "erin", serviceId: "no-such-service" }));
        const missing = await s.run(["up", "--yes", "--skip-preview", "--non-interactive"]);
        assert.notStrictEqual(missing.code, 0);
        assert.match(missing.stdout + missing.stderr, /failed with HTTP 404.*"Service not found".*check serviceId/s);
        assert.deepStrictEqual(await users(), [], "nothing was created");
    });

    it("missing credentials fail before any request, naming both places to set them", async () => {
        const s = await newStack("vg-nocreds", { "telephony:verigatorBaseUrl": { value: sb.vendorUrl("verigator") } });
        s.declare(user({ idInService: "frank" }));
        await admin.resetRequests();
        const r = await s.run(["up", "--yes", "--skip-preview", "--non-interactive"]);
        assert.notStrictEqual(r.code, 0);
        assert.match(r.stdout + r.stderr, /pulumi config set --secret telephony:verigatorUsername .*VERIGATOR_USERNAME/);
        assert.deepStrictEqual((await admin.requests()).log, []);
    });
});
