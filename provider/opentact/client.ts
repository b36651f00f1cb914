import type { ProviderContext } from "../core/context";
import { ConfigError } from "../core/errors";
import { ClassifiedError, HttpResponse, VendorHttpClient, urlPath } from "../core/http";
import { tokenOrLoginClient } from "../core/credentials";
import { registerSecret } from "../core/secrets";

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
 * login (200/201, 401, 404, "others default" [S]): the core's classifier recognises "already exists" by its meaning
 * (core/duplicate.ts), whether it comes as 400, 409 or 422 [I].
 */
export function classify(res: HttpResponse): ClassifiedError | undefined {
    const b = res.body;
    if (res.status >= 200 && res.status < 300 && b?.success !== false) return undefined;
    return { message: typeof b?.message === "string" ? b.message : res.text.slice(0, 300) || undefined, fields: fieldErrors(b?.fields) };
}

/**
 * An OpenTact client for the configured account. Auth is a static `telephony:opentactToken`, or
 * `telephony:opentactEmail` + `telephony:opentactPassword` exchanged for a JWT at `GET /rest/auth` [D], held by
 * the core's login session (one login at a time, shared by every request) and renewed on 401: OpenTact does not
 * say how long the token lives.
 */
export function opentactClient(context: ProviderContext): VendorHttpClient {
    return tokenOrLoginClient(context, { vendor: VENDOR, classify }, {
        name: "opentact",
        env: "OPENTACT",
        defaultBaseUrl: "https://api.opentact.org",
        header: (token) => ({ "x-auth-token": token }),
        tokenHint: "telephony:opentactToken (OPENTACT_TOKEN): it may be wrong or expired",
        loginHint: "telephony:opentactEmail and telephony:opentactPassword (OPENTACT_EMAIL, OPENTACT_PASSWORD)",
        login({ base, email, password, authHint }) {
            const loginClient = new VendorHttpClient({ vendor: VENDOR, baseUrl: base, classify, authHint }, context);
            return async () => {
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
            };
        },
    });
}
