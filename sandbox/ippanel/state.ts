/** IPPanel Edge emulation, state: the objects the vendor keeps, its seeded data and its rules, from the seeds and public docs (routes: ./routes.ts). Inferred behaviour is marked [I]. */
import { SandboxResponse, Store, json } from "../core";

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

/**
 * How IPPanel may answer an assign of a number the user already holds: 400 "number already assigned to user", code
 * 400-1 — documented [D], the default — or 409, the status its `message_code` convention gives "exists" [seed, D], with
 * the text in Persian (the API's language) [I: "the number has already been assigned to the user"]. Chosen with the
 * `duplicate` switch.
 */
export const DUPLICATE_READINGS = [400, 409] as const;
export type DuplicateReading = (typeof DUPLICATE_READINGS)[number];
export const FA_ALREADY_ASSIGNED = "این شماره قبلا به کاربر تخصیص داده شده است"; // [I]

/** The envelope `{data, meta:{status, message, message_parameters, message_code, errors}}` [seed]. */
export function envelope(status: number, code: string, message: string, errors: Record<string, string[]> = {}, data: unknown = null, extra: Record<string, unknown> = {}): SandboxResponse {
    const ok = status < 300;
    const meta: Record<string, unknown> = { status: ok, message, message_parameters: [], message_code: code, ...extra };
    if (!ok) meta.errors = errors; // the seed's success sample has no `errors`
    return json(status, { data, meta });
}

/** Laravel-style validation: attribute names lose their underscores; the message is the first error plus "(و N خطای دیگر)". */
export function validationFailed(errors: Record<string, string[]>): SandboxResponse {
    const all = Object.values(errors).flat();
    const message = all.length > 1 ? `${all[0]} ${FA.more(all.length - 1)}` : all[0];
    return envelope(422, "400-2", message, errors);
}

export const attr = (field: string) => field.replace(/_/g, " ");
export const given = (v: unknown) => v !== undefined && v !== null && v !== "";

/** The either-or rules of the seed, in its parameter order; `send`/`gets` are required booleans on assign [D]. */
export function validate(body: Record<string, any>, assign: boolean): Record<string, string[]> {
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

/** The vendor's stored objects: numbers, sub-users (seeded with the ones above), assignments and their id sequence. */
export function ippanelState(store: Store) {
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
    return { numbers, users, assignments, nextAssignmentId };
}
