/**
 * Time for tests: a clock they move by hand (`ManualClock`), passed into the context (`ProviderContext`'s `clock`,
 * or the runtime's `useServices`), so token lifetimes, login locks, pacing, backoff, Retry-After, deadlines and request
 * timeouts are tested without waiting for them.
 */
import type { Clock } from "../provider/core/clock";

/**
 * A clock that moves only when told to:
 * - `sleep(ms)` passes at once: the waiter's time moves the clock to `ms` after the moment it asked (if that is later);
 *   each wait asked for is kept in `sleeps`, and `onSleep` (what time passing does elsewhere, e.g. a vendor lifting a
 *   lock) runs before the sleeper wakes;
 * - a timer (`setTimer`: a request's timeout) fires only when `advance` moves the clock past it, so a request in
 *   flight never times out because another task slept.
 */
export class ManualClock implements Clock {
    /** Every sleep asked for, in ms, in the order asked. */
    readonly sleeps: number[] = [];
    private timers: Array<{ at: number; fn: () => void }> = [];
    onSleep?: (ms: number) => Promise<void> | void;

    constructor(public t: number = Date.parse("2026-06-01T09:00:00Z")) {}

    now(): number {
        return this.t;
    }

    async sleep(ms: number): Promise<void> {
        const wake = this.t + Math.max(0, ms);
        this.sleeps.push(ms);
        await this.onSleep?.(ms);
        this.t = Math.max(this.t, wake);
        await new Promise((r) => setImmediate(r));
    }

    setTimer(fn: () => void, ms: number): () => void {
        const timer = { at: this.t + ms, fn };
        this.timers.push(timer);
        return () => (this.timers = this.timers.filter((t) => t !== timer));
    }

    /** Moves the clock on by `ms` and fires the timers due by then, earliest first. */
    advance(ms: number): void {
        this.t += ms;
        const due = this.timers.filter((t) => t.at <= this.t).sort((a, b) => a.at - b.at);
        this.timers = this.timers.filter((t) => t.at > this.t);
        for (const t of due) t.fn();
    }

    /** Timers waiting to fire (a request in flight holds one). */
    get pendingTimers(): number {
        return this.timers.length;
    }
}

/** A seeded source for backoff jitter (mulberry32): the same waits in every run. */
export function seededRandom(seed: number): () => number {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

/**
 * Waits until `cond` holds — a state another part of the test reaches (a request has arrived at the server), never
 * a duration: it looks again every few milliseconds, and the test's own timeout bounds it.
 */
export async function until(cond: () => boolean): Promise<void> {
    while (!cond()) await new Promise((r) => setTimeout(r, 2));
}
