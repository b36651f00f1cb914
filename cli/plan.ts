/**
 * `pulumi-telephony plan`: a preview summarised for a pull-request comment — per telephony resource the
 * planned operation and the properties that change (old → new, secrets masked), and a warning for every
 * replacement or deletion that takes a user or a number out of service.
 *
 * It runs `pulumi preview` through the Automation API: only the provider's `check` and `diff` run, so it
 * needs no vendor credentials and sends no vendor request. The engine gives dynamic providers no
 * property-level diff, so the properties are found with the provider's own `changedKeys` on the same two
 * sides the provider's `diff` compares (stored outputs, new inputs).
 *
 * With `--policy-pack DIR` (such as node_modules/pulumi-telephony/policy-pack) the preview runs the policy pack too,
 * and the plan lists every policy violation the engine reports. A mandatory violation fails the preview: the plan
 * then lists the violations and is marked blocked (exit 3), so a pull request shows why.
 */
import { EngineEvent, StepEventMetadata } from "@pulumi/pulumi/automation";
import { StackTarget, collect, openStack } from "./engine";
import { ChildChange, personLine, personOf, personsOf } from "./people";
import { KindInfo, KindLookup, comparable, declared, nameOf, plainProps, serviceOf, telephonyKinds } from "./resources";

export type PlanOp = "create" | "update" | "replace" | "delete";
export const PLAN_OPS: readonly PlanOp[] = ["create", "update", "replace", "delete"];

export interface PropertyChange {
    name: string;
    /** The stored value (null when not set; `[secret]` for secrets). */
    old: unknown;
    /** The declared value (`(known after apply)` when computed from another resource). */
    new: unknown;
    /** This change is why the object is replaced. */
    replaces: boolean;
}

export interface PlannedChange {
    urn: string;
    name: string;
    /** The resource kind, e.g. `opentact:SipUser`. */
    type: string;
    op: PlanOp;
    /** For a replacement: the old object is deleted before the new one exists. */
    deleteBeforeReplace?: boolean;
    properties: PropertyChange[];
    /** Said when the values cannot show the change (a secret changed). */
    note?: string;
    /** The out-of-service warning of a replacement or deletion. */
    warning?: string;
    /** The login of the person (`Person`) the resource belongs to, when it is one's. */
    person?: string;
}

/** What happens to one person (a `Person` and its resources), in one line. */
export interface PersonPlan {
    /** The person's login. */
    person: string;
    urn: string;
    /** joins, leaves, suspended, reinstated, changes. */
    verb: string;
    /** `asha.rao: suspended — agent blocked, +983000505 released`. */
    line: string;
    /** The names of the person's resources that change (in `changes`). */
    resources: string[];
}

/** A policy violation the engine reported during the preview (`--policy-pack`). */
export interface PolicyViolation {
    /** `mandatory` fails the preview; `advisory` is a warning. */
    level: "mandatory" | "advisory";
    policy: string;
    /** `name@vVERSION` of the pack. */
    pack: string;
    /** The resource's logical name and kind; absent for a violation about the stack as a whole. */
    name?: string;
    type?: string;
    message: string;
}

export interface Plan {
    stack: string;
    changes: PlannedChange[];
    /** The changes grouped by person, one line each, by login. */
    people: PersonPlan[];
    summary: Record<PlanOp, number>;
    /** Policy violations, mandatory first (empty without `--policy-pack`). */
    policies: PolicyViolation[];
    /** True when a mandatory policy violation failed the preview: `changes` may then be incomplete. */
    blocked: boolean;
}

export const SECRET_UPDATE = "a secret property changed (values hidden)";
export const UNSEEN_UPDATE = "the provider reports a change that the preview's events do not show";

const REPLACE_STEPS = new Set(["replace", "create-replacement", "delete-replaced"]);

