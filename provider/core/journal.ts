/**
 * The create journal: a durable local record of creates this machine sent whose result the engine may not have
 * recorded. It is the library's own evidence for vendors that cannot show whether an existing object is the one a
 * create made (properties they never return: a Smartflo password, a Verigator phone number).
 *
 * Life of an entry: written (synchronously, before the request leaves) when a create is sent; kept through every
 * outcome — a lost answer, a deadline passed, a process killed between the vendor's commit and the engine's
 * checkpoint; removed once the engine demonstrably holds the resource (it asks to diff, read, update or delete it).
 * An entry left by a create that failed for good is harmless: it only ever matches the identical declaration. When a later
 * create of the same resource meets "already exists", an entry says the object is the one our unanswered create
 * made: it is taken over (and brought to the declared state) without `adopt: true`.
 *
 * An entry is keyed by resource kind and a hash of the declared non-secret inputs (natural key included), so
 * only the same declaration recognises the object. Where: `telephony:journalDir` / TELEPHONY_JOURNAL_DIR, else
 * `$PULUMI_HOME/telephony`, else `~/.pulumi/telephony`. It holds no secret (inputs are hashed, secrets left out).
 * Limit: it lives on the machine that ran the create; the vendor-side checks (`Adapter.recognize`) work anywhere.
 *
 * The file (`create-journal.jsonl`) is append-only, one JSON line per change: `{"sent":key,"at":ISO}` when a create
 * is sent, `{"answered":key}` when the engine holds it. Why: every create and the first diff or read of every resource
 * change it, and rewriting the whole file each time costs time that grows with the square of the fleet (200 creates
 * then 200 reads: 400 rewrites). An append is one `write` of under a hundred bytes with O_APPEND, which concurrent
 * processes cannot interleave. Each process reads only what was appended since it last looked, its own lines
 * included. Once the file passes COMPACT_BYTES, mostly with answered entries, it is rewritten with the live entries only (by rename; a line another
 * process appends during that instant is lost, which costs only the evidence for one create).
 * A journal left by an older version (`unanswered-creates.json`, one JSON object) is read once and carried over.
 */
import { createHash } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/** A file past this size is rewritten with its live entries only. */
export const COMPACT_BYTES = 256 * 1024;

/** About the size of one live entry's line, to tell whether compacting would shrink the file. */
const LIVE_LINE_BYTES = 128;

/** One line of the file. */
type Line = { sent: string; at?: string } | { answered: string };

/** The line of a create sent (and when). */
const sentLine = (sent: string, at: string | undefined) => `${JSON.stringify({ sent, at })}\n`;

export class CreateJournal {
    /** Live entries: key → when its create was first sent (ISO, for people reading the file). */
    private readonly entries = new Map<string, string>();
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

    /** The entry key: the kind and a digest of the declared non-secret inputs (which hold the natural key). */
    static key(kind: string, declared: Record<string, unknown>): string {
        return `${kind} ${createHash("sha256").update(stableJson(declared)).digest("hex").slice(0, 24)}`;
    }

    /** The file written by versions before the append-only one, in the same folder. */
    get legacyFile(): string {
        return path.join(path.dirname(this.file), "unanswered-creates.json");
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
                if (!this.entries.has(line.sent)) this.entries.set(line.sent, line.at ?? "");
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
        fs.writeFileSync(tmp, [...this.entries].map(([sent, at]) => sentLine(sent, at)).join(""));
        fs.renameSync(tmp, this.file);
        this.refresh();
    }

    /** Records a create about to be sent. Synchronous, so a crash right after still leaves the record. */
    record(key: string): void {
        try {
            if (this.has(key)) return;
            this.append({ sent: key, at: new Date().toISOString() });
        } catch (e) {
            // Without a writable journal the create still goes ahead; only the evidence for a later run is lost.
            if (!this.warned) process.stderr.write(`pulumi-telephony: cannot write the create journal ${this.file}: ${(e as Error).message}\n`);
            this.warned = true;
        }
    }

    has(key: string): boolean {
        this.carryOverLegacy();
        this.refresh();
        return this.entries.has(key);
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

    /** Whether an older version's journal was looked for (once per process and file). */
    private legacyChecked = false;

    /**
     * Moves the entries of an older version's journal (one JSON object) into this one, then removes it, so they are
     * seen, not only kept. Unreadable or unwritable: the old file stays; nothing else depends on it.
     */
    private carryOverLegacy(): void {
        if (this.legacyChecked) return;
        this.legacyChecked = true;
        try {
            if (!fs.existsSync(this.legacyFile)) return;
            const old = JSON.parse(fs.readFileSync(this.legacyFile, "utf8")) as Record<string, { sent?: string }>;
            const lines = Object.entries(old).map(([sent, e]) => sentLine(sent, e?.sent));
            if (lines.length > 0) this.appendText(lines.join(""));
            fs.rmSync(this.legacyFile, { force: true });
        } catch {
            // Left in place.
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
