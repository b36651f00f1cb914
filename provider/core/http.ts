import {
    AlreadyExistsError,
    AuthError,
    ConfigError,
    InvalidRequestError,
    NotFoundError,
    OutcomeUnknownError,
    NotSentError,
    ServiceError,
    ThrottledError,
    Vendor,
    VendorError,
    VendorErrorDetail,
    VendorErrorInit,
} from "./errors";
import { AsyncLocalStorage } from "async_hooks";
import { RequestPolicy, RetryPolicy } from "./policy";
import { answered, paced } from "./pacing";
import { redact } from "./secrets";
import type { TokenSession } from "./token-session";
import { Transport, TransportResponse, nodeTransport } from "./transport";

const operation = new AsyncLocalStorage<{ deadline: number }>();

/**
 * Runs one resource operation (a create with its lookups and resends, a delete, …) under a deadline: every request
 * sent within it, through any client, stops retrying by then. Nested calls keep the earlier deadline.
 */
export function withOperationDeadline<T>(ms: number, fn: () => Promise<T>): Promise<T> {
    const outer = operation.getStore()?.deadline ?? Infinity;
    return operation.run({ deadline: Math.min(outer, Date.now() + ms) }, fn);
}

/** The deadline (epoch ms) of the operation in progress, if any. */
export function operationDeadline(): number | undefined {
    return operation.getStore()?.deadline;
}

/** The backoff before retry number `attempt` (0-based): doubling from the base, capped, with full jitter. */
export function backoffMs(attempt: number, policy: Pick<RetryPolicy, "baseDelayMs" | "maxDelayMs">): number {
    return Math.random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(attempt, 30));
}

/**
 * Appends one JSON line per request, retry or recovery lookup to $TELEPHONY_STATS_FILE, for measurements (fault
 * suite, seed sweep).
 */
export function stat(event: "request" | "retry" | "lookup", vendor: string, operation: string): void {
    const file = process.env.TELEPHONY_STATS_FILE;
    if (file) require("fs").appendFileSync(file, `${JSON.stringify({ event, vendor, operation })}\n`);
}

export type Method = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

export interface HttpRequest {
    /** The vendor's name for the call, used in errors (`CreateSIPUser`). */
    operation: string;
    method: Method;
    /** A path built with `urlPath`, relative to the vendor base URL. */
    path: EncodedPath;
    query?: Record<string, string | number | boolean | undefined>;
    body?: unknown;
    /** Overrides the policy's method list: true for a PATCH that sets absolute values, say. */
    idempotent?: boolean;
    /** Extra headers (never secrets: those come from the profile's `authHeaders`). */
    headers?: Record<string, string>;
}

export interface HttpResponse {
    status: number;
    headers: TransportResponse["headers"];
    /** Parsed JSON body, or undefined when empty (a body that is not JSON never gets this far on a 2xx). */
    body: any;
    text: string;
    /** The body was not empty and not JSON: cut short, or a proxy's page instead of the vendor's answer. */
    garbled?: boolean;
}

/** Which typed error a failed response becomes; `kind` lets a vendor override the status-based choice. */
export interface ClassifiedError extends VendorErrorDetail {
    kind?: "not-found" | "auth" | "already-exists" | "invalid" | "throttled" | "service";
    hint?: string;
}

export interface VendorProfile {
    vendor: Vendor;
    baseUrl: URL;
    /** Headers that authenticate a request with a credential that does not change (an API key, a permanent token). */
    authHeaders?: () => Promise<Record<string, string>>;
    /**
     * Authentication by a login token instead: each request carries `header(token)` with a token from `tokens`; a
     * 401 invalidates exactly the token that request carried and the request is resent once with a fresh one.
     */
    session?: { tokens: TokenSession; header: (token: string) => Record<string, string> };
    /** Returns undefined for success, else what the vendor said. Default: 2xx is success. */
    classify?: (res: HttpResponse) => ClassifiedError | undefined;
    /** Which config keys to check when authentication fails. */
    authHint: string;
    /**
     * Which account the credential opens, as a digest that reveals nothing (never the credential itself): with the
     * base URL it tells whether two clients see the same objects, for answers shared between them.
     */
    account?: string;
}

