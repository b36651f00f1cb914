import { ConfigError, ThrottledError } from "../core/errors";
import { ClassifiedError, HttpRequest, HttpResponse, VendorHttpClient, VendorProfile, urlPath } from "../core/http";
import { registerSecret } from "../core/secrets";
import { Settings, baseUrl } from "../core/settings";

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
    // A taken login id means the user exists already [I: Laravel's "has already been taken" wording].
    const taken = (fields?.login_id ?? []).some((m) => /already|taken|exists/i.test(m));
    const contradicts = b?.success === true && res.status >= 400 && res.status < 500;
    return {
        message,
        fields,
        kind: taken ? "already-exists" : undefined,
        hint: contradicts ? `Smartflo refused the request (HTTP ${res.status}, although its body says success: true). Fix the values named above in your program` : undefined,
    };
}

/** One login session per account and base URL, shared by every request of this process. */
interface Session {
    token?: string;
    /** When to log in again before the token expires: at 5/6 of its lifetime (50 of 60 minutes) [I]. */
    renewAt: number;
    /** Smartflo's lock after failed logins: no login is tried before this [O]. */
    lockedUntil: number;
    /** The lock's end as Smartflo wrote it (`retry_after`, IST), for messages. */
    retryAfter?: string;
    /** The login under way: every caller waits for it, so there are never two at once. */
    pending?: Promise<string>;
}

const sessions = new Map<string, Session>();

/** Forgets every cached login token (tests; programs that rotate credentials). */
export function clearSmartfloSessions(): void {
    sessions.clear();
}

/** Longest wait for a login lock to lift before failing instead (matches the core's Retry-After ceiling). */
const MAX_LOCK_WAIT_MS = 60_000;
/** Logins tried in one go while the account answers 429. */
const MAX_LOGIN_ATTEMPTS = 3;

/** `retry_after` is an IST wall-clock time `YYYY-MM-DD HH:MM:SS` [O]; returns epoch ms, or undefined. */
export function parseIstTimestamp(v: unknown): number | undefined {
    const m = typeof v === "string" ? /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})$/.exec(v.trim()) : null;
    if (!m) return undefined;
    const t = Date.parse(`${m[1]}T${m[2]}+05:30`);
    return Number.isNaN(t) ? undefined : t;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A Smartflo client for the configured account: `Authorization: Bearer` with a permanent
 * `telephony:smartfloToken`, or a one-hour token from `POST /v1/auth/login` with
 * `telephony:smartfloEmail` + `telephony:smartfloPassword` [D], cached per process, renewed before expiry
 * and once after a 401, never two logins at once, and a 429 `retry_after` honoured.
 */
export class SmartfloClient {
    readonly vendor = VENDOR;
    private readonly base: URL;
    private readonly token?: string;
    private readonly email?: string;
    private readonly password?: string;
    private readonly authHint: string;

    constructor(settings: Settings) {
        this.base = baseUrl(settings, "smartfloBaseUrl", "SMARTFLO_BASE_URL", "https://api-smartflo.tatateleservices.com");
        this.token = settings.get("smartfloToken", "SMARTFLO_TOKEN", { secret: true });
        this.email = settings.get("smartfloEmail", "SMARTFLO_EMAIL");
        this.password = settings.get("smartfloPassword", "SMARTFLO_PASSWORD", { secret: true });
        if (!this.token && !(this.email && this.password)) {
            throw new ConfigError(
                "Tata Smartflo credentials are not configured: set `pulumi config set --secret telephony:smartfloToken …` " +
                    "(or SMARTFLO_TOKEN), or telephony:smartfloEmail and telephony:smartfloPassword (SMARTFLO_EMAIL, SMARTFLO_PASSWORD)",
            );
        }
        this.authHint = this.token
            ? "telephony:smartfloToken (SMARTFLO_TOKEN): it may be wrong or revoked"
            : "telephony:smartfloEmail and telephony:smartfloPassword (SMARTFLO_EMAIL, SMARTFLO_PASSWORD)";
    }

    private profile(extra: Partial<VendorProfile> = {}): VendorProfile {
        return { vendor: VENDOR, baseUrl: this.base, classify, authHint: this.authHint, ...extra };
    }

