/**
 * Messente Verigator's documented exchanges, with no server. Sources: seed 002_dd61c7db283cc10c.txt ("Removing User
 * from Service": URL, X-Service-Auth, 202 and the 401/403/404 table) and, for create, read and list, the reference
 * (shared/reference/vendor-apis.md §5 and its audit: the page's `total` [D], the Java client's `count` [S]).
 */
import * as assert from "assert";
import { NO_RETRIES, assertFieldTypes, assertRequest, documentedContext, exchange } from "../../test/documented";
import { AlreadyExistsError, AuthError, NotFoundError } from "../core/errors";
import { Settings } from "../core/settings";
import { verigatorClient } from "./client";
import { createUser, deleteUser, getUser, listUsers } from "./user/api";

const SEED = "seed 002_dd61c7db283cc10c.txt, Removing User from Service";
const REF = "shared/reference/vendor-apis.md §5";
const BASE = "https://api.verigator.com";
const client = () => verigatorClient(documentedContext(new Settings({ get: (k) => ({ "telephony:verigatorUsername": "messente-api-username", "telephony:verigatorPassword": "messente-api-password", ...NO_RETRIES })[k] }, {})));
const AUTH = { "x-service-auth": "messente-api-username:messente-api-password" };
const USER = { id: "6f1c2b9e-4d3a-4e8f-9a7b-2c1d0e9f8a7b", ctime: "2018-02-19T11:04:48.000Z", id_in_service: "username" };
const USERS_URL = `${BASE}/v1/service/service/my-service-id/users`;
const V = "Messente Verigator";

describe("Messente Verigator documented exchanges (no server)", () => {
    it(`Removing User from Service [${SEED}]: DELETE with X-Service-Auth user:password (raw); 202 with an empty body`, async () => {
        const r = await exchange(V, [{ source: `${SEED}, 202 Accepted`, status: 202 }], () => deleteUser(client(), "my-service-id", USER.id));
        assertRequest(r.sent[0], "DELETE", `${USERS_URL}/${USER.id}`, AUTH);
        assert.strictEqual(r.error, undefined);
    });

    it(`Removing User from Service [${SEED}]: 401, 403 and 404 of the status table become typed errors`, async () => {
        const cases: Array<[number, string, Function, RegExp]> = [
            [401, "Authentication required", AuthError, /X-Service-Auth header/],
            [403, "Forbidden", AuthError, /refused the credentials/],
            [404, "Not found", NotFoundError, /check serviceId/],
        ];
        for (const [status, value, type, hint] of cases) {
            const e = await exchange(V, [{ source: `${SEED}, ${status} ${value}`, status, body: { message: value } }], () => deleteUser(client(), "my-service-id", USER.id));
            assert.ok(e.error instanceof type, `${status}: ${e.error}`);
            assert.match((e.error as Error).message, new RegExp(`^Messente Verigator DeleteUser .* failed with HTTP ${status}\\. vendor said: "${value}"`));
            assert.match((e.error as Error).message, hint);
            assert.ok(!(e.error as Error).message.includes("messente-api-password"));
        }
    });

    it(`CreateUser [${REF}]: POST {id_in_service, phone_number} strings → {id, ctime, id_in_service}; 409 is already-exists`, async () => {
        const body = { id_in_service: "username", phone_number: "+37255512345" };
        const r = await exchange(V, [{ source: `${REF}, create → 201 {id, ctime, id_in_service} [D, S]`, status: 201, body: USER }], () => createUser(client(), "my-service-id", body));
        assertRequest(r.sent[0], "POST", USERS_URL, { ...AUTH, "content-type": "application/json", accept: "application/json" });
        assertFieldTypes(r.sent[0].body, { id_in_service: "string", phone_number: "string" });
        assert.deepStrictEqual(r.result, USER);
        const e = await exchange(V, [{ source: `${REF}, 409 user already exists [D, S]`, status: 409, body: { message: "User already exists" } }], () => createUser(client(), "my-service-id", body));
        assert.ok(e.error instanceof AlreadyExistsError, String(e.error));
    });

    it(`GetUser [${REF}]: GET …/users/{userId} → {id, ctime, id_in_service}`, async () => {
        const r = await exchange(V, [{ source: `${REF}, read [S]`, status: 200, body: USER }], () => getUser(client(), "my-service-id", USER.id));
        assertRequest(r.sent[0], "GET", `${USERS_URL}/${USER.id}`, AUTH);
        assert.deepStrictEqual(r.result, USER);
    });

    it(`ListUsers [${REF}, audit]: the same users whether the answer carries total (the page), count (the Java client) or neither`, async () => {
        const answers: Array<[string, Record<string, unknown>]> = [
            ["reference page: {users, total} [D]", { users: [USER], total: 1 }],
            ["Java client: {users, count} [S]", { users: [USER], count: 1 }],
            ["neither [I]", { users: [USER] }],
            ["a total that disagrees with the list [I]", { users: [USER], total: 0, count: 7 }],
        ];
        for (const [source, body] of answers) {
            const r = await exchange(V, [{ source: `${REF}, ${source}`, status: 200, body }], () => listUsers(client(), "my-service-id"));
            assertRequest(r.sent[0], "GET", USERS_URL, AUTH);
            assert.deepStrictEqual(r.result, [USER], source);
        }
    });
});
