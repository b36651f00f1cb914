/**
 * Amazon Chime emulation (legacy namespace, API 2018-05-01): the user phone-number operations of seed 001 and
 * the reference (section 4), spoken in the rest-json protocol that `@aws-sdk/client-chime` sends, SigV4
 * signatures included. Served at the root of its own origin, as chime.us-east-1.amazonaws.com is (the SDK keeps
 * a custom endpoint's base path, without its trailing slash, and puts the operation's path after it). Inferred
 * behaviour is marked [I].
 */
import { createHash, createHmac, randomUUID, timingSafeEqual } from "crypto";
import { SandboxRequest, SandboxResponse, Store, VendorEmulator, header, json, nowIso } from "./core";

export interface ChimeCredentials {
    /** The one AWS access key id the emulation knows. */
    accessKeyId: string;
    /** Its secret: signatures are verified with it. */
    secretAccessKey: string;
}

/** The seeded Chime account: the seed's example id. */
export const CHIME_ACCOUNT = "12a3456b-7c89-012d-3456-78901e23fg45";
/** Seeded users of that account, none with a number; the first is the seed's example user. */
export const CHIME_USERS = [
    "1ab2345c-67de-8901-f23g-45h678901j2k",
    "2bc3456d-78ef-9012-a34b-56c789012k3l",
    "3cd4567e-89fa-0123-b45c-67d890123l4m",
    "4de5678f-90ab-1234-c56d-78e901234m5n",
];
/** The account's phone-number inventory (555-01xx: fictional numbers). */
export const CHIME_NUMBERS = ["+12065550100", "+12065550101", "+12065550102", "+12065550103", "+12065550104", "+12065550105"];
/** Chime's legacy API lives in us-east-1 only [D]. */
export const CHIME_REGION = "us-east-1";

const E164 = /^\+?[1-9]\d{1,14}$/; // [S]

/** Status → exception type (the `x-amzn-ErrorType` header) and `Code`, per the seed's error list. */
const ERRORS: Record<number, [string, string]> = {
    400: ["BadRequestException", "BadRequest"],
    401: ["UnauthorizedClientException", "UnauthorizedClient"],
    403: ["ForbiddenException", "Forbidden"],
    404: ["NotFoundException", "NotFound"],
    409: ["ConflictException", "Conflict"],
    429: ["ThrottledClientException", "ThrottledClient"],
    500: ["ServiceFailureException", "ServiceFailure"],
    503: ["ServiceUnavailableException", "ServiceUnavailable"],
};

/** An error as Chime sends it: `{Code, Message}` and the type in `x-amzn-ErrorType` [seed, S]. */
function fail(status: number, message: string, type?: string): SandboxResponse {
    const [t, code] = type ? [type, type] : (ERRORS[status] ?? ["ServiceFailureException", "ServiceFailure"]);
    return json(status, { Code: code, Message: message }, { "x-amzn-ErrorType": t, "x-amzn-RequestId": randomUUID() });
}
const ok = (body: unknown): SandboxResponse => json(200, body, { "x-amzn-RequestId": randomUUID() });

const sha256 = (s: string) => createHash("sha256").update(s, "utf8").digest("hex");
const hmac = (key: string | Buffer, s: string) => createHmac("sha256", key).update(s, "utf8").digest();
/** RFC 3986 escaping, as SigV4 wants it. */
const escape = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * Verifies an AWS Signature Version 4 `Authorization` header: the credential scope (known access key, service
 * `chime`, region us-east-1, today's date), the payload hash, and the signature itself, recomputed from the
 * canonical request with the known secret. Failures answer with AWS's common errors [D: Chime's Common Errors
 * list MissingAuthenticationToken 403, InvalidClientTokenId 403, IncompleteSignature 400, RequestExpired 400;
 * SignatureDoesNotMatch 403 is AWS's name for a wrong signature, I: Chime's list does not show it].
 */
