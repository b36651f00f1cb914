/**
 * The composition root: the provider logic that serialized shims load by package name at call time
 * (`pulumi-telephony/runtime`, whose exports `configure` and `provider(kind)` are a contract with existing state).
 * It joins the registry's vendors and resources to the core, which knows neither: each configuration the engine
 * hands over becomes one context (core/context.ts) with the registry's vendors, and each resource kind's reconciler
 * runs in the context in force. Nothing here is captured into state, so upgrading the package upgrades existing
 * resources too.
 */
import { ContextOptions, ContextServices, ProviderContext } from "./core/context";
import { Adapter, Props, Reconciler } from "./core/reconciler";
import { redact } from "./core/secrets";
import { ConfigSource, Settings } from "./core/settings";
import { kindOfToken } from "./plugin/tokens";
import { RESOURCES, VENDORS, descriptorOf } from "./registry";

/** `telephony:<stem>RequestsPerSecond` per vendor: the stem is the vendor's id (`opentact`), keyed by its name. */
const RATE_KEYS: Readonly<Record<string, string>> = Object.fromEntries(Object.entries(VENDORS).map(([id, name]) => [name, id]));

/** A context with the registry's vendors: the composition root's, or a test's own (with its clock, transport, …). */
export function createContext(opts: Omit<ContextOptions, "rateKeys"> = {}): ProviderContext {
    return new ProviderContext({ ...opts, rateKeys: RATE_KEYS });
}

/** What contexts run on (the real clock and transport unless a test swapped them with `useServices`). */
let services: Partial<ContextServices> = {};
/** The configuration the engine handed over last (none before the first `configure`). */
let configured: ConfigSource | undefined;
/** The context in force, made from `configured` and `services` on first use. */
let context: ProviderContext | undefined;
/** The services `context` was made with. */
let contextServices: Partial<ContextServices> | undefined;
/** Why the last configuration was refused: every later call fails with it, rather than run on an earlier one. */
let refused: unknown;

/**
 * Receives all stack config (every namespace, secrets decrypted) from the engine. The dynamic-provider host calls it
 * once per resource kind, while the other kinds' operations are under way: the same configuration keeps its context
 * (login sessions, pace, in-flight limits), and only another one starts a new context.
 */
export async function configure(req: { config: ConfigSource }): Promise<void> {
    // Kept when it agrees on every key read so far; keys read later come from this configuration (Settings.follow).
    if (context && contextServices === services && refused === undefined && context.settings.follow(req.config)) {
        configured = req.config;
        return;
    }
    configured = req.config;
    context = undefined;
    refused = undefined;
    // Resolved and validated here (policy, rates), so a bad value fails before any resource is touched, and never
    // leaves the previous configuration in force.
    try {
        currentContext();
    } catch (e) {
        refused = e;
        throw e;
    }
}

/** The context in force (the CLI reads its settings and request counts). */
export function currentContext(): ProviderContext {
    if (refused !== undefined) throw refused;
    if (!context) {
        context = contextFor(configured);
        contextServices = services;
    }
    return context;
}

/**
 * A new context for `config` on the runtime's services: the one in force, or one that is not the runtime's (each
 * provider instance of the provider plugin has its own). Throws when the configuration is refused (a bad value).
 */
export function contextFor(config: ConfigSource | undefined): ProviderContext {
    return createContext({ ...services, settings: new Settings(config) });
}

export function currentSettings(): Settings {
    return currentContext().settings;
}

/**
 * Tests: the services every later context runs on (a clock they move, a transport that answers from documents); the
 * context in force is remade with them on next use. `resetRuntime` restores the real ones.
 */
export function useServices(swap: Partial<ContextServices>): void {
    services = { ...services, ...swap };
    context = undefined;
}

/**
 * Tests (the root hooks, before each test): the real services, and a fresh context for the configuration in force
 * — nothing learnt in one test (a spell of 429s, a login, a shared listing) reaches the next.
 */
export function resetRuntime(): void {
    services = {};
    context = undefined;
    refused = undefined;
}

/** The adapter of a resource kind (`opentact:SipUser`); tools such as the drift report read its metadata. */
export function adapterFor(kind: string): Adapter<any, any> {
    const descriptor = descriptorOf(kind);
    if (!descriptor) throw new Error(`pulumi-telephony does not know the resource kind ${kind}: is the installed package older than the one that created it?`);
    return descriptor.loadAdapter();
}

/**
 * The kind of a resource type: a dynamic resource's URN type (`pulumi-nodejs:dynamic/opentact:SipUser`) or the
 * provider plugin's token (`telephony:opentact:SipUser`); undefined for other resources.
 */
export function kindOfType(type: string): string | undefined {
    const kind = type.startsWith("pulumi-nodejs:dynamic/") ? type.slice("pulumi-nodejs:dynamic/".length) : kindOfToken(type);
    return kind !== undefined && descriptorOf(kind) ? kind : undefined;
}

/** The reconciler of a kind in `ctx`, by default the context in force (one per kind and context). */
export function reconciler(kind: string, ctx: ProviderContext = currentContext()): Reconciler<any, any> {
    return ctx.cached(`reconciler ${kind}`, () => new Reconciler(adapterFor(kind), ctx));
}

/** Errors leave the provider redacted; a partial failure keeps its id and properties. */
async function guarded<T>(fn: () => Promise<T>): Promise<T> {
    try {
        return await fn();
    } catch (e) {
        if (e instanceof Error) {
            e.message = redact(e.message);
            if (e.stack) e.stack = redact(e.stack);
            throw e;
        }
        throw new Error(redact(String(e)));
    }
}

/**
 * The provider methods for one resource kind, each run in the context in force when it is called (the dynamic
 * resources' stored shims call this), or in the one `contextOf` gives (a provider plugin instance's own).
 */
export function provider(kind: string, contextOf?: () => ProviderContext) {
    const r = () => reconciler(kind, contextOf ? contextOf() : currentContext());
    return {
        check: (olds: Props, news: Props) => guarded(() => r().check(olds, news)),
        diff: (id: string, olds: Props, news: Props) => guarded(() => r().diff(id, olds, news)),
        create: (inputs: Props) => guarded(() => r().create(inputs)),
        read: (id: string, props: Props) => guarded(() => r().read(id, props)),
        update: (id: string, olds: Props, news: Props) => guarded(() => r().update(id, olds, news)),
        delete: (id: string, props: Props) => guarded(() => r().delete(id, props)),
        /** `pulumi import` (the provider plugin only: dynamic resources cannot be imported, pulumi/pulumi#16175). */
        import: (importId: string) => guarded(() => r().import(importId)),
    };
}

export const KINDS: readonly string[] = RESOURCES.map((d) => d.kind);
