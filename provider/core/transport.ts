/**
 * The transport under every vendor client (the HTTP client, and the Chime SDK through its request handler): one HTTP
 * exchange, nothing else (no retries, no redirects followed, no decompression), on Node's own `http`/`https` with
 * their keep-alive agents. The context carries it (`ProviderContext.transport`): tests hand in their own.
 *
 * Why not the built-in `fetch`: measured on this project's 2-core machine, 200 GETs to a local server cost a fresh
 * process 40 ms to load fetch's undici plus 223 ms of CPU, against 9 ms plus 70 ms for `http.request`. The provider
 * process is CPU-bound in a refresh of a fleet (each resource one GET), so fetch's machinery (WHATWG streams,
 * Request/Response/Headers objects, an AbortSignal timer per request) was a third of the time it added over the
 * engine's own floor. Like fetch, this needs no dependency and no ESM (the provider is loaded by `require`).
 */
import * as http from "http";
import * as https from "https";
import { Clock, systemClock } from "./clock";

/** One request as a client sends it: the body already serialized. */
export interface TransportRequest {
    method: string;
    headers: Record<string, string>;
    body?: string;
    /** The whole exchange (connect, send, the full answer) must end within this, or it fails with a timeout. */
    timeoutMs: number;
    /** Whose timer the timeout runs on: the context's clock (tests move it to fire the timeout); the system's by default. */
    clock?: Pick<Clock, "setTimer">;
}

/** The answer: status, headers (lower-case names) and the body's text. */
export interface TransportResponse {
    status: number;
    headers: ResponseHeaders;
    text: string;
}

/** Response headers: one by name (any case), or all of them by lower-case name (repeated ones joined with `, `). */
export interface ResponseHeaders {
    get(name: string): string | null;
    all(): Record<string, string>;
}

/** Headers from a record of lower-case names. */
export function responseHeaders(lower: Record<string, string>): ResponseHeaders {
    return { get: (name) => lower[name.toLowerCase()] ?? null, all: () => ({ ...lower }) };
}

/** Sends one request and reads the whole answer. */
export type Transport = (url: URL, req: TransportRequest) => Promise<TransportResponse>;

/**
 * The failures: a timeout is an Error named `TimeoutError` whose `code` says whether a connection was ever made
 * (`CONNECT_TIMEOUT`: nothing was sent, safe to resend for any method) or not (`TIMEOUT`: the request may have been
 * carried out). Connection errors keep Node's codes (`ECONNREFUSED`, `ECONNRESET`, …); an answer cut off before
 * its end is `ECONNRESET`.
 */
export const nodeTransport: Transport = (url, req) =>
    new Promise<TransportResponse>((resolve, reject) => {
        const body = req.body === undefined ? undefined : Buffer.from(req.body, "utf8");
        const headers = body === undefined ? req.headers : { ...req.headers, "content-length": String(body.length) };
        const send = url.protocol === "https:" ? https.request : http.request;
        let connected = false;
        let settled = false;
        const fail = (e: Error) => {
            if (settled) return;
            settled = true;
            cancelTimer();
            r.destroy();
            reject(e);
        };
        const r = send(url, { method: req.method, headers }, (res) => {
            const chunks: Buffer[] = [];
            res.on("data", (c: Buffer) => chunks.push(c));
            res.on("error", fail);
            res.on("aborted", () => fail(Object.assign(new Error("the connection closed before the answer ended"), { code: "ECONNRESET" })));
            res.on("end", () => {
                if (settled) return;
                if (!res.complete) return fail(Object.assign(new Error("the connection closed before the answer ended"), { code: "ECONNRESET" }));
                settled = true;
                cancelTimer();
                const lower: Record<string, string> = {};
                for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) lower[k] = Array.isArray(v) ? v.join(", ") : v;
                resolve({ status: res.statusCode ?? 0, headers: responseHeaders(lower), text: Buffer.concat(chunks).toString("utf8") });
            });
        });
        const cancelTimer = (req.clock ?? systemClock).setTimer(() => {
            const e = Object.assign(new Error(`no answer within ${req.timeoutMs} ms`), { name: "TimeoutError", code: connected ? "TIMEOUT" : "CONNECT_TIMEOUT" });
            fail(e);
        }, req.timeoutMs);
        r.on("socket", (s) => {
            if (!s.connecting) connected = true;
            else s.once("connect", () => (connected = true));
        });
        r.on("error", fail);
        r.end(body);
    });

/** An answer made up in memory: what a test's transport (a context's `transport`) returns. */
export function cannedResponse(status: number, text: string, headers: Record<string, string> = {}): TransportResponse {
    return { status, text, headers: responseHeaders(Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]))) };
}
