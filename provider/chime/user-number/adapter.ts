import { AlreadyExistsError, NotFoundError, VendorError } from "../../core/errors";
import { Adapter, Props, plainImportId } from "../../core/reconciler";
import type { ComputedOf } from "../../core/attributes";
import { fromAttributes } from "../../core/declared";
import { isUnknown, type InputsOf } from "../../core/validation";
import { ChimeConnection, VENDOR, chimeClient } from "../client";
import { ChimeUser, associatePhoneNumberWithUser, disassociatePhoneNumberFromUser, getUser } from "./api";
import { chimeNumber, chimeUserNumberAttributes } from "./schema";
import { chimeUserNumber } from "./descriptor";

/** The resource id: `accountId/userId` (neither may contain `/`, see the schema). */
export function parseId(id: string): { accountId: string; userId: string } {
    const parts = id.split("/");
    if (parts.length !== 2 || !parts[0] || !parts[1]) throw new Error(`chime:ChimeUserNumber id ${JSON.stringify(id)} is not accountId/userId`);
    return { accountId: parts[0], userId: parts[1] };
}

/** A number as Chime shows it, with its `+`; undefined for none. */
const number = (v: unknown) => (typeof v === "string" && v !== "" ? (chimeNumber(v) as string) : undefined);

/**
 * "Already exists" for a user who already holds the number a create would give it — whose doing, this stack's record
 * decides (the reconciler). `said`: Chime's own refusal (a 409), else GetUser showed it before associating.
 */
function alreadyHolds(accountId: string, userId: string, e164: string, said?: AlreadyExistsError): AlreadyExistsError {
    if (said) return new AlreadyExistsError({ vendor: VENDOR, operation: said.operation, status: said.status, code: said.code, message: said.vendorMessage });
    return new AlreadyExistsError({ vendor: VENDOR, operation: "AssociatePhoneNumberWithUser", message: `user ${userId} in account ${accountId} already has the primary number ${e164} (GetUser)` });
}

/**
 * AssociatePhoneNumberWithUser. Chime's 409 ConflictException [S] means the number is another user's, or the user
 * holds another number [I] — or, as one reading of the same number on the same user [I: not documented; 200 is the
 * other reading], a duplicate. GetUser tells them apart: the user holding the declared number is "already exists"
 * (the reconciler decides, by this stack's record, whether it is ours); anything else is a conflict that `adopt` does
 * not resolve, since `adopt` never takes a number from another user.
 */
async function assign(c: ChimeConnection, accountId: string, userId: string, e164: string): Promise<void> {
    try {
        await associatePhoneNumberWithUser(c, accountId, userId, e164);
    } catch (e) {
        if (!(e instanceof AlreadyExistsError)) throw e;
        const now = await getUser(c, accountId, userId).catch(() => undefined);
        if (number(now?.PrimaryProvisionedNumber) === e164) throw alreadyHolds(accountId, userId, e164, e);
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
 * observable through GetUser.
 */
/** The declared inputs the vendor calls receive, typed from the attributes. */
export type ChimeUserNumberInputs = InputsOf<typeof chimeUserNumberAttributes>;

export const chimeUserNumberAdapter: Adapter<ChimeUser, ChimeConnection, ChimeUserNumberInputs> = {
    ...fromAttributes(chimeUserNumber),
    // Moving the same number to another user: the old user must let it go first [I: one user per number].
    deleteBeforeReplace: (olds, news) => isUnknown(news.e164PhoneNumber) || number(olds.e164PhoneNumber) === number(news.e164PhoneNumber),

    client: chimeClient,

    /**
     * A user who already has the declared number is "already exists": Chime shows no more than that, so whether it is
     * this resource's (a create of ours whose answer was lost, a journal entry, a pending create) or another stack's
     * is the reconciler's decision, by this stack's record — never taken on the evidence of equality alone. A user with
     * another number is a conflict without `adopt` (that number would be silently replaced); with `adopt`, the
     * reconciler's `find` takes the user over before we get here.
     */
    async create(c, inputs) {
        const { accountId, userId, e164PhoneNumber } = inputs as { accountId: string; userId: string; e164PhoneNumber: string };
        const user = await getUser(c, accountId, userId);
        const current = number(user.PrimaryProvisionedNumber);
        if (current === e164PhoneNumber) throw alreadyHolds(accountId, userId, e164PhoneNumber);
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

    /** For adopt: the user, when it has a primary number (whichever). */
    async find(c, inputs) {
        const user = await getUser(c, inputs.accountId, inputs.userId).catch((e) => {
            if (e instanceof NotFoundError) return undefined;
            throw e;
        });
        return user?.PrimaryProvisionedNumber ? { id: `${inputs.accountId}/${inputs.userId}`, live: user } : undefined;
    },

    /**
     * For recovery: the user holding the declared number, the only thing a create of ours can have left. A user with
     * another number was not given it by us; taking it would replace someone's number.
     */
    async findOwn(c, inputs) {
        const found = await chimeUserNumberAdapter.find(c, inputs);
        return found && number(found.live.PrimaryProvisionedNumber) === number(inputs.e164PhoneNumber) ? found : undefined;
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
            throw e instanceof VendorError ? e.withHint(`User ${userId} now has no primary number; the next \`pulumi up\` associates ${news.e164PhoneNumber}`, { append: true }) : e;
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
    computed(live): ComputedOf<typeof chimeUserNumberAttributes> {
        return { primaryEmail: live.PrimaryEmail ?? null, displayName: live.DisplayName ?? null };
    },
    importId: plainImportId("<accountId>/<userId>", (id) => void parseId(id)),
};
