/**
 * Fault injection: what real vendor APIs and networks do to clients on a bad day. The sandbox's one fault
 * mechanism, configured through the admin API on the admin origin:
 * - `PUT /_sandbox/faults` {FaultPlan}: rate-based faults, reproducible from a seed, per vendor, route and method;
 * - `POST /_sandbox/faults/rules` {FaultRule}: a targeted fault for the next N requests (default 1) that match a
 *   vendor, method, route (name or template), query values and the natural key of the object they are about;
 * - `GET /_sandbox/faults`: the plan, the rules still armed, faults injected by kind, and every draw;
 * - `DELETE /_sandbox/faults` lifts the plan and the rules; `DELETE /_sandbox/faults/rules` the rules only.
 * A rule is matched before the plan's draw; a request a rule fires on takes no part in the draw.
 * Vendor state switches that are not faults (a login lockout, a token lifetime) are each emulator's own, under
 * `/_sandbox/vendors/<vendor>/`.
 *
 * Whether a request gets a fault, and which, is a pure function of (seed, request identity, occurrence):
 * - identity = vendor, method, route name, and what the request is about: its path parameters and query values
 *   (a vendor-generated id is replaced by the natural key of the object it names, so a random uuid does not make
 *   two runs differ) and a hash of its canonical JSON body (bodies carry no run-dependent values);
 * - occurrence = how many times that same identity has been seen before.
 * Arrival order plays no part, so the engine's concurrency cannot change which requests fail: one seed gives one
 * fault log (`draws`), at any parallelism.
 *
 * Also here: the answer hold (`PUT /_sandbox/hold`), which carries writes out and keeps their answers back, so a
 * test can kill a client while vendors hold creates it has not heard about.
 */
import { createHash } from "crypto";
import * as http from "http";
import { stableJson } from "../provider/core/journal"; // keys sorted: the same body always hashes the same
import { SandboxResponse, Store, json } from "./core";

export type FaultKind =
    /** 429 with `Retry-After` in seconds. Not processed. */
    | "throttle-seconds"
    /** 429 with `Retry-After` as an HTTP date. Not processed. */
    | "throttle-date"
    /** 429 without `Retry-After` (many gateways send none). Not processed. */
    | "throttle-no-retry-after"
    /** 500 / 502 / 503. Not processed. */
    | "error-500"
    | "error-502"
    | "error-503"
    /** Extra latency before the request is processed normally. */
    | "latency"
    /** The connection is reset before the request is processed. */
    | "reset-before"
    /** The connection is accepted and the request read, then nothing: not processed, never answered. */
    | "accept-never-answer"
    /** The request IS processed (a write commits), then the connection is reset: the answer is lost. */
    | "reset-after-commit"
    /** The request IS processed, then no answer is ever sent: the client times out. */
    | "timeout-after-commit"
    /** The request IS processed; the status line, headers and half the body are sent, then the response stalls. */
    | "stall-mid-body"
    /** The request IS processed; a 2xx answer arrives with its JSON body cut in half (a proxy dropped the rest). */
    | "truncated-body"
    /** The request IS processed; a 2xx answer arrives with an HTML body instead of JSON (a proxy's page). */
    | "non-json-body"
    /**
     * Not processed: the vendor's own error answer, in its envelope (`VendorEmulator.error`), with a rule's status,
     * message and code. Only through rules (it needs a status), never drawn by a plan.
     */
    | "vendor-error";

/** The kinds a plan draws from by default (every kind but the rule-only "vendor-error"). */
export const FAULT_KINDS: FaultKind[] = [
    "throttle-seconds",
    "throttle-date",
    "throttle-no-retry-after",
    "error-500",
    "error-502",
    "error-503",
    "latency",
    "reset-before",
    "accept-never-answer",
    "reset-after-commit",
    "timeout-after-commit",
    "stall-mid-body",
    "truncated-body",
    "non-json-body",
];

