// How the test suites make, change and recognise a NumberAssignment at the sandbox (test/lifecycle.ts ResourceSpec). Not in the package.
import * as assert from "assert";
import { IPPANEL_NUMBERS, IPPANEL_USERS } from "../../../sandbox/ippanel";
import type { Obj, ResourceSpec } from "../../../test/lifecycle";

const pad = (i: number) => String(i).padStart(2, "0");

/** The numbers the fleet assigns, seeded beside the sandbox's own. */
const FLEET_NUMBERS = Array.from({ length: 10 }, (_, i) => ({ id: 100 + i, number: `+98300060${pad(i)}`, operator_id: 1, alias: null, gets: true, is_66_char: false }));
const numberId = (n: string) => [...IPPANEL_NUMBERS, ...FLEET_NUMBERS].find((x) => x.number === n)!.id;
const userId = (u: string) => IPPANEL_USERS.find((x) => x.username === u)!.id;

export const spec: ResourceSpec = {
    collection: ["ippanel", "assignments"],
    createRoute: "AssignNumber",
    createMark: (a) => `"number":"${a.number}"`,
    adminId: (o) => String(o.id),
    key: (o) => String(o.number_id),
    expected: (a) => ({ number_id: a.numberId ?? numberId(a.number) }),
    matches(o: Obj, a: Obj) {
        assert.strictEqual(o.number_id, a.numberId ?? numberId(a.number));
        assert.strictEqual(o.user_id, a.targetUserId ?? userId(a.targetUser));
        assert.strictEqual(o.send, a.send);
        assert.strictEqual(o.gets, a.gets);
    },
    secrets: () => [],
    async seed(admin) {
        for (const n of FLEET_NUMBERS) await admin.seed("ippanel", "numbers", n);
    },
    fleet: {
        prefix: "assign",
        count: FLEET_NUMBERS.length,
        make: (i) => ({ number: FLEET_NUMBERS[i].number, targetUser: i % 2 ? "seconduser" : "testuser", send: true, gets: false }),
        // Flags cannot change in place: a replacement, deleting first (one assignee per number).
        update: (a) => ({ ...a, gets: true }),
    },
    lifecycle: [
        {
            args: { number: "+983000505", targetUser: "testuser", send: true, gets: false },
            drift: {
                unobservable:
                    "IPPanel has no call that shows who holds a number or the assignment's send/gets, so ownership drift cannot be seen " +
                    "(a deleted number is: see the focused test)",
            },
            edit: { unsupported: "IPPanel has no call that changes an assignment; every change replaces it" },
            // The same number moves to another user: the old assignment must go first (one assignee per number).
            replace: { args: { targetUser: "seconduser" } },
        },
    ],
};
