/**
 * Request pacing: one send rate per vendor and configuration (a provider process has one), shared by every resource of
 * that vendor, so a burst
 * of creates is spread out in time instead of running into the vendor's rate limit and backing off.
 *
 * - `telephony:<vendor>RequestsPerSecond` (e.g. `telephony:opentactRequestsPerSecond`, or the environment variable
 *   `TELEPHONY_OPENTACT_REQUESTS_PER_SECOND`) sets the rate; a 429 still slows it down, and it recovers up to the
 *   configured rate, never above.
 * - Unset, the pace adapts (AIMD, as TCP does): unpaced until the vendor first answers 429, then 0.7 times the rate
 *   the process was sending at over the last second; each further 429 multiplies it by 0.7, at most once per spell of
 *   429s. A run of successes (one second's worth at the current rate) adds 10%, at least 1 request/s, up to just
 *   under the rate the last 429 came at (×0.95); there it holds for one more such run, then probes above in 5% steps.
 *   (Measured in a simulation of 120 creates against a token bucket: the hold halves the 429s at 2 requests/s and
 *   costs nothing at 10.) A Retry-After holds every request to the vendor until it has passed.
 * - A request takes its turn under the in-flight limit (gate.ts) first and its send slot second, so requests queued
 *   behind the limit leave at the pace in force when they leave, not the one when they arrived. A slowdown (a new
 *   spell of 429s, a Retry-After) withdraws the slots already handed out: their holders ask again (`epoch`).
 *
 * The logic is pure given a clock (`now`), so it is unit-tested without timers; the waits are the context's clock's.
 */
import type { Clock } from "./clock";
import { ConfigError } from "./errors";
import type { Settings } from "./settings";

/** The slowest adaptive pace: a vendor that keeps answering 429 still gets a request every 2 seconds. */
export const MIN_RATE = 0.5;
/** Factor applied to the rate on a 429 (once per spell of 429s). */
export const DECREASE = 0.7;
/** Factor applied after a run of successes; the rate grows by at least 1 request/s. */
export const INCREASE = 1.1;
/** Growth stops at this fraction of the rate the last 429 came at, for one run of successes. */
export const BELOW_THROTTLED = 0.95;
/** Then each run of successes adds this factor (probing above the rate that was throttled). */
export const PROBE = 1.05;
/** The window over which the sending rate is measured when the first 429 arrives. */
const WINDOW_MS = 1000;

export class Pacer {
    /** Requests per second; Infinity while unpaced. */
    rate: number;
    /** Changes whenever slots already handed out are withdrawn (a slowdown): a holder of an older slot asks again. */
    epoch = 0;
    /** The earliest time the next request may leave. */
    private next = 0;
    /** No request leaves before this (a Retry-After). */
    private pausedUntil = 0;
    /** Successes since the last 429 or rate change. */
    private successes = 0;
    /** When the rate was last lowered: 429s to requests sent before it say nothing new. */
    private lastDecrease = -Infinity;
    /** The rate the last spell of 429s came at: growth pauses just under it. */
    private throttledAt = Infinity;
    /** Whether the rate has held just under `throttledAt` for a run of successes. */
    private held = false;
    /** Send times within the last WINDOW_MS, to measure the rate when the first 429 arrives. */
    private readonly recent: number[] = [];

    constructor(
        /** The configured rate (a ceiling), or undefined to adapt from unpaced. */
        readonly configured: number | undefined,
        private readonly now: () => number,
    ) {
        this.rate = configured ?? Infinity;
    }

    /** Reserves the next send slot; returns its time (a caller waits until then, then sends). */
    reserve(): number {
        const t = this.now();
        const at = Math.max(t, this.next, this.pausedUntil);
        if (this.rate !== Infinity) this.next = at + 1000 / this.rate;
        if (this.configured === undefined) {
            this.recent.push(at);
            while (this.recent.length > 0 && this.recent[0] <= at - WINDOW_MS) this.recent.shift();
        }
        return at;
    }

