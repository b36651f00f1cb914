/**
 * The provider plugin (`pulumi-resource-telephony`): the five resources as `telephony:<vendor>:<Name>`, served
 * through the same runtime as the dynamic resources — each call goes to `provider(kind)`, the reconciler and the
 * resource's adapter, so there is no second copy of any vendor behaviour here. What is the plugin's own:
 * - dispatch by type token (`telephony:opentact:SipUser` → the kind `opentact:SipUser`);
 * - secrets: a plugin accepts them, so secret values arrive in Pulumi's secret envelope; they are unwrapped on the way
 *   in, and every secret property (passwords, SIP digests) leaves wrapped, whatever the program passed;
 * - configuration: per provider instance, from the engine's `Configure` (see main.ts), else PULUMI_CONFIG; each
 *   instance runs in a context of its own (core/context.ts), as each configuration of the dynamic resources does;
 * - `pulumi import`: a `read` with an id and no properties imports (see `Reconciler.import`);
 * - the stack scope (core/scope.ts), which `check` adds from the request's URN;
 * - the schema and version;
 * - the `Person` component (`telephony:index:Person`), built by `construct` from the same `Person` class TypeScript
 *   programs use, with this plugin's resources as its children.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { CheckResult, ConstructResult, CreateResult, DiffResult, Provider, ReadResult, UpdateResult } from "@pulumi/pulumi/provider";
import type { ProviderContext } from "../core/context";
import { SCOPE_INPUT, identityOfUrn, scopeOf } from "../core/scope";
import type { ConfigSource } from "../core/settings";
import { secretInputsOf, secretOutputsOf } from "../core/attributes";
import { descriptorOf } from "../registry";
import { PERSON_TYPE, sectionOf } from "../person/sections";
import { configFromEnvironment } from "./config";
import { packageSchema, packageVersion } from "./schema";
import { PACKAGE, TOKENS, kindOfToken } from "./tokens";

type Props = Record<string, any>;

/** Pulumi's secret envelope: `{"4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", "value": …}`. */
export const SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

export const isSecret = (v: unknown): v is { value: unknown } => !!v && typeof v === "object" && (v as Props)[SIG_KEY] === SECRET_SIG;

/** A value with every secret envelope in it opened. */
export function reveal(v: unknown): unknown {
    if (isSecret(v)) return reveal(v.value);
    if (Array.isArray(v)) return v.map(reveal);
    if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, reveal(x)]));
    return v;
}

export const secret = (value: unknown) => ({ [SIG_KEY]: SECRET_SIG, value });

/** The type token of a URN (`urn:pulumi:stack::project::parent$telephony:opentact:SipUser::name` → its last type). */
export function typeOfUrn(urn: string): string {
    return urn.split("::")[2]?.split("$").pop() ?? "";
}

type Runtime = typeof import("../runtime");

export class TelephonyProvider implements Provider {
    readonly version = packageVersion();
    private schemaText?: string;
    /** This instance's settings: PULUMI_CONFIG's until `Configure` sends its own. */
    private config: ConfigSource;
    /** The context of those settings, made on first use. */
    private context?: ProviderContext;

    constructor(config: ConfigSource = configFromEnvironment()) {
        this.config = config;
    }

    /** The runtime, loaded on first use: `GetSchema` and the handshake need none of it. */
    private runtime(): Runtime {
        return require("../runtime") as Runtime;
    }

    /** The settings of this provider instance (`Configure`): the next resource call runs in a new context made of them. */
    configure(config: ConfigSource): void {
        this.config = config;
        this.context = undefined;
    }

    /**
     * The provider methods of a kind, in this instance's context: its login sessions, pace, journal and request
     * counts are its own, whatever other instance shares the process. A refused configuration (a bad value) fails
     * every call, and is made again by the next one.
     */
    private methods(kind: string) {
        return this.runtime().provider(kind, () => (this.context ??= this.runtime().contextFor(this.config)));
    }

    /** The kind a URN's type names; an unknown token is an error that names the tokens this plugin serves. */
    private kindOf(urn: string): string {
        const token = typeOfUrn(urn);
        const kind = kindOfToken(token);
        if (!kind) throw new Error(`${PACKAGE}: unknown resource type ${token}: pulumi-resource-telephony ${this.version} serves ${TOKENS.join(", ")}`);
        return kind;
    }

    /** The properties of a kind that are stored as secrets, whatever the program passed. */
    private secretsOf(kind: string): string[] {
        const d = descriptorOf(kind)!;
        return [...secretInputsOf(d.attributes), ...secretOutputsOf(d.attributes)];
    }

    /** Properties as the engine should keep them: each secret one in its envelope (and every value the program made secret). */
    private sealed(kind: string, props: Props | undefined, madeSecret: ReadonlySet<string> = new Set()): Props | undefined {
        if (props === undefined) return undefined;
        const out: Props = {};
        const secrets = new Set([...this.secretsOf(kind), ...madeSecret]);
        for (const [k, v] of Object.entries(props)) out[k] = secrets.has(k) && v !== undefined && v !== null && !isSecret(v) ? secret(v) : v;
        return out;
    }

