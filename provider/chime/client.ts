import { ChimeClient } from "@aws-sdk/client-chime";
import { AsyncLocalStorage } from "async_hooks";
import { Readable } from "stream";
import type { ProviderContext } from "../core/context";
import { dispatch, unanswered } from "../core/dispatch";
import { ConfigError, EndOfSupportError, VendorError, VendorErrorInit } from "../core/errors";
import { ErrorKind, Failure, GARBLED, NOT_SENT, RequestInfo, kindOfAnswer, transportCode, typedError, unansweredFailure } from "../core/failure";
import { RetryToken, retryAfterMs } from "../core/retry";
import { registerSecret } from "../core/secrets";
import { Settings, baseUrl } from "../core/settings";
import { CredentialSource, chimeCredentials } from "./credentials";
import { END_OF_SUPPORT_DATE, chime } from "./vendor";

export const VENDOR = chime.name;

/** A Chime SDK client and what error mapping needs to know about where it points. */
export interface ChimeConnection {
    sdk: ChimeClient;
    region: string;
    /** True when requests go to AWS itself (no endpoint override): only then can a refusal mean end of support. */
    aws: boolean;
    /** The context the client was built in: its retry strategy, clock, pace, in-flight limit, transport and counts. */
    context: ProviderContext;
    /** Where its AWS credentials come from (credentials.ts), for the errors of a refused request. */
    credentials: CredentialSource;
}

/**
 * A Chime operation as the retry strategy and the failure classifier see it: its HTTP method in the API model, and
 * whether repeating it is harmless (`idempotent`) or it changes nothing (`readOnly`).
 */
export interface ChimeOperation {
    operation: string;
    method: "GET" | "POST";
    idempotent?: boolean;
    readOnly?: boolean;
}

/**
 * The signing region: `telephony:chimeRegion`, else `aws:region`, else AWS_REGION / AWS_DEFAULT_REGION, else
 * us-east-1 (the legacy Chime API's only region [D]). `aws:region` is the key @pulumi/aws reads; that package
 * is not a dependency, but the engine hands a dynamic provider's `configure` every namespace of the stack
 * config, so the same key is read here, and then the environment variables the AWS chain (and @pulumi/aws)
 * fall back to.
 */
export function chimeRegion(settings: Settings): string {
    return settings.get("chimeRegion") ?? settings.get("aws:region", "AWS_REGION") ?? settings.get("aws:region", "AWS_DEFAULT_REGION") ?? "us-east-1";
}

/** What to check when no request reaches Chime. */
const REACH = "the Chime endpoint (telephony:chimeEndpoint)";

/**
 * The Chime client of a context for the configured region and endpoint (`telephony:chimeEndpoint` / CHIME_ENDPOINT,
 * how the sandbox or any API-compatible endpoint is reached), built once per context. Credentials come from the stack's
 * `aws:*` keys as @pulumi/aws reads them, else the AWS default chain (credentials.ts), at call time, never from
 * resource inputs. The SDK builds, signs and parses every request; the
 * rest is the core's, as for every vendor:
 * - its request handler (`transportHandler`) sends each attempt through the core's dispatch — in-flight limit,
 *   pace, deadline check and count, the context's transport (the whole answer within the request timeout);
 * - its retry loop is driven by the context's one retry strategy (`sdkRetryStrategy`), which decides by the policy's
 *   statuses and methods, waits on the context's clock, counts retries and stops at the deadline.
 */
export function chimeClient(context: ProviderContext): ChimeConnection {
    const { settings, policy } = context;
    const override = settings.get("chimeEndpoint", "CHIME_ENDPOINT");
    const endpoint = override === undefined ? undefined : baseUrl(settings, "chimeEndpoint", "CHIME_ENDPOINT", override).toString();
    const region = chimeRegion(settings);
    // The SDK never echoes keys in its errors; registering the env chain's secrets guards our own messages too.
    registerSecret(process.env.AWS_SECRET_ACCESS_KEY);
    registerSecret(process.env.AWS_SESSION_TOKEN);
    return context.cached(`chime client ${endpoint}|${region}`, () => {
        const credentials = chimeCredentials(context, region);
        const conn = { region, aws: endpoint === undefined, context, credentials: credentials.source } as ChimeConnection;
        conn.sdk = new ChimeClient({
            region,
            endpoint,
            credentials: credentials.provider,
            retryStrategy: sdkRetryStrategy(conn),
            // Only read by the SDK for its `amz-sdk-request: attempt=n; max=m` header: the strategy enforces the count.
            maxAttempts: Number.isFinite(policy.retries) ? policy.retries + 1 : undefined,
            requestHandler: transportHandler(context),
        });
        return conn;
    });
}

