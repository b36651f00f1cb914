import { VendorHttpClient, urlPath } from "../../core/http";

/** A SIP user as OpenTact returns it [seed]. `created_by`/`modified_by` carry portal secrets: never copied. */
export interface SipUserLive {
    uuid: string;
    login: string;
    ha1?: string;
    ha1b?: string;
    remote_ip?: string | null;
    first_name?: string | null;
    last_name?: string | null;
    email?: string | null;
    phone_number?: string | number | null;
    avatar?: string | null;
    dob?: string | null;
    gender?: string | null;
    created_on?: string;
    modified_on?: string;
    sip_connection?: { uuid?: string } | null;
    sip_domain?: { uuid?: string } | null;
}

/** The writable fields, snake_case as the API takes them. */
export type SipUserBody = Partial<{
    login: string;
    password: string;
    first_name: string;
    last_name: string;
    email: string;
    phone_number: string;
    avatar: string;
    dob: string;
    gender: string;
    remote_ip: string;
    sip_connection_uuid: string;
}>;

/** ListSIPUsersBySIPConnectionUUID: `GET /rest/sip/connection/{uuid}/users` (no paging) [seed]. */
export async function listSipUsers(c: VendorHttpClient, connectionUuid: string): Promise<SipUserLive[]> {
    const r = await c.send({ operation: "ListSIPUsersBySIPConnectionUUID", method: "GET", path: urlPath`/rest/sip/connection/${connectionUuid}/users` });
    return Array.isArray(r.body?.payload) ? r.body.payload : [];
}

/**
 * CreateSIPUser: `POST /rest/sip/connection/{uuid}/users` [seed table]. The seed's curl sample posts to
 * `/rest/sip/connection/user` with `sip_connection_uuid` in the body instead; we use the table's path and
 * send `sip_connection_uuid` in the body too, which satisfies either reading.
 */
export async function createSipUser(c: VendorHttpClient, connectionUuid: string, body: SipUserBody): Promise<SipUserLive> {
    const r = await c.send({
        operation: "CreateSIPUser",
        method: "POST",
        path: urlPath`/rest/sip/connection/${connectionUuid}/users`,
        body: { ...body, sip_connection_uuid: connectionUuid },
    });
    return r.body.payload;
}

/** GetSIPUserByUUID: `GET /rest/sip/connection/user/{uuid}` [seed]. */
export async function getSipUser(c: VendorHttpClient, uuid: string): Promise<SipUserLive> {
    const r = await c.send({ operation: "GetSIPUserByUUID", method: "GET", path: urlPath`/rest/sip/connection/user/${uuid}` });
    return r.body.payload;
}

/** ModifySIPUser: `PATCH /rest/sip/connection/user/{uuid}` with any subset of fields [seed]. Absolute values: safe to retry. */
export async function modifySipUser(c: VendorHttpClient, uuid: string, body: SipUserBody): Promise<SipUserLive> {
    const r = await c.send({ operation: "ModifySIPUser", method: "PATCH", path: urlPath`/rest/sip/connection/user/${uuid}`, body, idempotent: true });
    return r.body.payload;
}

/** RemoveSIPUserByUUID: `DELETE /rest/sip/connection/user/{uuid}` [seed]. */
export async function removeSipUser(c: VendorHttpClient, uuid: string): Promise<void> {
    await c.send({ operation: "RemoveSIPUserByUUID", method: "DELETE", path: urlPath`/rest/sip/connection/user/${uuid}` });
}
