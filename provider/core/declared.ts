/**
 * What an adapter takes from its resource's attribute declarations instead of writing it again: the kind, the
 * validation schema, and the reconciler's replace and not-observable sets and comparison form. An adapter spreads it
 * (`...fromAttributes(sipUser, { rules })`) and writes by hand only what depends on the object (`unobservableIn`,
 * `deleteBeforeReplace`) or is stricter in one case (`checkSchema`).
 */
import type * as Zod from "zod";
import { normalized, replaceOnChangeOf, unobservableOf } from "./attributes";
import type { ResourceDescriptor } from "./descriptor";
import type { Adapter } from "./reconciler";
import { Rule, schemaOf } from "./validation";

export function fromAttributes(d: ResourceDescriptor, opts: { rules?: Rule[]; fields?: Record<string, Zod.ZodType> } = {}): Pick<Adapter<unknown, unknown>, "kind" | "schema" | "replaceOn" | "unobservable" | "normalize"> {
    const replaceOn = replaceOnChangeOf(d.attributes);
    return {
        kind: d.kind,
        schema: schemaOf(d.attributes, opts),
        replaceOn: () => [...replaceOn],
        unobservable: unobservableOf(d.attributes),
        normalize: (key, value, region) => normalized(d.attributes, key, value, region),
    };
}
