/**
 * OpenTact's error envelope `{success:false, message, status}` [seed] becomes an error that names the vendor, the
 * operation, the HTTP status, the vendor's message and what to do — one documented case at a time, against the
 * sandbox over HTTP; a duplicate login under each status the sandbox can answer it with (OpenTact documents none).
 */
import * as assert from "assert";
import { OPENTACT_CONNECTIONS, Sandbox, startSandbox } from "../../sandbox";
import { AlreadyExistsError, AuthError, InvalidRequestError, NotFoundError, VendorError } from "../core/errors";
import { Settings } from "../core/settings";
import { createContext } from "../runtime";
import { opentactClient } from "./client";
import { createSipUser, getSipUser, listSipUsers } from "./sip-user/api";

describe("OpenTact error envelopes become actionable errors", () => {
    let sb: Sandbox;
    const client = (cfg: Record<string, string>) =>
        opentactClient(createContext({ settings: new Settings({ get: (k) => ({ "telephony:opentactBaseUrl": sb.vendorUrl("opentact"), ...cfg })[k] }, {}) }));
    before(async () => (sb = await startSandbox()));
    after(() => sb.close());

    const cases: Array<[string, () => Promise<unknown>, Function, RegExp]> = [
        [
            "401 with a wrong token names the token config key",
            () => getSipUser(client({ "telephony:opentactToken": "wrong-token-value-1234" }), { connection: OPENTACT_CONNECTIONS[0] }, "0b7d4c2e-9a1f-4e55-8c3b-000000000000"),
            AuthError,
            /^OpenTact GetSIPUserByUUID failed with HTTP 401\. vendor said: "Invalid token"\. Check telephony:opentactToken \(OPENTACT_TOKEN\)/,
        ],
        [
            "401 at login names the email and password keys",
            () => listSipUsers(client({ "telephony:opentactEmail": "ops@example.com", "telephony:opentactPassword": "wrong-password-5678" }), { connection: OPENTACT_CONNECTIONS[0] }),
            AuthError,
            /^OpenTact GetAuthToken \(GET \/rest\/auth\) failed with HTTP 401\. vendor said: "Invalid email or password"\. Check telephony:opentactEmail and telephony:opentactPassword/,
        ],
        [
            "404 SIP User not found",
            () => getSipUser(client({ "telephony:opentactToken": "sandbox-opentact-token" }), { connection: OPENTACT_CONNECTIONS[0] }, "0b7d4c2e-9a1f-4e55-8c3b-000000000000"),
            NotFoundError,
            /^OpenTact GetSIPUserByUUID failed with HTTP 404\. vendor said: "SIP User not found"/,
        ],
        [
            "400 validation names the field",
            () => createSipUser(client({ "telephony:opentactToken": "sandbox-opentact-token" }), { connection: OPENTACT_CONNECTIONS[0] }, { login: "ab", password: "x1234567" }),
            InvalidRequestError,
            /^OpenTact CreateSIPUser failed with HTTP 400\. vendor said: "login must be a string of 7 to 15 characters"\. Fix the values named above/,
        ],
    ];
    for (const [what, call, type, message] of cases) {
        it(what, async () => {
            const e = await call().then(() => undefined, (x) => x);
            assert.ok(e instanceof type, `expected ${type.name}, got ${e}`);
            assert.match((e as VendorError).message, message);
            assert.ok(!/wrong-token-value-1234|wrong-password-5678/.test((e as Error).message), "no credential in the message");
        });
    }

    for (const [reading, said] of [
        [400, /^OpenTact CreateSIPUser failed with HTTP 400\. vendor said: "SIP User with this login already exists"/],
        [409, /^OpenTact CreateSIPUser failed with HTTP 409\. vendor said: "SIP User with this login already exists"/],
        [422, /^OpenTact CreateSIPUser failed with HTTP 422\. vendor said: "login: already exists"\. fields: login: already exists/],
    ] as const) {
        it(`an existing login answered ${reading} (the sandbox's duplicate reading) is an AlreadyExistsError, not "fix your values"`, async () => {
            await fetch(`${sb.url}/_sandbox/vendors/opentact/duplicate`, { method: "POST", body: JSON.stringify({ status: reading }) });
            const c = client({ "telephony:opentactToken": "sandbox-opentact-token" });
            const login = `taken${reading}`;
            await createSipUser(c, { connection: OPENTACT_CONNECTIONS[0] }, { login, password: "x1234567" });
            const e = await createSipUser(c, { connection: OPENTACT_CONNECTIONS[0] }, { login, password: "x1234567" }).then(() => undefined, (x) => x);
            assert.ok(e instanceof AlreadyExistsError, String(e));
            assert.match(e.message, said);
            assert.doesNotMatch(e.message, /Fix the values/);
        });
    }
});
