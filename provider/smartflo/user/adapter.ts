import { ConfigError, NotFoundError } from "../../core/errors";
import { Adapter, PartialCreateError, Props, pick, plainImportId } from "../../core/reconciler";
import type { ComputedOf } from "../../core/attributes";
import { fromAttributes } from "../../core/declared";
import { isUnknown, type InputsOf } from "../../core/validation";
import { SmartfloClient, smartfloClient } from "../client";
import { CreateUserBody, PatchUserBody, SmartfloUserData, UserForCdr, UsersForCdrRead, createUser, deleteUser, findUserInList, getUser, patchUser } from "./api";
import { smartfloUserAttributes } from "./schema";
import { smartfloUser } from "./descriptor";

/**
 * What the adapter knows of a user: the vendor's read (`data`, absent when it could not be read) and,
 * right after a create, the values `POST /v1/user` accepted (`sent`) — the only evidence of properties
 * the read never shows, which a partial create must keep so the next `up` does not replace the user.
 */
export interface SmartfloUserLive {
    data?: SmartfloUserData;
    sent?: Props;
}

/** camelCase input → the field of `PATCH /v1/user/{id}` [seed]. */
const PATCH_FIELD: Record<string, keyof PatchUserBody> = {
    name: "name",
    number: "number",
    email: "email",
    loginId: "login_id",
    userRole: "user_role",
    password: "password",
    callerId: "caller_id",
    agentGroup: "agent_group",
    blocked: "block_agent",
    internationalOutbound: "international_outbound",
    designation: "destination", // the seed's name for the designation
    blockWebLogin: "block_web_login",
    userForCdr: "user_for_cdr",
    loginBasedCalling: "login_based_calling",
};

/** Inputs `POST /v1/user` does not take [D]: a create sets them with a follow-up PATCH. */
const PATCH_ONLY = ["blocked", "internationalOutbound", "designation"];

const declared = (v: unknown) => v !== undefined && v !== null;

function cdrBody(v: UserForCdr): UserForCdr {
    return v.value === undefined ? { type: v.type } : { type: v.type, value: [...v.value] };
}

/** The create body: `user_role` an int and `caller_id` int[] here [D]; the schema already made them numbers. */
export function toCreateBody(p: Props): CreateUserBody {
    const body: CreateUserBody = {
        name: p.name,
        number: p.number,
        email: p.email,
        login_id: p.loginId,
        user_role: Number(p.userRole),
        password: p.password,
        status: true, // [I] the required create `status` is the user's active state; blocking is the PATCH's block_agent
        create_agent: p.createAgent ?? true,
        caller_id: (p.callerId as unknown[]).map(Number),
        // Always sent, as one version of the reference marks it required [D]. A user with a login id and a
        // password is a web user, so an undeclared value is true [I].
        create_web_login: p.createWebLogin ?? true,
    };
    const optional: Array<[string, keyof CreateUserBody, (v: any) => any]> = [
        ["blockWebLogin", "block_web_login", Boolean],
        ["loginBasedCalling", "login_based_calling", Boolean],
        ["userForCdr", "user_for_cdr", cdrBody],
        ["agentGroup", "agent_group", (v: string[]) => [...v]],
        ["department", "department", (v: unknown[]) => v.map(Number)],
        ["timeGroup", "time_group", String],
        ["failoverDestination", "failover_destination", (v: unknown[]) => v.map(String)],
        ["assignExtension", "assign_extension", Boolean],
        ["routeCallThrough", "route_call_through", Number],
    ];
    for (const [k, f, conv] of optional) if (declared(p[k])) (body as any)[f] = conv(p[k]);
    return body;
}

/** The PATCH body: `user_role` a string and `caller_id` string[] here [D], whatever type the program used. */
export function toPatchBody(p: Props): PatchUserBody {
    const body: any = {};
    for (const [k, f] of Object.entries(PATCH_FIELD)) {
        if (!declared(p[k])) continue;
        const v = p[k] as any;
        body[f] = k === "userRole" ? String(v) : k === "callerId" ? (v as unknown[]).map(String) : k === "userForCdr" ? cdrBody(v) : v;
    }
    return body;
}

const str = (v: unknown) => (v === undefined || v === null || v === "" ? undefined : String(v));
/** Smartflo flags arrive as booleans or 0/1 [O]. */
const flag = (v: unknown) => (v === undefined || v === null ? undefined : v === true || v === 1 || v === "1" || v === "true");
const num = (v: unknown) => (v === undefined || v === null || v === "" ? undefined : Number(v));

/** `users_for_cdr` as written (`{type, value[]}`): the read's `value` is a comma-separated string or null [O]. */
function cdr(v: UsersForCdrRead | null | undefined): UserForCdr | undefined {
    if (!v || typeof v !== "object" || !v.type) return undefined;
    const raw = v.value;
    const value = Array.isArray(raw) ? raw.map(String) : typeof raw === "string" ? raw.split(",").map((s) => s.trim()).filter(Boolean) : [];
    return { type: v.type, value };
}

