// STUB: to be replaced by the verigator emulation.
import { Store, VendorEmulator, json } from "./core";

export interface VerigatorCredentials { username: string; password: string }

export function verigator(_store: Store, _creds: VerigatorCredentials): VendorEmulator {
    return { prefix: "verigator", authenticate: () => undefined, routes: [], notFound: () => json(404, { message: "not found" }) };
}
