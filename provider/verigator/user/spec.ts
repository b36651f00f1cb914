// How the test suites make, change and recognise a VerigatorUser at the sandbox (test/lifecycle.ts ResourceSpec). Not in the package.
import * as assert from "assert";
import { DEFAULT_CREDENTIALS, Sandbox } from "../../../sandbox";
import { VERIGATOR_SERVICES } from "../../../sandbox/verigator";
import type { Obj, ResourceSpec } from "../../../test/lifecycle";

const { username, password } = DEFAULT_CREDENTIALS.verigator;

export const spec: ResourceSpec = {
    collection: ["verigator", "users"],
    createRoute: "CreateUser",
    createMark: (a) => `"id_in_service":"${a.idInService}"`,
    adminId: (o) => o.id,
    key: (o) => `${o.service_id}/${o.id_in_service}`,
    expected: (a) => ({ service_id: a.serviceId, id_in_service: a.idInService }),
    matches(o: Obj, a: Obj) {
        assert.strictEqual(o.service_id, a.serviceId);
        assert.strictEqual(o.id_in_service, a.idInService);
        // The sandbox keeps the phone number it was sent, although the API never shows it.
        assert.strictEqual(o.phone_number, a.phoneNumber);
    },
    secrets: () => [],
    fleet: {
        prefix: "verigator",
        count: 10,
        make: (i) => ({ serviceId: VERIGATOR_SERVICES[i % 2], idInService: `user${i}`, phoneNumber: `+3725550${1000 + i}` }),
        // No update endpoint: a new phone number replaces the user, deleting first (one user per name).
        update: (a) => ({ ...a, phoneNumber: `+3725551${a.phoneNumber.slice(-4)}` }),
    },
    lifecycle: [
        {
            // The username is a secret here too: the state must not hold it, nor the Basic credentials made of it.
            config: (sb: Sandbox) => ({
                "telephony:verigatorBaseUrl": { value: sb.vendorUrl("verigator") },
                "telephony:verigatorUsername": { value: username, secret: true },
                "telephony:verigatorPassword": { value: password, secret: true },
            }),
            credentials: [password, username, `${username}:${password}`],
            args: { serviceId: VERIGATOR_SERVICES[0], idInService: "alice", phoneNumber: "+37255512345" },
            drift: {
                unobservable:
                    "the only property that can differ, phoneNumber, is never returned by Verigator, and idInService cannot change " +
                    "(no update endpoint); the drift Verigator can show, a user deleted out of band, is a focused test below",
            },
            edit: { unsupported: "Verigator has no update endpoint: every change replaces the user" },
            // Same idInService, new phone: the old user must go first (409 otherwise), which this step would catch.
            replace: { args: { phoneNumber: "+37255598765" } },
        },
    ],
};
