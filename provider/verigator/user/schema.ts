import { computed, input, phoneNumber } from "../../core/attributes";

/**
 * The attributes of a VerigatorUser, each declared once with its meaning: its type is the check at preview, its TSDoc
 * the documentation an IDE shows on `VerigatorUserArgs` and `VerigatorUser` (both derived from here), the README's
 * property table and the provider schema's description. The vendor documents no length limits; the ones below are
 * inferred [I] and only keep values sane: the official clients check nothing but "is a string" [S]. Verigator has no
 * update endpoint: every input replaces the user.
 */
export const verigatorUserAttributes = {
    // [I] a service id is one URL path segment (the seed's example is `my-service-id`, real ones are uuids).
    /** The Verigator service the user belongs to: its id, one URL path segment (no `/`, no whitespace, 1 to 256 characters). */
    serviceId: input((t) => t.string(1, 256).pipe(t.z.string().regex(/^[^\s/]+$/, { error: "must be a Verigator service id: no '/' and no whitespace" })), {
        replaceOnChange: true,
    }),
    // [I] any non-empty string up to 255 characters.
    /**
     * The user's name in your service (`id_in_service`), 1 to 255 characters. Unique within the service: the key
     * `adopt` matches on. Keeping it while changing `phoneNumber` deletes the old user before creating the new one.
     */
    idInService: input((t) => t.string(1, 255), { replaceOnChange: true, tags: ["assignee"] }),
    // E.164 [D]. Messente sends to any country: no home region. Never returned by Verigator [S]: an adopted user may
    // leave it out (requiredOnCreate), and declaring it later re-registers the user.
    /**
     * The phone number Verigator sends codes to, in any spelling: international (`+372 5551 2345`, `00372…`) or
     * national, read in the stack's `telephony:defaultRegion`. It must be a number of its country's numbering plan (a
     * code must reach it). Stored and sent in E.164 (`+37255512345`), as Verigator's docs ask. Verigator never returns
     * it, so a change made outside Pulumi cannot be detected: the value in state is the declared one. Required to create
     * a user; with `adopt: true` it may be left out (the user keeps its number). Declaring it on such a user later
     * replaces the user (Verigator cannot change a number in place).
     */
    phoneNumber: phoneNumber((t) => t.z.string({ error: "must be a string" }).optional(), { plan: "valid" }, {
        replaceOnChange: true,
        observable: false,
        requiredOnCreate: true,
        tags: ["unique-number"],
    }),

    /** Verigator's id of the user (a uuid); the resource id is `serviceId/userId`. */
    userId: computed((t) => t.z.string()),
    /** When Verigator created the user, as Verigator formats it. */
    ctime: computed((t) => t.z.string()),
};
