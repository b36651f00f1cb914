import * as http from "http";
import { AddressInfo } from "net";
import { AnswerHold, FaultInjector, FaultKind, FaultPlan, FaultRule, beforeProcessing, spoilAnswer } from "./faults";
import { RateLimits } from "./ratelimit";
import { Route, RouteTable, SandboxRequest, SandboxResponse, Store, VendorEmulator, json } from "./core";
import { ChimeCredentials, chime } from "./chime";
import { IppanelCredentials, ippanel } from "./ippanel";
import { OpentactCredentials, opentact } from "./opentact";
import { SmartfloCredentials, smartflo } from "./smartflo";
import { VerigatorCredentials, verigator } from "./verigator";
import { VENDOR_IDS, VendorId } from "../provider/registry";

/** Credentials the sandbox accepts, per vendor. Tests pass long unique ones so secret scans mean something. */
export interface SandboxCredentials {
    opentact: OpentactCredentials;
    smartflo: SmartfloCredentials;
    ippanel: IppanelCredentials;
    chime: ChimeCredentials;
    verigator: VerigatorCredentials;
}

export const DEFAULT_CREDENTIALS: SandboxCredentials = {
    opentact: { token: "sandbox-opentact-token", email: "ops@example.com", password: "sandbox-opentact-password" },
    smartflo: { token: "sandbox-smartflo-token", email: "agent-admin@example.com", password: "sandbox-smartflo-password" },
    ippanel: { apiKey: "sandbox-ippanel-api-key" },
    chime: { accessKeyId: "AKIASANDBOXCHIME0001", secretAccessKey: "sandbox-chime-secret-access-key" },
    verigator: { username: "sandbox-verigator-user", password: "sandbox-verigator-password" },
};

export interface SandboxOptions {
    /**
     * Port of the admin origin on 127.0.0.1; 0 (default) picks a free one. Each vendor has its own origin: a
     * non-zero `port` puts the vendors on the ports that follow it, in `VENDORS` order (8080 → opentact 8081,
     * smartflo 8082, ippanel 8083, chime 8084, verigator 8085); with 0 every vendor gets a free port too.
     */
    port?: number;
    /** Explicit ports per vendor (`{opentact: 9001}`), e.g. to restart a sandbox on the ports it had. */
    vendorPorts?: Partial<Record<string, number>>;
    host?: string;
    /** A JSON file that holds the vendors' objects across restarts. */
    stateFile?: string;
    credentials?: Partial<SandboxCredentials>;
}

/** One request as the sandbox received it. `path` is the raw path, exactly as it arrived. */
export interface LoggedRequest {
    vendor: string;
    method: string;
    path: string;
    route: string;
    status: number;
    /** The parsed JSON body; read by tests to check which fields a PATCH carried. */
    body?: unknown;
    /** The fault injected into this request, if any. */
    fault?: FaultKind;
    /** The request was processed and its answer is being held back (`PUT /_sandbox/hold`). */
    held?: boolean;
    /** The request was held before the vendor carried it out, and carried out when the hold let it go. */
    deferred?: boolean;
    /** When its body had arrived (epoch ms): the bench's timeline of a run. */
    at?: number;
    /** Who signed it, where the vendor verifies that (Chime: the IAM user or assumed-role session ARN). */
    principal?: string;
}

export interface Sandbox {
    /** The admin origin `http://127.0.0.1:PORT`: the admin API lives under `/_sandbox/`. */
    url: string;
    /**
     * The origin of a vendor's emulator, path-less as the real hosts are (`http://127.0.0.1:PORT`). It is the
     * base URL to configure for every vendor but IPPanel, whose real base URL has a path: `vendorUrl("ippanel") + "/v1"`.
     */
    vendorUrl(vendor: string): string;
    /** The port each vendor's emulator listens on. */
    vendorPorts: Record<string, number>;
    store: Store;
    log: LoggedRequest[];
    faults: FaultInjector;
    /** Holds answers of processed writes back, or the writes themselves before processing (crash tests). */
    hold: AnswerHold;
    close(): Promise<void>;
}

const ADMIN = "/_sandbox";

/** The vendors, in the order their ports follow the admin port: the package registry's. */
export const VENDORS: readonly VendorId[] = VENDOR_IDS;