/** A URL path whose dynamic segments have been encoded; only `urlPath` makes one. */
export class EncodedPath {
    /** @internal */
    constructor(readonly value: string) {}
    toString(): string {
        return this.value;
    }
}

const MAX_SEGMENT = 256;

/**
 * Builds a path from a template, encoding each interpolated value as one path segment, so an id taken from
 * config, inputs or state can never change which endpoint is called (`../token`, `a/b`, `?x=1`, CRLF …).
 */
export function urlPath(strings: TemplateStringsArray, ...values: Array<string | number>): EncodedPath {
    let out = strings[0];
    values.forEach((v, i) => {
        const s = String(v);
        if (s.length === 0 || s.length > MAX_SEGMENT || s === "." || s === ".." || /[\u0000-\u001f\u007f]/.test(s)) {
            throw new ConfigError(`refusing to put ${JSON.stringify(s.slice(0, 40))}${s.length > 40 ? "…" : ""} into a URL path: not a valid identifier`);
        }
        out += encodeURIComponent(s) + strings[i + 1];
    });
    return new EncodedPath(out);
}

/** One limit on requests in flight per vendor and process, however many clients are built. */
const gates = new Map<string, RequestGate>();

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

/**
 * The gate of a vendor under a policy's `maxInFlight`: every client of that vendor, HTTP or SDK, sends through
 * the same one.
 */
export function requestGate(vendor: string, policy: Pick<RequestPolicy, "maxInFlight">): RequestGate {
    const key = `${vendor} ${policy.maxInFlight}`;
    let gate = gates.get(key);
    if (!gate) gates.set(key, (gate = new RequestGate(policy.maxInFlight)));
    return gate;
}

/**
 * The transport every VendorHttpClient sends through (transport.ts). Tests that check the exact request a vendor
 * operation builds (and how a documented answer parses) swap it with `useTransport`, with no server involved.
 */
let transport: Transport = nodeTransport;

/** Replaces the transport (a test's capture of requests); without an argument, restores Node's HTTP. */
export function useTransport(fn?: Transport): void {
    transport = fn ?? nodeTransport;
}

let agent: string | undefined;
/** `pulumi-telephony/<version>`: gateways that refuse a request without a User-Agent exist, and it tells the vendor who calls. */
export function userAgent(): string {
    return (agent ??= `pulumi-telephony/${(require("pulumi-telephony/package.json") as { version: string }).version}`);
}

/** Counters a test or a report can read: how the client fared. */
export const httpStats = { requests: 0, retries: 0, byVendor: {} as Record<string, { requests: number; retries: number }> };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Parses `Retry-After` (delta-seconds or HTTP-date) into milliseconds. */
export function retryAfterMs(value: string | null | undefined, now = Date.now()): number | undefined {
    if (!value) return undefined;
    const v = value.trim();
    if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
    const t = Date.parse(v);
    return Number.isNaN(t) ? undefined : Math.max(0, t - now);
}

/** A Retry-After the policy honours (at most `maxRetryAfterMs`), in milliseconds; undefined when absent or longer. */
export function honouredRetryAfter(value: string | null | undefined, policy: Pick<RequestPolicy, "maxRetryAfterMs">): number | undefined {
    const ms = retryAfterMs(value);
    return ms !== undefined && ms <= policy.maxRetryAfterMs ? ms : undefined;
}

/** Connection failures in which the request never reached the server: safe to retry for any method. */
export const NOT_SENT: ReadonlySet<string> = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "CONNECT_TIMEOUT", "EHOSTUNREACH", "ENETUNREACH"]);

