import * as http from "http";
import { AddressInfo } from "net";
import { AnswerHold, FaultInjector, FaultKind, beforeProcessing, spoilAnswer } from "./faults";
import { RateLimits } from "./ratelimit";
import { Route, SandboxRequest, SandboxResponse, Store, VendorEmulator, compile, json } from "./core";
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
    /** Holds answers of processed writes back (crash tests). */
    hold: AnswerHold;
    close(): Promise<void>;
}

interface CompiledRoute extends Route {
    re: RegExp;
    names: string[];
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

export async function startSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
    const creds: SandboxCredentials = { ...DEFAULT_CREDENTIALS, ...opts.credentials };
    const store = new Store(opts.stateFile);
    const vendors: VendorEmulator[] = VENDORS.map((v) => EMULATORS[v](store, creds));
    store.save();
    const routes = new Map<string, CompiledRoute[]>(vendors.map((v) => [v.prefix, v.routes.map((r) => ({ ...r, ...compile(r.pattern) }))]));
    const log: LoggedRequest[] = [];
    const faults = new FaultInjector(store, (vendor) => vendors.find((v) => v.prefix === vendor)?.objectKeys);
    const hold = new AnswerHold();
    const rateLimits = new RateLimits();

    /** One listener per origin: the admin origin (no emulator) and one per vendor, each served at its root. */
    const handler = (emulator: VendorEmulator | undefined): http.RequestListener => (req, res) => {
        const chunks: Buffer[] = [];
        req.on("data", (c: Buffer) => chunks.push(c));
        req.on("end", async () => {
            const at = Date.now();
            const rawBody = Buffer.concat(chunks).toString("utf8");
            let out: SandboxResponse;
            let vendor = "";
            let routeName = "";
            let parsed: unknown;
            let drawn: FaultKind | undefined; // logged with the request even when the answer goes out normally (latency)
            let deferred: true | undefined; // held before processing (logged with the request)
            try {
                // Prefixed with the origin so a raw `//x` stays a path (`new URL("//x", base)` would read it as a host).
                const url = new URL(`http://sandbox${req.url ?? "/"}`);
                let body: unknown;
                try {
                    body = rawBody ? JSON.parse(rawBody) : undefined;
                } catch {
                    body = undefined;
                }
                parsed = body;
                if (!emulator) {
                    vendor = "_sandbox";
                    out = url.pathname.startsWith(`${ADMIN}/`) ? admin(req.method ?? "GET", url, body) : json(404, { message: "this is the admin origin: vendors are served on their own origins (GET /_sandbox/vendors)" });
                } else {
                    // The listener that received the request says which vendor it is for; the path is the vendor's own.
                    const prefix = emulator.prefix;
                    vendor = prefix;
                    const path = (req.url ?? "/").split("?")[0];
                    const sreq: SandboxRequest = { method: req.method ?? "GET", path, params: {}, query: url.searchParams, headers: req.headers, body, rawBody, url: req.url ?? "/" };
                    const throttled = rateLimits.admit(prefix); // PUT /_sandbox/ratelimit (ratelimit.ts)
                    if (throttled) {
                        routeName = "rate limited";
                        out = throttled;
                    } else if (hasEmptySegment(path)) {
                        routeName = "empty path segment";
                        out = emulator.notFound(sreq);
                    } else {
                        const match = findRoute(routes.get(prefix)!, sreq);
                        routeName = match?.name ?? match?.pattern ?? "unmatched";
                        const injected = match ? faults.pick({ vendor: prefix, route: routeName, pattern: match.pattern, method: sreq.method, params: sreq.params, query: url.searchParams, body }) : undefined;
                        const fault = (drawn = injected?.kind);
                        const options = injected?.rule ?? faults.current;
                        const entry: LoggedRequest = { vendor, method: sreq.method, path: req.url ?? "", route: routeName, status: 0, body, fault, at };
                        const early =
                            fault === "vendor-error"
                                ? { answer: emulator.error(injected?.rule?.status ?? 500, injected?.rule?.message ?? "Injected by the sandbox.", injected?.rule?.code) }
                                : fault
                                  ? beforeProcessing(fault, options)
                                  : undefined;
                        if (early) {
                            if ("answer" in early) {
                                log.push({ ...entry, status: early.answer.status });
                                res.writeHead(early.answer.status, { "content-type": "application/json", ...early.answer.headers });
                                res.end(JSON.stringify(early.answer.body));
                            } else {
                                log.push(entry);
                                if ("reset" in early) req.socket.destroy();
                                else hung.add(res);
                            }
                            return;
                        }
                        // A write held on its way (`PUT /_sandbox/hold` with `request: true`) is carried out only when let go.
                        const text = `${req.url ?? ""} ${rawBody}`;
                        const deferral = match ? hold.deferral(vendor, routeName, sreq.method, text) : undefined;
                        if (deferral) {
                            await deferral;
                            entry.deferred = deferred = true;
                        }
                        if (fault === "latency") await new Promise((r) => setTimeout(r, options?.latencyMs ?? 300));
                        if (!match) out = emulator.notFound(sreq);
                        else out = (match.auth !== false && emulator.authenticate(sreq)) || (await match.handler(sreq));
                        // The request is processed (a write committed); a fault may spoil the answer.
                        if (fault && spoilAnswer(fault, out, res, hung)) {
                            log.push({ ...entry, status: out.status });
                            return;
                        }
                        if (hold.applies(vendor, routeName, sreq.method, text)) {
                            log.push({ ...entry, status: out.status, held: true });
                            const answer = out;
                            hold.hold(() => {
                                res.writeHead(answer.status, { "content-type": "application/json", ...answer.headers });
                                res.end(answer.body === undefined ? "" : JSON.stringify(answer.body));
                            });
                            return;
                        }
                    }
                }
            } catch (e) {
                out = json(500, { message: `sandbox error: ${(e as Error).message}` });
            }
            if (vendor !== "_sandbox") log.push({ vendor, method: req.method ?? "", path: req.url ?? "", route: routeName, status: out.status, body: parsed, fault: drawn, at, ...(deferred ? { deferred } : {}) });
            const text = out.body === undefined ? "" : JSON.stringify(out.body);
            res.writeHead(out.status, { "content-type": "application/json", ...out.headers });
            res.end(text);
        });
    };

