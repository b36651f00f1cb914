/**
 * A per-vendor request rate limit, as the vendors' gateways enforce one: a token bucket of `burst` requests refilled
 * at `rps` per second. A request beyond it is answered 429 in the vendor's own throttling shape and not processed.
 * Off until set: `PUT /_sandbox/ratelimit {vendor, rps, burst}` (burst defaults to rps, at least 1);
 * `DELETE /_sandbox/ratelimit` lifts every limit; `GET` shows the limits and how many requests each refused.
 *
 * No vendor documents its limits or its 429 body (shared/reference/vendor-apis.md, "Cross-vendor facts"); the shapes
 * below follow each emulator's error envelope. Amazon Chime's is documented (ThrottledClientException, 429) [S];
 * the others and the absence of Retry-After are inferences [I]. Sending no Retry-After is the stricter choice:
 * a client must pace itself without being told how long to wait.
 */
import { randomUUID } from "crypto";
import { SandboxResponse, json } from "./core";

interface Bucket {
    rps: number;
    burst: number;
    tokens: number;
    at: number;
    refused: number;
}

/** The 429 each vendor answers when it throttles. */
const THROTTLED: Record<string, () => SandboxResponse> = {
    // [S] Chime: ThrottledClientException, status 429, `{Code, Message}` with the type in x-amzn-ErrorType.
    chime: () => json(429, { Code: "ThrottledClient", Message: "Rate exceeded" }, { "x-amzn-ErrorType": "ThrottledClientException", "x-amzn-RequestId": randomUUID() }),
    // [I] Smartflo's error envelope, as its login lockout answers.
    smartflo: () => json(429, { success: false, message: "Too Many Requests" }),
    // [I] OpenTact's, IPPanel's and Verigator's gateways: a plain message.
    opentact: () => json(429, { message: "Too Many Requests" }),
    ippanel: () => json(429, { status: "error", message: "Too Many Requests" }),
    verigator: () => json(429, { message: "Too Many Requests" }),
};

export class RateLimits {
    private readonly buckets = new Map<string, Bucket>();

    constructor(private readonly now: () => number = () => performance.now()) {}

    /** Sets (rps > 0) or lifts (rps absent) one vendor's limit. */
    configure(body: { vendor?: string; rps?: number; burst?: number } | undefined): SandboxResponse | undefined {
        if (!body?.vendor) {
            this.buckets.clear();
            return undefined;
        }
        if (!(body.vendor in THROTTLED)) return json(400, { message: `no vendor ${JSON.stringify(body.vendor)}` });
        if (body.rps === undefined) {
            this.buckets.delete(body.vendor);
            return undefined;
        }
        if (!(typeof body.rps === "number" && body.rps > 0)) return json(400, { message: "rps must be a positive number" });
        const burst = Math.max(1, body.burst ?? body.rps);
        this.buckets.set(body.vendor, { rps: body.rps, burst, tokens: burst, at: this.now(), refused: 0 });
        return undefined;
    }

    /** Takes a token for a request to `vendor`; returns the vendor's 429 when there is none. */
    admit(vendor: string): SandboxResponse | undefined {
        const b = this.buckets.get(vendor);
        if (!b) return undefined;
        const t = this.now();
        b.tokens = Math.min(b.burst, b.tokens + ((t - b.at) / 1000) * b.rps);
        b.at = t;
        if (b.tokens >= 1) {
            b.tokens -= 1;
            return undefined;
        }
        b.refused++;
        return THROTTLED[vendor]();
    }

    get current(): Record<string, { rps: number; burst: number; refused: number }> {
        return Object.fromEntries([...this.buckets].map(([v, b]) => [v, { rps: b.rps, burst: b.burst, refused: b.refused }]));
    }
}
