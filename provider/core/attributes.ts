/**
 * A resource's attributes, each declared once with its meaning (as the Terraform plugin framework declares a
 * schema attribute): whether it is an input or a computed output, its type (a zod schema: the check at preview),
 * whether it is secret, replaces the object when it changes, can be read back from the vendor, how its values
 * compare, and what it means to the policy pack (a phone number, a login, a password). Everything else is derived
 * from the declarations: the `…Args` and output typings (core/resource.ts), the descriptor's secrets and outputs,
 * the reconciler's replace and not-observable sets, the README tables, the policy pack's per-kind facts and the
 * Pulumi package schema. The TSDoc written on a declaration is its description: what an IDE shows, and (copied by
 * the build into `schema.docs.json` beside the compiled file, see scripts/attribute-docs.js) what the README and the
 * schema say.
 *
 * Light on purpose: a declaration holds its zod type as a function, called on first validation, so declaring the
 * resources (what a Pulumi program loads) loads neither zod nor any vendor code.
 */
import type * as Zod from "zod";
import { NumberRule, StackRegion, canonicalNumber } from "./phone-number";
import type { TypeKit } from "./type-kit";

/** What a declaration's type function receives: zod itself and the rule-phrased helpers of core/type-kit.ts. */
export type { TypeKit };

/**
 * What an attribute means beyond its type, for the policy pack and the schema:
 * - `phone-number`: a phone number, parsed, checked and stored by its declared `phone` rule (core/phone-number.ts):
 *   declared with {@link phoneNumber}, which sets both;
 * - `unique-number`: with `phone-number`, a number only one object may hold (an assignment, a user's own phone): the
 *   policy pack flags one declared twice in a stack, whatever the spellings;
 * - `login`: the name a person signs in with (a password must differ from it; offboarding lists name it);
 * - `password`: a password (the policy pack checks its strength without showing it);
 * - `assignee`: names the user a number is assigned to;
 * - `blocked`: true when the user is blocked;
 * - `international-calling`: true when the user may call abroad.
 */
export type Tag = "phone-number" | "unique-number" | "login" | "password" | "assignee" | "blocked" | "international-calling";

interface Meaning {
    /** Secret: always stored encrypted (an input is wrapped in `pulumi.secret` whatever the program passed), never shown. */
    secret?: boolean;
    tags?: readonly Tag[];
}

export interface InputMeaning extends Meaning {
    /** Changing it replaces the object (create-only or identity properties: Terraform's RequiresReplace). */
    replaceOnChange?: boolean;
    /**
     * False when the vendor's read never shows it (write-only fields): `read` carries the declared value from state,
     * drift reports list it as unchecked, and `export` leaves it out. Default true. An object-dependent exception
     * (a SIP domain user's password) is the adapter's `unobservableIn`.
     */
    observable?: boolean;
    /**
     * Needed to create a new object, but may be left out with `adopt: true` (the adopted object keeps its value):
     * the type is optional, and `check` requires it of a new object only.
     */
    requiredOnCreate?: boolean;
    /** The form its values compare in (case, order, formatting), so equal values never show as a diff. */
    normalize?: (value: unknown) => unknown;
    /** With `normalize`: the value is also stored in that form (`check` hands the provider the normalized value). */
    storeNormalized?: boolean;
    /**
     * A group name: exactly one of the inputs of the group must be given (Terraform's ExactlyOneOf), checked at
     * preview. Each member is a property of the resource even when the program gives the other one.
     */
    exactlyOneOf?: string;
    /**
     * A phone number (tagged `phone-number`): how strictly it is judged and where national forms are read
     * (core/phone-number.ts). `check` stores its E.164 form; `diff` and `read` compare every spelling in that form.
     */
    phone?: NumberRule;
}

export interface InputAttribute<T extends Zod.ZodType = Zod.ZodType> extends InputMeaning {
    io: "input";
    /** The check at preview, as a zod schema: an attribute whose schema rejects `undefined` is required. */
    type: (t: TypeKit) => T;
}

export interface ComputedAttribute<T extends Zod.ZodType = Zod.ZodType> extends Meaning {
    io: "computed";
    /** What the vendor gives (the output's type). Never an input's name: outputs are compared with inputs by name. */
    type: (t: TypeKit) => T;
}

export type Attribute = InputAttribute | ComputedAttribute;
export type Attributes = Record<string, Attribute>;

/**
 * What an adapter's `computed` returns, typed from the declarations: every computed output, by its declared name and
 * type, and nothing else (a vendor may leave one out: undefined, which the reconciler drops). Writing the adapter's
 * `computed(live): ComputedOf<typeof attributes>` has the compiler hold the mapping to the declarations.
 */
