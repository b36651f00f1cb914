import { TypeKit, computed, input } from "../../core/attributes";

/**
 * Chime's model only says ids are non-empty (`.*\S.*`) [S]; real ids are UUID-shaped, and the seed's example
 * `12a3456b-7c89-012d-3456-78901e23fg45` is not even hex, so letters, digits and hyphens are accepted [I]. No
 * `/`: the resource id is `accountId/userId`.
 */
const chimeId = ({ z }: TypeKit) =>
    z
        .string({ error: "must be a string" })
        .regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/, { error: "must be a Chime id: 1 to 64 letters, digits or hyphens, such as 12a3456b-7c89-012d-3456-78901e23fg45" });

/** E.164 with an optional `+`, Chime's pattern `^\+?[1-9]\d{1,14}$` [S]. */
export const E164 = /^\+?[1-9]\d{1,14}$/;

/** Chime shows numbers with their `+` [seed examples, I], so inputs are stored that way and compared that way. */
export function normalizeE164(v: string): string {
    return v.startsWith("+") ? v : `+${v}`;
}

/** A number as Chime shows it and as it is stored and compared: with its `+` (an empty one is no number). */
export function chimeNumber(v: unknown): unknown {
    return typeof v === "string" && v !== "" ? normalizeE164(v) : v;
}

/**
 * The attributes of a ChimeUserNumber, each declared once with its meaning: its type is the check at preview, its
 * TSDoc the documentation an IDE shows on `ChimeUserNumberArgs` and `ChimeUserNumber` (both derived from here), the
 * README's property table and the provider schema's description. Every input is observable through GetUser.
 */
export const chimeUserNumberAttributes = {
    /** The Amazon Chime account id (1 to 64 letters, digits or hyphens; UUID-shaped in practice). Changing it replaces the resource. */
    accountId: input(chimeId, { replaceOnChange: true }),
    /** The Chime user id within that account (same format). Changing it replaces the resource. */
    userId: input(chimeId, { replaceOnChange: true, tags: ["assignee"] }),
    /**
     * The user's primary provisioned number, E.164: an optional `+` then 2 to 15 digits, no leading zero
     * (Chime's `^\+?[1-9]\d{1,14}$`); stored with its `+`. It must be in the account's phone-number inventory and
     * not be another user's number. Changing it disassociates the old number and associates the new one in place.
     */
    e164PhoneNumber: input(
        ({ z }) => z.string({ error: "must be a string" }).regex(E164, { error: "must be an E.164 number: an optional + then 2 to 15 digits, no leading zero (Chime's pattern ^\\+?[1-9]\\d{1,14}$)" }),
        { normalize: chimeNumber, storeNormalized: true, tags: ["phone-number", "e164"] },
    ),

    /** The user's primary email, as GetUser shows it (null when Chime shows none). */
    primaryEmail: computed((t) => t.z.string().nullable()),
    /** The user's display name, as GetUser shows it (null when Chime shows none). */
    displayName: computed((t) => t.z.string().nullable()),
};
