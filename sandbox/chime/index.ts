/**
 * The Amazon Chime emulator, split as moto and LocalStack split theirs: `state.ts` keeps the vendor's objects, seeded data
 * and rules; `routes.ts` maps the vendor's HTTP API onto them.
 */
export type { ChimeCredentials } from "./state";
export { CHIME_ACCOUNT, CHIME_USERS, CHIME_NUMBERS, CHIME_REGION } from "./state";
export { chime } from "./routes";
