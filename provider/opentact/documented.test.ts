/**
 * OpenTact's documented exchanges, with no server: each request the library builds is checked against the
 * documented method, URL, auth header and body fields, and each documented answer against what the library makes
 * of it. Sources: seed 004_eac6f02c2a595fcb.txt (Generation A, section per operation) and the SIP Domain pages
 * of doc.opentact.org (Generation B).
 */
import * as assert from "assert";
import { NO_RETRIES, assertFieldTypes, assertRequest, documentedContext, exchange } from "../../test/documented";
import { AuthError, InvalidRequestError, NotFoundError, ServiceError, VendorError } from "../core/errors";
import { Reconciler } from "../core/reconciler";
import { Settings } from "../core/settings";
import { opentactClient } from "./client";
import { sipUserAdapter, toBody } from "./sip-user/adapter";
import { createSipUser, getSipUser, listSipUsers, modifySipUser, removeSipUser } from "./sip-user/api";

const SEED = "seed 004_eac6f02c2a595fcb.txt";
const MODIFY_PAGE = "https://doc.opentact.org/opentact-api-documentation/sip-domain/modify-sip-user";
const DELETE_PAGE = "https://doc.opentact.org/opentact-api-documentation/sip-domain/deleting-sip-user";
const BASE = "https://api.opentact.org";
const CONNECTION = "66eb0a8a-571e-41b1-8f50-4d97275cfab7"; // the seed's curl samples
const TOKEN = "JWT_TOKEN"; // the seed's header value
const settings = new Settings({ get: (k) => ({ "telephony:opentactToken": TOKEN, ...NO_RETRIES })[k] }, {});
const client = () => opentactClient(documentedContext(settings));
const HEADERS = { "x-auth-token": TOKEN, accept: "application/json" };

/** The seed's user sample (200 of GetSIPUserByUUID, CreateSIPUser, ModifySIPUser, RemoveSIPUserByUUID). */
const SEED_USER = {
    created_on: "2019-08-24T14:15:22Z",
    modified_on: "2019-08-24T14:15:22Z",
    uuid: "string",
    login: "string",
    ha1: "string",
    ha1b: "string",
    remote_ip: "string",
    first_name: "string",
    last_name: "string",
    email: "string",
    phone_number: "string",
    avatar: "string",
    dob: "2019-08-24T14:15:22Z",
    gender: "Agender",
    groups: [],
    sip_connection: {},
    account: {},
    created_by: { uuid: "string", email: "string", password: "string", token: "string", role: "Admin" },
    modified_by: { uuid: "string", email: "string", password: "string", token: "string", role: "Admin" },
};
const ok = (source: string, payload: unknown) => ({ source, status: 200, body: { success: true, payload } });
/** The seed's error samples: `{success:false, message:"string", status}`; the HTTP status is the sample's tab. */
const seedError = (source: string, status: number, bodyStatus = status) => ({ source, status, body: { success: false, message: "string", status: bodyStatus } });

/** The SIP Domain pages' user sample: the domain by name, a `+` phone number, no ha1 and no uuid of the domain [D]. */
const DOMAIN_USER = {
    uuid: "0116f6d1-1280-44b2-9134-da48509ec575",
    email: "info@opentact.org",
    state: "online",
    is_active: true,
    created_on: "2022-12-29T13:17:57.745Z",
    modified_on: "2022-12-29T13:17:57.745Z",
    phone_number: "+1234567890",
    dob: "2022-12-29T13:17:57.745Z",
    avatar: "https://google/image.png",
    first_name: "First Name",
    last_name: "Last Name",
    gender: "Female",
    login: "login_name",
    sip_domain: { domain: "abc.sip.opentact.org", created_on: "2022-12-29T13:17:57.745Z", modified_on: "2022-12-29T13:17:57.745Z" },
    same_domain_calls_only: false,
    groups: [],
};
/** The SIP Domain pages' error sample, with `meta` and `fields` [D]. */
const DOMAIN_ERROR = {
    success: false,
    message: "string",
    status: 500,
    meta: "string",
    fields: { "params.to": { message: "invalid integer number", value: "qwerty123456789" } },
};
const DOMAIN = { domain: "abc.sip.opentact.org" };
const DOMAIN_USER_URL = `${BASE}/rest/sip/domain/abc.sip.opentact.org/user/0116f6d1-1280-44b2-9134-da48509ec575`;

/** The body fields and types of the seed's curl sample for CreateSIPUser and ModifySIPUser (all strings). */
const CURL_FIELDS = Object.fromEntries(
    ["login", "password", "first_name", "last_name", "email", "phone_number", "avatar", "dob", "gender", "remote_ip", "sip_connection_uuid"].map((f) => [f, "string"]),
);

