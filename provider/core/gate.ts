/** The limit on requests in flight to one vendor (`telephony:maxConcurrentRequests`): one gate per vendor and context. */

/** Lets at most `limit` requests through at once; the others wait their turn in arrival order. */
export class RequestGate {
    private active = 0;
    private readonly waiting: Array<() => void> = [];
    constructor(readonly limit: number) {}

    /** Requests waiting for a turn (tests read it to know every request has reached the gate). */
    get queued(): number {
        return this.waiting.length;
    }

    async run<T>(fn: () => Promise<T>): Promise<T> {
        // A finished request hands its turn straight to the next in line: were it freed first, a request arriving
        // before the woken one resumes could take it too, one more than the limit.
        if (this.active >= this.limit) await new Promise<void>((r) => this.waiting.push(r));
        else this.active++;
        try {
            return await fn();
        } finally {
            const next = this.waiting.shift();
            if (next) next();
            else this.active--;
        }
    }
}
