/**
 * Tata Smartflo's documented exchanges, with no server: the requests the library builds against the documented
 * method, URL, auth header, body field names and types; the documented answers against what the library makes of
 * them. Sources: seed 003_d3d96797d7aca7c6.txt ("Patch a User") and docs.smartflo.tatatelebusiness.com pages.
 */
import * as assert from "assert";
import { NO_RETRIES, assertFieldTypes, assertRequest, documentedContext, exchange } from "../../test/documented";
import { AuthError, InvalidRequestError } from "../core/errors";
import { forgetSecret } from "../core/secrets";
import { Settings } from "../core/settings";
import { smartfloClient } from "./client";
import { smartfloUserAdapter, toCreateBody, toPatchBody } from "./user/adapter";
import { createUser, getUser, patchUser } from "./user/api";

const SEED = "seed 003_d3d96797d7aca7c6.txt, Patch a User";
const LOGIN_PAGE = "https://docs.smartflo.tatatelebusiness.com/reference/generate-a-token";
const CREATE_PAGE = "https://docs.smartflo.tatatelebusiness.com/reference/create-user";
const READ_SOURCE = "shared/reference/vendor-apis.md §2, GET /v1/user/{id} [D]";
const BASE = "https://api-smartflo.tatateleservices.com";
const TOKEN = "permanent-token-from-support";
const withToken = () => smartfloClient(documentedContext(new Settings({ get: (k) => ({ "telephony:smartfloToken": TOKEN, ...NO_RETRIES })[k] }, {})));
const withLogin = () => smartfloClient(documentedContext(new Settings({ get: (k) => ({ "telephony:smartfloEmail": "user@example.com", "telephony:smartfloPassword": "password", ...NO_RETRIES })[k] }, {})));
const V = "Tata Smartflo";

/** The PATCH table of the seed: every field and its data type. */
const PATCH_TYPES = {
    name: "string",
    number: "string",
    email: "string",
    caller_id: "string[]",
    agent_group: "string[]",
    block_agent: "boolean",
    international_outbound: "boolean",
    destination: "string",
    login_id: "string",
    user_role: "string",
    password: "string",
    block_web_login: "boolean",
    user_for_cdr: "object",
    login_based_calling: "boolean",
};

/** The create page's table (array_int → number[], array_string → string[]); route_call_through takes 0/1/2 [D]. */
const CREATE_TYPES = {
    name: "string",
    number: "string",
    create_agent: "boolean",
    create_web_login: "boolean",
    email: "string",
    login_id: "string",
    user_role: "number",
    password: "string",
    status: "boolean",
    block_web_login: "boolean",
    user_for_cdr: "object",
    login_based_calling: "boolean",
    caller_id: "number[]",
    agent_group: "string[]",
    department: "number[]",
    time_group: "string",
    failover_destination: "string[]",
    assign_extension: "boolean",
    route_call_through: "number",
};

const PROPS = {
    name: "Asha Rao",
    number: "+919812345678",
    email: "asha@example.com",
    loginId: "testuser",
    userRole: 54743,
    password: "password-1",
    callerId: [1560602],
    agentGroup: ["sales"],
    blocked: false,
    internationalOutbound: true,
    designation: "Sales agent",
    blockWebLogin: false,
    userForCdr: { type: "agent", value: ["288001"] },
    loginBasedCalling: true,
    createAgent: true,
    department: [7],
    timeGroup: "Evening Shift",
    failoverDestination: ["ivr-1"],
    assignExtension: true,
    routeCallThrough: 2,
};

