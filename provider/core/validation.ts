import type * as Zod from "zod";
import { Attributes, InputAttribute, exactlyOneGroupsOf, inputsOf, phoneRulesOf, requiredOnCreateOf, secretInputsOf } from "./attributes";
import { NumberRule, StackRegion, parseNumber, planRule } from "./phone-number";
import { show } from "./secrets";
import { TypeKit, typeKit } from "./type-kit";

/** The engine's placeholder for a value not known until apply (inputs in `preview`). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export function isUnknown(v: unknown): boolean {
    if (v === UNKNOWN) return true;
    if (Array.isArray(v)) return v.some(isUnknown);
    if (v && typeof v === "object") return Object.values(v).some(isUnknown);
    return false;
}

export interface Failure {
    property: string;
    reason: string;
}

/**
 * A cross-property rule, such as "exactly one of number and numberId". `present(k)` is true for a known
 * value and for an unknown one: during preview an unknown input still counts as given.
 */
export type Rule = (present: (k: string) => boolean, values: Record<string, unknown>) => Failure | undefined;

export function exactlyOne(a: string, b: string): Rule {
    return (present) => {
        const n = Number(present(a)) + Number(present(b));
        if (n === 1) return undefined;
        return {
            property: n === 0 ? a : b,
            reason: n === 0 ? `one of ${a} or ${b} is required (rule: exactly one of ${a}, ${b})` : `${a} and ${b} are both set; give exactly one (rule: exactly one of ${a}, ${b})`,
        };
    };
}

type InputKeys<A> = { [K in keyof A]: A[K] extends InputAttribute ? K : never }[keyof A];
/** An input attribute's value as its schema outputs it (after normalizing transforms). */
type ValueOf<A> = A extends InputAttribute<infer T> ? Zod.output<T> : never;
type RequiredKeys<A> = { [K in InputKeys<A>]-?: undefined extends ValueOf<A[K]> ? never : K }[InputKeys<A>];

/**
 * The declared inputs an adapter receives, typed from its resource's attributes: each as its schema outputs it,
 * optional unless the schema requires it. (The public `…Args` are the schema's input side: `ArgsOf` in
 * core/resource.ts.)
 */
export type InputsOf<A> = {
    [K in keyof A as K extends RequiredKeys<A> ? K : never]: ValueOf<A[K]>;
} & {
    [K in keyof A as K extends InputKeys<A> ? (K extends RequiredKeys<A> ? never : K) : never]?: Exclude<ValueOf<A[K]>, undefined>;
};

export interface InputSchema {
    /** One zod schema per input property. Required properties are those whose schema rejects undefined. */
    fields: Record<string, Zod.ZodType>;
    /** Cross-property rules. */
    rules?: Rule[];
    /** Properties whose values are secret: never shown in a failure. */
    secret?: readonly string[];
    /**
     * Properties a new object needs (the vendor requires them on create) that an adopted object may leave
     * out: its current value is kept untouched. Write-only and unobservable ones (passwords) belong here, so
     * `pulumi-telephony export` can declare existing objects without knowing them. Their field schemas are
     * optional; `requiredOnCreate` below enforces them.
     */
    requiredOnCreate?: readonly string[];
    /** The form a property is stored in, where it is not the value as given (a host name lowercased). */
    stored?: Record<string, (value: unknown) => unknown>;
    /** Phone-number properties and their rules: parsed after their type's check, stored in E.164 (core/phone-number.ts). */
    numbers?: Record<string, NumberRule>;
}

const types = new WeakMap<object, Zod.ZodType>();
/** The zod schema of an attribute: its type function, called once. */
export function typeOf(attr: { type: (t: TypeKit) => Zod.ZodType }): Zod.ZodType {
    let t = types.get(attr);
    if (!t) types.set(attr, (t = attr.type(typeKit())));
    return t;
}

/** Whether an input is required by its type (its schema rejects undefined), as opposed to optional or required only to create. */
export function isRequired(attr: InputAttribute): boolean {
    return !typeOf(attr).safeParse(undefined).success;
}

/**
 * The validation schema of a resource, derived from its attributes: a field per input, its secrets, what a new
 * object needs, what is stored normalized and a rule per exactly-one group. `rules`: further cross-property rules;
 * `fields`: stricter types in place of declared ones (SipUser's create-time login rule).
 */
