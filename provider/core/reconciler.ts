import type { ProviderContext } from "./context";
import { operationDeadline, withOperationDeadline } from "./deadline";
import { DUPLICATE_STATUSES } from "./duplicate";
import { AlreadyExistsError, InvalidRequestError, NotAppliedError, NotFoundError, NotSentError, OutcomeUnknownError, UnappliedProperty, VendorError } from "./errors";
import { CreateJournal, JournalEntry, stableJson } from "./journal";
import { SCOPE_INPUT } from "./scope";
import { redact } from "./secrets";
import { InputSchema, isUnknown, missingOnCreate, validate } from "./validation";

export type Props = Record<string, any>;

/** A live object as the vendor shows it, with the id the resource is stored under. */
export interface Found<L> {
    id: string;
    live: L;
}

/**
 * What a resource teaches the shared reconciler: its schema and its vendor calls. Everything else —
 * check, diff, read with inputs, adopt, unknown-outcome recovery, partial failures — lives here once.
 * `I`: the declared inputs as the schema outputs them (`InputsOf<typeof fields>`), what the vendor calls receive.
 */
export interface Adapter<L, C, I extends Props = Props> {
    /** `module:Type`, e.g. `opentact:SipUser`; also the URN type suffix. */
    kind: string;
    schema: InputSchema;
    /**
     * The schema `check` applies; `olds` is empty for a new object (create rules can be stricter), `news`
     * says whether it adopts an existing one instead.
     */
    checkSchema?(olds: Props, news: Props): InputSchema;
    /** Input properties whose change replaces the object (create-only or identity). */
    replaceOn(olds: Props, news: Props): string[];
    /** Delete the old object before creating its replacement (when both cannot exist at once). */
    deleteBeforeReplace?(olds: Props, news: Props): boolean;
    /**
     * Input properties the vendor API cannot show. `read` carries their declared values from state; drift
     * reports list them as unobservable rather than as agreeing.
     */
    unobservable: readonly string[];
    /**
     * Further properties this particular object cannot show, decided by its stored state (a SIP domain user has no
     * `ha1`, so its password is unseen). Read through `Reconciler.unobservable`, which adds `unobservable`.
     */
    unobservableIn?(state: Props): readonly string[];
    /**
     * The request field a property is sent as, where its name differs in a way worth telling the user (Smartflo's
     * `designation` goes out as `destination`): named when the vendor accepted a write but did not apply it.
     */
    fieldName?(property: string): string | undefined;
    /** Comparison form of a property value (case, formatting) so equal values never show as a diff. */
    normalize?(key: string, value: unknown): unknown;

