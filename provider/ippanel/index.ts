/** IPPanel Edge's resources: `import { ippanel } from "pulumi-telephony"; new ippanel.NumberAssignment(…)`. */
export { NumberAssignment, NumberAssignmentArgs } from "./number-assignment/resource";
