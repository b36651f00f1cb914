/** The resources the fault suite declares, per vendor: how to make, update and recognise each at the vendor. */
import * as assert from "assert";
import { OPENTACT_CONNECTIONS } from "../sandbox";
import { CHIME_ACCOUNT } from "../sandbox/chime";
import { SMARTFLO_CALLER_IDS, SMARTFLO_ROLES } from "../sandbox/smartflo";
import { VERIGATOR_SERVICES } from "../sandbox/verigator";
import { typeNameOf } from "../provider/core/descriptor";
import { chimeUserNumber } from "../provider/chime/user-number/descriptor";
import { numberAssignment } from "../provider/ippanel/number-assignment/descriptor";
import { sipUser } from "../provider/opentact/sip-user/descriptor";
import { smartfloUser } from "../provider/smartflo/user/descriptor";
import { verigatorUser } from "../provider/verigator/user/descriptor";
import { RESOURCES, ResourceKind } from "../provider/registry";
import { SandboxAdmin } from "./harness";

type Obj = Record<string, any>;

export interface FaultResource {
    type: string;
    prefix: string;
    count: number;
    make(i: number): Obj;
    update(args: Obj): Obj;
    live(admin: SandboxAdmin): Promise<Obj[]>;
    /** A natural key that identifies an object at the vendor (two objects with one key = a duplicate). */
    key(o: Obj): string;
    /** The vendor object's key fields as the declared args give them (so `key` applies to both). */
    expected(args: Obj): Obj;
    matches(o: Obj, args: Obj): void;
    /** Secret values in the declared args and in the vendor objects (passwords, digests). */
    secrets(args: Obj, live: Obj[]): string[];
    /** Objects the vendor must hold first (numbers, users), seeded through the admin API. */
    seed?(admin: SandboxAdmin): Promise<void>;
}

/** The sandbox routes (names) that create each vendor's object: the ones whose answers a test holds back. */
export const CREATE_ROUTES = ["CreateSIPUser", "CreateUser", "AssignNumber", "AssociatePhoneNumberWithUser"];

const pad = (i: number, n = 2) => String(i).padStart(n, "0");

/** Seeds every vendor's prerequisites (once per sandbox). */
export async function seedVendors(admin: SandboxAdmin): Promise<void> {
    for (const spec of FAULT_RESOURCES) await spec.seed?.(admin);
}

// Kept here for the files that import them from the fault suite: they live in the harness.
export { vendorConfig, vendorEnv } from "./harness";

