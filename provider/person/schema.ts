/**
 * The Person component's part of the provider plugin's package schema (`telephony:index:Person`, `isComponent`), so
 * YAML and every other language can declare a person: its own fields, and one object type per section whose
 * properties are the section's keys with the specs (type, description, secret) of the resource properties they set —
 * derived from the same attribute declarations as the resources' own schema (core/pulumi-schema.ts).
 */
import { ObjectTypeSpec, PropertySpec, resourceSchema } from "../core/pulumi-schema";
import { PERSON_STATUSES, PERSON_TYPE, SECTIONS, propertyOf, sectionKeys } from "./sections";

const pascal = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export interface ComponentSpec {
    isComponent: true;
    description: string;
    properties: Record<string, PropertySpec>;
    required: string[];
    inputProperties: Record<string, PropertySpec>;
}

/** The component's spec and the object types of its sections (`telephony:index:PersonSip`, …). */
export function personSchema(pkg = "telephony"): { token: string; component: ComponentSpec; types: Record<string, ObjectTypeSpec> } {
    const types: Record<string, ObjectTypeSpec> = {};
    const sections: Record<string, PropertySpec> = {};
    for (const section of SECTIONS) {
        const { resource } = resourceSchema(section.descriptor, pkg);
        const token = `${pkg}:index:Person${pascal(section.key === "numbers" ? "number" : section.key)}`;
        const properties: Record<string, PropertySpec> = {};
        for (const key of sectionKeys(section)) {
            const spec = resource.inputProperties[propertyOf(section, key)];
            if (spec && !spec.deprecationMessage) properties[key] = spec;
        }
        for (const [key, value] of Object.entries(section.defaults ?? {})) if (properties[key]) properties[key] = { ...properties[key], default: value };
        types[token] = { type: "object", properties };
        const ref = { $ref: `#/types/${token}` };
        const what = `The person's ${section.noun}${section.list ? "s" : ""} (\`${section.descriptor.vendor}.${section.descriptor.name}\`): its properties; those the person gives (login, name, e-mail, password, the agent's \`blocked\`) default to the person's.`;
        sections[section.key] = section.list ? { type: "array", items: ref, description: what } : { ...ref, description: what };
    }
    const inputProperties: Record<string, PropertySpec> = {
        login: { type: "string", description: "The login on every vendor (SIP login, Smartflo login id, Verigator id in service). Default: the resource name." },
        name: { type: "string", description: "The display name: Smartflo's name; the SIP user's first name (every word but the last) and last name (the last word)." },
        email: { type: "string", description: "The e-mail address (Smartflo's, the SIP user's)." },
        password: { type: "string", secret: true, description: "The password where a vendor needs one (SIP user, Smartflo web login); always stored as a secret." },
        status: {
            type: "string",
            default: "active",
            description: `${PERSON_STATUSES.join(" or ")}: suspended blocks the Smartflo agent and releases every number (IPPanel, Chime, Verigator), keeping the logins. A plain value.`,
        },
        adopt: { type: "boolean", description: "Take over the person's existing objects instead of failing: every child adopts." },
        ...sections,
    };
    const component: ComponentSpec = {
        isComponent: true,
        description:
            "One person across the vendors: the SIP user, contact-centre agent, IPPanel numbers, Chime number and Verigator registration of one login, " +
            "as children named after the person; numbers are released before the users that hold them are removed. Sections and numbers are plain values.",
        properties: { login: { type: "string", description: "The login on every vendor." }, status: { type: "string", description: "active or suspended." } },
        required: ["login", "status"],
        // Nothing is required (the login defaults to the name); an empty `requiredInputs` is left out, as Pulumi prints schemas.
        inputProperties,
    };
    return { token: PERSON_TYPE.replace(/^telephony:/, `${pkg}:`), component, types };
}
