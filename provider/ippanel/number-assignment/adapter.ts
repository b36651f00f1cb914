import { NotFoundError } from "../../core/errors";
import { VendorHttpClient } from "../../core/http";
import { Adapter, Props } from "../../core/reconciler";
import type { ComputedOf } from "../../core/attributes";
import { fromAttributes } from "../../core/declared";
import { isUnknown, type InputsOf } from "../../core/validation";
import { ippanelClient } from "../client";
import { AssignmentRef, IppanelNumber, NumbersPage, assignNumber, listNumbers, unassignNumber } from "./api";
import { numberAssignmentAttributes } from "./schema";
import { numberAssignment } from "./descriptor";

/** Page size for listing numbers; 100 is a common Laravel ceiling [I] (a smaller server cap is followed anyway). */
const PER_PAGE = 100;
/** Stop paging here (100 000 numbers) rather than loop on a server that never reports its last page. */
const MAX_PAGES = 1_000;

const given = (v: unknown): boolean => v !== undefined && v !== null;

/** The number and user as declared (by name or by id), snake_case as the API takes them [seed]. */
function toRef(p: Props): AssignmentRef {
    const ref: AssignmentRef = {};
    if (given(p.number)) ref.number = p.number;
    if (given(p.numberId)) ref.number_id = p.numberId;
    if (given(p.targetUser)) ref.target_user = p.targetUser;
    if (given(p.targetUserId)) ref.target_user_id = p.targetUserId;
    return ref;
}

/** `number/user` as declared, e.g. `+983000505/testuser` or `10/123`: stable, printable, never parsed. */
const idOf = (p: Props) => `${p.number ?? p.numberId}/${p.targetUser ?? p.targetUserId}`;

/**
 * What IPPanel can show of an assignment: its number as listed, and which input named it (so `observe`
 * reports only the declared form, even where it gets no state, as when adopting).
 */
export interface NumberSeen {
    listed: IppanelNumber;
    by: "number" | "numberId";
}

/**
 * Finds the declared number among the account's numbers, page by page (`shared`: pages shared with the reads that
 * run at the same time, see LISTING_SHARED_MS). This is all the API can say about an
 * assignment: whether its number still exists. Undefined when it does not.
 *
 * The documented answer has no paging keys [D], so paging ends at an empty page, or at a page shorter than the
 * longest one seen (page 1 sets the server's page size, which may be below the one asked for [I]); a
 * `meta.last_page`, when a server sends one, ends it too. A server that ignores `page` (the same page again)
 * ends it rather than looping.
 */
/**
 * How long a page of List Numbers is shared. A refresh reads every assignment at once, and each read pages through
 * the account's numbers: unshared, 200 assignments on an account of 323 numbers cost 546 requests, and an account of
 * 10,000 numbers would cost up to 100 per assignment. Shared, the reads of one run list the numbers about once. A page
 * lists which numbers exist, which no assignment changes, so a read within this window of another sees what it would
 * have fetched itself (a number deleted in the portal during those seconds is seen by the next run).
 */
export const LISTING_SHARED_MS = 10_000;

/**
 * A page of the account's numbers: fetched, or joined while another call fetches it, or reused within the window.
 * The shared pages belong to the client's context (one configuration), on its clock.
 */
function numbersPage(c: VendorHttpClient, page: number): Promise<NumbersPage> {
    const sharedPages = c.context.cached("ippanel listing pages", () => new Map<string, { at: number; page: Promise<NumbersPage> }>());
    const key = `${c.account} ${page} ${PER_PAGE}`;
    const now = c.context.clock.now();
    const seen = sharedPages.get(key);
    if (seen && now - seen.at < LISTING_SHARED_MS) return seen.page;
    if (sharedPages.size > 10_000) for (const [k, v] of sharedPages) if (now - v.at >= LISTING_SHARED_MS) sharedPages.delete(k);
    const entry = { at: now, page: listNumbers(c, page, PER_PAGE) };
    sharedPages.set(key, entry);
    entry.page.catch(() => sharedPages.get(key) === entry && sharedPages.delete(key)); // a failure is not shared later
    return entry.page;
}

async function locateNumber(c: VendorHttpClient, p: Props, shared = false): Promise<NumberSeen | undefined> {
    const by = given(p.numberId) ? "numberId" : "number";
    const matches = (n: IppanelNumber) => (by === "numberId" ? Number(n.id) === p.numberId : n.number === p.number);
    let pageSize = 0;
    let previousFirst: unknown;
    for (let page = 1; page <= MAX_PAGES; page++) {
        const r = shared ? await numbersPage(c, page) : await listNumbers(c, page, PER_PAGE);
        const hit = r.numbers.find(matches);
        if (hit) return { listed: hit, by };
        if (r.numbers.length === 0 || r.numbers.length < pageSize) return undefined;
        if (r.lastPage !== undefined && page >= r.lastPage) return undefined;
        if (page > 1 && r.numbers[0]?.id === previousFirst) return undefined;
        pageSize = Math.max(pageSize, r.numbers.length);
        previousFirst = r.numbers[0]?.id;
    }
    throw new Error(`IPPanel List Numbers still had pages after ${MAX_PAGES} pages of ${PER_PAGE}; refusing to page further`);
}