/** One call in progress (`call`): what the handler and the retry strategy share about it. */
interface ChimeCall {
    request: RequestInfo;
    /** The retry strategy's token for the attempt under way. */
    token?: RetryToken;
    /** The last attempt's failure as the handler classified it (no usable answer). */
    failure?: Failure;
    /** The error the strategy decided to surface (with the deadline's advice when time ran out). */
    surfaced?: Error;
}

const calls = new AsyncLocalStorage<ChimeCall>();

/** A request made outside `call` (tests that drive the SDK directly): treated as one that must not be repeated. */
const UNDECLARED: ChimeOperation = { operation: "request", method: "POST" };

/**
 * Sends one SDK command as one call of the retry strategy and turns any failure into the project's typed errors.
 * `op` says what the strategy needs to know of the operation.
 */
export async function call<T>(conn: ChimeConnection, op: ChimeOperation, send: (sdk: ChimeClient) => Promise<T>): Promise<T> {
    const record: ChimeCall = { request: { vendor: VENDOR, ...op } };
    try {
        return await calls.run(record, () => send(conn.sdk));
    } catch (e) {
        if (record.surfaced) throw record.surfaced;
        throw await chimeError(conn, op, e);
    }
}

/** `toChimeError` with what it needs from the connection (and, for a credential refusal, the key the chain found). */
async function chimeError(conn: ChimeConnection, op: Pick<ChimeOperation, "operation" | "readOnly">, e: unknown): Promise<Error> {
    let accessKeyId: string | undefined;
    if (classOf(e) === "auth") accessKeyId = await conn.sdk.config.credentials().then((c) => c.accessKeyId, () => undefined);
    return toChimeError(op.operation, e, { write: !op.readOnly, aws: conn.aws, region: conn.region, accessKeyId, credentials: conn.credentials, now: new Date(conn.context.clock.now()) });
}

/** The SDK's request's URL: its own encoded path, and its query escaped as SigV4 signs it (RFC 3986). */
function urlOf(request: SdkRequest): URL {
    const escape = (v: string) => encodeURIComponent(v).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
    const query = Object.entries(request.query ?? {})
        .flatMap(([k, v]) => (v === null || v === undefined ? [escape(k)] : (Array.isArray(v) ? v : [v]).map((x) => `${escape(k)}=${escape(x)}`)))
        .join("&");
    const port = request.port ? `:${request.port}` : "";
    return new URL(`${request.protocol}//${request.hostname}${port}${request.path}${query ? `?${query}` : ""}`);
}

interface SdkRequest {
    method: string;
    protocol: string;
    hostname: string;
    port?: number;
    path: string;
    query?: Record<string, string | string[] | null>;
    headers: Record<string, string>;
    body?: unknown;
}

/** The SDK's request body as text: a string, or bytes (read as they are: their string methods are the SDK's own). */
function bodyText(body: unknown): string | undefined {
    if (body === undefined || body === null) return undefined;
    if (typeof body === "string") return body;
    const bytes = body as Uint8Array;
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8");
}

/**
 * The SDK's HTTP handler: each attempt of its retry loop goes out through the core's dispatch, on the context's
 * transport (which reads the whole answer within the request timeout); a failure to get a usable answer is
 * classified here, for the retry strategy.
 */
export function transportHandler(context: ProviderContext) {
    return {
        async handle(request: SdkRequest) {
            const current = calls.getStore();
            const info = current?.request ?? { vendor: VENDOR, ...UNDECLARED };
            const token = current?.token ?? context.retry.acquireInitialRetryToken();
            const body = bodyText(request.body);
            const sent = await dispatch(context, info, token, urlOf(request), { method: request.method, headers: request.headers, body }, REACH);
            if ("failure" in sent) {
                if (current) current.failure = sent.failure;
                throw sent.failure.error;
            }
            const r = sent.response;
            return { response: { statusCode: r.status, reason: "", headers: r.headers.all(), body: Readable.from([Buffer.from(r.text, "utf8")]) } };
        },
        updateHttpClientConfig(): void {},
        httpHandlerConfigs: () => ({}),
    };
}

/** The strategy's token as the SDK's retry loop holds it: the wait is already over when it gets it (see below). */
interface SdkRetryToken {
    getRetryCount(): number;
    getRetryDelay(): number;
    core: RetryToken;
}

const sdkToken = (core: RetryToken): SdkRetryToken => ({ getRetryCount: () => core.retries, getRetryDelay: () => 0, core });

/**
 * The context's retry strategy in the SDK's retry loop (its RetryStrategyV2 interface). Each failed attempt is
 * classified — by the handler when no usable answer came, else from the SDK's modeled exception (`toChimeError`):
 * throttling, server errors, a 2xx whose body could not be parsed (a lost answer) — and the strategy decides, waits
 * on the context's clock (so the SDK's own wait is 0) and counts, exactly as for the HTTP clients. Unlike the SDK's
 * standard strategy there is no shared retry quota, so one bad minute cannot switch retries off for every later call.
 */
