/** Tata Smartflo's resources: `import { smartflo } from "pulumi-telephony"; new smartflo.User(…)`. */
export { SmartfloUser as User, SmartfloUserArgs as UserArgs } from "./user/resource";
