import type { ProviderContext } from "../core/context";
import { ConfigError, ThrottledError } from "../core/errors";
import { ClassifiedError, HttpResponse, VendorHttpClient, urlPath } from "../core/http";
import { tokenOrLoginClient } from "../core/credentials";
import { registerSecret } from "../core/secrets";
import { IssuedToken, LoginLocked } from "../core/token-session";

const VENDOR = "Tata Smartflo" as const;

/** Laravel-style per-field errors (`{field: [messages]}` or `{field: message}`) [seed: "error … Object"]. */
function fieldErrors(error: unknown): Record<string, string[]> | undefined {
    if (!error || typeof error !== "object" || Array.isArray(error)) return undefined;
    const out: Record<string, string[]> = {};
    for (const [k, v] of Object.entries(error)) out[k] = (Array.isArray(v) ? v : [v]).map((m) => (typeof m === "string" ? m.replace(/\.$/, "") : JSON.stringify(m)));
    return Object.keys(out).length ? out : undefined;
}

/**
 * Success needs both a 2xx status and `success` not false: the seed warns that a 400 can carry
 * `success: true` (reads carry no `success` at all [D]).
 */
export function classify(res: HttpResponse): ClassifiedError | undefined {
    const b = res.body;
    if (res.status >= 200 && res.status < 300 && b?.success !== false) return undefined;
    const fields = fieldErrors(b?.error);
    const message = typeof b?.message === "string" ? b.message : typeof b?.error === "string" ? b.error : res.text.slice(0, 300) || undefined;
    // Smartflo documents no answer for a duplicate [I]: 400, 409 or 422, its message or a field's (Laravel's "has already
    // been taken") naming it, is recognised by its meaning by the core's classifier (core/duplicate.ts).
    const contradicts = b?.success === true && res.status >= 400 && res.status < 500;
    return {
        message,
        fields,
        hint: contradicts ? `Smartflo refused the request (HTTP ${res.status}, although its body says success: true). Fix the values named above in your program` : undefined,
    };
}

/** `retry_after` is an IST wall-clock time `YYYY-MM-DD HH:MM:SS` [O]; returns epoch ms, or undefined. */
export function parseIstTimestamp(v: unknown): number | undefined {
    const m = typeof v === "string" ? /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})$/.exec(v.trim()) : null;
    if (!m) return undefined;
    const t = Date.parse(`${m[1]}T${m[2]}+05:30`);
    return Number.isNaN(t) ? undefined : t;
}

/** A Smartflo client: the core's HTTP client with Smartflo's envelope and authentication. */
export type SmartfloClient = VendorHttpClient;

/**
 * A Smartflo client for the configured account: `Authorization: Bearer` with a permanent
 * `telephony:smartfloToken`, or a one-hour token from `POST /v1/auth/login` with
 * `telephony:smartfloEmail` + `telephony:smartfloPassword` [D], held by the core's login session: one login at a
 * time, renewed before expiry and once after a 401, and a login lock (429 + `retry_after`) waited out.
 */
export function smartfloClient(context: ProviderContext): SmartfloClient {
    return tokenOrLoginClient(context, { vendor: VENDOR, classify }, {
        name: "smartflo",
        env: "SMARTFLO",
        defaultBaseUrl: "https://api-smartflo.tatateleservices.com",
        header: (token) => ({ authorization: `Bearer ${token}` }),
        tokenHint: "telephony:smartfloToken (SMARTFLO_TOKEN): it may be wrong or revoked",
        loginHint: "telephony:smartfloEmail and telephony:smartfloPassword (SMARTFLO_EMAIL, SMARTFLO_PASSWORD)",
        login: ({ base, email, password, authHint }) => loginTo(context, base, email, password, authHint),
    });
}

/** Login: `POST /v1/auth/login {email, password}` → `{success, access_token, expires_in, …}` [D]. */
function loginTo(context: ProviderContext, base: URL, email: string, password: string, authHint: string): (attempt: number) => Promise<IssuedToken> {
    const operation = "Login (POST /v1/auth/login)";
    const client = new VendorHttpClient(
        {
            vendor: VENDOR,
            baseUrl: base,
            authHint,
            classify: (res) => {
                // A 429 is read below, from the body's retry_after: the core's blind retries would only prolong a lock.
                // Everything else transient (5xx, dropped connections) keeps the core's retries.
                if (res.status === 429) return undefined;
                const c = classify(res);
                if (c && res.status < 500) {
                    // However the refusal is phrased (401, or a 200 with success: false), it is about the credentials.
                    const count = typeof res.body?.login_failed_count === "number" ? res.body.login_failed_count : undefined;
                    c.kind = "auth";
                    c.hint = `Check ${authHint}` + (count === undefined ? "" : `. Failed logins so far: ${count}; Smartflo locks the account after repeated failures`);
                }
                return c;
            },
        },
        context,
    );
    return async (attempt) => {
        // A login changes nothing but issuing a token, so resending one whose answer was lost is safe.
        const r = await client.send({ operation, method: "POST", path: urlPath`/v1/auth/login`, body: { email, password }, idempotent: true });
        if (r.status === 429) {
            const shown = typeof r.body?.retry_after === "string" ? r.body.retry_after : undefined;
            // retry_after has whole seconds: wait one more so the lock has surely lifted [I]. Without one, back off briefly [I].
            const until = parseIstTimestamp(shown);
            const lockedUntil = until !== undefined ? until + 1000 : context.clock.now() + 2000 * attempt;
            throw new LoginLocked(
                lockedUntil,
                new ThrottledError({
                    vendor: VENDOR,
                    operation,
                    status: 429,
                    message: `logins are locked until ${shown ? `${shown} IST` : new Date(lockedUntil).toISOString()}`,
                    hint: "Smartflo locks an account after repeated logins. Wait until then, or configure a permanent token (telephony:smartfloToken)",
                }),
            );
        }
        const token = r.body?.access_token;
        if (typeof token !== "string" || !token) throw new ConfigError(`Tata Smartflo ${operation} answered without access_token`);
        registerSecret(token);
        return { token, lifetimeMs: (Number(r.body?.expires_in) > 0 ? Number(r.body.expires_in) : 3600) * 1000 };
    };
}
