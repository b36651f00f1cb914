// STUB: to be replaced.
import { Adapter } from "../../core/reconciler";

export const verigatorUserAdapter: Adapter<any, any> = undefined as any;
