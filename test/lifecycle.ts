/**
 * The lifecycle every resource must pass on the real engine (Terraform-acceptance style):
 *  1. `up` creates; the vendor shows exactly the declared object
 *  2. a second `preview` proposes no changes and makes zero vendor requests
 *  3. a change behind Pulumi's back is reported by `refresh --preview-only --expect-no-changes`;
 *     `refresh` then `up` restores the declared state, after which the plan is empty again
 *  4. an edit of one field is one update request carrying only that field
 *  5. a change of an identity property replaces the object (old deleted, new created)
 *  6. `destroy` leaves nothing at the vendor
 *  7. the exported state holds no plaintext secret
 *  8. the stored provider (`__provider`) is at most 1 KB per resource: a `require` of the package's shim module
 *     for the kind, holding no absolute path (steps 3-6 run with it: refresh, update, replace, destroy)
 * A resource describes itself in its folder's `spec.ts` (a ResourceSpec: the one description of the resource the
 * lifecycle, the fault suite and the other fleet tests share); a step the API cannot do says why instead.
 *
 * Every kind's runs go through the steps together, in one stack against one sandbox (`test/lifecycle.e2e.test.ts`):
 * each step is one engine run for all of them, and each run is still checked on its own (its object found by
 * `matches`, its request picked out by vendor and route), while the collections' sizes show nothing else was made.
 */
import * as assert from "assert";
import { DEFAULT_CREDENTIALS, Sandbox } from "../sandbox";
import * as os from "os";
import * as path from "path";
import { ResourceDescriptor, StackConfig, typeNameOf } from "../provider/core/descriptor";
import { RESOURCES, vendorOf } from "../provider/registry";
import { REPO, SandboxAdmin, TestStack, useSandboxStack } from "./harness";

export type Obj = Record<string, any>;

/** How the test suites make, change and recognise a resource at the vendor: its folder's `spec.ts` (not in the package). */
export interface ResourceSpec {
    /** Vendor + collection of its objects in the sandbox's admin API. */
    collection: [string, string];
    /** The vendor objects this resource manages (default: the whole collection). */
    live?(admin: SandboxAdmin): Promise<Obj[]>;
    /** The sandbox route name of the create call (the one whose answers a test holds back). */
    createRoute: string;
    /**
     * What the create request for `args` carries that no other object's create does (a login, a number, a user id
     * in the path), so the sandbox's hold can pick that one request out (`matching`).
     */
    createMark(args: Obj): string;
    /** The sandbox id of a vendor object (as the admin API addresses it). */
    adminId(obj: Obj): string;
    /** A natural key that identifies an object at the vendor (two objects with one key = a duplicate). */
    key(obj: Obj): string;
    /** The vendor object's key fields as the declared args give them (so `key` applies to both). */
    expected(args: Obj): Obj;
    /** Asserts that a vendor object shows the declared arguments. */
    matches(obj: Obj, args: Obj): void;
    /** Secret values in the declared args and in the vendor objects (passwords, digests). */
    secrets(args: Obj, live: Obj[]): string[];
    /** Objects the vendor must hold first (numbers, users), seeded through the admin API once per sandbox. */
    seed?(admin: SandboxAdmin): Promise<void>;
    /** The fleet the fault, crash and other suites declare: `count` resources named `prefix<i>`. */
    fleet: { prefix: string; count: number; make(i: number): Obj; update(args: Obj): Obj };
    /** The lifecycle runs (usually one; SipUser has one per parent form). */
    lifecycle: LifecycleRun[];
}

/** One run of the lifecycle below. */
export interface LifecycleRun {
    /** Stack config; default: the vendor's own against the sandbox, with a token where it takes one (its `vendor.ts`). */
    config?(sb: Sandbox): StackConfig;
    /** Environment of the CLI; default: what the vendor's client needs against the sandbox. */
    env?: NodeJS.ProcessEnv;
    /** Credentials that must never appear in the exported state; default: the config's secret values. */
    credentials?: string[];
    /** Step 1's declared arguments. */
    args: Obj;
    /** Step 3: an out-of-band change to an observable property, or why the API cannot show one. */
    drift: { patch: Obj; property: string } | { unobservable: string };
    /** Step 4: a one-field edit and the single request it must make. */
    edit: { args: Obj; method: string; route: string; bodyKeys?: string[] } | { unsupported: string };
    /** Step 5: a change that replaces the object, or why there is none. */
    replace: { args: Obj } | { unsupported: string };
}

