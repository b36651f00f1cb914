import * as assert from "assert";
import { OPENTACT_CONNECTIONS } from "../../../sandbox";
import { describeLifecycle } from "../../../test/lifecycle";

const TOKEN = `ot-token-${"x7Qp2Lm9".repeat(4)}`;
const PASSWORD = `sip-pass-${"Zr4nW8vK".repeat(3)}`;

describeLifecycle({
    type: "SipUser",
    urnType: "opentact:SipUser",
    config: (sb) => ({
        "telephony:opentactBaseUrl": { value: sb.vendorUrl("opentact") },
        "telephony:opentactToken": { value: "sandbox-opentact-token", secret: true },
    }),
    args: { sipConnectionUuid: OPENTACT_CONNECTIONS[0], login: "alice0001", password: PASSWORD, firstName: "Alice", email: "alice@example.com", dob: "1990-05-17" },
    live: (admin) => admin.objects("opentact", "users"),
    collection: ["opentact", "users"],
    adminId: (o) => o.uuid,
    matches(o, a) {
        assert.strictEqual(o.sip_connection_uuid, a.sipConnectionUuid);
        assert.strictEqual(o.login, a.login);
        assert.strictEqual(o.password, a.password);
        assert.strictEqual(o.first_name, a.firstName ?? null);
        assert.strictEqual(o.last_name, a.lastName ?? null);
        assert.strictEqual(o.email, a.email ?? null);
        assert.strictEqual(o.dob, a.dob ? `${a.dob}T00:00:00Z` : null);
    },
    drift: { patch: { first_name: "Mallory" }, property: "firstName" },
    edit: { args: { lastName: "Anders" }, method: "PATCH", route: "ModifySIPUser", bodyKeys: ["last_name"] },
    replace: { args: { sipConnectionUuid: OPENTACT_CONNECTIONS[1] } },
    secrets: (_sb, live) => [PASSWORD, TOKEN, "sandbox-opentact-token", ...live.flatMap((u) => [u.ha1, u.ha1b])],
});
