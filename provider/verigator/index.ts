/** Messente Verigator's resources: `import { verigator } from "pulumi-telephony"; new verigator.User(…)`. */
export { VerigatorUser as User, VerigatorUserArgs as UserArgs } from "./user/resource";
