/**
 * The resources the fleet suites (faults, crash, restart, secrets, …) declare: each resource's fleet and its way of
 * recognising objects at the vendor, from its folder's `spec.ts` (test/lifecycle.ts ResourceSpec), for every kind of
 * the registry.
 */
import { typeNameOf } from "../provider/core/descriptor";
import { RESOURCES } from "../provider/registry";
import { SandboxAdmin } from "./harness";
import { Obj, ResourceSpec, specOf } from "./lifecycle";

export interface FaultResource extends Omit<ResourceSpec, "fleet" | "lifecycle" | "createRoute" | "live"> {
    /** The class the test program uses, e.g. `SipUser`. */
    type: string;
    prefix: string;
    count: number;
    make(i: number): Obj;
    update(args: Obj): Obj;
    live(admin: SandboxAdmin): Promise<Obj[]>;
}

/** The resources the fault suite declares, in the registry's order. */
export const FAULT_RESOURCES: FaultResource[] = RESOURCES.map((d) => {
    const { fleet, lifecycle: _lifecycle, createRoute: _createRoute, ...spec } = specOf(d);
    return { type: typeNameOf(d.kind), ...spec, ...fleet };
});

/** The sandbox routes (names) that create each vendor's object: the ones whose answers a test holds back. */
export const CREATE_ROUTES = [...new Set(RESOURCES.map((d) => specOf(d).createRoute))];

/** Seeds every vendor's prerequisites (once per sandbox). */
export async function seedVendors(admin: SandboxAdmin): Promise<void> {
    for (const spec of FAULT_RESOURCES) await spec.seed?.(admin);
}

// Kept here for the files that import them from the fault suite: they live in the harness.
export { vendorConfig, vendorEnv } from "./harness";
