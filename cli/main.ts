#!/usr/bin/env node
/**
 * The `pulumi-telephony` command.
 *
 *   pulumi-telephony drift [--stack NAME] [--cwd PROGRAM_DIR] [--format text|markdown|json]
 *   pulumi-telephony plan  [--stack NAME] [--cwd PROGRAM_DIR] [--format text|markdown|json]
 *                          [--policy-pack DIR [--policy-pack-config FILE]]
 *   pulumi-telephony export [--vendor LIST] [--filter KIND::REGEX]... [--out DIR] [--format ts|json|import] [--as program|roster] [scope options]
 *   pulumi-telephony recover [--stack NAME] [--cwd PROGRAM_DIR]
 *
 * Exit status (as Terraform's `-detailed-exitcode`): 0 success (drift: no drift), 2 drift found,
 * 3 plan: a mandatory policy was violated (listed in the report), 1 the command itself failed (message on stderr).
 */
import * as path from "path";
import { parseArgs } from "util";
import { drift } from "./drift";
import { UsageError } from "./engine";
import { ResourceDescriptor, typeNameOf } from "../provider/core/descriptor";
import { RESOURCES, VENDORS as VENDOR_NAMES } from "../provider/registry";
import { ExportOptions, Filter, VendorName, exportEstate, exportScopes, exportables, formatExport } from "./export";
import { FORMATS, Format, formatDrift, formatPlan } from "./format";
import { plan } from "./plan";
import { formatRecover, recover } from "./recover";

export const EXIT = { ok: 0, failed: 1, drift: 2, policy: 3 } as const;

/** `text` folded into lines of at most `width` characters, each after `indent`. */
function fold(text: string, indent: string, width = 110): string {
    const lines: string[] = [];
    let line = "";
    for (const word of text.split(/\s+/)) {
        if (line && indent.length + line.length + 1 + word.length > width) {
            lines.push(indent + line);
            line = word;
        } else line = line ? `${line} ${word}` : word;
    }
    return [...lines, indent + line].join("\n");
}

/** The resources the command knows: the registry's (a test hands in others). */
type Resources = readonly ResourceDescriptor[];

/** The vendors of `resources`, in their order: what `--vendor` names. */
const vendorsOf = (resources: Resources): string[] => [...new Set(resources.map((d) => d.vendor))];

/** The usage text; what export reads and its options come from each resource's descriptor. */
export function usage(resources: Resources = RESOURCES): string {
    const reads = resources.map((d) => `${VENDOR_NAMES[d.vendor as VendorName] ?? d.vendor}: ${"unsupported" in d.export ? `nothing (${d.export.unsupported})` : d.export.reads}.`).join(" ");
    const readable = exportables(resources);
    const keys = `${readable.map((d) => typeNameOf(d.kind)).join(", ")}) whose natural key (${readable.map((d) => d.export.key).join(", ")})`;
    const scopes = exportScopes(resources).map((sc) => `[--${sc.flag} ${sc.value}]...`).join(" ");
    return USAGE.replace("{VENDORS}", vendorsOf(resources).join(",")).replace("{SCOPES}", fold(scopes, "                          ")).replace(
        "{EXPORT}",
        fold(
            "Reads the objects the vendors hold and writes a Pulumi TypeScript program (default folder ./telephony-export) " +
                "declaring each with `adopt: true`: `pulumi up` of it takes them over without changing anything at the vendor. " +
                `Credentials come from the stack's telephony:* config or the environment. ${reads} ` +
                `--filter keeps only objects of KIND (${keys} matches REGEX. --format json also writes inventory.json; --format import writes only import.json, Pulumi's bulk import file for the provider plugin (\`pulumi import --file\`, any language). ` +
                    "--as roster writes the objects lined up by person (login across vendors, Chime users by e-mail) as roster.yaml and a program declaring it, every person adopting. Progress goes to stderr.",
            "      ",
        ),
    );
}

