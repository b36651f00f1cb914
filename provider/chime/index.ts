/** Amazon Chime's resources: `import { chime } from "pulumi-telephony"; new chime.UserNumber(…)`. */
export { ChimeUserNumber as UserNumber, ChimeUserNumberArgs as UserNumberArgs } from "./user-number/resource";
