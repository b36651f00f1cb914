import { VendorHttpClient, urlPath } from "../../core/http";

/** A number of the account as `GET /api/number/numbers` lists it [D]. */
export interface IppanelNumber {
    id: number;
    number: string;
    operator_id?: number | null;
    alias?: string | null;
    /** Whether the number receives messages: an attribute of the number, not of an assignment [I]. */
    gets?: boolean;
    is_66_char?: boolean;
}

/** Which number and which user a call is about: each either by id or by its name [seed]. */
export type AssignmentRef = {
    number_id?: number;
    number?: string;
    target_user_id?: number;
    target_user?: string;
};

/** The assign call's body: the references plus the two permission flags it requires [D]. */
export type AssignBody = AssignmentRef & { send: boolean; gets: boolean };

/**
 * One page of numbers. The documented sample answer has no paging keys at all [D]; Laravel's `last_page` is
 * read only when a server sends it [I].
 */
export interface NumbersPage {
    numbers: IppanelNumber[];
    /** `meta.last_page`, when present. */
    lastPage?: number;
}

/*
 * Operation names in errors are the titles of IPPanel's doc pages: "Unassign Number" [seed]; "Assign Number"
 * and "List Numbers" by the same pattern [I].
 */

/**
 * Assign Number: `POST /api/numbers/assign` [D]. Not retried on an unknown outcome: the reconciler resends
 * after deciding, and a resend answered "number already assigned to user" is recognised as our own.
 */
export async function assignNumber(c: VendorHttpClient, body: AssignBody): Promise<void> {
    await c.send({ operation: "Assign Number (POST /api/numbers/assign)", method: "POST", path: urlPath`/api/numbers/assign`, body });
}

/**
 * Unassign Number: `POST /api/numbers/unassign` [seed]. Safe to resend: a repeat is answered "number not
 * assigned to user", which is success for a delete.
 */
export async function unassignNumber(c: VendorHttpClient, body: AssignmentRef): Promise<void> {
    await c.send({ operation: "Unassign Number (POST /api/numbers/unassign)", method: "POST", path: urlPath`/api/numbers/unassign`, body, idempotent: true });
}

/** List Numbers: `GET /api/number/numbers?page=&per_page=` [D] → `{data:[…], meta:{status, message, …}}`. */
export async function listNumbers(c: VendorHttpClient, page: number, perPage: number): Promise<NumbersPage> {
    const r = await c.send({ operation: "List Numbers (GET /api/number/numbers)", method: "GET", path: urlPath`/api/number/numbers`, query: { page, per_page: perPage } });
    const lastPage = Number(r.body?.meta?.last_page);
    return {
        numbers: Array.isArray(r.body?.data) ? r.body.data : [],
        lastPage: Number.isInteger(lastPage) && lastPage > 0 ? lastPage : undefined,
    };
}
