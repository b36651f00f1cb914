/**
 * The provider plugin's Pulumi package schema, derived — never written by hand — from what the package already
 * declares about each resource, so the plugin, the dynamic resources, the README and the generated SDKs say the same.
 *
 * Today the facts come from four places, gathered by one function, {@link resourceFacts}:
 * - the inputs, their types and which are required: each resource's zod fields (`schema.ts`);
 * - secrets and computed outputs: the descriptor (`secretInputs`, `secretOutputs`, `outputs`);
 * - replace-on-change: the adapter's `replaceOn`; import ids: the adapter's `importId`;
 * - descriptions and computed outputs' types: the TSDoc of the typings, generated into `docs.ts`.
 * When fields carry their meaning themselves, only `resourceFacts` changes.
 */
import * as fs from "fs";
import * as path from "path";
import type { z } from "zod";
import { computedOf, secretInputsOf, secretOutputsOf } from "../core/attributes";
import type { ResourceDescriptor } from "../core/descriptor";
import type { ImportIdFormat } from "../core/reconciler";
import { RESOURCES } from "../registry";
import { CONFIG_KEYS } from "./config";
import { DOCS } from "./docs";
import { PACKAGE, tokenOf } from "./tokens";

/** A Pulumi schema type: a primitive, an array, or a reference to an object type in `types`. */
export type TypeSpec =
    | { type: "string" | "integer" | "number" | "boolean" }
    | { type: "array"; items: TypeSpec }
    | { $ref: string };

export interface PropertySpec {
    type?: string;
    items?: TypeSpec;
    $ref?: string;
    description?: string;
    secret?: boolean;
    willReplaceOnChanges?: boolean;
    deprecationMessage?: string;
}

/** What the schema says about one property of a resource. */
export interface PropertyFacts {
    name: string;
    type: TypeSpec;
    description: string;
    /** An input the program declares (else a computed output only). */
    input: boolean;
    /** Present in the resource's outputs (every input but a refused one, and every computed output). */
    output: boolean;
    /** Required input (inputs), or always present (outputs). */
    required: boolean;
    secret: boolean;
    replaceOnChanges: boolean;
    deprecated?: string;
}

export interface ResourceFacts {
    kind: string;
    token: string;
    description: string;
    properties: PropertyFacts[];
    /** Object types the properties refer to, by token (`telephony:smartflo:UserForCdr`). */
    types: Record<string, { type: "object"; description?: string; properties: Record<string, PropertySpec>; required?: string[] }>;
    /** How `pulumi import` names an object, or why it cannot. */
    importId: ImportIdFormat | string;
    /** Inputs an import cannot read: secrets (write-only) and those the vendor never shows. */
    notImported: { secret: string[]; unobservable: string[] };
}

/** The package version: the plugin's is the package's. */
export function packageVersion(): string {
    return JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "..", "package.json"), "utf8")).version;
}

type Zod = z.ZodType & { _zod: { def: any } };

/** `userForCdr` → `UserForCdr`. */
const capitalized = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * The Pulumi type of a zod schema, as a program gives the value: wrappers (optional, default) are looked through;
 * a pipe is its output's type unless that is a transform (then its input's); a union is the type its options
 * share (`0 | 1 | 2` is an integer); an object becomes a named type registered through `named`.
 */
export function typeOfZod(schema: z.ZodType, named: (name: string, object: Zod) => string, name: string): TypeSpec {
    const def = (schema as Zod)._zod.def;
    switch (def.type) {
        case "optional":
        case "default":
        case "nullable":
        case "readonly":
        case "nonoptional":
            return typeOfZod(def.innerType, named, name);
        case "pipe": {
            const out = (def.out as Zod)._zod.def.type;
            return typeOfZod(out === "transform" ? def.in : def.out, named, name);
        }
        case "string":
        case "enum":
        case "undefined":
            return { type: "string" };
        case "boolean":
            return { type: "boolean" };
        case "number":
            return { type: (def.checks ?? []).some((c: Zod) => c._zod.def.format === "safeint" || c._zod.def.format === "int32") ? "integer" : "number" };
        case "literal": {
            const values: unknown[] = def.values;
            if (values.every((v) => Number.isInteger(v))) return { type: "integer" };
            if (values.every((v) => typeof v === "number")) return { type: "number" };
            if (values.every((v) => typeof v === "boolean")) return { type: "boolean" };
            return { type: "string" };
        }
        case "union": {
            const types = (def.options as z.ZodType[]).map((o) => typeOfZod(o, named, name));
            const distinct = [...new Set(types.map((t) => JSON.stringify(t)))];
            if (distinct.length === 1) return types[0];
            // A number that may also be written as a string of digits: the number is the canonical form.
            const numeric = types.find((t) => "type" in t && (t.type === "integer" || t.type === "number"));
            if (numeric) return numeric;
            throw new Error(`${name}: a union of ${distinct.join(", ")} has no Pulumi schema type`);
        }
        case "array":
            return { type: "array", items: typeOfZod(def.element, named, name) };
        case "object":
            return { $ref: `#/types/${named(name, schema as Zod)}` };
        default:
            throw new Error(`${name}: zod type ${def.type} has no Pulumi schema type`);
    }
}

