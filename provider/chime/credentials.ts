/**
 * Amazon Chime's AWS credentials, from the keys and with the precedence @pulumi/aws documents, so a stack that
 * configures AWS for @pulumi/aws gets the same identity for its Chime resources (README, "Amazon Chime credentials"):
 *
 * 1. static keys: `aws:accessKey` + `aws:secretKey` (+ `aws:token` for temporary keys);
 * 2. a profile: `aws:profile`, from `aws:sharedCredentialsFiles` (or the older `aws:sharedCredentialsFile`) when set,
 *    else the AWS CLI's files;
 * 3. else the AWS default chain (environment variables, AWS_PROFILE, SSO, web identity, container and instance roles),
 *    reading `aws:sharedCredentialsFiles` when set;
 * and then, whichever gave the base credentials, `aws:assumeRole` (`{roleArn, sessionName, externalId, durationSeconds,
 * policy}`), or the newer `aws:assumeRoles` list (roles assumed one after the other), through STS at the endpoint
 * `aws:endpoints` names for `sts` (`[{ sts: "https://…" }]`).
 *
 * Each of these keys may be overridden for this library alone by `telephony:chime` + the key's name
 * (`telephony:chimeProfile`, `telephony:chimeAccessKey`, `telephony:chimeAssumeRole`, `telephony:chimeStsEndpoint`
 * for the STS endpoint, …): the only way to configure them for the provider plugin, which is handed its own namespace.
 *
 * The providers are the AWS SDK's own (`@aws-sdk/credential-providers`): no file is parsed here. Secrets (the secret
 * key, session tokens, the keys STS issues) are registered for redaction as they are read, and a credential that
 * cannot be used is a ConfigError naming the key it came from.
 */
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@smithy/types";
import type { ProviderContext } from "../core/context";
import { ConfigError } from "../core/errors";
import { registerSecret } from "../core/secrets";
import type { Settings } from "../core/settings";

type Providers = typeof import("@aws-sdk/credential-providers");

/** A setting and the key it was read from (`aws:profile`, or its override `telephony:chimeProfile`). */
interface Sourced<T> {
    value: T;
    key: string;
}

/** `telephony:chime<Name>` when set, else `aws:<name>`: @pulumi/aws's key, overridable for this library alone. */
function awsSetting(settings: Settings, name: string, opts: { secret?: boolean; legacy?: string } = {}): Sourced<string> | undefined {
    const override = `telephony:chime${name.charAt(0).toUpperCase()}${name.slice(1)}`;
    for (const key of [override, `aws:${name}`, ...(opts.legacy ? [`aws:${opts.legacy}`] : [])]) {
        const value = settings.get(key, undefined, { secret: opts.secret });
        if (value !== undefined) return { value, key };
    }
    return undefined;
}

/** A structured config value (Pulumi hands objects and lists over as JSON text), or a ConfigError naming its key. */
function structured(s: Sourced<string>, what: string): unknown {
    try {
        return JSON.parse(s.value);
    } catch {
        throw new ConfigError(`${s.key} must be ${what} (set it with \`pulumi config set --path '${s.key}…' …\`); got ${JSON.stringify(s.value)}`);
    }
}

/** One role to assume, as @pulumi/aws's `assumeRole` object has it. */
export interface AssumeRole {
    roleArn: string;
    sessionName?: string;
    externalId?: string;
    durationSeconds?: number;
    policy?: string;
    /** The key it came from, with its index for `aws:assumeRoles[i]`. */
    key: string;
}

