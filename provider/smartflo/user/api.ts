import { NotFoundError, OutcomeUnknownError } from "../../core/errors";
import { urlPath } from "../../core/http";
import { SmartfloClient } from "../client";

/** A user as `GET /v1/user/{id}` returns it (`data`) [D, O]. No caller_id, agent_group, department or password. */
export interface SmartfloUserData {
    id: string | number;
    name?: string;
    number?: string;
    team_member?: {
        designation?: string | null;
        email?: string;
        login_id?: string;
        /** 0 = BLOCK, 1 = UNBLOCK [D]. */
        status?: number | string;
        role?: { id?: number | string; name?: string } | null;
        is_login_based_calling?: boolean | number;
        is_web_login_block?: boolean | number;
        users_for_cdr?: UsersForCdrRead | null;
    };
    agent?: {
        id?: string;
        intercom?: number;
        number?: string;
        agent_status?: number;
        extension?: { username?: string } | string | null;
        time_group?: { id?: number | string; name?: string } | null;
        failover_destination?: { id?: string; name?: string; type?: string } | null;
        is_international_outbound_enabled?: boolean | number;
    } | null;
}

/** `value` is one comma-separated string or null on read [O], an array on write [D]. */
export interface UsersForCdrRead {
    type?: string;
    value?: string | string[] | null;
}

/** An item of `GET /v1/users` (flat, unlike the single read) [O]. */
export interface SmartfloUserListItem {
    id: number | string;
    name?: string;
    login_id?: string;
}

export interface UserForCdr {
    type: string;
    value?: string[];
}

/** `POST /v1/user` body [D]: note `user_role` int and `caller_id` int[] here. */
export interface CreateUserBody {
    name: string;
    number: string;
    email: string;
    login_id: string;
    user_role: number;
    password: string;
    status: boolean;
    create_agent: boolean;
    caller_id: number[];
    /** Always sent: one version of the reference page marks it required [D]. */
    create_web_login: boolean;
    block_web_login?: boolean;
    login_based_calling?: boolean;
    user_for_cdr?: UserForCdr;
    agent_group?: string[];
    department?: number[];
    /** A string, e.g. "Evening Shift" [D]. */
    time_group?: string;
    /** An array of strings [D]. */
    failover_destination?: string[];
    assign_extension?: boolean;
    route_call_through?: number;
}

/** `PATCH /v1/user/{id}` body, the seed's table: `user_role` string and `caller_id` string[] here [seed, D]. */
export type PatchUserBody = Partial<{
    name: string;
    number: string;
    email: string;
    caller_id: string[];
    agent_group: string[];
    block_agent: boolean;
    international_outbound: boolean;
    /** The user's designation; the seed names the field `destination`. */
    destination: string;
    login_id: string;
    user_role: string;
    password: string;
    block_web_login: boolean;
    user_for_cdr: UserForCdr;
    login_based_calling: boolean;
}>;

/** Create a User: `POST /v1/user` → `{success, message, data:{id, agent_id, agent_extension}}` [D, O]. Never resent blindly. */
export async function createUser(c: SmartfloClient, body: CreateUserBody): Promise<string> {
    const operation = "Create a User (POST /v1/user)";
    const r = await c.send({ operation, method: "POST", path: urlPath`/v1/user`, body });
    const id = r.body?.data?.id;
    if (id === undefined || id === null || id === "") {
        // Created, but we cannot tell which user: the reconciler looks it up by login_id instead of guessing.
        throw new OutcomeUnknownError({ vendor: c.vendor, operation, status: r.status, message: "success without data.id", hint: "The user is looked up by its login id" });
    }
    return String(id);
}

/** Get a User: `GET /v1/user/{id}` → `{data:{…}}` [D]. An answer without `data` means the user is gone [I]. */
export async function getUser(c: SmartfloClient, id: string): Promise<SmartfloUserData> {
    const operation = "Get a User (GET /v1/user/{id})";
    const r = await c.send({ operation, method: "GET", path: urlPath`/v1/user/${id}` });
    const data = r.body?.data;
    if (!data || typeof data !== "object") throw new NotFoundError({ vendor: c.vendor, operation, status: r.status, message: `no data for user ${id}` });
    return data;
}

/** Patch a User: `PATCH /v1/user/{id}` with only the given fields → `{success, message, error}` [seed]. Absolute values: safe to retry. */
export async function patchUser(c: SmartfloClient, id: string, body: PatchUserBody): Promise<void> {
    await c.send({ operation: "Patch a User (PATCH /v1/user/{id})", method: "PATCH", path: urlPath`/v1/user/${id}`, body, idempotent: true });
}

/** Delete a User: `DELETE /v1/user/{id}` [D: white-label twin; O: used against Smartflo]; 404 when already gone [O]. */
export async function deleteUser(c: SmartfloClient, id: string): Promise<void> {
    await c.send({ operation: "Delete a User (DELETE /v1/user/{id})", method: "DELETE", path: urlPath`/v1/user/${id}` });
}

/** Page size asked of `GET /v1/users` [I: the API's own maximum is not documented]. */
const PAGE = 50;
/** A bound on paging, so a vendor that keeps answering `has_more` cannot loop us forever. */
const MAX_PAGES = 1000;

/** One page of `GET /v1/users`: its items, and where the next page starts (undefined after the last). */
export interface UserListPage {
    items: SmartfloUserListItem[];
    next?: number | string;
}

/**
 * Get all Users, one page: `GET /v1/users?last_seen_id=&limit=` → `{has_more, count, last_seen_id, data:[…]}`
 * (keyset paging: ask again from `last_seen_id` while `has_more`) [D].
 */
export async function getAllUsersPage(c: SmartfloClient, lastSeenId?: number | string): Promise<UserListPage> {
    const r = await c.send({ operation: "Get all Users (GET /v1/users)", method: "GET", path: urlPath`/v1/users`, query: { last_seen_id: lastSeenId, limit: PAGE } });
    const items: SmartfloUserListItem[] = Array.isArray(r.body?.data) ? r.body.data : [];
    const next = r.body?.last_seen_id ?? items[items.length - 1]?.id;
    const more = r.body?.has_more && items.length > 0 && next !== undefined && String(next) !== String(lastSeenId);
    return { items, next: more ? next : undefined };
}

/** Every page of `GET /v1/users`, in the vendor's order, bounded so a vendor that keeps answering `has_more` cannot loop us forever. */
export async function* allUserPages(c: SmartfloClient): AsyncGenerator<SmartfloUserListItem[]> {
    let lastSeen: number | string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
        const { items, next } = await getAllUsersPage(c, lastSeen);
        yield items;
        if (next === undefined) return;
        lastSeen = next;
    }
}

/** Pages through `GET /v1/users` and stops at the first item `match` accepts. */
export async function findUserInList(c: SmartfloClient, match: (u: SmartfloUserListItem) => boolean): Promise<SmartfloUserListItem | undefined> {
    for await (const items of allUserPages(c)) {
        const hit = items.find(match);
        if (hit) return hit;
    }
    return undefined;
}
