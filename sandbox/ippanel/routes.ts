/**
 * IPPanel Edge emulation: number assignment as seed 000 and the reference (section 3) describe it. Served at the
 * root of its own origin as edge.ippanel.com is; the real base URL is `https://edge.ippanel.com/v1`, so routes
 * here carry its `/v1` and the base URL to configure is `{origin}/v1`. Inferred behaviour is marked [I].
 *
 * Collections (admin API, vendor `ippanel`):
 * - `numbers`: the account's numbers `{id, number, operator_id, alias, gets, is_66_char}` [D];
 * - `users`: sub-users `{id, username}`;
 * - `assignments`: who holds which number `{id, number_id, user_id, send, gets}` — the table the API never
 *   shows, kept so tests can check ownership;
 * - `counters`: the assignment id sequence.
 *
 * State switch, on the sandbox's admin origin:
 *   POST /_sandbox/vendors/ippanel/duplicate  {status: 400 | 409}   how an assign of a number the user already holds
 *        is answered (see DUPLICATE_READINGS in state.ts: 400 as documented by default)
 */
import { SandboxRequest, SandboxResponse, Store, VendorEmulator, header, json, nowIso } from "../core";
import { IppanelCredentials, IPPANEL_MAX_PER_PAGE, FA, FA_ALREADY_ASSIGNED, DUPLICATE_READINGS, DuplicateReading, envelope, validationFailed, given, validate, ippanelState } from "./state";

export function ippanel(store: Store, creds: IppanelCredentials): VendorEmulator {
    const { numbers, users, assignments, nextAssignmentId } = ippanelState(store);
    const sw: { duplicate: DuplicateReading } = { duplicate: 400 };
    /** The number and user a request names (by id when given, else by number/username), or an error answer. */
    function resolve(body: Record<string, any>): { number: Record<string, any>; user: Record<string, any> } | SandboxResponse {
        const number = given(body.number_id) ? numbers().find((n) => n.id === body.number_id) : numbers().find((n) => n.number === body.number);
        // Both given but naming different numbers [I]: refused like Laravel's `exists` rule would.
        if (number && given(body.number_id) && given(body.number) && number.number !== body.number) return envelope(404, "404-1", FA.numberNotFound);
        if (!number) return envelope(404, "404-1", FA.numberNotFound); // [I] code 404-1 [D], wording [I]
        const user = given(body.target_user_id) ? users().find((u) => u.id === body.target_user_id) : users().find((u) => u.username === body.target_user);
        if (!user || (given(body.target_user_id) && given(body.target_user) && user.username !== body.target_user)) return envelope(404, "404-1", FA.userNotFound);
        return { number, user };
    }

    return {
        prefix: "ippanel",
        authenticate(req) {
            // The raw key, no `Bearer` [seed, D]; a wrong or missing one is 401 with code 400-1 [seed].
            if (header(req, "authorization") === creds.apiKey) return undefined;
            return envelope(401, "400-1", FA.incorrect);
        },
        notFound: () => envelope(404, "404-1", FA.notFound),
        // `message_code` is `{status}-{n}` [seed: 400-1, 400-2, 404-1, 200-1]; `-1` unless a code is given [I].
        error: (status, message, code) => envelope(status, code ?? `${status}-1`, message),
        switches: {
            duplicate(body) {
                if (!DUPLICATE_READINGS.includes(body.status)) return json(400, { message: `status must be one of ${DUPLICATE_READINGS.join(", ")}` });
                sw.duplicate = body.status as DuplicateReading;
                return json(200, { ok: true, duplicate: sw.duplicate });
            },
        },
        objectKeys: { numbers: { id: (o) => String(o.id) }, users: { id: (o) => String(o.id) }, assignments: { id: (o) => String(o.id) } },
        routes: [
            {
                method: "POST",
                pattern: "/v1/api/numbers/assign",
                name: "AssignNumber",
                handler(req) {
                    const body = req.body ?? {};
                    const errors = validate(body, true);
                    if (Object.keys(errors).length) return validationFailed(errors);
                    const found = resolve(body);
                    if ("status" in found) return found;
                    const held = assignments().find((a) => a.number_id === found.number.id);
                    // A number has at most one assignee [I]. Same user: the documented 400 [D]; another user: [I] wording.
                    if (held && held.user_id !== found.user.id) return envelope(400, "400-1", "number already assigned to another user"); // [I] wording
                    if (held) return sw.duplicate === 409 ? envelope(409, "400-1", FA_ALREADY_ASSIGNED) : envelope(400, "400-1", "number already assigned to user");
                    const id = nextAssignmentId();
                    assignments().push({ id, number_id: found.number.id, user_id: found.user.id, send: body.send, gets: body.gets, created_at: nowIso() });
                    store.save();
                    return envelope(200, "200-1", FA.done); // `data: null` as unassign's sample [I]
                },
            },
            {
                method: "POST",
                pattern: "/v1/api/numbers/unassign",
                name: "UnassignNumber",
                handler(req) {
                    const body = req.body ?? {};
                    const errors = validate(body, false);
                    if (Object.keys(errors).length) return validationFailed(errors);
                    const found = resolve(body);
                    if ("status" in found) return found;
                    const list = assignments();
                    const i = list.findIndex((a) => a.number_id === found.number.id && a.user_id === found.user.id);
                    if (i < 0) return envelope(400, "400-1", "number not assigned to user"); // [seed]
                    list.splice(i, 1);
                    store.save();
                    return envelope(200, "200-1", FA.done);
                },
            },
            {
                method: "GET",
                pattern: "/v1/api/number/numbers",
                name: "ListNumbers",
                handler(req) {
                    // Every number of the account, assigned or not [I]: the docs show no owner or filter field.
                    return paged(req, numbers().map(({ id, number, operator_id, alias, gets, is_66_char }) => ({ id, number, operator_id, alias, gets, is_66_char })));
                },
            },
        ],
    };
}

/**
 * `page` from 1 and `per_page` honoured [D: both are documented parameters], `per_page` default 15 [I] and at
 * most IPPANEL_MAX_PER_PAGE [I]. The answer is the documented sample's: `data` and the usual `meta`, with no
 * paging keys (no current_page, last_page or total) [D].
 */
function paged(req: SandboxRequest, all: unknown[]): SandboxResponse {
    const perPage = Math.min(IPPANEL_MAX_PER_PAGE, Math.max(1, Number(req.query.get("per_page")) || 15));
    const page = Math.max(1, Math.floor(Number(req.query.get("page")) || 1));
    const start = (page - 1) * perPage;
    return envelope(200, "200-1", FA.done, {}, all.slice(start, start + perPage));
}
