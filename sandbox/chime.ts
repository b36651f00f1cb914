// STUB: to be replaced by the chime emulation.
import { Store, VendorEmulator, json } from "./core";

export interface ChimeCredentials { accessKeyId: string; secretAccessKey: string }

export function chime(_store: Store, _creds: ChimeCredentials): VendorEmulator {
    return { prefix: "chime", authenticate: () => undefined, routes: [], notFound: () => json(404, { message: "not found" }) };
}
