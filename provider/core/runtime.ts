/**
 * The provider logic that serialized shims load by package name at call time (`pulumi-telephony/runtime`).
 * Nothing here is captured into state, so upgrading the package upgrades existing resources too.
 */
import { setUserPolicy } from "./http";
import { configurePacing } from "./pacing";
import { Adapter, Props, Reconciler } from "./reconciler";
import { redact } from "./secrets";
import { ConfigSource, Settings } from "./settings";

/** Resource kinds and where their adapters live; loaded on first use so one vendor's SDK never slows another. */
const ADAPTERS: Record<string, () => Adapter<any, any>> = {
    "opentact:SipUser": () => require("../opentact/sip-user/adapter").sipUserAdapter,
    "smartflo:SmartfloUser": () => require("../smartflo/user/adapter").smartfloUserAdapter,
    "ippanel:NumberAssignment": () => require("../ippanel/number-assignment/adapter").numberAssignmentAdapter,
    "chime:ChimeUserNumber": () => require("../chime/user-number/adapter").chimeUserNumberAdapter,
    "verigator:VerigatorUser": () => require("../verigator/user/adapter").verigatorUserAdapter,
};

let settings = new Settings(undefined);
const reconcilers = new Map<string, Reconciler<any, any>>();

/** Receives all stack config (every namespace, secrets decrypted) from the engine. */
export async function configure(req: { config: ConfigSource }): Promise<void> {
    settings = new Settings(req.config);
    const opt = (key: string, env: string) => (settings.get(key, env) === undefined ? undefined : settings.int(key, env, 1));
    const policy = {
        requestTimeoutMs: opt("requestTimeoutMs", "TELEPHONY_REQUEST_TIMEOUT_MS"),
        deadlineMs: opt("operationDeadlineMs", "TELEPHONY_OPERATION_DEADLINE_MS"),
        retries: opt("maxRetries", "TELEPHONY_MAX_RETRIES"),
        maxInFlight: opt("maxConcurrentRequests", "TELEPHONY_MAX_CONCURRENT_REQUESTS"),
    };
    setUserPolicy(Object.fromEntries(Object.entries(policy).filter(([, v]) => v !== undefined)));
    configurePacing(settings);
}

export function currentSettings(): Settings {
    return settings;
}

/** The adapter of a resource kind (`opentact:SipUser`); tools such as the drift report read its metadata. */
export function adapterFor(kind: string): Adapter<any, any> {
    const load = ADAPTERS[kind];
    if (!load) throw new Error(`pulumi-telephony does not know the resource kind ${kind}: is the installed package older than the one that created it?`);
    return load();
}

/** The kind of a URN type `pulumi-nodejs:dynamic/opentact:SipUser`, or undefined for other resources. */
export function kindOfType(type: string): string | undefined {
    const kind = type.startsWith("pulumi-nodejs:dynamic/") ? type.slice("pulumi-nodejs:dynamic/".length) : undefined;
    return kind !== undefined && kind in ADAPTERS ? kind : undefined;
}

export function reconciler(kind: string): Reconciler<any, any> {
    let r = reconcilers.get(kind);
    if (!r) {
        r = new Reconciler(adapterFor(kind), () => settings);
        reconcilers.set(kind, r);
    }
    return r;
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

/** The dynamic-provider methods for one resource kind. */
export function provider(kind: string) {
    return {
        check: (olds: Props, news: Props) => guarded(() => reconciler(kind).check(olds, news)),
        diff: (id: string, olds: Props, news: Props) => guarded(() => reconciler(kind).diff(id, olds, news)),
        create: (inputs: Props) => guarded(() => reconciler(kind).create(inputs)),
        read: (id: string, props: Props) => guarded(() => reconciler(kind).read(id, props)),
        update: (id: string, olds: Props, news: Props) => guarded(() => reconciler(kind).update(id, olds, news)),
        delete: (id: string, props: Props) => guarded(() => reconciler(kind).delete(id, props)),
    };
}

export const KINDS = Object.keys(ADAPTERS);
