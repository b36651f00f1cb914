import { z } from "zod";
import { InputSchema } from "../../core/validation";
import { chimeUserNumber } from "./descriptor";

/**
 * Chime's model only says ids are non-empty (`.*\S.*`) [S]; real ids are UUID-shaped, and the seed's example
 * `12a3456b-7c89-012d-3456-78901e23fg45` is not even hex, so letters, digits and hyphens are accepted [I]. No
 * `/`: the resource id is `accountId/userId`.
 */
const chimeId = z
    .string({ error: "must be a string" })
    .regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/, { error: "must be a Chime id: 1 to 64 letters, digits or hyphens, such as 12a3456b-7c89-012d-3456-78901e23fg45" });

/** E.164 with an optional `+`, Chime's pattern `^\+?[1-9]\d{1,14}$` [S]. */
export const E164 = /^\+?[1-9]\d{1,14}$/;

/** Chime shows numbers with their `+` [seed examples, I], so inputs are stored that way and compared that way. */
export function normalizeE164(v: string): string {
    return v.startsWith("+") ? v : `+${v}`;
}

/**
 * The inputs of a ChimeUserNumber, each declared once: its schema is the check at preview, its TSDoc the documentation
 * an IDE shows on `ChimeUserNumberArgs` (derived from these fields) and the README's property table.
 */
export const chimeUserNumberFields = {
    /** The Amazon Chime account id (1 to 64 letters, digits or hyphens; UUID-shaped in practice). Changing it replaces the resource. */
    accountId: chimeId,
    /** The Chime user id within that account (same format). Changing it replaces the resource. */
    userId: chimeId,
    /**
     * The user's primary provisioned number, E.164: an optional `+` then 2 to 15 digits, no leading zero
     * (Chime's `^\+?[1-9]\d{1,14}$`); stored with its `+`. It must be in the account's phone-number inventory and
     * not be another user's number. Changing it disassociates the old number and associates the new one in place.
     */
    e164PhoneNumber: z
        .string({ error: "must be a string" })
        .regex(E164, { error: "must be an E.164 number: an optional + then 2 to 15 digits, no leading zero (Chime's pattern ^\\+?[1-9]\\d{1,14}$)" })
        .transform(normalizeE164),
};

export const chimeUserNumberSchema: InputSchema = {
    fields: chimeUserNumberFields,
    rules: [],
    secret: chimeUserNumber.secretInputs,
};
