// STUB: to be replaced.
import * as pulumi from "@pulumi/pulumi";
import { shimProvider } from "../../core/resource";

export type SmartfloUserArgs = Record<string, pulumi.Input<any>>;

export class SmartfloUser extends pulumi.dynamic.Resource {
    constructor(name: string, args: SmartfloUserArgs, opts?: pulumi.CustomResourceOptions) {
        super(shimProvider("smartflo:SmartfloUser"), name, args, opts, "smartflo", "SmartfloUser");
    }
}