const V = "OpenTact";

describe("OpenTact documented exchanges (no server)", () => {
    it(`ListSIPUsersBySIPConnectionUUID [${SEED}, ListSIPUsersBySIPConnectionUUID]: request and 200, 401, 404 samples`, async () => {
        const r = await exchange(V, [ok(`${SEED} ListSIPUsersBySIPConnectionUUID 200`, [SEED_USER])], () => listSipUsers(client(), { connection: CONNECTION }));
        assertRequest(r.sent[0], "GET", `${BASE}/rest/sip/connection/${CONNECTION}/users`, HEADERS);
        assert.strictEqual(r.sent[0].body, undefined);
        assert.deepStrictEqual(r.result?.map((u) => u.login), ["string"]);
        for (const [status, type] of [[401, AuthError], [404, NotFoundError]] as const) {
            const e = await exchange(V, [seedError(`${SEED} ListSIPUsersBySIPConnectionUUID ${status}`, status)], () => listSipUsers(client(), { connection: CONNECTION }));
            assert.ok(e.error instanceof type, `${status}: ${e.error}`);
            assert.match((e.error as Error).message, new RegExp(`^OpenTact ListSIPUsersBySIPConnectionUUID failed with HTTP ${status}\\. vendor said: "string"`));
        }
    });

    it(`CreateSIPUser [${SEED}, CreateSIPUser curl sample]: POST /rest/sip/connection/user with the curl sample's fields, all strings`, async () => {
        const props = { login: "alice0001", password: "pw-123456", firstName: "A", lastName: "B", email: "a@example.com", phoneNumber: "15551234", avatar: "https://x.example/a.png", dob: "2020-10-29T14:01:11Z", gender: "Agender", remoteIp: "10.0.0.1" };
        const r = await exchange(V, [ok(`${SEED} CreateSIPUser 200`, SEED_USER)], () => createSipUser(client(), { connection: CONNECTION }, toBody(props, { connection: CONNECTION })));
        assertRequest(r.sent[0], "POST", `${BASE}/rest/sip/connection/user`, { ...HEADERS, "content-type": "application/json" });
        assert.deepStrictEqual(Object.keys(r.sent[0].body).sort(), Object.keys(CURL_FIELDS).sort(), "every field of the curl sample, nothing else");
        assertFieldTypes(r.sent[0].body, CURL_FIELDS);
        assert.strictEqual(r.sent[0].body.sip_connection_uuid, CONNECTION);
        assert.strictEqual(r.result?.uuid, "string");
        // The error sample's status is 0; its HTTP status is not shown [I: a 400].
        const e = await exchange(V, [seedError(`${SEED} CreateSIPUser error sample`, 400, 0)], () => createSipUser(client(), { connection: CONNECTION }, toBody(props, { connection: CONNECTION })));
        assert.ok(e.error instanceof InvalidRequestError, String(e.error));
        assert.match((e.error as Error).message, /^OpenTact CreateSIPUser failed with HTTP 400\. vendor said: "string"\. Fix the values named above/);
    });

    it(`ModifySIPUser [${SEED}, ModifySIPUser]: PATCH /rest/sip/connection/user/{uuid} with only the changed field`, async () => {
        const r = await exchange(V, [ok(`${SEED} ModifySIPUser 200`, SEED_USER)], () => modifySipUser(client(), { connection: CONNECTION }, CONNECTION, toBody({ firstName: "string" }, { connection: CONNECTION })));
        assertRequest(r.sent[0], "PATCH", `${BASE}/rest/sip/connection/user/${CONNECTION}`, { ...HEADERS, "content-type": "application/json" });
        assert.deepStrictEqual(r.sent[0].body, { first_name: "string" });
        assert.strictEqual(r.result?.first_name, "string");
    });

    it(`GetSIPUserByUUID [${SEED}, GetSIPUserByUUID]: request, 200 read as the resource's properties, 401 and 404 samples`, async () => {
        const r = await exchange(V, [ok(`${SEED} GetSIPUserByUUID 200`, SEED_USER)], () => getSipUser(client(), { connection: CONNECTION }, CONNECTION));
        assertRequest(r.sent[0], "GET", `${BASE}/rest/sip/connection/user/${CONNECTION}`, HEADERS);
        const observed = sipUserAdapter.observe(r.result!, {});
        assert.deepStrictEqual([observed.login, observed.gender, observed.dob, observed.remoteIp], ["string", "Agender", "2019-08-24T14:15:22Z", "string"]);
        const computed = sipUserAdapter.computed(r.result!, "string");
        assert.ok(!JSON.stringify(computed).includes("Admin"), "nothing of created_by/modified_by is copied");
        for (const [status, type] of [[401, AuthError], [404, NotFoundError]] as const) {
            const e = await exchange(V, [seedError(`${SEED} GetSIPUserByUUID ${status}`, status)], () => getSipUser(client(), { connection: CONNECTION }, CONNECTION));
            assert.ok(e.error instanceof type, `${status}: ${e.error}`);
        }
    });

    it(`RemoveSIPUserByUUID [${SEED}, RemoveSIPUserByUUID]: DELETE, 200 (the deleted user) and 404`, async () => {
        const r = await exchange(V, [ok(`${SEED} RemoveSIPUserByUUID 200`, SEED_USER)], () => removeSipUser(client(), { connection: CONNECTION }, CONNECTION));
        assertRequest(r.sent[0], "DELETE", `${BASE}/rest/sip/connection/user/${CONNECTION}`, HEADERS);
        assert.strictEqual(r.error, undefined);
        const e = await exchange(V, [seedError(`${SEED} RemoveSIPUserByUUID 404`, 404)], () => removeSipUser(client(), { connection: CONNECTION }, CONNECTION));
        assert.ok(e.error instanceof NotFoundError, String(e.error));
    });

    it(`Modify SIP User [${MODIFY_PAGE}]: PATCH by domain name; the sample reads back with the domain's name and a + phone number`, async () => {
        const r = await exchange(V, [ok(MODIFY_PAGE, DOMAIN_USER)], () => modifySipUser(client(), DOMAIN, DOMAIN_USER.uuid, toBody({ phoneNumber: "+1234567890" }, DOMAIN)));
        assertRequest(r.sent[0], "PATCH", DOMAIN_USER_URL, { ...HEADERS, "content-type": "application/json" });
        assert.deepStrictEqual(r.sent[0].body, { phone_number: "+1234567890" });
        const observed = sipUserAdapter.observe(r.result!, { sipDomain: "abc.sip.opentact.org" });
        assert.deepStrictEqual([observed.sipDomain, observed.phoneNumber, observed.gender, observed.login], ["abc.sip.opentact.org", "+1234567890", "Female", "login_name"]);
    });

    it(`Deleting SIP User [${DELETE_PAGE}]: DELETE by domain name, and the meta/fields error sample reaches the message (value left out)`, async () => {
        const r = await exchange(V, [ok(DELETE_PAGE, DOMAIN_USER)], () => removeSipUser(client(), DOMAIN, DOMAIN_USER.uuid));
        assertRequest(r.sent[0], "DELETE", DOMAIN_USER_URL, HEADERS);
        assert.strictEqual(r.error, undefined);
        const e = await exchange(V, [{ source: `${DELETE_PAGE} error sample`, status: 500, body: DOMAIN_ERROR }], () => removeSipUser(client(), DOMAIN, DOMAIN_USER.uuid));
        assert.ok(e.error instanceof ServiceError, String(e.error));
        assert.deepStrictEqual((e.error as VendorError).fields, { "params.to": ["invalid integer number"] });
        assert.match((e.error as Error).message, /^OpenTact RemoveSIPUserByUUID failed with HTTP 500\. vendor said: "string"\. fields: params\.to: invalid integer number\./);
        assert.ok(!(e.error as Error).message.includes("qwerty123456789"), "the rejected value (possibly a password) is not repeated");
    });

    it(`refresh of a domain user [${MODIFY_PAGE}]: the domain is read from sip_domain.domain; an answer without it keeps the stored domain (never null)`, async () => {
        const reconciler = new Reconciler(sipUserAdapter, documentedContext(settings));
        const state = { sipDomain: "abc.sip.opentact.org", login: "login_name", password: "pw", gender: "Female" };
        const seen = await exchange(V, [ok(MODIFY_PAGE, DOMAIN_USER)], () => reconciler.read(DOMAIN_USER.uuid, state));
        assertRequest(seen.sent[0], "GET", DOMAIN_USER_URL, HEADERS);
        assert.strictEqual(seen.result?.inputs?.sipDomain, "abc.sip.opentact.org");
        const { sip_domain: _dropped, ...withoutDomain } = DOMAIN_USER;
        const unseen = await exchange(V, [ok(`${MODIFY_PAGE}, without sip_domain [I]`, withoutDomain)], () => reconciler.read(DOMAIN_USER.uuid, state));
        assert.strictEqual(unseen.result?.inputs?.sipDomain, "abc.sip.opentact.org", "an identity the vendor does not echo is not nulled");
        assert.strictEqual(unseen.result?.inputs?.gender, "Female");
    });
});