function verifySigV4(req: SandboxRequest, creds: ChimeCredentials): SandboxResponse | undefined {
    const auth = header(req, "authorization");
    if (!auth) return fail(403, "Missing Authentication Token", "MissingAuthenticationToken");
    const m = /^AWS4-HMAC-SHA256 Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/([^/,\s]+)\/aws4_request,\s*SignedHeaders=([a-z0-9;-]+),\s*Signature=([0-9a-f]{64})$/.exec(auth);
    if (!m) return fail(400, "Authorization header requires Credential, SignedHeaders and Signature for AWS4-HMAC-SHA256", "IncompleteSignature");
    const [, keyId, day, region, service, signedHeaders, signature] = m;
    if (keyId !== creds.accessKeyId) return fail(403, "The security token included in the request is invalid.", "InvalidClientTokenId");
    if (service !== "chime") return fail(403, `Credential should be scoped to correct service: 'chime', not '${service}'.`, "SignatureDoesNotMatch");
    if (region !== CHIME_REGION) return fail(403, `Credential should be scoped to a valid region, not '${region}'. Amazon Chime is served from ${CHIME_REGION}.`, "SignatureDoesNotMatch");
    const amzDate = header(req, "x-amz-date") ?? "";
    const at = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate);
    if (!at || !amzDate.startsWith(day)) return fail(400, "X-Amz-Date is missing or does not match the credential scope's date", "IncompleteSignature");
    const skew = Math.abs(Date.UTC(+at[1], +at[2] - 1, +at[3], +at[4], +at[5], +at[6]) - Date.now());
    if (skew > 15 * 60_000) return fail(400, "Signature expired: the request date is more than 15 minutes from the server's time.", "RequestExpired");
    const payload = sha256(req.rawBody);
    const claimed = header(req, "x-amz-content-sha256");
    if (claimed !== undefined && claimed !== payload) return fail(400, "The provided x-amz-content-sha256 header does not match what was computed.", "SignatureDoesNotMatch");

    const url = new URL(req.url, "http://sandbox");
    // Non-S3 services sign the path escaped once more, segment by segment.
    const path = url.pathname.split("/").map(escape).join("/") || "/";
    const query = [...url.searchParams]
        .map(([k, v]) => [escape(k), escape(v)])
        .sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0))
        .map(([k, v]) => `${k}=${v}`)
        .join("&");
    const names = signedHeaders.split(";");
    if (!names.includes("host")) return fail(400, "The host header must be signed", "IncompleteSignature");
    const headers = names.map((h) => `${h}:${(header(req, h) ?? "").trim().replace(/\s+/g, " ")}\n`).join("");
    const canonical = [req.method, path, query, headers, signedHeaders, claimed ?? payload].join("\n");
    const scope = `${day}/${region}/${service}/aws4_request`;
    const toSign = ["AWS4-HMAC-SHA256", amzDate, scope, sha256(canonical)].join("\n");
    const key = hmac(hmac(hmac(hmac(`AWS4${creds.secretAccessKey}`, day), region), service), "aws4_request");
    const expected = hmac(key, toSign);
    if (!timingSafeEqual(expected, Buffer.from(signature, "hex"))) {
        return fail(
            403,
            "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.",
            "SignatureDoesNotMatch",
        );
    }
    return undefined;
}

