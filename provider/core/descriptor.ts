/**
 * What a resource folder tells the rest of the package about its resource. Light on purpose (no SDK, no zod, no
 * Pulumi): the registry, the runtime, the CLI and the sandbox read descriptors without loading any vendor code.
 */
import type * as Zod from "zod";
import type { Attributes, TypeKit } from "./attributes";
import type { Adapter } from "./reconciler";
import type { ProviderContext } from "./context";
import type { Rule } from "./validation";

/** Stack config values, as `pulumi config set` takes them. */
export type StackConfig = Record<string, { value: string; secret?: boolean }>;

/**
 * A vendor the package talks to (its folder's `vendor.ts`): its short id (config keys, sandbox origins, namespaces),
 * its name in messages, and how its client is pointed at an emulator of its API.
 */
export interface VendorInfo {
    /** `opentact`: the namespace of its resources (`opentact.SipUser`) and the module of their kinds. */
    id: string;
    /** `OpenTact`: how errors and reports name it. */
    name: string;
    /**
     * The stack config and environment that point the vendor's client at an emulator of its API served at `origin`
     * (the package's sandbox), with the credentials `c` the emulator accepts. A vendor that takes a login or a token
     * gives the login by default and the token with `auth: "token"`. The tests, the demo and the sandbox's banner
     * all read it here.
     */
    sandbox: {
        config(origin: string, c: any, auth?: "login" | "token"): StackConfig;
        env?(c: any): Record<string, string>;
    };
}

export interface ResourceDescriptor<V extends string = string, A extends Attributes = Attributes> {
    /**
     * `module:Type`, e.g. `opentact:SipUser`. The URN type is `pulumi-nodejs:dynamic/<kind>` and the serialized
     * provider captures it: never change it, or every existing stack replaces its resources. Its `Type` part is
     * also the resource's top-level class name (`SipUser`), kept for programs written before the namespaces.
     */
    kind: `${V}:${string}`;
    /** The vendor's id, the kind's module part. */
    vendor: V;
    /** The class name inside the vendor's namespace: `opentact.SipUser`, `smartflo.User`. */
    name: string;
    /** What goes out of service when such an object is deleted or replaced, in report warnings ("SIP user"). */
    noun: string;
    /**
     * Every property, declared once with its meaning (core/attributes.ts): the inputs and the computed outputs. Their
     * TSDoc is their documentation; the build copies it into `schema.docs.json` beside the compiled declarations.
     */
    attributes: A;
    /**
     * What `check` holds the inputs to beyond each attribute's own type, readable without loading the adapter (a
     * roster validates its rows with it: core/declared.ts `checkSchemaOf`): cross-property rules, and stricter types
     * for a new object that the vendor relaxes later (a SIP login is 7 to 15 characters to create, 3 to 60 to rename).
     */
    checks?: {
        rules?: readonly Rule[];
        createTypes?: Readonly<Record<string, (t: TypeKit) => Zod.ZodType>>;
    };
    /**
     * The provider object Pulumi stores in state for every resource of the kind: the exports of the folder's
     * `provider.ts` (`export = shimMethods(kind)`), which the closure serializer stores as a `require` of that
     * module, a few hundred bytes (see core/shim.ts). Return the module's exports themselves, never a copy.
     */
    loadProvider(): import("@pulumi/pulumi").dynamic.ResourceProvider;
    /** The adapter, loaded on first use (`require`), so one vendor's SDK never slows another. */
    loadAdapter(): Adapter<any, any>;
    /**
     * The attributes' TSDoc as the build copied it beside the compiled declarations (scripts/attribute-docs.js):
     * `() => require("./schema.docs.json")`. Read through {@link docsOf}.
     */
    loadDocs(): Readonly<Record<string, AttributeDoc>>;
    /**
     * The resource class's TSDoc as the build copied it beside the compiled class (`() => require("./resource.docs.json")`,
     * keyed by the class name): the resource's description in the Pulumi schema. Read through {@link descriptionOf}. A
     * resource without a class (a test fixture) has none.
     */
    loadClassDocs?(): Readonly<Record<string, AttributeDoc>>;
    /** Valid inputs against the sandbox's seeded objects: for documentation tests, the demo and fixtures. */
    example: Readonly<Record<string, unknown>>;
    /**
     * The resource's test spec: its folder's `spec.ts` (`() => require("./spec").spec`), how the test suites make,
     * change and recognise it at the sandbox (test/lifecycle.ts `ResourceSpec`). Not in the package.
     */
    loadSpec(): unknown;
    /** How `pulumi-telephony export` reads existing objects of the kind, or why it cannot. */
    export: ExportInfo | { unsupported: string };
}

