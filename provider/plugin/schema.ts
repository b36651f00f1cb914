/**
 * The provider plugin's Pulumi package schema. Each resource's part — its properties' types, descriptions, required
 * ones, secrets, replace-on-change and outputs, its description — is what core/pulumi-schema.ts derives from its
 * attribute declarations, the one derivation the README tables, the typings and the policy pack share. The plugin adds
 * only what is its own: how `pulumi import` names an object of each kind (the adapter's `importId`), the
 * configuration (config.ts), and the package's name, version and language settings.
 */
import * as fs from "fs";
import * as path from "path";
import { secretInputsOf, unobservableOf } from "../core/attributes";
import type { ResourceDescriptor } from "../core/descriptor";
import { resourceSchema } from "../core/pulumi-schema";
import { RESOURCES } from "../registry";
import { personSchema } from "../person/schema";
import { CONFIG_KEYS } from "./config";
import { PACKAGE } from "./tokens";

/** The package version: the plugin's is the package's. */
export function packageVersion(): string {
    return JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "..", "package.json"), "utf8")).version;
}

/**
 * The section Pulumi's docs generators show after a resource's description: its import id and examples, what an
 * import does not read (secrets are write-only; some properties the vendor never shows), or why it cannot be imported.
 */
export function importSection(d: ResourceDescriptor, token: string): string {
    const how = d.loadAdapter().importId ?? "";
    if (typeof how === "string") return `## Import\n\nNot supported${how ? `: ${how}` : ""}.`;
    const list = (ks: string[]) => ks.map((k) => `\`${k}\``).join(", ");
    const secret = secretInputsOf(d.attributes);
    const unobservable = unobservableOf(d.attributes).filter((k) => !secret.includes(k));
    const caveats = [
        ...(secret.length ? [`${list(secret)} ${secret.length > 1 ? "are" : "is"} never read back: the object keeps its value until the program declares one.`] : []),
        ...(unobservable.length ? [`${list(unobservable)} cannot be read from the vendor, so ${unobservable.length > 1 ? "they are" : "it is"} not imported (the current values are kept).`] : []),
    ];
    const examples = how.format.split(" or ").map((id) => `$ pulumi import ${token} <name> '${id}'`);
    return `## Import\n\nThe id is \`${how.format}\`.${caveats.map((c) => ` ${c}`).join("")}\n\n\`\`\`sh\n${examples.join("\n")}\n\`\`\``;
}

const configSpec = () =>
    Object.fromEntries(
        CONFIG_KEYS.map((k) => [k.key, { type: "string", description: k.env ? `${k.description} Environment variable: \`${k.env}\`.` : k.description, ...(k.secret ? { secret: true } : {}) }]),
    );

/** The package schema, as `GetSchema` serves it and `pulumi package get-schema` prints it. */
export function packageSchema(resources: readonly ResourceDescriptor[] = RESOURCES): Record<string, unknown> {
    const specs: Record<string, unknown> = {};
    const types: Record<string, unknown> = {};
    for (const d of resources) {
        const { token, resource, types: own } = resourceSchema(d, PACKAGE);
        const description = [resource.description, importSection(d, token)].filter(Boolean).join("\n\n");
        specs[token] = { ...resource, description };
        for (const [t, spec] of Object.entries(own)) {
            if (t in types) throw new Error(`two resources declare the object type ${t}`);
            types[t] = spec;
        }
    }
    // The Person component, served through `construct` (provider.ts): its sections' types reuse the resources' own.
    const person = personSchema(PACKAGE);
    specs[person.token] = person.component;
    for (const [t, spec] of Object.entries(person.types)) {
        if (t in types) throw new Error(`two schema entries declare the object type ${t}`);
        types[t] = spec;
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
        resources: specs,
        types,
        language: {
            python: { packageName: "pulumi_telephony", requires: { pulumi: ">=3.0.0,<4.0.0" }, respectSchemaVersion: true },
            go: { generateResourceContainerTypes: true, respectSchemaVersion: true },
        },
    };
}
