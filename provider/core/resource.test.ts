/**
 * What constructing a resource costs a Pulumi program, and what it still records. Each case runs a small program in
 * a child process under Pulumi's mocks (the runtime's state is process-wide), with Pulumi's own
 * `source-map-support` installed as the language host installs it.
 */
import * as assert from "assert";
import { execFileSync } from "child_process";
import * as path from "path";

const REPO = path.resolve(__dirname, "..", "..", "..");

const PROGRAM = `
require(require.resolve("source-map-support/register", { paths: [require.resolve("@pulumi/pulumi")] }));
const pulumi = require("@pulumi/pulumi");
pulumi.runtime.setMocks({ newResource: (a) => ({ id: a.name + "_id", state: a.inputs }), call: (a) => a.inputs }, "p", "s", false);
const debuggable = require("@pulumi/pulumi/runtime/debuggable");
const traces = [];
const record = debuggable.debuggablePromise;
debuggable.debuggablePromise = (p, ctx) => { const r = record(p, ctx); traces.push(p._debugStackTrace); return r; };
const positions = [];
const stackTrace = pulumi.Resource.stackTrace;
pulumi.Resource.stackTrace = (skip) => { const s = stackTrace(skip); positions.push(s); return s; };
const { SipUser } = require(${JSON.stringify(path.join(REPO, "dist", "provider"))});
const args = { sipConnectionUuid: "c0a8f2c4-1d2b-4e5f-9a6b-7c8d9e0f1a2b", login: "alice", password: "pw-123456", firstName: "Alice" };
const limitBefore = Error.stackTraceLimit;
new SipUser("alice", args);
const limitAfter = Error.stackTraceLimit;
let thrown;
try { new SipUser("bad", args, { parent: {} }); } catch (e) { thrown = e.stack; }
const frames = (t) => (t || "").split("\\n").filter((l) => /^\\s+at /.test(l)).length;
console.log(JSON.stringify({
    limitBefore, limitAfter,
    traceFrames: traces.map(frames),
    positionsFound: positions.filter((s) => s.length > 0).length,
    thrown,
}));
setTimeout(() => process.exit(0), 10);
`;

/** The program's report; the default run (no variables) is made once and shared by the tests that read it. */
let plain: any;
function run(env: Record<string, string> = {}) {
    if (Object.keys(env).length === 0) return (plain ??= runProgram(env));
    return runProgram(env);
}

function runProgram(env: Record<string, string>) {
    const out = execFileSync(process.execPath, ["-e", PROGRAM], { cwd: REPO, env: { ...process.env, PULUMI_DEBUG_PROMISE_LEAKS: "", ...env }, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    return JSON.parse(out.trim().split("\n").pop()!);
}

describe("constructing a telephony resource in a Pulumi program", function () {
    this.timeout(60_000);

    it("skips the stack traces Pulumi records per property promise (shown only with PULUMI_DEBUG_PROMISE_LEAKS), and restores the limit", () => {
        const r = run();
        assert.ok(r.traceFrames.length >= 10, `Pulumi made a promise per property: ${r.traceFrames.length}`);
        assert.deepStrictEqual([...new Set(r.traceFrames)], [0], "no frames captured while registering");
        assert.strictEqual(r.limitAfter, r.limitBefore, "Error.stackTraceLimit is the program's again afterwards");
    });

    it("keeps the resource's source position: Pulumi still captures it", () => {
        const r = run();
        assert.ok(r.positionsFound >= 1, "the source position was captured with frames");
    });

    it("records the traces as before when PULUMI_DEBUG_PROMISE_LEAKS is set", () => {
        const r = run({ PULUMI_DEBUG_PROMISE_LEAKS: "1" });
        assert.ok(r.traceFrames.every((n: number) => n > 0), `every promise has a trace: ${r.traceFrames}`);
    });

    it("an error thrown while registering still carries a stack trace to the program's call", () => {
        const r = run();
        assert.match(r.thrown, /Resource parent is not a valid Resource/);
        assert.match(r.thrown, /\n\s+at .*\[eval\]/, `the trace reaches the program:\n${r.thrown}`);
    });
});