export function schemaOf(attrs: Attributes, opts: { rules?: Rule[]; fields?: Record<string, Zod.ZodType> } = {}): InputSchema {
    const fields: Record<string, Zod.ZodType> = {};
    const stored: Record<string, (value: unknown) => unknown> = {};
    for (const k of inputsOf(attrs)) {
        const a = attrs[k] as InputAttribute;
        fields[k] = opts.fields?.[k] ?? typeOf(a);
        if (a.storeNormalized && a.normalize) stored[k] = a.normalize;
    }
    const exactlyOneRules = exactlyOneGroupsOf(attrs).map((group) => {
        if (group.length !== 2) throw new Error(`an exactly-one group has two members, not ${group.join(", ")}`);
        return exactlyOne(group[0], group[1]);
    });
    return { fields, rules: [...exactlyOneRules, ...(opts.rules ?? [])], secret: secretInputsOf(attrs), requiredOnCreate: requiredOnCreateOf(attrs), stored, numbers: phoneRulesOf(attrs) };
}

/**
 * The rule for `requiredOnCreate`, in one place. `creating`: the object is new to the stack (no old inputs).
 * `adopt: true` (or not yet known) may leave these properties out; the reconciler refuses a create that still
 * lacks them (the object to adopt was not found), and a replacement that would need them.
 */
export function missingOnCreate(schema: InputSchema, inputs: Record<string, unknown>): string[] {
    return (schema.requiredOnCreate ?? []).filter((k) => inputs[k] === undefined || inputs[k] === null);
}

function requiredOnCreateFailures(schema: InputSchema, news: Record<string, unknown>, creating: boolean): Failure[] {
    if (!creating || news.adopt === true || isUnknown(news.adopt)) return [];
    return missingOnCreate(schema, news).map((k) => ({
        property: k,
        reason: `${k} is required to create a new object (rule: required unless adopting an existing one with \`adopt: true\`, which keeps its current value)`,
    }));
}

/**
 * Validates inputs property by property, one failure per bad property naming the rule and the value
 * (masked when secret). Unknown values are accepted as they are and validated again at apply.
 * Returns the normalized inputs (zod's output for known values; a phone number's E.164 form, national forms read in
 * `region`'s region). `creating` applies `requiredOnCreate`.
 */
export function validate(schema: InputSchema, news: Record<string, unknown>, creating = false, region: StackRegion = {}): { inputs: Record<string, unknown>; failures: Failure[] } {
    const failures: Failure[] = requiredOnCreateFailures(schema, news, creating);
    const inputs: Record<string, unknown> = { ...news };
    const secret = new Set(schema.secret ?? []);
    for (const [key, fieldSchema] of Object.entries(schema.fields)) {
        const value = news[key];
        if (isUnknown(value)) continue;
        const r = fieldSchema.safeParse(value === null ? undefined : value);
        const number = schema.numbers?.[key];
        if (r.success && number && typeof r.data === "string") {
            const p = parseNumber(r.data, number, region);
            if (p.ok) inputs[key] = p.e164;
            else failures.push({ property: key, reason: `${key} must be ${planRule(number.plan)}: ${p.reason}; got ${show(value, secret.has(key))}` });
            continue;
        }
        if (r.success) {
            if (r.data === undefined) delete inputs[key];
            else inputs[key] = schema.stored?.[key] ? schema.stored[key](r.data) : r.data;
            continue;
        }
        const issue = r.error.issues[0];
        const rule = value === undefined || value === null ? "required" : issue.message;
        failures.push({
            // The engine prints the input value of a failure's property, secret or not
            // (pulumi step_generator issueCheckFailures): a secret property is named in the reason only.
            property: secret.has(key) ? "" : key,
            reason: value === undefined || value === null ? `${key} is required` : `${key} ${rule}; got ${show(value, secret.has(key))}`,
        });
    }
    for (const key of Object.keys(news)) {
        if (!(key in schema.fields) && !key.startsWith("__") && key !== "adopt") {
            failures.push({ property: key, reason: `${key} is not a property of this resource` });
        }
    }
    const present = (k: string) => news[k] !== undefined && news[k] !== null;
    for (const rule of schema.rules ?? []) {
        const f = rule(present, news);
        if (f) failures.push(f);
    }
    if (news.adopt !== undefined && !isUnknown(news.adopt) && typeof news.adopt !== "boolean") {
        failures.push({ property: "adopt", reason: `adopt must be a boolean; got ${show(news.adopt, false)}` });
    }
    return { inputs, failures };
}
