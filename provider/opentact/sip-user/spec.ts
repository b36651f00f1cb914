// How the test suites make, change and recognise a SipUser at the sandbox (test/lifecycle.ts ResourceSpec). Not in the package.
import * as assert from "assert";
import { OPENTACT_CONNECTIONS, OPENTACT_DOMAINS } from "../../../sandbox";
import type { Obj, ResourceSpec } from "../../../test/lifecycle";

const PASSWORD = `sip-pass-${"Zr4nW8vK".repeat(3)}`;

export const spec: ResourceSpec = {
    collection: ["opentact", "users"],
    createRoute: "CreateSIPUser",
    createMark: (a) => `"login":"${a.login}"`,
    adminId: (o) => o.uuid,
    key: (o) => `${o.sip_connection_uuid}/${o.login}`,
    expected: (a) => ({ sip_connection_uuid: a.sipConnectionUuid, login: a.login }),
    matches(o: Obj, a: Obj) {
        if (a.sipDomain) assert.strictEqual(o.sip_domain, a.sipDomain);
        else assert.strictEqual(o.sip_connection_uuid, a.sipConnectionUuid);
        assert.strictEqual(o.login, a.login);
        assert.strictEqual(o.password, a.password);
        assert.strictEqual(o.first_name, a.firstName ?? null);
        assert.strictEqual(o.last_name, a.lastName ?? null);
        assert.strictEqual(o.email, a.email ?? null);
        assert.strictEqual(o.dob, a.dob ? `${a.dob}T00:00:00Z` : null);
        assert.strictEqual(o.gender, a.gender ?? null);
        assert.strictEqual(o.phone_number, a.phoneNumber ?? null, "a leading + is accepted for domain users [D]");
        assert.strictEqual(o.remote_ip, a.remoteIp ?? null, "remote_ip is accepted for domain users [O]");
    },
    secrets: (a, live) => [a.password, ...live.flatMap((u) => [u.ha1, u.ha1b])],
    fleet: {
        prefix: "sip",
        count: 12,
        make: (i) => ({ sipConnectionUuid: OPENTACT_CONNECTIONS[i % 2], login: `fault${String(i).padStart(4, "0")}`, password: `fault-password-${i}`, firstName: `User${i}` }),
        update: (a) => ({ ...a, firstName: `${a.firstName}x`, lastName: "Updated" }),
    },
    lifecycle: [
        {
            args: { sipConnectionUuid: OPENTACT_CONNECTIONS[0], login: "alice0001", password: PASSWORD, firstName: "Alice", email: "alice@example.com", dob: "1990-05-17" },
            drift: { patch: { first_name: "Mallory" }, property: "firstName" },
            edit: { args: { lastName: "Anders" }, method: "PATCH", route: "ModifySIPUser", bodyKeys: ["last_name"] },
            replace: { args: { sipConnectionUuid: OPENTACT_CONNECTIONS[1] } },
        },
        // The second form: users under a SIP domain (OpenTact's newer API), the same eight steps.
        {
            args: { sipDomain: OPENTACT_DOMAINS[0], login: "dora00001", password: PASSWORD, firstName: "Dora", gender: "Female", phoneNumber: "+1234567890", remoteIp: "10.0.0.7" },
            drift: { patch: { gender: "Other" }, property: "gender" },
            edit: { args: { firstName: "Dorothea" }, method: "PATCH", route: "ModifySIPUser (domain)", bodyKeys: ["first_name"] },
            replace: { args: { sipDomain: OPENTACT_DOMAINS[1] } },
        },
    ],
};
