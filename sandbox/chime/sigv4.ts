/** Amazon Chime emulation: AWS Signature Version 4, as the sandbox verifies it on every Chime request. */
import { createHash, createHmac, timingSafeEqual } from "crypto";
import { SandboxRequest, SandboxResponse, header } from "../core";
import type { Iam, Signer } from "./iam";
import { CHIME_REGION } from "./state";

const sha256 = (s: string) => createHash("sha256").update(s, "utf8").digest("hex");
const hmac = (key: string | Buffer, s: string) => createHmac("sha256", key).update(s, "utf8").digest();
/** RFC 3986 escaping, as SigV4 wants it. */
const escape = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * Verifies an AWS Signature Version 4 `Authorization` header: the credential scope (an access key IAM knows, the
 * `service`, region us-east-1, today's date), a session's token (`X-Amz-Security-Token`, which a session's every
 * request carries [D]), the payload hash, and the signature itself, recomputed from the canonical request with the
 * signer's secret. Returns the signer, or the failure in the service's own error form (`fail`): AWS's common errors
 * [D: Chime's Common Errors list MissingAuthenticationToken 403, InvalidClientTokenId 403, IncompleteSignature 400,
 * RequestExpired 400, ExpiredTokenException 403; SignatureDoesNotMatch 403 is AWS's name for a wrong signature, I:
 * Chime's list does not show it].
 */
export function verifySigV4(
    req: SandboxRequest,
    iam: Iam,
    service: "chime" | "sts",
    fail: (status: number, message: string, code: string) => SandboxResponse,
    now: number = Date.now(),
): Signer | SandboxResponse {
    const auth = header(req, "authorization");
    if (!auth) return fail(403, "Missing Authentication Token", "MissingAuthenticationToken");
    const m = /^AWS4-HMAC-SHA256 Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/([^/,\s]+)\/aws4_request,\s*SignedHeaders=([a-z0-9;-]+),\s*Signature=([0-9a-f]{64})$/.exec(auth);
    if (!m) return fail(400, "Authorization header requires Credential, SignedHeaders and Signature for AWS4-HMAC-SHA256", "IncompleteSignature");
    const [, keyId, day, region, scoped, signedHeaders, signature] = m;
    const signer = iam.signer(keyId);
    if (!signer) return fail(403, "The security token included in the request is invalid.", "InvalidClientTokenId");
    if (signer.sessionToken !== undefined) {
        if (header(req, "x-amz-security-token") !== signer.sessionToken) return fail(403, "The security token included in the request is invalid.", "InvalidClientTokenId");
        if (now >= signer.expires!) return fail(403, "The security token included in the request is expired", "ExpiredTokenException");
    }
    if (scoped !== service) return fail(403, `Credential should be scoped to correct service: '${service}', not '${scoped}'.`, "SignatureDoesNotMatch");
    if (region !== CHIME_REGION) return fail(403, `Credential should be scoped to a valid region, not '${region}'. Amazon Chime is served from ${CHIME_REGION}.`, "SignatureDoesNotMatch");
    const amzDate = header(req, "x-amz-date") ?? "";
    const at = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate);
    if (!at || !amzDate.startsWith(day)) return fail(400, "X-Amz-Date is missing or does not match the credential scope's date", "IncompleteSignature");
    const skew = Math.abs(Date.UTC(+at[1], +at[2] - 1, +at[3], +at[4], +at[5], +at[6]) - now);
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
    const key = hmac(hmac(hmac(hmac(`AWS4${signer.secretAccessKey}`, day), region), service), "aws4_request");
    const expected = hmac(key, toSign);
    if (!timingSafeEqual(expected, Buffer.from(signature, "hex"))) {
        return fail(
            403,
            "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.",
            "SignatureDoesNotMatch",
        );
    }
    return signer;
}
