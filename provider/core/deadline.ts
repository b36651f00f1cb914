/**
 * Deadlines and backoff: what the reconciler (resending an unknown-outcome create) and every vendor client
 * (retrying a request) both wait by. Beneath both, so neither reaches into the other for them.
 */
import { AsyncLocalStorage } from "async_hooks";
import type { Clock } from "./clock";
import type { RetryPolicy } from "./policy";

const operation = new AsyncLocalStorage<{ deadline: number }>();

/**
 * Runs one resource operation (a create with its lookups and resends, a delete, …) under a deadline `ms` from now:
 * every request sent within it, through any client, stops retrying by then. Nested calls keep the earlier deadline.
 */
export function withOperationDeadline<T>(clock: Clock, ms: number, fn: () => Promise<T>): Promise<T> {
    const outer = operation.getStore()?.deadline ?? Infinity;
    return operation.run({ deadline: Math.min(outer, clock.now() + ms) }, fn);
}

/** The deadline (epoch ms) of the operation in progress, if any. */
export function operationDeadline(): number | undefined {
    return operation.getStore()?.deadline;
}

/** The earlier of `ms` from now and the deadline of the operation in progress. */
export function deadlineIn(clock: Clock, ms: number): number {
    return Math.min(clock.now() + ms, operationDeadline() ?? Infinity);
}

/**
 * The backoff before retry number `attempt` (0-based): doubling from the base, capped, with full jitter.
 * `random` is the context's source (seeded in tests that need the exact waits).
 */
export function backoffMs(attempt: number, policy: Pick<RetryPolicy, "baseDelayMs" | "maxDelayMs">, random: () => number = Math.random): number {
    return random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(attempt, 30));
}