function sdkRetryStrategy(conn: ChimeConnection) {
    const strategy = conn.context.retry;
    return {
        mode: "standard",
        async acquireInitialRetryToken(): Promise<SdkRetryToken> {
            const token = strategy.acquireInitialRetryToken();
            const current = calls.getStore();
            if (current) current.token = token;
            return sdkToken(token);
        },
        async refreshRetryTokenForRetry(previous: SdkRetryToken, info: { error?: unknown }): Promise<SdkRetryToken> {
            const current = calls.getStore() ?? { request: { vendor: VENDOR, ...UNDECLARED } };
            try {
                const failure = await failureOf(conn, current, info.error);
                const next = await strategy.refreshRetryTokenForRetry(previous.core, failure, current.request);
                current.token = next;
                return sdkToken(next);
            } catch (e) {
                current.surfaced = e as Error;
                throw e;
            }
        },
        recordSuccess(): void {},
    };
}

/** What a failed attempt means (see `sdkRetryStrategy`); throws what is not to be retried at all. */
async function failureOf(conn: ChimeConnection, current: ChimeCall, e: unknown): Promise<Failure> {
    if (current.failure && e === current.failure.error) return current.failure;
    // Our own verdicts (the deadline passed before sending) are final.
    if (e instanceof VendorError || e instanceof ConfigError) throw e;
    const { request } = current;
    const status = statusOf(e);
    // A success the SDK could not parse: the request was carried out, but what it returned is lost.
    if (status !== undefined && status >= 200 && status < 300) return unanswered(conn.context, request, GARBLED, 0, REACH);
    const error = await chimeError(conn, request, e);
    if (!(error instanceof VendorError)) throw error;
    if (status === undefined) return { error, notSent: NOT_SENT.has(transportCode(e)) };
    const headers = (e as SdkError).$response?.headers ?? {};
    const retryAfter = Object.entries(headers).find(([k]) => k.toLowerCase() === "retry-after")?.[1];
    return { error, status, throttled: classOf(e) === "throttled", retryAfterMs: retryAfterMs(retryAfter, conn.context.clock.now()) };
}

type Kind = ErrorKind;

/** Chime's modeled exceptions [seed, S] and AWS's common errors [D], by the `x-amzn-ErrorType` the SDK names them after. */
const KIND_BY_NAME: Record<string, Kind> = {
    NotFoundException: "not-found",
    UnauthorizedClientException: "auth",
    ForbiddenException: "auth",
    AccessDeniedException: "auth",
    InvalidClientTokenId: "auth",
    UnrecognizedClientException: "auth",
    SignatureDoesNotMatch: "auth",
    InvalidSignatureException: "auth",
    MissingAuthenticationToken: "auth",
    MissingAuthenticationTokenException: "auth",
    IncompleteSignature: "auth",
    ExpiredToken: "auth",
    ExpiredTokenException: "auth",
    RequestExpired: "auth",
    ConflictException: "already-exists",
    ThrottledClientException: "throttled",
    ThrottlingException: "throttled",
    BadRequestException: "invalid",
    ResourceLimitExceededException: "invalid",
    ValidationException: "invalid",
    ServiceFailureException: "service",
    ServiceUnavailableException: "service",
    InternalFailure: "service",
};

interface SdkError {
    name?: string;
    message?: string;
    code?: string;
    Code?: string;
    $metadata?: { httpStatusCode?: number; requestId?: string; attempts?: number };
    $response?: { headers?: Record<string, string> };
    cause?: { code?: string };
}

function statusOf(e: unknown): number | undefined {
    return (e as SdkError)?.$metadata?.httpStatusCode;
}

/**
 * The kind of an SDK failure: by exception type, else as the core classifies every vendor's answer (failure.ts). A
 * refusal whose words name a duplicate (a BadRequestException saying "already associated", say) is already-exists,
 * as for every vendor (core/duplicate.ts): a BadRequestException's type says only "invalid", so its words decide.
 */
function classOf(e: unknown): Kind | undefined {
    const status = statusOf(e);
    if (status === undefined) return undefined;
    const byName = KIND_BY_NAME[(e as SdkError).name ?? ""];
    return kindOfAnswer(status, { kind: byName === "invalid" ? undefined : byName, message: (e as SdkError).message });
}