/** Each vendor's emulator; a vendor of the registry without one fails to compile. */
const EMULATORS: { [V in VendorId]: (store: Store, creds: SandboxCredentials) => VendorEmulator } = {
    opentact: (store, c) => opentact(store, c.opentact),
    smartflo: (store, c) => smartflo(store, c.smartflo),
    ippanel: (store, c) => ippanel(store, c.ippanel),
    chime: (store, c) => chime(store, c.chime),
    verigator: (store, c) => verigator(store, c.verigator),
};

/** True when a raw path has an empty segment (`//rest/…`, `/v1//user`): every emulator answers 404, as a strict server does. */
export function hasEmptySegment(path: string): boolean {
    return path.includes("//");
}

/**
 * One vendor request on its way through the pipeline (LocalStack's request context): what arrived, what the
 * handlers found out about it, and its answer once one of them has it.
 */
interface Exchange {
    emulator: VendorEmulator;
    req: http.IncomingMessage;
    res: http.ServerResponse;
    sreq: SandboxRequest;
    /** When its body had arrived (epoch ms). */
    at: number;
    /** The route's name in the request log (`ListSIPUsers`, `rate limited`, `unmatched`, …). */
    routeName: string;
    route?: Route;
    /** The fault drawn for it (logged even when the answer goes out normally: latency), and the plan or rule that gave it. */
    fault?: FaultKind;
    faultOptions?: FaultPlan | FaultRule;
    /** The answer, once a handler has it: the request handlers after that one are skipped. */
    out?: SandboxResponse;
    /** It was held before processing (`PUT /_sandbox/hold` with `request: true`) and let go: logged with it. */
    deferred?: boolean;
    /** The emulator carried the request out (its answer may still be spoiled or held). */
    processed?: boolean;
    /** The exchange is over (answered, cut off or held): nothing after this handler runs. */
    done?: boolean;
}

/** A step of the pipeline. */
type Handler = (x: Exchange) => void | Promise<void>;

/** What the sandbox is made of, shared by its request pipeline and its admin API. */
interface SandboxParts {
    store: Store;
    vendors: VendorEmulator[];
    routes: Map<string, RouteTable>;
    log: LoggedRequest[];
    faults: FaultInjector;
    hold: AnswerHold;
    rateLimits: RateLimits;
    /** Responses held open by "timeout-after-commit" faults, closed when the sandbox stops. */
    hung: Set<http.ServerResponse>;
    vendorUrl(vendor: string): string;
}

/** Writes an answer as JSON. */
function send(res: http.ServerResponse, out: SandboxResponse): void {
    res.writeHead(out.status, { "content-type": "application/json", ...out.headers });
    res.end(out.text ?? (out.body === undefined ? "" : JSON.stringify(out.body)));
}

/**
 * The vendors' request pipeline, as LocalStack's handler chain: request handlers in order, each of which may answer
 * the exchange (`out`: the request handlers after it are skipped) or end it (`done`), then response handlers. A
 * handler that throws answers 500.
 */
