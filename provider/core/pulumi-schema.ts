/**
 * A resource's part of a Pulumi package schema (https://www.pulumi.com/docs/iac/using-pulumi/extending-pulumi/schema/),
 * derived from its attribute declarations: each property's type (from its zod schema), description (its TSDoc),
 * whether it is required, secret or replaces the object, and the outputs; the resource's description is its class's
 * TSDoc, and `adopt` (every resource's option, `AdoptArgs`) is an input with its TSDoc. What the provider plugin's
 * `GetSchema` serves (provider/plugin/schema.ts adds the package around it); nothing here is written per resource.
 */
import type * as Zod from "zod";
import { Attribute, InputAttribute, inputsOf, replaceOnChangeOf } from "./attributes";
import { AttributeDoc, ResourceDescriptor, descriptionOf, docsOf } from "./descriptor";
import { zod } from "./type-kit";
import { isRequired, typeOf } from "./validation";

/** A property's type and meaning, as the schema's PropertySpec has them. */
export interface PropertySpec {
    type?: "string" | "integer" | "number" | "boolean" | "array";
    items?: PropertySpec;
    oneOf?: PropertySpec[];
    $ref?: string;
    description?: string;
    default?: unknown;
    secret?: boolean;
    willReplaceOnChanges?: boolean;
    deprecationMessage?: string;
}

/** An object type a property uses (schema `types`), referred to as `#/types/<token>`. */
export interface ObjectTypeSpec {
    type: "object";
    properties: Record<string, PropertySpec>;
    required?: string[];
}

export interface ResourceSpec {
    description?: string;
    properties: Record<string, PropertySpec>;
    required: string[];
    inputProperties: Record<string, PropertySpec>;
    requiredInputs: string[];
}

/** The resource's type token: `telephony:opentact:SipUser`, `telephony:smartflo:User`. */
export function tokenOf(d: ResourceDescriptor, pkg = "telephony"): string {
    return `${pkg}:${d.vendor}:${d.name}`;
}

type JsonSchema = {
    type?: string;
    items?: JsonSchema;
    anyOf?: JsonSchema[];
    properties?: Record<string, JsonSchema>;
    required?: string[];
    default?: unknown;
};

const ANY: PropertySpec = { $ref: "pulumi.json#/Any" };
const PRIMITIVES = new Set(["string", "integer", "number", "boolean"]);

/**
 * A zod schema's JSON Schema (the side a program writes, or the side state holds) as a schema type. Enumerations
 * and lengths stay in the description and in `check`; alternatives of one type collapse into it (`0 | 1 | 2`).
 */
function typeSpec(js: JsonSchema, typeToken: string, types: Record<string, ObjectTypeSpec>): PropertySpec {
    if (js.anyOf) {
        const members = js.anyOf.map((m, i) => typeSpec(m, `${typeToken}${i}`, types));
        const distinct = [...new Map(members.map((m) => [JSON.stringify(m), m])).values()];
        return distinct.length === 1 ? distinct[0] : { oneOf: distinct };
    }
    if (js.type === "array") return { type: "array", items: js.items ? typeSpec(js.items, typeToken, types) : ANY };
    if (js.type === "object" && js.properties) {
        const properties = Object.fromEntries(Object.entries(js.properties).map(([k, v]) => [k, typeSpec(v, `${typeToken}${pascal(k)}`, types)]));
        types[typeToken] = { type: "object", properties, ...(js.required?.length ? { required: js.required } : {}) };
        return { $ref: `#/types/${typeToken}` };
    }
    if (js.type && PRIMITIVES.has(js.type)) return { type: js.type as PropertySpec["type"] };
    return ANY;
}

const pascal = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The TSDoc of the options every resource accepts (`AdoptArgs`, core/resource.ts), as the build copied it. */
function optionDocs(): Readonly<Record<string, AttributeDoc>> {
    return require("./resource.docs.json");
}

function jsonSchema(t: Zod.ZodType, io: "input" | "output"): JsonSchema {
    return zod().toJSONSchema(t, { io, unrepresentable: "any" }) as JsonSchema;
}

/**
 * The resource's spec and the object types it uses. Inputs: every input attribute, required when its type is
 * (those required only to create are optional: `adopt` may leave them out), and `adopt`. Outputs: every attribute
 * but those that only refuse a value; required only where the input is, since a vendor may omit what it computes.
 */
export function resourceSchema(d: ResourceDescriptor, pkg = "telephony"): { token: string; resource: ResourceSpec; types: Record<string, ObjectTypeSpec> } {
    const token = tokenOf(d, pkg);
    const docs = docsOf(d);
    const types: Record<string, ObjectTypeSpec> = {};
    const replace = new Set(replaceOnChangeOf(d.attributes));
    const property = (k: string, a: Attribute, io: "input" | "output"): PropertySpec => {
        const js = jsonSchema(typeOf(a), io);
        const doc = docs[k];
        return {
            ...typeSpec(js, `${token}${pascal(k)}`, types),
            ...(doc.description ? { description: doc.description } : {}),
            ...(io === "input" && js.default !== undefined ? { default: js.default } : {}),
            ...(a.secret ? { secret: true } : {}),
            ...(replace.has(k) ? { willReplaceOnChanges: true } : {}),
            ...(doc.deprecated !== undefined ? { deprecationMessage: doc.deprecated } : {}),
        };
    };
    const inputs = inputsOf(d.attributes);
    const requiredInputs = inputs.filter((k) => isRequired(d.attributes[k] as InputAttribute));
    const inputProperties: Record<string, PropertySpec> = Object.fromEntries(inputs.map((k) => [k, property(k, d.attributes[k], "input")]));
    // An option, not a property of the object: an input only.
    inputProperties.adopt = { type: "boolean", description: optionDocs().adopt.description };
    // An input that only refuses a value (`z.undefined()`, naming its replacement) never has one to output.
    const outputs = Object.keys(d.attributes).filter((k) => typeOf(d.attributes[k]).def.type !== "undefined");
    const properties = Object.fromEntries(outputs.map((k) => [k, property(k, d.attributes[k], "output")]));
    const description = descriptionOf(d);
    return { token, resource: { ...(description ? { description } : {}), properties, required: requiredInputs, inputProperties, requiredInputs }, types };
}
