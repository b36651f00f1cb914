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
 *   POST /_sandbox/vendors/smartflo/duplicate          {status: 400|409|422}    how a create of a taken login id is
 *        answered (see DUPLICATE_READINGS in state.ts: not documented; 400 by default)
 */
import { randomBytes } from "crypto";
import { SandboxRequest, SandboxResponse, Store, VendorEmulator, header, json, nowIso } from "../core";
import { SmartfloCredentials, SMARTFLO_MAX_FAILED_LOGINS, SMARTFLO_LOCK_SECONDS, PATCH_FIELDS, DESIGNATION_FIELDS, DUPLICATE_READINGS, DuplicateReading, Errors, istTimestamp, smartfloState } from "./state";

export function smartflo(store: Store, creds: SmartfloCredentials): VendorEmulator {
    const { users, sessions, account, sw, role, findUser, bad, done, fail, invalid, view, listItem, check, nextId } = smartfloState(store);

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
                    // A taken login id (and nothing else wrong but other taken values) is a duplicate: answered as the
                    // `duplicate` switch says.
                    const taken = (k: string) => (errors[k] ?? []).every((m) => m.includes("has already been taken"));
                    if (errors.login_id && taken("login_id") && Object.keys(errors).every(taken)) {
                        if (sw.duplicate === 409) return fail(409, "A user with this login id already exists.");
                        if (sw.duplicate === 422) return json(422, { success: false, message: errors.login_id[0], error: errors });
                    }
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
            duplicate(body) {
                if (!DUPLICATE_READINGS.includes(body.status)) return json(400, { message: `status must be one of ${DUPLICATE_READINGS.join(", ")}` });
                sw.duplicate = body.status as DuplicateReading;
                return json(200, { ok: true, duplicate: sw.duplicate });
            },
            "designation-field"(body) {
                if (!DESIGNATION_FIELDS.includes(body.field)) return json(400, { message: `field must be one of ${DESIGNATION_FIELDS.join(", ")}` });
                sw.designationField = body.field;
                return json(200, { ok: true, ...sw });
            },
        },
    };
}