/** Per kind of the registry (a kind without a spec fails to compile): how the fault suite makes and checks it. */
const SPECS: { [K in ResourceKind]: Omit<FaultResource, "type"> } = {
    [sipUser.kind]: {
        prefix: "sip",
        count: 12,
        make: (i) => ({ sipConnectionUuid: OPENTACT_CONNECTIONS[i % 2], login: `fault${String(i).padStart(4, "0")}`, password: `fault-password-${i}`, firstName: `User${i}` }),
        update: (a) => ({ ...a, firstName: `${a.firstName}x`, lastName: "Updated" }),
        live: (admin) => admin.objects("opentact", "users"),
        key: (o) => `${o.sip_connection_uuid}/${o.login}`,
        expected: (a) => ({ sip_connection_uuid: a.sipConnectionUuid, login: a.login }),
        matches(o, a) {
            assert.strictEqual(o.first_name, a.firstName);
            assert.strictEqual(o.last_name, a.lastName ?? null);
            assert.strictEqual(o.password, a.password);
        },
        secrets: (a, live) => [a.password, ...live.flatMap((u) => [u.ha1, u.ha1b])],
    },
    [smartfloUser.kind]: {
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
        live: (admin) => admin.objects("smartflo", "users"),
        key: (o) => String(o.login_id),
        expected: (a) => ({ login_id: a.loginId }),
        matches(o, a) {
            assert.strictEqual(o.name, a.name);
            assert.strictEqual(o.email, a.email);
            assert.strictEqual(o.designation, a.designation);
            assert.strictEqual(o.password, a.password);
        },
        secrets: (a) => [a.password],
    },
    [numberAssignment.kind]: {
        prefix: "assign",
        count: 10,
        async seed(admin) {
            for (let i = 0; i < 10; i++) {
                await admin.seed("ippanel", "numbers", { id: 100 + i, number: `+98300060${pad(i)}`, operator_id: 1, alias: null, gets: true, is_66_char: false });
            }
        },
        make: (i) => ({ number: `+98300060${pad(i)}`, targetUser: i % 2 ? "seconduser" : "testuser", send: true, gets: false }),
        // Flags cannot change in place: a replacement, deleting first (one assignee per number).
        update: (a) => ({ ...a, gets: true }),
        live: (admin) => admin.objects("ippanel", "assignments"),
        key: (o) => String(o.number_id),
        expected: (a) => ({ number_id: 100 + Number(a.number.slice(-2)) }),
        matches(o, a) {
            assert.strictEqual(o.user_id, a.targetUser === "seconduser" ? 124 : 123);
            assert.strictEqual(o.send, a.send);
            assert.strictEqual(o.gets, a.gets);
        },
        secrets: () => [],
    },
    [chimeUserNumber.kind]: {
        prefix: "chime",
        count: 8,
        async seed(admin) {
            for (let i = 0; i < 8; i++) {
                await admin.seed("chime", "users", {
                    UserId: `fault-user-${i}`,
                    AccountId: CHIME_ACCOUNT,
                    PrimaryEmail: `fault-user-${i}@example.com`,
                    DisplayName: `Fault User ${i}`,
                    LicenseType: "Pro",
                    UserType: "PrivateUser",
                    UserRegistrationStatus: "Registered",
                    PrimaryProvisionedNumber: null,
                });
                for (const n of [200 + i, 300 + i]) {
                    await admin.seed("chime", "phone-numbers", { PhoneNumberId: `+12065550${n}`, E164PhoneNumber: `+12065550${n}`, Type: "Local", ProductType: "BusinessCalling" });
                }
            }
        },
        make: (i) => ({ accountId: CHIME_ACCOUNT, userId: `fault-user-${i}`, e164PhoneNumber: `+12065550${200 + i}` }),
        update: (a) => ({ ...a, e164PhoneNumber: `+12065550${300 + Number(a.userId.slice(-1))}` }),
        live: async (admin) => (await admin.objects("chime", "users")).filter((u) => u.PrimaryProvisionedNumber),
        key: (o) => String(o.UserId),
        expected: (a) => ({ UserId: a.userId }),
        matches(o, a) {
            assert.strictEqual(o.PrimaryProvisionedNumber, a.e164PhoneNumber);
        },
        secrets: () => [],
    },
    [verigatorUser.kind]: {
        prefix: "verigator",
        count: 10,
        make: (i) => ({ serviceId: VERIGATOR_SERVICES[i % 2], idInService: `user${i}`, phoneNumber: `+3725550${1000 + i}` }),
        // No update endpoint: a new phone number replaces the user, deleting first (one user per name).
        update: (a) => ({ ...a, phoneNumber: `+3725551${a.phoneNumber.slice(-4)}` }),
        live: (admin) => admin.objects("verigator", "users"),
        key: (o) => `${o.service_id}/${o.id_in_service}`,
        expected: (a) => ({ service_id: a.serviceId, id_in_service: a.idInService }),
        matches(o, a) {
            assert.strictEqual(o.phone_number, a.phoneNumber);
        },
        secrets: () => [],
    },
};

/** The resources the fault suite declares, in the registry's order; `type` is the class the test program uses. */
export const FAULT_RESOURCES: FaultResource[] = RESOURCES.map((d) => ({ type: typeNameOf(d.kind), ...SPECS[d.kind] }));