/** `aws:assumeRole` (an object) or `aws:assumeRoles` (a list of them), overridable by `telephony:chimeAssumeRole(s)`. */
export function assumeRolesOf(settings: Settings): AssumeRole[] {
    const one = awsSetting(settings, "assumeRole");
    const many = one ? undefined : awsSetting(settings, "assumeRoles");
    const source = one ?? many;
    if (!source) return [];
    const parsed = structured(source, one ? "an object { roleArn, sessionName?, externalId?, durationSeconds?, policy? }" : "a list of { roleArn, sessionName?, externalId? } objects");
    const list = one ? [parsed] : parsed;
    if (!Array.isArray(list)) throw new ConfigError(`${source.key} must be a list of { roleArn, sessionName?, externalId? } objects; got ${JSON.stringify(source.value)}`);
    return list.map((r, i) => {
        const key = one ? source.key : `${source.key}[${i}]`;
        const o = (r ?? {}) as Record<string, unknown>;
        if (typeof o.roleArn !== "string" || !/^arn:[^:]+:iam::\d{12}:role\/.+/.test(o.roleArn)) {
            throw new ConfigError(`${key}.roleArn must be an IAM role ARN such as arn:aws:iam::123456789012:role/Name; got ${JSON.stringify(o.roleArn)}`);
        }
        for (const f of ["sessionName", "externalId", "policy"] as const) {
            if (o[f] !== undefined && typeof o[f] !== "string") throw new ConfigError(`${key}.${f} must be a string; got ${JSON.stringify(o[f])}`);
        }
        const duration = o.durationSeconds === undefined ? undefined : Number(o.durationSeconds);
        if (duration !== undefined && !(Number.isInteger(duration) && duration >= 900 && duration <= 43_200)) {
            throw new ConfigError(`${key}.durationSeconds must be a whole number of seconds from 900 to 43200; got ${JSON.stringify(o.durationSeconds)}`);
        }
        return { roleArn: o.roleArn, sessionName: o.sessionName as string | undefined, externalId: o.externalId as string | undefined, durationSeconds: duration, policy: o.policy as string | undefined, key };
    });
}

/** `aws:sharedCredentialsFiles` (a list, or one path), else the older `aws:sharedCredentialsFile`. */
function credentialsFilesOf(settings: Settings): Sourced<string[]> | undefined {
    const s = awsSetting(settings, "sharedCredentialsFiles", { legacy: "sharedCredentialsFile" });
    if (!s) return undefined;
    const value = s.value.trim().startsWith("[") ? structured(s, "a list of file paths") : [s.value];
    if (!Array.isArray(value) || value.length === 0 || !value.every((f) => typeof f === "string" && f !== "")) {
        throw new ConfigError(`${s.key} must be a list of credentials file paths; got ${JSON.stringify(s.value)}`);
    }
    return { value: value.map(expandHome), key: s.key };
}

const expandHome = (p: string) => (p.startsWith("~/") ? `${require("os").homedir()}${p.slice(1)}` : p);

/** `aws:endpoints[].sts` (or `telephony:chimeStsEndpoint`): the STS endpoint roles are assumed at, if overridden. */
export function stsEndpointOf(settings: Settings): Sourced<string> | undefined {
    const override = settings.get("chimeStsEndpoint");
    if (override !== undefined) return { value: override, key: "telephony:chimeStsEndpoint" };
    const s = settings.get("aws:endpoints");
    if (s === undefined) return undefined;
    const list = structured({ value: s, key: "aws:endpoints" }, "a list of { <service>: <url> } objects");
    const entries = Array.isArray(list) ? list : [list];
    for (const e of entries) if (e && typeof e === "object" && typeof (e as Record<string, unknown>).sts === "string") return { value: (e as Record<string, string>).sts, key: "aws:endpoints[].sts" };
    return undefined;
}

/** Where the base credentials come from, in words, for messages: the keys, or the chain. */
export interface CredentialSource {
    /** `aws:accessKey and aws:secretKey`, `aws:profile "dev" (aws:sharedCredentialsFiles)`, `the AWS default credential chain`. */
    describe: string;
    /** The role chain on top of it, if any: `aws:assumeRole (arn:…)`. */
    roles: string[];
}

/**
 * The Chime client's credentials in a context: a provider the SDK calls when it signs, and where the credentials come
 * from (for the errors of a refused request). Built once per context; the AWS providers are loaded then.
 */
export function chimeCredentials(context: ProviderContext, region: string): { provider: AwsCredentialIdentityProvider; source: CredentialSource } {
    return context.cached(`chime credentials ${region}`, () => build(context, region));
}

