/**
 * "Already exists", recognised by what the vendor says rather than by one status code. A create that meets an
 * existing object is the answer crash recovery and adoption depend on, and the vendors' sources are thin: OpenTact
 * documents no status for a duplicate login, Smartflo none for a taken login id, IPPanel answers 400 with an English
 * text it documents and uses 409 by its own code convention, Verigator documents 409 (see the reference's
 * "Already exists" table). So a refusal is a duplicate when:
 * - its status is 409 (Conflict: the create clashes with what exists), or
 * - its status is 400 or 422 and its message, or a per-field message, names existence, duplication or a value
 *   already taken — in English, or in Persian (IPPanel answers in Persian).
 * The one failure classifier (failure.ts) asks this one function for every vendor, the HTTP clients and Chime's SDK
 * alike, when the vendor's own classifier gave no kind; a vendor whose wording means something else (IPPanel's
 * "already assigned to another user") says so in its classifier, which then decides. Core knows no vendor: only the words.
 */

/** What a vendor's refusal said, as its classifier parsed it. */
export interface Refusal {
    /** HTTP status. */
    status?: number;
    /** The vendor's own code (`message_code`, an exception type), when it sends one. */
    code?: string;
    /** The vendor's message, verbatim. */
    message?: string;
    /** Its English meaning, where the vendor answers in another language (IPPanel's Persian). */
    meaning?: string;
    /** Per-field messages. */
    fields?: Record<string, string[]>;
}

/** Statuses a duplicate is answered with, by the sources and the plausible readings where they are silent. */
export const DUPLICATE_STATUSES: ReadonlySet<number> = new Set([400, 409, 422]);

/**
 * Words that name an existing object or a taken value. English: "already exists", "has already been taken"
 * (Laravel's unique rule [O]), "already assigned" (IPPanel [D]), "duplicate", "not unique", "exists". Persian:
 * "قبلا/قبلاً … شده" ("has already been …": Laravel's Persian unique rule words it "قبلا انتخاب شده است", "قبلاً
 * استفاده شده است", "قبلا گرفته شده است" in third-party translations [O]), "تکراری" (duplicate), "وجود دارد" (exists)
 * [I: IPPanel documents its duplicate only in English].
 */
const DUPLICATE_WORDS: readonly RegExp[] = [
    /\balready\s+(?:\w+\s+){0,2}(?:exists?|taken|assigned|registered|in use|used|added|created|present|associated)\b/i,
    /\b(?:exists?|registered|in use)\s+already\b/i,
    /\bduplicat(?:e|ed|ion)\b/i,
    /\b(?:not|must be)\s+unique\b|\bunique\s+(?:constraint|violation|key)\b/i,
    /\b(?:is|was|been)\s+(?:already\s+)?taken\b/i,
    /\b(?:with|for)\s+(?:this|the|that)\s+\w+(?:\s+\w+)?\s+exists\b/i,
    /قبل(?:ا|اً|ًا)\s.*شده/,
    /تکراری/,
    /وجود\s*دارد/,
];

/** Whether a text names an existing object or a taken value. */
export function namesDuplicate(text: string | undefined): boolean {
    if (!text) return false;
    const t = text.replace(/\u200c/g, " ");
    return DUPLICATE_WORDS.some((re) => re.test(t));
}

/** Whether a refusal means "it already exists": see the module comment for the rule and its sources. */
export function isDuplicate(r: Refusal): boolean {
    if (r.status === undefined || !DUPLICATE_STATUSES.has(r.status)) return false;
    if (r.status === 409) return true;
    if (namesDuplicate(r.message) || namesDuplicate(r.meaning)) return true;
    return Object.values(r.fields ?? {}).some((msgs) => msgs.some(namesDuplicate));
}
