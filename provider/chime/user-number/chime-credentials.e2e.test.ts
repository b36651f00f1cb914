/**
 * Amazon Chime credentials on the real engine, configured as a Pulumi user configures @pulumi/aws: one stack whose
 * config switches between runs — static keys in `aws:accessKey` / `aws:secretKey` (a secret), then a profile from a
 * credentials file (`aws:profile` + `aws:sharedCredentialsFiles`), then that profile assuming a role (`aws:assumeRole`
 * at `aws:endpoints`' sts). The CLI's environment has no AWS keys at all. Before each run the sandbox is told whose
 * signature to require of every Chime call (its `principal` switch), and its request log shows who signed each one.
 * The precedence and error cases are unit tests (credentials.test.ts), through the same SDK against the same sandbox.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { CHIME_ACCOUNT, CHIME_NUMBERS, CHIME_USERS, SANDBOX_PROFILE_USER, SANDBOX_ROLE } from "../../../sandbox/chime";
import { SandboxAdmin, TestStack, useSandboxStack } from "../../../test/harness";

/** Long unique keys, so the secret scan means something. */
const USER_KEY = { accessKeyId: "AKIACHIMECREDSE2E001", secretAccessKey: `chime-e2e-secret-${"Pw4Xn8Kz".repeat(4)}` };
const PROFILE_KEY = { ...SANDBOX_PROFILE_USER, secretAccessKey: `chime-e2e-profile-${"Rt6Jm2Qv".repeat(4)}` };
const USER_ARN = "arn:aws:iam::000000000000:user/sandbox";
const PROFILE_ARN = `arn:aws:iam::000000000000:user/${PROFILE_KEY.name}`;
const SESSION_ARN = "arn:aws:sts::000000000000:assumed-role/telephony-chime/telephony-e2e";
const USER = CHIME_USERS[2];

describe("Amazon Chime credentials on the real engine: static keys, a profile, an assumed role", function () {
    this.timeout(300_000);
    let admin: SandboxAdmin;
    let stack: TestStack;
    let chimeOrigin: string;
    const outputs: string[] = [];

    useSandboxStack(
        {
            sandbox: { credentials: { chime: { ...USER_KEY, users: [PROFILE_KEY], roles: [SANDBOX_ROLE] } } },
            stack: "chime-credentials",
            config: (s) => ({
                "telephony:chimeEndpoint": { value: s.vendorUrl("chime") },
                "aws:accessKey": { value: USER_KEY.accessKeyId },
                "aws:secretKey": { value: USER_KEY.secretAccessKey, secret: true },
            }),
            // No AWS key in the environment, and none of the machine's files or metadata endpoints: only the config signs.
            env: { AWS_SHARED_CREDENTIALS_FILE: "/nonexistent/credentials", AWS_CONFIG_FILE: "/nonexistent/config", AWS_EC2_METADATA_DISABLED: "true" },
        },
        (t) => {
            ({ admin, stack } = t);
            chimeOrigin = t.sb.vendorUrl("chime");
        },
    );

    /** `up` with the user's number `n`, every Chime call required to be signed by `principal`; returns who signed what. */
    async function upWith(n: string, principal: string): Promise<Array<[string, string | undefined, number]>> {
        await admin.vendorSwitch("chime", "principal", { require: principal });
        await admin.resetRequests();
        stack.declare({ phone: { type: "ChimeUserNumber", args: { accountId: CHIME_ACCOUNT, userId: USER, e164PhoneNumber: n } } });
        const r = await stack.up();
        outputs.push(r.stdout, r.stderr);
        const user = (await admin.objects("chime", "users")).find((u) => u.UserId === USER)!;
        assert.strictEqual(user.PrimaryProvisionedNumber, n);
        return (await admin.requests()).log.filter((x) => x.vendor === "chime").map((x) => [x.route, (x as { principal?: string }).principal, x.status]);
    }

    it("aws:accessKey and aws:secretKey sign every Chime call of an `up`", async () => {
        const signed = await upWith(CHIME_NUMBERS[2], USER_ARN);
        assert.ok(signed.length >= 2, JSON.stringify(signed));
        for (const [route, principal, status] of signed) assert.deepStrictEqual([principal, status], [USER_ARN, 200], route);
    });

    it("then aws:profile from aws:sharedCredentialsFiles: the profile's key signs the number change", async () => {
        const file = path.join(stack.home, "aws-credentials");
        fs.writeFileSync(file, `[chime-ops]\naws_access_key_id = ${PROFILE_KEY.accessKeyId}\naws_secret_access_key = ${PROFILE_KEY.secretAccessKey}\n`);
        await stack.must(["config", "rm", "aws:accessKey"]);
        await stack.must(["config", "rm", "aws:secretKey"]);
        await stack.must(["config", "set", "aws:profile", "chime-ops"]);
        await stack.must(["config", "set", "--path", "aws:sharedCredentialsFiles[0]", file]);
        const signed = await upWith(CHIME_NUMBERS[3], PROFILE_ARN);
        assert.deepStrictEqual(signed.map(([route]) => route).includes("AssociatePhoneNumberWithUser|DisassociatePhoneNumberFromUser"), true);
        for (const [route, principal, status] of signed) assert.deepStrictEqual([principal, status], [PROFILE_ARN, 200], route);
    });

    it("then aws:assumeRole at aws:endpoints' sts: AssumeRole signed with the profile's key, the Chime calls with the role's", async () => {
        await stack.must(["config", "set", "--path", "aws:assumeRole.roleArn", SANDBOX_ROLE.arn]);
        await stack.must(["config", "set", "--path", "aws:assumeRole.sessionName", "telephony-e2e"]);
        await stack.must(["config", "set", "--path", "aws:assumeRole.externalId", SANDBOX_ROLE.externalId!]);
        await stack.must(["config", "set", "--path", "aws:endpoints[0].sts", chimeOrigin]);
        const signed = await upWith(CHIME_NUMBERS[4], SANDBOX_ROLE.arn);
        assert.deepStrictEqual(signed[0], ["AssumeRole", PROFILE_ARN, 200]);
        assert.ok(signed.length >= 3, JSON.stringify(signed));
        for (const [route, principal, status] of signed.slice(1)) assert.deepStrictEqual([principal, status], [SESSION_ARN, 200], route);
    });

    it("no AWS secret in the state or the CLI's output", async () => {
        const state = await stack.exportText();
        for (const secret of [USER_KEY.secretAccessKey, PROFILE_KEY.secretAccessKey]) {
            assert.ok(!state.includes(secret), "a secret key is in the exported state");
            assert.ok(!outputs.some((o) => o.includes(secret)), "a secret key is in the CLI's output");
        }
    });
});
