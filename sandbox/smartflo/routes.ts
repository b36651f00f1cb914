/**
 * Tata Smartflo emulation: users (with their agent) as seed 003 and the reference describe them.
 * Served at the root of its own origin, as api-smartflo.tatateleservices.com is; routes under `/v1`. Inferred
 * behaviour is marked [I], third-party observations [O].
 *
 * State switches, on the sandbox's admin origin (never on the vendor's own); faults (a failing PATCH, say) go
 * through the one fault mechanism, `POST /_sandbox/faults/rules`:
 *   POST /_sandbox/vendors/smartflo/expire-tokens                               every issued login token stops working
 *   POST /_sandbox/vendors/smartflo/lock-login         {seconds}                logins answer 429 + retry_after until then
 *   POST /_sandbox/vendors/smartflo/token-lifetime     {seconds}                `expires_in` of tokens issued from now on
 *   POST /_sandbox/vendors/smartflo/designation-field  {field}                  the PATCH field that sets the designation:
 *        "destination" (the seed's name, the default) or "designation" (the white-label twin's page); the other name
 *        is then silently ignored, as a server that drops unknown fields would [I]
 */
import { randomBytes } from "crypto";
import { SandboxRequest, SandboxResponse, Store, VendorEmulator, header, json, nowIso } from "./core";

export interface SmartfloCredentials {
    /** A permanent token (Smartflo support issues these) accepted as `Authorization: Bearer`. */
    token: string;
    /** The portal login exchanged at `POST /v1/auth/login`. */
    email: string;
    password: string;
}

/** Roles of the sandbox account; `user_role` must name one of them [I: ids shaped like real ones [O]]. */
export const SMARTFLO_ROLES = [
    { id: 54742, name: "Admin" },
    { id: 54743, name: "Agent" },
    { id: 54744, name: "Supervisor" },
];

/** The account's numbers ("My Numbers"); `caller_id` must name their ids [I]. */
export const SMARTFLO_CALLER_IDS = [
    { id: 1560602, number: "+918069000001" },
    { id: 1560603, number: "+918069000002" },
];

/** Failed logins before the account is locked, and for how long [I: Smartflo does lock, limits unknown [O]]. */
export const SMARTFLO_MAX_FAILED_LOGINS = 5;
export const SMARTFLO_LOCK_SECONDS = 15 * 60;

/** Fields `PATCH /v1/user/{id}` accepts [seed], besides the designation's (a switch: see above); anything else is refused [I]. */
const PATCH_FIELDS = new Set([
    "name", "number", "email", "caller_id", "agent_group", "block_agent", "international_outbound",
    "login_id", "user_role", "password", "block_web_login", "user_for_cdr", "login_based_calling",
]);

/** The two names sources give the designation's PATCH field: the seed's, and the white-label twin's [seed, D]. */
const DESIGNATION_FIELDS = ["destination", "designation"] as const;

/** `user_for_cdr.type` values seen in sources [D, O]. */
const CDR_TYPES = ["all", "none", "user", "agent"];

type Errors = Record<string, string[]>;

const isBool = (v: unknown) => typeof v === "boolean";
const isStr = (v: unknown) => typeof v === "string" && v.length > 0;
const isInt = (v: unknown) => typeof v === "number" && Number.isInteger(v) && v > 0;
const digits = (v: unknown) => typeof v === "string" && /^\d+$/.test(v);

/** `YYYY-MM-DD HH:MM:SS` in India Standard Time (UTC+05:30), the form of `retry_after` [O]. */
export function istTimestamp(ms: number): string {
    return new Date(ms + 5.5 * 3600_000).toISOString().slice(0, 19).replace("T", " ");
}

