/**
 * How the clients fared: requests sent and retries made, per vendor — every vendor counted the same way, HTTP or SDK
 * (the retry strategy counts both, see retry.ts) — and the reconciler's recovery lookups. One per context.
 */
import * as fs from "fs";

export type StatEvent = "request" | "retry" | "lookup";

export class RequestStats {
    requests = 0;
    retries = 0;
    readonly byVendor: Record<string, { requests: number; retries: number }> = {};

    /**
     * `file`: where each event is also appended as a JSON line, for measurements across processes (the fault suite,
     * the seed sweep: $TELEPHONY_STATS_FILE).
     */
    constructor(private readonly file: string | undefined = process.env.TELEPHONY_STATS_FILE) {}

    /** A request handed to the transport. */
    request(vendor: string, operation: string): void {
        this.requests++;
        this.of(vendor).requests++;
        this.append("request", vendor, operation);
    }

    /** A retry decided (the wait before it follows). */
    retry(vendor: string, operation: string): void {
        this.retries++;
        this.of(vendor).retries++;
        this.append("retry", vendor, operation);
    }

    /** A lookup the reconciler made to resolve an unknown outcome (`kind`: the resource kind). */
    lookup(kind: string, why: string): void {
        this.append("lookup", kind, why);
    }

    private of(vendor: string) {
        return (this.byVendor[vendor] ??= { requests: 0, retries: 0 });
    }

    private append(event: StatEvent, vendor: string, operation: string): void {
        if (this.file) fs.appendFileSync(this.file, `${JSON.stringify({ event, vendor, operation })}\n`);
    }
}