    /**
     * Builds the vendor client in a context (its settings, request policy, clock, transport, sessions); called lazily,
     * so `preview` needs no credentials.
     */
    client(context: ProviderContext): C;
    /** Creates the object. Multi-call creates throw `PartialCreateError` when a follow-up call fails. */
    create(c: C, inputs: I): Promise<Found<L>>;
    /** Looks the object up by its natural key (login, login id, …): what `adopt` takes over. */
    find(c: C, inputs: I): Promise<Found<L> | undefined>;
    /**
     * The object a create of these inputs makes, looked up by its natural key: what recovery looks for (a create whose
     * answer was lost, a create journal entry, a pending create). Default: `find`. Chime's differs: `adopt` takes a
     * user whatever number it holds, but a create of ours can only have left the declared number on it.
     */
    findOwn?(c: C, inputs: I): Promise<Found<L> | undefined>;
    /**
     * Why this vendor cannot look up the object a create makes, when it cannot (IPPanel cannot say who holds a
     * number): recovery and `pulumi-telephony recover` say so instead of reporting "not found".
     */
    lookupLimit?: string;
    /**
     * For APIs that cannot look the object up (IPPanel cannot say who owns a number): the object to take
     * when the vendor answers "already exists" and that is acceptable (adopting, or our own create, checked by `confirm`).
     */
    alreadyExists?(c: C, inputs: I): Promise<Found<L> | undefined>;
    /**
     * When the vendor shows it, the time the object was created (any form `Date.parse` reads). Recovery never takes an
     * object created clearly before this stack first sent its create: that one was someone else's.
     */
    createdAt?(live: L): string | undefined;
    /**
     * A vendor-side check that an object found for a create this stack's own record says it sent (a lost answer, a
     * journal entry, a pending create) can be that create's result — never proof of ownership on its own, only an
     * extra check on that record: OpenTact's every shown field equal to the declaration and the password proven by the
     * `ha1` digest; IPPanel's unassigning the number from the declared user, which only its holder allows (`"freed"`: the
     * create is then sent again). Returns true, `"freed"`, or why the object is not the one the create made.
     */
    confirm?(c: C, inputs: I, found: Found<L>): Promise<true | "freed" | string>;
    /** Reads the object; undefined when it is gone. */
    read(c: C, id: string, state: Props): Promise<L | undefined>;
    /** Applies changed properties (never replace-properties) and returns the live object after. */
    update(c: C, id: string, changed: Partial<I>, news: I, state: Props): Promise<L>;
    /** Deletes the object. NotFoundError is treated as success by the reconciler. */
    delete(c: C, id: string, state: Props): Promise<void>;
    /**
     * The input properties as the live object shows them. `state` holds the previous outputs, for properties
     * seen only indirectly (a password changed out of band shows as a changed digest).
     */
    observe(live: L, state: Props): Props;
    /**
     * Outputs that are not inputs (uuid, digests, timestamps). Never reuse an input's name here: outputs are
     * compared with inputs by name, so a computed `numberId` would read as a declared one.
     */
    computed(live: L, id: string): Props;
    /**
     * `pulumi import`: how an import id names an object (see {@link ImportIdFormat}). A string instead: why the vendor
     * cannot read the object by id, so it cannot be imported (IPPanel cannot say who holds a number). Without it, the
     * import id is the stored id and `read` needs no state.
     */
    importId?: ImportIdFormat | string;
}

/**
 * How `pulumi import` names an object of a kind: usually the id the resource is stored under, but a kind whose
 * `read` needs more than its id (a SIP user is read under its connection or domain) takes a composite id.
 */
export interface ImportIdFormat {
    /** How the id is written, for messages and documentation: `<sipConnectionUuid or sipDomain>/<uuid>`. */
    format: string;
    /** The stored id and the state `read` needs; throws, naming `format`, when the id does not have that shape. */
    parse(importId: string): { id: string; state: Props };
    /** The import id of a stored object, from its id and outputs (`pulumi-telephony export --format import`). */
    of(id: string, state: Props): string;
}

/** The import format of a kind whose stored id is all `read` needs: `check` refuses an id of the wrong shape. */
export function plainImportId(format: string, check: (id: string) => void = () => {}): ImportIdFormat {
    return {
        format,
        parse(importId) {
            check(importId);
            return { id: importId, state: {} };
        },
        of: (id) => id,
    };
}

/** A create whose first call succeeded and a follow-up failed: the object exists and must be kept in state. */
export class PartialCreateError extends Error {
    constructor(
        readonly id: string,
        readonly live: unknown,
        readonly reason: unknown,
    ) {
        super(reason instanceof Error ? reason.message : String(reason));
    }
}

const META = new Set(["adopt", "__provider", SCOPE_INPUT]);

/**
 * How far a vendor's clock may be behind ours before an object's creation time counts as "clearly before" a create
 * this stack sent [I: vendors and CI runners keep NTP time; five minutes absorbs any plausible skew].
 */
export const CLOCK_SKEW_MS = 5 * 60_000;

/** The record a create that meets an existing object is taken as this resource's on, and since when. */
export interface Evidence {
    /** `lost answer` (this process), `create journal` (an earlier run here), `pending create` (the checkpoint, via recover). */
    kind: "lost answer" | "create journal" | "pending create";
    /** When this stack first sent the create (epoch ms); an object created clearly earlier is not its result. */
    since: number;
}

/** The evidence a journal entry gives (`now`: the context's clock, for an entry whose time cannot be read). */
function evidenceOf(entry: JournalEntry, now: number): Evidence {
    const at = Date.parse(entry.at);
    return { kind: entry.from ?? "create journal", since: Number.isNaN(at) ? now : at };
}

/**
 * A refusal of a create that may be a duplicate: "already exists" (by the vendor's words, see core/duplicate.ts), or
 * any other refusal with a status duplicates are answered with (400, 422) whose words do not say.
 */
