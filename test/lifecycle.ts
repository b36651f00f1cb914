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

/** Every lifecycle run of a resource, each in its own sandbox. */
export function describeLifecycle(d: ResourceDescriptor): void {
    const resource = specOf(d);
    for (const run of resource.lifecycle) {
        const vendor = vendorOf(d.vendor as never);
        const config = run.config ?? ((sb: Sandbox) => vendor.sandbox.config(sb.vendorUrl(d.vendor), (DEFAULT_CREDENTIALS as Obj)[d.vendor], "token"));
        lifecycleRun({
            ...run,
            ...resource,
            type: typeNameOf(d.kind),
            urnType: d.kind,
            config,
            env: run.env ?? vendor.sandbox.env?.((DEFAULT_CREDENTIALS as Obj)[d.vendor]) ?? {},
            credentials: (sb) => run.credentials ?? Object.values(config(sb)).filter((c) => c.secret).map((c) => c.value),
        });
    }
}

type Run = Omit<ResourceSpec, "lifecycle"> &
    Omit<LifecycleRun, "credentials"> & {
        type: string;
        urnType: string;
        config(sb: Sandbox): StackConfig;
        live(admin: SandboxAdmin): Promise<Obj[]>;
        credentials(sb: Sandbox): string[];
    };

function lifecycleRun(spec: Run): void {
    describe(`${spec.type} lifecycle on the real engine`, function () {
        this.timeout(300_000);
        let sb: Sandbox;
        let admin: SandboxAdmin;
        let stack: TestStack;
        let args = spec.args;
        let created: Obj | undefined;
        const secretsSeen = new Set<string>();
        /** Vendor requests per step, printed for the closing notes. */
        const counts: Record<string, number | string> = {};
        const count = async (step: string) => {
            counts[step] = (await vendorRequests()).length;
            await admin.resetRequests();
        };

        const declare = (a: Obj) => {
            args = a;
            stack.declare({ r: { type: spec.type, args: a } });
        };
        const vendorRequests = async () => (await admin.requests()).log.filter((r) => r.vendor !== "_sandbox");

        useSandboxStack({ stack: `lc-${spec.type.toLowerCase()}`, config: spec.config, env: spec.env ?? {} }, (t) => ({ sb, admin, stack } = t));
        before(() => declare(spec.args));
        after(() => {
            process.stdout.write(`      vendor requests (${spec.urnType}): ${Object.entries(counts).map(([k, v]) => `${k}=${v}`).join(" ")}\n`);
        });

        const recordSecrets = async () => {
            for (const s of [...spec.secrets(args, await spec.live(admin)), ...spec.credentials(sb)]) if (s) secretsSeen.add(s);
        };

        it("1. up creates exactly the declared object", async () => {
            await admin.resetRequests();
            await stack.up();
            await count("create");
            const live = await spec.live(admin);
            assert.strictEqual(live.length, 1, `expected one object at the vendor, found ${live.length}`);
            spec.matches(live[0], args);
            created = live[0];
            await recordSecrets();
        });

        it("2. a second preview proposes no changes and makes zero vendor requests", async () => {
            await admin.resetRequests();
            const r = await stack.preview(["--expect-no-changes"]);
            assert.strictEqual(r.code, 0, `preview found changes:\n${r.stdout}\n${r.stderr}`);
            assert.deepStrictEqual(await vendorRequests(), []);
            counts.preview = 0;
        });

        it("3. out-of-band drift is reported by refresh, and up restores the declared state", async function () {
            if ("unobservable" in spec.drift) {
                this.test!.title += ` — ${spec.drift.unobservable}`;
                // The API cannot show the property; assert at least that refresh of an unchanged object is clean.
                await admin.resetRequests();
                const r = await stack.refresh(["--preview-only", "--expect-no-changes"]);
                await count("refresh");
                assert.strictEqual(r.code, 0, `${spec.drift.unobservable}\n${r.stdout}\n${r.stderr}`);
                return;
            }
            const live = (await spec.live(admin))[0];
            await admin.alter(spec.collection[0], spec.collection[1], spec.adminId(live), spec.drift.patch);
            const stateBefore = await stack.exportText();
            await admin.resetRequests();
            const detect = await stack.refresh(["--preview-only", "--expect-no-changes", "--diff"]);
            await count("refresh");
            assert.strictEqual(detect.code, 7, `refresh did not report the drift (exit ${detect.code}):\n${detect.stdout}\n${detect.stderr}`);
            assert.match(detect.stdout, new RegExp(`~ ${spec.drift.property}\\s*:`), `refresh names the drifted property ${spec.drift.property}`);
            // The state, not another preview, shows that the preview-only refresh changed nothing.
            assert.strictEqual(await stack.exportText(), stateBefore, "refresh --preview-only must not change state");
            assert.strictEqual((await stack.refresh()).code, 0);
            await stack.up();
            spec.matches((await spec.live(admin))[0], args);
            const again = await stack.preview(["--expect-no-changes"]);
            assert.strictEqual(again.code, 0, `the plan after restoring is not empty:\n${again.stdout}`);
            await recordSecrets();
        });

        it("4. an edit of one field is one update carrying only that field", async function () {
            if ("unsupported" in spec.edit) {
                this.test!.title += ` — not possible: ${spec.edit.unsupported}`;
                return;
            }
            const { method, route, bodyKeys } = spec.edit;
            declare({ ...args, ...spec.edit.args });
            await admin.resetRequests();
            await stack.up();
            const all = await vendorRequests();
            counts.update = all.length;
            const writes = all.filter((r) => r.method !== "GET");
            assert.strictEqual(writes.length, 1, `expected one write, saw ${writes.map((w) => `${w.method} ${w.route}`).join(", ")}`);
            assert.strictEqual(writes[0].method, method);
            assert.strictEqual(writes[0].route, route);
            if (bodyKeys) assert.deepStrictEqual(Object.keys(writes[0].body ?? {}).sort(), [...bodyKeys].sort());
            spec.matches((await spec.live(admin))[0], args);
            assert.strictEqual((await stack.preview(["--expect-no-changes"])).code, 0);
        });

        it("5. a change of an identity property replaces the object", async function () {
            if ("unsupported" in spec.replace) {
                this.test!.title += ` — not possible: ${spec.replace.unsupported}`;
                return;
            }
            const before = (await spec.live(admin))[0];
            declare({ ...args, ...spec.replace.args });
            await stack.up();
            const after = await spec.live(admin);
            assert.strictEqual(after.length, 1, `expected exactly one object after replacement, found ${after.length}`);
            assert.notStrictEqual(spec.adminId(after[0]), spec.adminId(before), "the object was not replaced");
            spec.matches(after[0], args);
            assert.strictEqual((await stack.preview(["--expect-no-changes"])).code, 0);
            await recordSecrets();
        });

        it("7. the exported state holds no plaintext secret", async () => {
            const text = await stack.exportText();
            assert.ok(secretsSeen.size > 0, "the spec named no secrets to look for");
            for (const s of secretsSeen) assert.ok(!text.includes(s), `a secret (${s.length} chars) appears in plaintext in the exported state`);
        });

        it("8. the stored provider is at most 1 KB per resource: a require of the kind's provider module, no path", async () => {
            const state = JSON.parse(await stack.exportText());
            const ours = state.deployment.resources.filter((r: Obj) => r.type === `pulumi-nodejs:dynamic/${spec.urnType}`);
            assert.ok(ours.length > 0);
            for (const r of ours) {
                const size = Buffer.byteLength(r.inputs.__provider);
                assert.ok(size <= 1024, `__provider is ${size} bytes:\n${r.inputs.__provider}`);
                assert.strictEqual(r.outputs.__provider, r.inputs.__provider);
                const provider = RESOURCES.find((d) => d.kind === spec.urnType)!.loadProvider();
                const file = Object.keys(require.cache).find((f) => require.cache[f]?.exports === provider)!;
                const shim = `pulumi-telephony/${path.relative(REPO, file).split(path.sep).join("/")}`;
                assert.ok(r.inputs.__provider.includes(`require("${shim}")`), `__provider does not load ${shim}:\n${r.inputs.__provider}`);
                for (const p of [REPO, os.homedir(), os.tmpdir()]) assert.ok(!r.inputs.__provider.includes(p), `__provider holds the path ${p}`);
                process.stdout.write(`      __provider of ${spec.urnType}: ${size} bytes\n`);
            }
        });

        it("6. destroy leaves nothing at the vendor", async () => {
            await admin.resetRequests();
            await stack.destroy();
            await count("destroy");
            assert.deepStrictEqual(await spec.live(admin), []);
            assert.ok(created, "step 1 created the object");
        });
    });
}
