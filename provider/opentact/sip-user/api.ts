import { EncodedPath, VendorHttpClient, urlPath } from "../../core/http";

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
    sip_connection?: { uuid?: string; name?: string } | null;
    /** Generation B only: `{domain, created_on, modified_on}`, the domain's name and no uuid [D]. */
    sip_domain?: { domain?: string } | null;
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

/**
 * Where a user hangs: Generation A puts users under a SIP connection (the seed), Generation B under a SIP
 * domain addressed by its name, e.g. `abc.sip.opentact.org` (`/rest/sip/domain/{domain}/user[/{uuid}]`) [S, D].
 */
export type SipUserParent = { connection: string; domain?: undefined } | { domain: string; connection?: undefined };

function collectionPath(p: SipUserParent): EncodedPath {
    return p.domain !== undefined ? urlPath`/rest/sip/domain/${p.domain}/user` : urlPath`/rest/sip/connection/${p.connection}/users`;
}

/**
 * Where a create goes. Generation A: `POST /rest/sip/connection/user` with `sip_connection_uuid` in the body —
 * the seed's curl sample, repeated by its PHP, Python, Node and Go samples, the only form backed by a full
 * example. The seed's table says `POST /rest/sip/connection/{uuid}/Users` (capital U) with no example, and no
 * source shows the lowercase `/users` for a create. Generation B: `POST /rest/sip/domain/{domain}/user` [S, D].
 */
function createPath(p: SipUserParent): EncodedPath {
    return p.domain !== undefined ? urlPath`/rest/sip/domain/${p.domain}/user` : urlPath`/rest/sip/connection/user`;
}

function userPath(p: SipUserParent, uuid: string): EncodedPath {
    return p.domain !== undefined ? urlPath`/rest/sip/domain/${p.domain}/user/${uuid}` : urlPath`/rest/sip/connection/user/${uuid}`;
}

/** A SIP connection as OpenTact lists it [seed: the `sip_connection` block of a user]. */
export interface SipConnectionLive {
    uuid: string;
    name?: string;
    is_active?: boolean;
}

/**
 * The account's SIP connections: `GET /rest/sip/connection` → `{success, payload:[…]}` [I: the docs show
 * `POST /rest/sip/connection` creating one and `GET /rest/sip/connection/product` listing products; the plain
 * collection GET listing the account's connections, unpaged like the user list, is inferred].
 */
export async function listSipConnections(c: VendorHttpClient): Promise<SipConnectionLive[]> {
    const r = await c.send({ operation: "ListSIPConnections (GET /rest/sip/connection)", method: "GET", path: urlPath`/rest/sip/connection` });
    return Array.isArray(r.body?.payload) ? r.body.payload : [];
}

/** A SIP domain as OpenTact shows it: `{domain, created_on, modified_on}`, addressed by its name [D]. */
export interface SipDomainLive {
    domain: string;
}

/**
 * The account's SIP domains: `GET /rest/sip/domain` → `{success, payload:[…]}` [I: the docs show the domain's
 * user routes under `/rest/sip/domain/{domain}`; the collection GET listing the account's domains is inferred].
 */
export async function listSipDomains(c: VendorHttpClient): Promise<SipDomainLive[]> {
    const r = await c.send({ operation: "ListSIPDomains (GET /rest/sip/domain)", method: "GET", path: urlPath`/rest/sip/domain` });
    return Array.isArray(r.body?.payload) ? r.body.payload : [];
}

/** ListSIPUsersBySIPConnectionUUID `GET /rest/sip/connection/{uuid}/users` [seed] (no paging), or the domain list [S]. */
export async function listSipUsers(c: VendorHttpClient, p: SipUserParent): Promise<SipUserLive[]> {
    const r = await c.send({ operation: p.domain ? "ListSIPUsersBySIPDomain" : "ListSIPUsersBySIPConnectionUUID", method: "GET", path: collectionPath(p) });
    return Array.isArray(r.body?.payload) ? r.body.payload : [];
}

/** CreateSIPUser: see `createPath` for why Generation A posts to `/rest/sip/connection/user`. */
export async function createSipUser(c: VendorHttpClient, p: SipUserParent, body: SipUserBody): Promise<SipUserLive> {
    const r = await c.send({
        operation: "CreateSIPUser",
        method: "POST",
        path: createPath(p),
        body: p.connection !== undefined ? { ...body, sip_connection_uuid: p.connection } : body,
    });
    return r.body.payload;
}

/** GetSIPUserByUUID: `GET /rest/sip/connection/user/{uuid}` [seed] or `GET /rest/sip/domain/{domain}/user/{uuid}` [S]. */
export async function getSipUser(c: VendorHttpClient, p: SipUserParent, uuid: string): Promise<SipUserLive> {
    const r = await c.send({ operation: "GetSIPUserByUUID", method: "GET", path: userPath(p, uuid) });
    return r.body.payload;
}

/** ModifySIPUser: `PATCH …/user/{uuid}` with any subset of fields [seed]. Absolute values: safe to retry. */
export async function modifySipUser(c: VendorHttpClient, p: SipUserParent, uuid: string, body: SipUserBody): Promise<SipUserLive> {
    const r = await c.send({ operation: "ModifySIPUser", method: "PATCH", path: userPath(p, uuid), body, idempotent: true });
    return r.body.payload;
}

/** RemoveSIPUserByUUID: `DELETE …/user/{uuid}` [seed]. */
export async function removeSipUser(c: VendorHttpClient, p: SipUserParent, uuid: string): Promise<void> {
    await c.send({ operation: "RemoveSIPUserByUUID", method: "DELETE", path: userPath(p, uuid) });
}