function refused(e: unknown): e is VendorError {
    return e instanceof AlreadyExistsError || (e instanceof InvalidRequestError && e.status !== undefined && DUPLICATE_STATUSES.has(e.status));
}

const stable = stableJson;

/**
 * A refusal of a create as "already exists" with `hint`: the same failure (what the vendor said) when it already is
 * one, else the refusal (a 400 whose words did not say) recast, since the object is known to exist.
 */
function asAlreadyExists(e: VendorError, hint: string): AlreadyExistsError {
    if (e instanceof AlreadyExistsError) return e.withHint(hint);
    return new AlreadyExistsError({ vendor: e.vendor, operation: e.operation, status: e.status, code: e.code, message: e.vendorMessage, meaning: e.meaning, fields: e.fields, hint });
}

/** A create whose outcome stayed unknown until the operation deadline: how often it looked and sent. */
export class CreateUnresolvedError extends Error {
    constructor(
        readonly kind: string,
        readonly sent: number,
        readonly looked: number,
        readonly deadlineMs: number,
        readonly last: unknown,
    ) {
        super(
            redact(
                `${kind} create could not be confirmed within the operation deadline (telephony:operationDeadlineMs, ${deadlineMs} ms): ` +
                    `sent ${sent} time${sent === 1 ? "" : "s"}, looked it up ${looked} time${looked === 1 ? "" : "s"}, and the vendor never gave a usable answer ` +
                    `(last: ${last instanceof Error ? last.message : String(last)}). Nothing needs cleaning up: run \`pulumi up\` again from this machine — ` +
                    `it recognises an object this create may have made as this resource's — or raise telephony:operationDeadlineMs if the vendor is slow`,
            ),
        );
        this.name = "CreateUnresolvedError";
    }
}
export class Reconciler<L, C> {
    /**
     * `context`: the configuration the adapter's client reads its endpoint and credentials from, and the request
     * policy, clock, journal and counts every operation uses (tests hand in a faster backoff or a clock they move).
     */
    constructor(
        private readonly adapter: Adapter<L, C>,
        private readonly context: ProviderContext,
    ) {}

    private client(): C {
        return this.adapter.client(this.context);
    }

    /** The input properties the vendor cannot show for the object stored as `state`. */
    unobservable(state: Props): string[] {
        return [...new Set([...this.adapter.unobservable, ...(this.adapter.unobservableIn?.(state) ?? [])])];
    }

    private inputKeys(): string[] {
        return Object.keys(this.adapter.schema.fields);
    }

    private same(key: string, a: unknown, b: unknown): boolean {
        const n = (v: unknown) => (v === undefined || v === null ? null : this.adapter.normalize ? this.adapter.normalize(key, v) : v);
        return stable(n(a)) === stable(n(b));
    }

    /**
     * The declared properties whose desired value differs from the stored one. A property the program no
     * longer declares is left alone (not cleared), except a replace-property, whose removal replaces.
     */
    changedKeys(olds: Props, news: Props): string[] {
        const replaceOn = new Set(this.adapter.replaceOn(olds, news));
        return this.inputKeys().filter((k) => {
            const declared = news[k] !== undefined && news[k] !== null;
            if (!declared) return replaceOn.has(k) && olds[k] !== undefined && olds[k] !== null;
            return isUnknown(news[k]) || !this.same(k, news[k], olds[k]);
        });
    }

    async check(olds: Props, news: Props) {
        const schema = this.adapter.checkSchema?.(olds, news) ?? this.adapter.schema;
        const { inputs, failures } = validate(schema, news, Object.keys(olds).length === 0);
        return { inputs, failures };
    }

    /** Refuses to create an object without what creating needs (an adopted object that was not found, say). */
    private assertCreatable(desired: Props, why: string): void {
        const missing = missingOnCreate(this.adapter.schema, desired).filter((k) => !isUnknown(desired[k]));
        if (missing.length === 0) return;
        throw new Error(
            `${this.adapter.kind} ${why}, and creating it needs ${missing.join(", ")}, which the program does not declare. ` +
                `Declare ${missing.length > 1 ? "them" : "it"} (a secret from \`config.requireSecret(…)\` for a password)${why.includes("replace") ? ", or undo the change that replaces it" : ""}`,
        );
    }

