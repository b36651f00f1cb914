/**
 * The HTTP client every REST vendor uses (OpenTact, Smartflo, IPPanel, Verigator): authenticated JSON requests on
 * the context's transport, each attempt through the shared dispatch (in-flight limit, pace, deadline, counts), every
 * failure typed by the one classifier and retried by the one strategy, redacted errors.
 */
import { ConfigError, Vendor } from "./errors";
import type { ProviderContext } from "./context";
import { Dispatched, dispatch, unanswered } from "./dispatch";
import { ClassifiedError, Failure, GARBLED, RequestInfo, answeredFailure } from "./failure";
import { RetryToken, retryAfterMs } from "./retry";
import { redact } from "./secrets";
import type { TokenSession } from "./token-session";
import { TransportResponse } from "./transport";

export type { ClassifiedError } from "./failure";

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

let agent: string | undefined;
/** `pulumi-telephony/<version>`: gateways that refuse a request without a User-Agent exist, and it tells the vendor who calls. */
export function userAgent(): string {
    return (agent ??= `pulumi-telephony/${(require("pulumi-telephony/package.json") as { version: string }).version}`);
}

/** The request's headers, and the login token they carry (if any), to invalidate on a 401. */
interface Credentials {
    headers: Record<string, string>;
    token?: string;
}

/**
 * One HTTP client per vendor and context: authenticated JSON requests with a per-request timeout, an overall
 * deadline, retries with capped exponential backoff and jitter that honour Retry-After, a limit on requests in
 * flight, a shared pace, and typed, redacted errors.
 */
export class VendorHttpClient {
    constructor(
        private readonly profile: VendorProfile,
        readonly context: ProviderContext,
    ) {}

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
        const info: RequestInfo = { vendor: this.vendor, operation: req.operation, method: req.method, idempotent: req.idempotent };
        let token = this.context.retry.acquireInitialRetryToken();
        let renewed = false; // at most one fresh login token per call
        for (;;) {
            const credentials = await this.credentials(req);
            const outcome = await this.attempt(url, req, info, credentials, token);
            if ("response" in outcome) {
                const failure = this.failureOf(info, outcome.response);
                if (!failure) return outcome.response;
                if (!renewed && this.renewable(outcome.response, credentials)) {
                    renewed = true;
                    continue;
                }
                token = await this.context.retry.refreshRetryTokenForRetry(token, failure, info);
            } else token = await this.context.retry.refreshRetryTokenForRetry(token, outcome.failure, info);
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

    /** The headers of an attempt: ours, the request's, then the credential (a session's current token, or the profile's). */
    private async credentials(req: HttpRequest): Promise<Credentials> {
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

    /**
     * One attempt: dispatched (dispatch.ts), its body parsed. A success whose body is not the JSON it should be is
     * no answer: the request was carried out, but what it returned is lost — a lost answer, retried when repeating is
     * harmless, else the caller resolves it (the reconciler looks the object up). A redirect is never followed (the
     * transport does not): it must not carry our credentials elsewhere.
     */
    private async attempt(url: URL, req: HttpRequest, info: RequestInfo, credentials: Credentials, token: RetryToken): Promise<{ response: HttpResponse } | { failure: Failure }> {
        const body = req.body === undefined ? undefined : JSON.stringify(req.body);
        const sent: Dispatched = await dispatch(this.context, info, token, url, { method: req.method, headers: credentials.headers, body }, this.profile.baseUrl.origin);
        if (!("response" in sent)) return sent;
        const response = this.parse(sent.response, req, url);
        if (response.garbled && response.status >= 200 && response.status < 300) return { failure: unanswered(this.context, info, GARBLED, 0, this.profile.baseUrl.origin) };
        return { response };
    }

    private parse(r: TransportResponse, req: HttpRequest, url: URL): HttpResponse {
        let body: unknown;
        let garbled = false;
        try {
            body = r.text ? JSON.parse(r.text) : undefined;
        } catch {
            body = undefined;
            garbled = true;
        }
        if (process.env.TELEPHONY_LOG === "debug") {
            process.stderr.write(redact(`[telephony] ${this.vendor} ${req.method} ${url.pathname} -> ${r.status}\n`));
        }
        return { status: r.status, headers: r.headers, body, text: r.text, garbled };
    }

    /** Undefined when the vendor reports success; else the classified failure (the vendor's `classify`, or the status). */
    private failureOf(info: RequestInfo, res: HttpResponse): Failure | undefined {
        const ok = res.status >= 200 && res.status < 300;
        const said = this.profile.classify ? this.profile.classify(res) : ok ? undefined : { message: res.text.slice(0, 300) || undefined };
        if (!said) return undefined;
        return answeredFailure(info, res.status, said, this.profile.authHint, retryAfterMs(res.headers.get("retry-after"), this.context.clock.now()));
    }

    /**
     * A 401 to a request that carried a login token: the token may have expired. It is forgotten (unless another
     * request has renewed it already) and the request is sent once more, with a fresh one.
     */
    private renewable(res: HttpResponse, credentials: Credentials): boolean {
        if (res.status !== 401 || !this.profile.session || credentials.token === undefined) return false;
        this.profile.session.tokens.rejected(credentials.token);
        return true;
    }
}
