import * as fs from "fs";
import type { ObjectKey } from "./faults";

/** One parsed request, as a vendor emulator sees it (the raw path on the vendor's own origin). */
export interface SandboxRequest {
    method: string;
    path: string;
    params: Record<string, string>;
    query: URLSearchParams;
    headers: Record<string, string | string[] | undefined>;
    body: any;
    rawBody: string;
    url: string;
    /** Who signed it, once the emulator has verified that (AWS: the user or assumed-role ARN): logged with it. */
    principal?: string;
}

export interface SandboxResponse {
    status: number;
    body?: unknown;
    /** A body sent as it is, not as JSON (STS's XML). */
    text?: string;
    headers?: Record<string, string>;
}

export interface Route {
    method: string;
    /** `/rest/sip/connection/user/:uuid`; params match one encoded path segment. */
    pattern: string;
    /** Name used in request counts (`ListSIPUsers`). Defaults to `METHOD pattern`. */
    name?: string;
    /** Set false for routes that need no authentication (login endpoints). */
    auth?: boolean;
    handler: (req: SandboxRequest) => SandboxResponse | Promise<SandboxResponse>;
}

/** A vendor's emulation: its name, how it authenticates, its routes and its stored collections. */
export interface VendorEmulator {
    /**
     * The vendor's name in the sandbox (`opentact`): in the admin API's paths, the request log and fault plans.
     * Each vendor is served at the root of its own origin, as the real host is.
     */
    prefix: string;
    /**
     * Vendor state switches that are not faults (a login lockout, a token lifetime), reached through the admin API
     * (`POST /_sandbox/vendors/{vendor}/{name}` with a JSON body), never through the vendor's own origin, which
     * serves only what the vendor serves. Faults go through the one fault mechanism (`/_sandbox/faults`).
     */
    switches?: Record<string, (body: any) => SandboxResponse>;
    /**
     * The keys of this vendor's stored collections: the id its routes and the admin API name an object by, and the
     * natural key that names a generated id the same in every run (what fault draws and rules use).
     */
    objectKeys?: Record<string, ObjectKey>;
    /** The vendor's error answer in its own envelope: what an injected "vendor-error" fault sends. */
    error(status: number, message: string, code?: string): SandboxResponse;
    /** Returns an error response when the request is not authenticated, else undefined. */
    authenticate(req: SandboxRequest): SandboxResponse | undefined;
    routes: Route[];
    /** Changes an object behind the provider's back (drift simulation), recomputing derived fields. */
    alter?(collection: string, obj: Record<string, any>, patch: Record<string, any>): void;
    /** The vendor's "not found" answer for unmatched routes. */
    notFound(req: SandboxRequest): SandboxResponse;
}

/** Every vendor's objects, by vendor and collection; optionally saved to a JSON file after each change. */
export class Store {
    data: Record<string, Record<string, Record<string, any>[]>> = {};

    constructor(private readonly file?: string) {
        if (file && fs.existsSync(file)) this.data = JSON.parse(fs.readFileSync(file, "utf8"));
    }

    collection(vendor: string, name: string): Record<string, any>[] {
        const v = (this.data[vendor] ??= {});
        return (v[name] ??= []);
    }

    save(): void {
        if (!this.file) return;
        const tmp = `${this.file}.tmp`;
        fs.writeFileSync(tmp, JSON.stringify(this.data));
        fs.renameSync(tmp, this.file);
    }
}

/**
 * Routes by method and path pattern, as every emulator declares them and the admin API too: `match` finds the first
 * route of the request's method whose pattern matches its path, and fills `req.params` (each one decoded segment).
 */
export class RouteTable {
    private readonly compiled: Array<Route & { re: RegExp; names: string[] }>;

    constructor(routes: Route[]) {
        this.compiled = routes.map((r) => ({ ...r, ...compile(r.pattern) }));
    }

    match(req: SandboxRequest): Route | undefined {
        for (const r of this.compiled) {
            if (r.method !== req.method) continue;
            const m = r.re.exec(req.path);
            if (!m) continue;
            try {
                r.names.forEach((n, i) => (req.params[n] = decodeURIComponent(m[i + 1])));
            } catch {
                continue;
            }
            return r;
        }
        return undefined;
    }
}

export function compile(pattern: string): { re: RegExp; names: string[] } {
    const names: string[] = [];
    const re = pattern.replace(/[.+*?^${}()|[\]\\]/g, "\\$&").replace(/:(\w+)/g, (_, n) => {
        names.push(n);
        return "([^/]+)";
    });
    return { re: new RegExp(`^${re}$`), names };
}

export function json(status: number, body?: unknown, headers?: Record<string, string>): SandboxResponse {
    return { status, body, headers };
}

export function header(req: SandboxRequest, name: string): string | undefined {
    const v = req.headers[name.toLowerCase()];
    return Array.isArray(v) ? v[0] : v;
}

export const nowIso = () => new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
