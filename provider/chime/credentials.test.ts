/**
 * Amazon Chime's credentials from @pulumi/aws's keys, through the real AWS SDK against the sandbox (which verifies
 * every SigV4 signature, answers STS AssumeRole and logs who signed each request): static keys, a profile in a
 * credentials file, an assumed role, their precedence over the environment, the `telephony:chime…` overrides, and an
 * unusable credential failing with the key it came from. The same three ways on the real engine: chime-credentials.e2e.test.ts.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Sandbox, startSandbox } from "../../sandbox";
import { CHIME_ACCOUNT, CHIME_USERS, SANDBOX_PROFILE_USER, SANDBOX_ROLE } from "../../sandbox/chime";
import { DEFAULT_CREDENTIALS } from "../../sandbox/server";
import { ConfigError } from "../core/errors";
import { MASK } from "../core/secrets";
import { Settings } from "../core/settings";
import { createContext } from "../runtime";
import { SandboxAdmin, setEnv } from "../../test/harness";
import { chimeClient } from "./client";
import { getUser } from "./user-number/api";

const USER_KEY = DEFAULT_CREDENTIALS.chime;
const USER_ARN = "arn:aws:iam::000000000000:user/sandbox";
const PROFILE_ARN = `arn:aws:iam::000000000000:user/${SANDBOX_PROFILE_USER.name}`;

describe("Amazon Chime credentials: @pulumi/aws's keys and precedence, through the SDK's own providers", function () {
    this.timeout(60_000);
    let sb: Sandbox;
    let admin: SandboxAdmin;
    let dir: string;
    let restoreEnv: () => void = () => undefined;
    before(async () => {
        sb = await startSandbox();
        admin = new SandboxAdmin(sb.url);
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "chime-credentials-"));
        // A key in the environment that the sandbox does not know: any credential read from config must win over it.
        restoreEnv = setEnv({ AWS_ACCESS_KEY_ID: "AKIAENVIRONMENTNOTUSED", AWS_SECRET_ACCESS_KEY: "an-environment-secret-not-used" });
    });
    after(async () => {
        restoreEnv();
        fs.rmSync(dir, { recursive: true, force: true });
        await sb.close();
    });
    beforeEach(async () => {
        await admin.resetRequests();
        await admin.vendorSwitch("chime", "principal", { require: null });
    });

    /** GetUser of a seeded user in a context with `config` (and the sandbox's Chime endpoint). */
    async function getWith(config: Record<string, string>) {
        const all: Record<string, string> = { "telephony:chimeEndpoint": sb.vendorUrl("chime"), ...config };
        const context = createContext({ settings: new Settings({ get: (k) => all[k] }) });
        return getUser(chimeClient(context), CHIME_ACCOUNT, CHIME_USERS[0]);
    }

    /** Who signed each Chime request (STS's included), in order. */
    async function signers(): Promise<Array<[string, string | undefined]>> {
        const { log } = await admin.requests();
        return log.filter((r) => r.vendor === "chime").map((r) => [r.route, (r as { principal?: string }).principal]);
    }

    const writeFile = (name: string, text: string) => {
        const f = path.join(dir, name);
        fs.writeFileSync(f, text);
        return f;
    };

    it("aws:accessKey and aws:secretKey sign the Chime calls, before the environment's keys", async () => {
        const user = await getWith({ "aws:accessKey": USER_KEY.accessKeyId, "aws:secretKey": USER_KEY.secretAccessKey });
        assert.strictEqual(user.UserId, CHIME_USERS[0]);
        assert.deepStrictEqual(await signers(), [["GetUser", USER_ARN]]);
    });

    it("telephony:chimeAccessKey / telephony:chimeSecretKey override aws:accessKey / aws:secretKey for this library alone", async () => {
        await getWith({
            "aws:accessKey": "AKIAFORPULUMIAWSONLY",
            "aws:secretKey": "a-secret-for-pulumi-aws-only",
            "telephony:chimeAccessKey": SANDBOX_PROFILE_USER.accessKeyId,
            "telephony:chimeSecretKey": SANDBOX_PROFILE_USER.secretAccessKey,
        });
        assert.deepStrictEqual(await signers(), [["GetUser", PROFILE_ARN]]);
    });

    it("aws:profile from aws:sharedCredentialsFiles (a list: the last file that has the profile wins)", async () => {
        const first = writeFile("first", `[chime-ops]\naws_access_key_id = ${USER_KEY.accessKeyId}\naws_secret_access_key = ${USER_KEY.secretAccessKey}\n`);
        const second = writeFile("second", `[chime-ops]\naws_access_key_id = ${SANDBOX_PROFILE_USER.accessKeyId}\naws_secret_access_key = ${SANDBOX_PROFILE_USER.secretAccessKey}\n`);
        await getWith({ "aws:profile": "chime-ops", "aws:sharedCredentialsFiles": JSON.stringify([first, second]) });
        assert.deepStrictEqual(await signers(), [["GetUser", PROFILE_ARN]]);
        await admin.resetRequests();
        await getWith({ "aws:profile": "chime-ops", "aws:sharedCredentialsFile": first }); // the older single-file key
        assert.deepStrictEqual(await signers(), [["GetUser", USER_ARN]]);
    });

    it("aws:assumeRole at aws:endpoints' sts: AssumeRole signed with the base keys, the Chime calls with the role's", async () => {
        await admin.vendorSwitch("chime", "principal", { require: SANDBOX_ROLE.arn });
        await getWith({
            "aws:accessKey": USER_KEY.accessKeyId,
            "aws:secretKey": USER_KEY.secretAccessKey,
            "aws:assumeRole": JSON.stringify({ roleArn: SANDBOX_ROLE.arn, sessionName: "chime-ops", externalId: SANDBOX_ROLE.externalId }),
            "aws:endpoints": JSON.stringify([{ sts: sb.vendorUrl("chime") }]),
        });
        assert.deepStrictEqual(await signers(), [
            ["AssumeRole", USER_ARN],
            ["GetUser", "arn:aws:sts::000000000000:assumed-role/telephony-chime/chime-ops"],
        ]);
    });

    it("aws:assumeRoles, the newer list: each role assumed with the one before's keys; telephony:chimeStsEndpoint overrides aws:endpoints", async () => {
        await getWith({
            "aws:profile": "chime-ops",
            "aws:sharedCredentialsFiles": JSON.stringify([writeFile("roles", `[chime-ops]\naws_access_key_id = ${SANDBOX_PROFILE_USER.accessKeyId}\naws_secret_access_key = ${SANDBOX_PROFILE_USER.secretAccessKey}\n`)]),
            "aws:assumeRoles": JSON.stringify([{ roleArn: SANDBOX_ROLE.arn, sessionName: "first", externalId: SANDBOX_ROLE.externalId }, { roleArn: SANDBOX_ROLE.arn, sessionName: "second", externalId: SANDBOX_ROLE.externalId }]),
            "aws:endpoints": JSON.stringify([{ sts: "http://127.0.0.1:9" }]),
            "telephony:chimeStsEndpoint": sb.vendorUrl("chime"),
        });
        assert.deepStrictEqual(await signers(), [
            ["AssumeRole", PROFILE_ARN],
            ["AssumeRole", "arn:aws:sts::000000000000:assumed-role/telephony-chime/first"],
            ["GetUser", "arn:aws:sts::000000000000:assumed-role/telephony-chime/second"],
        ]);
    });

    it("the sandbox refuses Chime calls not signed by the required role: the error names where the keys came from", async () => {
        await admin.vendorSwitch("chime", "principal", { require: SANDBOX_ROLE.arn });
        await assert.rejects(getWith({ "aws:accessKey": USER_KEY.accessKeyId, "aws:secretKey": USER_KEY.secretAccessKey }), (e: Error) => {
            assert.match(e.message, /AccessDeniedException/);
            assert.match(e.message, /the AWS credentials from aws:accessKey and aws:secretKey \(access key AKIASANDBOXCHIME0001\)/);
            assert.ok(!e.message.includes(USER_KEY.secretAccessKey), "no secret key in the message");
            return true;
        });
    });

    describe("an unusable credential is an error naming the key it came from", () => {
        it("a role STS refuses (a wrong external id)", async () => {
            await assert.rejects(
                getWith({
                    "aws:accessKey": USER_KEY.accessKeyId,
                    "aws:secretKey": USER_KEY.secretAccessKey,
                    "aws:assumeRole": JSON.stringify({ roleArn: SANDBOX_ROLE.arn, externalId: "not-the-one" }),
                    "aws:endpoints": JSON.stringify([{ sts: sb.vendorUrl("chime") }]),
                }),
                (e: Error) => e instanceof ConfigError && /^aws:assumeRole \(arn:aws:iam::000000000000:role\/telephony-chime\) could not be assumed at http:\/\/127\.0\.0\.1:\d+ \(aws:endpoints\[\]\.sts\): AccessDenied/.test(e.message),
            );
            assert.deepStrictEqual((await signers()).map(([route]) => route), ["AssumeRole"], "no Chime call was made");
        });
        it("a profile no credentials file has", async () => {
            const file = writeFile("empty", "[someone-else]\naws_access_key_id = AKIAX\naws_secret_access_key = x-secret-x\n");
            await assert.rejects(getWith({ "aws:profile": "chime-ops", "aws:sharedCredentialsFiles": JSON.stringify([file]) }), (e: Error) => {
                assert.ok(e instanceof ConfigError, e.message);
                assert.match(e.message, new RegExp(`^aws:profile "chime-ops" could not be used in ${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} \\(aws:sharedCredentialsFiles\\): `));
                return true;
            });
        });
        it("half a key pair, a key refused by Chime, a malformed role", async () => {
            await assert.rejects(getWith({ "aws:accessKey": USER_KEY.accessKeyId }), /aws:accessKey is set but aws:secretKey is not/);
            await assert.rejects(getWith({ "telephony:chimeSecretKey": "only-a-secret" }), /telephony:chimeSecretKey is set but telephony:chimeAccessKey is not/);
            await assert.rejects(getWith({ "aws:accessKey": "AKIAUNKNOWNKEY000001", "aws:secretKey": "some-secret-value" }), (e: Error) => {
                assert.match(e.message, /InvalidClientTokenId[\s\S]*from aws:accessKey and aws:secretKey \(access key AKIAUNKNOWNKEY000001\)/);
                assert.ok(!e.message.includes("some-secret-value") && e.message.includes(MASK) === false, "the secret key is neither shown nor needed");
                return true;
            });
            await assert.rejects(getWith({ "aws:assumeRole": "{not json" }), /aws:assumeRole must be an object \{ roleArn, sessionName\?, externalId\?, durationSeconds\?, policy\? \}/);
            await assert.rejects(getWith({ "aws:assumeRole": JSON.stringify({ roleArn: "telephony-chime" }) }), /aws:assumeRole\.roleArn must be an IAM role ARN/);
            await assert.rejects(getWith({ "aws:assumeRoles": JSON.stringify([{ roleArn: SANDBOX_ROLE.arn, durationSeconds: 60 }]) }), /aws:assumeRoles\[0\]\.durationSeconds must be a whole number of seconds from 900 to 43200/);
        });
    });
});
