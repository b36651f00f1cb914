/**
 * `pulumi-telephony recover`: after `pulumi up` was interrupted (a killed CI runner, an OOM, Ctrl-C twice), hands
 * Pulumi the objects its unanswered creates made, from the stack's own record — on any machine that reaches the
 * stack's backend, with no create journal of the machine that crashed.
 *
 * The checkpoint lists the creates that were under way (`deployment.pending_operations` of type `creating`, with the
 * resource's URN and inputs). For each telephony resource among them (a dynamic resource or the provider plugin's,
 * whose inputs carry the stack scope alike), the object is looked up at its vendor by natural key with the provider's
 * own clients, settings (the stack's `telephony:*` config, as `export` and `drift` read it) and retry policy — reads
 * only, nothing is changed at any vendor:
 * - found: it is the interrupted create's result, and goes into the checkpoint as the resource, with its id; the
 *   resource is then refreshed (`pulumi refresh --target`), so its outputs are the vendor's and a create the vendor
 *   carried out only in part (Smartflo's follow-up PATCH) shows as the change the next `pulumi up` makes. Unless the
 *   vendor shows it was created clearly before the interrupted update began: then it is someone else's, and is said to
 *   be, not taken.
 * - not found (or not findable: IPPanel cannot show who holds a number): the pending create is cleared. A create still
 *   on its way when the runner died may land later, so the create journal of this machine gets an entry for it: the next
 *   `pulumi up` here creates the resource and, should the vendor answer "already exists", takes that object as its own.
 * - a lookup that fails: nothing is written (exit status 1; run again).
 *
 * Why not `pulumi refresh --import-pending-creates URN ID`: the Pulumi CLI this project builds (v3.260) turns each such
 * pending create into a pending import that no later step carries out, and its next checkpoint drops it — the resource
 * is then in neither the resources nor the pending creates (cli/recover.e2e.test.ts shows it). So the checkpoint is
 * edited as Pulumi's own docs advise for pending creates (`pulumi stack export`, edit, `pulumi stack import`), which
 * takes the stack's lock like any update (run `pulumi cancel` first) and clears every pending operation it is given:
 * recover therefore writes only when it has decided every pending create, and refuses a stack whose pending creates
 * include resources that are not telephony resources (resolve those with `pulumi refresh` first). Other pending
 * operations (an update or delete under way) are cleared, as `pulumi refresh` clears them.
 */
import { Deployment } from "@pulumi/pulumi/automation";
import { withOperationDeadline } from "../provider/core/deadline";
import { JournalEntry } from "../provider/core/journal";
import { CLOCK_SKEW_MS, Found } from "../provider/core/reconciler";
import { redact } from "../provider/core/secrets";
import { SCOPE_INPUT } from "../provider/core/scope";
import { descriptorOf, VENDORS } from "../provider/registry";
import { adapterFor, configure, currentContext, kindOfType, reconciler } from "../provider/runtime";
import { StackTarget, openStack } from "./engine";
import { nameOf } from "./resources";

/** Pulumi's signature of a secret value in a checkpoint. */
const SECRET_SIG = "4dabf18193072939515e22adb298388d";

/** What happened to one pending create. */
export interface PendingOutcome {
    urn: string;
    name: string;
    /** The resource kind (`opentact:SipUser`), or the URN type of a resource that is not ours. */
    kind: string;
    outcome: "imported" | "cleared" | "not ours" | "left pending";
    /** The vendor's id of the object found. */
    id?: string;
    /** What was found and done, in words. */
    detail: string;
}

/** A pending create as the checkpoint holds it. */
interface PendingCreate {
    type: string;
    resource: { urn: string; type: string; inputs?: Record<string, unknown>; [k: string]: unknown };
}

/** What recovering a checkpoint decided: the outcomes, and the edits to make. */
export interface RecoveryPlan {
    outcomes: PendingOutcome[];
    /** Resources to add to the checkpoint (imported pending creates). */
    resources: Array<Record<string, unknown>>;
    /** Pending operations that stay (and stop the checkpoint from being written: `pulumi stack import` would clear them). */
    pending: unknown[];
    /** Journal entries to write: key → entry. */
    journal: Array<{ key: string; entry: JournalEntry }>;
}

/** How `planRecovery` looks an object up: the adapter's recovery lookup with the stack's settings. */
export type Lookup = (kind: string, desired: Record<string, unknown>) => Promise<Found<unknown> | undefined>;

const vendorName = (kind: string) => {
    const v = descriptorOf(kind)?.vendor;
    return v ? VENDORS[v as keyof typeof VENDORS] : "the vendor";
};

/**
 * Decides each pending create (see the module comment). `began`: the earliest the interrupted update can have begun
 * (epoch ms), or undefined when nothing tells.
 */
