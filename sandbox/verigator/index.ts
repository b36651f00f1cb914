/**
 * The Messente Verigator emulator, split as moto and LocalStack split theirs: `state.ts` keeps the vendor's objects,
 * seeded data and rules; `routes.ts` maps the vendor's HTTP API onto them.
 */
export type { VerigatorCredentials } from "./state";
export { VERIGATOR_SERVICES } from "./state";
export { verigator } from "./routes";