export interface FaultPlan {
    /** Seed: the same seed gives the same fault for the same request identity and occurrence. */
    seed: number;
    /** Probability that a matching request gets a fault (0..1). */
    rate: number;
    /** Which faults to draw from (uniformly). Default: all. */
    kinds?: FaultKind[];
    /** Only these vendors (prefixes); default all. */
    vendors?: string[];
    /** Only routes whose name contains one of these strings; default all. */
    routes?: string[];
    /** Only these methods; default all. */
    methods?: string[];
    /** Latency added by "latency" faults, ms (default 300). */
    latencyMs?: number;
    /** Retry-After given by throttle faults, seconds (default 1). */
    retryAfterSeconds?: number;
    /**
     * At most this many faults in a row for one identity (default 3): occurrence n is spared when occurrences
     * n-1 … n-max all got a fault. A function of identity and occurrence like the draw itself.
     */
    maxConsecutive?: number;
}

/**
 * A targeted fault: the next `times` requests that match all the given fields get `fault`. Built for tests that
 * need one precise failure (the follow-up PATCH of a create fails; this user's associate is throttled once).
 */
export interface FaultRule {
    /** The vendor (`smartflo`). */
    vendor: string;
    /** Only this method; default any. */
    method?: string;
    /** Only this route, by its name (`PatchUser`) or its template (`/v1/user/:id`), exactly; default any. */
    route?: string;
    /** Only requests carrying these query values (Chime's operations share a path and differ in `?operation=`). */
    query?: Record<string, string>;
    /**
     * Only requests about this object: one of its path parameters is this value, or names an object whose natural
     * key (as its emulator declares it, `VendorEmulator.objectKeys`) is this value (`user asha.rao` on Smartflo).
     */
    key?: string;
    /** The fault to inject: any kind the plan knows, or "vendor-error". */
    fault: FaultKind;
    /** For "vendor-error": the HTTP status (default 500), the vendor's message and error code. */
    status?: number;
    message?: string;
    code?: string;
    /** Retry-After of throttle faults, seconds (default 1). */
    retryAfterSeconds?: number;
    /** Latency added by a "latency" fault, ms (default 300). */
    latencyMs?: number;
    /** How many matching requests get the fault (default 1). */
    times?: number;
}

/** A rule as the injector holds it: its id (from `POST /_sandbox/faults/rules`) and the shots left. */
export interface ArmedRule extends FaultRule {
    id: number;
    remaining: number;
}

/** What a request got: a fault kind, and the rule that fired, if a rule did. */
export interface Injected {
    kind: FaultKind;
    rule?: ArmedRule;
}

/**
 * How an emulator names one collection's objects: the id its routes carry, and — where that id is generated
 * (a uuid, a sequence number) — the natural key that names the same object in every run.
 */
export interface ObjectKey {
    id(o: Record<string, any>): string;
    key?(o: Record<string, any>): string;
}

/** What a request is, for the draw. */
export interface RequestIdentity {
    vendor: string;
    method: string;
    route: string;
    /** The route's template (`/v1/user/:id`); not part of the identity, which names routes by name. */
    pattern?: string;
    params: Record<string, string>;
    query: URLSearchParams;
    body: unknown;
}

/** One draw: which request (identity), its occurrence number, and the fault it got (`none` for none). */
export interface FaultDraw {
    identity: string;
    occurrence: number;
    fault: FaultKind | "none";
}

/** A uniform number in [0, 1) from a string: the first 32 bits of its SHA-256. */
function unit(s: string): number {
    return createHash("sha256").update(s).digest().readUInt32BE(0) / 4294967296;
}

export class FaultInjector {
    private plan?: FaultPlan;
    private rules: ArmedRule[] = [];
    private nextRuleId = 1;
    /** Per identity: the fault drawn for each occurrence so far (index = occurrence). */
    private readonly history = new Map<string, Array<FaultKind | undefined>>();
    /** Generated id → natural key, remembered so a request for an object already deleted is still named alike. */
    private readonly names = new Map<string, string>();
    /** Faults injected, by kind. */
    injected: Record<string, number> = {};
    /** Every draw since the plan was set, fault or not. */
    draws: FaultDraw[] = [];

