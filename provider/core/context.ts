/**
 * One context per configuration: everything a provider process keeps while it serves one stack configuration — the
 * settings and the request policy and number region resolved from them, the per-vendor pace and in-flight limit, the login sessions,
 * the create journal, caches (IPPanel's shared listing, Chime's SDK clients), the request counts — and the services
 * it runs on: the clock, the transport, the random source of backoff jitter. The composition root
 * (provider/runtime.ts) makes one when the engine configures the provider; a test makes its own, with a clock it
 * moves or a transport that answers from documents. Nothing of this lives in a module variable, so a new context
 * (a new configuration, the next test) starts from nothing.
 */
import { Clock, systemClock } from "./clock";
import { CreateJournal } from "./journal";
import { Pacing } from "./pacing";
import { StackRegion, stackRegion } from "./phone-number";
import { RequestPolicy, policyOf } from "./policy";
import { RequestGate } from "./gate";
import { RetryStrategy } from "./retry";
import { Settings } from "./settings";
import { RequestStats } from "./stats";
import { TokenSession, TokenSessionOptions } from "./token-session";
import { Transport, nodeTransport } from "./transport";

/** What a context runs on; each defaults to the real one. */
export interface ContextServices {
    clock: Clock;
    transport: Transport;
    /** Backoff jitter in [0, 1). */
    random: () => number;
}

export interface ContextOptions extends Partial<ContextServices> {
    /** Stack config and environment; default: no stack config, this process's environment. */
    settings?: Settings;
    /** The request policy; default: the one the settings ask for (resolved and checked here). Tests hand in a faster one. */
    policy?: RequestPolicy;
    /**
     * Each vendor's config key stem by its name (`{"OpenTact": "opentact"}`), for `telephony:<stem>RequestsPerSecond`:
     * the composition root passes the registry's. Core knows no vendor.
     */
    rateKeys?: Readonly<Record<string, string>>;
}

export class ProviderContext {
    readonly settings: Settings;
    readonly policy: RequestPolicy;
    readonly clock: Clock;
    readonly transport: Transport;
    readonly random: () => number;
    readonly stats = new RequestStats();
    /** The one retry strategy of every client of this context (retry.ts). */
    readonly retry: RetryStrategy;
    readonly pacing: Pacing;
    /** The region national phone-number forms are read in (`telephony:defaultRegion`), checked when the context is made. */
    readonly region: StackRegion;
    private readonly gates = new Map<string, RequestGate>();
    private readonly sessions = new Map<string, TokenSession>();
    private readonly caches = new Map<string, unknown>();

    /** Resolves the policy and the configured rates at once: a bad value fails here, before any resource is touched. */
    constructor(opts: ContextOptions = {}) {
        this.settings = opts.settings ?? new Settings(undefined);
        this.policy = opts.policy ?? policyOf(this.settings);
        this.clock = opts.clock ?? systemClock;
        this.transport = opts.transport ?? nodeTransport;
        this.random = opts.random ?? Math.random;
        this.retry = new RetryStrategy(this.policy, this.clock, this.stats, this.random);
        this.pacing = new Pacing(this.settings, opts.rateKeys ?? {}, this.clock);
        this.region = stackRegion(this.settings);
    }

    /** The in-flight limit of a vendor: every client of that vendor, HTTP or SDK, sends through the same one. */
    gate(vendor: string): RequestGate {
        let g = this.gates.get(vendor);
        if (!g) this.gates.set(vendor, (g = new RequestGate(this.policy.maxInFlight)));
        return g;
    }

    /**
     * The login session of one account (`key`: vendor, base URL and login), made with `options` by the first client
     * that asks; every later client of the same account shares it. It runs on this context's clock.
     */
    session(key: string, options: TokenSessionOptions): TokenSession {
        let s = this.sessions.get(key);
        if (!s) this.sessions.set(key, (s = new TokenSession({ clock: this.clock, ...options })));
        return s;
    }

    /** The create journal in `telephony:journalDir` (TELEPHONY_JOURNAL_DIR), else the default folder. */
    journal(): CreateJournal {
        const dir = this.settings.get("journalDir", "TELEPHONY_JOURNAL_DIR");
        return this.cached(`journal ${dir ?? ""}`, () => CreateJournal.at(dir));
    }

    /**
     * A value kept for the life of this configuration under `key`, made by `make` on first use: a client's SDK, a
     * vendor's shared answers. Name keys after their owner (`ippanel listing …`).
     */
    cached<T>(key: string, make: () => T): T {
        if (!this.caches.has(key)) this.caches.set(key, make());
        return this.caches.get(key) as T;
    }
}