function errorCode(e: unknown): string | undefined {
    const any = e as { code?: string; cause?: { code?: string }; name?: string };
    if (any?.code === "CONNECT_TIMEOUT") return "CONNECT_TIMEOUT";
    if (any?.name === "TimeoutError" || any?.name === "AbortError") return "TIMEOUT";
    return any?.cause?.code ?? any?.code;
}

/**
 * One HTTP client per vendor: authenticated JSON requests with a per-request timeout, an overall deadline,
 * retries with capped exponential backoff and jitter that honour Retry-After, a limit on requests in flight,
 * and typed, redacted errors.
 */
export class VendorHttpClient {
    private readonly gate: RequestGate;

    /** `policy`: the one resolved from settings (`policyOf`), as every client factory receives it. */
    constructor(
        private readonly profile: VendorProfile,
        private readonly policy: RequestPolicy,
    ) {
        this.gate = requestGate(profile.vendor, policy);
    }

    get vendor(): Vendor {
        return this.profile.vendor;
    }

    /** The base URL and the profile's account digest: equal for clients that see the same objects. */
    get account(): string {
        return `${this.profile.baseUrl.href} ${this.profile.account ?? ""}`;
    }

    /** Sends a request; returns the response when the vendor reports success, else throws a VendorError. */
    async send(req: HttpRequest): Promise<HttpResponse> {
        const url = this.url(req);
        const deadline = Math.min(Date.now() + this.policy.deadlineMs, operationDeadline() ?? Infinity);
        const retryOnUncertain = req.idempotent ?? this.policy.methods.has(req.method);
        let renewed = false; // at most one fresh token per call
        const stats = (httpStats.byVendor[this.vendor] ??= { requests: 0, retries: 0 });
        let previous: VendorError | undefined; // the last attempt's failure
        for (let attempt = 0; ; attempt++) {
            let res: HttpResponse | undefined;
            let failure: unknown;
            const { headers, token } = await this.headers(req);
            httpStats.requests++;
            stats.requests++;
            stat("request", this.vendor, req.operation);
            let timeoutMs = this.policy.requestTimeoutMs;
            let sentAt = 0;
            try {
                // A turn under the in-flight limit, then the vendor's shared pace (pacing.ts): the slot is taken when
                // the request is about to leave, so requests queued behind the limit follow the pace in force.
                res = await this.gate.run(async () => {
                    sentAt = await paced(this.vendor);
                    timeoutMs = Math.min(this.policy.requestTimeoutMs, deadline - Date.now());
                    // Past the deadline nothing is sent: a request with no time left could only add confusion.
                    if (timeoutMs <= 0) throw Object.assign(new Error("the deadline has passed"), { code: "DEADLINE" });
                    return this.fetchOnce(url, req, headers, timeoutMs);
                });
            } catch (e) {
                failure = e;
            }

            let waitMs: number | undefined;
            let error: VendorError | undefined;
            if (res?.garbled && res.status >= 200 && res.status < 300) {
                // A success whose body is not the JSON it should be is no answer: the request was carried out, but
                // what it returned is lost. Treated as a lost answer: retried when repeating is harmless, else the
                // caller resolves it (the reconciler looks the object up).
                failure = Object.assign(new Error("garbled answer"), { code: "GARBLED_BODY" });
                res = undefined;
            }
            if (res) {
                // A Retry-After this client honours holds the vendor's other requests too; a longer one fails fast below.
                answered(this.vendor, sentAt, res.status, honouredRetryAfter(res.headers.get("retry-after"), this.policy));
                const problem = res.status >= 200 && res.status < 300 && !this.profile.classify ? undefined : this.classify(res);
                if (!problem) return res;
                if (res.status === 401 && this.profile.session && token !== undefined && !renewed) {
                    // The token may have expired: forget it (unless another request has already renewed it) and resend once.
                    renewed = true;
                    this.profile.session.tokens.rejected(token);
                    continue;
                }
                error = this.toError(req, res.status, problem);
                // 429 says "not processed", so it is retried for any method, when the policy lists it.
                const retryable = (res.status === 429 && this.policy.statuses.has(429)) || (retryOnUncertain && this.policy.statuses.has(res.status));
                if (!retryable && res.status >= 500 && !retryOnUncertain) {
                    // A server failure on a request we may not repeat: it may or may not have been carried out.
                    // The caller resolves that (the reconciler looks the object up) rather than guessing.
                    throw new OutcomeUnknownError({
                        vendor: this.vendor,
                        operation: req.operation,
                        status: res.status,
                        code: error.code,
                        message: error.vendorMessage,
                        hint: "The request may or may not have been carried out",
                    });
                }
                if (!retryable) throw error;
                waitMs = retryAfterMs(res.headers.get("retry-after"));
                if (waitMs !== undefined && waitMs > this.policy.maxRetryAfterMs) throw error;
            } else {
                const code = errorCode(failure) ?? "network error";
                if (code === "DEADLINE") throw attempt === 0 ? this.lastError(req) : this.pastDeadline(previous ?? this.lastError(req), attempt);
                const notSent = NOT_SENT.has(code);
                const init: VendorErrorInit = {
                    vendor: this.vendor,
                    operation: req.operation,
                    message:
                        code === "TIMEOUT"
                            ? timeoutMs < this.policy.requestTimeoutMs
                                ? `no answer before the operation deadline (${Math.max(0, timeoutMs)} ms were left)`
                                : `no answer within ${this.policy.requestTimeoutMs} ms`
                            : code === "GARBLED_BODY"
                              ? "the answer's body was not valid JSON (cut short or replaced on the way)"
                              : code === "CONNECT_TIMEOUT"
                                ? `no connection within ${timeoutMs} ms`
                                : `connection failed (${code})`,
                    hint: notSent
                        ? `Check that ${this.profile.baseUrl.origin} is reachable`
                        : "The request may or may not have been carried out",
                    cause: failure,
                };
                error = notSent ? new ServiceError(init) : new OutcomeUnknownError(init);
                if (!notSent && !retryOnUncertain) throw error;
            }

            if (attempt >= this.policy.retries) throw error;
            const delay = Math.max(waitMs ?? 0, backoffMs(attempt, this.policy));
            if (Date.now() + delay >= deadline) throw this.pastDeadline(error, attempt + 1);
            previous = error;
            httpStats.retries++;
            stats.retries++;
            stat("retry", this.vendor, req.operation);
            await sleep(delay);
        }
    }

