/**
 * Messente Verigator emulation: the users of a Verigator service, as seed 002 and the reference (section 5)
 * describe them. Served at the root of its own origin, as api.verigator.com is; routes live under `/v1`. Inferred
 * behaviour is marked [I].
 */
import { randomUUID } from "crypto";
import { SandboxResponse, Store, VendorEmulator, header, json, nowIso } from "./core";

export interface VerigatorCredentials {
    /** Messente API username. */
    username: string;
    /** Messente API password. */
    password: string;
}

/** Seeded services: the seed's example id, and a uuid-shaped one (real service ids are uuids [I]). */
export const VERIGATOR_SERVICES = ["my-service-id", "3f6c1b2a-8d4e-4f7a-9b0c-5e2d1a7f6c93"];

/** Errors carry `{message}` [S]. */
const fail = (status: number, message: string): SandboxResponse => json(status, { message });

/** What the API shows of a user: never the phone number [S]. */
const view = (u: Record<string, any>) => ({ id: u.id, ctime: u.ctime, id_in_service: u.id_in_service });
// `ctime` is an ISO 8601 string here [I: the Java client types it String; its format is not documented].

export function verigator(store: Store, creds: VerigatorCredentials): VendorEmulator {
    const services = () => store.collection("verigator", "services");
    const users = () => store.collection("verigator", "users");
    if (services().length === 0) {
        VERIGATOR_SERVICES.forEach((id, i) => services().push({ id, ctime: nowIso(), name: `sandbox-service-${i + 1}` }));
    }
    const service = (id: string) => services().find((s) => s.id === id);
    const user = (serviceId: string, id: string) => users().find((u) => u.service_id === serviceId && u.id === id);
    const base = "/v1/service/service/:serviceId/users";

    return {
        prefix: "verigator",
        authenticate(req) {
            const auth = header(req, "x-service-auth");
            // 401 "Missing authentication headers" [seed]; a present but wrong pair is 403 "Forbidden request" [I:
            // the seed lists both codes without saying which answers wrong credentials].
            // (The Python client calls 401 WrongCredentialsError and 403 ResourceForbiddenError [S].)
            if (!auth) return fail(401, "Missing authentication headers (X-Service-Auth)");
            if (auth !== `${creds.username}:${creds.password}`) return fail(403, "Forbidden request");
            return undefined;
        },
        notFound: () => fail(404, "Not found"),
        error: (status, message) => fail(status, message),
        // A user's id is generated; its service and name in the service name it in every run.
        objectKeys: { users: { id: (o) => String(o.id), key: (o) => `user ${o.service_id}/${o.id_in_service}` } },
        routes: [
            {
                method: "GET",
                pattern: base,
                name: "ListUsers",
                handler(req) {
                    if (!service(req.params.serviceId)) return fail(404, "Service not found");
                    // The whole list in one answer: the clients read `users` and never page [S, I].
                    const list = users().filter((u) => u.service_id === req.params.serviceId).map(view);
                    // `total` as the reference page shows it [D] (the Java client reads `count` [S]; the provider reads neither).
                    return json(200, { users: list, total: list.length });
                },
            },
            {
                method: "POST",
                pattern: base,
                name: "CreateUser",
                handler(req) {
                    if (!service(req.params.serviceId)) return fail(404, "Service not found");
                    const body = req.body ?? {};
                    // Field checks [I]: the docs only say 400/422 mean invalid data [S].
                    if (typeof body.id_in_service !== "string" || body.id_in_service === "") return fail(400, "id_in_service is required");
                    if (typeof body.phone_number !== "string" || !/^\+[1-9]\d{1,14}$/.test(body.phone_number)) {
                        return fail(400, "phone_number must be a phone number in international format");
                    }
                    if (users().some((u) => u.service_id === req.params.serviceId && u.id_in_service === body.id_in_service)) {
                        return fail(409, "User already exists"); // [D, S]
                    }
                    const u = { id: randomUUID(), ctime: nowIso(), id_in_service: body.id_in_service, phone_number: body.phone_number, service_id: req.params.serviceId };
                    users().push(u);
                    store.save();
                    return json(201, view(u)); // 201 [I]: the clients accept any 2xx
                },
            },
            {
                method: "GET",
                pattern: `${base}/:userId`,
                name: "GetUser",
                handler(req) {
                    if (!service(req.params.serviceId)) return fail(404, "Service not found");
                    const u = user(req.params.serviceId, req.params.userId);
                    return u ? json(200, view(u)) : fail(404, "User not found");
                },
            },
            {
                method: "DELETE",
                pattern: `${base}/:userId`,
                name: "DeleteUser",
                handler(req) {
                    if (!service(req.params.serviceId)) return fail(404, "Service not found");
                    const u = user(req.params.serviceId, req.params.userId);
                    if (!u) return fail(404, "User not found");
                    users().splice(users().indexOf(u), 1);
                    store.save();
                    return json(202); // 202, empty body [seed]
                },
            },
        ],
    };
}
