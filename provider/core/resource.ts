import * as pulumi from "@pulumi/pulumi";
import { ResourceDescriptor, typeNameOf } from "./descriptor";
import { shimProvider } from "./shim";

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
 * The base of every telephony resource: registers a dynamic resource of the descriptor's kind (`module:Type`, URN
 * type `pulumi-nodejs:dynamic/module:Type`) whose provider is the shim. The descriptor's outputs are added as
 * undefined properties (so they appear on the resource), its secret inputs are wrapped in `pulumi.secret` whatever
 * the caller passed, and its secret outputs plus secret inputs are marked as additional secret outputs.
 */
export abstract class TelephonyResource extends pulumi.dynamic.Resource {
    protected constructor(descriptor: ResourceDescriptor, name: string, args: object, opts?: pulumi.CustomResourceOptions) {
        const props: Record<string, unknown> = { ...args };
        for (const k of descriptor.secretInputs) if (props[k] !== undefined) props[k] = pulumi.secret(props[k] as pulumi.Input<unknown>);
        for (const k of descriptor.outputs) if (!(k in props)) props[k] = undefined;
        const secretOutputs = [...descriptor.secretOutputs, ...descriptor.secretInputs];
        const options = secretOutputs.length === 0 ? opts : { ...opts, additionalSecretOutputs: [...(opts?.additionalSecretOutputs ?? []), ...secretOutputs] };
        super(shimProvider(descriptor.kind), name, props, options, descriptor.vendor, typeNameOf(descriptor.kind));
    }
}
