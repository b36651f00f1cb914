#!/usr/bin/env node
/**
 * The `pulumi-telephony` command.
 *
 *   pulumi-telephony drift [--stack NAME] [--cwd PROGRAM_DIR] [--format text|markdown|json]
 *   pulumi-telephony plan  [--stack NAME] [--cwd PROGRAM_DIR] [--format text|markdown|json]
 *                          [--policy-pack DIR [--policy-pack-config FILE]]
 *
 * Exit status (as Terraform's `-detailed-exitcode`): 0 success (drift: no drift), 2 drift found,
 * 3 plan: a mandatory policy was violated (listed in the report), 1 the command itself failed (message on stderr).
 */
import * as path from "path";
import { parseArgs } from "util";
import { drift } from "./drift";
import { UsageError } from "./engine";
import { FORMATS, Format, formatDrift, formatPlan } from "./format";
import { plan } from "./plan";

export const EXIT = { ok: 0, failed: 1, drift: 2, policy: 3 } as const;

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

Options:
  -s, --stack NAME     the stack (default: the program folder's selected stack)
  -C, --cwd DIR        the Pulumi program folder, where Pulumi.yaml is (default: the current folder)
  -f, --format FORMAT  text (default), markdown (for a PR or issue comment) or json
  --policy-pack DIR    plan: run this policy pack with the preview (repeatable)
  --policy-pack-config FILE
                       plan: its configuration, as for pulumi preview (repeatable, in the same order)

Exit status:
  0  success; for drift: no drift
  2  drift: drift found
  3  plan: a mandatory policy was violated (the report lists the violations)
  1  the command failed (the reason is on stderr)

The \`pulumi\` CLI on PATH runs the stack, with the stack's usual environment (backend login,
PULUMI_CONFIG_PASSPHRASE, and for drift the vendor credentials).
`;

interface Invocation {
    command: "drift" | "plan";
    stack?: string;
    cwd: string;
    format: Format;
    policyPacks: string[];
    policyPackConfigs: string[];
}

export function parse(argv: string[]): Invocation | "help" {
    const { values, positionals } = parseArgs({
        args: argv,
        allowPositionals: true,
        strict: true,
        options: {
            stack: { type: "string", short: "s" },
            cwd: { type: "string", short: "C" },
            format: { type: "string", short: "f", default: "text" },
            help: { type: "boolean", short: "h" },
            "policy-pack": { type: "string", multiple: true },
            "policy-pack-config": { type: "string", multiple: true },
        },
    });
    if (values.help || positionals.length === 0 || positionals[0] === "help") return "help";
    const [command, ...extra] = positionals;
    if (command !== "drift" && command !== "plan") throw new UsageError(`unknown command ${JSON.stringify(command)}: use drift or plan`);
    if (extra.length) throw new UsageError(`unexpected argument ${JSON.stringify(extra[0])}`);
    const format = values.format as string;
    if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(", ")}; got ${JSON.stringify(format)}`);
    const policyPacks = (values["policy-pack"] ?? []).map((p) => path.resolve(p));
    const policyPackConfigs = (values["policy-pack-config"] ?? []).map((p) => path.resolve(p));
    if (command !== "plan" && policyPacks.length + policyPackConfigs.length) throw new UsageError("--policy-pack and --policy-pack-config are options of plan");
    if (policyPackConfigs.length > policyPacks.length) throw new UsageError("--policy-pack-config needs a --policy-pack for each config file");
    return { command, stack: values.stack, cwd: path.resolve(values.cwd ?? "."), format: format as Format, policyPacks, policyPackConfigs };
}

/** Runs a command line; returns the exit status and what to print. Never throws. */
export async function main(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    let command = "pulumi-telephony";
    try {
        const inv = parse(argv);
        if (inv === "help") return { code: EXIT.ok, stdout: USAGE, stderr: "" };
        command = `pulumi-telephony ${inv.command}`;
        if (inv.command === "drift") {
            const report = await drift(inv);
            return { code: report.drifted.length ? EXIT.drift : EXIT.ok, stdout: formatDrift(report, inv.format), stderr: "" };
        }
        const p = await plan(inv);
        return { code: p.blocked ? EXIT.policy : EXIT.ok, stdout: formatPlan(p, inv.format), stderr: "" };
    } catch (e) {
        const usage = e instanceof UsageError || (e as { code?: string }).code?.startsWith("ERR_PARSE_ARGS");
        const message = e instanceof Error ? e.message : String(e);
        return { code: EXIT.failed, stdout: "", stderr: `${command}: ${message}\n${usage ? `\n${USAGE}` : ""}` };
    }
}

if (require.main === module) {
    main(process.argv.slice(2)).then(({ code, stdout, stderr }) => {
        if (stderr) process.stderr.write(stderr);
        // Exit only once the report is written: a pipe may take it slower than we finish.
        process.stdout.write(stdout, () => process.exit(code));
    });
}
