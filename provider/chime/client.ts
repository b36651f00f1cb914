import { ChimeClient } from "@aws-sdk/client-chime";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { Readable } from "stream";
import {
    ConfigError,
    EndOfSupportError,
    OutcomeUnknownError,
    ServiceError,
    VendorError,
    VendorErrorInit,
} from "../core/errors";
import { ErrorKind, NOT_SENT, backoffMs, honouredRetryAfter, httpStats, kindOfStatus, operationDeadline, requestGate, typedError } from "../core/http";
import { RequestPolicy, policyOf } from "../core/policy";
import { answered, paced } from "../core/pacing";
import { registerSecret } from "../core/secrets";
import { Settings, baseUrl } from "../core/settings";

import { END_OF_SUPPORT_DATE, chime } from "./vendor";

export const VENDOR = chime.name;

/** A Chime SDK client and what error mapping needs to know about where it points. */
export interface ChimeConnection {
    sdk: ChimeClient;
    region: string;
    /** True when requests go to AWS itself (no endpoint override): only then can a refusal mean end of support. */
    aws: boolean;
    /** The request policy the client was built with; `call` takes the deadline from it. */
    policy: RequestPolicy;
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

/** SDK clients by policy (the one resolved from settings), then endpoint and region: built once, reused by every call. */
const clients = new WeakMap<RequestPolicy, Map<string, ChimeConnection>>();

/**
 * The Chime client for the configured region and endpoint (`telephony:chimeEndpoint` / CHIME_ENDPOINT, how the
 * sandbox or any API-compatible endpoint is reached). Credentials come from the AWS default chain at call
 * time, never from settings or inputs. Requests follow the project's one policy, mapped onto the SDK:
 * - retries: the SDK's retry loop asks `coreRetryStrategy` whether and when to retry, which answers with the
 *   policy's backoff, `retries` (also given as `maxAttempts` when finite) and deadline;
 * - request timeout: each attempt, whole body included, within `requestTimeoutMs` (the request handler);
 * - operation deadline: `call` aborts the command at the deadline;
 * - in flight: each attempt passes the vendor's request gate, as every HTTP client's requests do.
 */
export function chimeClient(settings: Settings, policy: RequestPolicy = policyOf(settings)): ChimeConnection {
    const override = settings.get("chimeEndpoint", "CHIME_ENDPOINT");
    const endpoint = override === undefined ? undefined : baseUrl(settings, "chimeEndpoint", "CHIME_ENDPOINT", override).toString();
    const region = chimeRegion(settings);
    // The SDK never echoes keys in its errors; registering the env chain's secrets guards our own messages too.
    registerSecret(process.env.AWS_SECRET_ACCESS_KEY);
    registerSecret(process.env.AWS_SESSION_TOKEN);
    let byPlace = clients.get(policy);
    if (!byPlace) clients.set(policy, (byPlace = new Map()));
    const key = `${endpoint}|${region}`;
    let conn = byPlace.get(key);
    if (!conn) {
        const agent = { keepAlive: true, maxSockets: policy.maxInFlight };
        const sdk = new ChimeClient({
            region,
            endpoint,
            retryStrategy: coreRetryStrategy(policy),
            // Only read by the SDK for its `amz-sdk-request: attempt=n; max=m` header: the strategy enforces the count.
            maxAttempts: Number.isFinite(policy.retries) ? policy.retries + 1 : undefined,
            requestHandler: withinPolicy(
                new NodeHttpHandler({
                    requestTimeout: policy.requestTimeoutMs,
                    throwOnRequestTimeout: true,
                    connectionTimeout: policy.requestTimeoutMs,
                    httpAgent: agent,
                    httpsAgent: agent,
                }),
                policy,
            ),
        });
        conn = { sdk, region, aws: endpoint === undefined, policy };
        byPlace.set(key, conn);
    }
    return conn;
}

/**
 * Sends one SDK command within the policy's overall deadline and turns any failure into the project's typed
 * errors. `write` marks calls whose outcome is unknown when no answer arrives.
 */
export async function call<T>(conn: ChimeConnection, operation: string, write: boolean, send: (abortSignal: AbortSignal) => Promise<T>): Promise<T> {
    // Counted with the HTTP client's requests (one per call; the SDK's own retries are not seen here).
    httpStats.requests++;
    (httpStats.byVendor[VENDOR] ??= { requests: 0, retries: 0 }).requests++;
    try {
        const deadline = Math.min(Date.now() + conn.policy.deadlineMs, operationDeadline() ?? Infinity);
        return await send(AbortSignal.timeout(Math.max(1, deadline - Date.now())));
    } catch (e) {
        let accessKeyId: string | undefined;
        if (classOf(e) === "auth") accessKeyId = await conn.sdk.config.credentials().then((c) => c.accessKeyId, () => undefined);
        throw toChimeError(operation, e, { write, aws: conn.aws, region: conn.region, accessKeyId });
    }
}

/**
 * The SDK's handler under the policy. Each attempt waits for its turn at the vendor's request gate (the in-flight
 * limit). The handler resolves once the headers arrive and its timeout watches only an idle socket before that: an
 * answer that stalls mid-body would hang until the deadline. So the whole body is read within the request timeout,
 * else the attempt fails with a TimeoutError, which the retry strategy treats as transient.
 */
function withinPolicy(inner: NodeHttpHandler, policy: RequestPolicy): NodeHttpHandler {
    const handle = inner.handle.bind(inner);
    const timeoutMs = policy.requestTimeoutMs;
    const gate = requestGate(VENDOR, policy);
    inner.handle = (request, options) =>
        gate.run(async () => {
            // Every attempt (the handler runs once per attempt of the SDK's retry loop) takes its turn, then Chime's
            // shared pace, and tells the pace how it was answered (pacing.ts).
            const sentAt = await paced(VENDOR);
            const started = Date.now();
            const out = await handle(request, options);
            answered(VENDOR, sentAt, out.response.statusCode, honouredRetryAfter(out.response.headers["retry-after"], policy));
            const body = out.response.body as Readable | undefined;
            if (!body || typeof body.on !== "function") return out;
            const chunks: Buffer[] = [];
            await new Promise<void>((resolve, reject) => {
                const timer = setTimeout(() => {
                    body.destroy();
                    reject(Object.assign(new Error(`the answer's body did not arrive within ${timeoutMs} ms`), { name: "TimeoutError" }));
                }, Math.max(1, timeoutMs - (Date.now() - started)));
                body.on("data", (c: Buffer) => chunks.push(Buffer.from(c)));
                body.on("end", () => (clearTimeout(timer), resolve()));
                body.on("error", (e) => (clearTimeout(timer), reject(e)));
                body.on("aborted", () => (clearTimeout(timer), reject(Object.assign(new Error("the answer was cut off"), { name: "TimeoutError" }))));
            });
            out.response.body = Readable.from([Buffer.concat(chunks)]);
            return out;
        });
    return inner;
}

/** Errors the retry strategy gave up on because the deadline came (with the deadline in ms), for their hint. */
const stoppedAtDeadline = new WeakMap<object, number>();

interface CoreRetryToken {
    getRetryCount(): number;
    getRetryDelay(): number;
    deadline: number;
}

/**
 * The SDK's retry loop driven by the core's policy (one retry strategy for every vendor): throttling, transient
 * and server errors — and a 2xx whose body could not be parsed, which is a lost answer — are retried with the
 * core's backoff (or the server's Retry-After) while the next attempt can start before the deadline; `retries`
 * caps the count only when the user set it. Unlike the SDK's standard strategy there is no shared retry quota, so
 * one bad minute cannot switch retries off for every later call.
 */
export function coreRetryStrategy(policy: RequestPolicy) {
    const token = (count: number, delay: number, deadline: number): CoreRetryToken => ({ getRetryCount: () => count, getRetryDelay: () => delay, deadline });
    return {
        mode: "standard",
        async acquireInitialRetryToken(): Promise<CoreRetryToken> {
            return token(0, 0, Math.min(Date.now() + policy.deadlineMs, operationDeadline() ?? Infinity));
        },
        async refreshRetryTokenForRetry(previous: CoreRetryToken, info: { errorType: string; error?: unknown; retryAfterHint?: Date }): Promise<CoreRetryToken> {
            const status = (info.error as SdkError | undefined)?.$metadata?.httpStatusCode;
            const garbled = status !== undefined && status >= 200 && status < 300;
            const transient = info.errorType === "THROTTLING" || info.errorType === "TRANSIENT" || info.errorType === "SERVER_ERROR" || garbled;
            const attempt = previous.getRetryCount();
            // The SDK has turned Retry-After into a date: the wait is what is left until then (to the millisecond).
            const after = info.retryAfterHint ? Math.max(0, info.retryAfterHint.getTime() - Date.now()) : undefined;
            const delay = Math.max(after ?? 0, backoffMs(attempt, policy));
            const error = info.error ?? new Error("not retried");
            // A Retry-After longer than the policy honours fails now rather than hanging, as in the HTTP client.
            if (!transient || attempt >= policy.retries || (after !== undefined && after > policy.maxRetryAfterMs)) throw error;
            if (Date.now() + delay >= previous.deadline) {
                if (typeof error === "object" && error !== null) stoppedAtDeadline.set(error, policy.deadlineMs);
                throw error;
            }
            return token(attempt + 1, delay, previous.deadline);
        },
        recordSuccess(): void {},
    };
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
    cause?: { code?: string };
}

function statusOf(e: unknown): number | undefined {
    return (e as SdkError)?.$metadata?.httpStatusCode;
}

function classOf(e: unknown): Kind | undefined {
    const status = statusOf(e);
    if (status === undefined) return undefined;
    const byName = KIND_BY_NAME[(e as SdkError).name ?? ""];
    if (byName) return byName;
    return kindOfStatus(status);
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
    ctx: { write: boolean; aws: boolean; region: string; accessKeyId?: string; now?: Date },
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
    // The strategy stopped retrying because the deadline came: say how often it tried, as the HTTP client does.
    const stoppedAt = typeof e === "object" && e !== null ? stoppedAtDeadline.get(e) : undefined;
    const attempts = err?.$metadata?.attempts ?? 1;
    const tried =
        stoppedAt === undefined
            ? undefined
            : `Tried ${attempts} time${attempts === 1 ? "" : "s"} until the operation deadline (telephony:operationDeadlineMs, ${stoppedAt} ms); ` +
              "Amazon Chime kept failing. Run `pulumi up` again later, or raise the deadline";
    if (status === undefined) {
        // No answer: timeouts and resets leave a write's outcome unknown; a request that never left did nothing.
        const code = err?.code ?? err?.cause?.code ?? err?.name ?? "network error";
        const notSent = NOT_SENT.has(code);
        const init: VendorErrorInit = {
            ...base,
            message: `${err?.name === "TimeoutError" || err?.name === "AbortError" ? "no answer in time" : "connection failed"} (${code}): ${err?.message ?? String(e)}`,
            hint: [notSent ? "Check that the Chime endpoint (telephony:chimeEndpoint) is reachable" : "The request may or may not have been carried out", tried].filter(Boolean).join(". "),
        };
        return !notSent && ctx.write ? new OutcomeUnknownError(init) : new ServiceError(init);
    }
    const init: VendorErrorInit = { ...base, code: err.name, message: err.message };
    const kind = classOf(e) ?? "invalid";
    const hints: Partial<Record<Kind, string>> = {
        throttled: "Amazon Chime is rate limiting and the SDK's retries ran out; try again later or lower telephony:maxConcurrentRequests",
        service: "Amazon Chime failed and the SDK's retries did not help; try again later",
    };
    const authHint =
        `the AWS credentials the default credential chain found${ctx.accessKeyId ? ` (access key ${ctx.accessKeyId})` : ""}: ` +
        "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (plus AWS_SESSION_TOKEN for temporary keys), or AWS_PROFILE / ~/.aws/credentials. " +
        `They must be valid in ${ctx.region} (telephony:chimeRegion, else aws:region) for the AWS account that owns the Chime account, ` +
        "and allow chime:GetUser, chime:AssociatePhoneNumberWithUser and chime:DisassociatePhoneNumberFromUser";
    return typedError(kind, { ...init, hint: tried ?? hints[kind] }, authHint);
}
