/**
 * Messente Verigator emulation: the users of a Verigator service, as seed 002 and the reference (section 5)
 * describe them. Served at the root of its own origin, as api.verigator.com is; routes live under `/v1`. Inferred
 * behaviour is marked [I].
 */
import { randomUUID } from "crypto";
import { Store, VendorEmulator, header, json, nowIso } from "../core";
import { VerigatorCredentials, fail, verigatorState, view } from "./state";

export function verigator(store: Store, creds: VerigatorCredentials): VendorEmulator {
    const { users, service, user } = verigatorState(store);
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
