// STUB: to be replaced.
import * as pulumi from "@pulumi/pulumi";
import { shimProvider } from "../../core/resource";

export type VerigatorUserArgs = Record<string, pulumi.Input<any>>;

export class VerigatorUser extends pulumi.dynamic.Resource {
    constructor(name: string, args: VerigatorUserArgs, opts?: pulumi.CustomResourceOptions) {
        super(shimProvider("verigator:VerigatorUser"), name, args, opts, "verigator", "VerigatorUser");
    }
}