function vendorPipeline(parts: SandboxParts): (x: Exchange) => Promise<void> {
    const { routes, log, faults, hold, rateLimits, hung } = parts;
    /** Logs the exchange (its route, fault and status, plus `extra`). */
    const record = (x: Exchange, status: number, extra: Partial<LoggedRequest> = {}) =>
        log.push({
            vendor: x.emulator.prefix,
            method: x.sreq.method,
            path: x.sreq.url,
            route: x.routeName,
            status,
            body: x.sreq.body,
            fault: x.fault,
            at: x.at,
            ...(x.deferred ? { deferred: true } : {}),
            ...(x.sreq.principal ? { principal: x.sreq.principal } : {}),
            ...extra,
        });
    /** What a hold plan's `matching` strings are looked for in: the raw path and body. */
    const holdText = (x: Exchange) => `${x.sreq.url} ${x.sreq.rawBody}`;

    /**
     * The request handlers, in order (LocalStack's handler chain): each looks at the exchange and may answer it
     * (`out`) or end it (`done`). A vendor's own rate limit comes first: a refused request is not processed at all.
     */
    const requestHandlers: Handler[] = [
        // PUT /_sandbox/ratelimit (ratelimit.ts)
        function rateLimit(x) {
            const throttled = rateLimits.admit(x.emulator.prefix);
            if (throttled) [x.routeName, x.out] = ["rate limited", throttled];
        },
        function emptyPathSegment(x) {
            if (hasEmptySegment(x.sreq.path)) [x.routeName, x.out] = ["empty path segment", x.emulator.notFound(x.sreq)];
        },
        function findRoute(x) {
            x.route = routes.get(x.emulator.prefix)!.match(x.sreq);
            x.routeName = x.route?.name ?? x.route?.pattern ?? "unmatched";
        },
        // The one fault mechanism (faults.ts): a targeted rule, else the seeded draw.
        function drawFault(x) {
            if (!x.route) return;
            const { sreq } = x;
            const injected = faults.pick({ vendor: x.emulator.prefix, route: x.routeName, pattern: x.route.pattern, method: sreq.method, params: sreq.params, query: sreq.query, body: sreq.body });
            x.fault = injected?.kind;
            x.faultOptions = injected?.rule ?? faults.current;
        },
        // Faults that stop the request before it is processed: an error answer, a reset, a hang.
        function earlyFault(x) {
            if (!x.fault) return;
            const rule = x.faultOptions as FaultRule | undefined;
            const early = x.fault === "vendor-error" ? { answer: x.emulator.error(rule?.status ?? 500, rule?.message ?? "Injected by the sandbox.", rule?.code) } : beforeProcessing(x.fault, x.faultOptions);
            if (!early) return;
            x.done = true;
            if ("answer" in early) {
                record(x, early.answer.status);
                return send(x.res, early.answer);
            }
            record(x, 0);
            if ("reset" in early) x.req.socket.destroy();
            else hung.add(x.res);
        },
        // PUT /_sandbox/hold with `request: true`: a write still on its way, carried out only when the hold lets it go.
        async function holdRequest(x) {
            if (!x.route) return;
            const deferral = hold.deferral(x.emulator.prefix, x.routeName, x.sreq.method, holdText(x));
            if (!deferral) return;
            await deferral;
            x.deferred = true;
        },
        async function latency(x) {
            if (x.fault === "latency") await new Promise((r) => setTimeout(r, x.faultOptions?.latencyMs ?? 300));
        },
        // The emulator: authentication, then the route's handler (a write is committed here).
        async function processRequest(x) {
            if (!x.route) x.out = x.emulator.notFound(x.sreq);
            else x.out = (x.route.auth !== false && x.emulator.authenticate(x.sreq)) || (await x.route.handler(x.sreq));
            x.processed = true;
        },
    ];

    /** The response handlers, in order: a processed request's answer may be spoiled by its fault or held back. */
    const responseHandlers: Handler[] = [
        function spoil(x) {
            if (!x.fault || !x.processed || !spoilAnswer(x.fault, x.out!, x.res, hung)) return;
            record(x, x.out!.status);
            x.done = true;
        },
        // PUT /_sandbox/hold: carried out, its answer held (crash tests).
        function holdAnswer(x) {
            if (!x.processed || !hold.applies(x.emulator.prefix, x.routeName, x.sreq.method, holdText(x))) return;
            record(x, x.out!.status, { held: true });
            const answer = x.out!;
            hold.hold(() => send(x.res, answer));
            x.done = true;
        },
        function respond(x) {
            record(x, x.out!.status);
            send(x.res, x.out!);
            x.done = true;
        },
    ];

    return async function pipeline(x: Exchange): Promise<void> {
        try {
            for (const h of requestHandlers) {
                if (x.out || x.done) break;
                await h(x);
            }
            for (const h of responseHandlers) {
                if (x.done) break;
                await h(x);
            }
        } catch (e) {
            if (x.done) return;
            x.out = json(500, { message: `sandbox error: ${(e as Error).message}` });
            await responseHandlers[responseHandlers.length - 1](x);
        }
    };
}