/**
 * Whether a failure means the Amazon Chime service itself is gone, not that this request was wrong. [I] AWS
 * has not documented how the retired API answers, so this reads the signals a withdrawn service can give:
 * from any endpoint, HTTP 410 or a message that says Chime's support ended; from AWS's own endpoint after
 * 2026-02-20, a host that no longer resolves, an operation AWS no longer routes (404 that is not Chime's
 * NotFoundException), or Chime refusing the account outright (ForbiddenException, UnauthorizedClientException,
 * subscription / opt-in errors). Credential errors (bad key, bad signature) stay AuthErrors.
 */
export function isEndOfSupport(e: unknown, ctx: { aws: boolean; now?: Date }): boolean {
    const err = e as SdkError;
    const status = statusOf(e);
    const text = `${err?.message ?? ""}`;
    // The message must speak of the service, so "this number is no longer available" stays an ordinary error.
    if (status === 410 || /end[ -]of[ -]support|\bChime\b[^.]*\b(no longer (available|supported|accessible)|(has been|was) (retired|discontinued|shut down))/i.test(text)) return true;
    if (!ctx.aws || (ctx.now ?? new Date()).toISOString().slice(0, 10) < END_OF_SUPPORT_DATE) return false;
    const code = err?.code ?? err?.cause?.code;
    if (status === undefined) return code === "ENOTFOUND";
    const name = err?.name ?? "";
    if (status === 404) return name !== "NotFoundException";
    return ["ForbiddenException", "UnauthorizedClientException", "SubscriptionRequiredException", "OptInRequired"].includes(name);
}

export const END_OF_SUPPORT_HINT =
    `AWS ended support for Amazon Chime on ${END_OF_SUPPORT_DATE}, and its legacy API (the Chime namespace, API 2018-05-01) no longer serves ` +
    "this request. AWS recommends moving to the Amazon Chime SDK; its telephony service, Amazon Chime SDK Voice " +
    "(@aws-sdk/client-chime-sdk-voice), manages phone numbers on Voice Connectors and SIP media applications but has no " +
    "association between a phone number and a user, so ChimeUserNumber has no direct successor there. Keep this resource only " +
    "against an API-compatible endpoint (telephony:chimeEndpoint); otherwise remove it from the program, or from the state " +
    "with `pulumi state delete` if destroy cannot reach the service";

/** Maps an SDK failure to the project's typed errors (vendor, operation, status, code, message, what to do). */
export function toChimeError(
    operation: string,
    e: unknown,
    ctx: { write: boolean; aws: boolean; region: string; accessKeyId?: string; credentials?: CredentialSource; now?: Date },
): Error {
    if (e instanceof VendorError || e instanceof ConfigError) return e;
    const err = e as SdkError;
    const status = statusOf(e);
    const base: VendorErrorInit = { vendor: VENDOR, operation, status, cause: e };
    if (err?.name === "CredentialsProviderError") {
        return new ConfigError(
            "AWS credentials for Amazon Chime were not found by the AWS default credential chain: set AWS_ACCESS_KEY_ID and " +
                "AWS_SECRET_ACCESS_KEY (plus AWS_SESSION_TOKEN for temporary keys), or AWS_PROFILE with ~/.aws/credentials, " +
                `or run with an instance or task role (${err.message ?? ""})`,
        );
    }
    if (isEndOfSupport(e, ctx)) {
        return new EndOfSupportError({ ...base, code: status === undefined ? undefined : err.name, message: err.message, hint: END_OF_SUPPORT_HINT });
    }
    // No answer: timeouts and resets leave a write's outcome unknown; a request that never left did nothing.
    if (status === undefined) return unansweredFailure({ vendor: VENDOR, operation, method: "", readOnly: !ctx.write }, transportCode(e), { reach: REACH }).error;
    const init: VendorErrorInit = { ...base, code: err.name, message: err.message };
    const kind = classOf(e) ?? "invalid";
    const hints: Partial<Record<Kind, string>> = {
        throttled: "Amazon Chime is rate limiting and retries ran out; try again later or lower telephony:maxConcurrentRequests",
        service: "Amazon Chime failed and retries did not help; try again later",
    };
    const from = ctx.credentials
        ? `${ctx.credentials.describe}${ctx.credentials.roles.length ? `, then the role of ${ctx.credentials.roles.join(", then ")}` : ""}`
        : "the AWS default credential chain (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, AWS_PROFILE / ~/.aws/credentials)";
    const authHint =
        `the AWS credentials from ${from}${ctx.accessKeyId ? ` (access key ${ctx.accessKeyId})` : ""}. ` +
        `They must be valid in ${ctx.region} (telephony:chimeRegion, else aws:region) for the AWS account that owns the Chime account, ` +
        "and allow chime:GetUser, chime:AssociatePhoneNumberWithUser and chime:DisassociatePhoneNumberFromUser";
    return typedError(kind, { ...init, hint: hints[kind] }, authHint);
}
