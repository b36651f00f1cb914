/**
 * The provider logic that serialized shims load by package name at call time (`pulumi-telephony/runtime`).
 * Nothing here is captured into state, so upgrading the package upgrades existing resources too.
 */
import { RequestPolicy, policyOf } from "./policy";
import { configurePacing } from "./pacing";
import { Adapter, Props, Reconciler } from "./reconciler";
import { redact } from "./secrets";
import { ConfigSource, Settings } from "./settings";
import { RESOURCES, descriptorOf } from "../registry";

let settings = new Settings(undefined);
/** The request policy of `settings`, resolved once when they arrive, and handed to every client. */
let policy: RequestPolicy | undefined;
const reconcilers = new Map<string, Reconciler<any, any>>();

/** Receives all stack config (every namespace, secrets decrypted) from the engine. */
export async function configure(req: { config: ConfigSource }): Promise<void> {
    settings = new Settings(req.config);
    // Resolved and validated here, so a bad value fails before any resource is touched (and never leaves the
    // previous settings' policy in force).
    policy = undefined;
    policy = policyOf(settings);
    configurePacing(settings);
}

/** The request policy in force: resolved from the current settings once. */
function currentPolicy(): RequestPolicy {
    return (policy ??= policyOf(settings));
}

export function currentSettings(): Settings {
    return settings;
}

/** The adapter of a resource kind (`opentact:SipUser`); tools such as the drift report read its metadata. */
export function adapterFor(kind: string): Adapter<any, any> {
    const descriptor = descriptorOf(kind);
    if (!descriptor) throw new Error(`pulumi-telephony does not know the resource kind ${kind}: is the installed package older than the one that created it?`);
    return descriptor.loadAdapter();
}

/** The kind of a URN type `pulumi-nodejs:dynamic/opentact:SipUser`, or undefined for other resources. */
export function kindOfType(type: string): string | undefined {
    const kind = type.startsWith("pulumi-nodejs:dynamic/") ? type.slice("pulumi-nodejs:dynamic/".length) : undefined;
    return kind !== undefined && descriptorOf(kind) ? kind : undefined;
}

export function reconciler(kind: string): Reconciler<any, any> {
    let r = reconcilers.get(kind);
    if (!r) {
        r = new Reconciler(adapterFor(kind), () => settings, currentPolicy);
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
        /** `pulumi import` (the provider plugin only: dynamic resources cannot be imported, pulumi/pulumi#16175). */
        import: (importId: string) => guarded(() => reconciler(kind).import(importId)),
    };
}

export const KINDS: readonly string[] = RESOURCES.map((d) => d.kind);
