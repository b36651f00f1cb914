/**
 * Base URL + operation path = exactly one `/` between them, for every vendor client, whatever the base looks like:
 * each client's real default, and sandbox-shaped bases with and without a path and a trailing slash. The request
 * is captured by the context's transport (no server), under the HTTP client and under the Chime SDK alike, so the
 * URL checked is the one that would go on the wire.
 */
import * as assert from "assert";
import { chimeClient } from "./chime/client";
import { getUser as getChimeUser } from "./chime/user-number/api";
import { ProviderContext } from "./core/context";
import { EncodedPath, VendorHttpClient, urlPath } from "./core/http";
import { DEFAULT_POLICY } from "./core/policy";
import { Settings } from "./core/settings";
import { cannedResponse } from "./core/transport";
import { ippanelClient } from "./ippanel/client";
import { listNumbers } from "./ippanel/number-assignment/api";
import { opentactClient } from "./opentact/client";
import { getSipUser } from "./opentact/sip-user/api";
import { createContext } from "./runtime";
import { smartfloClient } from "./smartflo/client";
import { getUser as getSmartfloUser } from "./smartflo/user/api";
import { verigatorClient } from "./verigator/client";
import { getUser as getVerigatorUser } from "./verigator/user/api";

const USER = "66eb0a8a-571e-41b1-8f50-4d97275cfab7";

/** Per vendor: its base URL config key, its real default, the operation called and the path it must reach. */
const VENDORS: Array<{ vendor: string; key: string; fallback: string; credentials: Record<string, string>; call: (c: ProviderContext) => Promise<unknown>; path: string }> = [
    {
        vendor: "OpenTact",
        key: "telephony:opentactBaseUrl",
        fallback: "https://api.opentact.org",
        credentials: { "telephony:opentactToken": "t0ken-for-url-test" },
        call: (c) => getSipUser(opentactClient(c), { connection: USER }, USER),
        path: `/rest/sip/connection/user/${USER}`,
    },
    {
        vendor: "Tata Smartflo",
        key: "telephony:smartfloBaseUrl",
        fallback: "https://api-smartflo.tatateleservices.com",
        credentials: { "telephony:smartfloToken": "t0ken-for-url-test" },
        call: (c) => getSmartfloUser(smartfloClient(c), "288256"),
        path: "/v1/user/288256",
    },
    {
        vendor: "IPPanel",
        key: "telephony:ippanelBaseUrl",
        fallback: "https://edge.ippanel.com/v1",
        credentials: { "telephony:ippanelApiKey": "k3y-for-url-test" },
        call: (c) => listNumbers(ippanelClient(c), 2, 100),
        path: "/api/number/numbers?page=2&per_page=100",
    },
    {
        vendor: "Messente Verigator",
        key: "telephony:verigatorBaseUrl",
        fallback: "https://api.verigator.com",
        credentials: { "telephony:verigatorUsername": "url-test-user", "telephony:verigatorPassword": "url-test-password" },
        call: (c) => getVerigatorUser(verigatorClient(c), "my-service-id", USER),
        path: `/v1/service/service/my-service-id/users/${USER}`,
    },
];

/** Bases shaped like the sandbox's and a gateway's: no path, a trailing slash, a path, a path with a trailing slash. */
const SHAPES = ["http://127.0.0.1:8080", "http://127.0.0.1:8080/", "http://127.0.0.1:8080/v1", "http://127.0.0.1:8080/v1/", "https://gateway.example.com/vendor/api"];

/** The URL the joined request must have: the base without trailing slashes, then the path. */
const expected = (base: string, path: string) => `${base.replace(/\/+$/, "")}${path}`;

/** The URL of the first request `call` sends through a context built on `settings` (answered with a 418). */
async function sentUrl(settings: Settings, call: (c: ProviderContext) => Promise<unknown>): Promise<string> {
    let url: string | undefined;
    const context = createContext({
        settings,
        transport: async (u) => {
            url ??= u.toString();
            return cannedResponse(418, JSON.stringify({}));
        },
    });
    await call(context).catch(() => undefined);
    assert.ok(url, "no request was sent");
    return url;
}

describe("URL joining: one slash between base URL and path, for every vendor client and base shape", () => {
    for (const v of VENDORS) {
        for (const base of [undefined, ...SHAPES]) {
            const shown = base ?? `the default ${v.fallback}`;
            it(`${v.vendor}: ${shown}`, async () => {
                const cfg: Record<string, string> = { ...v.credentials, ...(base === undefined ? {} : { [v.key]: base }) };
                const url = await sentUrl(new Settings({ get: (k) => cfg[k] }, {}), v.call);
                assert.strictEqual(url, expected(base ?? v.fallback, v.path));
                assert.ok(!new URL(url).pathname.includes("//"), `empty path segment in ${url}`);
            });
        }
    }

    it("a path-less base no longer yields //: the bug this guards against", async () => {
        const context = new ProviderContext({ policy: DEFAULT_POLICY });
        const c = new VendorHttpClient({ vendor: "OpenTact", baseUrl: new URL("https://api.opentact.org"), authHint: "x" }, context);
        assert.strictEqual(c.url({ path: urlPath`/rest/auth` }).toString(), "https://api.opentact.org/rest/auth");
        // A path given without its leading slash still gets exactly one.
        assert.strictEqual(c.url({ path: new EncodedPath("rest/auth") }).toString(), "https://api.opentact.org/rest/auth");
        const v1 = new VendorHttpClient({ vendor: "IPPanel", baseUrl: new URL("https://edge.ippanel.com/v1/"), authHint: "x" }, context);
        assert.strictEqual(v1.url({ path: urlPath`/api/numbers/assign`, query: { page: 1 } }).toString(), "https://edge.ippanel.com/v1/api/numbers/assign?page=1");
    });

    // The Chime SDK joins its endpoint's path with the operation's itself; checked on the request its handler sends.
    // Its credential chain reads the environment first: test keys there keep it from looking anywhere else.
    const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };
    before(() => Object.assign(process.env, { AWS_ACCESS_KEY_ID: "AKIAURLTEST", AWS_SECRET_ACCESS_KEY: "url-test-secret" }));
    after(() => {
        for (const [k, v] of [["AWS_ACCESS_KEY_ID", saved.id], ["AWS_SECRET_ACCESS_KEY", saved.secret]] as const) {
            if (v === undefined) delete process.env[k];
            else process.env[k] = v;
        }
    });
    for (const base of [undefined, ...SHAPES]) {
        it(`Amazon Chime (SDK): ${base ?? "the default AWS endpoint"}`, async () => {
            const cfg: Record<string, string> = base === undefined ? {} : { "telephony:chimeEndpoint": base };
            const url = await sentUrl(new Settings({ get: (k) => cfg[k] }, {}), (c) => getChimeUser(chimeClient(c), "12a3456b-7c89-012d-3456-78901e23fg45", USER));
            const path = `/accounts/12a3456b-7c89-012d-3456-78901e23fg45/users/${USER}`;
            assert.strictEqual(url, expected(base ?? "https://chime.us-east-1.amazonaws.com", path));
        });
    }
});
