/**
 * Every vendor and every resource of the package, in one place. The runtime's adapters, the CLI's nouns and
 * kinds, the error `Vendor` type, the sandbox's vendor list, the demo and the test suites' resource lists are
 * derived from here. Adding a resource: its folder (descriptor, schema, api, adapter, resource, test), one line in
 * RESOURCES below and its export in `index.ts`.
 *
 * Keep this file light: descriptors load no vendor code (adapters are required on first use).
 */
import type { ResourceDescriptor } from "./core/descriptor";
import { chimeUserNumber } from "./chime/user-number/descriptor";
import { numberAssignment } from "./ippanel/number-assignment/descriptor";
import { sipUser } from "./opentact/sip-user/descriptor";
import { smartfloUser } from "./smartflo/user/descriptor";
import { verigatorUser } from "./verigator/user/descriptor";

/**
 * The vendors, id → name as errors and reports say it. Their order is the sandbox's port order (admin port + 1 …)
 * and the order `export` reads them in.
 */
export const VENDORS = {
    opentact: "OpenTact",
    smartflo: "Tata Smartflo",
    ippanel: "IPPanel",
    chime: "Amazon Chime",
    verigator: "Messente Verigator",
} as const;

export type VendorId = keyof typeof VENDORS;
/** A vendor's name, e.g. `Tata Smartflo`. */
export type VendorName = (typeof VENDORS)[VendorId];

export const VENDOR_IDS = Object.keys(VENDORS) as VendorId[];

/** Every resource, in the order reports and the demo list them. */
export const RESOURCES = [sipUser, smartfloUser, numberAssignment, chimeUserNumber, verigatorUser] as const;

/** A resource kind, e.g. `opentact:SipUser`. */
export type ResourceKind = (typeof RESOURCES)[number]["kind"];

const BY_KIND = new Map<string, ResourceDescriptor>(RESOURCES.map((d) => [d.kind, d]));

/** The descriptor of a kind, or undefined when this package does not know it. */
export function descriptorOf(kind: string): ResourceDescriptor | undefined {
    return BY_KIND.get(kind);
}
