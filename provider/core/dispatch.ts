/**
 * One attempt on the wire, as every vendor client sends it (the HTTP client per attempt, the Chime SDK's request
 * handler per attempt of its retry loop): a turn under the vendor's in-flight limit, then the vendor's shared pace
 * (the slot is taken when the request is about to leave, so requests queued behind the limit follow the pace in force),
 * the retry strategy's deadline check and count, the context's transport, and the answer reported to the pace.
 */
import type { ProviderContext } from "./context";
import { Failure, RequestInfo, transportCode, unansweredFailure } from "./failure";
import { RetryToken, retryAfterMs } from "./retry";
import type { TransportResponse } from "./transport";

/** The request as it goes out: method, headers (authentication included), the serialized body. */
export interface Outgoing {
    method: string;
    headers: Record<string, string>;
    body?: string;
}

/**
 * What an attempt came to: an answer (any status), or no usable answer, already classified. Past the deadline
 * nothing is sent and the strategy's error is thrown.
 */
export type Dispatched = { response: TransportResponse } | { failure: Failure };

/** `reach`: what to check when nothing could reach the vendor (its base URL, or the config key of its endpoint). */
export async function dispatch(ctx: ProviderContext, req: RequestInfo, token: RetryToken, url: URL, out: Outgoing, reach: string): Promise<Dispatched> {
    const { retry, pacing, policy } = ctx;
    let timeoutMs = policy.requestTimeoutMs;
    return ctx.gate(req.vendor).run(async () => {
        const sentAt = await pacing.paced(req.vendor);
        timeoutMs = retry.beforeSend(token, req);
        try {
            const response = await ctx.transport(url, { ...out, timeoutMs, clock: ctx.clock });
            // A Retry-After this policy honours holds the vendor's other requests too; a longer one fails the call.
            pacing.answered(req.vendor, sentAt, response.status, retry.honoured(retryAfterMs(response.headers.get("retry-after"), ctx.clock.now())));
            return { response };
        } catch (e) {
            return { failure: unanswered(ctx, req, transportCode(e), timeoutMs, reach) };
        }
    });
}

/** A lost answer: nothing usable arrived (`code`), or a success whose body could not be read (`GARBLED`). */
export function unanswered(ctx: ProviderContext, req: RequestInfo, code: string, timeoutMs: number, reach: string): Failure {
    return unansweredFailure(req, code, { timeoutMs, requestTimeoutMs: ctx.policy.requestTimeoutMs, reach });
}