    /** The keys a program passed as secrets, so they stay secret even where the kind does not make them so. */
    private static secretKeys(props: Props): Set<string> {
        return new Set(Object.entries(props ?? {}).filter(([, v]) => isSecret(v)).map(([k]) => k));
    }

    getSchema = async (): Promise<string> => (this.schemaText ??= JSON.stringify(packageSchema()));

    /**
     * Also gives the resource its stack scope (core/scope.ts), from its URN and the backend of this process's
     * environment, as the dynamic resources' class does in the program: the create journal is keyed with it, and
     * `pulumi-telephony recover` reads it from a pending create in the checkpoint, so a create this stack sent is
     * recognised as its own and never another stack's.
     */
    check = async (urn: pulumi.URN, olds: Props, news: Props): Promise<CheckResult> => {
        const kind = this.kindOf(urn);
        const identity = identityOfUrn(urn);
        const declared = { ...(reveal(news) as Props), ...(identity ? { [SCOPE_INPUT]: scopeOf(identity) } : {}) };
        const r = await this.methods(kind).check(reveal(olds) as Props, declared);
        return { inputs: this.sealed(kind, r.inputs, TelephonyProvider.secretKeys(news)), failures: r.failures };
    };

    diff = async (id: pulumi.ID, urn: pulumi.URN, olds: Props, news: Props): Promise<DiffResult> => {
        const kind = this.kindOf(urn);
        return this.methods(kind).diff(id, reveal(olds) as Props, reveal(news) as Props);
    };

    create = async (urn: pulumi.URN, inputs: Props): Promise<CreateResult> => {
        const kind = this.kindOf(urn);
        try {
            const r = await this.methods(kind).create(reveal(inputs) as Props);
            return { id: r.id, outs: this.sealed(kind, r.outs, TelephonyProvider.secretKeys(inputs)) };
        } catch (e) {
            // A partial failure keeps the object in state (its id and properties): those are sealed like any output.
            if (e && typeof e === "object" && "id" in e && "properties" in e) (e as Props).properties = this.sealed(kind, (e as Props).properties);
            throw e;
        }
    };

    /**
     * Refresh reads with the stored outputs; `pulumi import` reads with only an id (no properties at all, which the
     * SDK's server is taught to pass as `{}`: main.ts). Then the object is imported: see `Reconciler.import`.
     */
    read = async (id: pulumi.ID, urn: pulumi.URN, props?: Props): Promise<ReadResult> => {
        const kind = this.kindOf(urn);
        const importing = props === undefined || Object.keys(props).length === 0;
        const r: { id?: string; props?: Props; inputs?: Props } = importing
            ? await this.methods(kind).import(id)
            : await this.methods(kind).read(id, reveal(props) as Props);
        const madeSecret = TelephonyProvider.secretKeys(props ?? {});
        // `id` absent: gone. The engine reads that as "no such object" (refresh drops it, import fails naming the id).
        return r.id === undefined ? { id: "" } : { id: r.id, props: this.sealed(kind, r.props, madeSecret), inputs: this.sealed(kind, r.inputs, madeSecret) };
    };

    update = async (id: pulumi.ID, urn: pulumi.URN, olds: Props, news: Props): Promise<UpdateResult> => {
        const kind = this.kindOf(urn);
        const r = await this.methods(kind).update(id, reveal(olds) as Props, reveal(news) as Props);
        return { outs: this.sealed(kind, r.outs, TelephonyProvider.secretKeys(news)) };
    };

    /**
     * The `Person` component for YAML and other languages: the TypeScript `Person`, whose children are this plugin's
     * resources (`telephony:opentact:SipUser`, …) — the engine hands their calls back to this plugin — named, shared
     * and ordered as in TypeScript (numbers depend on the users).
     */
    construct = async (name: string, type: string, inputs: pulumi.Inputs, options: pulumi.ComponentResourceOptions): Promise<ConstructResult> => {
        if (type !== PERSON_TYPE) throw new Error(`${PACKAGE}: unknown component type ${type}: pulumi-resource-telephony ${this.version} serves ${PERSON_TYPE}`);
        const pulumiSdk = require("@pulumi/pulumi") as typeof pulumi;
        const { Person } = require("../person/person") as typeof import("../person/person");
        const { tokenOf } = require("./tokens") as typeof import("./tokens");
        class PluginResource extends pulumiSdk.CustomResource {}
        const person = new Person(name, inputs as import("../person/person").PersonArgs, options, (section, child, args, opts) => {
            const d = sectionOf(section)!.descriptor;
            return new PluginResource(tokenOf(d), child, args, { ...opts, additionalSecretOutputs: this.secretsOf(d.kind) });
        });
        return { urn: person.urn, state: { login: person.login, status: person.status } };
    };

    delete = async (id: pulumi.ID, urn: pulumi.URN, props: Props): Promise<void> => {
        const kind = this.kindOf(urn);
        await this.methods(kind).delete(id, reveal(props) as Props);
    };
}