    /** The vendor answered a request without throttling it. */
    succeeded(): void {
        if (this.rate === Infinity) return;
        this.successes++;
        if (this.successes < Math.max(1, Math.ceil(this.rate))) return;
        this.successes = 0;
        const stop = this.throttledAt * BELOW_THROTTLED;
        let next: number;
        if (this.rate < stop) next = Math.min(stop, Math.max(this.rate * INCREASE, this.rate + 1));
        else if (!this.held) {
            this.held = true;
            next = this.rate;
        } else next = this.rate * PROBE;
        this.rate = Math.min(this.configured ?? Infinity, next);
    }

    /** The vendor answered 429 to a request sent at `sentAt`, with a Retry-After of `retryAfterMs` if it gave one. */
    throttled(sentAt: number, retryAfterMs?: number): void {
        const t = this.now();
        this.successes = 0;
        if (retryAfterMs !== undefined && t + retryAfterMs > this.pausedUntil) {
            this.pausedUntil = t + retryAfterMs;
            this.epoch++; // slots before the pause's end are withdrawn
        }
        // One decrease per spell: the 429s answering requests sent before the last decrease are the same spell.
        if (sentAt < this.lastDecrease) return;
        this.lastDecrease = t;
        this.held = false;
        if (this.rate === Infinity) {
            const sent = this.recent.filter((s) => s > t - WINDOW_MS).length;
            this.throttledAt = sent;
            this.rate = Math.max(MIN_RATE, sent * DECREASE);
            this.recent.length = 0;
        } else {
            this.throttledAt = this.rate;
            this.rate = Math.max(MIN_RATE, this.rate * DECREASE);
        }
        // Slots handed out at the old pace are withdrawn (their holders reserve again); the next is one slot from now.
        this.next = t + 1000 / this.rate;
        this.epoch++;
    }
}

/**
 * The pacers of one context (one configuration), one per vendor: `telephony:<stem>RequestsPerSecond` (or
 * `TELEPHONY_<STEM>_REQUESTS_PER_SECOND`) for every vendor of `stems` (vendor name → config key stem, e.g.
 * `{"OpenTact": "opentact"}`, which the composition root takes from the registry), read and checked at once, so a bad
 * value fails before any resource is touched.
 */
export class Pacing {
    private readonly pacers = new Map<string, Pacer>();
    private readonly configured: Record<string, number | undefined> = {};

    constructor(
        settings: Settings,
        stems: Readonly<Record<string, string>>,
        private readonly clock: Clock,
    ) {
        for (const [vendor, stem] of Object.entries(stems)) {
            const key = `${stem}RequestsPerSecond`;
            const raw = settings.get(key, `TELEPHONY_${stem.toUpperCase()}_REQUESTS_PER_SECOND`);
            if (raw === undefined) continue;
            const n = Number(raw);
            if (!Number.isFinite(n) || n <= 0) throw new ConfigError(`telephony:${key} must be a positive number of requests per second, got ${JSON.stringify(raw)}`);
            this.configured[vendor] = n;
        }
    }

    /** The pacer of a vendor (display name as in errors, e.g. `OpenTact`). */
    pacer(vendor: string): Pacer {
        let p = this.pacers.get(vendor);
        if (!p) this.pacers.set(vendor, (p = new Pacer(this.configured[vendor], () => this.clock.now())));
        return p;
    }

    /**
     * Waits for the vendor's next send slot; returns the slot's time, to report the answer against. Called by a
     * request that already holds its turn under the in-flight limit, right before it is sent. A slot withdrawn while
     * waiting (the vendor slowed everyone down) is replaced by a new one at the new pace.
     */
    async paced(vendor: string): Promise<number> {
        const pacer = this.pacer(vendor);
        for (;;) {
            const epoch = pacer.epoch;
            const at = pacer.reserve();
            const wait = at - this.clock.now();
            if (wait > 0) await this.clock.sleep(wait);
            if (pacer.epoch === epoch) return at;
        }
    }

    /**
     * Tells a vendor's pace how the request it let out at `sentAt` was answered, whatever client sent it: a 429 slows
     * the pace (and a Retry-After the client honours, `retryAfterMs`, holds every request to the vendor); any other
     * answer counts as a success. No answer at all (a network failure) says nothing about the rate.
     */
    answered(vendor: string, sentAt: number, status: number, retryAfterMs?: number): void {
        if (status === 429) this.pacer(vendor).throttled(sentAt, retryAfterMs);
        else this.pacer(vendor).succeeded();
    }
}
