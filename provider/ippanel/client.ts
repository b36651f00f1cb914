import { createHash } from "crypto";
import type { ProviderContext } from "../core/context";
import { ClassifiedError, HttpResponse, VendorHttpClient } from "../core/http";
import { baseUrl } from "../core/settings";

const PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹";

/** IPPanel's Persian messages and their English meanings [seed]; the not-found wordings are [I]. */
const PHRASES: Array<[RegExp, (m: RegExpExecArray) => string]> = [
    [/^انجام شد$/, () => "done"],
    [/^اطلاعات وارد شده صحیح نمی باشد$/, () => "the entered information is incorrect"],
    [/^تکمیل گزینه (.+) الزامی است$/, (m) => `field ${m[1]} is required`],
    [/^شماره یافت نشد$/, () => "number not found"], // [I]
    [/^کاربر یافت نشد$/, () => "user not found"], // [I]
    [/^یافت نشد$/, () => "not found"], // [I]
    // A duplicate in Persian [I: IPPanel documents its duplicate in English only]: "the number has already been assigned
    // to the user", and Laravel's Persian unique rule, "X has already been taken/used" [O: third-party translations].
    [/^(?:این )?شماره قبل(?:ا|اً) به (?:این )?کاربر (?:تخصیص|اختصاص) (?:داده )?شده است\.?$/, () => "the number has already been assigned to the user"],
    [/^(.+) قبل(?:ا|اً) (?:انتخاب|استفاده|گرفته) شده است\.?$/, (m) => `${m[1]} has already been taken`],
];

/**
 * The English meaning of an IPPanel message, or undefined when it is not one we know (or already English).
 * Handles Laravel's "(و N خطای دیگر)" = "(and N more errors)" suffix [seed], and — in case IPPanel ever
 * sends them [I] — Persian digits and the zero-width non-joiner Persian text may put inside "نمی باشد".
 */
export function meaningOf(message: string): string | undefined {
    const text = message.replace(/\u200c/g, " ").replace(/[۰-۹]/g, (d) => String(PERSIAN_DIGITS.indexOf(d))).trim();
    const more = /\s*\(و (\d+) خطای دیگر\)$/.exec(text);
    const head = more ? text.slice(0, more.index) : text;
    for (const [re, english] of PHRASES) {
        const m = re.exec(head);
        if (!m) continue;
        if (!more) return english(m);
        const n = Number(more[1]);
        return `${english(m)} (and ${n} more error${n === 1 ? "" : "s"})`;
    }
    return undefined;
}

/**
 * IPPanel's envelope `{data, meta:{status, message, message_code, errors}}` [seed] as a typed error: the
 * Persian message with its English meaning, `message_code`, and per-field errors (each with its meaning).
 * "number not assigned to user" is not-found [seed]. A duplicate is recognised by its meaning (core/duplicate.ts):
 * the documented 400 "number already assigned to user" [D], a 409 (`message_code` convention: 409 = exists [seed, D]),
 * a Persian message saying so [I]. A number "already assigned to another user" (the sandbox's wording for it [I]) is a
 * conflict, not a duplicate of this assignment: `adopt` must not take it.
 */
export function classify(res: HttpResponse): ClassifiedError | undefined {
    const meta = res.body?.meta;
    if (res.status >= 200 && res.status < 300 && meta?.status !== false) return undefined;
    const message = typeof meta?.message === "string" ? meta.message : res.text.slice(0, 300) || undefined;
    const code = typeof meta?.message_code === "string" ? meta.message_code : undefined;
    const fields: Record<string, string[]> = {};
    if (meta?.errors && typeof meta.errors === "object" && !Array.isArray(meta.errors)) {
        for (const [f, msgs] of Object.entries(meta.errors)) {
            const list = (Array.isArray(msgs) ? msgs : [msgs]).map(String);
            fields[f] = list.map((m) => (meaningOf(m) ? `${m} (meaning: ${meaningOf(m)})` : m));
        }
    }
    const detail: ClassifiedError = { code, message, meaning: message ? meaningOf(message) : undefined, fields: Object.keys(fields).length ? fields : undefined };
    if (message === "number not assigned to user") return { ...detail, kind: "not-found" };
    if (message && /assigned to another user/i.test(message)) {
        return { ...detail, kind: "invalid", hint: "Another user holds this number: unassign it there first (or declare that user)" };
    }
    if (res.status === 401) {
        return { ...detail, kind: "auth", hint: "IPPanel rejected the API key: check telephony:ippanelApiKey (IPPANEL_API_KEY); it is sent raw in Authorization, without `Bearer`" };
    }
    if (code === "404-1") return { ...detail, kind: "not-found" };
    // Otherwise the core's classifier decides: a duplicate by its meaning, message or English meaning (core/duplicate.ts) —
    // [I] the docs do not say whether "number already assigned to user" can also mean "to another user": the reconciler
    // accepts it only when adopting, or, with this stack's own record of the assign, after unassigning proves the holder —
    // else by HTTP status; a 2xx with `status: false` [I] is a refusal all the same (invalid).
    return detail;
}

/**
 * An IPPanel Edge client for the configured account: `telephony:ippanelBaseUrl` (IPPANEL_BASE_URL, default
 * `https://edge.ippanel.com/v1` [D]) and `telephony:ippanelApiKey` (IPPANEL_API_KEY), sent raw in
 * `Authorization` [seed]. API keys never expire [D], so a 401 is never retried with a renewed credential.
 */
export function ippanelClient(context: ProviderContext): VendorHttpClient {
    const { settings } = context;
    const base = baseUrl(settings, "ippanelBaseUrl", "IPPANEL_BASE_URL", "https://edge.ippanel.com/v1");
    const apiKey = settings.require("ippanelApiKey", "IPPANEL_API_KEY", "The IPPanel API key", { secret: true });
    return new VendorHttpClient(
        {
            vendor: "IPPanel",
            baseUrl: base,
            classify,
            authHint: "telephony:ippanelApiKey (IPPANEL_API_KEY)",
            authHeaders: async () => ({ authorization: apiKey }),
            account: createHash("sha256").update(apiKey).digest("hex").slice(0, 16),
        },
        context,
    );
}
