/**
 * Which stack a resource belongs to, as the provider learns it: a hidden, non-secret input (`__stackScope`). For a
 * dynamic resource the resource class adds it, computed in the program, which is the side that knows its stack: the
 * engine tells the dynamic-provider process its project (`PULUMI_PROJECT`) but not its stack, and nobody tells it the
 * backend; the program knows organization, project and stack (`pulumi.getOrganization/getProject/getStack`) and sees
 * the environment the CLI runs with. The provider plugin adds it in `check` from what it can tell
 * ({@link identityOfUrn}): the stack and project in the resource's URN, the backend from the environment the CLI
 * starts it with; not the organization, which the engine gives a plugin's resource calls none of.
 *
 * The scope is a digest of the backend, organization, project and stack, so it reveals nothing (a backend URL may
 * carry a password). The backend is `PULUMI_BACKEND_URL` when set (the CLI's first choice, and what CI sets), else the
 * stored login's folder (`PULUMI_HOME`, else `~/.pulumi`): the credentials file there names the backend, and it is not
 * read. Limit: two backends reached through the same login folder (a project's own `backend.url`, or switching with
 * `pulumi login`) holding stacks with the same organization, project and stack names share a scope.
 *
 * The key starts with `__`, so Pulumi shows it in no diff, the reconciler's diff ignores it (it is no schema
 * property: a stack made before it existed previews empty), and `check` passes it through to `create`, where it keys
 * the create journal.
 */
import { createHash } from "crypto";
import * as os from "os";
import * as path from "path";

/** The input (and output) that carries a resource's stack scope. */
export const SCOPE_INPUT = "__stackScope";

/** The parts of a stack's identity. */
export interface StackIdentity {
    backend: string;
    organization: string;
    project: string;
    stack: string;
}

/** The backend as this process can tell it: `PULUMI_BACKEND_URL`, else the stored login's folder. */
export function backendOf(env: NodeJS.ProcessEnv = process.env): string {
    if (env.PULUMI_BACKEND_URL) return env.PULUMI_BACKEND_URL;
    return `login:${path.resolve(env.PULUMI_HOME || path.join(os.homedir(), ".pulumi"))}`;
}

/** The scope of a stack: `s1:` and a digest of its identity. */
export function scopeOf(id: StackIdentity): string {
    const digest = createHash("sha256").update(JSON.stringify([id.backend, id.organization, id.project, id.stack])).digest("hex");
    return `s1:${digest.slice(0, 32)}`;
}

/**
 * The stack identity a provider plugin can tell for a resource: stack and project from its URN
 * (`urn:pulumi:<stack>::<project>::<type>::<name>`), the backend from `env` (the plugin inherits the CLI's
 * environment, so it reads the backend as the program does). The organization is "" (as a program whose engine names
 * none): Check, Create and the other resource calls carry none (only Construct and Call do). So two stacks with the
 * same project and stack names in two organizations of one backend share a scope in a shared journal folder.
 * Undefined for a string that is not a resource URN.
 */
export function identityOfUrn(urn: string, env: NodeJS.ProcessEnv = process.env): StackIdentity | undefined {
    const prefix = "urn:pulumi:";
    if (!urn.startsWith(prefix)) return undefined;
    const [stack, project, type] = urn.slice(prefix.length).split("::");
    if (!stack || !project || !type) return undefined;
    return { backend: backendOf(env), organization: "", project, stack };
}
