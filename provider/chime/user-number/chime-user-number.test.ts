import * as assert from "assert";
import { ForbiddenException, GetUserCommand } from "@aws-sdk/client-chime";
import { Sandbox, startSandbox } from "../../../sandbox";
import { CHIME_ACCOUNT, CHIME_NUMBERS, CHIME_USERS } from "../../../sandbox/chime";
import { SandboxAdmin, TestStack, setAwsTestKey, useSandboxStack } from "../../../test/harness";
import { describeLifecycle } from "../../../test/lifecycle";
import { chimeUserNumber } from "./descriptor";
import { AuthError, EndOfSupportError, InvalidRequestError, NotFoundError, OutcomeUnknownError, ServiceError } from "../../core/errors";
import { Settings } from "../../core/settings";
import { chimeClient, chimeRegion, toChimeError } from "../client";

const [U0, U1, U2, U3] = CHIME_USERS;
const [N0, N1, N2, N3, N4, N5] = CHIME_NUMBERS;

// The lifecycle every resource passes, as this folder's spec.ts describes it.
describeLifecycle(chimeUserNumber);

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
        assert.match(r.out, /e164PhoneNumber must be an E\.164 number[^\n]*; got "0206555"/);
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
        assert.match(badKey.out, /access key AKIAUNKNOWNKEY000000\): AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY/);

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

    it("adopt: a user already holding the declared number is taken as is; another number fails without adopt, is taken over with it, and a failed takeover is a partial failure", async () => {
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
        // a already is exactly the declared state (Chime shows every property): taken without adopt, without a write.
        assert.doesNotMatch(without.out, new RegExp(`user ${U1} `));
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
            b: { accountId: CHIME_ACCOUNT, userId: U2, e164PhoneNumber: "+19995550199", adopt: true },
            c: { accountId: CHIME_ACCOUNT, userId: U3, e164PhoneNumber: N5, adopt: true },
        });
        await admin.resetRequests();
        const r = await run(UP);
        assert.notStrictEqual(r.code, 0, "b's number is not in the inventory");
        assert.deepStrictEqual(await writes(U1), ["disassociate-phone-number 200", "associate-phone-number 200"]);
        assert.strictEqual((await user(U1)).PrimaryProvisionedNumber, N0);
        assert.match(r.out, /AssociatePhoneNumberWithUser failed with HTTP 404\. vendor said: code NotFoundException "The phone number \+19995550199 was not found in the inventory\."/);
        assert.match(r.out, new RegExp(`User ${U2} now has no primary number; the next \`pulumi up\` associates \\+19995550199`));
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
        assert.strictEqual((await run(["destroy", "--yes", "--non-interactive", "--suppress-progress"])).code, 0);
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

