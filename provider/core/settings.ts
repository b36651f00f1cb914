import { ConfigError } from "./errors";
import { registerSecret } from "./secrets";

/** What `configure` hands us: every stack config key (`ns:key`), secrets decrypted. */
export interface ConfigSource {
    get(key: string): string | undefined;
}

/**
 * Settings and credentials: stack config in the `telephony` namespace first (as `configure` delivers it),
 * then environment variables. Never resource inputs, so credentials never enter state.
 */
export class Settings {
    /** The stack config keys read so far, and what they held. */
    private readonly read = new Map<string, string | undefined>();

    constructor(
        private config: ConfigSource | undefined,
        private readonly env: NodeJS.ProcessEnv = process.env,
    ) {}

    /** `telephony:<key>`, else the environment variable. Secrets are registered for redaction. */
    get(key: string, envVar?: string, opts: { secret?: boolean } = {}): string | undefined {
        const name = key.includes(":") ? key : `telephony:${key}`;
        const fromConfig = this.config?.get(name);
        this.read.set(name, fromConfig);
        const value = fromConfig !== undefined && fromConfig !== "" ? fromConfig : envVar ? this.env[envVar] : undefined;
        if (opts.secret) registerSecret(value);
        return value === "" ? undefined : value;
    }

    /** Like `get`, but a missing value is an error that names both places to set it. */
    require(key: string, envVar: string, what: string, opts: { secret?: boolean } = {}): string {
        const v = this.get(key, envVar, opts);
        if (v === undefined) {
            throw new ConfigError(
                `${what} is not configured: set \`pulumi config set ${opts.secret ? "--secret " : ""}telephony:${key} …\` or the environment variable ${envVar}`,
            );
        }
        return v;
    }

    /**
     * Whether `other` holds the same value for every stack config key these settings have read: then nothing decided
     * from them would come out otherwise (the environment is the process's either way).
     */
    sameAs(other: ConfigSource | undefined): boolean {
        for (const [name, value] of this.read) if (other?.get(name) !== value) return false;
        return true;
    }

    /**
     * Takes `other` as the source of every key read from now on, when it agrees on every key read so far (`sameAs`):
     * what was decided from these settings stays true, and a key not read yet (a base URL, a credential) comes from the
     * newest configuration rather than an older one that differs in it. Returns whether it did.
     */
    follow(other: ConfigSource | undefined): boolean {
        if (!this.sameAs(other)) return false;
        this.config = other;
        return true;
    }

    bool(key: string, envVar?: string): boolean {
        const v = this.get(key, envVar);
        return v !== undefined && /^(1|true|yes)$/i.test(v);
    }
}

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/**
 * Parses a vendor base URL. `http://` is refused unless the host is loopback (the sandbox) or
 * `telephony:allowInsecureHttp` is true: tokens must not cross a network in the clear.
 */
export function baseUrl(settings: Settings, key: string, envVar: string, fallback: string): URL {
    const raw = settings.get(key, envVar) ?? fallback;
    let url: URL;
    try {
        url = new URL(raw);
    } catch {
        throw new ConfigError(`telephony:${key} (${envVar}) is not a URL: ${JSON.stringify(raw)}`);
    }
    if (url.protocol !== "https:" && url.protocol !== "http:") {
        throw new ConfigError(`telephony:${key} must be an https:// URL, got ${url.protocol}`);
    }
    if (url.protocol === "http:" && !LOOPBACK.test(url.hostname) && !settings.bool("allowInsecureHttp", "TELEPHONY_ALLOW_INSECURE_HTTP")) {
        throw new ConfigError(
            `telephony:${key} is ${url.origin}: plain http is only allowed to loopback hosts. ` +
                `Use https, or set telephony:allowInsecureHttp to true if you really mean it`,
        );
    }
    if (url.search || url.hash) throw new ConfigError(`telephony:${key} must not carry a query or fragment`);
    // Keep a trailing-slash-free path so paths join predictably.
    url.pathname = url.pathname.replace(/\/+$/, "");
    return url;
}
