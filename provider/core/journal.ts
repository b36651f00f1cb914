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
 */
import { createHash } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

interface Entry {
    /** When the create was first sent (ISO): for people reading the file. */
    sent: string;
}

let warned = false;

/** One journal object per file in a process, so its parsed entries are reused between calls (see `refresh`). */
const journals = new Map<string, CreateJournal>();

export class CreateJournal {
    private entries: Record<string, Entry> | undefined;
    /** The file's identity when `entries` was read: an unchanged file is not read again. */
    private readSignature: string | undefined;

    constructor(readonly file: string) {}

    /** The journal at the configured place. */
    static at(dir: string | undefined): CreateJournal {
        const home = process.env.PULUMI_HOME ? path.join(process.env.PULUMI_HOME, "telephony") : path.join(os.homedir(), ".pulumi", "telephony");
        const file = path.join(dir ?? home, "unanswered-creates.json");
        let j = journals.get(file);
        if (!j) journals.set(file, (j = new CreateJournal(file)));
        return j;
    }

    /** The entry key: the kind and a digest of the declared non-secret inputs (which hold the natural key). */
    static key(kind: string, declared: Record<string, unknown>): string {
        return `${kind} ${createHash("sha256").update(stableJson(declared)).digest("hex").slice(0, 24)}`;
    }

    private load(): Record<string, Entry> {
        if (this.entries) return this.entries;
        try {
            this.entries = JSON.parse(fs.readFileSync(this.file, "utf8"));
        } catch {
            this.entries = {};
        }
        return this.entries!;
    }

    /** Inode, size and mtime: `save` replaces the file by rename, so any write (ours or another process's) changes it. */
    private signature(file = this.file): string {
        try {
            const st = fs.statSync(file, { bigint: true });
            return `${st.ino} ${st.size} ${st.mtimeNs}`;
        } catch {
            return "absent";
        }
    }

    private save(): void {
        fs.mkdirSync(path.dirname(this.file), { recursive: true });
        const tmp = `${this.file}.${process.pid}.tmp`;
        fs.writeFileSync(tmp, JSON.stringify(this.entries ?? {}, null, 1));
        const written = this.signature(tmp); // a rename keeps inode, size and mtime: this is the file we leave
        fs.renameSync(tmp, this.file);
        this.readSignature = written;
    }

    /**
     * Reads the file afresh if it changed since it was read (another process may have written it). Every diff and
     * read of every resource asks the journal, so an unchanged file costs one stat, not a read and a parse.
     */
    refresh(): void {
        const sig = this.signature();
        if (sig === this.readSignature && this.entries) return;
        this.entries = undefined;
        this.load();
        this.readSignature = sig;
    }

    /** Records a create about to be sent. Synchronous, so a crash right after still leaves the record. */
    record(key: string): void {
        try {
            this.refresh(); // read-modify-write in one synchronous step: concurrent creates in this process never lose one
            const entries = this.load();
            if (entries[key]) return;
            entries[key] = { sent: new Date().toISOString() };
            this.save();
        } catch (e) {
            // Without a writable journal the create still goes ahead; only the evidence for a later run is lost.
            if (!warned) process.stderr.write(`pulumi-telephony: cannot write the create journal ${this.file}: ${(e as Error).message}\n`);
            warned = true;
        }
    }

    has(key: string): boolean {
        this.refresh();
        return key in this.load();
    }

    /** Forgets an entry: the engine holds the resource, or the create failed for good. Never throws. */
    forget(key: string): void {
        try {
            this.refresh();
            const entries = this.load();
            if (!(key in entries)) return;
            delete entries[key];
            this.save();
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
