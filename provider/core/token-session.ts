/**
 * One login session per vendor account, shared by every request of the context (`ProviderContext.session`): the
 * token a login (email + password) returns, for the vendors that authenticate that way (OpenTact, Smartflo).
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
import { Clock, systemClock } from "./clock";
import { operationDeadline } from "./deadline";

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
    /** The clock (the context's); tests move it to a token's expiry or past a lock without waiting. */
    clock?: Clock;
}

export class TokenSession {
    private current?: { token: string; renewAt: number };
    private pending?: Promise<string>;
    private lock?: LoginLocked;
    private readonly clock: Clock;

    constructor(private readonly options: TokenSessionOptions) {
        this.clock = options.clock ?? systemClock;
    }

    private now(): number {
        return this.clock.now();
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
                if (wait > 0) await this.clock.sleep(wait);
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
