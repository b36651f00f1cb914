import { createHash } from "crypto";
import { VendorHttpClient } from "../../core/http";
import { Adapter, ImportIdFormat, Props } from "../../core/reconciler";
import { ConfigError } from "../../core/errors";
import { opentactClient } from "../client";
import { SipUserBody, SipUserLive, SipUserParent, createSipUser, getSipUser, listSipUsers, modifySipUser, removeSipUser } from "./api";
import type { ComputedOf } from "../../core/attributes";
import { fromAttributes } from "../../core/declared";
import { e164Digits, sameNumber } from "../../core/phone-number";
import type { InputsOf } from "../../core/validation";
import { normalizeDob, sipUserAttributes } from "./schema";
import { sipUser } from "./descriptor";

/** camelCase input → the API's snake_case field. */
const FIELD: Record<string, keyof SipUserBody> = {
    login: "login",
    password: "password",
    firstName: "first_name",
    lastName: "last_name",
    email: "email",
    phoneNumber: "phone_number",
    avatar: "avatar",
    dob: "dob",
    gender: "gender",
    remoteIp: "remote_ip",
};

/**
 * The request body of `props` for a user under `parent`. The phone number (held in E.164) goes out in the parent's
 * form: OpenTact's digits under a connection (the seed types `phone_number` a number: no `+` [seed]; the digits are the
 * country code and number, as the order API's `tn: 12029822917` [D, I for this field]), with its `+` under a domain
 * (the domain pages show `"+1234567890"` [D]).
 */
export function toBody(props: Props, parent: SipUserParent): SipUserBody {
    const body: SipUserBody = {};
    for (const [k, f] of Object.entries(FIELD)) if (props[k] !== undefined && props[k] !== null) body[f] = String(props[k]);
    if (body.phone_number !== undefined) body.phone_number = parent.domain !== undefined ? `+${e164Digits(body.phone_number)}` : e164Digits(body.phone_number);
    return body;
}

/** The parent named by the inputs or the stored outputs: a connection (Generation A) or a domain (B). */
function parent(props: Props): SipUserParent {
    return props.sipDomain ? { domain: props.sipDomain } : { connection: props.sipConnectionUuid };
}

/**
 * Digest realms to try when proving a password from `ha1` = md5(login:realm:password) [I: OpenTact does not document
 * its realm; the sandbox's is the first]. A domain user's own domain name is tried too.
 */
export const OPENTACT_REALMS = ["sip.opentact.org"];

