/**
 * The one failure classifier: what a failed attempt means, for every vendor client alike — the HTTP client and the
 * Chime SDK's handler and retry strategy. It turns a vendor's answer (status and what its envelope said) or the
 * absence of one (a transport error code) into a typed error, and says what the retry strategy (retry.ts) needs to
 * know: whether anything reached the vendor, the status, the vendor's Retry-After.
 *
 * "Not sent" vs "outcome unknown", the deadline's advice and the default "what to do" per kind live here once.
 */
import {
    AlreadyExistsError,
    AuthError,
    InvalidRequestError,
    NotFoundError,
    NotSentError,
    OutcomeUnknownError,
    ServiceError,
    ThrottledError,
    Vendor,
    VendorError,
    VendorErrorDetail,
    VendorErrorInit,
} from "./errors";
import { isDuplicate } from "./duplicate";

/** A request as the classifier and the retry strategy see it. */
export interface RequestInfo {
    vendor: Vendor;
    /** The vendor's name for the call, used in errors (`CreateSIPUser`). */
    operation: string;
    method: string;
    /** Overrides the policy's method list: true for a call that sets absolute values (a PATCH, Chime's associate). */
    idempotent?: boolean;
    /**
     * The call changes nothing at the vendor, so a lost answer leaves nothing unknown (Chime's GetUser, as its API
     * model says). Unset for HTTP calls: a vendor's GET can act (OpenTact's login is `GET /rest/auth`).
     */
    readOnly?: boolean;
}

/** Which typed error a failure becomes. */
export type ErrorKind = "not-found" | "auth" | "already-exists" | "invalid" | "throttled" | "service";

/** What a vendor said in a failed answer, with the kind it means when its status alone would mislead. */
export interface ClassifiedError extends VendorErrorDetail {
    kind?: ErrorKind;
    hint?: string;
}

/** What one attempt came to when it failed: the typed error, and what deciding on a retry needs to know. */
export interface Failure {
    error: VendorError;
    /** The status of the answer; undefined when none arrived (or none that could be read). */
    status?: number;
    /** Nothing reached the vendor (no connection was made): safe to send again whatever the method. */
    notSent?: boolean;
    /** The vendor refused to process it for now (a 429, or an error it names as throttling). */
    throttled?: boolean;
    /** The vendor's Retry-After, in milliseconds. */
    retryAfterMs?: number;
}

/** The kind of failure an HTTP status means, when the vendor's own envelope says nothing more specific. */
export function kindOfStatus(status: number): ErrorKind {
    if (status === 401 || status === 403) return "auth";
    if (status === 404) return "not-found";
    if (status === 409) return "already-exists";
    if (status === 429) return "throttled";
    return status >= 500 ? "service" : "invalid";
}

/**
 * The kind of a failed answer: the vendor's own reading when its classifier gave one (it knows what its words mean);
 * else "already exists" when the refusal says so by its meaning, whatever status carries it (duplicate.ts); else by
 * status.
 */
export function kindOfAnswer(status: number, said: ClassifiedError): ErrorKind {
    if (said.kind) return said.kind;
    return isDuplicate({ status, code: said.code, message: said.message, meaning: said.meaning, fields: said.fields }) ? "already-exists" : kindOfStatus(status);
}

/** The typed error for a kind of failure, with a default "what to do" where the vendor gave none. */
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

/** A failed answer: the vendor's status and what its envelope said (`authHint`: the keys to check on an auth failure). */
export function answeredFailure(req: RequestInfo, status: number, said: ClassifiedError, authHint: string, retryAfterMs?: number): Failure {
    const kind = kindOfAnswer(status, said);
    const error = typedError(kind, { vendor: req.vendor, operation: req.operation, status, ...said }, authHint);
    return { error, status, throttled: kind === "throttled", retryAfterMs };
}

/** Connection failures in which the request never reached the server: safe to send again for any method. */
export const NOT_SENT: ReadonlySet<string> = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "CONNECT_TIMEOUT", "EHOSTUNREACH", "ENETUNREACH"]);

