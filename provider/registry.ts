/**
 * Every vendor and every resource of the package, in one place. The runtime's adapters, the CLI's nouns, kinds and
 * export flags, the policy pack's facts, the error `Vendor` type, the sandbox's vendor list and how each vendor is
 * pointed at it, the demo and the test suites' resource lists are derived from here. Adding a resource: its folder
 * (descriptor, schema, api, adapter, resource, exporter, spec, test), one line in RESOURCES below and its export in
 * `<vendor>/index.ts`. Adding a vendor: its folder (with `vendor.ts`), its emulator under `sandbox/`, one line in
 * VENDOR_LIST.
 *
 * Keep this file light: descriptors load no vendor code (adapters are required on first use) and no zod.
 */
import type { ResourceDescriptor, StackConfig, VendorInfo } from "./core/descriptor";
import { chimeUserNumber } from "./chime/user-number/descriptor";
import { numberAssignment } from "./ippanel/number-assignment/descriptor";
import { sipUser } from "./opentact/sip-user/descriptor";
import { smartfloUser } from "./smartflo/user/descriptor";
import { verigatorUser } from "./verigator/user/descriptor";
import { opentact } from "./opentact/vendor";
import { smartflo } from "./smartflo/vendor";
import { ippanel } from "./ippanel/vendor";
import { chime } from "./chime/vendor";
import { verigator } from "./verigator/vendor";

/** The vendors. Their order is the sandbox's port order (admin port + 1 …) and the order `export` reads them in. */
export const VENDOR_LIST = [opentact, smartflo, ippanel, chime, verigator] as const satisfies readonly VendorInfo[];

/** The vendors, id → name as errors and reports say it, in VENDOR_LIST's order. */
export const VENDORS = Object.fromEntries(VENDOR_LIST.map((v) => [v.id, v.name])) as { [V in (typeof VENDOR_LIST)[number] as V["id"]]: V["name"] };

export type VendorId = keyof typeof VENDORS;
/** A vendor's name, e.g. `Tata Smartflo`. */
export type VendorName = (typeof VENDORS)[VendorId];

export const VENDOR_IDS = Object.keys(VENDORS) as VendorId[];

/** Every resource, in the order reports and the demo list them. */
export const RESOURCES = [sipUser, smartfloUser, numberAssignment, chimeUserNumber, verigatorUser] as const;

/** A resource kind, e.g. `opentact:SipUser`. */
export type ResourceKind = (typeof RESOURCES)[number]["kind"];

const BY_KIND = new Map<string, ResourceDescriptor>(RESOURCES.map((d) => [d.kind, d]));
const BY_VENDOR = new Map<string, VendorInfo>(VENDOR_LIST.map((v) => [v.id, v]));

/** The vendor of an id, e.g. `opentact`. */
export function vendorOf(id: VendorId): VendorInfo {
    return BY_VENDOR.get(id)!;
}

/** The descriptor of a kind, or undefined when this package does not know it. */
export function descriptorOf(kind: string): ResourceDescriptor | undefined {
    return BY_KIND.get(kind);
}

/**
 * The stack config that points every vendor at a sandbox (each vendor's `vendor.ts` says how): `originOf(id)` is
 * where the sandbox serves the vendor, `creds[id]` what it accepts; `auth` picks logins or tokens where a vendor
 * takes both. What the tests, the demo and the sandbox's banner configure.
 */
export function sandboxConfig(originOf: (id: VendorId) => string, creds: { [V in VendorId]: unknown }, auth: "login" | "token" = "login"): StackConfig {
    return Object.assign({}, ...VENDOR_IDS.map((id) => vendorOf(id).sandbox.config(originOf(id), creds[id], auth)));
}

/** The environment every vendor's client needs against a sandbox (the Chime SDK signs with the AWS key it accepts). */
export function sandboxEnv(creds: { [V in VendorId]: unknown }): Record<string, string> {
    return Object.assign({}, ...VENDOR_IDS.map((id) => vendorOf(id).sandbox.env?.(creds[id]) ?? {}));
}
