/** Messente Verigator emulation, state: the services and their users, seeded data and rules, from the seeds and public docs (routes: ./routes.ts). Inferred behaviour is marked [I]. */
import { SandboxResponse, Store, json, nowIso } from "../core";

export interface VerigatorCredentials {
    /** Messente API username. */
    username: string;
    /** Messente API password. */
    password: string;
}

/** Seeded services: the seed's example id, and a uuid-shaped one (real service ids are uuids [I]). */
export const VERIGATOR_SERVICES = ["my-service-id", "3f6c1b2a-8d4e-4f7a-9b0c-5e2d1a7f6c93"];

/** Errors carry `{message}` [S]. */
export const fail = (status: number, message: string): SandboxResponse => json(status, { message });

/** What the API shows of a user: never the phone number [S]. */
export const view = (u: Record<string, any>) => ({ id: u.id, ctime: u.ctime, id_in_service: u.id_in_service });
// `ctime` is an ISO 8601 string here [I: the Java client types it String; its format is not documented].

/** The vendor's stored objects: its services (seeded with the ones above) and their users. */
export function verigatorState(store: Store) {
    const services = () => store.collection("verigator", "services");
    const users = () => store.collection("verigator", "users");
    if (services().length === 0) {
        VERIGATOR_SERVICES.forEach((id, i) => services().push({ id, ctime: nowIso(), name: `sandbox-service-${i + 1}` }));
    }
    const service = (id: string) => services().find((s) => s.id === id);
    const user = (serviceId: string, id: string) => users().find((u) => u.service_id === serviceId && u.id === id);
    return { services, users, service, user };
}
