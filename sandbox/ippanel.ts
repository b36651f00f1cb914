// STUB: to be replaced by the ippanel emulation.
import { Store, VendorEmulator, json } from "./core";

export interface IppanelCredentials { apiKey: string }

export function ippanel(_store: Store, _creds: IppanelCredentials): VendorEmulator {
    return { prefix: "ippanel", authenticate: () => undefined, routes: [], notFound: () => json(404, { message: "not found" }) };
}
