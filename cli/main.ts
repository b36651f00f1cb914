#!/usr/bin/env node
/**
 * The `pulumi-telephony` command.
 *
 *   pulumi-telephony drift [--stack NAME] [--cwd PROGRAM_DIR] [--format text|markdown|json]
 *   pulumi-telephony plan  [--stack NAME] [--cwd PROGRAM_DIR] [--format text|markdown|json]
 *
 * Exit status (as Terraform's `-detailed-exitcode`): 0 success (drift: no drift), 2 drift found,
 * 1 the command itself failed (message on stderr).
 */
import * as path from "path";
import { parseArgs } from "util";
import { drift } from "./drift";
import { UsageError } from "./engine";
import { FORMATS, Format, formatDrift, formatPlan } from "./format";
import { plan } from "./plan";

export const EXIT = { ok: 0, failed: 1, drift: 2 } as const;

const USAGE = `Usage:
  pulumi-telephony drift [--stack NAME] [--cwd PROGRAM_DIR] [--format text|markdown|json]
      Checks the telephony resources of a stack for changes made at the vendors behind Pulumi's back
      (a refresh preview: reads every object, writes nothing). Prints each drifted resource with the
      declared and live value of each property, and the declared properties the vendor cannot show.
  pulumi-telephony plan [--stack NAME] [--cwd PROGRAM_DIR] [--format text|markdown|json]
      Summarises \`pulumi preview\` for a pull request: per resource the operation and the properties that
      change (old → new), with a warning for every replacement or deletion. Needs no vendor credentials.

Options:
  -s, --stack NAME     the stack (default: the program folder's selected stack)
  -C, --cwd DIR        the Pulumi program folder, where Pulumi.yaml is (default: the current folder)
  -f, --format FORMAT  text (default), markdown (for a PR or issue comment) or json

Exit status:
  0  success; for drift: no drift
  2  drift: drift found
  1  the command failed (the reason is on stderr)

The \`pulumi\` CLI on PATH runs the stack, with the stack's usual environment (backend login,
PULUMI_CONFIG_PASSPHRASE, and for drift the vendor credentials).
`;

interface Invocation {
    command: "drift" | "plan";
    stack?: string;
    cwd: string;
    format: Format;
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
        },
    });
    if (values.help || positionals.length === 0 || positionals[0] === "help") return "help";
    const [command, ...extra] = positionals;
    if (command !== "drift" && command !== "plan") throw new UsageError(`unknown command ${JSON.stringify(command)}: use drift or plan`);
    if (extra.length) throw new UsageError(`unexpected argument ${JSON.stringify(extra[0])}`);
    const format = values.format as string;
    if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(", ")}; got ${JSON.stringify(format)}`);
    return { command, stack: values.stack, cwd: path.resolve(values.cwd ?? "."), format: format as Format };
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
        return { code: EXIT.ok, stdout: formatPlan(await plan(inv), inv.format), stderr: "" };
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