describe("Amazon Chime errors and settings", function () {
    let sb: Sandbox;
    let admin: SandboxAdmin;
    const settings = (config: Record<string, string>, env: NodeJS.ProcessEnv = {}) => new Settings({ get: (k) => config[k] }, env);
    const AFTER = new Date("2026-03-01T00:00:00Z");
    const BEFORE = new Date("2026-01-15T00:00:00Z");

    before(async () => {
        sb = await startSandbox();
        admin = new SandboxAdmin(sb.url);
    });
    after(async () => sb?.close());

    /** A real SDK error: the real client against the sandbox, answering with an injected failure. */
    async function sdkError(status: number, type?: string, message?: string): Promise<unknown> {
        await admin.faultRule({ vendor: "chime", method: "GET", route: "GetUser", fault: "vendor-error", status, code: type, message });
        const restoreAwsKey = setAwsTestKey();
        try {
            const conn = chimeClient(settings({ "telephony:chimeEndpoint": sb.vendorUrl("chime") }));
            await conn.sdk.send(new GetUserCommand({ AccountId: CHIME_ACCOUNT, UserId: U0 }));
            throw new Error("expected a failure");
        } catch (e) {
            return e;
        } finally {
            restoreAwsKey();
        }
    }
    const ctx = (aws: boolean, now: Date) => ({ write: false, aws, region: "us-east-1", now });

    it("maps a refusal from AWS's own endpoint after 2026-02-20 to EndOfSupportError naming the Chime SDK and its limits", async () => {
        const forbidden = await sdkError(403, undefined, "The client is permanently forbidden from making the request.");
        assert.ok(forbidden instanceof ForbiddenException, "the SDK parsed Chime's error envelope into its modeled exception");
        const e = toChimeError("GetUser", forbidden, ctx(true, AFTER));
        assert.ok(e instanceof EndOfSupportError, e.message);
        assert.match(e.message, /^Amazon Chime GetUser failed with HTTP 403\. vendor said: code ForbiddenException "The client is permanently forbidden/);
        assert.match(e.message, /AWS ended support for Amazon Chime on 2026-02-20/);
        assert.match(e.message, /Amazon Chime SDK Voice \(@aws-sdk\/client-chime-sdk-voice\)/);
        assert.match(e.message, /Voice Connectors[^.]*has no association between a phone number and a user/);
        assert.match(e.message, /telephony:chimeEndpoint/);

        const unrouted = await sdkError(404, "UnknownOperationException", "Unknown operation");
        assert.ok(toChimeError("GetUser", unrouted, ctx(true, AFTER)) instanceof EndOfSupportError);
        const dns = Object.assign(new Error("getaddrinfo ENOTFOUND chime.us-east-1.amazonaws.com"), { code: "ENOTFOUND" });
        assert.ok(toChimeError("GetUser", dns, ctx(true, AFTER)) instanceof EndOfSupportError);
        const gone = await sdkError(410, "GoneException", "This API has been retired");
        assert.ok(toChimeError("GetUser", gone, ctx(false, AFTER)) instanceof EndOfSupportError, "410 means retired at any endpoint");
        const said = await sdkError(400, undefined, "Amazon Chime has reached end of support.");
        assert.ok(toChimeError("GetUser", said, ctx(false, AFTER)) instanceof EndOfSupportError, "so does a message saying so");
    });

    it("keeps ordinary errors ordinary: other endpoints, before the date, Chime's own NotFound, bad credentials, lost answers", async () => {
        const forbidden = await sdkError(403);
        assert.ok(toChimeError("GetUser", forbidden, ctx(false, AFTER)) instanceof AuthError, "an API-compatible endpoint's 403 is about credentials");
        assert.ok(toChimeError("GetUser", forbidden, ctx(true, BEFORE)) instanceof AuthError, "before the end of support");
        const numberGone = await sdkError(400, undefined, "The phone number is no longer available.");
        assert.ok(toChimeError("GetUser", numberGone, ctx(false, AFTER)) instanceof InvalidRequestError, "only a message about the service means end of support");
        const notFound = await sdkError(404);
        assert.ok(toChimeError("GetUser", notFound, ctx(true, AFTER)) instanceof NotFoundError, "Chime's own NotFoundException means the user is gone");
        const badKey = await sdkError(403, "InvalidClientTokenId", "The security token included in the request is invalid.");
        assert.ok(toChimeError("GetUser", badKey, ctx(true, AFTER)) instanceof AuthError);
        const dns = Object.assign(new Error("getaddrinfo ENOTFOUND chime.example.test"), { code: "ENOTFOUND" });
        assert.ok(toChimeError("GetUser", dns, ctx(false, AFTER)) instanceof ServiceError);
        const reset = Object.assign(new Error("socket hang up"), { code: "ECONNRESET" });
        assert.ok(toChimeError("AssociatePhoneNumberWithUser", reset, { ...ctx(false, AFTER), write: true }) instanceof OutcomeUnknownError);
    });

    it("resolves the region from telephony:chimeRegion, aws:region, AWS_REGION, AWS_DEFAULT_REGION, then us-east-1", () => {
        assert.strictEqual(chimeRegion(settings({ "telephony:chimeRegion": "us-west-2", "aws:region": "eu-west-1" }, { AWS_REGION: "ap-south-1" })), "us-west-2");
        assert.strictEqual(chimeRegion(settings({ "aws:region": "eu-west-1" }, { AWS_REGION: "ap-south-1" })), "eu-west-1");
        assert.strictEqual(chimeRegion(settings({}, { AWS_REGION: "ap-south-1", AWS_DEFAULT_REGION: "ca-central-1" })), "ap-south-1");
        assert.strictEqual(chimeRegion(settings({}, { AWS_DEFAULT_REGION: "ca-central-1" })), "ca-central-1");
        assert.strictEqual(chimeRegion(settings({})), "us-east-1");
        assert.strictEqual(chimeClient(settings({})).aws, true, "no override: AWS's own endpoint");
        assert.strictEqual(chimeClient(settings({ "telephony:chimeEndpoint": sb.vendorUrl("chime") })).aws, false);
    });
});
