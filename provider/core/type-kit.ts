/**
 * What an attribute's type function receives (core/attributes.ts): zod, loaded on first use, and zod schemas whose
 * messages are phrased as rules ("must be …"), so a failure reads "login must be 7 to 15 characters". Beneath both
 * the declarations and their validation (core/validation.ts), so neither imports the other's way round.
 */
import type * as Zod from "zod";

/**
 * zod, loaded on first use. Nothing here loads it at import time, so the attribute declarations and the rules below
 * cost a Pulumi program nothing until a value is validated, which only the provider does.
 */
export function zod(): typeof Zod.z {
    return (require("zod") as typeof Zod).z;
}

/** zod schemas with their error messages phrased as rules. */
export const rules = {
    string(min: number, max: number) {
        return zod().string({ error: "must be a string" }).min(min, { error: `must be ${min} to ${max} characters` }).max(max, { error: `must be ${min} to ${max} characters` });
    },
    uuid() {
        return zod().string({ error: "must be a string" }).regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, { error: "must be a lowercase UUID (8-4-4-4-12 hex digits)" });
    },
    bool() {
        return zod().boolean({ error: "must be a boolean" });
    },
};

/** What a declaration's type function receives: zod itself and the rule-phrased helpers above. */
export type TypeKit = typeof rules & { z: typeof Zod.z };

let kit: TypeKit | undefined;
/** The kit, made on first use (zod is loaded then). */
export function typeKit(): TypeKit {
    return (kit ??= { ...rules, z: zod() });
}
