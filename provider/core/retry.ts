/**
 * The one retry strategy, for every vendor client (as aws-sdk-js-v3 has one strategy object behind every command):
 * the HTTP client drives it from its send loop, and the Chime SDK's own retry loop is handed it through
 * `sdkRetryStrategy` (provider/chime/client.ts). Per call it hands out a token (`acquireInitialRetryToken`); before
 * each attempt leaves it checks the deadline and counts the request (`beforeSend`); after a failed attempt it decides,
 * from the failure classifier's verdict (failure.ts) and the policy (policy.ts), whether and when to try again
 * (`refreshRetryTokenForRetry`), counts the retry and waits on the context's clock — or throws the error to surface,
 * with the deadline's advice when time is what ran out.
 *
 * What is retried: a failure that reached nobody (`notSent`), for any method; a 429 (the vendor did not process it),
 * for any method, when the policy lists 429; a lost answer or a listed status, for a method the policy lists (or a
 * request marked idempotent). A Retry-After longer than the policy honours fails at once. Time bounds the retries,
 * not a count (see RetryPolicy).
 */
import type { Clock } from "./clock";
import { backoffMs, deadlineIn } from "./deadline";
import { VendorError } from "./errors";
import { Failure, RequestInfo, notSentAtDeadline, outcomeUnknown, pastDeadline } from "./failure";
import type { RequestPolicy } from "./policy";
import type { RequestStats } from "./stats";

/** One call's progress: retries made so far, its deadline (epoch ms) and the last attempt's error. */
export interface RetryToken {
    readonly retries: number;
    readonly deadline: number;
    readonly last?: VendorError;
}

/** Parses `Retry-After` (delta-seconds or HTTP-date) into milliseconds. */
export function retryAfterMs(value: string | null | undefined, now: number): number | undefined {
    if (!value) return undefined;
    const v = value.trim();
    if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
    const t = Date.parse(v);
    return Number.isNaN(t) ? undefined : Math.max(0, t - now);
}

export class RetryStrategy {
    constructor(
        readonly policy: RequestPolicy,
        private readonly clock: Clock,
        private readonly stats: RequestStats,
        private readonly random: () => number = Math.random,
    ) {}

    /** A new call's token: its deadline is the policy's from now, or the operation's if that is earlier. */
    acquireInitialRetryToken(): RetryToken {
        return { retries: 0, deadline: deadlineIn(this.clock, this.policy.deadlineMs) };
    }

    /**
     * Right before an attempt leaves: its timeout (the policy's, or what is left of the deadline), and the request
     * counted. Past the deadline nothing is sent — a request with no time left could only add confusion: the first
     * attempt fails as not sent, a later one with the previous failure and the deadline's advice.
     */
    beforeSend(token: RetryToken, req: RequestInfo): number {
        const left = token.deadline - this.clock.now();
        if (left <= 0) throw token.last ? pastDeadline(token.last, token.retries, this.policy.deadlineMs) : notSentAtDeadline(req, this.policy.deadlineMs);
        this.stats.request(req.vendor, req.operation);
        return Math.min(this.policy.requestTimeoutMs, left);
    }

    /** Whether sending `req` twice is harmless: marked so, or its method is in the policy's list. */
    repeatable(req: RequestInfo): boolean {
        return req.idempotent ?? this.policy.methods.has(req.method);
    }

    /**
     * After a failed attempt: waits the backoff (or the vendor's Retry-After, when longer) and returns the next
     * attempt's token; or throws the error the caller surfaces.
     */
    async refreshRetryTokenForRetry(token: RetryToken, failure: Failure, req: RequestInfo): Promise<RetryToken> {
        const { policy } = this;
        const { error, status } = failure;
        const repeatable = this.repeatable(req);
        const retryable =
            status === undefined
                ? failure.notSent || repeatable
                : ((status === 429 || failure.throttled) && policy.statuses.has(429)) || (repeatable && policy.statuses.has(status));
        if (!retryable) throw status !== undefined && status >= 500 && !repeatable ? outcomeUnknown(error) : error;
        if (failure.retryAfterMs !== undefined && failure.retryAfterMs > policy.maxRetryAfterMs) throw error;
        if (token.retries >= policy.retries) throw error;
        const delay = Math.max(failure.retryAfterMs ?? 0, this.backoff(token.retries));
        if (this.clock.now() + delay >= token.deadline) throw pastDeadline(error, token.retries + 1, policy.deadlineMs);
        this.stats.retry(req.vendor, req.operation);
        await this.clock.sleep(delay);
        return { retries: token.retries + 1, deadline: token.deadline, last: error };
    }

    /** The backoff before retry number `attempt`, from the context's random source. */
    backoff(attempt: number): number {
        return backoffMs(attempt, this.policy, this.random);
    }

    /** A Retry-After this policy honours (at most `maxRetryAfterMs`), in ms; undefined when absent or longer. */
    honoured(retryAfter: number | undefined): number | undefined {
        return retryAfter !== undefined && retryAfter <= this.policy.maxRetryAfterMs ? retryAfter : undefined;
    }
}