export type ComputedOf<A> = {
    [K in keyof A as A[K] extends ComputedAttribute ? K : never]: (A[K] extends ComputedAttribute<infer T> ? Zod.output<T> : never) | undefined;
};

/** An input property: its type and what it means. */
export function input<T extends Zod.ZodType>(type: (t: TypeKit) => T, meaning: InputMeaning = {}): InputAttribute<T> {
    return { io: "input", type, ...meaning };
}

/**
 * A phone-number input: a string parsed by `rule` (its spellings compared and stored as E.164), tagged `phone-number`.
 * `type` is the text's zod type (optional or not); the number rule needs the stack's region, so `check` applies it.
 */
export function phoneNumber<T extends Zod.ZodType>(type: (t: TypeKit) => T, rule: NumberRule, meaning: Omit<InputMeaning, "phone" | "normalize" | "storeNormalized"> = {}): InputAttribute<T> {
    return { io: "input", type, ...meaning, phone: rule, tags: ["phone-number", ...(meaning.tags ?? [])] };
}

/** An output the vendor computes (ids, digests, timestamps). */
export function computed<T extends Zod.ZodType>(type: (t: TypeKit) => T, meaning: Meaning = {}): ComputedAttribute<T> {
    return { io: "computed", type, ...meaning };
}

const keys = (attrs: Attributes, keep: (a: Attribute) => boolean) => Object.keys(attrs).filter((k) => keep(attrs[k]));
const isInput = (a: Attribute): a is InputAttribute => a.io === "input";

/** The input properties, in declaration order. */
export const inputsOf = (attrs: Attributes) => keys(attrs, isInput);
/** The computed outputs, in declaration order. */
export const computedOf = (attrs: Attributes) => keys(attrs, (a) => a.io === "computed");
/** Inputs that are always stored as secrets. */
export const secretInputsOf = (attrs: Attributes) => keys(attrs, (a) => isInput(a) && !!a.secret);
/** Computed outputs that are secrets (SIP digests). */
export const secretOutputsOf = (attrs: Attributes) => keys(attrs, (a) => a.io === "computed" && !!a.secret);
/** Inputs whose change replaces the object. */
export const replaceOnChangeOf = (attrs: Attributes) => keys(attrs, (a) => isInput(a) && !!a.replaceOnChange);
/** Inputs the vendor never shows. */
export const unobservableOf = (attrs: Attributes) => keys(attrs, (a) => isInput(a) && a.observable === false);
/** Inputs a new object needs and an adopted one may leave out. */
export const requiredOnCreateOf = (attrs: Attributes) => keys(attrs, (a) => isInput(a) && !!a.requiredOnCreate);
/** The exactly-one groups, each the inputs that name it, in declaration order. */
export function exactlyOneGroupsOf(attrs: Attributes): string[][] {
    const groups = new Map<string, string[]>();
    for (const k of inputsOf(attrs)) {
        const g = (attrs[k] as InputAttribute).exactlyOneOf;
        if (g !== undefined) groups.set(g, [...(groups.get(g) ?? []), k]);
    }
    return [...groups.values()];
}
/** Attributes carrying every one of `tags`. */
export const taggedOf = (attrs: Attributes, ...tags: Tag[]) => keys(attrs, (a) => tags.every((t) => a.tags?.includes(t)));

/** Phone-number inputs and their rules. */
export function phoneRulesOf(attrs: Attributes): Record<string, NumberRule> {
    return Object.fromEntries(inputsOf(attrs).flatMap((k) => ((attrs[k] as InputAttribute).phone ? [[k, (attrs[k] as InputAttribute).phone!]] : [])));
}

/**
 * The comparison form of a property's value: a phone number's E.164 form (national forms read in `stack`'s region),
 * else its declared `normalize`, else the value itself.
 */
export function normalized(attrs: Attributes, key: string, value: unknown, stack?: StackRegion): unknown {
    const a = attrs[key];
    if (!a || !isInput(a)) return value;
    if (a.phone) return canonicalNumber(value, a.phone, stack);
    return a.normalize ? a.normalize(value) : value;
}

// Normalizers several resources share.

/** Text compared case-insensitively (host names, email addresses). */
export const lowercase = (v: unknown) => (typeof v === "string" ? v.toLowerCase() : v);
/** A list of ids the vendor treats as a set: numbers, in any order. */
export const sortedNumbers = (v: unknown) => (Array.isArray(v) ? v.map(Number).sort((a, b) => a - b) : v);
/** A list of names the vendor treats as a set: strings, in any order. */
export const sortedStrings = (v: unknown) => (Array.isArray(v) ? v.map(String).sort() : v);
/** A number the program may give as a string of digits. */
export const toNumber = (v: unknown) => Number(v);
