import { ConfigError } from "../core/errors";
import { isDuplicate } from "../core/duplicate";
import { ClassifiedError, HttpResponse, VendorHttpClient, urlPath } from "../core/http";
import { RequestPolicy, policyOf } from "../core/policy";
import { registerSecret } from "../core/secrets";
import { Settings, baseUrl } from "../core/settings";
import { tokenOrLogin, tokenSession } from "../core/token-session";

const VENDOR = "OpenTact" as const;

/**
 * Per-field errors of the newer envelope, `fields: {"params.to": {message, value}}` [D: the SIP Domain pages'
 * error sample]; a plain message or a list of messages per field is read too [I]. The rejected `value` is left
 * out: it may be a password.
 */
function fieldErrors(fields: unknown): Record<string, string[]> | undefined {
    if (!fields || typeof fields !== "object" || Array.isArray(fields)) return undefined;
    const out: Record<string, string[]> = {};
    for (const [k, v] of Object.entries(fields)) {
        const list = Array.isArray(v) ? v : [v];
        out[k] = list.map((m) => (typeof m === "string" ? m : typeof m?.message === "string" ? m.message : JSON.stringify(m)));
    }
    return Object.keys(out).length ? out : undefined;
}

/**
 * OpenTact's envelope: `{success, payload}` or `{success:false, message, status}` [seed]; newer answers add
 * `meta` and `fields` [D], whose per-field messages reach the error. OpenTact documents no status for a duplicate
 * login (200/201, 401, 404, "others default" [S]): "already exists" is recognised by its meaning (core/duplicate.ts),
 * whether it comes as 400, 409 or 422 [I].
 */
export function classify(res: HttpResponse): ClassifiedError | undefined {
    const b = res.body;
    if (res.status >= 200 && res.status < 300 && b?.success !== false) return undefined;
    const detail = { message: typeof b?.message === "string" ? b.message : res.text.slice(0, 300) || undefined, fields: fieldErrors(b?.fields) };
    return isDuplicate({ status: res.status, ...detail }) ? { ...detail, kind: "already-exists" } : detail;
}

/**
 * An OpenTact client for the configured account. Auth is a static `telephony:opentactToken`, or
 * `telephony:opentactEmail` + `telephony:opentactPassword` exchanged for a JWT at `GET /rest/auth` [D], held by
 * the core's login session (one login at a time, shared by every request) and renewed on 401: OpenTact does not
 * say how long the token lives.
 */
export function opentactClient(settings: Settings, policy: RequestPolicy = policyOf(settings)): VendorHttpClient {
    const base = baseUrl(settings, "opentactBaseUrl", "OPENTACT_BASE_URL", "https://api.opentact.org");
    const credentials = tokenOrLogin(settings, VENDOR, "opentact", "OPENTACT");
    if ("token" in credentials) {
        const authHint = "telephony:opentactToken (OPENTACT_TOKEN): it may be wrong or expired";
        return new VendorHttpClient({ vendor: VENDOR, baseUrl: base, classify, authHint, authHeaders: async () => ({ "x-auth-token": credentials.token }) }, policy);
    }
    const { email, password } = credentials;
    const authHint = "telephony:opentactEmail and telephony:opentactPassword (OPENTACT_EMAIL, OPENTACT_PASSWORD)";
    const loginClient = new VendorHttpClient({ vendor: VENDOR, baseUrl: base, classify, authHint }, policy);
    const tokens = tokenSession(`${VENDOR} ${base.origin}${base.pathname}|${email}`, {
        login: async () => {
            const r = await loginClient.send({
                operation: "GetAuthToken (GET /rest/auth)",
                method: "GET",
                path: urlPath`/rest/auth`,
                headers: { authorization: `Basic ${Buffer.from(`${email}:${password}`).toString("base64")}` },
            });
            const t = r.body?.payload?.token;
            if (typeof t !== "string") throw new ConfigError("OpenTact GET /rest/auth answered without payload.token");
            registerSecret(t);
            return { token: t };
        },
    });
    return new VendorHttpClient({ vendor: VENDOR, baseUrl: base, classify, authHint, session: { tokens, header: (t) => ({ "x-auth-token": t }) } }, policy);
}