export function chime(store: Store, creds: ChimeCredentials): VendorEmulator {
    const accounts = () => store.collection("chime", "accounts");
    const users = () => store.collection("chime", "users");
    const numbers = () => store.collection("chime", "phone-numbers");
    if (accounts().length === 0) {
        accounts().push({ AccountId: CHIME_ACCOUNT, Name: "sandbox-chime-account", AccountType: "EnterpriseLWA", DefaultLicense: "Pro", CreatedTimestamp: nowIso() });
        CHIME_USERS.forEach((UserId, i) =>
            users().push({
                UserId,
                AccountId: CHIME_ACCOUNT,
                PrimaryEmail: `chime-user-${i + 1}@example.com`,
                DisplayName: `Chime User ${i + 1}`,
                LicenseType: "Pro",
                UserType: "PrivateUser",
                UserRegistrationStatus: "Registered",
                PrimaryProvisionedNumber: null,
                RegisteredOn: nowIso(),
            }),
        );
        CHIME_NUMBERS.forEach((n) => numbers().push({ PhoneNumberId: n, E164PhoneNumber: n, Type: "Local", ProductType: "BusinessCalling" }));
    }

    /** The user, or Chime's 404 for a missing account or user [S]. */
    const lookup = (req: SandboxRequest): Record<string, any> | SandboxResponse => {
        if (!accounts().some((a) => a.AccountId === req.params.accountId)) return fail(404, `The account ${req.params.accountId} was not found.`);
        const u = users().find((x) => x.AccountId === req.params.accountId && x.UserId === req.params.userId);
        return u ?? fail(404, `The user ${req.params.userId} was not found in account ${req.params.accountId}.`);
    };
    const isResponse = (x: unknown): x is SandboxResponse => typeof (x as SandboxResponse).status === "number";

    /** What GetUser shows: an absent number is left out, as AWS omits empty members [I]. */
    const view = (u: Record<string, any>) => {
        const out: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(u)) if (v !== null && v !== undefined && v !== "") out[k] = v;
        return out;
    };

    function associate(req: SandboxRequest): SandboxResponse {
        const u = lookup(req);
        if (isResponse(u)) return u;
        const raw = req.body?.E164PhoneNumber;
        if (typeof raw !== "string" || !E164.test(raw)) return fail(400, "E164PhoneNumber must match ^\\+?[1-9]\\d{1,14}$.");
        const number = raw.startsWith("+") ? raw : `+${raw}`;
        if (!numbers().some((n) => n.E164PhoneNumber === number)) return fail(404, `The phone number ${number} was not found in the inventory.`); // [I]
        if (u.PrimaryProvisionedNumber === number) return ok({}); // already so: idempotent [I]
        // A number is the primary number of at most one user, and a user has one primary number [I].
        const holder = users().find((x) => x.PrimaryProvisionedNumber === number);
        if (holder) return fail(409, `The phone number ${number} is already associated with another user.`);
        if (u.PrimaryProvisionedNumber) return fail(409, `The user ${u.UserId} already has a primary provisioned phone number.`);
        u.PrimaryProvisionedNumber = number;
        store.save();
        return ok({});
    }

    function disassociate(req: SandboxRequest): SandboxResponse {
        const u = lookup(req);
        if (isResponse(u)) return u;
        u.PrimaryProvisionedNumber = null; // a user without a number answers 200 too [I]
        store.save();
        return ok({}); // 200 `{}` [seed]
    }

    return {
        prefix: "chime",
        authenticate: (req) => verifySigV4(req, creds),
        notFound: () => fail(404, "The requested resource was not found.", "UnknownOperationException"),
        // `code` is the exception type (`x-amzn-ErrorType`); by default the one the status stands for.
        error: (status, message, code) => fail(status, message, code),
        // Ids are the seed's and the admin's, the same in every run: no natural key needed.
        objectKeys: { accounts: { id: (o) => String(o.AccountId) }, users: { id: (o) => String(o.UserId) } },
        routes: [
            {
                method: "GET",
                pattern: "/accounts/:accountId/users",
                name: "ListUsers",
                handler(req) {
                    if (!accounts().some((a) => a.AccountId === req.params.accountId)) return fail(404, `The account ${req.params.accountId} was not found.`);
                    // max-results 1..200, default 100 [S]; the token is opaque [S] — here the offset of the next page [I].
                    const raw = req.query.get("max-results");
                    const max = raw === null ? 100 : Number(raw);
                    if (!Number.isInteger(max) || max < 1 || max > 200) return fail(400, "max-results must be between 1 and 200.");
                    const token = req.query.get("next-token");
                    const start = token === null ? 0 : Number(Buffer.from(token, "base64url").toString());
                    if (!Number.isInteger(start) || start < 0) return fail(400, "The next-token is not valid.");
                    const all = users().filter((u) => u.AccountId === req.params.accountId);
                    const page = all.slice(start, start + max).map(view);
                    const next = start + max < all.length ? Buffer.from(String(start + max)).toString("base64url") : undefined;
                    return ok(next === undefined ? { Users: page } : { Users: page, NextToken: next });
                },
            },
            {
                method: "GET",
                pattern: "/accounts/:accountId/users/:userId",
                name: "GetUser",
                handler(req) {
                    const u = lookup(req);
                    return isResponse(u) ? u : ok({ User: view(u) });
                },
            },
            {
                // Both operations share a path and differ in `?operation=` [seed, S]; the sandbox names routes by
                // path, so the request log tells them apart by the query in `path`.
                method: "POST",
                pattern: "/accounts/:accountId/users/:userId",
                name: "AssociatePhoneNumberWithUser|DisassociatePhoneNumberFromUser",
                handler(req) {
                    const op = req.query.get("operation");
                    const operation = op === "associate-phone-number" ? "AssociatePhoneNumberWithUser" : op === "disassociate-phone-number" ? "DisassociatePhoneNumberFromUser" : undefined;
                    if (!operation) return fail(404, `Unknown operation ${JSON.stringify(op)}.`, "UnknownOperationException"); // [I]
                    return operation === "AssociatePhoneNumberWithUser" ? associate(req) : disassociate(req);
                },
            },
        ],
    };
}
