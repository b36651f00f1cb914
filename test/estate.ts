/**
 * An existing telephony estate in the sandbox, made the way a team's portal work makes one: through the vendors'
 * own APIs (OpenTact, Smartflo, Verigator) or, where the sandbox has no create call (Chime users), its admin API.
 * Deterministic: object i of a size always gets the same values. Used by the export test and benchmark.
 */
import { OPENTACT_CONNECTIONS, OPENTACT_DOMAINS, Sandbox } from "../sandbox";
import { CHIME_ACCOUNT } from "../sandbox/chime";
import { DEFAULT_CREDENTIALS } from "../sandbox/server";
import { SMARTFLO_CALLER_IDS, SMARTFLO_ROLES } from "../sandbox/smartflo";
import { VERIGATOR_SERVICES } from "../sandbox/verigator";
import { SandboxAdmin } from "./harness";

/** A second Chime account, seeded by `seedEstate`, so the export covers more than one. */
export const CHIME_ACCOUNT_2 = "9f8e7d6c-5b4a-4321-8fed-cba987654321";

export interface EstateSize {
    /** OpenTact users under SIP connections. */
    sipUsers: number;
    /** OpenTact users under SIP domains (Generation B). */
    domainUsers: number;
    smartfloUsers: number;
    /** Chime users that hold a primary number (one more user per account holds none and is not exported). */
    chimeNumbers: number;
    verigatorUsers: number;
}

/** What was seeded: the objects `export` must find (Chime users without a number excluded). */
export interface Estate {
    sipUsers: number;
    domainUsers: number;
    smartfloUsers: number;
    chimeNumbers: number;
    verigatorUsers: number;
    /** The vendor logins, ids in service… that need escaping to be resource names. */
    awkwardKeys: string[];
}