const USAGE = `Usage:
  pulumi-telephony drift [--stack NAME] [--cwd PROGRAM_DIR] [--format text|markdown|json]
      Checks the telephony resources of a stack for changes made at the vendors behind Pulumi's back
      (a refresh preview: reads every object, writes nothing). Prints each drifted resource with the
      declared and live value of each property, and the declared properties the vendor cannot show.
  pulumi-telephony plan [--stack NAME] [--cwd PROGRAM_DIR] [--format text|markdown|json]
                        [--policy-pack DIR [--policy-pack-config FILE]]
      Summarises \`pulumi preview\` for a pull request: per resource the operation and the properties that
      change (old → new), with a warning for every replacement or deletion. Needs no vendor credentials.
      With --policy-pack (e.g. node_modules/pulumi-telephony/policy-pack) it lists the policy violations.

  pulumi-telephony export [--vendor {VENDORS}] [--filter KIND::REGEX]...
                          [--out DIR] [--stack NAME] [--cwd PROGRAM_DIR] [--format ts|json|import] [--as program|roster]
{SCOPES}
{EXPORT}

  pulumi-telephony recover [--stack NAME] [--cwd PROGRAM_DIR]
      After an interrupted \`pulumi up\` (run \`pulumi cancel\` first): reads the creates the stack's checkpoint
      shows under way, looks each object up at its vendor (reads only), puts the ones found into the checkpoint
      with their ids and refreshes them, and clears the others. Prints what it found and did per resource. Then
      run \`pulumi up\`. Works on any machine that reaches the stack's backend.

Options:
  -s, --stack NAME     the stack (default: the program folder's selected stack)
  -C, --cwd DIR        the Pulumi program folder, where Pulumi.yaml is (default: the current folder)
  -f, --format FORMAT  text (default), markdown (for a PR or issue comment) or json; for export ts, json or import
  --policy-pack DIR    plan: run this policy pack with the preview (repeatable)
  --policy-pack-config FILE
                       plan: its configuration, as for pulumi preview (repeatable, in the same order)

Exit status:
  0  success; for drift: no drift
  2  drift: drift found
  3  plan: a mandatory policy was violated (the report lists the violations)
  1  the command failed (the reason is on stderr); for export: a vendor could not be read (the others were);
     for recover: a pending create could not be decided (nothing was written) or the checkpoint not written

The \`pulumi\` CLI on PATH runs the stack, with the stack's usual environment (backend login,
PULUMI_CONFIG_PASSPHRASE, and for drift the vendor credentials).
`;

interface Invocation {
    command: "drift" | "plan" | "recover";
    stack?: string;
    cwd: string;
    format: Format;
    policyPacks: string[];
    policyPackConfigs: string[];
}

interface ExportInvocation extends ExportOptions {
    command: "export";
}

function parseFilter(raw: string, resources: Resources): Filter {
    // The kinds `--filter` names, by class name (`SipUser`) or full kind.
    const FILTER_KINDS: Record<string, string> = Object.fromEntries(exportables(resources).map((d) => [typeNameOf(d.kind), d.kind]));
    const i = raw.indexOf("::");
    const name = i < 0 ? raw : raw.slice(0, i);
    const kind = FILTER_KINDS[name] ?? Object.values(FILTER_KINDS).find((k) => k === name);
    if (i < 0 || !kind) {
        throw new UsageError(`--filter must be KIND::REGEX with KIND one of ${Object.keys(FILTER_KINDS).join(", ")}; got ${JSON.stringify(raw)}`);
    }
    try {
        return { kind, pattern: new RegExp(raw.slice(i + 2)) };
    } catch (e) {
        throw new UsageError(`--filter ${JSON.stringify(raw)}: not a regular expression (${(e as Error).message})`);
    }
}