    /**
     * The request's URL: the base URL's path, then the request's path, joined by exactly one `/` whatever the
     * base looks like (`https://api.opentact.org`, `…/v1`, `…/v1/`). A path-less base has the path `/`, and
     * `/` + `/rest/…` would be `//rest/…`: a different URL on servers and gateways that do not merge slashes.
     */
    url(req: Pick<HttpRequest, "path" | "query">): URL {
        const base = this.profile.baseUrl;
        const url = new URL(base.toString());
        const basePath = base.pathname.replace(/\/+$/, "");
        const path = req.path.value.replace(/^\/*/, "/");
        url.pathname = basePath + path;
        url.search = "";
        url.hash = "";
        for (const [k, v] of Object.entries(req.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
        // Credentials go only to the configured host.
        if (url.origin !== base.origin) throw new ConfigError(`refusing to send a request to ${url.origin}`);
        return url;
    }

    /** The request's headers, and the session token they carry (if any), to invalidate on a 401. */
    private async headers(req: HttpRequest): Promise<{ headers: Record<string, string>; token?: string }> {
        const session = this.profile.session;
        const token = session ? await session.tokens.token() : undefined;
        const auth = session ? session.header(token!) : this.profile.authHeaders ? await this.profile.authHeaders() : {};
        const headers = {
            "user-agent": userAgent(),
            accept: "application/json",
            ...(req.body !== undefined ? { "content-type": "application/json" } : {}),
            ...req.headers,
            ...auth,
        };
        return { headers, token };
    }

    private async fetchOnce(url: URL, req: HttpRequest, headers: Record<string, string>, timeout: number): Promise<HttpResponse> {
        // A redirect is not followed (the transport never does): it must not carry our credentials elsewhere.
        const r = await transport(url, { method: req.method, headers, body: req.body === undefined ? undefined : JSON.stringify(req.body), timeoutMs: timeout });
        const text = r.text;
        let body: unknown;
        let garbled = false;
        try {
            body = text ? JSON.parse(text) : undefined;
        } catch {
            body = undefined;
            garbled = true;
        }
        if (process.env.TELEPHONY_LOG === "debug") {
            process.stderr.write(redact(`[telephony] ${this.vendor} ${req.method} ${url.pathname} -> ${r.status}\n`));
        }
        return { status: r.status, headers: r.headers, body, text, garbled };
    }

    /** The error of a call whose deadline passed before it could be sent. */
    private lastError(req: HttpRequest): VendorError {
        return new NotSentError({
            vendor: this.vendor,
            operation: req.operation,
            message: "not sent: the operation deadline had passed",
            hint: `The operation ran out of time (telephony:operationDeadlineMs, ${this.policy.deadlineMs} ms). Run \`pulumi up\` again, or raise the deadline`,
        });
    }

    /** The last error of a call that ran out of time, saying how often it tried and what to do. */
    private pastDeadline(error: VendorError, attempts: number): VendorError {
        const Same = error.constructor as new (init: VendorErrorInit) => VendorError;
        return new Same({
            vendor: error.vendor,
            operation: error.operation,
            status: error.status,
            code: error.code,
            message: error.vendorMessage,
            meaning: error.meaning,
            fields: error.fields,
            hint:
                `${error.hint ? `${error.hint}. ` : ""}Tried ${attempts} time${attempts === 1 ? "" : "s"} until the operation deadline ` +
                `(telephony:operationDeadlineMs, ${this.policy.deadlineMs} ms); the vendor kept failing. Run \`pulumi up\` again later, or raise the deadline`,
            cause: (error as { cause?: unknown }).cause,
        });
    }

    private classify(res: HttpResponse): ClassifiedError | undefined {
        if (this.profile.classify) return this.profile.classify(res);
        return res.status >= 200 && res.status < 300 ? undefined : { message: res.text.slice(0, 300) || undefined };
    }

    private toError(req: HttpRequest, status: number, c: ClassifiedError): VendorError {
        const init: VendorErrorInit = { vendor: this.vendor, operation: req.operation, status, ...c };
        return typedError(c.kind ?? kindOfStatus(status), init, this.profile.authHint);
    }
}

export type ErrorKind = NonNullable<ClassifiedError["kind"]>;

/** The kind of failure an HTTP status means, when the vendor's own envelope says nothing more specific. */
export function kindOfStatus(status: number): ErrorKind {
    if (status === 401 || status === 403) return "auth";
    if (status === 404) return "not-found";
    if (status === 409) return "already-exists";
    if (status === 429) return "throttled";
    return status >= 500 ? "service" : "invalid";
}

/**
 * The typed error for a kind of failure, with a default "what to do" where the vendor gave none. One mapping for
 * every client, HTTP or SDK (the Chime client maps AWS exceptions through it too).
 */
export function typedError(kind: ErrorKind, init: VendorErrorInit, authHint: string): VendorError {
    switch (kind) {
        case "auth":
            return new AuthError({ ...init, hint: init.hint ?? `Check ${authHint}` });
        case "not-found":
            return new NotFoundError(init);
        case "already-exists":
            return new AlreadyExistsError(init);
        case "throttled":
            return new ThrottledError({ ...init, hint: init.hint ?? "The vendor is rate limiting; try again later or lower telephony:maxConcurrentRequests" });
        case "service":
            return new ServiceError({ ...init, hint: init.hint ?? "The vendor failed; try again later" });
        default:
            return new InvalidRequestError({ ...init, hint: init.hint ?? "Fix the values named above in your program" });
    }
}
