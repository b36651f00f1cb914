/** Tata Smartflo emulation, state: the objects the vendor keeps, its seeded data and its rules, from the seeds and public docs (routes: ./routes.ts). Inferred behaviour is marked [I]. */
import { Store, json } from "../core";

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

/** Fields `PATCH /v1/user/{id}` accepts [seed], besides the designation's (a state switch: see routes.ts); anything else is refused [I]. */
export const PATCH_FIELDS = new Set([
    "name", "number", "email", "caller_id", "agent_group", "block_agent", "international_outbound",
    "login_id", "user_role", "password", "block_web_login", "user_for_cdr", "login_based_calling",
]);

/** The two names sources give the designation's PATCH field: the seed's, and the white-label twin's [seed, D]. */
export const DESIGNATION_FIELDS = ["destination", "designation"] as const;

/** `user_for_cdr.type` values seen in sources [D, O]. */
export const CDR_TYPES = ["all", "none", "user", "agent"];

export type Errors = Record<string, string[]>;

/**
 * How Smartflo may answer a create whose login id is taken. Not documented [I]; every plausible reading is served,
 * chosen with the `duplicate` switch: 400 with the validation envelope `{success:false, message, error:{login_id:[…
 * has already been taken]}}` — the default, as Smartflo answers its other validation failures with 400 (the seed's own
 * warning about 400s) —, 409 with `{success:false, message}` naming the duplicate, or 422 with the message naming it
 * and the same per-field `error` (Laravel's own validation status) [I].
 */
export const DUPLICATE_READINGS = [400, 409, 422] as const;
export type DuplicateReading = (typeof DUPLICATE_READINGS)[number];

export const isBool = (v: unknown) => typeof v === "boolean";
export const isStr = (v: unknown) => typeof v === "string" && v.length > 0;
export const isInt = (v: unknown) => typeof v === "number" && Number.isInteger(v) && v > 0;
export const digits = (v: unknown) => typeof v === "string" && /^\d+$/.test(v);

/** `YYYY-MM-DD HH:MM:SS` in India Standard Time (UTC+05:30), the form of `retry_after` [O]. */
export function istTimestamp(ms: number): string {
    return new Date(ms + 5.5 * 3600_000).toISOString().slice(0, 19).replace("T", " ");
}

/** The vendor's stored objects: users, login sessions, and the account (failed logins, lockout, the user id sequence). */
export function smartfloState(store: Store) {
    const users = () => store.collection("smartflo", "users");
    const sessions = () => store.collection("smartflo", "sessions");
    const account = () => {
        const list = store.collection("smartflo", "account");
        if (list.length === 0) list.push({ id: "account", failed_logins: 0, locked_until: 0, next_id: 288256 });
        return list[0];
    };

    /** Vendor state set through the admin API's switches (routes.ts): token lifetime, the designation's PATCH field, duplicates. */
    const sw = { tokenLifetime: 3600, designationField: "destination" as "destination" | "designation", duplicate: 400 as DuplicateReading };

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

    return { users, sessions, account, sw, role, findUser, bad, done, fail, invalid, view, listItem, check, nextId };
}
