/**
 * How requests reach the vendors — timeouts, deadline, retries, backoff, requests in flight — as one object,
 * resolved once from settings (stack config `telephony:*`, else the environment) and handed to every vendor
 * client: the HTTP client (`VendorHttpClient`), the Chime SDK client, the login sessions and the reconciler.
 */
import { ConfigError } from "./errors";
import { Settings } from "./settings";

/**
 * The retry policy, in one place (as ky names its options). Every vendor client uses it, and the reconciler's
 * recovery of unknown-outcome creates waits by its backoff too.
 *
 * How the count and the deadline combine: **time bounds a retry, not a count.** A transient failure (a status in
 * `statuses`, a connection failure that may be retried, a garbled answer) is retried with backoff for as long as the
 * next attempt can start before the deadline — the earlier of `deadlineMs` from the call's start and the deadline of
 * the operation it belongs to (`withOperationDeadline`, set by the reconciler from `telephony:operationDeadlineMs`).
 * `retries` is unbounded by default, so a burst of transient faults within the deadline never reaches the user; a
 * finite `retries` (`telephony:maxRetries`) is an extra, earlier stop for those who prefer failing fast to waiting.
 */
export interface RetryPolicy {
    /**
     * Most attempts after the first; `Infinity` (the default) leaves the deadline as the only bound. A finite value
     * stops earlier, so a burst of faults longer than it reaches the user as an error. 0: never retried.
     */
    retries: number;
    /**
     * Methods retried on a retryable status or a connection failure after the request may have been
     * processed. POST is not here: a create is never retried blindly; the reconciler resolves an unknown
     * outcome by looking the object up. A request may override this with `idempotent`.
     */
    methods: ReadonlySet<string>;
    /** Statuses retried (for the methods above; 429, when listed, for any method, since it says "not processed"). */
    statuses: ReadonlySet<number>;
    /** First backoff; doubles each attempt, with full jitter. */
    baseDelayMs: number;
    /** Ceiling of one backoff. */
    maxDelayMs: number;
    /** Longest `Retry-After` honoured; longer waits fail with ThrottledError instead of hanging. */
    maxRetryAfterMs: number;
    /** Per-request timeout. */
    requestTimeoutMs: number;
    /**
     * Overall deadline for one request including its retries, and for one resource operation (create, read,
     * update, delete with all their calls and recoveries): the engine gives providers none.
     */
    deadlineMs: number;
}

/** The whole request policy: the retry policy plus the limits on how much goes to one vendor at once. */
export interface RequestPolicy extends RetryPolicy {
    /** Most requests in flight to one vendor at once, per process, however many clients are built. */
    maxInFlight: number;
    /**
     * Most requests started per second to one vendor; unset: not paced. Read by the request pacer (issue 13),
     * which fills it per vendor from `telephony:<vendor>RequestsPerSecond`.
     */
    requestsPerSecond?: number;
}

/** Today's defaults; the README's table of retry options describes exactly these. */
export const DEFAULT_POLICY: Readonly<RequestPolicy> = Object.freeze({
    retries: Infinity,
    methods: new Set(["GET", "HEAD", "PUT", "DELETE", "OPTIONS"]),
    statuses: new Set([408, 429, 500, 502, 503, 504]),
    baseDelayMs: 200,
    maxDelayMs: 5_000,
    maxRetryAfterMs: 60_000,
    requestTimeoutMs: 20_000,
    deadlineMs: 180_000,
    maxInFlight: 8,
});

/** The settings a user may override: the policy field, its `telephony:` key, its environment variable, its least value. */
const OVERRIDES: ReadonlyArray<{ field: "requestTimeoutMs" | "deadlineMs" | "retries" | "maxInFlight"; key: string; env: string; min: number }> = [
    { field: "requestTimeoutMs", key: "requestTimeoutMs", env: "TELEPHONY_REQUEST_TIMEOUT_MS", min: 1 },
    { field: "deadlineMs", key: "operationDeadlineMs", env: "TELEPHONY_OPERATION_DEADLINE_MS", min: 1 },
    { field: "retries", key: "maxRetries", env: "TELEPHONY_MAX_RETRIES", min: 0 },
    { field: "maxInFlight", key: "maxConcurrentRequests", env: "TELEPHONY_MAX_CONCURRENT_REQUESTS", min: 1 },
];

/**
 * The policy the settings ask for: the defaults, overridden by `telephony:requestTimeoutMs`,
 * `telephony:operationDeadlineMs`, `telephony:maxRetries` and `telephony:maxConcurrentRequests` (each one from
 * stack config, else its environment variable). A value that is not a whole number in range is a ConfigError
 * naming the key, its variable and the value.
 */
export function resolvePolicy(settings: Settings): RequestPolicy {
    const policy: RequestPolicy = { ...DEFAULT_POLICY };
    for (const o of OVERRIDES) {
        const v = settings.get(o.key, o.env);
        if (v === undefined) continue;
        const n = Number(v.trim());
        if (v.trim() === "" || !Number.isSafeInteger(n) || n < o.min) {
            throw new ConfigError(
                `telephony:${o.key} (or ${o.env}) must be a whole number of at least ${o.min}${o.key.endsWith("Ms") ? " (milliseconds)" : ""}, got ${JSON.stringify(v)}`,
            );
        }
        policy[o.field] = n;
    }
    return Object.freeze(policy);
}

const resolved = new WeakMap<Settings, RequestPolicy>();

/** The policy of these settings, resolved (and validated) on first use and the same object ever after. */
export function policyOf(settings: Settings): RequestPolicy {
    let p = resolved.get(settings);
    if (!p) resolved.set(settings, (p = resolvePolicy(settings)));
    return p;
}
