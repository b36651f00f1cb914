/**
 * Documented exchanges without a server: a vendor operation of the library runs for real (its request building,
 * authentication, envelope parsing and error typing), while the transport under the HTTP client records each
 * request and answers with a response transcribed from the vendor's own documentation. Every fixture names its
 * source (a seed file and section, or a doc URL), so a mismatch points at the document to read.
 */
import * as assert from "assert";
import { ProviderContext } from "../provider/core/context";
import { Settings } from "../provider/core/settings";
import { Transport, TransportResponse, cannedResponse } from "../provider/core/transport";

/** A response as a vendor document shows it. */
export interface DocumentedResponse {
    /** Where it is transcribed from: `seed 004 ModifySIPUser, 200 sample`, or a doc URL. */
    source: string;
    status: number;
    body?: unknown;
    headers?: Record<string, string>;
}

/** One request as the library sent it. */
export interface SentRequest {
    method: string;
    url: URL;
    /** Header names in lower case. */
    headers: Record<string, string>;
    /** The parsed JSON body, when there is one. */
    body?: any;
}

/** Exchanges counted per vendor, for the closing report (printed once at the end of the run). */
export const exchangeCounts: Record<string, number> = {};
after(() => {
    if (Object.keys(exchangeCounts).length) {
        process.stdout.write(`      documented exchanges under test: ${Object.entries(exchangeCounts).map(([v, n]) => `${v}=${n}`).join(" ")}\n`);
    }
});

/**
 * Settings that turn retries off (`telephony:maxRetries` 0): clients of documented exchanges are built with them,
 * so a documented error answer surfaces at once instead of being retried until the deadline.
 */
export const NO_RETRIES: Readonly<Record<string, string>> = { "telephony:maxRetries": "0" };

/** The exchange under way: what answers the requests of every documented context. */
let answering: Transport | undefined;

/** The transport of documented contexts: the exchange under way answers; outside one, nothing may be sent. */
const documentedTransport: Transport = (url, init): Promise<TransportResponse> => {
    if (!answering) throw new Error(`a documented client sent ${init.method} ${url} outside an exchange`);
    return answering(url, init);
};

/**
 * A context whose requests the documented exchanges answer (with no server): clients of documented tests are built
 * in one, from `settings` (which carry `NO_RETRIES`). Each call makes a fresh one: no login, listing or pace is
 * shared between exchanges.
 */
export function documentedContext(settings: Settings): ProviderContext {
    return new ProviderContext({ settings, transport: documentedTransport });
}

/**
 * Runs `call` with every request answered by `answers` in order (the last one repeats), and returns what was sent
 * and how the call ended; the call's client is built in a `documentedContext` with `NO_RETRIES`. Counts one
 * documented exchange for `vendor`.
 */
export async function exchange<T>(vendor: string, answers: DocumentedResponse[], call: () => Promise<T>): Promise<{ sent: SentRequest[]; result?: T; error?: unknown }> {
    const sent: SentRequest[] = [];
    let i = 0;
    answering = async (url, init) => {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries((init.headers ?? {}) as Record<string, string>)) headers[k.toLowerCase()] = v;
        sent.push({ method: String(init.method), url: new URL(url.toString()), headers, body: typeof init.body === "string" ? JSON.parse(init.body) : undefined });
        const a = answers[Math.min(i++, answers.length - 1)];
        const text = a.body === undefined ? "" : JSON.stringify(a.body);
        return cannedResponse(a.status, text, { "content-type": "application/json", ...a.headers });
    };
    exchangeCounts[vendor] = (exchangeCounts[vendor] ?? 0) + 1;
    try {
        return { sent, result: await call() };
    } catch (error) {
        return { sent, error };
    } finally {
        answering = undefined;
    }
}

/** Asserts a request's method, full URL (path and query) and that every documented header is there with its value. */
export function assertRequest(r: SentRequest | undefined, method: string, url: string, headers: Record<string, string | RegExp> = {}): void {
    assert.ok(r, "no request was sent");
    assert.strictEqual(r.method, method);
    assert.strictEqual(r.url.toString(), url);
    for (const [k, v] of Object.entries(headers)) {
        const got: string | undefined = r.headers[k.toLowerCase()];
        if (v instanceof RegExp) assert.match(got ?? "", v, `header ${k}`);
        else assert.strictEqual(got, v, `header ${k}`);
    }
}

/** Asserts that a body's fields have the documented JSON types (`string`, `number`, `boolean`, `string[]`, `number[]`, `object`). */
export function assertFieldTypes(body: Record<string, unknown>, types: Record<string, string>): void {
    for (const [k, v] of Object.entries(body)) {
        const want = types[k];
        assert.ok(want, `field ${k} is not a documented field`);
        const got: string = Array.isArray(v) ? `${v.length ? typeof v[0] : want.replace("[]", "")}[]` : v === null ? "null" : typeof v;
        assert.strictEqual(got, want, `field ${k}: documented ${want}, sent ${got}`);
        if (Array.isArray(v)) assert.ok(v.every((x) => typeof x === typeof v[0]), `field ${k}: mixed types`);
    }
}
