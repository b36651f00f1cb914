/**
 * Amazon Chime's documented exchanges, with no server: the real `@aws-sdk/client-chime` builds and signs the
 * request and parses the answer; only its HTTP handler is replaced by one that records the request and answers
 * with the documented response. Source: seed 001_645474b6caf8fc63.txt ("DisassociatePhoneNumberFromUser": the
 * sample request and response, and the error list).
 */
import { ChimeClient } from "@aws-sdk/client-chime";
import * as assert from "assert";
import { NO_RETRIES, documentedContext, exchange } from "../../test/documented";
import { AuthError, InvalidRequestError, NotFoundError, ServiceError, ThrottledError, VendorError } from "../core/errors";
import { Settings } from "../core/settings";
import { ChimeConnection, transportHandler } from "./client";
import { disassociatePhoneNumberFromUser } from "./user-number/api";

const SEED = "seed 001_645474b6caf8fc63.txt, DisassociatePhoneNumberFromUser";
const ACCOUNT = "12a3456b-7c89-012d-3456-78901e23fg45"; // the seed's sample
const USER = "1ab2345c-67de-8901-f23g-45h678901j2k";
const V = "Amazon Chime";

/**
 * A Chime connection whose requests the documented exchanges answer: the real SDK (AWS's own endpoint, signing with
 * a fixed key) over the client's own request handler, in a documented context. `aws: false`, so an answer is read as
 * the API's, whatever today's date says about the end of support.
 */
function documented(): ChimeConnection {
    const context = documentedContext(new Settings({ get: (k) => NO_RETRIES[k] }, {}));
    const sdk = new ChimeClient({
        region: "us-east-1",
        credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "documented-exchange-secret" },
        maxAttempts: 1,
        requestHandler: transportHandler(context),
    });
    return { sdk, region: "us-east-1", aws: false, context, credentials: { describe: "the documented exchange's example key", roles: [] } };
}

describe("Amazon Chime documented exchanges (no server; the real SDK)", () => {
    it(`DisassociatePhoneNumberFromUser [${SEED}, Sample Request / Sample Response]: POST …?operation=disassociate-phone-number, no body, signed; 200 {}`, async () => {
        const { sent, error } = await exchange(V, [{ source: `${SEED}, Sample Response`, status: 200, body: {}, headers: { "x-amzn-requestid": "91c771a6-5816-4a6a-95aa-2c3ba9d36862" } }], () =>
            disassociatePhoneNumberFromUser(documented(), ACCOUNT, USER),
        );
        assert.strictEqual(error, undefined);
        assert.strictEqual(sent.length, 1);
        const r = sent[0];
        assert.strictEqual(r.method, "POST");
        assert.strictEqual(r.url.hostname, "chime.us-east-1.amazonaws.com");
        assert.strictEqual(r.url.pathname, `/accounts/${ACCOUNT}/users/${USER}`);
        assert.deepStrictEqual(Object.fromEntries(r.url.searchParams), { operation: "disassociate-phone-number" });
        assert.strictEqual(r.body, undefined, "the request does not have a request body");
        assert.match(r.headers.authorization, /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/us-east-1\/chime\/aws4_request, SignedHeaders=[^,]*host[^,]*, Signature=[0-9a-f]{64}$/);
        assert.match(r.headers["x-amz-date"], /^\d{8}T\d{6}Z$/);
    });

    it(`DisassociatePhoneNumberFromUser [${SEED}, Errors]: each listed exception becomes the typed error for its kind`, async () => {
        const errors: Array<[string, number, Function]> = [
            ["BadRequestException", 400, InvalidRequestError],
            ["ForbiddenException", 403, AuthError],
            ["NotFoundException", 404, NotFoundError],
            ["ServiceFailureException", 500, ServiceError],
            ["ServiceUnavailableException", 503, ServiceError],
            ["ThrottledClientException", 429, ThrottledError],
            ["UnauthorizedClientException", 401, AuthError],
        ];
        for (const [name, status, type] of errors) {
            const code = name.replace(/Exception$/, "");
            const answer = { source: `${SEED}, Errors: ${name}`, status, body: { Code: code, Message: `${code} message` }, headers: { "x-amzn-errortype": `${name}:http://internal.amazon.com/coral/com.amazonaws.chime/` } };
            const { error: e } = await exchange(V, [answer], () => disassociatePhoneNumberFromUser(documented(), ACCOUNT, USER));
            assert.ok(e instanceof type, `${name}: ${e}`);
            assert.strictEqual((e as VendorError).status, status);
            assert.strictEqual((e as VendorError).code, name);
            assert.match((e as Error).message, new RegExp(`^Amazon Chime DisassociatePhoneNumberFromUser failed with HTTP ${status}\\. vendor said: code ${name}`));
        }
    });
});