/** Whether a zod field accepts a missing value (then the input is optional). */
const optional = (field: z.ZodType) => field.safeParse(undefined).success;

/** A computed output's schema type from its TypeScript type (`string | null` → string, not always present). */
function typeOfOutput(ts: string): { type: TypeSpec; always: boolean } {
    const parts = ts.split("|").map((p) => p.trim());
    const base = parts.filter((p) => p !== "null" && p !== "undefined");
    if (base.length !== 1 || !["string", "number", "boolean"].includes(base[0])) throw new Error(`an output of TypeScript type ${ts} has no Pulumi schema type`);
    return { type: { type: base[0] as "string" | "number" | "boolean" }, always: base.length === parts.length };
}

/**
 * Everything the schema says about one resource, from today's declarations (see the module comment). The one place
 * to change when the fields declare their own meaning.
 */
export function resourceFacts(d: ResourceDescriptor): ResourceFacts {
    const adapter = d.loadAdapter();
    const docs = DOCS[d.kind];
    if (!docs) throw new Error(`provider/plugin/docs.ts has no documentation for ${d.kind}: regenerate it (node dist/test/plugin-docs.js --write)`);
    const fields = adapter.schema.fields;
    const replaceOn = new Set(adapter.replaceOn({}, {}));
    const secretInputs = secretInputsOf(d.attributes);
    const secret = new Set([...secretInputs, ...secretOutputsOf(d.attributes)]);
    const types: ResourceFacts["types"] = {};
    const named = (name: string, object: Zod): string => {
        const token = `${PACKAGE}:${d.vendor}:${capitalized(name)}`;
        const shape: Record<string, z.ZodType> = object._zod.def.shape;
        const properties: Record<string, PropertySpec> = {};
        for (const [k, f] of Object.entries(shape)) properties[k] = { ...typeOfZod(f, named, `${name}.${k}`) };
        const required = Object.entries(shape).filter(([, f]) => !optional(f)).map(([k]) => k);
        types[token] = { type: "object", description: docs.inputs[name]?.doc, properties, ...(required.length ? { required } : {}) };
        return token;
    };
    const properties: PropertyFacts[] = Object.entries(fields).map(([name, field]) => {
        const refused = (field as Zod)._zod.def.type === "undefined"; // accepted by no value: named only to refuse it
        return {
            name,
            type: typeOfZod(field, named, name),
            description: docs.inputs[name]?.doc ?? "",
            input: true,
            output: !refused,
            required: !optional(field),
            secret: secret.has(name),
            replaceOnChanges: replaceOn.has(name),
            ...(docs.inputs[name]?.deprecated !== undefined ? { deprecated: docs.inputs[name].deprecated } : {}),
        };
    });
    properties.push({
        name: "adopt",
        type: { type: "boolean" },
        description: docs.inputs.adopt?.doc ?? "",
        input: true,
        output: false,
        required: false,
        secret: false,
        replaceOnChanges: false,
    });
    for (const name of computedOf(d.attributes)) {
        const out = docs.outputs[name];
        if (!out) throw new Error(`provider/plugin/docs.ts has no documentation for the output ${d.kind}.${name}: regenerate it`);
        const { type, always } = typeOfOutput(out.type);
        properties.push({ name, type, description: out.doc, input: false, output: true, required: always, secret: secret.has(name), replaceOnChanges: false });
    }
    const notImported = { secret: secretInputs, unobservable: adapter.unobservable.filter((k) => !secretInputs.includes(k)) };
    return { kind: d.kind, token: tokenOf(d), description: docs.resource, properties, types, importId: adapter.importId ?? "", notImported };
}

