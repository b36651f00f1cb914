// STUB: to be replaced by the smartflo emulation.
import { Store, VendorEmulator, json } from "./core";

export interface SmartfloCredentials { token: string; email: string; password: string }

export function smartflo(_store: Store, _creds: SmartfloCredentials): VendorEmulator {
    return { prefix: "smartflo", authenticate: () => undefined, routes: [], notFound: () => json(404, { message: "not found" }) };
}
