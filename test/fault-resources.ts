/** The resources the fault suite declares, per vendor: how to make, update and recognise each at the vendor. */
import * as assert from "assert";
import { OPENTACT_CONNECTIONS, Sandbox } from "../sandbox";
import { DEFAULT_CREDENTIALS, SandboxCredentials } from "../sandbox/server";
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
}

export function vendorConfig(sb: Sandbox, c: SandboxCredentials = DEFAULT_CREDENTIALS): Record<string, { value: string; secret?: boolean }> {
    return {
        "telephony:opentactBaseUrl": { value: sb.vendorUrl("opentact") },
        "telephony:opentactEmail": { value: c.opentact.email },
        "telephony:opentactPassword": { value: c.opentact.password, secret: true },
    };
}

export const FAULT_RESOURCES: FaultResource[] = [
    {
        type: "SipUser",
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
];
