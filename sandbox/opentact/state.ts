/** OpenTact emulation, state: the objects the vendor keeps, its seeded data and its rules, from the seeds and public docs (routes: ./routes.ts). Inferred behaviour is marked [I]. */
import { createHash, randomUUID } from "crypto";
import { SandboxResponse, Store, json, nowIso } from "../core";

export interface OpentactCredentials {
    /** A long-lived token accepted in X-Auth-Token. */
    token: string;
    /** Portal login exchanged at GET /rest/auth. */
    email: string;
    password: string;
}

/** Seeded SIP connections; the first uuid is the one in the seed's curl samples. */
export const OPENTACT_CONNECTIONS = ["66eb0a8a-571e-41b1-8f50-4d97275cfab7", "0b7d4c2e-9a1f-4e55-8c3b-2f6a1d9e7c40"];
/**
 * Seeded SIP domains (Generation B), by name, each pointing at a connection above. The API addresses a domain by
 * its name ("This field contains name of the domain") and shows it as `sip_domain: {domain, …}` with no uuid [D].
 */
export const OPENTACT_DOMAINS = ["sandbox1.sip.opentact.org", "sandbox2.sip.opentact.org"];

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** The digest realm [I]: OpenTact's real realm is not documented. */
export const OPENTACT_REALM = "sip.opentact.org";

export const GENDERS = new Set([
    "Agender", "Androgyne", "Androgynous", "Bigender", "Cis", "Cisgender", "Cis Female", "Cis Male", "Cis Man",
    "Cis Woman", "Cisgender Female", "Cisgender Male", "Cisgender Man", "Cisgender Woman", "Female to Male", "FTM",
    "Gender Fluid", "Gender Nonconforming", "Gender Questioning", "Gender Variant", "Genderqueer", "Intersex",
    "Male to Female", "MTF", "Neither", "Neutrois", "Non-binary", "Other", "Pangender", "Trans", "Trans Female",
    "Trans Male", "Trans Man", "Trans Person", "Trans Woman", "Transfeminine", "Transgender", "Transgender Female",
    "Transgender Male", "Transgender Man", "Transgender Person", "Transgender Woman", "Transmasculine", "Transsexual",
    "Transsexual Female", "Transsexual Male", "Transsexual Man", "Transsexual Person", "Transsexual Woman", "Two-Spirit",
]);

export const md5 = (s: string) => createHash("md5").update(s).digest("hex");

/** The error envelope `{success:false, message, status}` [seed]. */
export const fail = (status: number, message: string): SandboxResponse => json(status, { success: false, message, status });
/**
 * The newer envelope of the domain API: `meta` and `fields: {"<field>": {message, value}}` beside the seed's
 * keys [D: the error sample of the SIP Domain pages]. What `meta` holds is not shown (the sample says "string") [I].
 * A password's value is not echoed [I].
 */
export const failFields = (status: number, field: string, message: string, value: unknown): SandboxResponse =>
    json(status, { success: false, message: `${field}: ${message}`, status, meta: "validation", fields: { [field]: { message, value: field === "password" ? undefined : value } } });
export const ok = (payload: unknown, status = 200): SandboxResponse => json(status, { success: true, payload });

/**
 * How OpenTact may answer a create whose login exists in the connection or domain. Its sources name no status for it
 * (codes: 200/201, 401, 404, "others default" [seed, S]), so every plausible reading is served, chosen with the
 * `duplicate` switch [I]: 400 with the seed's envelope — the default, as the status the API's other request errors
 * come with ("others default") —, 409 with the same envelope, or 422 with the newer envelope's per-field `fields` [D:
 * the SIP Domain pages' validation sample].
 */
export const DUPLICATE_READINGS = [400, 409, 422] as const;
export type DuplicateReading = (typeof DUPLICATE_READINGS)[number];