    /** Responses held open by "timeout-after-commit" faults, closed when the sandbox stops. */
    const hung = new Set<http.ServerResponse>();

    function findRoute(list: CompiledRoute[], sreq: SandboxRequest): CompiledRoute | undefined {
        for (const r of list) {
            if (r.method !== sreq.method) continue;
            const m = r.re.exec(sreq.path);
            if (!m) continue;
            try {
                r.names.forEach((n, i) => (sreq.params[n] = decodeURIComponent(m[i + 1])));
            } catch {
                continue;
            }
            return r;
        }
        return undefined;
    }

    /** The admin API: request log and counts, objects to seed, alter or delete (drift). */
    function admin(method: string, url: URL, body: any): SandboxResponse {
        const parts = url.pathname.slice(ADMIN.length + 1).split("/").map(decodeURIComponent);
        if (parts[0] === "health") return json(200, { ok: true });
        if (parts[0] === "vendors") {
            // GET /_sandbox/vendors: each vendor's origin. POST /_sandbox/vendors/{vendor}/{switch}: a vendor's test switch.
            if (parts.length === 1) return json(200, Object.fromEntries(VENDORS.map((v) => [v, vendorUrl(v)])));
            const emulator = vendors.find((v) => v.prefix === parts[1]);
            const sw = emulator?.switches?.[parts[2] ?? ""];
            if (method !== "POST" || !sw) return json(404, { message: `no switch ${parts.slice(1).join("/")}` });
            return sw(body ?? {});
        }
        if (parts[0] === "faults") {
            // The one fault mechanism: see sandbox/faults.ts.
            if (parts[1] === "rules") {
                if (method === "POST") {
                    try {
                        return json(201, faults.addRule(body));
                    } catch (e) {
                        return json(400, { message: (e as Error).message });
                    }
                }
                if (method === "DELETE") faults.clearRules();
                return json(200, faults.armed);
            }
            if (method === "PUT") faults.configure(body);
            if (method === "DELETE") {
                faults.configure(undefined);
                faults.clearRules();
            }
            return json(200, { plan: faults.current ?? null, rules: faults.armed, injected: faults.injected, draws: faults.draws });
        }
        if (parts[0] === "ratelimit") {
            const refused = method === "PUT" ? rateLimits.configure(body) : method === "DELETE" ? rateLimits.configure(undefined) : undefined;
            return refused ?? json(200, rateLimits.current);
        }
        if (parts[0] === "hold") {
            if (method === "PUT") hold.configure(body ?? {});
            if (method === "DELETE") hold.configure(undefined);
            return json(200, { plan: hold.current ?? null, held: hold.count, deferred: hold.deferred });
        }
        if (parts[0] === "requests") {
            if (method === "DELETE") {
                log.length = 0;
                return json(204);
            }
            const counts: Record<string, number> = {};
            for (const r of log) counts[`${r.vendor} ${r.method} ${r.route}`] = (counts[`${r.vendor} ${r.method} ${r.route}`] ?? 0) + 1;
            return json(200, { total: log.length, counts, log });
        }
        if (parts[0] === "objects" && parts.length >= 3) {
            const [, vendor, collection, id] = parts;
            const list = store.collection(vendor, collection);
            // The emulator's declared id; collections it declares none for are named by the usual id fields.
            const declared = vendors.find((v) => v.prefix === vendor)?.objectKeys?.[collection];
            const key = declared ? declared.id : (o: Record<string, any>) => String(o.uuid ?? o.id ?? o.UserId ?? o.number);
            if (!id) {
                if (method === "GET") return json(200, list);
                if (method === "POST") {
                    list.push(body);
                    store.save();
                    return json(201, body);
                }
            } else {
                const i = list.findIndex((o) => key(o) === id);
                if (i < 0) return json(404, { message: `no ${vendor}/${collection}/${id}` });
                if (method === "GET") return json(200, list[i]);
                if (method === "DELETE") {
                    list.splice(i, 1);
                    store.save();
                    return json(204);
                }
                if (method === "PATCH") {
                    const emulator = vendors.find((v) => v.prefix === vendor);
                    if (emulator?.alter) emulator.alter(collection, list[i], body ?? {});
                    else Object.assign(list[i], body);
                    store.save();
                    return json(200, list[i]);
                }
            }
        }
        return json(404, { message: "unknown admin route" });
    }

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
