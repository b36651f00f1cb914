import * as assert from "assert";
import { ForbiddenException, GetUserCommand } from "@aws-sdk/client-chime";
import { Sandbox, startSandbox } from "../../../sandbox";
import { CHIME_ACCOUNT, CHIME_USERS } from "../../../sandbox/chime";
import { SandboxAdmin, setAwsTestKey } from "../../../test/harness";
import { AuthError, EndOfSupportError, InvalidRequestError, NotFoundError, OutcomeUnknownError, ServiceError } from "../../core/errors";
import { Settings } from "../../core/settings";
import { createContext } from "../../runtime";
import { chimeClient, chimeRegion, toChimeError } from "../client";

const [U0] = CHIME_USERS;

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
            const conn = chimeClient(createContext({ settings: settings({ "telephony:chimeEndpoint": sb.vendorUrl("chime") }) }));
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
        assert.strictEqual(chimeClient(createContext({ settings: settings({}) })).aws, true, "no override: AWS's own endpoint");
        assert.strictEqual(chimeClient(createContext({ settings: settings({ "telephony:chimeEndpoint": sb.vendorUrl("chime") }) })).aws, false);
    });
});