/** Field rules from the seed; `create` applies the create table (login 7..15), else the PATCH table (3..60). */
export function invalid(body: Record<string, any>, create: boolean, domain = false): string | undefined {
    const len = (k: string, min: number, max: number) => {
        const v = body[k];
        if (v === undefined) return undefined;
        if (typeof v !== "string" || v.length < min || v.length > max) return `${k} must be a string of ${min} to ${max} characters`;
        return undefined;
    };
    if (create && body.login === undefined) return "login is required";
    if (create && body.password === undefined) return "password is required";
    return (
        (create ? len("login", 7, 15) : len("login", 3, 60)) ??
        len("first_name", 1, 24) ??
        len("last_name", 1, 24) ??
        len("email", 6, 80) ??
        len("avatar", 10, 255) ??
        len("remote_ip", 7, 15) ??
        (body.password !== undefined && (typeof body.password !== "string" || body.password === "") ? "password must be a non-empty string" : undefined) ??
        // Digits (the seed types it `number`); a domain user's carries a leading + in the docs' samples [D].
        (body.phone_number !== undefined && !(domain ? /^\+?\d{3,16}$/ : /^\d{3,16}$/).test(String(body.phone_number))
            ? `phone_number must be 3 to 16 digits${domain ? ", optionally after a +" : ""}`
            : undefined) ??
        (body.dob !== undefined && Number.isNaN(Date.parse(body.dob)) ? "dob must be a date-time" : undefined) ??
        (body.gender !== undefined && !GENDERS.has(body.gender) && !["Male", "Female"].includes(body.gender) ? "gender must be one of the enum values" : undefined) ??
        (body.sip_connection_uuid !== undefined && !UUID.test(body.sip_connection_uuid) ? "sip_connection_uuid must be a uuid" : undefined)
    );
}

/**
 * Generation B's rules: three genders [S]; `remote_ip` is accepted (a third-party client's create DTO for domain
 * users has it [O]). The first failure as `[field, message]`, for the `fields` envelope.
 */
export function domainRules(body: Record<string, any>, create: boolean): [string, string] | undefined {
    const bad = invalid(body, create, true);
    if (bad) return [bad.split(" ")[0], bad];
    if (body.gender !== undefined && !["Male", "Female", "Other"].includes(body.gender)) return ["gender", "gender must be one of Male, Female, Other"];
    return undefined;
}

export const FIELDS = ["login", "first_name", "last_name", "email", "phone_number", "avatar", "dob", "gender", "remote_ip"];

export function digests(user: Record<string, any>, password: string) {
    user.ha1 = md5(`${user.login}:${OPENTACT_REALM}:${password}`);
    user.ha1b = md5(`${user.login}@${OPENTACT_REALM}:${OPENTACT_REALM}:${password}`);
}

