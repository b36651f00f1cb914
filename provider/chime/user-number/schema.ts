import { TypeKit, computed, input, phoneNumber } from "../../core/attributes";

/**
 * Chime's model only says ids are non-empty (`.*\S.*`) [S]; real ids are UUID-shaped, and the seed's example
 * `12a3456b-7c89-012d-3456-78901e23fg45` is not even hex, so letters, digits and hyphens are accepted [I]. No
 * `/`: the resource id is `accountId/userId`.
 */
const chimeId = ({ z }: TypeKit) =>
    z
        .string({ error: "must be a string" })
        .regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/, { error: "must be a Chime id: 1 to 64 letters, digits or hyphens, such as 12a3456b-7c89-012d-3456-78901e23fg45" });

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
     * The user's primary provisioned number, in any spelling: international (`+1 (206) 555-0100`, `0012065550100`,
     * or Chime's own `12065550100`) or national, read in the stack's `telephony:defaultRegion`. It must be a number of
     * its country's numbering plan. Stored and sent in E.164 (`+12065550100`, Chime's `^\+?[1-9]\d{1,14}$` with its
     * `+`). It must be in the account's phone-number inventory and not be another user's number. Changing it
     * disassociates the old number and associates the new one in place.
     */
    // Chime's numbers come from AWS's inventory in several countries [D]: no home region.
    e164PhoneNumber: phoneNumber(({ z }) => z.string({ error: "must be a string" }), { plan: "valid" }, { tags: ["unique-number"] }),

    /** The user's primary email, as GetUser shows it (null when Chime shows none). */
    primaryEmail: computed((t) => t.z.string().nullable()),
    /** The user's display name, as GetUser shows it (null when Chime shows none). */
    displayName: computed((t) => t.z.string().nullable()),
};