    async diff(_id: string, olds: Props, news: Props) {
        this.settled(olds);
        const changed = this.changedKeys(olds, news);
        const replaceOn = new Set(this.adapter.replaceOn(olds, news));
        const replaces = changed.filter((k) => replaceOn.has(k));
        // An adopted object declared without its write-only properties cannot be re-created: say so at preview.
        if (replaces.length) this.assertCreatable(this.desired(news), `would be replaced (${replaces.join(", ")} changed)`);
        return {
            changes: changed.length > 0,
            replaces,
            deleteBeforeReplace: replaces.length > 0 && (this.adapter.deleteBeforeReplace?.(olds, news) ?? false),
        };
    }

    /**
     * The input properties as the live object shows them. A replace-property (identity, create-only) the vendor
     * does not echo keeps the value of `fallback` (state, or the declared inputs): an absent field is no evidence
     * of a change, and reading it as null would replace the object on the next `up`.
     */
    private observed(live: L, state: Props, fallback: Props): Props {
        const o = this.adapter.observe(live, state);
        for (const k of this.adapter.replaceOn(fallback, fallback)) if (!given(o[k]) && given(fallback[k])) o[k] = fallback[k];
        return o;
    }

    /**
     * After a write the vendor accepted: the `keys` whose declared value the live object does not show. A vendor
     * that silently ignores a field (a wrong field name) is caught here, instead of as a diff after every `up`.
     * Unobservable and secret properties cannot be checked.
     */
    private unapplied(found: Found<L>, desired: Props, meta: Props, keys: string[]): UnappliedProperty[] {
        const observed = this.observed(found.live, this.outputs(found, desired, meta), desired);
        const secret = new Set(this.adapter.schema.secret ?? []);
        return keys
            .filter((k) => given(desired[k]) && !isUnknown(desired[k]) && !secret.has(k) && !this.adapter.unobservable.includes(k))
            .filter((k) => !this.same(k, desired[k], observed[k]))
            .map((k) => ({ property: k, field: this.adapter.fieldName?.(k), live: observed[k] }));
    }

    /** Throws NotAppliedError when a write was accepted but some of `keys` did not take. */
    private verifyApplied(found: Found<L>, desired: Props, meta: Props, keys: string[]): void {
        const missed = this.unapplied(found, desired, meta, keys);
        if (missed.length) throw new NotAppliedError(this.adapter.kind, found.id, missed);
    }

    /**
     * The computed outputs the live object has. One it does not show (OpenTact's domain users come without `ha1`)
     * is left out: an `undefined` value cannot be serialized into the engine's property struct.
     */
    private computed(live: L, id: string): Props {
        const out = this.adapter.computed(live, id);
        for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
        return out;
    }

    /** Outputs: the declared inputs as they now stand, plus the computed properties. */
    private outputs(found: Found<L>, declared: Props, meta: Props): Props {
        return { ...meta, ...declared, ...this.computed(found.live, found.id) };
    }

    private desired(inputs: Props): Props {
        const out: Props = {};
        for (const k of this.inputKeys()) if (inputs[k] !== undefined && inputs[k] !== null) out[k] = inputs[k];
        return out;
    }

    /** The non-schema inputs carried to the outputs: `adopt`, and the stack scope (so later calls can key the journal). */
    private meta(inputs: Props): Props {
        const out: Props = {};
        if (inputs.adopt !== undefined) out.adopt = inputs.adopt;
        if (typeof inputs[SCOPE_INPUT] === "string") out[SCOPE_INPUT] = inputs[SCOPE_INPUT];
        return out;
    }

    /** The operation deadline in force (`telephony:operationDeadlineMs`, 180 s by default). */
    private deadlineMs(): number {
        return this.context.policy.deadlineMs;
    }

    /** Runs one resource operation under the operation deadline, on the context's clock. */
    private withinDeadline<T>(fn: () => Promise<T>): Promise<T> {
        return withOperationDeadline(this.context.clock, this.deadlineMs(), fn);
    }

