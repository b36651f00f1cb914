// How the test suites make, change and recognise a SmartfloUser at the sandbox (test/lifecycle.ts ResourceSpec). Not in the package.
import * as assert from "assert";
import { SMARTFLO_CALLER_IDS, SMARTFLO_ROLES } from "../../../sandbox/smartflo";
import type { Obj, ResourceSpec } from "../../../test/lifecycle";

const PASSWORD = `sf-user-pass-${"Qm7vR2xT".repeat(3)}`;
const pad = (i: number) => String(i).padStart(2, "0");

export const spec: ResourceSpec = {
    collection: ["smartflo", "users"],
    createRoute: "CreateUser",
    createMark: (a) => `"login_id":"${a.loginId}"`,
    adminId: (o) => String(o.id),
    key: (o) => String(o.login_id),
    expected: (a) => ({ login_id: a.loginId }),
    matches(o: Obj, a: Obj) {
        assert.strictEqual(o.name, a.name);
        assert.strictEqual(o.number, a.number);
        assert.strictEqual(o.email, a.email);
        assert.strictEqual(o.login_id, a.loginId);
        assert.strictEqual(o.user_role, a.userRole);
        assert.strictEqual(o.password, a.password);
        assert.deepStrictEqual(o.caller_id, a.callerId);
        assert.deepStrictEqual(o.agent_group, a.agentGroup ?? []);
        assert.strictEqual(o.status, a.blocked ? 0 : 1);
        assert.strictEqual(o.designation, a.designation ?? null);
        assert.strictEqual(o.login_based_calling, !!a.loginBasedCalling);
        assert.deepStrictEqual(o.user_for_cdr, a.userForCdr ?? null);
        assert.deepStrictEqual(o.department, a.department ?? []);
        assert.strictEqual(o.create_agent, true);
        assert.strictEqual(o.create_web_login, true, "create_web_login is always sent [D]");
        assert.strictEqual(o.time_group, a.timeGroup ?? null, "time_group is a string [D]");
        assert.deepStrictEqual(o.failover_destination, a.failoverDestination ?? null, "failover_destination is an array of strings [D]");
    },
    secrets: (a) => [a.password],
    fleet: {
        prefix: "agent",
        count: 10,
        make: (i) => ({
            name: `Agent ${i}`,
            number: `+9198000000${pad(i)}`,
            email: `agent${i}@example.com`,
            loginId: `agent.${i}`,
            userRole: SMARTFLO_ROLES[1].id,
            password: `sf-fault-password-${i}`,
            callerId: [SMARTFLO_CALLER_IDS[i % 2].id],
            blocked: false,
            designation: "Agent",
        }),
        update: (a) => ({ ...a, designation: "Senior agent" }),
    },
    lifecycle: [
        {
            args: {
                name: "Asha Rao",
                number: "+919812345678",
                email: "asha.rao@example.com",
                loginId: "asha.rao",
                userRole: SMARTFLO_ROLES[0].id,
                password: PASSWORD,
                callerId: [SMARTFLO_CALLER_IDS[0].id],
                agentGroup: ["sales"],
                blocked: false,
                designation: "Sales agent",
                loginBasedCalling: true,
                userForCdr: { type: "agent", value: ["288001"] },
                department: [7],
                timeGroup: "Evening Shift",
                failoverDestination: ["ivr-main", "voicemail"],
            },
            // Smartflo shows the block state as team_member.status (0 = BLOCK): someone blocks the user in the portal.
            drift: { patch: { status: 0 }, property: "blocked" },
            edit: { args: { designation: "Team lead" }, method: "PATCH", route: "PatchUser", bodyKeys: ["destination"] },
            replace: { args: { department: [8] } },
        },
    ],
};
