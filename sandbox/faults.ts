/**
 * Fault injection, reproducible from a seed: what real vendor APIs do to clients on a bad day.
 * Configured through the admin API (`PUT /_sandbox/faults`), applied per vendor, route and method.
 */

export type FaultKind =
    /** 429 with `Retry-After` in seconds. Not processed. */
    | "throttle-seconds"
    /** 429 with `Retry-After` as an HTTP date. Not processed. */
    | "throttle-date"
    /** 500 / 502 / 503. Not processed. */
    | "error-500"
    | "error-502"
    | "error-503"
    /** Extra latency before the request is processed normally. */
    | "latency"
    /** The connection is reset before the request is processed. */
    | "reset-before"
    /** The request IS processed (a write commits), then the connection is reset: the answer is lost. */
    | "reset-after-commit"
    /** The request IS processed, then no answer is ever sent: the client times out. */
    | "timeout-after-commit";

export const FAULT_KINDS: FaultKind[] = [
    "throttle-seconds",
    "throttle-date",
    "error-500",
    "error-502",
    "error-503",
    "latency",
    "reset-before",
    "reset-after-commit",
    "timeout-after-commit",
];

export interface FaultPlan {
    /** PRNG seed: the same seed and the same request sequence give the same faults. */
    seed: number;
    /** Probability that a matching request gets a fault (0..1). */
    rate: number;
    /** Which faults to draw from (uniformly). Default: all. */
    kinds?: FaultKind[];
    /** Only these vendors (prefixes); default all. */
    vendors?: string[];
    /** Only routes whose name contains one of these strings; default all. */
    routes?: string[];
    /** Only these methods; default all. */
    methods?: string[];
    /** Latency added by "latency" faults, ms (default 300). */
    latencyMs?: number;
    /** Retry-After given by throttle faults, seconds (default 1). */
    retryAfterSeconds?: number;
    /** At most this many faults in a row for one method+path, so a bounded client can get through (default 2). */
    maxConsecutive?: number;
}

/** mulberry32: small, fast, reproducible. */
function prng(seed: number): () => number {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

export class FaultInjector {
    private plan?: FaultPlan;
    private random: () => number = Math.random;
    private readonly streak = new Map<string, number>();
    /** Faults injected, by kind. */
    injected: Record<string, number> = {};

    configure(plan: FaultPlan | undefined): void {
        this.plan = plan;
        this.random = plan ? prng(plan.seed) : Math.random;
        this.streak.clear();
        this.injected = {};
    }

    get current(): FaultPlan | undefined {
        return this.plan;
    }

    /** Decides the fault for one request, or undefined. */
    draw(vendor: string, route: string, method: string, path: string): FaultKind | undefined {
        const p = this.plan;
        if (!p) return undefined;
        if (p.vendors && !p.vendors.includes(vendor)) return undefined;
        if (p.methods && !p.methods.includes(method)) return undefined;
        if (p.routes && !p.routes.some((r) => route.includes(r))) return undefined;
        const key = `${method} ${path}`;
        const streak = this.streak.get(key) ?? 0;
        if (streak >= (p.maxConsecutive ?? 2) || this.random() >= p.rate) {
            this.streak.set(key, 0);
            return undefined;
        }
        const kinds = p.kinds ?? FAULT_KINDS;
        const kind = kinds[Math.floor(this.random() * kinds.length)];
        this.streak.set(key, streak + 1);
        this.injected[kind] = (this.injected[kind] ?? 0) + 1;
        return kind;
    }
}