    /**
     * The journal key of a declaration in a stack: kind, the stack's scope and the declared non-secret inputs. None
     * without a scope (a resource whose program did not record its stack): the journal is then neither written nor read.
     */
    journalKey(declared: Props, scope: unknown): string | undefined {
        if (typeof scope !== "string" || scope === "") return undefined;
        const secret = new Set(this.adapter.schema.secret ?? []);
        return CreateJournal.key(this.adapter.kind, pick(declared, Object.keys(declared).filter((k) => !secret.has(k))), scope);
    }

    private journal(): CreateJournal {
        return this.context.journal();
    }

    /** The engine holds this resource (it asks about it by id): its create is answered for good. */
    private settled(state: Props): void {
        const key = this.journalKey(this.desired(state), state[SCOPE_INPUT]);
        if (key) this.journal().forget(key);
    }

    /**
     * Creates the object, never leaving an orphan or a duplicate, within the operation deadline, and never taking over
     * an object this stack has no record of making:
     * - `adopt: true` first looks the object up by its natural key and takes it over;
     * - a create whose outcome is unknown (no answer, a reset, a 5xx, a garbled 2xx) is resolved by looking it up:
     *   found means our write landed (take it), not found means it did not (send it again, after the core's
     *   backoff) — until the operation deadline, then `CreateUnresolvedError` saying how often it looked and sent;
     * - a create the vendor refuses while this stack has a record of sending it — an unanswered create in this process,
     *   an entry in this stack's create journal (an earlier run here, or a pending create `pulumi-telephony recover`
     *   read from the checkpoint) — is followed by a lookup by natural key before anything is reported: the object found
     *   is taken as this resource's unless the vendor shows it is not the create's result (created clearly before the
     *   create was first sent; `confirm` fails);
     * - without such a record, "already exists" fails pointing at `adopt` and saying which record is missing, and a
     *   refusal that may be a duplicate is looked up too, so the error says "already exists" rather than "fix your
     *   values" when an object with the natural key is there;
     * - a multi-call create whose follow-up failed is recorded as a partial failure with its id.
     */
    async create(inputs: Props) {
        const desired = this.desired(inputs);
        return this.withinDeadline(() => this.createWithin(inputs, desired, this.journal(), this.journalKey(desired, inputs[SCOPE_INPUT])));
    }

