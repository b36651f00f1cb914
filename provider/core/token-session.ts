/**
 * One login session per vendor account, shared by every request of the process: the token a login
 * (email + password) returns, for the vendors that authenticate that way (OpenTact, Smartflo).
 *
 * - One login at a time: whoever needs a token while a login is under way waits for that login.
 * - Renewed ahead of expiry, when the vendor says how long a token lives, so a request never carries one about
 *   to lapse.
 * - A 401 invalidates only the token that request carried (`rejected`). When other requests carried the same
 *   token, the first 401 renews it and the others simply pick up the new one: no second login.
 * - A login the vendor refuses for a while (`LoginLocked`: Smartflo answers repeated logins with 429 and
 *   `retry_after`) is waited out when the lock lifts within the longest wait and the operation deadline, else it
 *   fails at once; the lock is remembered, so later requests fail at once too instead of hammering the vendor.
 */
import { ConfigError } from "./errors";
import { operationDeadline } from "./http";
import { Settings } from "./settings";

/** What a login returns. */
export interface IssuedToken {
    token: string;
    /** How long the vendor says the token lives (ms); undefined: until a request is refused with 401. */
    lifetimeMs?: number;
}

/** Thrown by a login when the vendor has locked logins until `until` (epoch ms); `error` says so to the user. */
export class LoginLocked extends Error {
    constructor(
        readonly until: number,
        readonly error: Error,
    ) {
        super(error.message);
    }
}

export interface TokenSessionOptions {
    /**
     * Logs in once and returns the token; throws `LoginLocked` when logins are locked. `attempt` counts the logins
     * of this renewal (1, 2, …), for a lock that does not say when it lifts.
     */
    login(attempt: number): Promise<IssuedToken>;
    /** Renew once this fraction of the token's lifetime has passed. Default 5/6 (50 of 60 minutes) [I]. */
    renewAfter?: number;
    /** Longest lock waited out; a longer one fails at once. Default 60 s, the longest `Retry-After` honoured. */
    maxLockWaitMs?: number;
    /** Logins tried in one renewal while the vendor keeps answering that logins are locked. Default 3. */
    maxLoginAttempts?: number;
    /** The clock; tests move it to a token's expiry without waiting. */
    now?: () => number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class TokenSession {
    private current?: { token: string; renewAt: number };
    private pending?: Promise<string>;
    private lock?: LoginLocked;
    private readonly now: () => number;

    constructor(private readonly options: TokenSessionOptions) {
        this.now = options.now ?? Date.now;
    }

    /** A usable token: the current one unless it is due for renewal, else the one the login under way brings. */
    token(): Promise<string> {
        if (this.pending) return this.pending;
        const c = this.current;
        if (c && this.now() < c.renewAt) return Promise.resolve(c.token);
        this.pending = this.renew().finally(() => (this.pending = undefined));
        return this.pending;
    }

    /** A request carrying `token` was refused (401): forget it, unless it has already been replaced. */
    rejected(token: string): void {
        if (this.current?.token === token) this.current = undefined;
    }

    private async renew(): Promise<string> {
        const maxAttempts = this.options.maxLoginAttempts ?? 3;
        const maxWait = this.options.maxLockWaitMs ?? 60_000;
        for (let attempt = 1; ; attempt++) {
            const lock = this.lock;
            if (lock) {
                const wait = lock.until - this.now();
                const deadline = operationDeadline();
                if (attempt > maxAttempts || (wait > 0 && (wait > maxWait || (deadline !== undefined && lock.until >= deadline)))) throw lock.error;
                if (wait > 0) await sleep(wait);
            }
            try {
                const issued = await this.options.login(attempt);
                const lifetime = issued.lifetimeMs;
                this.lock = undefined;
                this.current = { token: issued.token, renewAt: lifetime === undefined ? Infinity : this.now() + lifetime * (this.options.renewAfter ?? 5 / 6) };
                return issued.token;
            } catch (e) {
                if (!(e instanceof LoginLocked)) throw e;
                this.lock = e;
            }
        }
    }
}

/** A vendor account's credentials: a permanent token, or an email and password to log in with. */
export type TokenOrLogin = { token: string } | { email: string; password: string };

/**
 * Reads `telephony:<name>Token` (`<ENV>_TOKEN`), else `telephony:<name>Email` + `telephony:<name>Password`
 * (`<ENV>_EMAIL`, `<ENV>_PASSWORD`); neither is a ConfigError naming all of them. The token and the password are
 * registered as secrets.
 */
export function tokenOrLogin(settings: Settings, vendor: string, name: string, env: string): TokenOrLogin {
    const token = settings.get(`${name}Token`, `${env}_TOKEN`, { secret: true });
    const email = settings.get(`${name}Email`, `${env}_EMAIL`);
    const password = settings.get(`${name}Password`, `${env}_PASSWORD`, { secret: true });
    if (token) return { token };
    if (email && password) return { email, password };
    throw new ConfigError(
        `${vendor} credentials are not configured: set \`pulumi config set --secret telephony:${name}Token …\` ` +
            `(or ${env}_TOKEN), or telephony:${name}Email and telephony:${name}Password (${env}_EMAIL, ${env}_PASSWORD)`,
    );
}

const sessions = new Map<string, TokenSession>();

/**
 * The session of one account (`key`: vendor, base URL and login), created with `options` by the first client that
 * asks; every later client of the same account shares it.
 */
export function tokenSession(key: string, options: TokenSessionOptions): TokenSession {
    let s = sessions.get(key);
    if (!s) sessions.set(key, (s = new TokenSession(options)));
    return s;
}

/** Forgets the sessions whose key starts with `prefix` (all by default): tests, programs that rotate credentials. */
export function forgetTokenSessions(prefix = ""): void {
    for (const key of [...sessions.keys()]) if (key.startsWith(prefix)) sessions.delete(key);
}
