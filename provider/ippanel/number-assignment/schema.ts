import { z } from "zod";
import { InputSchema, exactlyOne, rules } from "../../core/validation";
import { numberAssignment } from "./descriptor";

/** IPPanel ids are integers [seed]; positive is [I]. */
const id = () => z.number({ error: "must be a number" }).int({ error: "must be a whole number" }).positive({ error: "must be a positive integer" });

/**
 * Validation for NumberAssignment [seed]: the number by E.164 or by id and the user by username or by id,
 * exactly one of each pair; `send` and `gets` are required booleans [D]. Plain E.164 syntax, not a phone
 * library: IPPanel's service numbers (`+983000505`) are not valid subscriber numbers to libphonenumber.
 */
export const numberAssignmentSchema: InputSchema = {
    fields: {
        number: rules.e164().optional(),
        numberId: id().optional(),
        // No documented constraint on usernames; non-empty and at most 255 characters [I].
        targetUser: rules.string(1, 255).optional(),
        targetUserId: id().optional(),
        send: rules.bool(),
        gets: rules.bool(),
    },
    rules: [exactlyOne("number", "numberId"), exactlyOne("targetUser", "targetUserId")],
    secret: numberAssignment.secretInputs,
};