export async function planRecovery(deployment: { pending_operations?: unknown[] }, lookup: Lookup, began: number | undefined): Promise<RecoveryPlan> {
    const plan: RecoveryPlan = { outcomes: [], resources: [], pending: [], journal: [] };
    const since = began === undefined ? "" : ` (it began no earlier than ${new Date(began).toISOString()})`;
    for (const raw of deployment.pending_operations ?? []) {
        const op = raw as PendingCreate;
        if (op.type !== "creating") continue; // an update or delete under way: cleared, as `pulumi refresh` clears it
        const urn = op.resource.urn;
        const name = nameOf(urn);
        const kind = kindOfType(op.resource.type);
        if (!kind) {
            plan.pending.push(raw);
            plan.outcomes.push({ urn, name, kind: op.resource.type, outcome: "left pending", detail: "not a telephony resource: resolve it first with `pulumi refresh` (interactively: import or clear it)" });
            continue;
        }
        const adapter = adapterFor(kind);
        const inputs = op.resource.inputs ?? {};
        const secret = new Set(adapter.schema.secret ?? []);
        const desired: Record<string, unknown> = {};
        const hidden: string[] = [];
        for (const k of Object.keys(adapter.schema.fields)) {
            const v = inputs[k];
            if (v === undefined || v === null) continue;
            const isSecret = typeof v === "object" && SECRET_SIG in (v as object);
            if (isSecret && !secret.has(k)) hidden.push(k);
            else if (!isSecret) desired[k] = v;
        }
        const vendor = vendorName(kind);
        if (hidden.length) {
            plan.pending.push(raw);
            plan.outcomes.push({
                urn,
                name,
                kind,
                outcome: "left pending",
                detail: `its ${hidden.join(", ")} ${hidden.length === 1 ? "is a secret" : "are secrets"} in the checkpoint, which recover does not decrypt, so it cannot be looked up: resolve it with \`pulumi refresh\``,
            });
            continue;
        }
        let found: Found<unknown> | undefined;
        try {
            found = await lookup(kind, desired);
        } catch (e) {
            plan.pending.push(raw);
            plan.outcomes.push({ urn, name, kind, outcome: "left pending", detail: `could not be looked up at ${vendor}: ${redact(e instanceof Error ? e.message : String(e))}. Run recover again` });
            continue;
        }
        const scope = inputs[SCOPE_INPUT];
        const key = reconciler(kind).journalKey(desired, scope);
        if (!found) {
            if (key) plan.journal.push({ key, entry: { at: new Date(began ?? Date.now()).toISOString(), from: "pending create" } });
            const why = adapter.lookupLimit
                ? `${adapter.lookupLimit}: the pending create is cleared, and the next \`pulumi up\` sends it again`
                : `not at ${vendor}: the create had not been carried out; the pending create is cleared`;
            const late = key
                ? "; should the create still land, the next `pulumi up` on this machine takes that object as this resource's (create journal)"
                : "; its program recorded no stack scope, so an object that still lands will need `adopt: true`";
            plan.outcomes.push({ urn, name, kind, outcome: "cleared", detail: why + late });
            continue;
        }
        const created = (adapter.createdAt as ((live: unknown) => string | undefined) | undefined)?.(found.live);
        const at = created === undefined ? NaN : Date.parse(created);
        if (began !== undefined && !Number.isNaN(at) && at < began - CLOCK_SKEW_MS) {
            plan.outcomes.push({
                urn,
                name,
                kind,
                outcome: "not ours",
                id: found.id,
                detail:
                    `${found.id} at ${vendor} exists since ${new Date(at).toISOString()}, before the interrupted update began${since}: it is not the object ` +
                    "the interrupted create made. The pending create is cleared; the next `pulumi up` reports it as already existing (`adopt: true` takes it over)",
            });
            continue;
        }
        const when = Number.isNaN(at)
            ? adapter.createdAt
                ? `; ${vendor} gave no creation time to check against the update's start`
                : `; ${vendor} shows no creation time, so whether the interrupted update made it cannot be checked beyond the stack's own record`
            : `, created ${new Date(at).toISOString()}`;
        plan.resources.push({ ...op.resource, id: found.id, outputs: { ...inputs } });
        plan.outcomes.push({ urn, name, kind, outcome: "imported", id: found.id, detail: `found ${found.id} at ${vendor}${when}` });
    }
    return plan;
}

/** The earliest the interrupted update can have begun: after the stack's creation and its last completed update. */
function earliestStart(deployment: { resources?: Array<{ type?: string; created?: string }> }, lastEnd: Date | undefined): number | undefined {
    const created = Date.parse(deployment.resources?.find((r) => r.type === "pulumi:pulumi:Stack")?.created ?? "");
    const times = [created, lastEnd?.getTime() ?? NaN].filter((t) => !Number.isNaN(t));
    return times.length ? Math.max(...times) : undefined;
}