/** The plan from the step events of a preview (`resourcePreEvent`s; a replacement has up to three steps). */
export function buildPlan(stack: string, events: EngineEvent[], kinds: KindLookup = telephonyKinds): Plan {
    const steps = new Map<string, { info: KindInfo; ops: string[]; meta: StepEventMetadata }>();
    for (const ev of events) {
        const m = ev.resourcePreEvent?.metadata;
        const info = m && kinds(m.type);
        if (!m || !info) continue;
        const seen = steps.get(m.urn);
        if (!seen) steps.set(m.urn, { info, ops: [m.op], meta: m });
        else {
            seen.ops.push(m.op);
            if (m.op === "replace") seen.meta = m; // the replace step carries both sides and the replace keys
        }
    }
    const changes: PlannedChange[] = [];
    const persons = personsOf(events);
    const byPerson = new Map<string, { names: string[]; children: ChildChange[] }>();
    for (const [urn, { info, ops, meta }] of steps) {
        const replacing = ops.some((op) => REPLACE_STEPS.has(op));
        const op = replacing ? "replace" : ops.find((o): o is PlanOp => (PLAN_OPS as string[]).includes(o));
        if (!op) continue; // same, read, …: nothing changes
        const change: PlannedChange = { urn, name: nameOf(urn), type: info.kind, op, properties: [] };
        const olds = comparable(meta.old?.outputs, info);
        const news = comparable(meta.new?.inputs, info);
        const shownOld = plainProps(meta.old?.outputs, info);
        const shownNew = plainProps(meta.new?.inputs, info);
        if (op === "create") {
            change.properties = info.inputs.filter((k) => declared(shownNew, k)).map((k) => ({ name: k, old: null, new: shownNew[k], replaces: false }));
        } else if (op === "update" || op === "replace") {
            const changed = info.changedKeys(olds, news);
            const replaceKeys = new Set(meta.keys ?? info.replaceOn(olds, news));
            change.properties = changed.map((k) => ({ name: k, old: shownOld[k] ?? null, new: shownNew[k] ?? null, replaces: op === "replace" && replaceKeys.has(k) }));
            if (changed.length === 0) change.note = info.secret.some((k) => declared(shownNew, k)) ? SECRET_UPDATE : UNSEEN_UPDATE;
        }
        if (op === "replace") {
            const deleteFirst = ops.indexOf("delete-replaced") >= 0 && (ops.indexOf("create-replacement") < 0 || ops.indexOf("delete-replaced") < ops.indexOf("create-replacement"));
            change.deleteBeforeReplace = deleteFirst || info.deleteBeforeReplace(olds, news);
        }
        change.warning = warningFor(change);
        const person = personOf(meta, persons);
        if (person) {
            change.person = person.login;
            const group = byPerson.get(person.urn) ?? { names: [], children: [] };
            byPerson.set(person.urn, group);
            group.names.push(change.name);
            group.children.push({ kind: info.kind, op, old: shownOld, new: op === "delete" ? {} : shownNew, changed: change.properties.map((p) => p.name) });
        }
        changes.push(change);
    }
    const people: PersonPlan[] = [];
    for (const p of persons.values()) {
        const group = byPerson.get(p.urn);
        if (!group && !["create", "delete", "update", "replace"].includes(p.op ?? "")) continue;
        const { verb, line } = personLine(p, group?.children ?? []);
        people.push({ person: p.login, urn: p.urn, verb, line, resources: (group?.names ?? []).sort() });
    }
    for (const [urn, group] of byPerson) {
        if (persons.has(urn)) continue;
        const p = { urn, login: nameOf(urn) };
        const { verb, line } = personLine(p, group.children);
        people.push({ person: p.login, urn, verb, line, resources: group.names.sort() });
    }
    people.sort((a, b) => a.person.localeCompare(b.person));
    // Grouped by operation, then by name: the engine's step order varies with its parallelism.
    changes.sort((a, b) => PLAN_OPS.indexOf(a.op) - PLAN_OPS.indexOf(b.op) || a.name.localeCompare(b.name));
    const summary = Object.fromEntries(PLAN_OPS.map((op) => [op, changes.filter((c) => c.op === op).length])) as Record<PlanOp, number>;
    const policies = policyViolations(events);
    return { stack, changes, people, summary, policies, blocked: false };
}

/** The engine's policy events, once each (it may report a violation more than once), mandatory first. */
export function policyViolations(events: EngineEvent[]): PolicyViolation[] {
    const seen = new Set<string>();
    const out: PolicyViolation[] = [];
    for (const ev of events) {
        const p = ev.policyEvent;
        if (!p) continue;
        const v: PolicyViolation = {
            level: p.enforcementLevel === "mandatory" ? "mandatory" : "advisory",
            policy: p.policyName,
            pack: `${p.policyPackName}@v${p.policyPackVersion}`,
            ...(p.resourceUrn ? { name: nameOf(p.resourceUrn), type: typeOf(p.resourceUrn) } : {}),
            message: p.message.trim(),
        };
        const key = JSON.stringify(v);
        if (seen.has(key)) continue;
        seen.add(key);
        out.push(v);
    }
    const rank = (v: PolicyViolation) => (v.level === "mandatory" ? 0 : 1);
    return out.sort((a, b) => rank(a) - rank(b) || a.policy.localeCompare(b.policy) || (a.name ?? "").localeCompare(b.name ?? ""));
}

/** `opentact:SipUser` for a telephony URN (a dynamic resource's or the plugin's), else the URN's type as it is. */
function typeOf(urn: string): string {
    const type = urn.split("::")[2] ?? "";
    return telephonyKinds(type)?.kind ?? type;
}

function warningFor(c: PlannedChange): string | undefined {
    const what = serviceOf(c.type);
    const subject = `${c.name} (${c.type})`;
    if (c.op === "delete") return `${subject} is deleted at the vendor: the ${what} goes out of service`;
    if (c.op !== "replace") return undefined;
    const because = c.properties.filter((p) => p.replaces).map((p) => p.name);
    const why = because.length ? ` because ${because.join(", ")} changes` : "";
    return c.deleteBeforeReplace
        ? `${subject} is replaced${why}, deleting the old ${what} before creating the new one: out of service in between`
        : `${subject} is replaced${why}: a new ${what} is created and the old one deleted, so it is briefly out of service`;
}

export interface PlanTarget extends StackTarget {
    /** Policy pack folders to run with the preview (`pulumi preview --policy-pack`). */
    policyPacks?: string[];
    /** Their configuration files (`pulumi preview --policy-pack-config`). */
    policyPackConfigs?: string[];
}

/** Runs the preview; only `check` and `diff` run (and the policy packs), so no vendor is called. */
export async function plan(target: PlanTarget): Promise<Plan> {
    const { stack, name } = await openStack(target);
    const seen: EngineEvent[] = [];
    const packs = target.policyPacks?.length ? { policyPacks: target.policyPacks, policyPackConfigs: target.policyPackConfigs } : {};
    try {
        const events = await collect("pulumi preview", (onEvent) => stack.preview({ ...packs, onEvent: (e) => (seen.push(e), onEvent(e)) }));
        return buildPlan(name, events);
    } catch (e) {
        // A mandatory violation fails the preview: that is the plan's answer, not a failure of the command.
        const p = buildPlan(name, seen);
        if (p.policies.some((v) => v.level === "mandatory")) return { ...p, blocked: true };
        throw e;
    }
}
