import * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";
import { InputAttribute, computedOf, exactlyOneGroupsOf, secretInputsOf, secretOutputsOf } from "./attributes";
import { ResourceDescriptor, typeNameOf } from "./descriptor";
import { SCOPE_INPUT, backendOf, scopeOf } from "./scope";

let scope: string | undefined;
/** This program's stack scope (core/scope.ts), computed once. */
function stackScope(): string {
    if (scope === undefined) {
        let organization = "";
        try {
            organization = pulumi.getOrganization();
        } catch {
            // An engine that names no organization (older CLIs; mocks without one): the other parts still tell stacks apart.
        }
        scope = scopeOf({ backend: backendOf(), organization, project: pulumi.getProject(), stack: pulumi.getStack() });
    }
    return scope;
}

/**
 * A value as a Pulumi program may give it: the value, a promise or an Output, at every level of lists and objects.
 * (The tuple wrapping keeps `boolean` whole instead of splitting it into `Input<true> | Input<false>`.)
 */
export type DeepInput<T> = [T] extends [readonly (infer E)[]]
    ? pulumi.Input<DeepInput<E>[]>
    : [T] extends [object]
      ? pulumi.Input<{ [K in keyof T]: DeepInput<Exclude<T[K], undefined>> }>
      : pulumi.Input<T>;

type InputKeys<A> = { [K in keyof A]: A[K] extends InputAttribute ? K : never }[keyof A];
/** What an attribute's zod schema accepts (`…Args`) and what it gives (outputs). */
type ArgOf<A> = A extends { type: (t: any) => infer T extends z.ZodType } ? z.input<T> : never;
type OutOf<A> = A extends { type: (t: any) => infer T extends z.ZodType } ? z.output<T> : never;
type RequiredKeys<A> = { [K in InputKeys<A>]-?: undefined extends ArgOf<A[K]> ? never : K }[InputKeys<A>];

/**
 * A resource's `…Args`, derived from its input attributes, so an input is declared once: one whose schema rejects
 * `undefined` is required, the others optional; each takes what its schema accepts, as a Pulumi input. The TSDoc
 * written on each declaration is what an IDE shows on the property.
 */
export type ArgsOf<A> = {
    [K in keyof A as K extends RequiredKeys<A> ? K : never]: DeepInput<ArgOf<A[K]>>;
} & {
    [K in keyof A as K extends InputKeys<A> ? (K extends RequiredKeys<A> ? never : K) : never]?: DeepInput<Exclude<ArgOf<A[K]>, undefined>>;
};

/** Options every telephony resource accepts besides its vendor properties. */
export interface AdoptArgs {
    /**
     * Take over an object that already exists at the vendor (matched by its natural key, such as the login)
     * instead of failing, then bring it to the declared state. Default false: an existing object is an error,
     * so two stacks never silently manage the same user.
     */
    adopt?: pulumi.Input<boolean>;
}

/**
 * A resource's properties as outputs, derived from its attributes like `ArgsOf`: every input as state holds it (its
 * schema's output, normalized) and every computed output, each with its TSDoc. A class gets them by declaration
 * merging: `export interface SipUser extends OutputsOf<typeof sipUserAttributes> {}`. Inputs that only refuse a
 * value (their output is always undefined) are left out.
 */
export type OutputsOf<A> = {
    readonly [K in keyof A as [OutOf<A[K]>] extends [undefined] ? never : K]: pulumi.Output<OutOf<A[K]>>;
};

/**
 * The base of every telephony resource: registers a dynamic resource of the descriptor's kind (`module:Type`, URN
 * type `pulumi-nodejs:dynamic/module:Type`) whose provider is the shim. The computed outputs and both inputs of each
 * exactly-one pair are registered even when the program leaves them out (undefined), so their Outputs exist on the
 * resource; other inputs the program leaves out are not (every property registered costs the program a promise).
 * Secret inputs are wrapped in `pulumi.secret` whatever the caller passed, and every secret attribute is marked as an
 * additional secret output. The stack's scope goes in as a hidden input (`__stackScope`): the provider keys its create
 * journal with it (core/scope.ts).
 */
export abstract class TelephonyResource extends pulumi.dynamic.Resource {
    protected constructor(descriptor: ResourceDescriptor, name: string, args: object, opts?: pulumi.CustomResourceOptions) {
        const attrs = descriptor.attributes;
        const props: Record<string, unknown> = { ...args };
        const secretInputs = secretInputsOf(attrs);
        for (const k of secretInputs) if (props[k] !== undefined) props[k] = pulumi.secret(props[k] as pulumi.Input<unknown>);
        for (const k of [...computedOf(attrs), ...exactlyOneGroupsOf(attrs).flat()]) if (!(k in props)) props[k] = undefined;
        props[SCOPE_INPUT] = stackScope();
        const secretOutputs = [...secretOutputsOf(attrs), ...secretInputs];
        const options = secretOutputs.length === 0 ? opts : { ...opts, additionalSecretOutputs: [...(opts?.additionalSecretOutputs ?? []), ...secretOutputs] };
        // Pulumi's SDK records a source-mapped stack trace for the promise of every property it registers, and shows
        // them only when PULUMI_DEBUG_PROMISE_LEAKS is set. Formatting them was nine tenths of the time a program
        // spent constructing these resources (120 SipUsers: about 1,000 ms, and 120 ms without), all of it before
        // the first registration reaches the engine. So, unless that variable is set, no frames are captured while
        // Pulumi registers the resource. The resource's source position is unaffected: Pulumi captures it with
        // its own, unlimited setting. An error thrown from inside (a transformation's too) gets the trace of this
        // call instead.
        const limit = Error.stackTraceLimit;
        if (!process.env.PULUMI_DEBUG_PROMISE_LEAKS) Error.stackTraceLimit = 0;
        try {
            super(descriptor.loadProvider(), name, props, options, descriptor.vendor, typeNameOf(descriptor.kind));
        } catch (e) {
            Error.stackTraceLimit = limit;
            if (e instanceof Error && !/\n\s+at /.test(e.stack ?? "")) e.stack = `${e.name}: ${e.message}\n${(new Error().stack ?? "").split("\n").slice(1).join("\n")}`;
            throw e;
        } finally {
            Error.stackTraceLimit = limit;
        }
    }
}
