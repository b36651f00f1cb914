import * as pulumi from "@pulumi/pulumi";
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
 * Registers a dynamic resource of `kind` (`module:Type`, URN type `pulumi-nodejs:dynamic/module:Type`).
 * `outputs` lists the output-only properties (so they appear on the resource); `secretInputs` are wrapped in
 * `pulumi.secret` whatever the caller passed; `secretOutputs` are derived secrets (SIP digests).
 */
export function registerArgs(
    args: Record<string, unknown>,
    outputs: readonly string[],
    secretInputs: readonly string[],
): Record<string, unknown> {
    const props: Record<string, unknown> = { ...args };
    for (const k of secretInputs) if (props[k] !== undefined) props[k] = pulumi.secret(props[k] as pulumi.Input<unknown>);
    for (const k of outputs) if (!(k in props)) props[k] = undefined;
    return props;
}

export function withSecretOutputs(opts: pulumi.CustomResourceOptions | undefined, secretOutputs: readonly string[]): pulumi.CustomResourceOptions {
    return { ...opts, additionalSecretOutputs: [...(opts?.additionalSecretOutputs ?? []), ...secretOutputs] };
}

export { shimProvider };
