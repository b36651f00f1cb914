/**
 * What the reports know about a telephony resource in an engine event: its kind's metadata (from the same
 * adapters and reconciler the provider runs, so a report never disagrees with the provider's own diff) and
 * its property values made safe to show (secrets masked, unknowns named).
 */
import { adapterFor, kindOfType, reconciler } from "../provider/runtime";
import type { ResourceDescriptor } from "../provider/core/descriptor";
import { RESOURCES } from "../provider/registry";
import { MASK } from "../provider/core/secrets";
import { UNKNOWN } from "../provider/core/validation";

export type Props = Record<string, unknown>;

/** A resource kind as the reports see it. */
export interface KindInfo {
    /** `opentact:SipUser` */
    kind: string;
    /** Input properties whose values are secret: never shown, whatever the event carries. */
    secret: readonly string[];
    /** Input properties the vendor API cannot show for the object stored as `stored` (carried from state by `read`). */
    unobservable(stored: Props): readonly string[];
    /** The input properties of the kind. */
    inputs: readonly string[];
    /** The provider's own diff: declared properties of `news` that differ from `olds`. */
    changedKeys(olds: Props, news: Props): string[];
    replaceOn(olds: Props, news: Props): string[];
    deleteBeforeReplace(olds: Props, news: Props): boolean;
}

/** The kind of a URN type, or undefined for resources that are not ours (the stack, providers, others). */
export type KindLookup = (urnType: string) => KindInfo | undefined;

/** A dynamic resource's URN type (`pulumi-nodejs:dynamic/opentact:SipUser`) or the plugin's token (`telephony:opentact:SipUser`). */
export const telephonyKinds: KindLookup = (urnType) => {
    const kind = kindOfType(urnType);
    if (kind === undefined) return undefined;
    const adapter = adapterFor(kind);
    const r = reconciler(kind);
    return {
        kind,
        secret: adapter.schema.secret ?? [],
        unobservable: (stored) => r.unobservable(stored),
        inputs: Object.keys(adapter.schema.fields),
        changedKeys: (olds, news) => r.changedKeys(olds, news),
        replaceOn: (olds, news) => adapter.replaceOn(olds, news),
        deleteBeforeReplace: (olds, news) => adapter.deleteBeforeReplace?.(olds, news) ?? false,
    };
};

/**
 * How the engine shows a secret in events, even with showSecrets: Pulumi's secret signature key with a fixed
 * `"ciphertext": "[secret]"` [O: observed in 3.259 events].
 */
const SECRET_SIG = "4dabf18193072939515e22adb298388d";

/** Shown for a value not known until apply (a preview input computed from another resource). */
export const AFTER_APPLY = "(known after apply)";

/**
 * A property value as reports may show it: secret envelopes become `[secret]`, the engine's unknown sentinel
 * becomes `(known after apply)`, absent becomes null. Two secret values therefore compare equal: events never
 * reveal whether a secret changed, so reports say so instead of guessing.
 */
export function plain(v: unknown): unknown {
    if (v === undefined || v === null) return null;
    if (v === UNKNOWN) return AFTER_APPLY;
    if (Array.isArray(v)) return v.map(plain);
    if (typeof v === "object") {
        if (SECRET_SIG in (v as object)) return MASK;
        return Object.fromEntries(Object.entries(v as Props).map(([k, x]) => [k, plain(x)]));
    }
    return v;
}

/** Every property of a state or input bag made safe; `__provider` (the serialized provider) dropped. */
export function plainProps(props: Props | undefined, info: KindInfo): Props {
    const out: Props = {};
    for (const [k, v] of Object.entries(props ?? {})) {
        if (k === "__provider") continue;
        out[k] = info.secret.includes(k) && v !== undefined && v !== null ? MASK : plain(v);
    }
    return out;
}

/** Keeps the engine's unknown sentinel (the provider's diff treats it as a change), masking the rest. */
export function comparable(props: Props | undefined, info: KindInfo): Props {
    const out = plainProps(props, info);
    for (const [k, v] of Object.entries(props ?? {})) if (v === UNKNOWN) out[k] = UNKNOWN;
    return out;
}

/** The logical name: the last `::` segment of a URN. */
export function nameOf(urn: string): string {
    return urn.slice(urn.lastIndexOf("::") + 2);
}

/** Declared means given a value in the program (null and absent are "not managed"). */
export function declared(props: Props, key: string): boolean {
    return props[key] !== undefined && props[key] !== null;
}

/** What goes out of service when an object of a kind is deleted or replaced, in the warning lines (its descriptor's noun). */
export function serviceOf(kind: string, resources: readonly ResourceDescriptor[] = RESOURCES): string {
    return resources.find((d) => d.kind === kind)?.noun ?? "object";
}

export { MASK };