export interface RecoverReport {
    stack: string;
    outcomes: PendingOutcome[];
    /** Why nothing was written (a pending create left undecided). */
    blocked?: string;
    /** Set when the checkpoint could not be written or the imported resources not refreshed. */
    failure?: string;
}

/** Reads the stack's pending creates, looks each up, and writes the checkpoint and the journal (see the module comment). */
export async function recover(target: StackTarget, progress: (line: string) => void): Promise<RecoverReport> {
    const { stack, name } = await openStack(target);
    const all = await stack.getAllConfig();
    await configure({ config: { get: (key) => all[key]?.value } });
    // The stack's configuration: its settings, request policy, clock and journal, as the provider would run with them.
    const context = currentContext();
    const exported: Deployment = await stack.exportStack();
    const pendingCreates = (exported.deployment?.pending_operations ?? []).filter((op: { type?: string }) => op.type === "creating").length;
    if (pendingCreates === 0) return { stack: name, outcomes: [] };
    progress(`${pendingCreates} pending create${pendingCreates === 1 ? "" : "s"} in the checkpoint of ${name}; looking each up at its vendor`);
    const history = await stack.history(1).catch(() => []);
    const began = earliestStart(exported.deployment, history[0]?.endTime);
    const clients = new Map<string, unknown>();
    const lookup: Lookup = (kind, desired) => {
        const adapter = adapterFor(kind);
        if (!clients.has(kind)) clients.set(kind, adapter.client(context));
        const c = clients.get(kind);
        return withOperationDeadline(context.clock, context.policy.deadlineMs, () => (adapter.findOwn ? adapter.findOwn(c, desired) : adapter.find(c, desired)));
    };
    const plan = await planRecovery(exported.deployment, lookup, began);
    const report: RecoverReport = { stack: name, outcomes: plan.outcomes };
    if (plan.pending.length) {
        report.blocked = "writing the checkpoint would clear every pending create (`pulumi stack import` does), the undecided ones too";
        return report;
    }
    {
        const deployment = { ...exported.deployment, resources: [...(exported.deployment.resources ?? []), ...plan.resources], pending_operations: plan.pending };
        try {
            await stack.importStack({ version: exported.version, deployment });
        } catch (e) {
            const said = (e as { commandResult?: { stderr?: string } }).commandResult?.stderr?.trim() || (e instanceof Error ? e.message : String(e));
            report.failure = `the checkpoint could not be written (pulumi stack import): ${said}${/locked/i.test(said) ? ". Run `pulumi cancel` first" : ""}`;
            return report;
        }
    }
    const journal = context.journal();
    for (const { key, entry } of plan.journal) journal.record(key, entry);
    const imported = plan.outcomes.filter((o) => o.outcome === "imported").map((o) => o.urn);
    if (imported.length) {
        progress(`refreshing the ${imported.length} imported resource${imported.length === 1 ? "" : "s"} from the vendors`);
        try {
            await stack.refresh({ target: imported });
        } catch (e) {
            const said = (e as { commandResult?: { stderr?: string } }).commandResult?.stderr?.trim() || (e instanceof Error ? e.message : String(e));
            report.failure = `the imported resources are in the checkpoint, but refreshing them failed: ${said}. Run \`pulumi refresh\` before \`pulumi up\``;
        }
    }
    return report;
}

/** The report as printed: one line per pending create, then the totals and what to run next. */
export function formatRecover(r: RecoverReport): string {
    if (r.outcomes.length === 0 && !r.failure) return `Stack ${r.stack} has no pending creates: nothing to recover.\n`;
    const width = Math.max(...r.outcomes.map((o) => o.outcome.length), 0);
    const lines = r.outcomes.map((o) => `  ${o.outcome.padEnd(width)}  ${o.name} (${o.kind}): ${o.detail}`);
    const count = (what: PendingOutcome["outcome"]) => r.outcomes.filter((o) => o.outcome === what).length;
    const totals = `Imported ${count("imported")}, cleared ${count("cleared")}, not ours ${count("not ours")}, left pending ${count("left pending")}. Nothing was changed at any vendor.`;
    const next = r.blocked
        ? `Nothing was written to the checkpoint or the create journal: ${r.blocked}. Resolve what is left pending, then run recover again`
        : r.failure
          ? `Failed: ${r.failure}`
          : "Next: pulumi up";
    const header = r.blocked ? `Pending creates of stack ${r.stack} — nothing written (see the last line); what recover found:` : `Pending creates of stack ${r.stack}:`;
    return [header, ...lines, totals, next, ""].join("\n");
}
