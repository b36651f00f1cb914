import * as assert from "assert";
import { AuthError } from "../../core/errors";
import { VendorHttpClient } from "../../core/http";
import { Settings } from "../../core/settings";
import { createContext } from "../../runtime";
import { Sandbox, startSandbox } from "../../../sandbox";
import { VERIGATOR_SERVICES } from "../../../sandbox/verigator";
import { verigatorProfile } from "../client";
import { listUsers } from "./api";

describe("Verigator client against the sandbox", function () {
    const USERNAME = `verigator-user-${"Qm7vT2xK".repeat(3)}`;
    const PASSWORD = `verigator-pass-${"Hs9dLw4R".repeat(4)}`;
    let sb: Sandbox;
    before(async () => (sb = await startSandbox({ credentials: { verigator: { username: USERNAME, password: PASSWORD } } })));
    after(async () => sb?.close());

    it("a request without X-Service-Auth (401) names the config keys to check", async () => {
        const settings = new Settings(
            { get: (k) => ({ "telephony:verigatorBaseUrl": sb.vendorUrl("verigator"), "telephony:verigatorUsername": USERNAME, "telephony:verigatorPassword": PASSWORD })[k] },
            {},
        );
        // The real profile, minus its auth header: what Verigator sees when the header is missing.
        const client = new VendorHttpClient({ ...verigatorProfile(settings), authHeaders: undefined }, createContext({ settings }));
        const e = await listUsers(client, VERIGATOR_SERVICES[0]).then(
            () => assert.fail("expected a 401"),
            (err) => err,
        );
        assert.ok(e instanceof AuthError, String(e));
        assert.strictEqual(e.status, 401);
        assert.match(e.message, /ListUsers .* failed with HTTP 401\. vendor said: "Missing authentication headers \(X-Service-Auth\)"/);
        assert.match(e.message, /telephony:verigatorUsername and telephony:verigatorPassword \(or VERIGATOR_USERNAME and VERIGATOR_PASSWORD\)/);
    });
});