    /**
     * `keys(vendor)` is that vendor's emulator's declaration of its collections' keys: how a generated id is named
     * by its natural key, so a random uuid does not make two runs differ.
     */
    constructor(
        private readonly store?: Store,
        private readonly keys: (vendor: string) => Record<string, ObjectKey> | undefined = () => undefined,
    ) {}

    configure(plan: FaultPlan | undefined): void {
        this.plan = plan;
        this.history.clear();
        this.injected = {};
        this.draws = [];
    }

    get current(): FaultPlan | undefined {
        return this.plan;
    }

    /** Arms a targeted rule; returns it with its id. */
    addRule(rule: FaultRule): ArmedRule {
        if (!rule || typeof rule.vendor !== "string") throw new Error("a fault rule needs a vendor");
        if (rule.fault !== "vendor-error" && !FAULT_KINDS.includes(rule.fault)) throw new Error(`unknown fault ${JSON.stringify(rule.fault)} (one of ${[...FAULT_KINDS, "vendor-error"].join(", ")})`);
        const armed: ArmedRule = { ...rule, id: this.nextRuleId++, remaining: Math.max(1, Number(rule.times ?? 1)) };
        this.rules.push(armed);
        return armed;
    }

    /** The rules still armed. */
    get armed(): ArmedRule[] {
        return this.rules;
    }

    clearRules(): void {
        this.rules = [];
    }

    /** The fault for one request, if any: a matching rule first (one shot of it used), else the plan's draw. */
    pick(r: RequestIdentity): Injected | undefined {
        const rule = this.rules.find((x) => this.matches(x, r));
        if (rule) {
            rule.remaining -= 1;
            if (rule.remaining <= 0) this.rules = this.rules.filter((x) => x !== rule);
            this.injected[rule.fault] = (this.injected[rule.fault] ?? 0) + 1;
            return { kind: rule.fault, rule };
        }
        const kind = this.draw(r);
        return kind ? { kind } : undefined;
    }

    private matches(rule: FaultRule, r: RequestIdentity): boolean {
        if (rule.vendor !== r.vendor) return false;
        if (rule.method && rule.method.toUpperCase() !== r.method) return false;
        if (rule.route && rule.route !== r.route && rule.route !== r.pattern) return false;
        if (rule.query && !Object.entries(rule.query).every(([k, v]) => r.query.get(k) === v)) return false;
        if (rule.key !== undefined) {
            const values = Object.values(r.params);
            if (!values.some((v) => v === rule.key || this.name(r.vendor, v) === rule.key)) return false;
        }
        return true;
    }

    /** The natural key of the object a generated id names, else the value itself. */
    private name(vendor: string, value: string): string {
        const known = this.names.get(`${vendor} ${value}`);
        if (known) return known;
        for (const [collection, k] of Object.entries(this.keys(vendor) ?? {})) {
            if (!k.key) continue; // ids that are natural keys already
            const obj = this.store?.collection(vendor, collection).find((o) => k.id(o) === value);
            if (obj) {
                const key = k.key(obj);
                this.names.set(`${vendor} ${value}`, key);
                return key;
            }
        }
        return value;
    }

