/**
 * The provider plugin's configuration: the `telephony:*` keys every resource reads (README, "Configuration"), as the
 * schema declares them (stack config variables and the inputs of an explicit `pulumi:providers:telephony`), and the
 * source `configure` receives from the engine.
 *
 * The keys are read where they are used (each vendor's client, the request policy, pacing, the journal); this list
 * only describes them to the schema, and `plugin.test.ts` checks it against the README's table, so neither drifts.
 */
import type { ConfigSource } from "../core/settings";
import { VENDORS } from "../registry";
import { PACKAGE } from "./tokens";

export interface ConfigKey {
    /** The key without its namespace: `opentactBaseUrl`. */
    key: string;
    /** The environment variable read when the key is not set. */
    env: string;
    /** What it is, for the schema. */
    description: string;
    secret?: boolean;
}

const rate = (vendor: string): ConfigKey => ({
    key: `${vendor}RequestsPerSecond`,
    env: `TELEPHONY_${vendor.toUpperCase()}_REQUESTS_PER_SECOND`,
    description: `The pace of requests to ${VENDORS[vendor as keyof typeof VENDORS]}, per second (a ceiling; a 429 still slows it down). Unset: adaptive pacing.`,
});

/** Every key, in the README's order. */
export const CONFIG_KEYS: readonly ConfigKey[] = [
    { key: "opentactBaseUrl", env: "OPENTACT_BASE_URL", description: "OpenTact's API base URL. Default `https://api.opentact.org`." },
    { key: "opentactToken", env: "OPENTACT_TOKEN", description: "An OpenTact JWT or long-lived token, sent as `X-Auth-Token`.", secret: true },
    { key: "opentactEmail", env: "OPENTACT_EMAIL", description: "Instead of a token: the OpenTact login email, exchanged with the password at `GET /rest/auth`." },
    { key: "opentactPassword", env: "OPENTACT_PASSWORD", description: "The OpenTact login password (with `opentactEmail`).", secret: true },
    { key: "smartfloBaseUrl", env: "SMARTFLO_BASE_URL", description: "Tata Smartflo's API base URL. Default `https://api-smartflo.tatateleservices.com`." },
    { key: "smartfloToken", env: "SMARTFLO_TOKEN", description: "A permanent Smartflo token, sent as `Authorization: Bearer`.", secret: true },
    { key: "smartfloEmail", env: "SMARTFLO_EMAIL", description: "Instead of a token: the Smartflo login email, exchanged with the password at `POST /v1/auth/login`." },
    { key: "smartfloPassword", env: "SMARTFLO_PASSWORD", description: "The Smartflo login password (with `smartfloEmail`).", secret: true },
    { key: "ippanelBaseUrl", env: "IPPANEL_BASE_URL", description: "IPPanel Edge's API base URL. Default `https://edge.ippanel.com/v1`." },
    { key: "ippanelApiKey", env: "IPPANEL_API_KEY", description: "The IPPanel API key, sent raw in `Authorization`.", secret: true },
    {
        key: "chimeRegion",
        env: "AWS_REGION",
        description: "The Amazon Chime signing region. Default `us-east-1`. Credentials come from the AWS default chain (the plugin does not see `aws:region`).",
    },
    { key: "chimeEndpoint", env: "CHIME_ENDPOINT", description: "An API-compatible Amazon Chime endpoint (the sandbox)." },
    { key: "verigatorBaseUrl", env: "VERIGATOR_BASE_URL", description: "Messente Verigator's API base URL. Default `https://api.verigator.com`." },
    { key: "verigatorUsername", env: "VERIGATOR_USERNAME", description: "The Messente API username, sent in `X-Service-Auth`." },
    { key: "verigatorPassword", env: "VERIGATOR_PASSWORD", description: "The Messente API password, sent in `X-Service-Auth`.", secret: true },
    { key: "requestTimeoutMs", env: "TELEPHONY_REQUEST_TIMEOUT_MS", description: "Milliseconds one request may take. Default 20000." },
    {
        key: "operationDeadlineMs",
        env: "TELEPHONY_OPERATION_DEADLINE_MS",
        description: "Milliseconds one resource operation may take, all its requests, retries and recoveries included. Default 180000.",
    },
    { key: "maxRetries", env: "TELEPHONY_MAX_RETRIES", description: "Stop retrying after this many retries (`0`: never retry). Unset: retries are bounded by the deadline only." },
    { key: "journalDir", env: "TELEPHONY_JOURNAL_DIR", description: "Where the create journal lives. Default `$PULUMI_HOME/telephony`, else `~/.pulumi/telephony`." },
    { key: "allowInsecureHttp", env: "TELEPHONY_ALLOW_INSECURE_HTTP", description: "Allow a plain `http://` base URL to a host that is not loopback. Default false." },
    { key: "maxConcurrentRequests", env: "TELEPHONY_MAX_CONCURRENT_REQUESTS", description: "Requests in flight per vendor. Default 8." },
    ...Object.keys(VENDORS).map(rate),
];

/**
 * The settings of one provider instance, as the engine's `Configure` gives them: the provider's inputs, which are the
 * stack's `telephony:*` config for the default provider and the resource's own properties for an explicit
 * `pulumi:providers:telephony`. Values come as the engine sends them (strings, or numbers and booleans from a typed
 * program), secrets already unwrapped. Keys outside the namespace (`aws:region`) are never given to a plugin.
 */
export function configSource(values: Record<string, unknown>): ConfigSource {
    return {
        get(key) {
            const prefix = `${PACKAGE}:`;
            if (!key.startsWith(prefix)) return undefined;
            const v = values[key.slice(prefix.length)];
            if (v === undefined || v === null) return undefined;
            return typeof v === "string" ? v : JSON.stringify(v);
        },
    };
}

/**
 * The settings the engine starts the plugin process with: the stack's `telephony:*` config as JSON in PULUMI_CONFIG
 * (namespace stripped, secrets decrypted), in force until `Configure` says otherwise.
 */
export function configFromEnvironment(env: NodeJS.ProcessEnv = process.env): ConfigSource {
    let values: Record<string, unknown> = {};
    try {
        values = env.PULUMI_CONFIG ? JSON.parse(env.PULUMI_CONFIG) : {};
    } catch {
        // Not JSON: no stack config (the environment variables still apply).
    }
    return configSource(values);
}
