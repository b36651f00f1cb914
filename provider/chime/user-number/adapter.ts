import { AlreadyExistsError, NotFoundError, VendorError, VendorErrorInit } from "../../core/errors";
import { Adapter, Props, plainImportId } from "../../core/reconciler";
import { isUnknown } from "../../core/validation";
import { ChimeConnection, VENDOR, chimeClient } from "../client";
import { ChimeUser, associatePhoneNumberWithUser, disassociatePhoneNumberFromUser, getUser } from "./api";
import { chimeUserNumberFields, chimeUserNumberSchema, normalizeE164 } from "./schema";
import { chimeUserNumber } from "./descriptor";
import type { InputsOf } from "../../core/validation";

/** The resource id: `accountId/userId` (neither may contain `/`, see the schema). */
export function parseId(id: string): { accountId: string; userId: string } {
    const parts = id.split("/");
    if (parts.length !== 2 || !parts[0] || !parts[1]) throw new Error(`chime:ChimeUserNumber id ${JSON.stringify(id)} is not accountId/userId`);
    return { accountId: parts[0], userId: parts[1] };
}

const number = (v: unknown) => (typeof v === "string" && v !== "" ? normalizeE164(v) : undefined);

/** The same error with a sentence added to its advice. */
function advise(e: unknown, hint: string): unknown {
    if (!(e instanceof VendorError)) return e;
    const Same = e.constructor as new (init: VendorErrorInit) => VendorError;
    const init = { vendor: e.vendor, operation: e.operation, status: e.status, code: e.code, message: e.vendorMessage, meaning: e.meaning, fields: e.fields };
    return new Same({ ...init, hint: e.hint ? `${e.hint}. ${hint}` : hint });
}

/**
 * AssociatePhoneNumberWithUser, where Chime's 409 Conflict is not "this object exists, adopt it": it means the
 * number is another user's, or the user holds another number [I]. `adopt` never takes a number from another user.
 */
async function assign(c: ChimeConnection, accountId: string, userId: string, e164: string): Promise<void> {
    try {
        await associatePhoneNumberWithUser(c, accountId, userId, e164);
    } catch (e) {
        if (!(e instanceof AlreadyExistsError)) throw e;
        throw new VendorError({
            vendor: VENDOR,
            operation: e.operation,
            status: e.status,
            code: e.code,
            message: e.vendorMessage,
            hint:
                `${e164} cannot be given to user ${userId}: a number is the primary number of at most one user, and a user has one primary number. ` +
                "Disassociate the number from the user that holds it first (`adopt` takes over this user, never another user's number)",
        });
    }
}

/**
 * The primary phone number of one Amazon Chime user. Create associates it, a new number is a disassociate then
 * an associate in place, delete disassociates; a different account or user replaces. Every input is
 * observable through GetUser, so nothing is listed as unobservable.
 */
/** The declared inputs the vendor calls receive, typed from the schema. */
export type ChimeUserNumberInputs = InputsOf<typeof chimeUserNumberFields>;

export const chimeUserNumberAdapter: Adapter<ChimeUser, ChimeConnection, ChimeUserNumberInputs> = {
    kind: chimeUserNumber.kind,
    schema: chimeUserNumberSchema,
    replaceOn: () => ["accountId", "userId"],
    // Moving the same number to another user: the old user must let it go first [I: one user per number].
    deleteBeforeReplace: (olds, news) => isUnknown(news.e164PhoneNumber) || number(olds.e164PhoneNumber) === number(news.e164PhoneNumber),
    unobservable: [],
    normalize: (key, v) => (key === "e164PhoneNumber" ? (number(v) ?? v) : v),

    client: chimeClient,

    /**
     * A user who already has the declared number is the declared state: taken. A user with another number is a
     * conflict without `adopt` (that number would be silently replaced); with `adopt`, the reconciler's `find`
     * takes the user over before we get here.
     */
    async create(c, inputs) {
        const { accountId, userId, e164PhoneNumber } = inputs as { accountId: string; userId: string; e164PhoneNumber: string };
        const user = await getUser(c, accountId, userId);
        const current = number(user.PrimaryProvisionedNumber);
        // Already exactly the declared state (our own unanswered create, or someone made the same assignment):
        // every property is observable, so this is the declared state, not a conflict. Taken as is.
        if (current === e164PhoneNumber) return { id: `${accountId}/${userId}`, live: user };
        if (current) {
            throw new Error(
                `Amazon Chime user ${userId} in account ${accountId} already has another primary number, ${current}, and this resource declares ` +
                    `${e164PhoneNumber}; a user has one primary number. Set \`adopt: true\` to take the user over and replace ${current} with ` +
                    `${e164PhoneNumber}, or choose a user without a number`,
            );
        }
        await assign(c, accountId, userId, e164PhoneNumber);
        return { id: `${accountId}/${userId}`, live: { ...user, PrimaryProvisionedNumber: e164PhoneNumber } };
    },

    /** For adopt and lost answers: the user, when it has a primary number (whichever). */
    async find(c, inputs) {
        const user = await getUser(c, inputs.accountId, inputs.userId).catch((e) => {
            if (e instanceof NotFoundError) return undefined;
            throw e;
        });
        return user?.PrimaryProvisionedNumber ? { id: `${inputs.accountId}/${inputs.userId}`, live: user } : undefined;
    },

    /** A user without a primary number has no association: gone. A missing user is gone too (NotFoundError). */
    async read(c, id) {
        const { accountId, userId } = parseId(id);
        const user = await getUser(c, accountId, userId);
        return user.PrimaryProvisionedNumber ? user : undefined;
    },

    /** Only the number can change in place: disassociate, associate, then read back what Chime shows. */
    async update(c, id, _changed, news) {
        const { accountId, userId } = parseId(id);
        await disassociatePhoneNumberFromUser(c, accountId, userId);
        try {
            await assign(c, accountId, userId, news.e164PhoneNumber);
        } catch (e) {
            throw advise(e, `User ${userId} now has no primary number; the next \`pulumi up\` associates ${news.e164PhoneNumber}`);
        }
        return getUser(c, accountId, userId);
    },

    /**
     * Disassociates the number, if the user still has ours: already empty is success, and a number someone else
     * put on the user since is not ours to remove [I]. A missing user is success (NotFoundError).
     */
    async delete(c, id, state) {
        const { accountId, userId } = parseId(id);
        const current = number((await getUser(c, accountId, userId)).PrimaryProvisionedNumber);
        if (current === undefined) return;
        if (state.e164PhoneNumber !== undefined && current !== number(state.e164PhoneNumber)) return;
        await disassociatePhoneNumberFromUser(c, accountId, userId);
    },

    observe(live): Props {
        return { accountId: live.AccountId, userId: live.UserId, e164PhoneNumber: number(live.PrimaryProvisionedNumber) };
    },
    computed(live) {
        return { primaryEmail: live.PrimaryEmail ?? null, displayName: live.DisplayName ?? null };
    },
    importId: plainImportId("<accountId>/<userId>", (id) => void parseId(id)),
};