/** The admin API, a route table as the emulators' are: request log and counts, objects, switches, faults, limits, holds. */
function adminApi(parts: SandboxParts): (q: SandboxRequest) => SandboxResponse {
    const { store, vendors, log, faults, hold, rateLimits } = parts;
    const emulatorOf = (vendor: string) => vendors.find((v) => v.prefix === vendor);
    /** The state of the fault mechanism, as `GET /_sandbox/faults` shows it. */
    const faultState = () => json(200, { plan: faults.current ?? null, rules: faults.armed, injected: faults.injected, draws: faults.draws });
    /** The state of the hold, as `GET /_sandbox/hold` shows it: the plan, answers held, requests held before processing. */
    const holdState = () => json(200, { plan: hold.current ?? null, held: hold.count, deferred: hold.deferred });
    /** An admin route under `/_sandbox`. */
    const route = (method: string, pattern: string, handler: Route["handler"]): Route => ({ method, pattern: `${ADMIN}${pattern}`, handler });

    const adminRoutes = new RouteTable([
        route("GET", "/health", () => json(200, { ok: true })),
        // Each vendor's origin; a vendor's state switches (not faults).
        route("GET", "/vendors", () => json(200, Object.fromEntries(VENDORS.map((v) => [v, parts.vendorUrl(v)])))),
        route("POST", "/vendors/:vendor/:switch", (q) => {
            const sw = emulatorOf(q.params.vendor)?.switches?.[q.params.switch];
            return sw ? sw(q.body ?? {}) : json(404, { message: `no switch ${q.params.vendor}/${q.params.switch}` });
        }),
        // The one fault mechanism: see sandbox/faults.ts.
        route("GET", "/faults", faultState),
        route("PUT", "/faults", (q) => (faults.configure(q.body), faultState())),
        route("DELETE", "/faults", () => (faults.configure(undefined), faults.clearRules(), faultState())),
        route("GET", "/faults/rules", () => json(200, faults.armed)),
        route("POST", "/faults/rules", (q) => {
            try {
                return json(201, faults.addRule(q.body));
            } catch (e) {
                return json(400, { message: (e as Error).message });
            }
        }),
        route("DELETE", "/faults/rules", () => (faults.clearRules(), json(200, faults.armed))),
        route("GET", "/ratelimit", () => json(200, rateLimits.current)),
        route("PUT", "/ratelimit", (q) => rateLimits.configure(q.body) ?? json(200, rateLimits.current)),
        route("DELETE", "/ratelimit", () => rateLimits.configure(undefined) ?? json(200, rateLimits.current)),
        route("GET", "/hold", holdState),
        route("PUT", "/hold", (q) => (hold.configure(q.body ?? {}), holdState())),
        route("DELETE", "/hold", () => (hold.configure(undefined), holdState())),
        route("GET", "/requests", () => {
            const counts: Record<string, number> = {};
            for (const r of log) counts[`${r.vendor} ${r.method} ${r.route}`] = (counts[`${r.vendor} ${r.method} ${r.route}`] ?? 0) + 1;
            return json(200, { total: log.length, counts, log });
        }),
        route("DELETE", "/requests", () => ((log.length = 0), json(204))),
        // A vendor's stored objects: seed, read, change or delete them behind the provider's back (drift).
        route("GET", "/objects/:vendor/:collection", (q) => json(200, store.collection(q.params.vendor, q.params.collection))),
        route("POST", "/objects/:vendor/:collection", (q) => {
            store.collection(q.params.vendor, q.params.collection).push(q.body);
            store.save();
            return json(201, q.body);
        }),
        route("GET", "/objects/:vendor/:collection/:id", (q) => withObject(q, (list, i) => json(200, list[i]))),
        route("DELETE", "/objects/:vendor/:collection/:id", (q) =>
            withObject(q, (list, i) => {
                list.splice(i, 1);
                store.save();
                return json(204);
            }),
        ),
        route("PATCH", "/objects/:vendor/:collection/:id", (q) =>
            withObject(q, (list, i) => {
                const emulator = emulatorOf(q.params.vendor);
                if (emulator?.alter) emulator.alter(q.params.collection, list[i], q.body ?? {});
                else Object.assign(list[i], q.body ?? {});
                store.save();
                return json(200, list[i]);
            }),
        ),
    ]);

    /** The object an admin request names, by the emulator's declared id (else the usual id fields), or a 404. */
    function withObject(q: SandboxRequest, fn: (list: Record<string, any>[], i: number) => SandboxResponse): SandboxResponse {
        const { vendor, collection, id } = q.params;
        const list = store.collection(vendor, collection);
        const declared = emulatorOf(vendor)?.objectKeys?.[collection];
        const key = declared ? declared.id : (o: Record<string, any>) => String(o.uuid ?? o.id ?? o.UserId ?? o.number);
        const i = list.findIndex((o) => key(o) === id);
        return i < 0 ? json(404, { message: `no ${vendor}/${collection}/${id}` }) : fn(list, i);
    }

    return function admin(q: SandboxRequest): SandboxResponse {
        const r = adminRoutes.match(q);
        try {
            return r ? (r.handler(q) as SandboxResponse) : json(404, { message: "unknown admin route" });
        } catch (e) {
            return json(500, { message: `sandbox error: ${(e as Error).message}` });
        }
    };
}

