// How the test suites make, change and recognise a ChimeUserNumber at the sandbox (test/lifecycle.ts ResourceSpec). Not in the package.
import * as assert from "assert";
import { DEFAULT_CREDENTIALS } from "../../../sandbox";
import { CHIME_ACCOUNT, CHIME_NUMBERS, CHIME_USERS } from "../../../sandbox/chime";
import type { Obj, ResourceSpec } from "../../../test/lifecycle";

const FLEET = 8;

export const spec: ResourceSpec = {
    collection: ["chime", "users"],
    // The managed object is an association: a user that has a primary number (the sandbox seeds none).
    live: async (admin) => (await admin.objects("chime", "users")).filter((u) => u.PrimaryProvisionedNumber),
    createRoute: "AssociatePhoneNumberWithUser",
    // The user is named in the path, not the body.
    createMark: (a) => `/users/${a.userId}?`,
    adminId: (u) => u.UserId,
    key: (o) => String(o.UserId),
    expected: (a) => ({ UserId: a.userId }),
    matches(u: Obj, a: Obj) {
        assert.strictEqual(u.AccountId, a.accountId);
        assert.strictEqual(u.UserId, a.userId);
        assert.strictEqual(u.PrimaryProvisionedNumber, a.e164PhoneNumber);
    },
    secrets: () => [],
    async seed(admin) {
        for (let i = 0; i < FLEET; i++) {
            await admin.seedChimeUser({ userId: `fault-user-${i}`, accountId: CHIME_ACCOUNT, email: `fault-user-${i}@example.com`, name: `Fault User ${i}` });
            for (const n of [200 + i, 300 + i]) await admin.seedChimeNumber(`+12065550${n}`);
        }
    },
    fleet: {
        prefix: "chime",
        count: FLEET,
        make: (i) => ({ accountId: CHIME_ACCOUNT, userId: `fault-user-${i}`, e164PhoneNumber: `+12065550${200 + i}` }),
        update: (a) => ({ ...a, e164PhoneNumber: `+12065550${300 + Number(a.userId.slice(-1))}` }),
    },
    lifecycle: [
        {
            credentials: [DEFAULT_CREDENTIALS.chime.secretAccessKey],
            args: { accountId: CHIME_ACCOUNT, userId: CHIME_USERS[0], e164PhoneNumber: CHIME_NUMBERS[0] },
            drift: { patch: { PrimaryProvisionedNumber: CHIME_NUMBERS[1] }, property: "e164PhoneNumber" },
            edit: {
                unsupported:
                    "the only mutable property is the number, and a number change is two writes by design (DisassociatePhoneNumberFromUser then " +
                    "AssociatePhoneNumberWithUser); the Chime suite below asserts exactly that pair",
            },
            replace: { args: { userId: CHIME_USERS[1] } },
        },
    ],
};
