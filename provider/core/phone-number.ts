/**
 * Phone numbers as telephony people write them: parsed with libphonenumber-js (Google's libphonenumber metadata),
 * checked against the declared rule, and held in one form, E.164 (`+` and digits), whatever the spelling. The one
 * parser of the package: `check` (core/validation.ts), `diff` and `read` (core/reconciler.ts) and the policy pack all
 * go through it, so no spelling of a number ever shows as a change and the pack judges numbers as the provider does.
 *
 * What is accepted (see `parseNumber`):
 * - international forms: `+` or `00` and the country calling code, with any spaces, dashes, dots, brackets or
 *   slashes (`+1 (206) 555-0100`, `0012065550100`, `+44 20 7183 8750`);
 * - national forms (`(206) 555-0100`, `09123456789`, `9876543210`), read in a region: the stack's
 *   `telephony:defaultRegion` (TELEPHONY_DEFAULT_REGION), else the vendor's home region where the property declares
 *   one. A string of digits that is no number of that region is read as international digits without the `+`
 *   (Chime's own pattern takes them, OpenTact's connection users send them).
 *
 * libphonenumber-js is loaded on first use, with its `max` metadata (the set that validates a number against its
 * region's numbering plan, not just its length): a program that declares resources never loads it.
 */
import type * as Lib from "libphonenumber-js/max";
import { ConfigError } from "./errors";
import type { Settings } from "./settings";

/**
 * How strictly a property's numbers are judged, declared with it:
 * - `valid`: a number of its country's numbering plan (libphonenumber's `isValid` with the full metadata): right
 *   length and an existing range. For numbers that must reach a person or that the vendor sells (Chime's inventory, a
 *   Verigator user's phone, a Smartflo user's mobile).
 * - `e164`: a country calling code that exists and at most 15 digits in all (E.164's limit), not held to the
 *   numbering plan. For vendors whose own documented numbers are outside it (IPPanel's SMS service lines such as the
 *   seed's `+983000505`; OpenTact's docs' `+1234567890`).
 */
export type NumberPlan = "valid" | "e164";

export interface NumberRule {
    plan: NumberPlan;
    /**
     * The ISO 3166 region national forms are read in when the stack sets no `telephony:defaultRegion`: the vendor's
     * home, where its sources pin one (IPPanel's lines are Iranian). Absent: a national form needs the stack's region.
     */
    homeRegion?: string;
}

/** The stack's region for national forms (`telephony:defaultRegion`), and where it was set (for messages). */
export interface StackRegion {
    region?: string;
    /** `telephony:defaultRegion` or `TELEPHONY_DEFAULT_REGION`. */
    from?: string;
}

export type Parsed = { ok: true; e164: string } | { ok: false; reason: string };

let lib: typeof Lib | undefined;
/** libphonenumber-js with its `max` metadata, loaded on first use. */
export function phoneLib(): typeof Lib {
    return (lib ??= require("libphonenumber-js/max") as typeof Lib);
}

/** What may appear in a written number besides digits: spacing and grouping, and one leading `+`. */
const WRITTEN = /^\+?[\d\s\-.()/\u00a0]+$/;

/** The region a national form of `rule`'s property is read in, and why that one. */
export function regionFor(rule: NumberRule, stack: StackRegion = {}): { region?: string; why: string } {
    if (stack.region) return { region: stack.region, why: `the stack's region (${stack.from ?? "telephony:defaultRegion"})` };
    if (rule.homeRegion) return { region: rule.homeRegion, why: "the vendor's home region (set telephony:defaultRegion to read national forms elsewhere)" };
    return { why: "no region: set telephony:defaultRegion (TELEPHONY_DEFAULT_REGION), or write the number with + and its country code" };
}

/** The plan's rule in words, for messages and docs. */
export function planRule(plan: NumberPlan): string {
    return plan === "valid" ? "a phone number of its country's numbering plan" : "a phone number with an existing country calling code and at most 15 digits (E.164)";
}

/**
 * Parses a written number by `rule`, national forms in the stack's region (else the rule's home region). Returns its
 * E.164 form — for a string of digits that can be read both ways, its reading as a national number first — or why it
 * is no such number: not a number, no country, too short, too long, no number of that length, not in the plan.
 */
export function parseNumber(text: string, rule: NumberRule, stack: StackRegion = {}): Parsed {
    const { readings, failure } = read(text, rule, stack);
    return readings.length ? { ok: true, e164: readings[0] } : { ok: false, reason: failure };
}

/**
 * Every E.164 number a written value can mean by `rule`: one for an international form; for a string of digits, its
 * reading as a national number of the region (when it is one) and as international digits without their `+` (when
 * that is one). A vendor that drops the `+` (OpenTact's digits) and one that answers nationally (a Smartflo mobile)
 * are both read right by comparing readings, where choosing one reading would misread the other.
 */
export function readingsOf(text: string, rule: NumberRule, stack: StackRegion = {}): string[] {
    return read(text, rule, stack).readings;
}

