import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { z } from "zod";
import { ManualClock } from "../../test/clock";
import { ProviderContext } from "./context";
import { NotSentError, OutcomeUnknownError } from "./errors";
import { Adapter, CreateUnresolvedError, Reconciler } from "./reconciler";
import { Settings } from "./settings";

/** An in-memory vendor: users by login, each with a write-only password. */
function fakeVendor() {
    const users = new Map<string, { id: string; login: string; name?: string; password: string }>();
    const writes: string[] = [];
    const adapter: Adapter<{ id: string; login: string; name?: string }, null> = {
        kind: "fake:User",
        schema: { fields: { parent: z.string(), login: z.string(), name: z.string().optional(), password: z.string().optional() }, secret: ["password"], requiredOnCreate: ["password"] },
        replaceOn: () => ["parent"],
        unobservable: [],
        client: () => null,
        async create(_c, inputs) {
            writes.push(`create ${inputs.login}`);
            const u = { id: `id-${inputs.login}`, login: inputs.login, name: inputs.name, password: inputs.password };
            users.set(u.login, u);
            return { id: u.id, live: u };
        },
        async find(_c, inputs) {
            const u = users.get(inputs.login);
            return u && { id: u.id, live: u };
        },
        read: async (_c, id) => [...users.values()].find((u) => u.id === id),
        async update(_c, id, changed) {
            writes.push(`update ${id} ${Object.keys(changed).join(",")}`);
            const u = [...users.values()].find((x) => x.id === id)!;
            Object.assign(u, changed);
            return u;
        },
        async delete() {},
        observe: (live) => ({ parent: "p", login: live.login, name: live.name }),
        computed: (live) => ({ userId: live.id, nickname: live.name === undefined ? undefined : `~${live.name}` }),
    };
    return { users, writes, reconciler: new Reconciler(adapter, new ProviderContext({ settings: new Settings(undefined, {}), clock: new ManualClock() })) };
}

describe("Reconciler: adopting without write-only properties (requiredOnCreate)", () => {
    it("adopts an existing object declared without its password, sending no write", async () => {
        const v = fakeVendor();
        v.users.set("alice", { id: "id-alice", login: "alice", name: "Alice", password: "secret-at-vendor" });
        const r = await v.reconciler.create({ parent: "p", login: "alice", name: "Alice", adopt: true });
        assert.strictEqual(r.id, "id-alice");
        assert.deepStrictEqual(v.writes, []);
        assert.strictEqual(v.users.get("alice")!.password, "secret-at-vendor");
        assert.ok(!("password" in r.outs));
    });
    it("leaves absent computed values out of the outputs (the engine cannot carry undefined)", async () => {
        const v = fakeVendor();
        v.users.set("dave", { id: "id-dave", login: "dave", password: "x" });
        const r = await v.reconciler.create({ parent: "p", login: "dave", adopt: true });
        assert.ok(!("nickname" in r.outs), JSON.stringify(r.outs));
        assert.strictEqual(r.outs.userId, "id-dave");
    });
    it("refuses to create when the object to adopt is not found and the password is not declared", async () => {
        const v = fakeVendor();
        await assert.rejects(v.reconciler.create({ parent: "p", login: "bob", adopt: true }), /fake:User to adopt was not found at the vendor, so it would be created, and creating it needs password, which the program does not declare/);
        assert.deepStrictEqual(v.writes, []);
    });
    it("refuses at preview (diff) a replacement that would have to create an object without its password", async () => {
        const v = fakeVendor();
        await assert.rejects(v.reconciler.diff("id-alice", { parent: "p", login: "alice" }, { parent: "q", login: "alice", adopt: true }), /would be replaced \(parent changed\), and creating it needs password/);
        // With the password declared the replacement is planned as usual.
        const d = await v.reconciler.diff("id-alice", { parent: "p", login: "alice" }, { parent: "q", login: "alice", password: "pw" });
        assert.deepStrictEqual(d.replaces, ["parent"]);
    });
    it("check refuses a new object without the password unless it adopts", async () => {
        const v = fakeVendor();
        assert.deepStrictEqual((await v.reconciler.check({}, { parent: "p", login: "carol" })).failures.map((f) => f.property), ["password"]);
        assert.deepStrictEqual((await v.reconciler.check({}, { parent: "p", login: "carol", adopt: true })).failures, []);
    });
});

describe("Reconciler: a resend cut off by the deadline", () => {
    it("ends in CreateUnresolvedError counting only the creates that left, when the deadline passes before a resend", async () => {
        const v = fakeVendor();
        const journalDir = fs.mkdtempSync(path.join(os.tmpdir(), "telephony-journal-"));
        const adapter = (v.reconciler as unknown as { adapter: Adapter<any, any> }).adapter;
        let calls = 0;
        const cutOff: Adapter<any, any> = {
            ...adapter,
            // The first create's answer is lost; the vendor made nothing. The resend is refused by the client
            // because the deadline passed during the backoff: it never left.
            async create() {
                calls++;
                if (calls === 1) throw new OutcomeUnknownError({ vendor: "OpenTact", operation: "Create", message: "connection reset" });
                throw new NotSentError({ vendor: "OpenTact", operation: "Create", message: "not sent: the operation deadline had passed" });
            },
        };
        const r = new Reconciler(cutOff, new ProviderContext({ settings: new Settings(undefined, { TELEPHONY_JOURNAL_DIR: journalDir }), clock: new ManualClock() }));
        const err = await r.create({ parent: "p", login: "lost", password: "pw-lost" }).catch((e) => e);
        assert.ok(err instanceof CreateUnresolvedError, String(err));
        assert.match(err.message, /sent 1 time, looked it up 1 time,/);
        assert.strictEqual(calls, 2);
        fs.rmSync(journalDir, { recursive: true, force: true });
    });
});
