/**
 * Time, passed in: every wait and every "how late is it" of the provider goes through a `Clock` — token lifetimes,
 * login locks, pacing, backoff, Retry-After, deadlines and request timeouts. The context (context.ts) carries one;
 * production uses `systemClock`, tests a clock they move by hand, so no test waits for time to pass.
 */
export interface Clock {
    /** Epoch milliseconds. */
    now(): number;
    /** Resolves once `ms` have passed (at once for 0 or less). */
    sleep(ms: number): Promise<void>;
    /**
     * Calls `fn` once `ms` have passed, unless the returned function is called first: the timeout of a request in
     * flight, which its answer cancels.
     */
    setTimer(fn: () => void, ms: number): () => void;
}

/** The machine's clock and Node's timers. */
export const systemClock: Clock = {
    now: () => Date.now(),
    sleep: (ms) => (ms > 0 ? new Promise<void>((r) => setTimeout(r, ms)) : Promise.resolve()),
    setTimer(fn, ms) {
        const t = setTimeout(fn, Math.max(0, ms));
        return () => clearTimeout(t);
    },
};
