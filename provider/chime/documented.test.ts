/**
 * Amazon Chime's documented exchanges, with no server: the real `@aws-sdk/client-chime` builds and signs the
 * request and parses the answer; only its HTTP handler is replaced by one that records the request and answers
 * with the documented response. Source: seed 001_645474b6caf8fc63.txt ("DisassociatePhoneNumberFromUser": the
 * sample request and response, and the error list).
 */
import { ChimeClient } from "@aws-sdk/client-chime";
import * as assert from "assert";
import { Readable } from "stream";
import { exchangeCounts } from "../../test/documented";
import { AuthError, InvalidRequestError, NotFoundError, ServiceError, ThrottledError, VendorError } from "../core/errors";
import { DEFAULT_POLICY } from "../core/policy";
import { ChimeConnection } from "./client";
import { disassociatePhoneNumberFromUser } from "./user-number/api";

const SEED = "seed 001_645474b6caf8fc63.txt, DisassociatePhoneNumberFromUser";
const ACCOUNT = "12a3456b-7c89-012d-3456-78901e23fg45"; // the seed's sample
const USER = "1ab2345c-67de-8901-f23g-45h678901j2k";

interface Sent {
    method: string;
    hostname: string;
    path: string;
    query: Record<string, unknown>;
    headers: Record<string, string>;
    body: unknown;
}

/** A Chime connection whose SDK sends nothing: each request is recorded and answered as documented. */
function documented(status: number, body: string, headers: Record<string, string> = {}): { conn: ChimeConnection; sent: Sent[] } {
    const sent: Sent[] = [];
    const requestHandler = {
        handle: async (request: Sent) => {
            sent.push(request);
            return { response: { statusCode: status, reason: "", headers: { "content-type": "application/json", ...headers }, body: Readable.from([Buffer.from(body)]) } };
        },
        updateHttpClientConfig: () => undefined,
        httpHandlerConfigs: () => ({}),
    };
    const sdk = new ChimeClient({
        region: "us-east-1",
        credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "documented-exchange-secret" },
        maxAttempts: 1,
        requestHandler: requestHandler as never,
    });
    exchangeCounts["Amazon Chime"] = (exchangeCounts["Amazon Chime"] ?? 0) + 1;
    return { conn: { sdk, region: "us-east-1", aws: false, policy: DEFAULT_POLICY }, sent };
}

describe("Amazon Chime documented exchanges (no server; the real SDK)", () => {
    it(`DisassociatePhoneNumberFromUser [${SEED}, Sample Request / Sample Response]: POST …?operation=disassociate-phone-number, no body, signed; 200 {}`, async () => {
        const { conn, sent } = documented(200, "{}", { "x-amzn-requestid": "91c771a6-5816-4a6a-95aa-2c3ba9d36862" });
        await disassociatePhoneNumberFromUser(conn, ACCOUNT, USER);
        assert.strictEqual(sent.length, 1);
        const r = sent[0];
        assert.strictEqual(r.method, "POST");
        assert.strictEqual(r.hostname, "chime.us-east-1.amazonaws.com");
        assert.strictEqual(r.path, `/accounts/${ACCOUNT}/users/${USER}`);
        assert.deepStrictEqual(r.query, { operation: "disassociate-phone-number" });
        assert.ok(r.body === undefined || r.body === "" || (r.body as Buffer).length === 0, "the request does not have a request body");
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
            const { conn } = documented(status, JSON.stringify({ Code: code, Message: `${code} message` }), { "x-amzn-errortype": `${name}:http://internal.amazon.com/coral/com.amazonaws.chime/` });
            const e = await disassociatePhoneNumberFromUser(conn, ACCOUNT, USER).then(() => undefined, (x) => x);
            assert.ok(e instanceof type, `${name}: ${e}`);
            assert.strictEqual((e as VendorError).status, status);
            assert.strictEqual((e as VendorError).code, name);
            assert.match((e as Error).message, new RegExp(`^Amazon Chime DisassociatePhoneNumberFromUser failed with HTTP ${status}\\. vendor said: code ${name}`));
        }
    });
});
