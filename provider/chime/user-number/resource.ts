// STUB: to be replaced.
import * as pulumi from "@pulumi/pulumi";
import { shimProvider } from "../../core/resource";

export type ChimeUserNumberArgs = Record<string, pulumi.Input<any>>;

export class ChimeUserNumber extends pulumi.dynamic.Resource {
    constructor(name: string, args: ChimeUserNumberArgs, opts?: pulumi.CustomResourceOptions) {
        super(shimProvider("chime:ChimeUserNumber"), name, args, opts, "chime", "ChimeUserNumber");
    }
}