    private async createWithin(inputs: Props, desired: Props, journal: CreateJournal, key: string | undefined) {
        const c = this.client();
        const meta = this.meta(inputs);
        if (inputs.adopt === true) {
            const existing = await this.adapter.find(c, desired);
            if (existing) return this.converge(c, existing, desired, meta);
        }
        this.assertCreatable(desired, inputs.adopt === true ? "to adopt was not found at the vendor, so it would be created" : "is new");
        // Did an earlier run of this stack send this very create without learning its answer (a lost answer past the
        // deadline, a crash), or does the checkpoint show it pending (recover wrote it here)?
        const clock = this.context.clock;
        const recorded = key ? journal.entry(key) : undefined;
        let evidence: Evidence | undefined = recorded && evidenceOf(recorded, clock.now());
        const deadline = operationDeadline() ?? clock.now() + this.deadlineMs();
        let sent = 0;
        let looked = 0;
        let unknown = 0; // sends of this operation whose outcome is unknown
        let confirmed = false; // a `confirm` that freed the object was tried: the next refusal is a real conflict
        for (let attempt = 0; ; attempt++) {
            try {
                const sentAt = clock.now();
                if (key) journal.record(key, { at: new Date(sentAt).toISOString() });
                sent++;
                try {
                    const created = await this.adapter.create(c, desired);
                    try {
                        this.verifyApplied(created, desired, meta, Object.keys(desired));
                    } catch (e) {
                        throw this.partial(created.id, created.live, desired, meta, e);
                    }
                    return { id: created.id, outs: this.outputs(created, desired, meta) };
                } catch (e) {
                    if (e instanceof OutcomeUnknownError && !evidence) evidence = { kind: "lost answer", since: sentAt };
                    throw e;
                }
            } catch (e) {
                if (e instanceof PartialCreateError) throw this.partial(e.id, e.live as L, desired, meta, e.reason);
                // The deadline passed while waiting to resend: this send never left, the earlier ones stay unresolved.
                if (e instanceof NotSentError && sent > 1) throw new CreateUnresolvedError(this.adapter.kind, sent - 1, looked, this.deadlineMs(), e);
                if (e instanceof OutcomeUnknownError) {
                    unknown++;
                    confirmed = false; // a refusal after this may answer our own resend
                    let existing: Found<L> | undefined;
                    try {
                        looked++;
                        this.context.stats.lookup(this.adapter.kind, "find after an unknown outcome");
                        existing = await this.findOwn(c, desired);
                    } catch (lookup) {
                        // The lookup's own retries ran to the deadline (or it failed for good): stop here.
                        throw new CreateUnresolvedError(this.adapter.kind, sent, looked, this.deadlineMs(), lookup);
                    }
                    if (existing) {
                        const taken = await this.takeOwn(c, existing, desired, meta, evidence!, undefined, confirmed);
                        if (taken !== "freed") return taken;
                        confirmed = true;
                        continue;
                    }
                    const delay = this.context.retry.backoff(attempt);
                    if (clock.now() + delay >= deadline) throw new CreateUnresolvedError(this.adapter.kind, sent, looked, this.deadlineMs(), e);
                    await clock.sleep(delay);
                    continue;
                }
                // Answered for good (refused, not lost) by the only sends of this operation, with no earlier record: the
                // create made nothing, so its journal entry is no evidence for anyone.
                const madeNothing = !evidence && key !== undefined && (e instanceof AlreadyExistsError || (e instanceof VendorError && e.status !== undefined));
                if (!refused(e)) {
                    if (madeNothing) journal.forget(key);
                    throw e;
                }
                if (inputs.adopt === true && e instanceof AlreadyExistsError) {
                    const existing = (await this.adapter.find(c, desired)) ?? (await this.adapter.alreadyExists?.(c, desired));
                    if (existing) return this.converge(c, existing, desired, meta);
                }
                if (evidence) {
                    // Recovering: whatever the refusal says, look the object up before reporting anything.
                    looked++;
                    this.context.stats.lookup(this.adapter.kind, "find after a refused create while recovering");
                    const existing = (await this.findOwn(c, desired)) ?? (e instanceof AlreadyExistsError ? await this.adapter.alreadyExists?.(c, desired) : undefined);
                    if (existing) {
                        const taken = await this.takeOwn(c, existing, desired, meta, evidence, e, confirmed);
                        if (taken !== "freed") return taken;
                        confirmed = true;
                        continue;
                    }
                    throw e;
                }
                if (madeNothing) journal.forget(key);
                throw await this.refusal(c, e, desired);
            }
        }
    }

    /** The object a create of `desired` makes, by natural key (`findOwn`, else `find`). */
    private findOwn(c: C, desired: Props): Promise<Found<L> | undefined> {
        return this.adapter.findOwn ? this.adapter.findOwn(c, desired) : this.adapter.find(c, desired);
    }

    /**
     * Takes an object found for a create this stack has a record of sending, unless the vendor shows it is not that
     * create's result: created clearly before the create was first sent, or `confirm` says otherwise. `"freed"`: the
     * adapter's check removed it so the create can be sent again.
     */
    private async takeOwn(c: C, found: Found<L>, desired: Props, meta: Props, evidence: Evidence, refusal: VendorError | undefined, confirmedBefore: boolean) {
        const created = this.adapter.createdAt?.(found.live);
        const at = created === undefined ? NaN : Date.parse(created);
        if (!Number.isNaN(at) && at < evidence.since - CLOCK_SKEW_MS) {
            throw this.notOurs(
                refusal,
                `${this.adapter.kind} ${found.id} exists at the vendor since ${new Date(at).toISOString()}, before this stack first sent its create ` +
                    `(${new Date(evidence.since).toISOString()}, the ${evidence.kind}): it is not the object that create made`,
            );
        }
        if (this.adapter.confirm) {
            const verdict = confirmedBefore ? "the create was refused again after the check had removed the object" : await this.adapter.confirm(c, desired, found);
            if (verdict === "freed") return "freed" as const;
            if (verdict !== true) {
                throw this.notOurs(
                    refusal,
                    `${this.adapter.kind} ${found.id} exists at the vendor and this stack's ${evidence.kind} says it sent a create of it, but the vendor shows ` +
                        `it is not the object that create made: ${verdict}`,
                );
            }
        }
        return this.converge(c, found, desired, meta);
    }

