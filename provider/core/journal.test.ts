import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { COMPACT_BYTES, CreateJournal } from "./journal";

/** A fresh journal folder per test; two CreateJournal objects on one file stand for two provider processes. */
function folder(): string {
    return fs.mkdtempSync(path.join(os.tmpdir(), "journal-test-"));
}
/** One stack's scope (core/scope.ts). */
const SCOPE = "s1:0123456789abcdef0123456789abcdef";
const lines = (file: string) => fs.readFileSync(file, "utf8").split("\n").filter(Boolean);

describe("create journal (append-only file)", () => {
    let dir: string;
    beforeEach(() => (dir = folder()));
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("records a create before it is sent and forgets it once answered; another process sees both", () => {
        const file = path.join(dir, "create-journal.jsonl");
        const a = new CreateJournal(file);
        const b = new CreateJournal(file);
        const key = CreateJournal.key("x:User", { login: "alice" }, SCOPE);
        assert.strictEqual(b.has(key), false);
        a.record(key);
        assert.strictEqual(b.has(key), true, "the other process reads the appended line");
        b.forget(key);
        assert.strictEqual(a.has(key), false, "and the first reads the other's answer");
        assert.deepStrictEqual(lines(file).map((l) => Object.keys(JSON.parse(l))[0]), ["sent", "answered"]);
    });

    it("writes one line per change, never rewriting the file: 200 creates and their answers are 400 lines", () => {
        const file = path.join(dir, "create-journal.jsonl");
        const j = new CreateJournal(file);
        const keys = Array.from({ length: 200 }, (_, i) => CreateJournal.key("x:User", { login: `u${i}` }, SCOPE));
        for (const k of keys) j.record(k);
        const afterRecords = fs.statSync(file);
        for (const k of keys) j.record(k); // already recorded: nothing written
        assert.strictEqual(fs.statSync(file).size, afterRecords.size);
        for (const k of keys) j.forget(k);
        for (const k of keys) j.forget(k); // already forgotten: nothing written
        assert.strictEqual(lines(file).length, 400);
        assert.strictEqual(fs.statSync(file).ino, afterRecords.ino, "the same file throughout: appended to, not replaced");
        assert.strictEqual(keys.some((k) => j.has(k)), false);
    });

    it("ignores a line still being written until it is complete", () => {
        const file = path.join(dir, "create-journal.jsonl");
        const j = new CreateJournal(file);
        const key = CreateJournal.key("x:User", { login: "bob" }, SCOPE);
        const line = `${JSON.stringify({ sent: key, at: "2026-12-02T00:00:00.000Z" })}\n`;
        fs.writeFileSync(file, line.slice(0, 20));
        assert.strictEqual(j.has(key), false);
        fs.appendFileSync(file, line.slice(20));
        assert.strictEqual(j.has(key), true);
    });

    it("compacts a file grown past COMPACT_BYTES with answered entries; live entries survive, other processes follow", () => {
        const file = path.join(dir, "create-journal.jsonl");
        const a = new CreateJournal(file);
        const b = new CreateJournal(file);
        const live = CreateJournal.key("x:User", { login: "still-unanswered" }, SCOPE);
        a.record(live);
        assert.strictEqual(b.has(live), true);
        const before = fs.statSync(file).ino;
        let i = 0;
        while (fs.statSync(file).ino === before) {
            const k = CreateJournal.key("x:User", { login: `churn${i++}` }, SCOPE);
            a.record(k);
            a.forget(k);
            assert.ok(i < COMPACT_BYTES, "compaction never happened");
        }
        assert.ok(fs.statSync(file).size < 1024, `compacted to the live entry only: ${fs.statSync(file).size} B`);
        assert.strictEqual(a.has(live), true);
        assert.strictEqual(b.has(live), true, "a process that had read the old file re-reads the new one");
        assert.strictEqual(b.has(CreateJournal.key("x:User", { login: "churn0" }, SCOPE)), false);
    });

    it("keys are scoped by stack: one declaration in two stacks is two entries, and neither stack sees the other's", () => {
        const a = CreateJournal.key("x:User", { login: "carol" }, SCOPE);
        const b = CreateJournal.key("x:User", { login: "carol" }, "s1:fedcba9876543210fedcba9876543210");
        assert.notStrictEqual(a, b);
        const j = new CreateJournal(path.join(dir, "create-journal.jsonl"));
        j.record(a);
        assert.strictEqual(j.has(a), true);
        assert.strictEqual(j.has(b), false);
    });

    it("an entry `recover` writes from the checkpoint keeps its time and origin; a create already recorded keeps its own", () => {
        const file = path.join(dir, "create-journal.jsonl");
        const j = new CreateJournal(file);
        const key = CreateJournal.key("x:User", { login: "erin" }, SCOPE);
        j.record(key, { at: "2026-11-01T00:00:00.000Z", from: "pending create" });
        assert.deepStrictEqual(new CreateJournal(file).entry(key), { at: "2026-11-01T00:00:00.000Z", from: "pending create" });
        j.record(key, { at: "2026-11-02T00:00:00.000Z" });
        assert.deepStrictEqual(j.entry(key), { at: "2026-11-01T00:00:00.000Z", from: "pending create" });
        assert.strictEqual(lines(file).length, 1);
    });

    it("does not read an older version's unscoped journal (unanswered-creates.json): it cannot say which stack sent a create", () => {
        const unscoped = `x:User ${"0".repeat(24)}`;
        fs.writeFileSync(path.join(dir, "unanswered-creates.json"), JSON.stringify({ [unscoped]: { sent: "2026-11-01T00:00:00.000Z" } }));
        const j = CreateJournal.at(dir);
        assert.strictEqual(j.has(unscoped), false);
        assert.strictEqual(fs.existsSync(j.file), false, "nothing carried over");
    });

    it("never fails a create or a delete when the folder cannot be written", function () {
        if (process.getuid?.() === 0) {
            // root writes anywhere: use a path under a regular file instead, which no one can create.
            const blocker = path.join(dir, "not-a-folder");
            fs.writeFileSync(blocker, "");
            const j = new CreateJournal(path.join(blocker, "create-journal.jsonl"));
            const key = CreateJournal.key("x:User", { login: "dave" }, SCOPE);
            assert.doesNotThrow(() => j.record(key));
            assert.doesNotThrow(() => j.forget(key));
            assert.strictEqual(j.has(key), false);
            return;
        }
        fs.chmodSync(dir, 0o500);
        const j = new CreateJournal(path.join(dir, "sub", "create-journal.jsonl"));
        const key = CreateJournal.key("x:User", { login: "dave" }, SCOPE);
        assert.doesNotThrow(() => j.record(key));
        assert.doesNotThrow(() => j.forget(key));
        fs.chmodSync(dir, 0o700);
    });
});
