/**
 * The create journal: a durable local record of creates this machine sent whose result the engine may not have
 * recorded. It is one of the three records a stack's ownership of an existing object may come from (the others: a
 * create whose answer this process lost, and the stack's own pending creates, which `pulumi-telephony recover`
 * reads from its checkpoint and writes here).
 *
 * Life of an entry: written (synchronously, before the request leaves) when a create is sent; kept through every
 * outcome without an answer — a lost answer, a deadline passed, a process killed between the vendor's commit and the
 * engine's checkpoint; removed once the engine demonstrably holds the resource (it asks to diff, read, update or
 * delete it), or once the vendor answered the create with a refusal (it made nothing). When a later create of the same
 * resource meets "already exists", an entry says the object may be the one our unanswered create made: it is looked up
 * and, when nothing the vendor shows contradicts that (see the reconciler), taken over without `adopt: true`.
 *
 * An entry is keyed by resource kind and a hash of the stack's scope (backend, organization, project and stack, as
 * the program's resource class records it: core/scope.ts) and the declared non-secret inputs (natural key included):
 * only the same declaration in the same stack recognises the object, so two stacks sharing one journal folder never
 * see each other's entries. Where: `telephony:journalDir` / TELEPHONY_JOURNAL_DIR, else `$PULUMI_HOME/telephony`,
 * else `~/.pulumi/telephony`. It holds no secret (inputs are hashed, secrets left out). It lives on the machine that
 * ran the create; `pulumi-telephony recover` works from the stack's checkpoint on any machine.
 *
 * The file (`create-journal.jsonl`) is append-only, one JSON line per change: `{"sent":key,"at":ISO}` when a create
 * is sent (`"from":"pending create"` when `recover` wrote it from the checkpoint), `{"answered":key}` when the engine
 * holds it or the vendor refused it. Why: every create and the first diff or read of every resource
 * change it, and rewriting the whole file each time costs time that grows with the square of the fleet (200 creates
 * then 200 reads: 400 rewrites). An append is one `write` of under a hundred bytes with O_APPEND, which concurrent
 * processes cannot interleave. Each process reads only what was appended since it last looked, its own lines
 * included. Once the file passes COMPACT_BYTES, mostly with answered entries, it is rewritten with the live entries only (by rename; a line another
 * process appends during that instant is lost, which costs only the evidence for one create).
 * Entries of versions before the stack scope (and their older `unanswered-creates.json`) cannot say which stack sent
 * a create, so they are no evidence: they are not read.
 */
import { createHash } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/** A file past this size is rewritten with its live entries only. */
export const COMPACT_BYTES = 256 * 1024;

/** About the size of one live entry's line, to tell whether compacting would shrink the file. */
const LIVE_LINE_BYTES = 128;

/** What a live entry says: when its create was first sent (ISO), and who wrote it when not the create itself. */
export interface JournalEntry {
    at: string;
    /** `pending create`: written by `pulumi-telephony recover` from the stack's checkpoint. */
    from?: "pending create";
}

/** One line of the file. */
type Line = ({ sent: string } & Partial<JournalEntry>) | { answered: string };

/** The line of a create sent (when, and from what record). */
const sentLine = (sent: string, e: JournalEntry) => `${JSON.stringify({ sent, at: e.at, ...(e.from ? { from: e.from } : {}) })}\n`;

export class CreateJournal {
    /** Live entries: key → when its create was first sent (and by what record). */
    private readonly entries = new Map<string, JournalEntry>();
    /** The file read so far: its inode and how many bytes of it (up to the last complete line) are applied. */
    private inode: bigint | undefined;
    private offset = 0;
    /** Whether a failed write was reported (once per journal). */
    private warned = false;

    constructor(readonly file: string) {}

    /**
     * The journal in the configured folder (`dir`), else the default. The context keeps the one it made
     * (`ProviderContext.journal`), so what it has read is reused between calls.
     */
    static at(dir: string | undefined): CreateJournal {
        const home = process.env.PULUMI_HOME ? path.join(process.env.PULUMI_HOME, "telephony") : path.join(os.homedir(), ".pulumi", "telephony");
        return new CreateJournal(path.join(dir ?? home, "create-journal.jsonl"));
    }

    /**
     * The entry key: the kind and a digest of the stack's scope and the declared non-secret inputs (which hold the
     * natural key). Another stack, or another declaration, never has the same key.
     */
    static key(kind: string, declared: Record<string, unknown>, scope: string): string {
        return `${kind} ${createHash("sha256").update(stableJson({ scope, declared })).digest("hex").slice(0, 24)}`;
    }