/** Calls a vendor's API as a portal would (what seeding an estate does). */
export async function call(method: string, url: string, headers: Record<string, string>, body?: unknown): Promise<any> {
    const r = await fetch(url, { method, headers: { "content-type": "application/json", ...headers }, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await r.text();
    if (!r.ok) throw new Error(`seeding: ${method} ${url}: ${r.status} ${text}`);
    return text ? JSON.parse(text) : undefined;
}

const pad = (i: number, n = 3) => String(i).padStart(n, "0");

/** SIP logins (7 to 15 characters) that are no valid resource name as they are. */
const AWKWARD_LOGINS = ["o'brien.sip", "zoë@desk.1", "sales/ops.01", '"quoted".1', "two words.1", "back\\slash.1", "ünï-cødé.01"];
/** Verigator names the same way. */
const AWKWARD_IDS = ["o'brien", "user with spaces", "a/b::c", "émile+2fa", '"; drop table users; --'];

/**
 * Seeds `size` objects per vendor. OpenTact: domain users across both domains; connection users across both connections, the first seven logins awkward, one login
 * present in both connections (the same key twice), one renamed to a 3-letter login (allowed for an existing
 * user, not a new one), optional fields on every other user. Smartflo: every fifth blocked, optional fields,
 * a name with quotes and accents. Chime: numbers across two accounts. Verigator: across both services.
 */
export async function seedEstate(sb: Sandbox, size: EstateSize): Promise<Estate> {
    const admin = new SandboxAdmin(sb.url);
    const creds = DEFAULT_CREDENTIALS;
    const awkwardKeys: string[] = [];

    // OpenTact, through its API.
    const ot = { "x-auth-token": creds.opentact.token };
    for (let i = 0; i < size.sipUsers; i++) {
        const connection = OPENTACT_CONNECTIONS[i % 2];
        // The last two users share one login, one per connection.
        const shared = i >= size.sipUsers - 2;
        const login = shared ? "shared.login" : i < AWKWARD_LOGINS.length ? AWKWARD_LOGINS[i] : `sip.user.${pad(i)}`;
        if (!shared && i < AWKWARD_LOGINS.length) awkwardKeys.push(login);
        const body: Record<string, unknown> = { login, password: `portal-password-${i}`, first_name: `First${i}` };
        if (i % 2 === 0) Object.assign(body, { last_name: `Last ${i}`, email: `Sip.User${i}@Example.com`, phone_number: `1555${pad(i, 7)}`, dob: "1990-05-17T00:00:00Z", gender: "Non-binary" });
        if (i % 3 === 0) Object.assign(body, { remote_ip: `10.0.${i % 250}.1`, avatar: `https://example.com/avatars/${i}.png` });
        const created = await call("POST", `${sb.vendorUrl("opentact")}/rest/sip/connection/user`, ot, { ...body, sip_connection_uuid: connection });
        if (i === AWKWARD_LOGINS.length && !shared) {
            // Renamed in the portal to a login shorter than a new user may have (3..60 on PATCH, 7..15 on create).
            await call("PATCH", `${sb.vendorUrl("opentact")}/rest/sip/connection/user/${created.payload.uuid}`, ot, { login: `bob${pad(i, 1)}` });
        }
    }

    // OpenTact domain users (by domain name), with the domain API's own genders and a + in phone numbers.
    for (let i = 0; i < size.domainUsers; i++) {
        const body: Record<string, unknown> = { login: `desk.${pad(i)}`, password: `portal-password-d${i}`, first_name: `Desk ${i}` };
        if (i % 2 === 0) Object.assign(body, { gender: ["Male", "Female", "Other"][i % 3], phone_number: `+4930${pad(i, 7)}` });
        await call("POST", `${sb.vendorUrl("opentact")}/rest/sip/domain/${encodeURIComponent(OPENTACT_DOMAINS[i % 2])}/user`, ot, body);
    }

    // Smartflo, through its API (a permanent token).
    const sf = { authorization: `Bearer ${creds.smartflo.token}` };
    for (let i = 0; i < size.smartfloUsers; i++) {
        const loginId = i % 4 === 1 ? `agent.${i}@example.com` : `agent.${pad(i)}`;
        if (i % 4 === 1 && awkwardKeys.length < 40) awkwardKeys.push(loginId);
        const body: Record<string, unknown> = {
            name: i === 0 ? `Zoë "Z" O'Neil` : `Agent ${i}`,
            number: `+9198${pad(i, 8)}`,
            email: `agent${i}@example.com`,
            login_id: loginId,
            user_role: SMARTFLO_ROLES[i % 3].id,
            password: `portal-password-${i}`,
            status: true,
            create_agent: i % 7 !== 3,
            caller_id: [SMARTFLO_CALLER_IDS[i % 2].id],
            create_web_login: i % 2 === 0,
        };
        if (i % 3 === 0) Object.assign(body, { login_based_calling: true, block_web_login: i % 2 === 0, user_for_cdr: { type: "user", value: [`${i}`, `${i + 1}`] } });
        if (i % 5 === 2) Object.assign(body, { time_group: "Evening Shift" });
        const created = await call("POST", `${sb.vendorUrl("smartflo")}/v1/user`, sf, body);
        const patch: Record<string, unknown> = {};
        if (i % 5 === 0) patch.block_agent = true;
        if (i % 2 === 1) patch.destination = `Designation ${i}`;
        if (i % 4 === 2) patch.international_outbound = true;
        if (Object.keys(patch).length) await call("PATCH", `${sb.vendorUrl("smartflo")}/v1/user/${created.data.id}`, sf, patch);
    }

    // Chime: users and numbers through the admin API (the sandbox emulates no user creation).
    await admin.seed("chime", "accounts", { AccountId: CHIME_ACCOUNT_2, Name: "second-account", AccountType: "EnterpriseLWA", DefaultLicense: "Pro" });
    for (let i = 0; i <= size.chimeNumbers + 1; i++) {
        const account = i % 2 ? CHIME_ACCOUNT_2 : CHIME_ACCOUNT;
        // The last two users (one per account) hold no number: nothing to adopt, so not exported.
        // Numbers of the plan (area 206, exchange 200 on): an exported program declares them, and check holds them to it.
        const number = i < size.chimeNumbers ? `+12062${pad(i, 6)}` : null;
        if (number) await admin.seedChimeNumber(number);
        await admin.seedChimeUser({ userId: `estate-user-${pad(i, 4)}`, accountId: account, email: `estate-user-${i}@example.com`, name: `Estate User ${i}`, number });
    }

    // Verigator, through its API.
    const vg = { "x-service-auth": `${creds.verigator.username}:${creds.verigator.password}` };
    for (let i = 0; i < size.verigatorUsers; i++) {
        const idInService = i < AWKWARD_IDS.length ? AWKWARD_IDS[i] : `user.${pad(i)}`;
        if (i < AWKWARD_IDS.length) awkwardKeys.push(idInService);
        await call("POST", `${sb.vendorUrl("verigator")}/v1/service/service/${encodeURIComponent(VERIGATOR_SERVICES[i % 2])}/users`, vg, {
            id_in_service: idInService,
            phone_number: `+3725${pad(i, 7)}`,
        });
    }
    return { sipUsers: size.sipUsers, domainUsers: size.domainUsers, smartfloUsers: size.smartfloUsers, chimeNumbers: size.chimeNumbers, verigatorUsers: size.verigatorUsers, awkwardKeys };
}

/** The export arguments that put the seeded estate in scope. */
export const ESTATE_SCOPE = [
    "--chime-account",
    CHIME_ACCOUNT,
    "--chime-account",
    CHIME_ACCOUNT_2,
    ...VERIGATOR_SERVICES.flatMap((s) => ["--verigator-service", s]),
];