/** The same number on both sides, by whichever form each side declares (outputs keep both forms). */
function sameNumber(olds: Props, news: Props): boolean {
    if (isUnknown(news.number) || isUnknown(news.numberId)) return true; // not known yet: assume the worst
    if (given(news.number)) return news.number === olds.number || news.number === olds.resolvedNumber;
    return given(news.numberId) && (news.numberId === olds.numberId || news.numberId === olds.resolvedNumberId);
}

/**
 * IPPanel has no update call and cannot say who holds a number, so: every change replaces; a replacement
 * that keeps the number unassigns first (a number has one assignee, and re-assigning it to the same user is
 * refused as "already assigned"); `read` sees only whether the number still exists.
 */
/** The declared inputs the vendor calls receive, typed from the attributes. */
export type NumberAssignmentInputs = InputsOf<typeof numberAssignmentAttributes>;

export const numberAssignmentAdapter: Adapter<NumberSeen, VendorHttpClient, NumberAssignmentInputs> = {
    ...fromAttributes(numberAssignment),
    deleteBeforeReplace: sameNumber,

    client: ippanelClient,

    async create(c, inputs) {
        // Refused before any write when the account lists no such number [I: it could not be assigned], which
        // also keeps create consistent with `read`, which would report the assignment gone at once.
        const listed = await locateNumber(c, inputs);
        if (!listed) {
            const which = given(inputs.numberId) ? `numberId ${inputs.numberId}` : `number ${inputs.number}`;
            throw new Error(
                `IPPanel lists no ${which} among this account's numbers (GET /api/number/numbers), so it cannot be assigned: ` +
                    `check ${given(inputs.numberId) ? "numberId" : "number"} in your program`,
            );
        }
        await assignNumber(c, { ...toRef(inputs), send: inputs.send, gets: inputs.gets });
        return { id: idOf(inputs), live: listed };
    },
    // The owner of a number cannot be looked up; "already assigned" is handled by `alreadyExists` and `confirm`.
    find: async () => undefined,
    lookupLimit: "IPPanel has no call that shows who holds a number, so whether an assignment was made cannot be seen",
    async alreadyExists(c, inputs) {
        const listed = await locateNumber(c, inputs);
        return listed && { id: idOf(inputs), live: listed };
    },
    /**
     * The extra check on "number already assigned to user" when this stack's own record says it sent the assign (a
     * lost answer, a journal entry, a pending create): the answer does not say to whom [D, by absence], so the number
     * is unassigned from the declared user — which succeeds only when that user holds it — and the create is sent again
     * with the declared send/gets ("freed"; the number is unassigned for that moment). "number not assigned to user"
     * means someone else holds it: the create is sent once more all the same and its "already assigned" is then a real
     * conflict (the reconciler does not check twice). Unassign is retried on lost answers, so a "not assigned" after a
     * retry may be our own unassign: the resend then simply succeeds. Never reached without such a record.
     */
    async confirm(c, inputs) {
        try {
            await unassignNumber(c, toRef(inputs));
        } catch (e) {
            if (!(e instanceof NotFoundError)) throw e;
        }
        return "freed" as const;
    },
    // Reads share their pages (a refresh reads every assignment at once); a create's lookups always list afresh.
    read: (c, _id, state) => locateNumber(c, state, true),
    update() {
        // Unreachable: every input replaces (replaceOnChange).
        throw new Error("IPPanel has no call that changes an assignment: every change replaces it");
    },
    delete: (c, _id, state) => unassignNumber(c, toRef(state)),

    observe(live, state) {
        return {
            [live.by]: live.by === "number" ? live.listed.number : Number(live.listed.id),
            targetUser: state.targetUser,
            targetUserId: state.targetUserId,
            send: state.send,
            gets: state.gets,
        };
    },
    computed(live): ComputedOf<typeof numberAssignmentAttributes> {
        return { resolvedNumber: live.listed.number, resolvedNumberId: Number(live.listed.id) };
    },
    importId:
        "IPPanel's API cannot show who holds a number or with which send/gets, so an assignment cannot be read by id. " +
        "Declare the NumberAssignment with `adopt: true` instead: its first `up` takes the existing assignment over",
};