/**
 * The code of a transport failure: `CONNECT_TIMEOUT`, `TIMEOUT` (no answer in time), or the system's code
 * (`ECONNRESET`, …).
 */
export function transportCode(e: unknown): string {
    const any = e as { code?: string; cause?: { code?: string }; name?: string };
    if (any?.code === "CONNECT_TIMEOUT") return "CONNECT_TIMEOUT";
    if (any?.name === "TimeoutError" || any?.name === "AbortError") return "TIMEOUT";
    return any?.cause?.code ?? any?.code ?? "network error";
}

/** The code of an answer that arrived but could not be read (cut short, or a proxy's page instead of JSON). */
export const GARBLED = "GARBLED_BODY";

/**
 * No usable answer: nothing arrived (`code` from `transportCode`), or a success whose body is not what it should be
 * (`GARBLED`), which is a lost answer too. Nothing sent is a ServiceError that says where to look; otherwise the
 * request may have been carried out, an OutcomeUnknownError — unless it is read-only.
 */
export function unansweredFailure(
    req: RequestInfo,
    code: string,
    how: { reach: string; timeoutMs?: number; requestTimeoutMs?: number },
): Failure {
    const notSent = NOT_SENT.has(code);
    const { timeoutMs, requestTimeoutMs } = how;
    const timed = timeoutMs !== undefined && requestTimeoutMs !== undefined;
    const message =
        code === "TIMEOUT"
            ? !timed
                ? "no answer in time"
                : timeoutMs < requestTimeoutMs
                  ? `no answer before the operation deadline (${Math.max(0, Math.round(timeoutMs))} ms were left)`
                  : `no answer within ${requestTimeoutMs} ms`
            : code === GARBLED
              ? "the answer's body was not valid JSON (cut short or replaced on the way)"
              : code === "CONNECT_TIMEOUT" && timeoutMs !== undefined
                ? `no connection within ${timeoutMs} ms`
                : `connection failed (${code})`;
    const init: VendorErrorInit = { vendor: req.vendor, operation: req.operation, message };
    if (notSent) return { error: new ServiceError({ ...init, hint: `Check that ${how.reach} is reachable` }), notSent };
    if (req.readOnly) return { error: new ServiceError({ ...init, hint: "Nothing was changed; try again later" }) };
    return { error: new OutcomeUnknownError({ ...init, hint: MAY_HAVE_HAPPENED }) };
}

const MAY_HAVE_HAPPENED = "The request may or may not have been carried out";

/**
 * A server failure on a request that may not be repeated: it may or may not have been carried out. The caller
 * resolves that (the reconciler looks the object up) rather than guessing.
 */
export function outcomeUnknown(error: VendorError): OutcomeUnknownError {
    return new OutcomeUnknownError({ vendor: error.vendor, operation: error.operation, status: error.status, code: error.code, message: error.vendorMessage, hint: MAY_HAVE_HAPPENED });
}

/** The error of a call whose operation deadline passed before it could be sent at all. */
export function notSentAtDeadline(req: RequestInfo, deadlineMs: number): NotSentError {
    return new NotSentError({
        vendor: req.vendor,
        operation: req.operation,
        message: "not sent: the operation deadline had passed",
        hint: `The operation ran out of time (telephony:operationDeadlineMs, ${deadlineMs} ms). Run \`pulumi up\` again, or raise the deadline`,
    });
}

/** The last error of a call that ran out of time, saying how often it tried and what to do. */
export function pastDeadline(error: VendorError, attempts: number, deadlineMs: number): VendorError {
    return error.withHint(
        `Tried ${attempts} time${attempts === 1 ? "" : "s"} until the operation deadline (telephony:operationDeadlineMs, ${deadlineMs} ms); ` +
            `${error.vendor} kept failing. Run \`pulumi up\` again later, or raise the deadline`,
        { append: true },
    );
}