function build(context: ProviderContext, region: string): { provider: AwsCredentialIdentityProvider; source: CredentialSource } {
    const { settings } = context;
    const p = require("@aws-sdk/credential-providers") as Providers;
    const accessKey = awsSetting(settings, "accessKey");
    const secretKey = awsSetting(settings, "secretKey", { secret: true });
    const token = awsSetting(settings, "token", { secret: true });
    const profile = awsSetting(settings, "profile");
    const files = credentialsFilesOf(settings);
    const roles = assumeRolesOf(settings);
    const sts = stsEndpointOf(settings);
    const stsRegion = awsSetting(settings, "stsRegion")?.value ?? region;
    // STS answers within the request timeout, like every vendor request.
    const clientConfig = { region: stsRegion, ...(sts ? { endpoint: sts.value } : {}), requestHandler: { requestTimeout: context.policy.requestTimeoutMs, connectionTimeout: context.policy.requestTimeoutMs } };

    let base: AwsCredentialIdentityProvider;
    let describe: string;
    if (accessKey || secretKey) {
        if (!accessKey || !secretKey) {
            const has = (accessKey ?? secretKey)!.key;
            const lacks = accessKey ? has.replace("accessKey", "secretKey").replace("AccessKey", "SecretKey") : has.replace("secretKey", "accessKey").replace("SecretKey", "AccessKey");
            throw new ConfigError(`${has} is set but ${lacks} is not: static AWS credentials for Amazon Chime need both (\`pulumi config set${accessKey ? " --secret" : ""} ${lacks} …\`)`);
        }
        const keys: AwsCredentialIdentity = { accessKeyId: accessKey.value, secretAccessKey: secretKey.value, ...(token ? { sessionToken: token.value } : {}) };
        describe = `${accessKey.key} and ${secretKey.key}${token ? ` (with ${token.key})` : ""}`;
        base = async () => keys;
    } else if (profile) {
        const from = files ? ` in ${files.value.join(", ")} (${files.key})` : " in the AWS shared credentials and config files";
        describe = `${profile.key} ${JSON.stringify(profile.value)}${from}`;
        base = sourced(fromProfile(p, profile.value, files?.value, clientConfig), `${profile.key} ${JSON.stringify(profile.value)} could not be used${from}`);
    } else {
        describe = `the AWS default credential chain (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, AWS_PROFILE${files ? ` in ${files.key}` : " and ~/.aws/credentials"}, SSO, web identity, container or instance role)`;
        base = sourced(
            p.fromNodeProviderChain({ ...(files ? { filepath: files.value[files.value.length - 1] } : {}), clientConfig }),
            "no AWS credentials for Amazon Chime: set aws:accessKey and aws:secretKey, or aws:profile, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or run with a role",
        );
    }
    let provider = base;
    for (const role of roles) {
        provider = sourced(
            p.fromTemporaryCredentials({
                masterCredentials: provider,
                params: {
                    RoleArn: role.roleArn,
                    RoleSessionName: role.sessionName ?? "pulumi-telephony",
                    ...(role.externalId !== undefined ? { ExternalId: role.externalId } : {}),
                    ...(role.durationSeconds !== undefined ? { DurationSeconds: role.durationSeconds } : {}),
                    ...(role.policy !== undefined ? { Policy: role.policy } : {}),
                },
                clientConfig,
            }),
            `${role.key} (${role.roleArn}) could not be assumed${sts ? ` at ${sts.value} (${sts.key})` : ""}`,
        );
    }
    return { provider: registering(provider), source: { describe, roles: roles.map((r) => `${r.key} (${r.roleArn})`) } };
}

/**
 * A profile's credentials from the given credentials files (the last that has the profile wins, as @pulumi/aws reads
 * several), else from the AWS CLI's files.
 */
function fromProfile(p: Providers, profile: string, files: string[] | undefined, clientConfig: object): AwsCredentialIdentityProvider {
    if (!files) return p.fromIni({ profile, clientConfig });
    const each = [...files].reverse().map((filepath) => p.fromIni({ profile, filepath, clientConfig }));
    return p.createCredentialChain(...each);
}

/**
 * `provider`, whose failures (a profile not found, a role refused, no credentials at all) become a ConfigError saying
 * which key the credential came from and what went wrong.
 */
function sourced(provider: AwsCredentialIdentityProvider, what: string): AwsCredentialIdentityProvider {
    return async (...args) => {
        try {
            return await provider(...args);
        } catch (e) {
            if (e instanceof ConfigError) throw e;
            const err = e as { name?: string; Code?: string; message?: string };
            throw new ConfigError(`${what}: ${err.name && err.name !== "Error" ? `${err.name}: ` : ""}${err.message ?? String(e)}`);
        }
    };
}

/** `provider`, registering every secret it yields (the secret key and session token) for redaction. */
function registering(provider: AwsCredentialIdentityProvider): AwsCredentialIdentityProvider {
    return async (...args) => {
        const c = await provider(...args);
        registerSecret(c.secretAccessKey);
        registerSecret(c.sessionToken);
        return c;
    };
}
