import { z } from "zod";
import { InputSchema, exactlyOne, rules } from "../../core/validation";
import { numberAssignment } from "./descriptor";

/** IPPanel ids are integers [seed]; positive is [I]. */
const id = () => z.number({ error: "must be a number" }).int({ error: "must be a whole number" }).positive({ error: "must be a positive integer" });

/**
 * The inputs of a NumberAssignment, each declared once: its schema is the check at preview, its TSDoc the documentation
 * an IDE shows on `NumberAssignmentArgs` (derived from these fields) and the README's property table. [seed]: the
 * number by E.164 or by id and the user by username or by id, exactly one of each pair; `send` and `gets` are
 * required booleans [D]. Plain E.164 syntax, not a phone library: IPPanel's service numbers (`+983000505`) are
 * not valid subscriber numbers to libphonenumber.
 */
export const numberAssignmentFields = {
    /** The number in E.164 form (`+` then 2 to 15 digits, e.g. `+983000505`). Exactly one of this and `numberId`. */
    number: rules.e164().optional(),
    /** IPPanel's id of the number (a positive integer). Exactly one of this and `number`. */
    numberId: id().optional(),
    // No documented constraint on usernames; non-empty and at most 255 characters [I].
    /** Username of the reseller's user who gets the number (1 to 255 characters). Exactly one of this and `targetUserId`. Not observable: see the class. */
    targetUser: rules.string(1, 255).optional(),
    /** IPPanel's id of that user (a positive integer). Exactly one of this and `targetUser`. Not observable. */
    targetUserId: id().optional(),
    /** IPPanel's `send` flag, required by the assign call; read as "the user may send through the number" [I]. Not observable. */
    send: rules.bool(),
    /** IPPanel's `gets` flag, required by the assign call; read as "the user receives on the number" [I]. Not observable. */
    gets: rules.bool(),
};

export const numberAssignmentSchema: InputSchema = {
    fields: numberAssignmentFields,
    rules: [exactlyOne("number", "numberId"), exactlyOne("targetUser", "targetUserId")],
    secret: numberAssignment.secretInputs,
};