/**
 * A scope option of `pulumi-telephony export` (`--opentact-connection UUID`, repeatable): the parent objects to read
 * the kind's objects under. The program writes each parent's id as a named constant (`SIP_CONNECTION_1`).
 */
export interface ExportScope {
    /** The option without its dashes: `opentact-connection`. */
    flag: string;
    /** What a value is, in the usage text: `UUID`. */
    value: string;
    /** The input property that holds the parent's id: `sipConnectionUuid`. */
    property: string;
    /** The prefix of the constants that name parents, and what a parent is: `SIP_CONNECTION`, `SIP connection`. */
    constant: string;
    what: string;
}

/** What the CLI knows of a kind's exporter without loading any vendor code: its options and words. */
export interface ExportInfo {
    /** What `export` reads, in the usage text: `the users of every SIP connection and domain (or of those given)`. */
    reads: string;
    /** The natural key `--filter` matches, in the usage text: `login`. */
    key: string;
    scopes: readonly ExportScope[];
    /** Set when nothing can be read without a scope value, saying why: `Chime user numbers are exported per account`. */
    perScope?: string;
    /** Who does not show the not-observable properties, in the program's comments (default: the vendor). */
    unobservableBy?: string;
    /** The exporter (the folder's `exporter.ts`), loaded on first use. */
    load(): Exporter;
}

/** An existing object a kind's exporter listed, before the CLI describes it as the provider observes it. */
export interface Listed {
    /** The id the provider keeps the object under (`uuid`, `accountId/userId`, …). */
    id: string;
    /** The natural key: login, login id, Chime user id, id in service. */
    key: string;
    /** What the adapter's `observe` takes. */
    live: unknown;
    /** The parent it was listed under, written as a named constant (`label`: its name, for the comment). */
    parent?: { property: string; value: string; label?: string };
    /** What `observe` is told of the object besides the live view (a domain user's domain). */
    state?: Record<string, unknown>;
}

export interface Exporter {
    /**
     * Lists every object in scope (`scope`: the values of each of the kind's scope options, by flag), through the
     * vendor's client of `context` (the configuration `export` read from the stack).
     */
    list(context: ProviderContext, scope: Readonly<Record<string, readonly string[]>>, progress: (line: string) => void): Promise<Listed[]>;
}

/** An attribute's documentation: the TSDoc on its declaration. */
export interface AttributeDoc {
    description: string;
    /** The text of its `@deprecated` tag, when it has one. */
    deprecated?: string;
}

/** The documentation of every attribute of a resource; fails naming the attributes the build left undocumented. */
export function docsOf(d: ResourceDescriptor): Readonly<Record<string, AttributeDoc>> {
    let docs: Readonly<Record<string, AttributeDoc>>;
    try {
        docs = d.loadDocs();
    } catch (e) {
        throw new Error(`${d.kind}: its attribute documentation is missing (${(e as Error).message}); \`npm run build\` writes it`);
    }
    const missing = Object.keys(d.attributes).filter((k) => !docs[k]?.description && docs[k]?.deprecated === undefined);
    if (missing.length) throw new Error(`${d.kind}: no TSDoc on ${missing.join(", ")} (every attribute is documented where it is declared)`);
    return docs;
}

/** The resource's description: its class's TSDoc (the class is named as the kind's `Type` part), or "" without a class. */
export function descriptionOf(d: ResourceDescriptor): string {
    return d.loadClassDocs?.()[typeNameOf(d.kind)]?.description ?? "";
}

/** The `Type` part of a kind: `SipUser` for `opentact:SipUser`, the resource's top-level class name. */
export function typeNameOf(kind: string): string {
    return kind.slice(kind.indexOf(":") + 1);
}

/**
 * The sandbox config of a vendor that takes either a login (email and password) or a token, under its keys
 * `telephony:<id>BaseUrl`, `<id>Email`, `<id>Password`, `<id>Token` (OpenTact, Smartflo).
 */
export function loginOrToken(id: string) {
    return (origin: string, c: { token: string; email: string; password: string }, auth: "login" | "token" = "login"): StackConfig => ({
        [`telephony:${id}BaseUrl`]: { value: origin },
        ...(auth === "token"
            ? { [`telephony:${id}Token`]: { value: c.token, secret: true } }
            : { [`telephony:${id}Email`]: { value: c.email }, [`telephony:${id}Password`]: { value: c.password, secret: true } }),
    });
}