/** The vendor's stored objects: SIP users, their connections and domains (seeded with the ones above), and login sessions. */
export function opentactState(store: Store, creds: OpentactCredentials) {
    const users = () => store.collection("opentact", "users");
    const connections = () => store.collection("opentact", "connections");
    const sessions = () => store.collection("opentact", "sessions");
    const domains = () => store.collection("opentact", "domains");
    if (connections().length === 0) {
        OPENTACT_CONNECTIONS.forEach((uuid, i) => connections().push({ uuid, name: `sandbox-connection-${i + 1}`, is_active: true }));
    }
    if (domains().length === 0) {
        const now = nowIso();
        OPENTACT_DOMAINS.forEach((domain, i) => domains().push({ domain, created_on: now, modified_on: now, sip_connection_uuid: OPENTACT_CONNECTIONS[i] }));
    }

    const portalUser = () => ({
        uuid: "5e3c1a9d-2b7f-4c8e-9d0a-1f2e3d4c5b6a",
        email: creds.email,
        // The seed's created_by/modified_by blocks carry these; the provider must never copy them.
        password: md5(creds.password),
        token: creds.token,
        role: "Admin",
    });

    /** The user as the API returns it: the stored password never leaves. */
    const view = (u: Record<string, any>) => {
        if (u.sip_domain) return domainView(u);
        const { password: _password, sip_connection_uuid, ...rest } = u;
        const conn = connections().find((c) => c.uuid === sip_connection_uuid);
        return {
            ...rest,
            groups: [],
            sip_connection: conn ? { uuid: conn.uuid, name: conn.name, is_active: conn.is_active } : null,
            account: { uuid: "a1b2c3d4-0000-4000-8000-000000000001", name: "Sandbox account", level: "ServiceAccount" },
            created_by: portalUser(),
            modified_by: portalUser(),
        };
    };

    /**
     * A domain user as the SIP Domain pages show it [D]: `sip_domain: {domain, created_on, modified_on}` (no uuid),
     * `state`, `is_active`, `same_domain_calls_only`, and no `ha1`/`ha1b`, `sip_connection` or portal blocks.
     * `remote_ip` appears when set [I: the third-party DTO sends it [O]; the sample does not show it].
     */
    const domainView = (u: Record<string, any>) => {
        const d = domains().find((x) => x.domain === u.sip_domain);
        return {
            uuid: u.uuid,
            email: u.email,
            state: "offline", // [I] registration state; the sample shows "online"
            is_active: true,
            created_on: u.created_on,
            modified_on: u.modified_on,
            phone_number: u.phone_number,
            dob: u.dob,
            avatar: u.avatar,
            first_name: u.first_name,
            last_name: u.last_name,
            gender: u.gender,
            login: u.login,
            ...(u.remote_ip ? { remote_ip: u.remote_ip } : {}),
            sip_domain: d ? { domain: d.domain, created_on: d.created_on, modified_on: d.modified_on } : null,
            same_domain_calls_only: false,
            groups: [],
        };
    };

    // A domain user is reached through its domain's paths only, a connection user through the seed's [I].
    /** Vendor state set through the admin API's switches (routes.ts): how a duplicate login is answered. */
    const sw: { duplicate: DuplicateReading } = { duplicate: 400 };
    const duplicate = (login: unknown): SandboxResponse =>
        sw.duplicate === 422 ? failFields(422, "login", "already exists", login) : fail(sw.duplicate, "SIP User with this login already exists");

    const findUser = (uuid: string, domain?: string) => users().find((u) => u.uuid === uuid && (domain === undefined ? !u.sip_domain : u.sip_domain === domain));

    function createUser(body: Record<string, any>, connection: string, domain?: string): SandboxResponse {
        if (domain) {
            const bad = domainRules(body, true);
            if (bad) return failFields(400, bad[0], bad[1], body[bad[0]]);
        } else {
            const bad = invalid(body, true);
            if (bad) return fail(400, bad);
        }
        // Logins are unique within a connection [I], answered as the `duplicate` switch says.
        if (users().some((u) => u.sip_connection_uuid === connection && u.login === body.login)) return duplicate(body.login);
        const now = nowIso();
        const user: Record<string, any> = { uuid: randomUUID(), created_on: now, modified_on: now, sip_connection_uuid: connection };
        if (domain) user.sip_domain = domain;
        for (const f of FIELDS) user[f] = body[f] === undefined ? null : f === "phone_number" ? String(body[f]) : body[f];
        if (user.dob) user.dob = new Date(user.dob).toISOString().replace(/\.\d{3}Z$/, "Z");
        user.password = body.password;
        digests(user, body.password);
        users().push(user);
        store.save();
        return ok(view(user), 201);
    }

    function modifyUser(u: Record<string, any> | undefined, body: Record<string, any>): SandboxResponse {
        if (!u) return fail(404, "SIP User not found");
        if (u.sip_domain) {
            const bad = domainRules(body, false);
            if (bad) return failFields(400, bad[0], bad[1], body[bad[0]]);
        } else {
            const bad = invalid(body, false);
            if (bad) return fail(400, bad);
        }
        if (body.sip_connection_uuid !== undefined) {
            if (!connections().some((c) => c.uuid === body.sip_connection_uuid)) return fail(404, "SIP Connection not found");
            u.sip_connection_uuid = body.sip_connection_uuid;
        }
        for (const f of FIELDS) if (body[f] !== undefined) u[f] = f === "phone_number" ? String(body[f]) : body[f];
        if (body.dob !== undefined) u.dob = new Date(body.dob).toISOString().replace(/\.\d{3}Z$/, "Z");
        if (body.password !== undefined) u.password = body.password;
        if (body.password !== undefined || body.login !== undefined) digests(u, u.password);
        u.modified_on = nowIso();
        store.save();
        return ok(view(u));
    }

    function removeUser(u: Record<string, any> | undefined): SandboxResponse {
        if (!u) return fail(404, "SIP User not found");
        users().splice(users().indexOf(u), 1);
        store.save();
        return ok(view(u)); // returns the deleted user [seed]
    }

    return { users, connections, sessions, domains, sw, view, findUser, createUser, modifyUser, removeUser };
}
