/**
 * A vendor account's credentials for the vendors that take either a permanent token or an email and password
 * exchanged for a login token (OpenTact, Smartflo), and the client each gives: one rule for both.
 */
import type { ProviderContext } from "./context";
import { ConfigError } from "./errors";
import { VendorHttpClient, VendorProfile } from "./http";
import { baseUrl } from "./settings";
import { IssuedToken } from "./token-session";

/** A vendor account's credentials: a permanent token, or an email and password to log in with. */
type TokenOrLogin = { token: string } | { email: string; password: string };

/** How a vendor takes a token or a login. */
export interface TokenOrLoginAuth {
    /** The config key stem (`telephony:<name>Token`, `…Email`, `…Password`, `…BaseUrl`) and the environment prefix. */
    name: string;
    env: string;
    /** The vendor's base URL when none is configured. */
    defaultBaseUrl: string;
    /** The header a token travels in. */
    header(token: string): Record<string, string>;
    /** What to check when the vendor refuses a permanent token. */
    tokenHint: string;
    /** What to check when it refuses the login. */
    loginHint: string;
    /** One login (see `TokenSessionOptions.login`), for the account's session. */
    login(account: { base: URL; email: string; password: string; authHint: string }): (attempt: number) => Promise<IssuedToken>;
}

/**
 * Reads `telephony:<name>Token` (`<ENV>_TOKEN`), else `telephony:<name>Email` + `telephony:<name>Password`
 * (`<ENV>_EMAIL`, `<ENV>_PASSWORD`); neither is a ConfigError naming all of them. The token and the password are
 * registered as secrets.
 */
function tokenOrLogin(context: ProviderContext, vendor: string, name: string, env: string): TokenOrLogin {
    const { settings } = context;
    const token = settings.get(`${name}Token`, `${env}_TOKEN`, { secret: true });
    const email = settings.get(`${name}Email`, `${env}_EMAIL`);
    const password = settings.get(`${name}Password`, `${env}_PASSWORD`, { secret: true });
    if (token) return { token };
    if (email && password) return { email, password };
    throw new ConfigError(
        `${vendor} credentials are not configured: set \`pulumi config set --secret telephony:${name}Token …\` ` +
            `(or ${env}_TOKEN), or telephony:${name}Email and telephony:${name}Password (${env}_EMAIL, ${env}_PASSWORD)`,
    );
}

/**
 * The client of the configured account: with a permanent token, each request carries it; with a login, the
 * context's session of that account (vendor, base URL, email) holds the token — one login at a time, shared by every
 * request, renewed ahead of its expiry and once after a 401.
 */
export function tokenOrLoginClient(context: ProviderContext, profile: Pick<VendorProfile, "vendor" | "classify">, auth: TokenOrLoginAuth): VendorHttpClient {
    const base = baseUrl(context.settings, `${auth.name}BaseUrl`, `${auth.env}_BASE_URL`, auth.defaultBaseUrl);
    const credentials = tokenOrLogin(context, profile.vendor, auth.name, auth.env);
    if ("token" in credentials) {
        return new VendorHttpClient({ ...profile, baseUrl: base, authHint: auth.tokenHint, authHeaders: async () => auth.header(credentials.token) }, context);
    }
    const { email, password } = credentials;
    const tokens = context.session(`${profile.vendor} ${base.origin}${base.pathname}|${email}`, { login: auth.login({ base, email, password, authHint: auth.loginHint }) });
    return new VendorHttpClient({ ...profile, baseUrl: base, authHint: auth.loginHint, session: { tokens, header: auth.header } }, context);
}