/**
 * The time group as declared: the create takes a string such as "Evening Shift" [D], the read shows the agent's
 * `time_group: {id, name}` [O]. Whether that string is the group's name or its id is not documented [I], so a
 * declared value matching either is the same group; otherwise the name is what the user sees.
 */
function timeGroup(tg: { id?: number | string; name?: string } | null | undefined, declared: unknown): string | undefined {
    if (!tg) return undefined;
    const forms = [tg.name, tg.id].filter((v) => v !== undefined && v !== null).map(String);
    if (typeof declared === "string" && forms.includes(declared)) return declared;
    return forms[0];
}

/** The declared inputs the vendor calls receive, typed from the attributes. */
export type SmartfloUserInputs = InputsOf<typeof smartfloUserAttributes>;

const facts = fromAttributes(smartfloUser);

export const smartfloUserAdapter: Adapter<SmartfloUserLive, SmartfloClient, SmartfloUserInputs> = {
    ...facts,
    /**
     * Login id, email and number identify a user at Smartflo [I], so a replacement that keeps any of them
     * must delete the old user first; one that changes all three can create the new one first.
     */
    deleteBeforeReplace: (olds, news) => ["loginId", "email", "number"].some((k) => isUnknown(news[k]) || String(news[k] ?? "").toLowerCase() === String(olds[k] ?? "").toLowerCase()),

    // The seed names the designation's PATCH field `destination`; the twin's page says `designation` [D]. The
    // reconciler names the field when a PATCH was accepted but the read-back shows the designation unchanged.
    fieldName: (property) => (PATCH_FIELD[property] && PATCH_FIELD[property] !== property ? PATCH_FIELD[property] : undefined),

    client: smartfloClient,
    async create(c, inputs) {
        const body = toCreateBody(inputs);
        const id = await createUser(c, body);
        // What the vendor accepted: kept as evidence for properties the read cannot show.
        const sent = pick(inputs, Object.keys(inputs).filter((k) => !PATCH_ONLY.includes(k)));
        const followUp = pick(inputs, PATCH_ONLY);
        try {
            if (Object.keys(followUp).length) await patchUser(c, id, toPatchBody(followUp));
            return { id, live: { data: await getUser(c, id), sent } };
        } catch (e) {
            // The user exists: hand its id to the engine (kept in state, finished by the next `up`), never orphan it.
            const data = await getUser(c, id).catch(() => undefined);
            throw new PartialCreateError(id, { data, sent }, e);
        }
    },
    async find(c, inputs) {
        const item = await findUserInList(c, (u) => u.login_id === inputs.loginId);
        if (!item) return undefined;
        const id = String(item.id);
        const data = await getUser(c, id).catch((e) => {
            if (e instanceof NotFoundError) return undefined; // deleted between list and read
            throw e;
        });
        return data && { id, live: { data } };
    },
    read: async (c, id) => ({ data: await getUser(c, id) }),
    async update(c, id, changed) {
        await patchUser(c, id, toPatchBody(changed));
        return { data: await getUser(c, id) };
    },
    delete: (c, id) => deleteUser(c, id),

    observe(live, state) {
        const out: Props = {};
        // Unobservable properties: as stored, else as the create sent them.
        for (const k of facts.unobservable) out[k] = state[k] ?? live.sent?.[k];
        const d = live.data;
        if (!d) {
            // Not readable right after a create: the values the create was accepted with are the best evidence.
            return { ...live.sent, ...out };
        }
        const tm = d.team_member ?? {};
        const agent = d.agent ?? undefined;
        return {
            ...out,
            name: str(d.name),
            number: str(d.number),
            email: str(tm.email),
            loginId: str(tm.login_id),
            userRole: num(tm.role?.id),
            blocked: tm.status === undefined || tm.status === null ? undefined : Number(tm.status) === 0, // 0 = BLOCK [D]
            internationalOutbound: flag(agent?.is_international_outbound_enabled),
            designation: str(tm.designation),
            blockWebLogin: flag(tm.is_web_login_block),
            userForCdr: cdr(tm.users_for_cdr),
            loginBasedCalling: flag(tm.is_login_based_calling),
            timeGroup: timeGroup(agent?.time_group, state.timeGroup ?? live.sent?.timeGroup),
        };
    },
    computed(live): ComputedOf<typeof smartfloUserAttributes> {
        const agent = live.data?.agent ?? undefined;
        return { agentId: str(agent?.id), intercom: num(agent?.intercom), roleName: str(live.data?.team_member?.role?.name) };
    },
    // Smartflo's user id, as `GET /v1/user/{id}` takes it (the portal's user URL shows it).
    importId: plainImportId("<user id>", (id) => {
        if (!/^\d+$/.test(id)) throw new ConfigError(`${JSON.stringify(id)} is not a SmartfloUser import id: expected Smartflo's user id, a number such as 1234`);
    }),
};