/** The test spec of a resource (its folder's `spec.ts`, loaded through the descriptor). */
export function specOf(d: ResourceDescriptor): ResourceSpec & { live(admin: SandboxAdmin): Promise<Obj[]> } {
    const spec = d.loadSpec() as ResourceSpec;
    return { ...spec, live: spec.live ?? ((admin) => admin.objects(...spec.collection)) };
}

/** One lifecycle run as the combined stack declares it. */
interface Run extends Omit<ResourceSpec, "lifecycle">, Omit<LifecycleRun, "credentials" | "config" | "env"> {
    /** Its resource's name in the program (`sipuser`, `sipuser-2`, …). */
    name: string;
    type: string;
    urnType: string;
    vendor: string;
    live(admin: SandboxAdmin): Promise<Obj[]>;
    /** The arguments declared now (each step may change them). */
    current: Obj;
}

/** Every lifecycle run of the given resources, in one stack against one sandbox. */
export function describeLifecycles(descriptors: readonly ResourceDescriptor[]): void {
    const runs: Run[] = [];
    const configs: Array<(sb: Sandbox) => StackConfig> = [];
    const credentials: Array<(sb: Sandbox) => string[]> = [];
    let env: NodeJS.ProcessEnv = {};
    for (const d of descriptors) {
        const resource = specOf(d);
        const vendor = vendorOf(d.vendor as never);
        resource.lifecycle.forEach((run, i) => {
            const config = run.config ?? ((sb: Sandbox) => vendor.sandbox.config(sb.vendorUrl(d.vendor), (DEFAULT_CREDENTIALS as Obj)[d.vendor], "token"));
            configs.push(config);
            credentials.push((sb) => run.credentials ?? Object.values(config(sb)).filter((c) => c.secret).map((c) => c.value));
            env = { ...env, ...(run.env ?? vendor.sandbox.env?.((DEFAULT_CREDENTIALS as Obj)[d.vendor]) ?? {}) };
            const type = typeNameOf(d.kind);
            runs.push({ ...resource, ...run, name: `${type.toLowerCase()}${i === 0 ? "" : `-${i + 1}`}`, type, urnType: d.kind, vendor: d.vendor, current: run.args });
        });
    }
    /** One stack config for all runs: a key two runs set differently would make one of them untested. */
    const config = (sb: Sandbox): StackConfig => {
        const merged: StackConfig = {};
        for (const c of configs) {
            for (const [k, v] of Object.entries(c(sb))) {
                if (merged[k] && merged[k].value !== v.value) throw new Error(`lifecycle runs set ${k} differently; give one of them its own describe block`);
                merged[k] = v;
            }
        }
        return merged;
    };
    lifecycle(runs, config, env, (sb) => credentials.flatMap((c) => c(sb)));
}

