// STUB: to be replaced.
import * as pulumi from "@pulumi/pulumi";
import { shimProvider } from "../../core/resource";

export type NumberAssignmentArgs = Record<string, pulumi.Input<any>>;

export class NumberAssignment extends pulumi.dynamic.Resource {
    constructor(name: string, args: NumberAssignmentArgs, opts?: pulumi.CustomResourceOptions) {
        super(shimProvider("ippanel:NumberAssignment"), name, args, opts, "ippanel", "NumberAssignment");
    }
}
