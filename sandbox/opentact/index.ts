/**
 * The OpenTact emulator, split as moto and LocalStack split theirs: `state.ts` keeps the vendor's objects, seeded data
 * and rules; `routes.ts` maps the vendor's HTTP API onto them.
 */
export type { OpentactCredentials } from "./state";
export { OPENTACT_CONNECTIONS, OPENTACT_DOMAINS, OPENTACT_REALM } from "./state";
export { opentact } from "./routes";