    /**
     * Applies what was appended since the last look (another process's lines and our own). A file that was replaced
     * (compacted: another inode) or shrank is read from the start. Costs one stat when nothing changed.
     */
    refresh(): void {
        let st: fs.BigIntStats;
        try {
            st = fs.statSync(this.file, { bigint: true });
        } catch {
            this.entries.clear();
            this.inode = undefined;
            this.offset = 0;
            return;
        }
        if (st.ino !== this.inode || Number(st.size) < this.offset) {
            this.entries.clear();
            this.inode = st.ino;
            this.offset = 0;
        }
        const size = Number(st.size);
        if (size === this.offset) return;
        let text: string;
        try {
            const fd = fs.openSync(this.file, "r");
            try {
                const buf = Buffer.alloc(size - this.offset);
                const n = fs.readSync(fd, buf, 0, buf.length, this.offset);
                const complete = buf.lastIndexOf(0x0a, n - 1) + 1; // a line still being written is read next time
                text = buf.subarray(0, complete).toString("utf8");
                this.offset += complete;
            } finally {
                fs.closeSync(fd);
            }
        } catch {
            return; // unreadable now: what was read stands
        }
        for (const raw of text.split("\n")) {
            if (!raw) continue;
            let line: Line;
            try {
                line = JSON.parse(raw);
            } catch {
                continue; // a torn line (a crash mid-write on a full disk): it never was a complete record
            }
            if ("sent" in line) {
                if (!this.entries.has(line.sent)) this.entries.set(line.sent, { at: line.at ?? "", ...(line.from ? { from: line.from } : {}) });
            } else if ("answered" in line) this.entries.delete(line.answered);
        }
    }

    private append(line: Line): void {
        this.appendText(`${JSON.stringify(line)}\n`);
        this.refresh();
        // Mostly answered lines: rewrite. (Mostly live entries: rewriting would not shrink it, so it is left to grow.)
        if (this.offset > COMPACT_BYTES && this.entries.size * LIVE_LINE_BYTES < this.offset / 2) this.compact();
    }

    /** Appends to the file, making its folder only when it is missing (not a syscall more on every append). */
    private appendText(text: string): void {
        try {
            fs.appendFileSync(this.file, text);
        } catch (e) {
            if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
            fs.mkdirSync(path.dirname(this.file), { recursive: true });
            fs.appendFileSync(this.file, text);
        }
    }

    /** Rewrites the file with the live entries only (by rename, so a reader sees the old file or the new one). */
    private compact(): void {
        const tmp = `${this.file}.${process.pid}.tmp`;
        fs.writeFileSync(tmp, [...this.entries].map(([sent, e]) => sentLine(sent, e)).join(""));
        fs.renameSync(tmp, this.file);
        this.refresh();
    }

    /**
     * Records a create about to be sent (or, from `recover`, one the checkpoint shows was under way since `at`).
     * Synchronous, so a crash right after still leaves the record. An entry already there keeps its first time.
     */
    record(key: string, entry: JournalEntry = { at: new Date().toISOString() }): void {
        try {
            if (this.has(key)) return;
            this.append({ sent: key, ...entry });
        } catch (e) {
            // Without a writable journal the create still goes ahead; only the evidence for a later run is lost.
            if (!this.warned) process.stderr.write(`pulumi-telephony: cannot write the create journal ${this.file}: ${(e as Error).message}\n`);
            this.warned = true;
        }
    }

    has(key: string): boolean {
        return this.entry(key) !== undefined;
    }

    /** The live entry of a key, read afresh from the file. */
    entry(key: string): JournalEntry | undefined {
        this.refresh();
        return this.entries.get(key);
    }

    /** Forgets an entry: the engine holds the resource, or the create failed for good. Never throws. */
    forget(key: string): void {
        try {
            if (!this.has(key)) return;
            this.append({ answered: key });
        } catch {
            // A journal that cannot be written only loses its evidence; it must not fail a preview or a delete.
        }
    }
}

/** JSON with object keys sorted: equal values give equal text. */
export function stableJson(v: unknown): string {
    if (v === undefined || v === null) return "null";
    if (Array.isArray(v)) return `[${v.map(stableJson).join(",")}]`;
    if (typeof v === "object") {
        return `{${Object.keys(v as object)
            .sort()
            .map((k) => `${JSON.stringify(k)}:${stableJson((v as Record<string, unknown>)[k])}`)
            .join(",")}}`;
    }
    return JSON.stringify(v);
}
