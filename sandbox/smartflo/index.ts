/**
 * The Tata Smartflo emulator, split as moto and LocalStack split theirs: `state.ts` keeps the vendor's objects, seeded data
 * and rules; `routes.ts` maps the vendor's HTTP API onto them.
 */
export type { SmartfloCredentials } from "./state";
export { SMARTFLO_ROLES, SMARTFLO_CALLER_IDS, SMARTFLO_MAX_FAILED_LOGINS, SMARTFLO_LOCK_SECONDS, istTimestamp } from "./state";
export { smartflo } from "./routes";
