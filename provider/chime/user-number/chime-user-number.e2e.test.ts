import * as assert from "assert";
import { Sandbox } from "../../../sandbox";
import { CHIME_ACCOUNT, CHIME_NUMBERS, CHIME_USERS } from "../../../sandbox/chime";
import { SandboxAdmin, TestStack, useSandboxStack } from "../../../test/harness";

const [, U1, U2, U3] = CHIME_USERS;
const [N0, N1, N2, N3, N4, N5] = CHIME_NUMBERS;

/** Long unique credentials for the focused suite, so the secret scans mean something. */
const ACCESS_KEY = "AKIACHIMEFOCUSED7Q2X";
const SECRET = `chime-secret-${"Qw8Rt5Yp".repeat(4)}`;
const WRONG_SECRET = `wrong-chime-secret-${"Zx4Vb7Nm".repeat(4)}`;

const UP = ["up", "--yes", "--skip-preview", "--non-interactive", "--suppress-progress", "--continue-on-error"];

describe("ChimeUserNumber on the real engine: Chime specifics", function () {
    this.timeout(300_000);
    let sb: Sandbox;
    let admin: SandboxAdmin;
    let stack: TestStack;
    const seen: string[] = [];

    const run = async (args: string[]) => {
        const r = await stack.run(args);
        seen.push(r.stdout, r.stderr);
        return { ...r, out: `${r.stdout}\n${r.stderr}` };
    };
    const user = async (id: string) => (await admin.objects("chime", "users")).find((u) => u.UserId === id)!;
    const chimeLog = async () => (await admin.requests()).log.filter((r) => r.vendor === "chime");
    /** The writes to one user, by operation, in order. */
    const writes = async (userId: string) =>
        (await chimeLog()).filter((r) => r.method === "POST" && r.path.includes(`/users/${userId}?`)).map((r) => `${/operation=([a-z-]+)/.exec(r.path)![1]} ${r.status}`);
    const declare = (rs: Record<string, Record<string, unknown>>) =>
        stack.declare(Object.fromEntries(Object.entries(rs).map(([name, args]) => [name, { type: "ChimeUserNumber", args }])));

    useSandboxStack(
        {
            sandbox: { credentials: { chime: { accessKeyId: ACCESS_KEY, secretAccessKey: SECRET } } },
            stack: "chime-specifics",
            config: (s) => ({ "telephony:chimeEndpoint": { value: s.vendorUrl("chime") } }),
            env: { AWS_ACCESS_KEY_ID: ACCESS_KEY, AWS_SECRET_ACCESS_KEY: SECRET },
        },
        (t) => ({ sb, admin, stack } = t),
    );

    it("bad input fails at preview, naming the property and the rule, with zero vendor requests", async () => {
        declare({ bad: { accountId: CHIME_ACCOUNT, userId: "users/1", e164PhoneNumber: "0206555" } });
        await admin.resetRequests();
        const r = await run(["preview", "--non-interactive", "--suppress-progress"]);
        assert.notStrictEqual(r.code, 0, r.out);
        assert.match(r.out, /e164PhoneNumber must be a phone number of its country's numbering plan: [^\n]*a national form needs a region[^\n]*; got "0206555"/);
        assert.match(r.out, /userId must be a Chime id[^\n]*; got "users\/1"/);
        assert.deepStrictEqual(await chimeLog(), []);
    });

    it("a wrong access key or secret gets Chime's 403, and the error says which credentials to check", async () => {
        declare({ a: { accountId: CHIME_ACCOUNT, userId: U1, e164PhoneNumber: N1 } });
        await admin.resetRequests();
        stack.env.AWS_ACCESS_KEY_ID = "AKIAUNKNOWNKEY000000";
        const badKey = await run(UP);
        assert.notStrictEqual(badKey.code, 0);
        assert.match(badKey.out, /Amazon Chime GetUser failed with HTTP 403\. vendor said: code InvalidClientTokenId "The security token included in the request is invalid\."/);
        assert.match(badKey.out, /from the AWS default credential chain \(AWS_ACCESS_KEY_ID \/ AWS_SECRET_ACCESS_KEY[^\n]*\(access key AKIAUNKNOWNKEY000000\)/);

        stack.env.AWS_ACCESS_KEY_ID = ACCESS_KEY;
        stack.env.AWS_SECRET_ACCESS_KEY = WRONG_SECRET;
        const badSecret = await run(UP);
        stack.env.AWS_SECRET_ACCESS_KEY = SECRET;
        assert.notStrictEqual(badSecret.code, 0);
        assert.match(badSecret.out, /HTTP 403\. vendor said: code SignatureDoesNotMatch "The request signature we calculated does not match/);
        assert.match(badSecret.out, /AWS_SECRET_ACCESS_KEY/);
        assert.ok(!badSecret.out.includes(WRONG_SECRET), "the secret appears in the output");
        assert.deepStrictEqual((await chimeLog()).map((r) => `${r.route} ${r.status}`), ["GetUser 403", "GetUser 403"]);
        assert.strictEqual((await user(U1)).PrimaryProvisionedNumber ?? null, null);
    });

    it("signs for aws:region when set, and telephony:chimeRegion overrides it", async () => {
        await stack.setConfig("aws:region", "eu-west-1");
        await admin.resetRequests();
        const r = await run(UP);
        assert.notStrictEqual(r.code, 0);
        assert.match(r.out, /Credential should be scoped to a valid region, not 'eu-west-1'/);
        assert.match(r.out, /valid in eu-west-1 \(telephony:chimeRegion, else aws:region\)/);
        await stack.setConfig("telephony:chimeRegion", "us-east-1"); // proven by the next test's successful GetUser calls
    });

    it("adopt: a user already holding the declared number or another fails without adopt (no record of ours), is taken over with it, and a failed takeover is a partial failure", async () => {
        // a: the user already has the declared number; b and c: the users hold other numbers.
        await admin.alter("chime", "users", U1, { PrimaryProvisionedNumber: N1 });
        await admin.alter("chime", "users", U2, { PrimaryProvisionedNumber: N2 });
        await admin.alter("chime", "users", U3, { PrimaryProvisionedNumber: N4 });
        const args = {
            a: { accountId: CHIME_ACCOUNT, userId: U1, e164PhoneNumber: N1 },
            b: { accountId: CHIME_ACCOUNT, userId: U2, e164PhoneNumber: N3 },
            c: { accountId: CHIME_ACCOUNT, userId: U3, e164PhoneNumber: N5 },
        };
        declare(args);
        await admin.resetRequests();
        const without = await run(UP);
        assert.notStrictEqual(without.code, 0);
        // a already is exactly the declared state, but equality proves nothing about who made it (another stack, the
        // console): without a record of this stack's, "already exists", pointing at adopt — never taken silently.
        assert.match(without.out, new RegExp(`user ${U1} in account ${CHIME_ACCOUNT} already has the primary number \\${N1} \\(GetUser\\)"\\. chime:ChimeUserNumber ${CHIME_ACCOUNT}/${U1} already exists at the vendor, and this stack has no record of creating it[^\\n]*Set \`adopt: true\``));
        assert.match(without.out, new RegExp(`user ${U2} [^\\n]*already has another primary number, \\${N2}[^\\n]*Set \`adopt: true\``));
        assert.deepStrictEqual((await chimeLog()).filter((r) => r.method !== "GET"), [], "nothing is written without adopt");

        // b's first associate is throttled once (the SDK retries it); c's is refused, after its old number is gone.
        const associate = { vendor: "chime", method: "POST", route: "/accounts/:accountId/users/:userId", query: { operation: "associate-phone-number" }, fault: "vendor-error" } as const;
        await admin.faultRule({ ...associate, key: U2, status: 429 });
        await admin.faultRule({ ...associate, key: U3, status: 400, message: "Phone number is being ported." });
        declare(Object.fromEntries(Object.entries(args).map(([k, v]) => [k, { ...v, adopt: true }])));
        await admin.resetRequests();
        const adopt = await run(UP);
        assert.notStrictEqual(adopt.code, 0, "c's takeover failed");
        assert.deepStrictEqual(await writes(U1), [], "a already had its number: taken over as it is");
        assert.deepStrictEqual(await writes(U2), ["disassociate-phone-number 200", "associate-phone-number 429", "associate-phone-number 200"]);
        assert.strictEqual((await user(U1)).PrimaryProvisionedNumber, N1);
        assert.strictEqual((await user(U2)).PrimaryProvisionedNumber, N3);
        assert.ok(!(await admin.objects("chime", "users")).some((u) => u.PrimaryProvisionedNumber === N2), "b's old number is free");
        assert.match(adopt.out, new RegExp(`chime:ChimeUserNumber ${CHIME_ACCOUNT}/${U3} was created but not fully configured: Amazon Chime AssociatePhoneNumberWithUser failed with HTTP 400\\. vendor said: code BadRequestException "Phone number is being ported\\."`));
        const state = JSON.parse(await stack.exportText());
        const c = state.deployment.resources.find((r: any) => r.urn.endsWith("::c"));
        assert.strictEqual(c?.id, `${CHIME_ACCOUNT}/${U3}`, "the partial failure is kept in state with its id");

        await admin.resetRequests();
        assert.strictEqual((await run(UP)).code, 0);
        assert.strictEqual((await user(U3)).PrimaryProvisionedNumber, N5);
        assert.deepStrictEqual(await writes(U3), ["disassociate-phone-number 200", "associate-phone-number 200"]);
        assert.strictEqual((await stack.preview(["--expect-no-changes"])).code, 0);
    });

    it("a number change is DisassociatePhoneNumberFromUser then AssociatePhoneNumberWithUser in place; a failed associate says what is left", async () => {
        declare({
            a: { accountId: CHIME_ACCOUNT, userId: U1, e164PhoneNumber: N0, adopt: true },
            b: { accountId: CHIME_ACCOUNT, userId: U2, e164PhoneNumber: "+12065550199", adopt: true },
            c: { accountId: CHIME_ACCOUNT, userId: U3, e164PhoneNumber: N5, adopt: true },
        });
        await admin.resetRequests();
        const r = await run(UP);
        assert.notStrictEqual(r.code, 0, "b's number is not in the inventory");
        assert.deepStrictEqual(await writes(U1), ["disassociate-phone-number 200", "associate-phone-number 200"]);
        assert.strictEqual((await user(U1)).PrimaryProvisionedNumber, N0);
        assert.match(r.out, /AssociatePhoneNumberWithUser failed with HTTP 404\. vendor said: code NotFoundException "The phone number \+12065550199 was not found in the inventory\."/);
        assert.match(r.out, new RegExp(`User ${U2} now has no primary number; the next \`pulumi up\` associates \\+12065550199`));
        assert.strictEqual((await user(U2)).PrimaryProvisionedNumber ?? null, null);

        declare({
            a: { accountId: CHIME_ACCOUNT, userId: U1, e164PhoneNumber: N0, adopt: true },
            b: { accountId: CHIME_ACCOUNT, userId: U2, e164PhoneNumber: N2, adopt: true },
            c: { accountId: CHIME_ACCOUNT, userId: U3, e164PhoneNumber: N5, adopt: true },
        });
        assert.strictEqual((await run(UP)).code, 0);
        assert.strictEqual((await user(U2)).PrimaryProvisionedNumber, N2);
    });

    it("destroy disassociates our numbers and leaves a number someone else put on the user", async () => {
        await admin.alter("chime", "users", U1, { PrimaryProvisionedNumber: N4 }); // changed out of band, no refresh
        await admin.resetRequests();
        assert.strictEqual((await run(["destroy", "--yes", "--skip-preview", "--non-interactive", "--suppress-progress"])).code, 0);
        assert.strictEqual((await user(U1)).PrimaryProvisionedNumber, N4);
        assert.strictEqual((await user(U2)).PrimaryProvisionedNumber ?? null, null);
        assert.strictEqual((await user(U3)).PrimaryProvisionedNumber ?? null, null);
        assert.deepStrictEqual(await writes(U1), []);
        assert.deepStrictEqual(await writes(U2), ["disassociate-phone-number 200"]);
        assert.deepStrictEqual(await writes(U3), ["disassociate-phone-number 200"]);
    });

    it("no output and no state ever held the secret access key", async () => {
        const text = await stack.exportText();
        for (const s of [SECRET, WRONG_SECRET]) {
            assert.ok(!text.includes(s), "a secret appears in the exported state");
            assert.ok(!seen.some((o) => o.includes(s)), "a secret appears in the CLI's output");
        }
    });
});