    /**
     * Sends one API request. Each send gets its own core client, so its auth callback knows which token
     * this request carried: after a 401 only that token is renewed (once), and a token another request has
     * already renewed is simply reused, however many requests are in flight.
     */
    send(req: HttpRequest): Promise<HttpResponse> {
        if (this.token) {
            const token = this.token;
            return new VendorHttpClient(this.profile({ authHeaders: async () => ({ authorization: `Bearer ${token}` }) })).send(req);
        }
        let carried: string | undefined;
        let renewed = false;
        return new VendorHttpClient(
            this.profile({
                renewable: true,
                authHeaders: async (renew) => {
                    const stale = renew && !renewed ? carried : undefined;
                    renewed ||= renew;
                    carried = await this.bearer(stale);
                    return { authorization: `Bearer ${carried}` };
                },
            }),
        ).send(req);
    }

    private session(): Session {
        const key = `${this.base.origin}${this.base.pathname}|${this.email}`;
        let s = sessions.get(key);
        if (!s) sessions.set(key, (s = { renewAt: 0, lockedUntil: 0 }));
        return s;
    }

    /** A usable token: the cached one, unless it is near expiry or is the `stale` one a 401 rejected. */
    private bearer(stale?: string): Promise<string> {
        const s = this.session();
        if (s.pending) return s.pending;
        if (s.token && Date.now() < s.renewAt && s.token !== stale) return Promise.resolve(s.token);
        s.pending = this.login(s).finally(() => (s.pending = undefined));
        return s.pending;
    }

    /** Login: `POST /v1/auth/login {email, password}` → `{success, access_token, expires_in, …}` [D]. */
    private async login(s: Session): Promise<string> {
        const operation = "Login (POST /v1/auth/login)";
        const client = new VendorHttpClient(
            this.profile({
                // 429s are handled below, from the body's retry_after: the core's blind retries would only prolong a lock.
                // Everything else transient (5xx, dropped connections) keeps the core's retries.
                policy: { statuses: new Set([408, 500, 502, 503, 504]) },
                classify: (res) => {
                    const c = classify(res);
                    if (!c) return c;
                    if (res.status === 429) {
                        s.retryAfter = typeof res.body?.retry_after === "string" ? res.body.retry_after : undefined;
                    } else if (res.status < 500) {
                        // However the refusal is phrased (401, or a 200 with success: false), it is about the credentials.
                        const count = typeof res.body?.login_failed_count === "number" ? res.body.login_failed_count : undefined;
                        c.kind = "auth";
                        c.hint = `Check ${this.authHint}` + (count === undefined ? "" : `. Failed logins so far: ${count}; Smartflo locks the account after repeated failures`);
                    }
                    return c;
                },
            }),
        );
        for (let attempt = 1; ; attempt++) {
            const wait = s.lockedUntil - Date.now();
            if (attempt > MAX_LOGIN_ATTEMPTS || wait > MAX_LOCK_WAIT_MS) {
                throw new ThrottledError({
                    vendor: VENDOR,
                    operation,
                    status: 429,
                    message: `logins are locked until ${s.retryAfter ? `${s.retryAfter} IST` : new Date(s.lockedUntil).toISOString()}`,
                    hint: "Smartflo locks an account after repeated logins. Wait until then, or configure a permanent token (telephony:smartfloToken)",
                });
            }
            if (wait > 0) await sleep(wait);
            try {
                // A login changes nothing but issuing a token, so resending one whose answer was lost is safe.
                const r = await client.send({ operation, method: "POST", path: urlPath`/v1/auth/login`, body: { email: this.email, password: this.password }, idempotent: true });
                const token = r.body?.access_token;
                if (typeof token !== "string" || !token) throw new ConfigError(`Tata Smartflo ${operation} answered without access_token`);
                registerSecret(token);
                const lifetimeMs = (Number(r.body?.expires_in) > 0 ? Number(r.body.expires_in) : 3600) * 1000;
                s.token = token;
                s.renewAt = Date.now() + (lifetimeMs * 5) / 6;
                return token;
            } catch (e) {
                if (!(e instanceof ThrottledError)) throw e;
                // retry_after has whole seconds: wait one more so the lock has surely lifted [I]. Without one, back off briefly [I].
                const until = parseIstTimestamp(s.retryAfter);
                s.lockedUntil = until !== undefined ? until + 1000 : Date.now() + 2000 * attempt;
            }
        }
    }
}

export function smartfloClient(settings: Settings): SmartfloClient {
    return new SmartfloClient(settings);
}
