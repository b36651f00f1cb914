/**
 * What an adapter takes from its resource's attribute declarations instead of writing it again: the kind, the
 * validation schema, and the reconciler's replace and not-observable sets and comparison form. An adapter spreads it
 * (`...fromAttributes(sipUser, { rules })`) and writes by hand only what depends on the object (`unobservableIn`,
 * `deleteBeforeReplace`) or is stricter in one case (`checkSchema`).
 */
import { normalized, replaceOnChangeOf, unobservableOf } from "./attributes";
import type { ResourceDescriptor } from "./descriptor";
import type { Adapter } from "./reconciler";
import { typeKit } from "./type-kit";
import { InputSchema, schemaOf } from "./validation";

const schemas = new WeakMap<ResourceDescriptor, { existing?: InputSchema; creating?: InputSchema }>();

/**
 * The schema `check` holds a resource's inputs to, from its declarations and its descriptor's `checks`: for a new
 * object (`creating`, and not adopting) the create-time types too. The adapter's `schema` and `checkSchema` and a
 * roster's row validation (provider/person/roster.ts) are this one schema, so no rule is written twice.
 */
export function checkSchemaOf(d: ResourceDescriptor, creating = false): InputSchema {
    const cached = schemas.get(d) ?? {};
    schemas.set(d, cached);
    const key = creating && d.checks?.createTypes ? "creating" : "existing";
    if (!cached[key]) {
        const kit = typeKit();
        const fields = key === "creating" ? Object.fromEntries(Object.entries(d.checks!.createTypes!).map(([k, type]) => [k, type(kit)])) : undefined;
        cached[key] = schemaOf(d.attributes, { rules: [...(d.checks?.rules ?? [])], fields });
    }
    return cached[key]!;
}

export function fromAttributes(d: ResourceDescriptor): Pick<Adapter<unknown, unknown>, "kind" | "schema" | "checkSchema" | "replaceOn" | "unobservable" | "normalize"> {
    const replaceOn = replaceOnChangeOf(d.attributes);
    return {
        kind: d.kind,
        schema: checkSchemaOf(d),
        // A user the stack creates is held to the create rules; an adopted or existing one to the vendor's later ones.
        ...(d.checks?.createTypes ? { checkSchema: (olds, news) => checkSchemaOf(d, Object.keys(olds).length === 0 && news.adopt !== true) } : {}),
        replaceOn: () => [...replaceOn],
        unobservable: unobservableOf(d.attributes),
        normalize: (key, value, region) => normalized(d.attributes, key, value, region),
    };
}
