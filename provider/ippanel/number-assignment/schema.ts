import { TypeKit, computed, input, phoneNumber } from "../../core/attributes";

/** IPPanel ids are integers [seed]; positive is [I]. */
const id = ({ z }: TypeKit) => z.number({ error: "must be a number" }).int({ error: "must be a whole number" }).positive({ error: "must be a positive integer" });

/**
 * The attributes of a NumberAssignment, each declared once with its meaning: its type is the check at preview, its
 * TSDoc the documentation an IDE shows on `NumberAssignmentArgs` and `NumberAssignment` (both derived from here), the
 * README's property table and the provider schema's description. [seed]: the number by E.164 or by id and the user
 * by username or by id, exactly one of each pair; `send` and `gets` are required booleans [D]. The number is parsed
 * (any spelling) but not held to the numbering plan: IPPanel's SMS service lines (the seed's `+983000505`) are not
 * subscriber numbers to libphonenumber. IPPanel has no update call: every input replaces the assignment. No documented endpoint shows a number's assignee
 * or the assignment's send/gets [D, by absence] (`gets` on a listed number is the number's own attribute, not proof
 * of the assignment's flag [I]): only the number is observable.
 */
export const numberAssignmentAttributes = {
    /**
     * The number, in any spelling: international (`+98 300 0505`, `0098 3000505`) or national (`3000505`,
     * `0912 345 6789`), read in the stack's `telephony:defaultRegion`, else as an Iranian number (IPPanel's are). It must
     * have an existing country code and at most 15 digits; SMS service lines are outside the numbering plan, so it is not
     * held to it. Stored and sent in E.164 (`+983000505`), the form the docs name. Exactly one of this and `numberId`.
     */
    // "The number in E.164 format" [seed]; the docs are Persian and every number in them +98 [seed, D]: home region.
    number: phoneNumber((t) => t.z.string({ error: "must be a string" }).optional(), { plan: "e164", homeRegion: "IR" }, { replaceOnChange: true, exactlyOneOf: "number", tags: ["unique-number"] }),
    /** IPPanel's id of the number (a positive integer). Exactly one of this and `number`. */
    numberId: input((t) => id(t).optional(), { replaceOnChange: true, exactlyOneOf: "number" }),
    // No documented constraint on usernames; non-empty and at most 255 characters [I].
    /** Username of the reseller's user who gets the number (1 to 255 characters). Exactly one of this and `targetUserId`. Not observable: see the class. */
    targetUser: input((t) => t.string(1, 255).optional(), { replaceOnChange: true, observable: false, exactlyOneOf: "user", tags: ["assignee"] }),
    /** IPPanel's id of that user (a positive integer). Exactly one of this and `targetUser`. Not observable. */
    targetUserId: input((t) => id(t).optional(), { replaceOnChange: true, observable: false, exactlyOneOf: "user", tags: ["assignee"] }),
    /** IPPanel's `send` flag, required by the assign call; read as "the user may send through the number" [I]. Not observable. */
    send: input((t) => t.bool(), { replaceOnChange: true, observable: false }),
    /** IPPanel's `gets` flag, required by the assign call; read as "the user receives on the number" [I]. Not observable. */
    gets: input((t) => t.bool(), { replaceOnChange: true, observable: false }),

    /** The number in E.164 form as IPPanel lists it, whichever way it was declared. */
    resolvedNumber: computed((t) => t.z.string()),
    /** The number's IPPanel id as IPPanel lists it, whichever way it was declared. */
    resolvedNumberId: computed((t) => t.z.number()),
};