export function smartflo(store: Store, creds: SmartfloCredentials): VendorEmulator {
    const users = () => store.collection("smartflo", "users");
    const sessions = () => store.collection("smartflo", "sessions");
    const account = () => {
        const list = store.collection("smartflo", "account");
        if (list.length === 0) list.push({ id: "account", failed_logins: 0, locked_until: 0, next_id: 288256 });
        return list[0];
    };
    const sw = { tokenLifetime: 3600, designationField: "destination" as "destination" | "designation" };

    const role = (id: number) => SMARTFLO_ROLES.find((r) => r.id === id);
    const findUser = (id: string) => users().find((u) => String(u.id) === id);
    const bad = (errors: Errors, k: string, msg: string) => (errors[k] ??= []).push(msg);

    /** Mutations answer `{success, message, error}` [seed, D]. */
    const done = (message: string, extra: Record<string, unknown> = {}) => json(200, { success: true, message, ...extra });
    const fail = (status: number, message: string) => json(status, { success: false, message });
    /** Validation failures: PATCH answers HTTP 400 with `success: true` — the seed's own warning. */
    const invalid = (errors: Errors, patch: boolean) =>
        json(400, { success: patch, message: patch ? "User could not be updated." : "The given data was invalid.", error: errors });

    /** GET /v1/user/{id}: `{data:{id, name, number, team_member:{…}, agent:{…}}}` [D, O]. */
    const view = (u: Record<string, any>) => ({
        id: String(u.id),
        name: u.name,
        number: u.number,
        team_member: {
            designation: u.designation ?? null,
            email: u.email,
            login_id: u.login_id,
            status: u.status, // 0 = BLOCK, 1 = UNBLOCK [D]
            role: role(u.user_role) ?? { id: u.user_role, name: "Unknown" },
            is_login_based_calling: !!u.login_based_calling,
            is_web_login_block: !!u.block_web_login,
            // The read shows the CDR users as one comma-separated string or null [O].
            users_for_cdr: u.user_for_cdr ? { type: u.user_for_cdr.type, value: u.user_for_cdr.value?.length ? u.user_for_cdr.value.join(",") : null } : { type: "all", value: null },
        },
        agent: u.create_agent
            ? {
                  id: u.agent_id,
                  intercom: u.intercom,
                  number: u.number,
                  agent_status: u.status === 0 ? 1 : 0,
                  extension: { username: `06${u.agent_id}`, outbound_block: false },
                  sticky_Agent: null,
                  // The read shows {id, name} [O]; the create's string is the group's name [I], its id the account's [I].
                  time_group: u.time_group ? { id: 7000 + [...String(u.time_group)].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) % 1000, 0), name: u.time_group } : null,
                  // The read shows one {id, name, type} [O]; the create takes a list [D]: the first is shown [I].
                  failover_destination: u.failover_destination?.length ? { id: u.failover_destination[0], name: `Destination ${u.failover_destination[0]}`, type: "auto_attendant" } : null,
                  is_international_outbound_enabled: !!u.international_outbound,
              }
            : null,
    });

    /** GET /v1/users items are flat [O]. */
    const listItem = (u: Record<string, any>) => ({
        id: Number(u.id),
        name: u.name,
        login_id: u.login_id,
        is_login_based_calling_enabled: !!u.login_based_calling,
        is_international_outbound_enabled: !!u.international_outbound,
        user_status: u.status,
        agent_id: u.create_agent ? u.agent_id : null,
        agent_status: u.create_agent ? (u.status === 0 ? 1 : 0) : null,
        follow_me_number: u.number,
        user_role_id: u.user_role,
        user_role_name: role(u.user_role)?.name ?? null,
        extension: u.create_agent ? `06${u.agent_id}` : null,
    });

    /** Field checks shared by create and PATCH; the type quirks differ [D]. */
    function check(body: Record<string, any>, errors: Errors, patch: boolean, self?: Record<string, any>) {
        const has = (k: string) => body[k] !== undefined;
        if (has("name") && !isStr(body.name)) bad(errors, "name", "The name must be a string.");
        if (has("number") && !(typeof body.number === "string" && /^\+?\d{10,15}$/.test(body.number))) bad(errors, "number", "The number format is invalid.");
        if (has("email") && !(typeof body.email === "string" && /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(body.email))) bad(errors, "email", "The email must be a valid email address.");
        if (has("login_id") && !isStr(body.login_id)) bad(errors, "login_id", "The login id must be a string.");
        if (has("password") && !(typeof body.password === "string" && body.password.length >= 8)) bad(errors, "password", "The password must be at least 8 characters.");
        if (has("user_role")) {
            // int on create, string on PATCH [D]
            const ok = patch ? digits(body.user_role) : isInt(body.user_role);
            if (!ok) bad(errors, "user_role", patch ? "The user role must be a string." : "The user role must be an integer.");
            else if (!role(Number(body.user_role))) bad(errors, "user_role", "The selected user role is invalid.");
        }
        if (has("caller_id")) {
            // int[] on create, string[] on PATCH [D]
            const v = body.caller_id;
            const ok = Array.isArray(v) && v.length > 0 && v.every(patch ? digits : isInt);
            if (!ok) bad(errors, "caller_id", patch ? "The caller id must be an array of strings." : "The caller id must be an array of integers.");
            else if (!v.every((id: unknown) => SMARTFLO_CALLER_IDS.some((c) => c.id === Number(id)))) bad(errors, "caller_id", "The selected caller id is invalid.");
        }
        if (has("agent_group") && !(Array.isArray(body.agent_group) && body.agent_group.every(isStr))) bad(errors, "agent_group", "The agent group must be an array of strings.");
        for (const k of ["block_agent", "international_outbound", "block_web_login", "login_based_calling", "status", "create_agent", "create_web_login", "assign_extension"]) {
            if (has(k) && !isBool(body[k])) bad(errors, k, `The ${k.replace(/_/g, " ")} field must be true or false.`);
        }
        const designation = sw.designationField;
        if (has(designation) && typeof body[designation] !== "string") bad(errors, designation, `The ${designation} must be a string.`);
        if (has("user_for_cdr")) {
            // "agent" is in the twin's example [D]; all/none/user in a third-party model [O]; the full set is unknown [I].
            const c = body.user_for_cdr;
            const ok = c && typeof c === "object" && CDR_TYPES.includes(c.type) && (c.value === undefined || (Array.isArray(c.value) && c.value.every(isStr)));
            if (!ok) bad(errors, "user_for_cdr", `The user for cdr must be an object with type (${CDR_TYPES.join(", ")}) and value (array of strings).`);
        }
        if (has("department") && !(Array.isArray(body.department) && body.department.every(isInt))) bad(errors, "department", "The department must be an array of integers.");
        // time_group a string ("Evening Shift"), failover_destination an array of strings [D].
        if (has("time_group") && !isStr(body.time_group)) bad(errors, "time_group", "The time group must be a string.");
        if (has("failover_destination") && !(Array.isArray(body.failover_destination) && body.failover_destination.length > 0 && body.failover_destination.every(isStr))) {
            bad(errors, "failover_destination", "The failover destination must be an array of strings.");
        }
        if (has("route_call_through") && ![0, 1, 2].includes(body.route_call_through)) bad(errors, "route_call_through", "The selected route call through is invalid.");
        // login_id, email and number identify a user [I]; "already been taken" is Laravel's wording [I].
        for (const k of ["login_id", "email", "number"]) {
            if (has(k) && users().some((u) => u !== self && String(u[k]).toLowerCase() === String(body[k]).toLowerCase())) {
                bad(errors, k, `The ${k.replace(/_/g, " ")} has already been taken.`);
            }
        }
    }

    /** Ids are never reused, even after a delete (auto-increment) [I]. */
    function nextId(): number {
        const acct = account();
        acct.next_id = users().reduce((m, u) => Math.max(m, (Number(u.id) || 0) + 1), acct.next_id ?? 288256);
        return acct.next_id++;
    }

    function login(req: SandboxRequest): SandboxResponse {
        const acct = account();
        const now = Date.now();
        if (acct.locked_until > now) {
            return json(429, { success: false, message: "Too many failed login attempts. Please try again later.", retry_after: istTimestamp(acct.locked_until) });
        }
        const { email, password } = req.body ?? {};
        if (email !== creds.email || password !== creds.password) {
            acct.failed_logins += 1;
            if (acct.failed_logins >= SMARTFLO_MAX_FAILED_LOGINS) acct.locked_until = now + SMARTFLO_LOCK_SECONDS * 1000;
            store.save();
            // The failure status is not documented; 401 is what a login failure usually answers [I].
            return json(401, { success: false, message: "The username or password is incorrect.", login_failed_count: acct.failed_logins });
        }
        acct.failed_logins = 0;
        const token = `eyJ0eXAiOiJKV1Qi.${randomBytes(24).toString("base64url")}`;
        sessions().push({ token, expires: now + sw.tokenLifetime * 1000 });
        store.save();
        return json(200, { success: true, access_token: token, token_type: "bearer", expires_in: sw.tokenLifetime, number_of_days_left: 30 });
    }

    return {
        prefix: "smartflo",
        authenticate(req) {
            const m = /^Bearer (.+)$/.exec(header(req, "authorization") ?? "");
            if (!m) return fail(401, "Unauthenticated.");
            if (m[1] === creds.token) return undefined;
            const s = sessions().find((x) => x.token === m[1]);
            if (s && s.expires > Date.now()) return undefined;
            return fail(401, s ? "Token has expired." : "Unauthenticated.");
        },
        notFound: () => fail(404, "Not Found"),
        // Errors are `{success: false, message}`, with per-field `error` lists on validation [seed, D].
        error: (status, message, code) => json(status, { success: false, message, ...(code ? { error: { [code]: [message] } } : {}) }),
        // A user's id is an auto-increment; its login id names it in every run.
        objectKeys: { users: { id: (o) => String(o.id), key: (o) => `user ${o.login_id}` } },
        routes: [
            { method: "POST", pattern: "/v1/auth/login", name: "Login", auth: false, handler: login },
            {
                method: "GET",
                pattern: "/v1/users",
                name: "ListUsers",
                handler(req) {
                    // Keyset paging: ids above last_seen_id, ascending [D]; limit capped at 100 [I].
                    const after = Number(req.query.get("last_seen_id") ?? 0) || 0;
                    const limit = Math.min(Math.max(Number(req.query.get("limit") ?? 20) || 20, 1), 100);
                    const rest = users().filter((u) => Number(u.id) > after).sort((a, b) => Number(a.id) - Number(b.id));
                    const page = rest.slice(0, limit);
                    return json(200, { has_more: rest.length > limit, count: page.length, last_seen_id: page.length ? Number(page[page.length - 1].id) : after, data: page.map(listItem) });
                },
            },
            {
                method: "POST",
                pattern: "/v1/user",
                name: "CreateUser",
                handler(req) {
                    const body = req.body ?? {};
                    const errors: Errors = {};
                    // create_web_login: required on one version of the reference page [D].
                    for (const k of ["name", "number", "email", "login_id", "user_role", "password", "status", "create_agent", "caller_id", "create_web_login"]) {
                        if (body[k] === undefined || body[k] === null) bad(errors, k, `The ${k.replace(/_/g, " ")} field is required.`);
                    }
                    // The seed's PATCH-only fields are not part of create [D]: refused so the follow-up PATCH is real [I].
                    for (const k of ["block_agent", "international_outbound", ...DESIGNATION_FIELDS]) if (body[k] !== undefined) bad(errors, k, `The ${k} field is not accepted on create.`);
                    check(body, errors, false);
                    if (Object.keys(errors).length) return invalid(errors, false);
                    const id = nextId();
                    const agentId = `05${String(id).padStart(11, "0")}`;
                    const u: Record<string, any> = {
                        id,
                        name: body.name,
                        number: body.number,
                        email: body.email,
                        login_id: body.login_id,
                        user_role: body.user_role,
                        password: body.password,
                        status: body.status ? 1 : 0, // [I] create's `status` is the team member status
                        caller_id: body.caller_id,
                        agent_group: body.agent_group ?? [],
                        designation: null,
                        international_outbound: false,
                        block_web_login: body.block_web_login ?? false,
                        login_based_calling: body.login_based_calling ?? false,
                        user_for_cdr: body.user_for_cdr ?? null,
                        create_agent: body.create_agent,
                        create_web_login: body.create_web_login ?? null,
                        department: body.department ?? [],
                        time_group: body.time_group ?? null,
                        failover_destination: body.failover_destination ?? null,
                        assign_extension: body.assign_extension ?? null,
                        route_call_through: body.route_call_through ?? null,
                        agent_id: body.create_agent ? agentId : null,
                        intercom: body.create_agent ? 1000 + (id % 9000) : null,
                        created_at: nowIso(),
                    };
                    users().push(u);
                    store.save();
                    return done("User created successfully.", { data: { id: String(id), agent_id: u.agent_id, agent_extension: u.agent_id ? `06${u.agent_id}` : null } });
                },
            },
            {
                method: "GET",
                pattern: "/v1/user/:id",
                name: "GetUser",
                handler(req) {
                    const u = findUser(req.params.id);
                    return u ? json(200, { data: view(u) }) : fail(404, "User not found.");
                },
            },
            {
                method: "PATCH",
                pattern: "/v1/user/:id",
                name: "PatchUser",
                handler(req) {
                    const u = findUser(req.params.id);
                    if (!u) return fail(404, "User not found.");
                    const body = { ...(req.body ?? {}) };
                    const errors: Errors = {};
                    // The designation's other name is dropped without a word [I]: the case the provider must catch.
                    for (const f of DESIGNATION_FIELDS) if (f !== sw.designationField) delete body[f];
                    for (const k of Object.keys(body)) if (!PATCH_FIELDS.has(k) && k !== sw.designationField) bad(errors, k, `The ${k} field is not accepted on PATCH.`);
                    check(body, errors, true, u);
                    if (Object.keys(errors).length) return invalid(errors, true);
                    for (const k of ["name", "number", "email", "login_id", "password", "agent_group", "block_web_login", "login_based_calling", "user_for_cdr", "international_outbound"]) {
                        if (body[k] !== undefined) u[k] = body[k];
                    }
                    if (body.user_role !== undefined) u.user_role = Number(body.user_role);
                    if (body.caller_id !== undefined) u.caller_id = body.caller_id.map(Number);
                    if (body[sw.designationField] !== undefined) u.designation = body[sw.designationField];
                    if (body.block_agent !== undefined) u.status = body.block_agent ? 0 : 1;
                    store.save();
                    return done("User updated successfully.");
                },
            },
            {
                method: "DELETE",
                pattern: "/v1/user/:id",
                name: "DeleteUser",
                handler(req) {
                    const list = users();
                    const i = list.findIndex((u) => String(u.id) === req.params.id);
                    if (i < 0) return fail(404, "User not found.");
                    list.splice(i, 1);
                    store.save();
                    return done("User deleted successfully.");
                },
            },
        ],
        // Test switches: see the header comment.
        switches: {
            "expire-tokens"() {
                for (const s of sessions()) s.expires = 0;
                store.save();
                return json(200, { ok: true, expired: sessions().length });
            },
            "lock-login"(body) {
                account().locked_until = Date.now() + Number(body.seconds ?? SMARTFLO_LOCK_SECONDS) * 1000;
                store.save();
                return json(200, { ok: true, retry_after: istTimestamp(account().locked_until) });
            },
            "token-lifetime"(body) {
                sw.tokenLifetime = Number(body.seconds ?? 3600);
                return json(200, { ok: true, ...sw });
            },
            "designation-field"(body) {
                if (!DESIGNATION_FIELDS.includes(body.field)) return json(400, { message: `field must be one of ${DESIGNATION_FIELDS.join(", ")}` });
                sw.designationField = body.field;
                return json(200, { ok: true, ...sw });
            },
        },
    };
}
