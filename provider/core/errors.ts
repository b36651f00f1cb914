import { redact } from "./secrets";

/**
 * Which vendor an error or request belongs to, by the name messages use (`Tata Smartflo`). Core knows no vendor:
 * the registry's names are what the vendor clients pass.
 */
export type Vendor = string;

/** What a vendor said, in its own words, parsed from its error envelope. */
export interface VendorErrorDetail {
    /** The vendor's own error code (`message_code`, `x-amzn-ErrorType`, …), when it sends one. */
    code?: string;
    /** The vendor's message, verbatim. */
    message?: string;
    /** An English meaning, where the vendor's message is in another language (IPPanel answers in Persian). */
    meaning?: string;
    /** Per-field errors, property name → messages. */
    fields?: Record<string, string[]>;
}

export interface VendorErrorInit extends VendorErrorDetail {
    vendor: Vendor;
    /** The operation that failed, in the vendor's terms (`CreateSIPUser`, `POST /v1/user`, …). */
    operation: string;
    /** HTTP status, when a response arrived. */
    status?: number;
    /** What the user can do about it. */
    hint?: string;
    cause?: unknown;
}

/**
 * Base of every failure that comes from talking to a vendor. The message names vendor, operation, HTTP
 * status, the vendor's code and message, the offending fields and what to do — with secrets redacted.
 */
export class VendorError extends Error {
    readonly vendor: Vendor;
    readonly operation: string;
    readonly status?: number;
    readonly code?: string;
    readonly vendorMessage?: string;
    readonly meaning?: string;
    readonly fields?: Record<string, string[]>;
    readonly hint?: string;

    constructor(init: VendorErrorInit) {
        super(redact(VendorError.format(init)));
        this.name = new.target.name;
        this.vendor = init.vendor;
        this.operation = init.operation;
        this.status = init.status;
        this.code = init.code;
        this.vendorMessage = init.message === undefined ? undefined : redact(init.message);
        this.meaning = init.meaning;
        this.fields = init.fields;
        this.hint = init.hint;
    }

    /**
     * The same failure (same class, vendor, operation, status, what the vendor said) with other advice: `hint`
     * replaces the hint, or with `{ append: true }` follows it as a further sentence.
     */
    withHint(hint: string, opts: { append?: boolean } = {}): this {
        const Same = this.constructor as new (init: VendorErrorInit) => this;
        return new Same({
            vendor: this.vendor,
            operation: this.operation,
            status: this.status,
            code: this.code,
            message: this.vendorMessage,
            meaning: this.meaning,
            fields: this.fields,
            hint: opts.append && this.hint ? `${this.hint}. ${hint}` : hint,
        });
    }

    static format(init: VendorErrorInit): string {
        const parts = [`${init.vendor} ${init.operation} failed`];
        if (init.status !== undefined) parts[0] += ` with HTTP ${init.status}`;
        const said: string[] = [];
        if (init.code) said.push(`code ${init.code}`);
        if (init.message) said.push(JSON.stringify(init.message));
        if (init.meaning) said.push(`(meaning: ${init.meaning})`);
        if (said.length) parts.push(`vendor said: ${said.join(" ")}`);
        const fields = Object.entries(init.fields ?? {});
        if (fields.length) {
            parts.push(`fields: ${fields.map(([f, msgs]) => `${f}: ${msgs.join("; ")}`).join(", ")}`);
        }
        if (init.hint) parts.push(init.hint);
        return parts.join(". ") + ".";
    }
}

/** The object does not exist (HTTP 404 or the vendor's equivalent). Read treats it as gone, delete as done. */
export class NotFoundError extends VendorError {}
/** Credentials missing, wrong or expired (401/403). */
export class AuthError extends VendorError {}
/** The object already exists (409 or the vendor's "already" message). */
export class AlreadyExistsError extends VendorError {}
/** The vendor rejected the request's content (400/422). */
export class InvalidRequestError extends VendorError {}
/** Throttled (429) and out of retries or past the deadline. */
export class ThrottledError extends VendorError {}
/** The vendor failed (5xx) and retries did not help. */
export class ServiceError extends VendorError {}
/** A request never sent because its operation's deadline had already passed: nothing happened at the vendor. */
export class NotSentError extends ServiceError {}
/**
 * No usable answer arrived (timeout, connection reset). For a non-idempotent request the outcome is
 * unknown: the write may or may not have happened.
 */
export class OutcomeUnknownError extends VendorError {}
/** The vendor no longer offers this API (Amazon Chime's end of support). */
export class EndOfSupportError extends VendorError {}

/** One property a write was accepted for but that the vendor's read-back does not show. */
export interface UnappliedProperty {
    /** The input property (`designation`). */
    property: string;
    /** The request field it was sent as (`destination`), when that differs from the property's name. */
    field?: string;
    /** The value read back, in the property's terms. */
    live: unknown;
}

/**
 * The vendor accepted a write but its read-back shows a changed property not applied: it silently ignored the
 * field (a renamed or undocumented field name, say). Failing here names the property and the field sent,
 * instead of leaving a diff that would come back after every `up`.
 */
export class NotAppliedError extends Error {
    // Not named `id`: the dynamic-provider host reads an error's `id` as "created, failed to initialize".
    constructor(
        readonly resourceKind: string,
        readonly objectId: string,
        readonly unapplied: UnappliedProperty[],
    ) {
        super(
            redact(
                `${resourceKind} ${objectId}: the vendor accepted the request but did not apply ` +
                    unapplied
                        .map((u) => `${u.property}${u.field ? ` (sent as the field \`${u.field}\`)` : ""}, which reads back as ${u.live === undefined || u.live === null ? "empty" : JSON.stringify(u.live)}`)
                        .join("; ") +
                    ". The vendor may expect another field name or refuse the value silently: check the value in the vendor's portal, " +
                    "and report the field name so the provider can be corrected",
            ),
        );
        this.name = "NotAppliedError";
    }
}

/** A local misconfiguration found before any request was sent (missing credentials, insecure URL). */
export class ConfigError extends Error {
    constructor(message: string) {
        super(redact(message));
        this.name = "ConfigError";
    }
}