    /** The identity of a request: stable across runs for the same request. */
    identity(r: RequestIdentity): string {
        const params = Object.keys(r.params)
            .sort()
            .map((k) => `${k}=${this.name(r.vendor, r.params[k])}`);
        const query = [...r.query.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${k}=${this.name(r.vendor, v)}`);
        const body = r.body === undefined ? "" : createHash("sha256").update(stableJson(r.body)).digest("hex").slice(0, 16);
        return `${r.vendor} ${r.method} ${r.route} [${params.join(" ")}] ?${query.join("&")} #${body}`;
    }

    /** Decides the fault for one request, or undefined. Records the draw. */
    draw(r: RequestIdentity): FaultKind | undefined {
        const p = this.plan;
        if (!p) return undefined;
        if (p.vendors && !p.vendors.includes(r.vendor)) return undefined;
        if (p.methods && !p.methods.includes(r.method)) return undefined;
        if (p.routes && !p.routes.some((name) => r.route.includes(name))) return undefined;
        const identity = this.identity(r);
        const seen = this.history.get(identity) ?? [];
        this.history.set(identity, seen);
        const occurrence = seen.length;
        const kind = this.decide(p, identity, occurrence, seen);
        seen.push(kind);
        this.draws.push({ identity, occurrence, fault: kind ?? "none" });
        if (kind) this.injected[kind] = (this.injected[kind] ?? 0) + 1;
        return kind;
    }

    /** The pure part: seed, identity, occurrence (and the draws of earlier occurrences, themselves pure). */
    private decide(p: FaultPlan, identity: string, occurrence: number, earlier: Array<FaultKind | undefined>): FaultKind | undefined {
        const cap = p.maxConsecutive ?? 3;
        if (occurrence >= cap && earlier.slice(occurrence - cap).every((k) => k !== undefined)) return undefined;
        const at = `${p.seed}\u0000${identity}\u0000${occurrence}`;
        if (unit(`${at}\u0000fault`) >= p.rate) return undefined;
        const kinds = p.kinds ?? FAULT_KINDS;
        return kinds[Math.floor(unit(`${at}\u0000kind`) * kinds.length)];
    }
}

/** How the server must answer a request that drew a fault, before processing it. */
export type EarlyFault = { reset: true } | { hang: true } | { answer: SandboxResponse };

/**
 * Faults that stop a request before it is processed; undefined for the others ("vendor-error" too: its answer is
 * the emulator's, `VendorEmulator.error`). `options` is the plan or the rule that gave the fault.
 */
export function beforeProcessing(fault: FaultKind, options: { retryAfterSeconds?: number } | undefined): EarlyFault | undefined {
    const after = options?.retryAfterSeconds ?? 1;
    switch (fault) {
        case "reset-before":
            return { reset: true };
        case "accept-never-answer":
            return { hang: true };
        case "throttle-seconds":
            return { answer: json(429, { message: "Too Many Requests" }, { "retry-after": String(after) }) };
        case "throttle-date":
            return { answer: json(429, { message: "Too Many Requests" }, { "retry-after": new Date(Date.now() + after * 1000).toUTCString() }) };
        case "throttle-no-retry-after":
            return { answer: json(429, { message: "Too Many Requests" }) };
        case "error-500":
            return { answer: json(500, { message: "Internal Server Error" }) };
        case "error-502":
            return { answer: json(502, { message: "Bad Gateway" }) };
        case "error-503":
            return { answer: json(503, { message: "Service Unavailable" }) };
        default:
            return undefined;
    }
}

/**
 * Delivers a processed request's answer as a fault spoils it. Returns false when the fault does not concern the
 * answer (latency, or a mangling fault on a non-2xx answer, which is sent intact). `hung` collects responses held
 * open, closed when the sandbox stops.
 */
export function spoilAnswer(fault: FaultKind, out: SandboxResponse, res: http.ServerResponse, hung: Set<http.ServerResponse>): boolean {
    const text = out.body === undefined ? "" : JSON.stringify(out.body);
    const ok = out.status >= 200 && out.status < 300;
    switch (fault) {
        case "reset-after-commit":
            res.socket?.destroy();
            return true;
        case "timeout-after-commit":
            hung.add(res);
            return true;
        case "stall-mid-body":
            // Content-Length promises the whole body; half of it arrives, then nothing.
            res.writeHead(out.status, { "content-type": "application/json", "content-length": String(Buffer.byteLength(text) + 64), ...out.headers });
            res.write(text.slice(0, Math.floor(text.length / 2)));
            hung.add(res);
            return true;
        case "truncated-body":
            if (!ok || text.length < 2) return false;
            res.writeHead(out.status, { "content-type": "application/json", ...out.headers });
            res.end(text.slice(0, Math.floor(text.length / 2)));
            return true;
        case "non-json-body":
            if (!ok) return false;
            res.writeHead(out.status, { "content-type": "text/html", ...out.headers });
            res.end("<html><body><h1>200 OK</h1><p>upstream response unavailable</p></body></html>");
            return true;
        default:
            return false;
    }
}

/** Which writes get their answers held back, or are held themselves (`PUT /_sandbox/hold`). */
export interface HoldPlan {
    /** Only these vendors (prefixes); default all. */
    vendors?: string[];
    /** Only these methods; default POST. */
    methods?: string[];
    /** Only routes whose name contains one of these strings; default all. */
    routes?: string[];
    /** Only requests whose raw path or body contains one of these strings (a login, a number); default all. */
    matching?: string[];
    /** Send each held answer (carry out each held request) this long after it arrived; default: when the hold is lifted. */
    delayMs?: number;
    /**
     * Hold the request itself, before the vendor carries it out, instead of its answer: a write still on its way when
     * its client died, which the vendor carries out later (when the hold is lifted). Default false.
     */
    request?: boolean;
}

/**
 * Holds writes back. By default the answers of processed writes: the vendor has carried the request out, the client
 * has not heard; the request log marks each such request `held`, which is how a test sees a create committed. A plan
 * with `request: true` holds matching requests before the vendor carries them out (the log marks them `deferred` once
 * they are). Held answers are sent, and held requests carried out, after `delayMs` or when the hold is lifted
 * (`DELETE /_sandbox/hold`); an answer is dropped with its connection. Several plans may be set at once (a list).
 */
export class AnswerHold {
    private plans: HoldPlan[] = [];
    private configured?: HoldPlan | HoldPlan[];
    private readonly held = new Set<() => void>();
    /** Requests held before processing: their release, and what they are (`vendor route`). */
    private readonly parked = new Map<() => void, string>();