    /** An existing object this stack did not make: "already exists", with why, pointing at `adopt`. */
    private notOurs(refusal: VendorError | undefined, why: string): Error {
        const hint = `${why}. ${this.adoptAdvice()}`;
        if (!refusal) return new Error(redact(hint));
        return asAlreadyExists(refusal, hint);
    }

    /**
     * A create refused without any record of ours: "already exists" when an object with the natural key is there
     * (whatever status and words the vendor used), else the vendor's refusal as it is — a duplicate value held by
     * another object, or values to fix. A vendor that cannot look the object up (IPPanel) keeps its own answer.
     */
    private async refusal(c: C, e: VendorError, desired: Props): Promise<Error> {
        let existing: Found<L> | undefined;
        if (!this.adapter.lookupLimit) {
            try {
                this.context.stats.lookup(this.adapter.kind, "find after a refused create");
                existing = await this.adapter.find(c, desired);
            } catch {
                return e; // the lookup failed: the vendor's answer is all there is
            }
        }
        if (existing || (e instanceof AlreadyExistsError && this.adapter.lookupLimit)) return asAlreadyExists(e, this.adoptHint(existing?.id));
        if (e instanceof AlreadyExistsError) {
            return e.withHint(
                `The vendor refuses a duplicate, but no ${this.adapter.kind} exists for this declaration's key: another object holds a value that ` +
                    "must be unique (named above). Change it in the program, or free it at the vendor",
            );
        }
        return e;
    }

    /** What to do about an object that already exists and this stack has no record of making. */
    private adoptHint(id?: string): string {
        return (
            `${this.adapter.kind}${id ? ` ${id}` : ""} already exists at the vendor, and this stack has no record of creating it: no create of it ` +
            "whose answer was lost in this run, no entry in this stack's create journal, no pending create of it recovered from the checkpoint " +
            `(\`pulumi-telephony recover\` after an interrupted update). ${this.adoptAdvice()}`
        );
    }

    /** Set adopt, honest about what adopting cannot check. */
    private adoptAdvice(): string {
        const unseen = this.adapter.unobservable;
        const caveat = unseen.length
            ? `; ${unseen.join(", ")} cannot be read from the vendor, so adopting records them as declared without checking`
            : "";
        return `Set \`adopt: true\` on this resource to take it over (it will then be brought to the declared state${caveat}), or remove it at the vendor`;
    }

    /** Takes over an existing object and brings it to the declared state. */
    private async converge(c: C, found: Found<L>, desired: Props, meta: Props) {
        const observed = this.observed(found.live, {}, desired);
        const changed = this.changedKeys(observed, desired);
        const immutable = new Set(this.adapter.replaceOn(observed, desired));
        const blocking = changed.filter((k) => immutable.has(k) && !this.adapter.unobservable.includes(k));
        if (blocking.length) {
            throw new Error(
                `${this.adapter.kind} ${found.id} exists but differs in ${blocking.join(", ")}, which cannot be changed in place; ` +
                    `delete it at the vendor or change the program to match`,
            );
        }
        const mutable = changed.filter((k) => !immutable.has(k));
        if (mutable.length === 0) return { id: found.id, outs: this.outputs(found, desired, meta) };
        try {
            const live = await this.adapter.update(c, found.id, pick(desired, mutable), desired, {});
            this.verifyApplied({ id: found.id, live }, desired, meta, mutable);
            return { id: found.id, outs: this.outputs({ id: found.id, live }, desired, meta) };
        } catch (e) {
            throw this.partial(found.id, found.live, desired, meta, e);
        }
    }

    /** The engine records an error carrying `id` as a partial failure: kept in state, finished by the next `up`. */
    private partial(id: string, live: L, desired: Props, meta: Props, cause: unknown) {
        const observed = live === undefined ? {} : this.observed(live, {}, desired);
        // Outputs reflect what the vendor has, so the next diff sees what is still to do.
        const props: Props = { ...meta, ...pick(observed, Object.keys(desired)), ...(live === undefined ? {} : this.computed(live, id)) };
        for (const k of this.adapter.schema.secret ?? []) delete props[k];
        const err = new Error(redact(`${this.adapter.kind} ${id} was created but not fully configured: ${cause instanceof Error ? cause.message : String(cause)}. The next \`pulumi up\` finishes it`));
        return Object.assign(err, { id, properties: props, reasons: [err.message] });
    }