/** Whether `ha1` proves that the user's password is `password`. */
export function passwordProven(live: SipUserLive, password: string): boolean {
    // A domain user is shown as `sip_domain: {domain, …}` (and, per the SIP Domain pages, without ha1 at all).
    const realms = [...OPENTACT_REALMS, ...(live.sip_domain?.domain ? [live.sip_domain.domain] : [])];
    return live.ha1 !== undefined && realms.some((realm) => createHash("md5").update(`${live.login}:${realm}:${password}`).digest("hex") === live.ha1);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * `pulumi import` ids: a user is read under its parent, so the id names both — `<sipConnectionUuid>/<uuid>` or
 * `<sipDomain>/<uuid>` (a uuid or a host name before the slash). The resource is stored under the user's uuid, as
 * a created one is.
 */
export const sipUserImportId: ImportIdFormat = {
    format: "<sipConnectionUuid>/<uuid> or <sipDomain>/<uuid>",
    parse(importId) {
        const i = importId.lastIndexOf("/");
        const [parentId, uuid] = [importId.slice(0, i), importId.slice(i + 1)];
        if (i <= 0 || !UUID.test(uuid)) {
            throw new ConfigError(
                `${JSON.stringify(importId)} is not a SipUser import id: expected ${sipUserImportId.format}, e.g. ` +
                    `66eb0a8a-571e-41b1-8f50-4d97275cfab7/<the user's uuid> or acme.sip.opentact.org/<the user's uuid> ` +
                    "(OpenTact reads a user under its connection or domain)",
            );
        }
        return { id: uuid, state: UUID.test(parentId) ? { sipConnectionUuid: parentId.toLowerCase() } : { sipDomain: parentId.toLowerCase() } };
    },
    of: (id, state) => `${state.sipDomain ?? state.sipConnectionUuid}/${id}`,
};

const given = (v: unknown) => v !== undefined && v !== null;
const PHONE_RULE = sipUserAttributes.phoneNumber.phone!;

const str = (v: unknown) => (v === undefined || v === null || v === "" ? undefined : String(v));

/** The declared inputs the vendor calls receive, typed from the attributes. */
export type SipUserInputs = InputsOf<typeof sipUserAttributes>;

const facts = fromAttributes(sipUser);

export const sipUserAdapter: Adapter<SipUserLive, VendorHttpClient, SipUserInputs> = {
    ...facts,
    // The SIP Domain pages show domain users without `ha1` [D]: nothing reveals a password changed in the portal.
    unobservableIn: (state) => (state.sipDomain ? ["password"] : []),

    client: opentactClient,

    async create(c, inputs) {
        const live = await createSipUser(c, parent(inputs), toBody(inputs, parent(inputs)));
        return { id: live.uuid, live };
    },
    async find(c, inputs) {
        const users = await listSipUsers(c, parent(inputs));
        const live = users.find((u) => u.login === inputs.login);
        return live && { id: live.uuid, live };
    },
    /** `created_on` [seed]: recovery never takes a user created before this stack first sent its create. */
    createdAt: (live) => live.created_on,
    /**
     * The extra check on a user found for a create this stack's own record says it sent (never proof on its own: another
     * stack with the same program and secrets makes the same user): every field OpenTact shows equals the declaration,
     * and the password is proven by `ha1` where OpenTact shows it (a domain user has none [D]).
     */
    async confirm(_c, inputs, found) {
        const observed = sipUserAdapter.observe(found.live, {});
        const norm = (k: string, v: unknown) => JSON.stringify(v === undefined || v === null ? null : (sipUserAdapter.normalize?.(k, v) ?? v));
        // A number OpenTact shows as digits is the declared one when it can mean it (its readings, core/phone-number.ts).
        const same = (k: string, a: unknown, b: unknown) => (k === "phoneNumber" && given(a) && given(b) ? sameNumber(a, b, PHONE_RULE) : norm(k, a) === norm(k, b));
        const differing = Object.keys(inputs).filter((k) => k !== "password" && !same(k, observed[k], (inputs as Props)[k]));
        if (differing.length) return `its ${differing.join(", ")} ${differing.length === 1 ? "differs" : "differ"} from the declaration`;
        if (found.live.ha1 !== undefined && inputs.password !== undefined && !passwordProven(found.live, String(inputs.password))) {
            return "its password, as its ha1 digest shows it, is not the declared one";
        }
        return true;
    },
    read: (c, id, state) => getSipUser(c, parent(state), id),
    update: (c, id, changed, news) => modifySipUser(c, parent(news), id, toBody(changed, parent(news))),
    delete: (c, id, state) => removeSipUser(c, parent(state), id),

    observe(live, state) {
        // The password is write-only, but OpenTact derives ha1 from login and password: an unchanged login
        // with a changed ha1 means the password was changed behind our back. Report it as unknown (null),
        // so refresh shows drift and the next `up` sets it again. Without a stored ha1 (adopt), trust state.
        const passwordSeen = state.ha1 === undefined || (live.ha1 === state.ha1 && live.login === state.login);
        return {
            // The parent: a domain user shows `sip_domain: {domain, …}`, its name [D]; a connection user its connection.
            // One the vendor does not echo keeps its stored value (the reconciler's rule for replace-properties).
            ...(state.sipDomain || live.sip_domain ? { sipDomain: live.sip_domain?.domain } : { sipConnectionUuid: live.sip_connection?.uuid }),
            login: live.login,
            password: passwordSeen ? state.password : undefined,
            firstName: str(live.first_name),
            lastName: str(live.last_name),
            email: str(live.email),
            phoneNumber: str(live.phone_number),
            avatar: str(live.avatar),
            dob: live.dob ? normalizeDob(live.dob) : undefined,
            gender: str(live.gender),
            remoteIp: str(live.remote_ip),
        };
    },
    computed(live): ComputedOf<typeof sipUserAttributes> {
        return { uuid: live.uuid, ha1: live.ha1, ha1b: live.ha1b, createdOn: live.created_on, modifiedOn: live.modified_on };
    },
    importId: sipUserImportId,
};
