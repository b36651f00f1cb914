/**
 * The three forms of each report: `text` for a terminal, `markdown` for a pull-request or issue comment (with
 * a hidden marker line so a workflow can find and update its own comment), `json` for machines.
 */
import { DriftReport, DriftedResource } from "./drift";
import { Plan, PlanOp, PlannedChange, PolicyViolation } from "./plan";
import { AFTER_APPLY, MASK } from "./resources";

export const FORMATS = ["text", "markdown", "json"] as const;
export type Format = (typeof FORMATS)[number];

export const DRIFT_MARKER = "<!-- pulumi-telephony-drift -->";
export const PLAN_MARKER = "<!-- pulumi-telephony-plan -->";

/** A value for a person: strings quoted, masks and "not set" as words. */
export function show(v: unknown): string {
    if (v === undefined || v === null) return "(not set)";
    if (v === MASK || v === AFTER_APPLY) return v;
    const s = JSON.stringify(v);
    return s.length > 120 ? `${s.slice(0, 117)}...` : s;
}

/** A value in markdown: code, except the words, which are italic. */
function mdValue(v: unknown): string {
    const s = show(v);
    if (v === undefined || v === null || v === AFTER_APPLY) return `_${s}_`;
    return code(s);
}

/** A code span that survives backticks and table pipes in the value. */
function code(s: string): string {
    const t = s.replace(/\r?\n/g, " ").replace(/\|/g, "\\|");
    return t.includes("`") ? `\`\` ${t} \`\`` : `\`${t}\``;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

// ---------------------------------------------------------------- drift

export function formatDrift(r: DriftReport, format: Format): string {
    if (format === "json") return JSON.stringify(r, null, 2) + "\n";
    return format === "markdown" ? driftMarkdown(r) : driftText(r);
}

function driftHeadline(r: DriftReport): string {
    return r.drifted.length
        ? `${plural(r.drifted.length, "telephony resource")} of ${r.checked} ${r.drifted.length === 1 ? "differs" : "differ"} from the last deployment`
        : `no drift: the vendors show the declared state of ${plural(r.checked, "telephony resource")}`;
}

function driftVerb(d: DriftedResource): string {
    return d.kind === "deleted" ? "deleted behind Pulumi's back (the vendor no longer has it)" : "changed behind Pulumi's back";
}

function driftText(r: DriftReport): string {
    const lines = [`Stack ${r.stack}: ${driftHeadline(r)}.`];
    if (r.people.length) {
        lines.push("", `People (${plural(r.people.length, "person", "people")} drifted):`);
        for (const p of r.people) lines.push(`  ${p.line}`);
    }
    for (const d of r.drifted) {
        lines.push("", `${d.kind === "deleted" ? "-" : "~"} ${d.name} (${d.type}, id ${d.id}) ${driftVerb(d)}`);
        for (const p of d.properties) lines.push(`    ${p.name}: declared ${show(p.declared)}, live ${show(p.live)}${p.note ? ` — ${p.note}` : ""}`);
        if (d.kind === "changed" && d.properties.length === 0) lines.push("    (the provider reports a difference that the engine's events do not show)");
    }
    if (r.unobservable.length) {
        lines.push("", "Not observable — the vendor API cannot show these declared properties, so they were not checked:");
        for (const u of r.unobservable) lines.push(`    ${u.name} (${u.type}): ${u.properties.join(", ")}`);
    }
    if (r.restore) lines.push("", `To restore the declared state: ${r.restore}`);
    return lines.join("\n") + "\n";
}

function driftMarkdown(r: DriftReport): string {
    const lines = [DRIFT_MARKER, `### ${r.drifted.length ? "Drift" : "No drift"} in stack ${code(r.stack)}`, "", `${capital(driftHeadline(r))}.`];
    if (r.people.length) {
        lines.push("", "**People:**", "");
        for (const p of r.people) lines.push(`- ${personMarkdown(p.person, p.line)}`);
    }
    if (r.drifted.length) {
        lines.push("", "| resource | type | drift | property | declared | live |", "|---|---|---|---|---|---|");
        for (const d of r.drifted) {
            const head = `| ${code(d.name)} | ${code(d.type)} | ${d.kind}`;
            if (d.properties.length === 0) lines.push(`${head} | | | |`);
            d.properties.forEach((p, i) => {
                const cells = `${code(p.name)} | ${mdValue(p.declared)} | ${mdValue(p.live)}${p.note ? ` — _${p.note}_` : ""} |`;
                lines.push(i === 0 ? `${head} | ${cells}` : `| | | | ${cells}`);
            });
        }
    }
    if (r.unobservable.length) {
        lines.push("", "**Not observable** — the vendor API cannot show these declared properties, so they were not checked:", "");
        for (const u of r.unobservable) lines.push(`- ${code(u.name)} (${code(u.type)}): ${u.properties.map(code).join(", ")}`);
    }
    if (r.restore) lines.push("", `To restore the declared state: ${code(r.restore)}`);
    return lines.join("\n") + "\n";
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

// ---------------------------------------------------------------- plan

const SYMBOL: Record<PlanOp, string> = { create: "+", update: "~", replace: "+-", delete: "-" };

export function formatPlan(p: Plan, format: Format): string {
    if (format === "json") return JSON.stringify(p, null, 2) + "\n";
    return format === "markdown" ? planMarkdown(p) : planText(p);
}

function planHeadline(p: Plan): string {
    const parts = (["create", "update", "replace", "delete"] as PlanOp[]).filter((op) => p.summary[op] > 0).map((op) => `${p.summary[op]} to ${op}`);
    return parts.length ? parts.join(", ") : "no changes to telephony resources";
}

function changeTitle(c: PlannedChange): string {
    return `${c.op}${c.op === "replace" && c.deleteBeforeReplace ? " (delete before create)" : ""}`;
}

/** Who a violation is about, for a person. */
function violationSubject(v: PolicyViolation): string {
    return v.name && v.type !== "pulumi:pulumi:Stack" ? `${v.name} (${v.type})` : "the stack";
}

const BLOCKED = "A mandatory policy was violated: the preview stopped, so the list of changes may be incomplete.";

/** A person's line with the login as code: `asha.rao`: suspended — … */
function personMarkdown(person: string, line: string): string {
    return line.startsWith(`${person}: `) ? `${code(person)}: ${line.slice(person.length + 2)}` : line;
}

function planText(p: Plan): string {
    const lines = [`Stack ${p.stack}: ${planHeadline(p)}.`];
    if (p.blocked) lines.push(BLOCKED);
    if (p.people.length) {
        lines.push("", `People (${plural(p.people.length, "person", "people")} changing):`);
        for (const x of p.people) lines.push(`  ${x.line}`);
    }
    for (const c of p.changes) {
        lines.push("", `${SYMBOL[c.op]} ${changeTitle(c)} ${c.name} (${c.type})`);
        for (const x of c.properties) {
            lines.push(c.op === "create" ? `    ${x.name}: ${show(x.new)}` : `    ${x.name}: ${show(x.old)} → ${show(x.new)}${x.replaces ? " (forces replacement)" : ""}`);
        }
        if (c.note) lines.push(`    (${c.note})`);
    }
    const warnings = p.changes.filter((c) => c.warning);
    if (warnings.length) {
        lines.push("", "Warnings:");
        for (const c of warnings) lines.push(`  ! ${c.warning}`);
    }
    if (p.policies.length) {
        lines.push("", "Policy violations:");
        for (const v of p.policies) {
            lines.push(`  ${v.level === "mandatory" ? "✗" : "!"} [${v.level}] ${v.policy} (${v.pack}) — ${violationSubject(v)}`);
            for (const l of v.message.split("\n")) lines.push(`      ${l}`);
        }
    }
    return lines.join("\n") + "\n";
}

function planMarkdown(p: Plan): string {
    const lines = [PLAN_MARKER, `### Telephony plan for stack ${code(p.stack)}`, "", `**${capital(planHeadline(p))}.**`];
    if (p.policies.length) {
        const mandatory = p.policies.filter((v) => v.level === "mandatory");
        lines.push("", mandatory.length ? "> [!CAUTION]" : "> [!NOTE]");
        lines.push(`> **Policy violations: ${mandatory.length} mandatory, ${p.policies.length - mandatory.length} advisory.**${p.blocked ? ` ${BLOCKED}` : ""}`);
        for (const v of p.policies) {
            const who = v.name && v.type !== "pulumi:pulumi:Stack" ? `${code(v.name)} (${code(v.type!)})` : "the stack";
            lines.push(`> - **${v.level}** ${code(v.policy)} — ${who}: ${v.message.replace(/\r?\n/g, " ")}`);
        }
    }
    if (p.people.length) {
        lines.push("", "**People:**", "");
        for (const x of p.people) lines.push(`- ${personMarkdown(x.person, x.line)}`);
    }
    const warnings = p.changes.filter((c) => c.warning);
    if (warnings.length) {
        lines.push("", "> [!WARNING]");
        warnings.forEach((c) => {
            const subject = `${c.name} (${c.type})`;
            const text = c.warning!.startsWith(subject) ? `${code(c.name)} (${code(c.type)})${c.warning!.slice(subject.length)}` : c.warning!;
            lines.push(`> - ${text}`);
        });
    }
    if (p.changes.length) lines.push("");
    for (const c of p.changes) {
        lines.push(`- **${changeTitle(c)}** ${code(c.name)} (${code(c.type)})`);
        for (const x of c.properties) {
            lines.push(
                c.op === "create"
                    ? `  - ${code(x.name)}: ${mdValue(x.new)}`
                    : `  - ${code(x.name)}: ${mdValue(x.old)} → ${mdValue(x.new)}${x.replaces ? " _(forces replacement)_" : ""}`,
            );
        }
        if (c.note) lines.push(`  - _${c.note}_`);
    }
    return lines.join("\n") + "\n";
}