    async read(id: string, props: Props) {
        this.settled(props);
        return this.withinDeadline(() => this.readWithin(id, props));
    }

    private async readWithin(id: string, props: Props) {
        const live = await this.adapter.read(this.client(), id, props).catch((e) => {
            if (e instanceof NotFoundError) return undefined;
            throw e;
        });
        if (live === undefined) return {}; // gone: an empty id tells the engine so
        const observed = this.observed(live, props, props);
        const inputs: Props = this.meta(props);
        const unseen = this.unobservable(props);
        for (const k of this.inputKeys()) {
            if (props[k] === undefined) continue; // not declared: not managed
            inputs[k] = unseen.includes(k) ? props[k] : (observed[k] ?? null);
        }
        return { id, props: { ...inputs, ...this.computed(live, id) }, inputs };
    }

    /**
     * `pulumi import`: the object an import id names, as the engine records an imported resource — its outputs, and
     * as inputs what a program declaring it would say: every property the vendor shows, as `observe` sees it (the
     * values adopt compares with), never a secret (write-only: not read back; declaring one later sets it) and
     * nothing the vendor cannot show — as `check` makes them of such a program, defaults included (Smartflo's
     * `createAgent` is true unless declared otherwise), as state holds any declared resource. So the program Pulumi
     * generates from it previews and refreshes empty. `{}`: no such object.
     */
    async import(importId: string) {
        const how = this.adapter.importId ?? plainImportId("the resource id");
        if (typeof how === "string") throw new Error(`${this.adapter.kind} cannot be imported: ${how}`);
        const { id, state } = how.parse(importId);
        return this.withinDeadline(async () => {
            const live = await this.adapter.read(this.client(), id, state).catch((e) => {
                if (e instanceof NotFoundError) return undefined;
                throw e;
            });
            if (live === undefined) return {};
            const observed = this.observed(live, state, state);
            const secret = new Set(this.adapter.schema.secret ?? []);
            const unseen = new Set(this.unobservable(state));
            const inputs: Props = {};
            for (const k of this.inputKeys()) {
                if (secret.has(k) || unseen.has(k)) continue;
                const v = observed[k] ?? state[k];
                if (given(v)) inputs[k] = v;
            }
            const { inputs: checked } = await this.check(inputs, inputs);
            return { id, props: { ...checked, ...this.computed(live, id) }, inputs: checked };
        });
    }

    async update(id: string, olds: Props, news: Props) {
        this.settled(olds);
        return this.withinDeadline(() => this.updateWithin(id, olds, news));
    }

    private async updateWithin(id: string, olds: Props, news: Props) {
        const desired = this.desired(news);
        const meta = this.meta(news);
        const replaceOn = new Set(this.adapter.replaceOn(olds, news));
        const changed = this.changedKeys(olds, news).filter((k) => !replaceOn.has(k));
        if (changed.length === 0) {
            // Nothing for the vendor (only `adopt` changed, say): carry computed outputs over.
            const computed = pick(olds, Object.keys(olds).filter((k) => !(k in this.adapter.schema.fields) && !META.has(k)));
            return { outs: { ...meta, ...desired, ...computed } };
        }
        const live = await this.adapter.update(this.client(), id, pick(desired, changed), desired, olds);
        this.verifyApplied({ id, live }, desired, meta, changed);
        return { outs: this.outputs({ id, live }, desired, meta) };
    }

    async delete(id: string, props: Props) {
        this.settled(props);
        try {
            await this.withinDeadline(() => this.adapter.delete(this.client(), id, props));
        } catch (e) {
            if (e instanceof NotFoundError) return; // already gone is what delete wants
            throw e;
        }
    }
}

const given = (v: unknown) => v !== undefined && v !== null;

export function pick(o: Props, keys: string[]): Props {
    const out: Props = {};
    for (const k of keys) if (o[k] !== undefined) out[k] = o[k];
    return out;
}

export { VendorError };