function lifecycle(runs: Run[], config: (sb: Sandbox) => StackConfig, env: NodeJS.ProcessEnv, credentials: (sb: Sandbox) => string[]): void {
    const kinds = [...new Set(runs.map((r) => r.type))].join(", ");
    describe(`the lifecycle on the real engine (${kinds}; ${runs.length} runs in one stack)`, function () {
        this.timeout(300_000);
        let sb: Sandbox;
        let admin: SandboxAdmin;
        let stack: TestStack;
        const created = new Map<string, Obj>();
        const secretsSeen = new Set<string>();
        /** Vendor requests per step and vendor, printed for the closing notes. */
        const counts: Record<string, Record<string, number>> = {};
        const vendorRequests = async () => (await admin.requests()).log.filter((r) => r.vendor !== "_sandbox");
        const count = async (step: string) => {
            const byVendor: Record<string, number> = {};
            for (const r of await vendorRequests()) byVendor[r.vendor] = (byVendor[r.vendor] ?? 0) + 1;
            counts[step] = byVendor;
            await admin.resetRequests();
        };

        const declare = () => stack.declare(Object.fromEntries(runs.map((r) => [r.name, { type: r.type, args: r.current }])));
        /** The run's object at the vendor: the one its declared arguments match (two runs may share a collection). */
        const objectsOf = async (r: Run, args = r.current) =>
            (await r.live(admin)).filter((o) => {
                try {
                    r.matches(o, args);
                    return true;
                } catch {
                    return false;
                }
            });
        /** Each collection holds exactly one object per run that uses it: nothing else was made, nothing left behind. */
        const assertOnePerRun = async () => {
            for (const [collection, users] of groupBy(runs, (r) => r.collection.join("/"))) {
                const live = await users[0].live(admin);
                assert.strictEqual(live.length, users.length, `${collection} holds ${live.length} objects for ${users.length} run(s) (${users.map((u) => u.name).join(", ")})`);
            }
        };
        const recordSecrets = async () => {
            for (const r of runs) for (const s of r.secrets(r.current, await r.live(admin))) if (s) secretsSeen.add(s);
            for (const s of credentials(sb)) if (s) secretsSeen.add(s);
        };
        const emptyPlan = async (after: string) => {
            const r = await stack.preview(["--expect-no-changes"]);
            assert.strictEqual(r.code, 0, `the plan after ${after} is not empty:\n${r.stdout}\n${r.stderr}`);
        };

        useSandboxStack({ stack: "lifecycle", config, env }, (t) => ({ sb, admin, stack } = t));
        before(() => declare());
        after(() => {
            for (const [step, byVendor] of Object.entries(counts)) process.stdout.write(`      vendor requests, ${step}: ${JSON.stringify(byVendor)}\n`);
        });

        it("1. up creates exactly the declared objects", async () => {
            await admin.resetRequests();
            await stack.up();
            await count("create");
            await assertOnePerRun();
            for (const r of runs) {
                const mine = await objectsOf(r);
                assert.strictEqual(mine.length, 1, `${r.name}: expected its object at the vendor, found ${mine.length} matching the declaration`);
                created.set(r.name, mine[0]);
            }
            await recordSecrets();
        });

        it("2. a second preview proposes no changes and makes zero vendor requests", async () => {
            await admin.resetRequests();
            await emptyPlan("up");
            assert.deepStrictEqual(await vendorRequests(), []);
        });

        it("3. out-of-band drift is reported by refresh, and up restores the declared state", async function () {
            const drifting = runs.filter((r) => "patch" in r.drift);
            const unobservable = runs.filter((r) => "unobservable" in r.drift);
            if (unobservable.length) this.test!.title += ` — not observable for ${unobservable.map((r) => `${r.name} (${(r.drift as { unobservable: string }).unobservable})`).join("; ")}`;
            for (const r of drifting) {
                const { patch } = r.drift as { patch: Obj };
                const [live] = await objectsOf(r);
                await admin.alter(r.collection[0], r.collection[1], r.adminId(live), patch);
            }
            const stateBefore = await stack.exportText();
            await admin.resetRequests();
            const detect = await stack.refresh(["--preview-only", "--expect-no-changes", "--diff"]);
            await count("refresh");
            assert.strictEqual(detect.code, drifting.length ? 7 : 0, `refresh reported ${detect.code === 7 ? "" : "no "}drift (exit ${detect.code}):\n${detect.stdout}\n${detect.stderr}`);
            for (const r of drifting) {
                const { property } = r.drift as { property: string };
                assert.match(blockOf(detect.stdout, r.name), new RegExp(`~ ${property}\\s*:`), `refresh names ${r.name}'s drifted property ${property}`);
            }
            // An object whose properties the API cannot show refreshes clean.
            for (const r of unobservable) assert.doesNotMatch(blockOf(detect.stdout, r.name), /^\s*[-+~] \w+\s*:/m, `${r.name} shows drift`);
            // The state, not another preview, shows that the preview-only refresh changed nothing.
            assert.strictEqual(await stack.exportText(), stateBefore, "refresh --preview-only must not change state");
            assert.strictEqual((await stack.refresh()).code, 0);
            await stack.up();
            for (const r of runs) assert.strictEqual((await objectsOf(r)).length, 1, `${r.name} is not back to its declared state`);
            await emptyPlan("restoring");
            await recordSecrets();
        });

        it("4. an edit of one field is one update carrying only that field", async function () {
            const editing = runs.filter((r) => "args" in r.edit);
            const unsupported = runs.filter((r) => "unsupported" in r.edit);
            if (unsupported.length) this.test!.title += ` — not possible for ${unsupported.map((r) => `${r.name}: ${(r.edit as { unsupported: string }).unsupported}`).join("; ")}`;
            for (const r of editing) r.current = { ...r.current, ...(r.edit as { args: Obj }).args };
            declare();
            await admin.resetRequests();
            await stack.up();
            const writes = (await vendorRequests()).filter((q) => q.method !== "GET");
            await count("update");
            for (const r of editing) {
                const { method, route, bodyKeys } = r.edit as { method: string; route: string; bodyKeys?: string[] };
                const mine = writes.filter((q) => q.vendor === r.vendor && q.route === route);
                assert.strictEqual(mine.length, 1, `${r.name}: expected one ${route}, saw ${mine.length}`);
                assert.strictEqual(mine[0].method, method);
                if (bodyKeys) assert.deepStrictEqual(Object.keys(mine[0].body ?? {}).sort(), [...bodyKeys].sort());
                assert.strictEqual((await objectsOf(r)).length, 1, `${r.name} does not show the edit`);
            }
            assert.strictEqual(writes.length, editing.length, `expected one write per edit, saw ${writes.map((w) => `${w.vendor} ${w.method} ${w.route}`).join(", ")}`);
            await emptyPlan("the edits");
        });

        it("5. a change of an identity property replaces the object", async function () {
            const replacing = runs.filter((r) => "args" in r.replace);
            const unsupported = runs.filter((r) => "unsupported" in r.replace);
            if (unsupported.length) this.test!.title += ` — not possible for ${unsupported.map((r) => `${r.name}: ${(r.replace as { unsupported: string }).unsupported}`).join("; ")}`;
            const before = new Map<string, Obj>();
            for (const r of replacing) before.set(r.name, (await objectsOf(r))[0]);
            for (const r of replacing) r.current = { ...r.current, ...(r.replace as { args: Obj }).args };
            declare();
            await stack.up();
            await assertOnePerRun();
            for (const r of replacing) {
                const after = await objectsOf(r);
                assert.strictEqual(after.length, 1, `${r.name}: expected its new object, found ${after.length}`);
                assert.notStrictEqual(r.adminId(after[0]), r.adminId(before.get(r.name)!), `${r.name} was not replaced`);
            }
            await emptyPlan("the replacements");
            await recordSecrets();
        });

        it("7. the exported state holds no plaintext secret", async () => {
            const text = await stack.exportText();
            assert.ok(secretsSeen.size > 0, "the specs named no secrets to look for");
            for (const s of secretsSeen) assert.ok(!text.includes(s), `a secret (${s.length} chars) appears in plaintext in the exported state`);
        });

        it("8. the stored provider is at most 1 KB per resource: a require of the kind's provider module, no path", async () => {
            const state = JSON.parse(await stack.exportText());
            for (const urnType of new Set(runs.map((r) => r.urnType))) {
                const ours = state.deployment.resources.filter((r: Obj) => r.type === `pulumi-nodejs:dynamic/${urnType}`);
                assert.ok(ours.length > 0, `no ${urnType} in the state`);
                const provider = RESOURCES.find((d) => d.kind === urnType)!.loadProvider();
                const file = Object.keys(require.cache).find((f) => require.cache[f]?.exports === provider)!;
                const shim = `pulumi-telephony/${path.relative(REPO, file).split(path.sep).join("/")}`;
                for (const r of ours) {
                    const size = Buffer.byteLength(r.inputs.__provider);
                    assert.ok(size <= 1024, `__provider is ${size} bytes:\n${r.inputs.__provider}`);
                    assert.strictEqual(r.outputs.__provider, r.inputs.__provider);
                    assert.ok(r.inputs.__provider.includes(`require("${shim}")`), `__provider does not load ${shim}:\n${r.inputs.__provider}`);
                    for (const p of [REPO, os.homedir(), os.tmpdir()]) assert.ok(!r.inputs.__provider.includes(p), `__provider holds the path ${p}`);
                }
                process.stdout.write(`      __provider of ${urnType}: ${Buffer.byteLength(ours[0].inputs.__provider)} bytes\n`);
            }
        });

        it("6. destroy leaves nothing at the vendor", async () => {
            await admin.resetRequests();
            await stack.destroy();
            await count("destroy");
            for (const r of runs) assert.deepStrictEqual(await r.live(admin), [], `${r.name}'s collection is not empty`);
            assert.strictEqual(created.size, runs.length, "step 1 created every object");
        });
    });
}

/** The part of a `--diff` report about the resource named `name` (up to the next resource's `[urn=`). */
function blockOf(report: string, name: string): string {
    const start = report.search(new RegExp(`\\[urn=[^\\]]*::${name.replace(/[.-]/g, "\\$&")}\\]`));
    if (start < 0) return "";
    const next = report.indexOf("[urn=", start + 1);
    return report.slice(start, next < 0 ? undefined : next);
}

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
    const out = new Map<string, T[]>();
    for (const t of items) out.set(key(t), [...(out.get(key(t)) ?? []), t]);
    return out;
}