/** Reads a request's body and its JSON (undefined when empty or not JSON). */
function parse(req: http.IncomingMessage, rawBody: string): SandboxRequest {
    // Prefixed with an origin so a raw `//x` stays a path (`new URL("//x", base)` would read it as a host).
    const url = new URL(`http://sandbox${req.url ?? "/"}`);
    let body: unknown;
    try {
        body = rawBody ? JSON.parse(rawBody) : undefined;
    } catch {
        body = undefined;
    }
    return { method: req.method ?? "GET", path: (req.url ?? "/").split("?")[0], params: {}, query: url.searchParams, headers: req.headers, body, rawBody, url: req.url ?? "/" };
}


export async function startSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
    const creds: SandboxCredentials = { ...DEFAULT_CREDENTIALS, ...opts.credentials };
    const store = new Store(opts.stateFile);
    const vendors: VendorEmulator[] = VENDORS.map((v) => EMULATORS[v](store, creds));
    store.save();
    const parts: SandboxParts = {
        store,
        vendors,
        routes: new Map(vendors.map((v) => [v.prefix, new RouteTable(v.routes)])),
        log: [],
        faults: new FaultInjector(store, (vendor) => vendors.find((v) => v.prefix === vendor)?.objectKeys),
        hold: new AnswerHold(),
        rateLimits: new RateLimits(),
        hung: new Set(),
        vendorUrl: (vendor) => vendorUrl(vendor),
    };
    const { log, faults, hold, hung } = parts;
    const pipeline = vendorPipeline(parts);
    const admin = adminApi(parts);

    /** One listener per origin: the admin origin (no emulator) and one per vendor, each served at its root. */
    const handler = (emulator: VendorEmulator | undefined): http.RequestListener => (req, res) => {
        const chunks: Buffer[] = [];
        req.on("data", (c: Buffer) => chunks.push(c));
        req.on("end", async () => {
            const at = Date.now();
            let sreq: SandboxRequest;
            try {
                sreq = parse(req, Buffer.concat(chunks).toString("utf8"));
            } catch (e) {
                return send(res, json(500, { message: `sandbox error: ${(e as Error).message}` }));
            }
            if (emulator) return pipeline({ emulator, req, res, sreq, at, routeName: "" });
            send(res, sreq.path.startsWith(`${ADMIN}/`) ? admin(sreq) : json(404, { message: "this is the admin origin: vendors are served on their own origins (GET /_sandbox/vendors)" }));
        });
    };

    const host = opts.host ?? "127.0.0.1";
    const listen = async (emulator: VendorEmulator | undefined, port: number) => {
        const server = http.createServer(handler(emulator));
        await new Promise<void>((resolve, reject) => {
            server.once("error", reject);
            server.listen(port, host, resolve);
        });
        return server;
    };
    const servers: http.Server[] = [];
    const close = () =>
        Promise.all(
            servers.map(
                (server) =>
                    new Promise<void>((resolve) => {
                        for (const r of hung) r.destroy();
                        server.closeAllConnections();
                        server.close(() => resolve());
                    }),
            ),
        ).then(() => undefined);
    const origin = (server: http.Server) => `http://${host}:${(server.address() as AddressInfo).port}`;
    const vendorOrigins = new Map<string, string>();
    const vendorPorts: Record<string, number> = {};
    const vendorUrl = (vendor: string) => {
        const u = vendorOrigins.get(vendor);
        if (!u) throw new Error(`the sandbox has no vendor ${JSON.stringify(vendor)} (it has ${VENDORS.join(", ")})`);
        return u;
    };
    try {
        const adminServer = await listen(undefined, opts.port ?? 0);
        servers.push(adminServer);
        for (const [i, name] of VENDORS.entries()) {
            const emulator = vendors.find((v) => v.prefix === name)!;
            const server = await listen(emulator, opts.vendorPorts?.[name] ?? (opts.port ? opts.port + 1 + i : 0));
            servers.push(server);
            vendorOrigins.set(name, origin(server));
            vendorPorts[name] = (server.address() as AddressInfo).port;
        }
        return { url: origin(adminServer), vendorUrl, vendorPorts, store, log, faults, hold, close };
    } catch (e) {
        await close();
        throw e;
    }
}
