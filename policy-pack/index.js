// The policy pack's entry point, run by @pulumi/pulumi's cmd/run-policy-pack in this folder. The policies are
// compiled with the package (dist/policy/pack.js); @pulumi/policy and @pulumi/pulumi resolve from here upwards:
// pulumi-telephony's own dependencies, then the program's node_modules.
"use strict";
require("../dist/policy/pack");