describe("Tata Smartflo documented exchanges (no server)", () => {
    // The documented login uses the literal password "password": registered as a secret, it would be masked in every
    // later test's messages in this process (a vendor's "Invalid email or password" among them).
    after(() => forgetSecret("password"));

    it(`Generate a Token [${LOGIN_PAGE}]: POST /v1/auth/login {email, password}; the access_token is sent as Bearer`, async () => {
        const r = await exchange(
            V,
            [
                { source: `${LOGIN_PAGE} Success Response`, status: 200, body: { success: true, access_token: "eyJ0eXAiOiJKV1XXXXXXXXXXXXy_geJMxZywZb9v6M0igZkKTuys8", token_type: "bearer", expires_in: 3600, number_of_days_left: 30 } },
                { source: READ_SOURCE, status: 200, body: { data: { id: "288256", name: "Asha Rao", number: "+919812345678", team_member: {}, agent: null } } },
            ],
            () => getUser(withLogin(), "288256"),
        );
        assertRequest(r.sent[0], "POST", `${BASE}/v1/auth/login`, { accept: "application/json", "content-type": "application/json" });
        assert.deepStrictEqual(r.sent[0].body, { email: "user@example.com", password: "password" });
        assert.strictEqual(r.sent[0].headers.authorization, undefined, "the login itself carries no token");
        assertRequest(r.sent[1], "GET", `${BASE}/v1/user/288256`, { authorization: "Bearer eyJ0eXAiOiJKV1XXXXXXXXXXXXy_geJMxZywZb9v6M0igZkKTuys8" });
    });

    it(`Generate a Token [${LOGIN_PAGE}]: both Failed Responses are auth errors naming the config keys (the count when given)`, async () => {
        const failures = [
            { body: { success: false, message: "The username or password is incorrect.", login_failed_count: 1 }, expect: /Failed logins so far: 1/ },
            { body: { success: false, message: "Invalid credentials" }, expect: /vendor said: "Invalid credentials"/ },
        ];
        for (const f of failures) {
            // The HTTP status of the failed responses is not shown [I: 401].
            const r = await exchange(V, [{ source: `${LOGIN_PAGE} Failed Responses`, status: 401, body: f.body }], () => getUser(withLogin(), "288256"));
            assert.ok(r.error instanceof AuthError, String(r.error));
            assert.match((r.error as Error).message, /^Tata Smartflo Login \(POST \/v1\/auth\/login\) failed with HTTP 401/);
            assert.match((r.error as Error).message, /telephony:smartfloEmail and telephony:smartfloPassword/);
            assert.match((r.error as Error).message, f.expect);
        }
    });

    it(`Create User [${CREATE_PAGE}]: POST /v1/user with the page's fields and data types (time_group string, failover_destination string[], create_web_login)`, async () => {
        const r = await exchange(V, [{ source: `${READ_SOURCE}; create answer {success, data:{id, agent_id, agent_extension}} [O]`, status: 200, body: { success: true, message: "User created successfully.", data: { id: "288256", agent_id: "0500288256", agent_extension: "060500288256" } } }], () =>
            createUser(withToken(), toCreateBody(PROPS)),
        );
        assertRequest(r.sent[0], "POST", `${BASE}/v1/user`, { authorization: `Bearer ${TOKEN}`, "content-type": "application/json", accept: "application/json" });
        assertFieldTypes(r.sent[0].body, CREATE_TYPES);
        for (const required of ["name", "number", "create_agent", "create_web_login", "email", "login_id", "user_role", "password", "status", "caller_id"]) {
            assert.ok(required in r.sent[0].body, `required ${required} is sent`);
        }
        assert.deepStrictEqual([r.sent[0].body.time_group, r.sent[0].body.failover_destination], ["Evening Shift", ["ivr-1"]]);
        assert.strictEqual(r.result, "288256");
        // Undeclared, create_web_login is still sent (one version of the page marks it required).
        const { createWebLogin: _omitted, ...bare } = PROPS as Record<string, unknown>;
        assert.strictEqual(toCreateBody(bare).create_web_login, true);
    });

    it(`Patch a User [${SEED}]: PATCH /v1/user/{id} with the table's field names and types, designation as destination`, async () => {
        const r = await exchange(V, [{ source: `${SEED}, response variables Success/Message/Error`, status: 200, body: { success: true, message: "User updated successfully." } }], () =>
            patchUser(withToken(), "288256", toPatchBody(PROPS)),
        );
        assertRequest(r.sent[0], "PATCH", `${BASE}/v1/user/288256`, { authorization: `Bearer ${TOKEN}`, "content-type": "application/json", accept: "application/json" });
        assert.deepStrictEqual(Object.keys(r.sent[0].body).sort(), Object.keys(PATCH_TYPES).sort(), "every field of the table, nothing else");
        assertFieldTypes(r.sent[0].body, PATCH_TYPES);
        assert.strictEqual(r.sent[0].body.destination, "Sales agent");
        assert.strictEqual(r.error, undefined);
    });

    it(`Patch a User [${SEED}]: a 400 whose body says success: true (the seed's own warning) is a failure`, async () => {
        const r = await exchange(V, [{ source: `${SEED}, "in 400 Response where the success variable pops as True"`, status: 400, body: { success: true, message: "User could not be updated.", error: { caller_id: ["The selected caller id is invalid."] } } }], () =>
            patchUser(withToken(), "288256", { caller_id: ["4242"] }),
        );
        assert.ok(r.error instanceof InvalidRequestError, String(r.error));
        assert.match((r.error as Error).message, /failed with HTTP 400\. vendor said: "User could not be updated\."\. fields: caller_id: The selected caller id is invalid\. Smartflo refused the request \(HTTP 400, although its body says success: true\)/);
    });

    it(`Get a User [${READ_SOURCE}]: team_member and agent read as the resource's properties`, async () => {
        const data = {
            id: "288256",
            name: "Asha Rao",
            number: "+919812345678",
            team_member: { designation: "Sales agent", email: "asha@example.com", login_id: "testuser", status: 0, role: { id: 54743, name: "Agent" }, is_login_based_calling: 1, is_web_login_block: 0, users_for_cdr: { type: "agent", value: "288001,288002" } },
            agent: { id: "0500288256", intercom: 1256, is_international_outbound_enabled: true, time_group: { id: 7012, name: "Evening Shift" } },
        };
        const r = await exchange(V, [{ source: READ_SOURCE, status: 200, body: { data } }], () => getUser(withToken(), "288256"));
        assertRequest(r.sent[0], "GET", `${BASE}/v1/user/288256`, { authorization: `Bearer ${TOKEN}` });
        const seen = smartfloUserAdapter.observe({ data: r.result }, { timeGroup: "Evening Shift" });
        assert.deepStrictEqual(
            [seen.designation, seen.blocked, seen.loginBasedCalling, seen.blockWebLogin, seen.userRole, seen.internationalOutbound, seen.timeGroup, seen.userForCdr],
            ["Sales agent", true, true, false, 54743, true, "Evening Shift", { type: "agent", value: ["288001", "288002"] }],
        );
    });
});