/** Parses a command line; `resources`: the kinds the command knows (the registry's). */
export function parse(argv: string[], resources: Resources = RESOURCES): Invocation | ExportInvocation | "help" {
    const scopes = exportScopes(resources);
    const VENDORS = vendorsOf(resources);
    const EXPORT_ONLY = ["vendor", "filter", "out", "as", ...scopes.map((sc) => sc.flag)];
    const { values, positionals } = parseArgs({
        args: argv,
        allowPositionals: true,
        strict: true,
        options: {
            stack: { type: "string", short: "s" },
            cwd: { type: "string", short: "C" },
            format: { type: "string", short: "f" },
            help: { type: "boolean", short: "h" },
            vendor: { type: "string", multiple: true },
            filter: { type: "string", multiple: true },
            out: { type: "string", short: "o" },
            as: { type: "string" },
            ...Object.fromEntries(scopes.map((sc) => [sc.flag, { type: "string", multiple: true } as const])),
            "policy-pack": { type: "string", multiple: true },
            "policy-pack-config": { type: "string", multiple: true },
        },
    });
    if (values.help || positionals.length === 0 || positionals[0] === "help") return "help";
    const [command, ...extra] = positionals;
    if (command !== "drift" && command !== "plan" && command !== "export" && command !== "recover") {
        throw new UsageError(`unknown command ${JSON.stringify(command)}: use drift, plan, export or recover`);
    }
    if (extra.length) throw new UsageError(`unexpected argument ${JSON.stringify(extra[0])}`);
    const cwd = path.resolve(values.cwd ?? ".");
    if (command === "export") {
        const format = values.format ?? "ts";
        if (format !== "ts" && format !== "json" && format !== "import") throw new UsageError(`--format must be ts, json or import for export; got ${JSON.stringify(format)}`);
        const as = values.as ?? "program";
        if (as !== "program" && as !== "roster") throw new UsageError(`--as must be program or roster; got ${JSON.stringify(as)}`);
        if (as === "roster" && format === "import") throw new UsageError("--as roster writes a program and its roster; --format import writes Pulumi's import file: choose one");
        const vendors = (values.vendor ?? []).flatMap((v) => v.split(",")).map((v) => v.trim()).filter(Boolean);
        for (const v of vendors) if (!(VENDORS as readonly string[]).includes(v)) throw new UsageError(`--vendor must name vendors among ${VENDORS.join(", ")}; got ${JSON.stringify(v)}`);
        return {
            command,
            stack: values.stack,
            cwd,
            vendors: (vendors.length ? vendors : VENDORS) as VendorName[],
            vendorsExplicit: vendors.length > 0,
            filters: (values.filter ?? []).map((f) => parseFilter(f, resources)),
            out: path.resolve(values.out ?? "telephony-export"),
            format,
            as,
            scopes: Object.fromEntries(scopes.map((sc) => [sc.flag, ((values as Record<string, unknown>)[sc.flag] as string[] | undefined) ?? []])),
        };
    }
    for (const k of EXPORT_ONLY) if ((values as Record<string, unknown>)[k] !== undefined) throw new UsageError(`--${k} is an option of export, not of ${command}`);
    const format = values.format ?? "text";
    if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(", ")}; got ${JSON.stringify(format)}`);
    const policyPacks = (values["policy-pack"] ?? []).map((p) => path.resolve(p));
    const policyPackConfigs = (values["policy-pack-config"] ?? []).map((p) => path.resolve(p));
    if (command !== "plan" && policyPacks.length + policyPackConfigs.length) throw new UsageError("--policy-pack and --policy-pack-config are options of plan");
    if (policyPackConfigs.length > policyPacks.length) throw new UsageError("--policy-pack-config needs a --policy-pack for each config file");
    return { command, stack: values.stack, cwd, format: format as Format, policyPacks, policyPackConfigs };
}

/** Runs a command line; returns the exit status and what to print. Never throws. */
export async function main(argv: string[], progress: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): Promise<{ code: number; stdout: string; stderr: string }> {
    let command = "pulumi-telephony";
    try {
        const inv = parse(argv);
        if (inv === "help") return { code: EXIT.ok, stdout: usage(), stderr: "" };
        command = `pulumi-telephony ${inv.command}`;
        if (inv.command === "export") {
            const t0 = Date.now();
            const result = await exportEstate(inv, (l) => progress(`${command}: ${l}`));
            const total = Object.values(result.requests).reduce((a, b) => a + b, 0);
            const perVendor = Object.entries(result.requests).map(([v, n]) => `${v} ${n}`).join(", ");
            progress(`${command}: done in ${((Date.now() - t0) / 1000).toFixed(1)} s, ${total} vendor request${total === 1 ? "" : "s"}${perVendor ? ` (${perVendor})` : ""}`);
            const failed = result.errors.length ? `${command}: ${result.errors.length} vendor${result.errors.length === 1 ? "" : "s"} could not be exported: ${result.errors.map((e) => e.vendor).join(", ")}\n` : "";
            return { code: result.errors.length ? EXIT.failed : EXIT.ok, stdout: formatExport(result, inv), stderr: failed };
        }
        if (inv.command === "recover") {
            if (argv.some((a) => a === "--format" || a === "-f" || a.startsWith("--format="))) throw new UsageError("recover has no --format: it prints text");
            const report = await recover(inv, (l) => progress(`${command}: ${l}`));
            const unresolved = report.failure !== undefined || report.blocked !== undefined;
            return { code: unresolved ? EXIT.failed : EXIT.ok, stdout: formatRecover(report), stderr: report.failure ? `${command}: ${report.failure}\n` : "" };
        }
        if (inv.command === "drift") {
            const report = await drift(inv);
            return { code: report.drifted.length ? EXIT.drift : EXIT.ok, stdout: formatDrift(report, inv.format), stderr: "" };
        }
        const p = await plan(inv);
        return { code: p.blocked ? EXIT.policy : EXIT.ok, stdout: formatPlan(p, inv.format), stderr: "" };
    } catch (e) {
        const isUsage = e instanceof UsageError || (e as { code?: string }).code?.startsWith("ERR_PARSE_ARGS");
        const message = e instanceof Error ? e.message : String(e);
        return { code: EXIT.failed, stdout: "", stderr: `${command}: ${message}\n${isUsage ? `\n${usage()}` : ""}` };
    }
}

if (require.main === module) {
    main(process.argv.slice(2)).then(({ code, stdout, stderr }) => {
        if (stderr) process.stderr.write(stderr);
        // Exit only once the report is written: a pipe may take it slower than we finish.
        process.stdout.write(stdout, () => process.exit(code));
    });
}
