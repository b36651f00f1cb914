/**
 * The sandbox's shape: each vendor at the root of its own origin (as the real hosts are), the admin API on a
 * separate one, and a 404 for any path with an empty segment, as a strict server answers — so a client that
 * joins `https://host` and `/rest/…` into `//rest/…` fails against it as it would against the vendor.
 */
import * as assert from "assert";
import { SandboxAdmin } from "../test/harness";
import { DEFAULT_CREDENTIALS, Sandbox, startSandbox } from "./server";

/** Per vendor: a real route of its API (authenticated as the sandbox accepts) and the status it answers. */
const ROUTES: Record<string, { path: string; headers: Record<string, string>; status: number }> = {
    opentact: { path: "/rest/sip/connection/66eb0a8a-571e-41b1-8f50-4d97275cfab7/users", headers: { "x-auth-token": DEFAULT_CREDENTIALS.opentact.token }, status: 200 },
    smartflo: { path: "/v1/users", headers: { authorization: `Bearer ${DEFAULT_CREDENTIALS.smartflo.token}` }, status: 200 },
    ippanel: { path: "/v1/api/number/numbers?page=1&per_page=10", headers: { authorization: DEFAULT_CREDENTIALS.ippanel.apiKey }, status: 200 },
    // Chime needs a SigV4 signature: unsigned, the route answers 403 MissingAuthenticationToken, which still proves it matched.
    chime: { path: "/accounts/12a3456b-7c89-012d-3456-78901e23fg45/users/1ab2345c-67de-8901-f23g-45h678901j2k", headers: {}, status: 403 },
    verigator: { path: "/v1/service/service/my-service-id/users", headers: { "x-service-auth": `${DEFAULT_CREDENTIALS.verigator.username}:${DEFAULT_CREDENTIALS.verigator.password}` }, status: 200 },
};

describe("sandbox: one origin per vendor, served at its root; strict about empty path segments", () => {
    let sb: Sandbox;
    let admin: SandboxAdmin;
    before(async () => {
        sb = await startSandbox();
        admin = new SandboxAdmin(sb.url);
    });
    after(() => sb.close());

    for (const [vendor, route] of Object.entries(ROUTES)) {
        it(`${vendor}: its route answers at the root of its path-less origin; the same path with // is 404`, async () => {
            const origin = sb.vendorUrl(vendor);
            assert.match(origin, /^http:\/\/127\.0\.0\.1:\d+$/, "a path-less origin");
            assert.notStrictEqual(origin, sb.url, "not the admin origin");
            await admin.resetRequests();
            const good = await fetch(`${origin}${route.path}`, { headers: route.headers });
            assert.strictEqual(good.status, route.status, await good.text());
            const doubled = await fetch(`${origin}/${route.path}`, { headers: route.headers });
            assert.strictEqual(doubled.status, 404);
            const log = (await admin.requests()).log;
            assert.deepStrictEqual(log.map((r) => [r.vendor, r.status]), [[vendor, route.status], [vendor, 404]]);
            assert.strictEqual(log[1].route, "empty path segment");
        });
    }

    it("the admin origin serves only /_sandbox/, and lists each vendor's origin", async () => {
        assert.strictEqual((await fetch(`${sb.url}${ROUTES.opentact.path}`, { headers: ROUTES.opentact.headers })).status, 404);
        const vendors = await (await fetch(`${sb.url}/_sandbox/vendors`)).json();
        assert.deepStrictEqual(vendors, Object.fromEntries(Object.keys(ROUTES).map((v) => [v, sb.vendorUrl(v)])));
        // Vendor origins do not serve the admin API.
        assert.strictEqual((await fetch(`${sb.vendorUrl("smartflo")}/_sandbox/requests`)).status, 404);
    });
});
