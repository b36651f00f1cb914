/**
 * One registry of every secret this process has seen (tokens, passwords, API keys, SIP digests), so that
 * any text leaving the provider — error messages, logs — can be scrubbed of them whatever path it took.
 *
 * Process-wide on purpose, unlike what a context keeps (context.ts): errors are redacted where they are made, with no
 * context at hand, and a secret seen under one configuration must stay masked under the next.
 */
const known = new Set<string>();

/** Secrets shorter than this are not registered: masking "1" everywhere would garble messages. */
const MIN_SECRET_LENGTH = 4;

export const MASK = "[secret]";

export function registerSecret(value: unknown): void {
    if (typeof value === "string" && value.length >= MIN_SECRET_LENGTH) {
        known.add(value);
        // Base64 forms travel in Basic auth headers; an error echoing a header must not reveal them.
        known.add(Buffer.from(value).toString("base64"));
    }
}

/**
 * Forgets a secret registered by {@link registerSecret}. For tests that use a documented example credential (the
 * word "password"), so that its mask does not reach later tests' messages in the same process.
 */
export function forgetSecret(value: string): void {
    known.delete(value);
    known.delete(Buffer.from(value).toString("base64"));
}

/** Replaces every registered secret in `text` with a mask. */
export function redact(text: string): string {
    let out = text;
    // Longest first, so a secret that contains another is masked whole.
    for (const s of [...known].sort((a, b) => b.length - a.length)) {
        if (out.includes(s)) out = out.split(s).join(MASK);
    }
    return out;
}

/** Shows a value in a message unless it is secret. */
export function show(value: unknown, secret: boolean): string {
    if (secret) return MASK;
    const s = typeof value === "string" ? JSON.stringify(value) : JSON.stringify(value) ?? String(value);
    return s.length > 120 ? `${s.slice(0, 117)}...` : s;
}
