// STUB: to be replaced.
import { Adapter } from "../../core/reconciler";

export const chimeUserNumberAdapter: Adapter<any, any> = undefined as any;
