/**
 * OpenTact emulation: SIP users of Generation A (under a SIP connection) as seed 004 and the reference
 * describe them, and of Generation B (under a SIP domain, addressed by the domain's name) as OpenTact's
 * "SIP Domain" API pages show them [D: doc.opentact.org/opentact-api-documentation/sip-domain/modify-sip-user,
 * …/deleting-sip-user]. Inferred behaviour is marked [I].
 *
 * State switch, on the sandbox's admin origin:
 *   POST /_sandbox/vendors/opentact/duplicate  {status: 400 | 409 | 422}   how a create of an existing login is
 *        answered (see DUPLICATE_READINGS in state.ts: no source says; 400 by default)
 */
import { randomBytes } from "crypto";
import { SandboxRequest, Store, VendorEmulator, header, json, nowIso } from "../core";
import { DUPLICATE_READINGS, DuplicateReading, OpentactCredentials, UUID, fail, ok, digests, opentactState } from "./state";

export function opentact(store: Store, creds: OpentactCredentials): VendorEmulator {
    const { users, connections, sessions, domains, sw, view, findUser, createUser, modifyUser, removeUser } = opentactState(store, creds);
    return {
        prefix: "opentact",
        authenticate(req) {
            const t = header(req, "x-auth-token");
            if (t && (t === creds.token || sessions().some((s) => s.token === t && s.expires > Date.now()))) return undefined;
            return fail(401, t ? "Invalid token" : "Authentication token is missing");
        },
        notFound: () => fail(404, "Not found"),
        switches: {
            duplicate(body) {
                if (!DUPLICATE_READINGS.includes(body.status)) return json(400, { message: `status must be one of ${DUPLICATE_READINGS.join(", ")}` });
                sw.duplicate = body.status as DuplicateReading;
                return json(200, { ok: true, duplicate: sw.duplicate });
            },
        },
        error: (status, message) => fail(status, message),
        // A user's uuid is generated; the connection or domain and the login name it in every run.
        objectKeys: { users: { id: (o) => String(o.uuid), key: (o) => `user ${o.sip_connection_uuid ?? ""}/${o.sip_domain_uuid ?? ""}/${o.login}` } },
        alter(collection, obj, patch) {
            const { password, ...rest } = patch;
            Object.assign(obj, rest, { modified_on: nowIso() });
            if (collection === "users" && (password !== undefined || rest.login !== undefined)) {
                if (password !== undefined) obj.password = password;
                digests(obj, obj.password);
            }
        },
        routes: [
            {
                method: "GET",
                pattern: "/rest/auth",
                name: "GetAuthToken",
                auth: false,
                handler(req) {
                    const m = /^Basic (.+)$/.exec(header(req, "authorization") ?? "");
                    const [email, ...rest] = m ? Buffer.from(m[1], "base64").toString().split(":") : [];
                    if (email !== creds.email || rest.join(":") !== creds.password) return fail(401, "Invalid email or password");
                    const token = `eyJ${randomBytes(24).toString("base64url")}`;
                    sessions().push({ token, expires: Date.now() + 24 * 3600_000 }); // 24 h [I]
                    store.save();
                    return ok({ email, token });
                },
            },
            {
                // The account's connections [I: the collection GET beside the documented POST /rest/sip/connection].
                method: "GET",
                pattern: "/rest/sip/connection",
                name: "ListSIPConnections",
                handler: () => ok(connections().map((c) => ({ uuid: c.uuid, name: c.name, is_active: c.is_active }))),
            },
            {
                // The account's SIP domains [I: the collection GET beside the documented /rest/sip/domain/{domain} routes].
                method: "GET",
                pattern: "/rest/sip/domain",
                name: "ListSIPDomains",
                handler: () => ok(domains().map((d) => ({ domain: d.domain, created_on: d.created_on, modified_on: d.modified_on }))),
            },
            {
                method: "GET",
                pattern: "/rest/sip/connection/:uuid/users",
                name: "ListSIPUsersBySIPConnectionUUID",
                handler(req) {
                    const conn = connections().find((c) => c.uuid === req.params.uuid);
                    if (!conn) return fail(404, "SIP Connection not found");
                    return ok(users().filter((u) => u.sip_connection_uuid === conn.uuid).map(view));
                },
            },
            {
                // The seed's curl sample (and its PHP, Python, Node and Go samples): the connection in the body [seed].
                method: "POST",
                pattern: "/rest/sip/connection/user",
                name: "CreateSIPUser",
                handler(req) {
                    const body = req.body ?? {};
                    if (body.sip_connection_uuid === undefined) return fail(400, "sip_connection_uuid is required");
                    if (typeof body.sip_connection_uuid !== "string" || !UUID.test(body.sip_connection_uuid)) return fail(400, "sip_connection_uuid must be a uuid");
                    const conn = connections().find((c) => c.uuid === body.sip_connection_uuid);
                    if (!conn) return fail(404, "SIP Connection not found");
                    return createUser(body, conn.uuid);
                },
            },
            {
                // The seed's table: `POST /rest/sip/connection/{uuid}/Users`, capital U [seed]. No source shows it
                // with lowercase `users` for a create, so that path is not routed (404, as a strict server).
                method: "POST",
                pattern: "/rest/sip/connection/:uuid/Users",
                name: "CreateSIPUser (table path)",
                handler(req) {
                    const body = req.body ?? {};
                    const conn = connections().find((c) => c.uuid === req.params.uuid);
                    if (!conn) return fail(404, "SIP Connection not found");
                    if (body.sip_connection_uuid !== undefined && body.sip_connection_uuid !== conn.uuid) {
                        return fail(400, "sip_connection_uuid does not match the path");
                    }
                    return createUser(body, conn.uuid);
                },
            },
            {
                method: "GET",
                pattern: "/rest/sip/connection/user/:uuid",
                name: "GetSIPUserByUUID",
                handler(req) {
                    const u = findUser(req.params.uuid);
                    return u ? ok(view(u)) : fail(404, "SIP User not found");
                },
            },
            {
                method: "PATCH",
                pattern: "/rest/sip/connection/user/:uuid",
                name: "ModifySIPUser",
                handler: (req) => modifyUser(findUser(req.params.uuid), req.body ?? {}),
            },
            {
                method: "DELETE",
                pattern: "/rest/sip/connection/user/:uuid",
                name: "RemoveSIPUserByUUID",
                handler: (req) => removeUser(findUser(req.params.uuid)),
            },
            // Generation B: users under a SIP domain [S, D].
            {
                method: "GET",
                pattern: "/rest/sip/domain/:domain/user",
                name: "ListSIPUsersBySIPDomain",
                handler(req) {
                    if (!domains().some((d) => d.domain === req.params.domain)) return fail(404, "SIP Domain not found");
                    return ok(users().filter((u) => u.sip_domain === req.params.domain).map(view));
                },
            },
            {
                method: "POST",
                pattern: "/rest/sip/domain/:domain/user",
                name: "CreateSIPUser (domain)",
                handler(req) {
                    const domain = domains().find((d) => d.domain === req.params.domain);
                    if (!domain) return fail(404, "SIP Domain not found");
                    return createUser(req.body ?? {}, domain.sip_connection_uuid, domain.domain);
                },
            },
            {
                method: "GET",
                pattern: "/rest/sip/domain/:domain/user/:uuid",
                name: "GetSIPUserByUUID (domain)",
                handler(req) {
                    const u = findUser(req.params.uuid, req.params.domain);
                    return u ? ok(view(u)) : fail(404, "SIP User not found");
                },
            },
            {
                method: "PATCH",
                pattern: "/rest/sip/domain/:domain/user/:uuid",
                name: "ModifySIPUser (domain)",
                handler: (req) => modifyUser(findUser(req.params.uuid, req.params.domain), req.body ?? {}),
            },
            {
                method: "DELETE",
                pattern: "/rest/sip/domain/:domain/user/:uuid",
                name: "RemoveSIPUserByUUID (domain)",
                handler: (req) => removeUser(findUser(req.params.uuid, req.params.domain)),
            },
        ],
    };
}

export type { SandboxRequest };
