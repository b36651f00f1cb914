import { z } from "zod";
import { InputSchema, rules } from "../../core/validation";
import { verigatorUser } from "./descriptor";

/**
 * The inputs of a VerigatorUser, each declared once: its schema is the check at preview, its TSDoc the documentation
 * an IDE shows on `VerigatorUserArgs` (derived from these fields) and the README's property table. The vendor documents no length limits; the ones below are inferred [I] and
 * only keep values sane: the official clients check nothing but "is a string" [S].
 */
export const verigatorUserFields = {
    // [I] a service id is one URL path segment (the seed's example is `my-service-id`, real ones are uuids).
    /** The Verigator service the user belongs to: its id, one URL path segment (no `/`, no whitespace, 1 to 256 characters). */
    serviceId: rules.string(1, 256).pipe(z.string().regex(/^[^\s/]+$/, { error: "must be a Verigator service id: no '/' and no whitespace" })),
    // [I] any non-empty string up to 255 characters.
    /**
     * The user's name in your service (`id_in_service`), 1 to 255 characters. Unique within the service: the key
     * `adopt` matches on. Keeping it while changing `phoneNumber` deletes the old user before creating the new one.
     */
    idInService: rules.string(1, 255),
    // E.164 [D]; plain syntax only (no per-country numbering plan check). Never returned by Verigator: an
    // adopted user may leave it out (requiredOnCreate), and declaring it later re-registers the user.
    /**
     * The phone number Verigator sends codes to, E.164 (`+` then 2 to 15 digits, no leading zero). Verigator never
     * returns it, so a change made outside Pulumi cannot be detected: the value in state is the declared one.
     * Required to create a user; with `adopt: true` it may be left out (the user keeps its number). Declaring it
     * on such a user later replaces the user (Verigator cannot change a number in place).
     */
    phoneNumber: rules.e164().optional(),
};

export const verigatorUserSchema: InputSchema = {
    fields: verigatorUserFields,
    rules: [],
    secret: verigatorUser.secretInputs,
    requiredOnCreate: ["phoneNumber"],
};
