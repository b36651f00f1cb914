import { TypeKit, computed, input } from "../../core/attributes";

/** IPPanel ids are integers [seed]; positive is [I]. */
const id = ({ z }: TypeKit) => z.number({ error: "must be a number" }).int({ error: "must be a whole number" }).positive({ error: "must be a positive integer" });

/**
 * The attributes of a NumberAssignment, each declared once with its meaning: its type is the check at preview, its
 * TSDoc the documentation an IDE shows on `NumberAssignmentArgs` and `NumberAssignment` (both derived from here), the
 * README's property table and the provider schema's description. [seed]: the number by E.164 or by id and the user
 * by username or by id, exactly one of each pair; `send` and `gets` are required booleans [D]. Plain E.164 syntax,
 * not a phone library: IPPanel's service numbers (`+983000505`) are not valid subscriber numbers to libphonenumber.
 * IPPanel has no update call: every input replaces the assignment. No documented endpoint shows a number's assignee
 * or the assignment's send/gets [D, by absence] (`gets` on a listed number is the number's own attribute, not proof
 * of the assignment's flag [I]): only the number is observable.
 */
export const numberAssignmentAttributes = {
    /** The number in E.164 form (`+` then 2 to 15 digits, e.g. `+983000505`). Exactly one of this and `numberId`. */
    number: input((t) => t.e164().optional(), { replaceOnChange: true, exactlyOneOf: "number", tags: ["phone-number", "e164"] }),
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
