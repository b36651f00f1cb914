// STUB: to be replaced.
import { Adapter } from "../../core/reconciler";

export const smartfloUserAdapter: Adapter<any, any> = undefined as any;
