/**
 * The IPPanel Edge emulator, split as moto and LocalStack split theirs: `state.ts` keeps the vendor's objects, seeded data
 * and rules; `routes.ts` maps the vendor's HTTP API onto them.
 */
export type { IppanelCredentials } from "./state";
export { IPPANEL_NUMBERS, IPPANEL_MAX_PER_PAGE, IPPANEL_BULK_NUMBERS, IPPANEL_USERS, FA } from "./state";
export { ippanel } from "./routes";