    configure(plan: HoldPlan | HoldPlan[] | undefined): void {
        this.configured = plan;
        this.plans = plan === undefined ? [] : Array.isArray(plan) ? plan : [plan];
        if (!plan) this.release();
    }

    get current(): HoldPlan | HoldPlan[] | undefined {
        return this.configured;
    }

    private planFor(request: boolean, vendor: string, route: string, method: string, text: string): HoldPlan | undefined {
        return this.plans.find(
            (p) =>
                (p.request === true) === request &&
                (!p.vendors || p.vendors.includes(vendor)) &&
                (p.methods ?? ["POST"]).includes(method) &&
                (!p.routes || p.routes.some((name) => route.includes(name))) &&
                (!p.matching || p.matching.some((m) => text.includes(m))),
        );
    }

    /** Whether this request's answer, once processed, is held. `text`: its raw path and body. */
    applies(vendor: string, route: string, method: string, text = ""): boolean {
        return this.planFor(false, vendor, route, method, text) !== undefined;
    }

    /** When this request is held before processing: a promise that resolves when it may be carried out. */
    deferral(vendor: string, route: string, method: string, text: string): Promise<void> | undefined {
        const plan = this.planFor(true, vendor, route, method, text);
        if (!plan) return undefined;
        return new Promise<void>((resolve) => {
            const once = () => {
                if (this.parked.delete(once)) resolve();
            };
            this.parked.set(once, `${vendor} ${route}`);
            if (plan.delayMs !== undefined) setTimeout(once, plan.delayMs).unref();
        });
    }

    /** Keeps `send` until the delay passes or the hold is lifted, whichever comes first. */
    hold(send: () => void): void {
        const once = () => {
            if (!this.held.delete(once)) return;
            try {
                send();
            } catch {
                // The client is gone (killed, timed out): nobody to answer.
            }
        };
        this.held.add(once);
        const delayMs = this.plans.find((p) => !p.request)?.delayMs;
        if (delayMs !== undefined) setTimeout(once, delayMs).unref();
    }

    /** Answers held right now. */
    get count(): number {
        return this.held.size;
    }

    /** Requests held right now, not yet carried out: `vendor route` of each. */
    get deferred(): string[] {
        return [...this.parked.values()];
    }

    release(): void {
        for (const go of [...this.parked.keys()]) go();
        for (const send of [...this.held]) send();
    }
}
