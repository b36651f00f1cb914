/**
 * The Amazon Chime emulator, split as moto and LocalStack split theirs: `state.ts` keeps the vendor's objects, seeded data
 * and rules; `routes.ts` maps the vendor's HTTP API onto them.
 */
export type { ChimeCredentials } from "./state";
export { CHIME_ACCOUNT, CHIME_USERS, CHIME_NUMBERS, CHIME_REGION, SANDBOX_PROFILE_USER, SANDBOX_ROLE } from "./state";
export type { IamRole, IamUserKey } from "./iam";
export { chime } from "./routes";
