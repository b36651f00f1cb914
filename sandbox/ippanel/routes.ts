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
 */
import { SandboxRequest, SandboxResponse, Store, VendorEmulator, header, json, nowIso } from "./core";

export interface IppanelCredentials {
    /** Accepted raw in `Authorization` [seed]. */
    apiKey: string;
}

/** Seeded numbers; `+983000505` id 10 is the seed's sample. */
export const IPPANEL_NUMBERS = [
    { id: 10, number: "+983000505", operator_id: 1, alias: null, gets: true, is_66_char: false },
    { id: 11, number: "+983000506", operator_id: 1, alias: "support", gets: true, is_66_char: false },
    { id: 12, number: "+9850001234", operator_id: 2, alias: null, gets: false, is_66_char: true },
];

/** The largest `per_page` the list honours [I: a common Laravel ceiling; IPPanel documents none]. */
export const IPPANEL_MAX_PER_PAGE = 100;

/**
 * More numbers than one page holds, after the three above, so a lister that reads page 1 only misses some:
 * `+98300070000` … (ids from 1000, clear of ids tests seed).
 */
export const IPPANEL_BULK_NUMBERS = Array.from({ length: IPPANEL_MAX_PER_PAGE + 20 }, (_, i) => ({
    id: 1000 + i,
    number: `+98300070${String(i).padStart(3, "0")}`,
    operator_id: 1,
    alias: null,
    gets: true,
    is_66_char: false,
}));
/** Seeded users; `testuser` id 123 is the seed's sample. */
export const IPPANEL_USERS = [
    { id: 123, username: "testuser" },
    { id: 124, username: "seconduser" },
];

/** Messages [seed]; the not-found texts are [I] (IPPanel documents the code 404-1, not its wording). */
export const FA = {
    done: "انجام شد",
    incorrect: "اطلاعات وارد شده صحیح نمی باشد",
    required: (attr: string) => `تکمیل گزینه ${attr} الزامی است`,
    more: (n: number) => `(و ${n} خطای دیگر)`,
    numberNotFound: "شماره یافت نشد", // [I] "number not found"
    userNotFound: "کاربر یافت نشد", // [I] "user not found"
    notFound: "یافت نشد", // [I] "not found"
    integer: (attr: string) => `گزینه ${attr} باید عدد صحیح باشد`, // [I] "X must be an integer" (Laravel fa)
    boolean: (attr: string) => `گزینه ${attr} باید درست یا نادرست باشد`, // [I] "X must be true or false" (Laravel fa)
};

/** The envelope `{data, meta:{status, message, message_parameters, message_code, errors}}` [seed]. */
function envelope(status: number, code: string, message: string, errors: Record<string, string[]> = {}, data: unknown = null, extra: Record<string, unknown> = {}): SandboxResponse {
    const ok = status < 300;
    const meta: Record<string, unknown> = { status: ok, message, message_parameters: [], message_code: code, ...extra };
    if (!ok) meta.errors = errors; // the seed's success sample has no `errors`
    return json(status, { data, meta });
}

/** Laravel-style validation: attribute names lose their underscores; the message is the first error plus "(و N خطای دیگر)". */
function validationFailed(errors: Record<string, string[]>): SandboxResponse {
    const all = Object.values(errors).flat();
    const message = all.length > 1 ? `${all[0]} ${FA.more(all.length - 1)}` : all[0];
    return envelope(422, "400-2", message, errors);
}

const attr = (field: string) => field.replace(/_/g, " ");
const given = (v: unknown) => v !== undefined && v !== null && v !== "";

/** The either-or rules of the seed, in its parameter order; `send`/`gets` are required booleans on assign [D]. */
function validate(body: Record<string, any>, assign: boolean): Record<string, string[]> {
    const errors: Record<string, string[]> = {};
    const add = (f: string, m: string) => (errors[f] ??= []).push(m);
    if (!given(body.number_id) && !given(body.number)) add("number_id", FA.required(attr("number_id")));
    else if (given(body.number_id) && !Number.isInteger(body.number_id)) add("number_id", FA.integer(attr("number_id")));
    if (!given(body.target_user_id) && !given(body.target_user)) add("target_user_id", FA.required(attr("target_user_id")));
    else if (given(body.target_user_id) && !Number.isInteger(body.target_user_id)) add("target_user_id", FA.integer(attr("target_user_id")));
    if (!given(body.number) && !given(body.number_id)) add("number", FA.required("number"));
    if (!given(body.target_user) && !given(body.target_user_id)) add("target_user", FA.required(attr("target_user")));
    if (assign) {
        for (const f of ["send", "gets"]) {
            if (body[f] === undefined || body[f] === null) add(f, FA.required(f));
            else if (typeof body[f] !== "boolean") add(f, FA.boolean(f));
        }
    }
    return errors;
}

export function ippanel(store: Store, creds: IppanelCredentials): VendorEmulator {
    const numbers = () => store.collection("ippanel", "numbers");
    const users = () => store.collection("ippanel", "users");
    const assignments = () => store.collection("ippanel", "assignments");
    if (numbers().length === 0) numbers().push(...[...IPPANEL_NUMBERS, ...IPPANEL_BULK_NUMBERS].map((n) => ({ ...n })));
    if (users().length === 0) users().push(...IPPANEL_USERS.map((u) => ({ ...u })));

    /** Assignment ids are never reused, as a database sequence would not reuse them (kept across restarts). */
    function nextAssignmentId(): number {
        const counters = store.collection("ippanel", "counters");
        let seq = counters.find((c) => c.id === "assignments");
        if (!seq) counters.push((seq = { id: "assignments", last: 0 }));
        seq.last = Math.max(seq.last, ...assignments().map((a) => Number(a.id) || 0)) + 1; // past rows seeded by hand too
        return seq.last;
    }

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
                    if (held) return envelope(400, "400-1", held.user_id === found.user.id ? "number already assigned to user" : "number already assigned to another user");
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
