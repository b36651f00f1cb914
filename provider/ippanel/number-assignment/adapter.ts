// STUB: to be replaced.
import { Adapter } from "../../core/reconciler";

export const numberAssignmentAdapter: Adapter<any, any> = undefined as any;
