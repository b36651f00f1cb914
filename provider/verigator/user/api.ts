import { VendorHttpClient, urlPath } from "../../core/http";

/** A service user as Verigator returns it [S]. The phone number is never returned [S]. */
export interface VerigatorUserLive {
    /** uuid [S]. */
    id: string;
    /** Creation time, a string in the vendor's format [S: typed String in the Java client]. */
    ctime: string;
    /** The user's name in the calling service [S]. */
    id_in_service: string;
}

/** The create body [D, S]. */
export interface VerigatorUserBody {
    id_in_service: string;
    /** E.164, e.g. `+37255512345` [D]. */
    phone_number: string;
}

/**
 * ListUsers: `GET /v1/service/service/{serviceId}/users` → `{users:[…], total}` on the reference page [D], `count`
 * in the official Java client [S]: neither is read, only `users`. The official clients read the whole list from
 * one answer; no paging parameters are documented [S, I: a service's users fit one page].
 */
export async function listUsers(c: VendorHttpClient, serviceId: string): Promise<VerigatorUserLive[]> {
    const r = await c.send({ operation: "ListUsers (GET /v1/service/service/{serviceId}/users)", method: "GET", path: urlPath`/v1/service/service/${serviceId}/users` });
    return Array.isArray(r.body?.users) ? r.body.users : [];
}

/**
 * CreateUser: `POST /v1/service/service/{serviceId}/users` → 2xx `{id, ctime, id_in_service}`; 409 when a user
 * with this `id_in_service` exists [D, S]. Never retried blindly (POST): the reconciler resolves a lost answer.
 */
export async function createUser(c: VendorHttpClient, serviceId: string, body: VerigatorUserBody): Promise<VerigatorUserLive> {
    const r = await c.send({ operation: "CreateUser (POST /v1/service/service/{serviceId}/users)", method: "POST", path: urlPath`/v1/service/service/${serviceId}/users`, body });
    return r.body;
}

/** GetUser: `GET /v1/service/service/{serviceId}/users/{userId}` → `{id, ctime, id_in_service}` [S]; 404 when gone [seed]. */
export async function getUser(c: VendorHttpClient, serviceId: string, userId: string): Promise<VerigatorUserLive> {
    const r = await c.send({ operation: "GetUser (GET /v1/service/service/{serviceId}/users/{userId})", method: "GET", path: urlPath`/v1/service/service/${serviceId}/users/${userId}` });
    return r.body;
}

/**
 * Removing User from Service: `DELETE /v1/service/service/{serviceId}/users/{userId}` → 202, empty body;
 * 404 when the service or the user does not exist [seed].
 */
export async function deleteUser(c: VendorHttpClient, serviceId: string, userId: string): Promise<void> {
    await c.send({ operation: "DeleteUser (DELETE /v1/service/service/{serviceId}/users/{userId})", method: "DELETE", path: urlPath`/v1/service/service/${serviceId}/users/${userId}` });
}