/** A property as the schema writes it. */
function propertySpec(p: PropertyFacts): PropertySpec {
    return {
        ...p.type,
        ...(p.description ? { description: p.description } : {}),
        ...(p.secret ? { secret: true } : {}),
        ...(p.replaceOnChanges ? { willReplaceOnChanges: true } : {}),
        ...(p.deprecated !== undefined ? { deprecationMessage: p.deprecated } : {}),
    };
}

/** The resource's description, with how to import one (the section Pulumi's docs generators show). */
function resourceDescription(f: ResourceFacts): string {
    const list = (ks: string[]) => ks.map((k) => `\`${k}\``).join(", ");
    const { secret, unobservable } = f.notImported;
    const caveats = [
        ...(secret.length ? [`${list(secret)} ${secret.length > 1 ? "are" : "is"} never read back: the object keeps its value until the program declares one.`] : []),
        ...(unobservable.length ? [`${list(unobservable)} cannot be read from the vendor, so ${unobservable.length > 1 ? "they are" : "it is"} not imported (the current values are kept).`] : []),
    ];
    const how =
        typeof f.importId === "string"
            ? `\n\n## Import\n\nNot supported: ${f.importId}.`
            : `\n\n## Import\n\nThe id is \`${f.importId.format}\`.${caveats.map((c) => ` ${c}`).join("")}\n\n` +
              `\`\`\`sh\n${f.importId.format.split(" or ").map((id) => `$ pulumi import ${f.token} <name> '${id}'`).join("\n")}\n\`\`\``;
    return `${f.description}${how}`;
}

const configSpec = () =>
    Object.fromEntries(
        CONFIG_KEYS.map((k) => [k.key, { type: "string", description: k.env ? `${k.description} Environment variable: \`${k.env}\`.` : k.description, ...(k.secret ? { secret: true } : {}) }]),
    );

/** The package schema, as `GetSchema` serves it and `pulumi package get-schema` prints it. */
export function packageSchema(): Record<string, unknown> {
    const resources: Record<string, unknown> = {};
    const types: Record<string, unknown> = {};
    for (const d of RESOURCES) {
        const f = resourceFacts(d);
        const inputs = f.properties.filter((p) => p.input);
        const outputs = f.properties.filter((p) => p.output);
        resources[f.token] = {
            description: resourceDescription(f),
            properties: Object.fromEntries(outputs.map((p) => [p.name, propertySpec(p)])),
            required: outputs.filter((p) => p.required).map((p) => p.name),
            inputProperties: Object.fromEntries(inputs.map((p) => [p.name, propertySpec(p)])),
            requiredInputs: inputs.filter((p) => p.required).map((p) => p.name),
        };
        for (const [token, t] of Object.entries(f.types)) {
            if (token in types) throw new Error(`two resources of ${d.vendor} declare the object type ${token}`);
            types[token] = t;
        }
    }
    return {
        name: PACKAGE,
        displayName: "Telephony",
        version: packageVersion(),
        description:
            "Telephony state as code: OpenTact SIP users, Tata Smartflo agents, IPPanel number assignments, Amazon Chime user numbers and Messente Verigator users.",
        keywords: ["pulumi", "telephony", "opentact", "smartflo", "ippanel", "chime", "verigator", "category/utility"],
        license: "Apache-2.0",
        publisher: "pulumi-telephony",
        meta: { moduleFormat: "(.*)" },
        config: { variables: configSpec() },
        provider: {
            description:
                "The telephony provider. Without an explicit instance, resources use the stack's `telephony:*` configuration; an explicit " +
                "`pulumi:providers:telephony` takes its own settings (each unset one falls back to its environment variable).",
            inputProperties: configSpec(),
        },
        resources,
        types,
        language: {
            python: { packageName: "pulumi_telephony", requires: { pulumi: ">=3.0.0,<4.0.0" }, respectSchemaVersion: true },
            go: { generateResourceContainerTypes: true, respectSchemaVersion: true },
        },
    };
}
