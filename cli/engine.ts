/**
 * The Pulumi side of the commands: the Automation API over the same `pulumi` CLI the project uses (found on
 * PATH), run against a program folder and a stack, collecting the engine's events.
 */
import { EngineEvent, LocalWorkspace, Stack } from "@pulumi/pulumi/automation";

/** A mistake in how the command was called (exit 1, with usage). */
export class UsageError extends Error {}

export interface StackTarget {
    /** Stack name as `pulumi --stack` takes it; the program folder's selected stack when absent. */
    stack?: string;
    /** The Pulumi program folder (where Pulumi.yaml is). */
    cwd: string;
}

export interface Opened {
    stack: Stack;
    name: string;
}

export async function openStack(target: StackTarget): Promise<Opened> {
    try {
        const ws = await LocalWorkspace.create({ workDir: target.cwd });
        const name = target.stack ?? (await ws.stack())?.name;
        if (!name) throw new UsageError(`no stack is selected for the program in ${target.cwd}: pass --stack NAME`);
        // Stack.select runs `pulumi stack select`, which would change the stack the user's next `pulumi up`
        // targets. Every command the Automation API runs passes --stack, so selecting is not needed; a stack
        // that does not exist fails the command itself ("no stack named … found").
        ws.selectStack = async () => {};
        return { stack: await Stack.select(name, ws), name };
    } catch (e) {
        if (e instanceof UsageError) throw e;
        throw new Error(`cannot open the stack${target.stack ? ` ${target.stack}` : ""} of the program in ${target.cwd}: ${pulumiSaid(e)}`);
    }
}

/** What the `pulumi` CLI printed for a failed command, rather than the Automation API's wrapper text. */
function pulumiSaid(e: unknown): string {
    if ((e as { code?: string }).code === "ENOENT" || /spawn pulumi ENOENT/.test(String(e))) {
        return "the `pulumi` CLI is not on PATH: install it (https://www.pulumi.com/docs/install/) or put its folder on PATH";
    }
    const stderr = (e as { commandResult?: { stderr?: string } }).commandResult?.stderr?.trim();
    if (stderr) return stderr.split("\n").filter((l) => !l.startsWith("Command failed with exit code")).join("\n");
    return e instanceof Error ? e.message : String(e);
}

/**
 * Runs one engine operation and returns its events. A failure becomes an Error whose message is what
 * Pulumi printed (the provider's own errors are already redacted), not the Automation API's wrapper text.
 */
export async function collect(what: string, run: (onEvent: (e: EngineEvent) => void) => Promise<unknown>): Promise<EngineEvent[]> {
    const events: EngineEvent[] = [];
    try {
        await run((e) => events.push(e));
        return events;
    } catch (e) {
        const diagnostics = events
            .map((ev) => ev.diagnosticEvent)
            .filter((d) => d && d.severity === "error")
            .map((d) => d!.message.trim());
        const result = (e as { commandResult?: { stderr?: string; code?: number } }).commandResult;
        const detail = diagnostics.length ? diagnostics.join("\n") : pulumiSaid(e);
        throw new Error(`${what} failed${result?.code !== undefined && result.code > 0 ? ` (exit ${result.code})` : ""}:\n${detail}`);
    }
}
