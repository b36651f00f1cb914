import { z } from "zod";
import { InputSchema, rules } from "../../core/validation";
import { verigatorUser } from "./descriptor";

/**
 * Validation for VerigatorUser. The vendor documents no length limits; the ones below are inferred [I] and
 * only keep values sane: the official clients check nothing but "is a string" [S].
 */
export const verigatorUserSchema: InputSchema = {
    fields: {
        // [I] a service id is one URL path segment (the seed's example is `my-service-id`, real ones are uuids).
        serviceId: rules.string(1, 256).pipe(z.string().regex(/^[^\s/]+$/, { error: "must be a Verigator service id: no '/' and no whitespace" })),
        // [I] any non-empty string up to 255 characters.
        idInService: rules.string(1, 255),
        // E.164 [D]; plain syntax only (no per-country numbering plan check). Never returned by Verigator: an
        // adopted user may leave it out (requiredOnCreate), and declaring it later re-registers the user.
        phoneNumber: rules.e164().optional(),
    },
    rules: [],
    secret: verigatorUser.secretInputs,
    requiredOnCreate: ["phoneNumber"],
};