/** The one reading of a written number: its readings, first the one `parseNumber` takes, and why there is none. */
function read(text: string, rule: NumberRule, stack: StackRegion): { readings: string[]; failure: string } {
    const written = text.trim();
    if (!WRITTEN.test(written) || !/\d/.test(written)) return { readings: [], failure: "not a phone number: digits, with spaces, dashes, dots or brackets and a leading + or 00 for the country code" };
    const digits = written.replace(/\D/g, "");
    if (written.startsWith("+") || digits.startsWith("00")) {
        const p = judge(`+${written.startsWith("+") ? digits : digits.slice(2)}`, undefined, rule);
        return p.ok ? { readings: [p.e164], failure: "" } : { readings: [], failure: p.reason };
    }
    const { region, why } = regionFor(rule, stack);
    const national = region ? judge(digits, region, rule) : undefined;
    // International digits without their `+` (Chime's `^\+?[1-9]\d{1,14}$`, OpenTact's digits).
    const asDigits = judge(`+${digits}`, undefined, rule);
    const readings = [national, asDigits].flatMap((p) => (p?.ok ? [p.e164] : [])).filter((r, i, all) => all.indexOf(r) === i);
    if (!national) return { readings, failure: asDigits.ok ? "" : `${asDigits.reason}; read as international digits, since a national form needs a region (${why})` };
    return { readings, failure: national.ok ? "" : `${national.reason}, read as a national number of ${region}, ${why}` };
}

/** Parses `text` (E.164-ish with a `+`, or national digits of `region`) and holds it to the rule's plan. */
function judge(text: string, region: string | undefined, rule: NumberRule): Parsed {
    const { parsePhoneNumberWithError, validatePhoneNumberLength } = phoneLib();
    const country = region as Lib.CountryCode | undefined;
    let n: Lib.PhoneNumber;
    try {
        n = parsePhoneNumberWithError(text, { defaultCountry: country, extract: false });
    } catch (e) {
        return { ok: false, reason: parseFailure((e as Error).message, text, region) };
    }
    const cc = `+${n.countryCallingCode}`;
    const total = n.countryCallingCode.length + n.nationalNumber.length;
    if (total > 15) return { ok: false, reason: `too long: ${total} digits with the country code ${cc}, and E.164 allows 15` };
    const where = n.country ? `${n.country} (${cc})` : cc;
    const length = validatePhoneNumberLength(text, { defaultCountry: country });
    if (rule.plan === "e164") {
        // A national form is read by its region's lengths (its service lines may have odd ones, but not too few or too many digits).
        if (region && (length === "TOO_SHORT" || length === "TOO_LONG")) return { ok: false, reason: `${length === "TOO_SHORT" ? "too short" : "too long"} for ${where}` };
        return { ok: true, e164: n.number };
    }
    if (n.isValid()) return { ok: true, e164: n.number };
    switch (length) {
        case "TOO_SHORT":
            return { ok: false, reason: `too short for ${where}` };
        case "TOO_LONG":
            return { ok: false, reason: `too long for ${where}` };
        case "INVALID_LENGTH":
            return { ok: false, reason: `no number of ${where} has ${n.nationalNumber.length} digits after the country code` };
        default:
            return { ok: false, reason: `not a number of ${where}'s numbering plan (no such area code or range)` };
    }
}

/** libphonenumber's parse errors in words. */
function parseFailure(code: string, text: string, region: string | undefined): string {
    switch (code) {
        case "INVALID_COUNTRY":
            return region ? `${region} is not a region libphonenumber knows` : `${text.slice(0, 4)}… starts with no country calling code that exists`;
        case "TOO_SHORT":
            return "too short to be a phone number";
        case "TOO_LONG":
            return "too long to be a phone number";
        default:
            return "not a phone number";
    }
}

const readable = (v: unknown): v is string | number => typeof v === "string" || typeof v === "number";

/**
 * A value in the form numbers compare and are stored in: its E.164 form when it parses by `rule`, else the value as
 * it is (a vendor's answer that is no number still compares as text, and shows as the difference it is). `known`: the
 * number it is compared with (what state holds), taken when the value can mean it.
 */
export function canonicalNumber(value: unknown, rule: NumberRule, stack: StackRegion = {}, known?: unknown): unknown {
    if (!readable(value)) return value;
    const readings = readingsOf(String(value), rule, stack);
    if (readable(known) && readings.length > 1) {
        const target = readingsOf(String(known), rule, stack);
        const shared = readings.find((r) => target.includes(r));
        if (shared) return shared;
    }
    return readings[0] ?? value;
}

/** Whether two written numbers can mean the same number (a reading in common), or are the same text. */
export function sameNumber(a: unknown, b: unknown, rule: NumberRule, stack: StackRegion = {}): boolean {
    if (!readable(a) || !readable(b)) return a === b;
    const ra = readingsOf(String(a), rule, stack);
    const rb = readingsOf(String(b), rule, stack);
    return ra.some((r) => rb.includes(r)) || (ra.length === 0 && rb.length === 0 && String(a) === String(b));
}

/** The stack's region from `telephony:defaultRegion` / TELEPHONY_DEFAULT_REGION, checked: an unknown region is a config error naming the key. */
export function stackRegion(settings: Settings): StackRegion {
    const configured = settings.get("defaultRegion");
    const raw = configured ?? settings.get("defaultRegion", "TELEPHONY_DEFAULT_REGION");
    if (raw === undefined) return {};
    const from = configured !== undefined ? "telephony:defaultRegion" : "TELEPHONY_DEFAULT_REGION";
    const region = raw.trim().toUpperCase();
    if (!phoneLib().isSupportedCountry(region)) {
        throw new ConfigError(`${from} must be a region's two-letter ISO 3166 code that libphonenumber knows (such as US, IN, IR, GB); got ${JSON.stringify(raw)}`);
    }
    return { region, from };
}

/** The E.164 digits without the `+`: the form OpenTact's connection users take (`tn` is such digits [D]). */
export function e164Digits(e164: string): string {
    return e164.replace(/^\+/, "");
}
