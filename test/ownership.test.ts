/**
 * Ownership and "already exists", without an engine or a server (issue 19): every reading of a duplicate each vendor's
 * sources allow, as that vendor's own classifier makes it an error, against every record a stack may have of a create
 * — none, a lost answer in this process, its create journal, a pending create `recover` read from the checkpoint, and
 * another stack's journal entry in the same folder. A create that meets an existing object takes it only on this
 * stack's own record, never on the vendor's word alone; "already exists" says which record is missing; a refusal
 * that may be a duplicate is looked up before it is reported.
 *
 * The vendor is in memory (users by natural key, with a creation time); its create throws exactly the error the real
 * client would for the reading (the vendor's `classify` over the documented or plausible answer, then the core's one
 * classifier, core/failure.ts; Chime's through its SDK error mapping).
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { z } from "zod";
import { toChimeError } from "../provider/chime/client";
import { isDuplicate, namesDuplicate } from "../provider/core/duplicate";
import { AlreadyExistsError, InvalidRequestError, OutcomeUnknownError, VendorError } from "../provider/core/errors";
import { ClassifiedError, answeredFailure } from "../provider/core/failure";
import { HttpResponse } from "../provider/core/http";
import { CreateJournal } from "../provider/core/journal";
import { DEFAULT_POLICY } from "../provider/core/policy";
import { Adapter, Reconciler } from "../provider/core/reconciler";
import { SCOPE_INPUT, backendOf, scopeOf } from "../provider/core/scope";
import { Settings } from "../provider/core/settings";
import { createContext } from "../provider/runtime";
import { classify as ippanelClassify, meaningOf } from "../provider/ippanel/client";
import { classify as opentactClassify } from "../provider/opentact/client";
import { classify as smartfloClassify } from "../provider/smartflo/client";
import { classify as verigatorClassify } from "../provider/verigator/client";
import type { Vendor } from "../provider/core/errors";
import { ManualClock } from "./clock";

/** The error a vendor client throws for an answer: its classifier, then the core's one classifier (as `VendorHttpClient`). */
function answered(vendor: Vendor, classify: (r: HttpResponse) => ClassifiedError | undefined, status: number, body: unknown): VendorError {
    const res: HttpResponse = { status, headers: new Headers(), body, text: JSON.stringify(body) } as unknown as HttpResponse;
    return answeredFailure({ vendor, operation: "Create", method: "POST" }, status, classify(res)!, "the credentials").error;
}

/** Every reading of a duplicate the reference's "Already exists" table lists, as the real client would throw it. */
const READINGS: Array<[string, () => Error]> = [
    ["OpenTact 400 (the seed's envelope)", () => answered("OpenTact", opentactClassify, 400, { success: false, message: "SIP User with this login already exists", status: 400 })],
    ["OpenTact 400 \"login already exists\" (issue 19's independent emulator)", () => answered("OpenTact", opentactClassify, 400, { success: false, message: "login already exists", status: 400 })],
    ["OpenTact 409", () => answered("OpenTact", opentactClassify, 409, { success: false, message: "SIP User with this login already exists", status: 409 })],
    ["OpenTact 422 (the newer fields envelope)", () => answered("OpenTact", opentactClassify, 422, { success: false, message: "login: already exists", status: 422, fields: { login: { message: "already exists", value: "x" } } })],
    ["Smartflo 400 (Laravel validation, the field says taken)", () => answered("Tata Smartflo", smartfloClassify, 400, { success: false, message: "The given data was invalid.", error: { login_id: ["The login id has already been taken."] } })],
    ["Smartflo 409", () => answered("Tata Smartflo", smartfloClassify, 409, { success: false, message: "A user with this login id already exists." })],
    ["Smartflo 422", () => answered("Tata Smartflo", smartfloClassify, 422, { success: false, message: "The login id has already been taken.", error: { login_id: ["The login id has already been taken."] } })],
    ["IPPanel 400 \"number already assigned to user\" (documented)", () => answered("IPPanel", ippanelClassify, 400, { data: null, meta: { status: false, message: "number already assigned to user", message_code: "400-1", errors: {} } })],
    ["IPPanel 409 in Persian", () => answered("IPPanel", ippanelClassify, 409, { data: null, meta: { status: false, message: "این شماره قبلا به کاربر تخصیص داده شده است", message_code: "400-1", errors: {} } })],
    ["IPPanel 422 with Laravel's Persian unique rule", () => answered("IPPanel", ippanelClassify, 422, { data: null, meta: { status: false, message: "شماره قبلا انتخاب شده است", message_code: "400-2", errors: {} } })],
    [
        "Chime 409 ConflictException (the SDK's error)",
        () => toChimeError("AssociatePhoneNumberWithUser", Object.assign(new Error("The phone number is already associated with user u1."), { name: "ConflictException", $metadata: { httpStatusCode: 409 } }), { write: true, aws: false, region: "us-east-1" }),
    ],
    ["Chime: GetUser shows the declared number (the 200 reading: nothing to change)", () => new AlreadyExistsError({ vendor: "Amazon Chime", operation: "AssociatePhoneNumberWithUser", message: "user u1 in account a already has the primary number +12065550100 (GetUser)" })],
    ["Verigator 409 \"User already exists\" (documented)", () => answered("Messente Verigator", verigatorClassify, 409, { message: "User already exists" })],
];

describe("duplicate answers are recognised by their meaning (core/duplicate.ts), through each vendor's classifier and the one failure classifier", () => {
    for (const [name, make] of READINGS) {
        it(`${name} is "already exists"`, () => assert.ok(make() instanceof AlreadyExistsError, String(make())));
    }
    it("refusals that are not duplicates stay what they are", () => {
        assert.ok(answered("OpenTact", opentactClassify, 400, { success: false, message: "login must be a string of 7 to 15 characters", status: 400 }) instanceof InvalidRequestError);
        assert.ok(answered("IPPanel", ippanelClassify, 400, { data: null, meta: { status: false, message: "number already assigned to another user", message_code: "400-1" } }) instanceof InvalidRequestError, "another user's number is a conflict, never adopted");
        assert.ok(answered("Tata Smartflo", smartfloClassify, 400, { success: false, message: "The given data was invalid.", error: { email: ["The email must be a valid email address."] } }) instanceof InvalidRequestError);
        assert.strictEqual(isDuplicate({ status: 404, message: "SIP User not found" }), false);
        assert.strictEqual(isDuplicate({ status: 500, message: "already exists" }), false, "a server failure is no duplicate, whatever it says");
        assert.strictEqual(namesDuplicate("User does not exist"), false);
        assert.strictEqual(namesDuplicate("کاربر وجود ندارد"), false, "Persian: does not exist");
    });
    it("IPPanel's Persian duplicates get an English meaning", () => {
        assert.strictEqual(meaningOf("این شماره قبلا به کاربر تخصیص داده شده است"), "the number has already been assigned to the user");
        assert.strictEqual(meaningOf("شماره قبلا انتخاب شده است"), "شماره has already been taken");
    });
});

/** One object at the in-memory vendor. */
interface Obj {
    id: string;
    login: string;
    name?: string;
    created: string;
}

/**
 * The in-memory vendor: `create` refuses an existing login with `reading`; `lateCommit` makes the next create's answer
 * lost and its object appear only after the first lookup (a write still on its way); `confirm` is the adapter's extra
 * check when given.
 */
function vendor(reading: () => Error, opts: { confirm?: (o: Obj) => true | string } = {}) {
    const objects = new Map<string, Obj>();
    const log: string[] = [];
    let late: Obj | undefined;
    let lateNext = false;
    const adapter: Adapter<Obj, null> = {
        kind: "fake:User",
        schema: { fields: { login: z.string(), name: z.string().optional() } },
        replaceOn: () => [],
        unobservable: [],
        client: () => null,
        async create(_c, inputs) {
            log.push(`create ${inputs.login}`);
            const o = { id: `id-${inputs.login}`, login: inputs.login, name: inputs.name, created: new Date().toISOString() };
            if (lateNext) {
                lateNext = false;
                late = o;
                throw new OutcomeUnknownError({ vendor: "OpenTact", operation: "Create", message: "connection reset" });
            }
            if (objects.has(inputs.login)) throw reading();
            objects.set(o.login, o);
            return { id: o.id, live: o };
        },
        async find(_c, inputs) {
            log.push(`find ${inputs.login}`);
            const o = objects.get(inputs.login);
            if (late) {
                objects.set(late.login, late); // it lands after the lookup that missed it
                late = undefined;
            }
            return o && { id: o.id, live: o };
        },
        createdAt: (o) => o.created,
        ...(opts.confirm ? { confirm: async (_c: null, _i: unknown, f: { live: Obj }) => opts.confirm!(f.live) } : {}),
        read: async (_c, id) => [...objects.values()].find((o) => o.id === id),
        async update(_c, id, changed) {
            log.push(`update ${Object.keys(changed).join(",")}`);
            const o = [...objects.values()].find((x) => x.id === id)!;
            Object.assign(o, changed);
            return o;
        },
        async delete() {},
        observe: (o) => ({ login: o.login, name: o.name }),
        computed: (o) => ({ objectId: o.id }),
    };
    return {
        objects,
        log,
        adapter,
        /** An object someone made `ageMs` ago. */
        seed(login: string, ageMs = 0, name = "Someone") {
            objects.set(login, { id: `theirs-${login}`, login, name, created: new Date(Date.now() - ageMs).toISOString() });
        },
        lateCommit() {
            lateNext = true;
        },
    };
}

const fast = { ...DEFAULT_POLICY, baseDelayMs: 1, maxDelayMs: 2 };
const STACK_A = scopeOf({ backend: "file:///state-a", organization: "organization", project: "fleet", stack: "prod" });
const STACK_B = scopeOf({ backend: "file:///state-b", organization: "organization", project: "fleet", stack: "prod" });

describe("ownership comes from this stack's own record: every reading × every record", () => {
    let dir: string;
    /** A configuration whose journal is this test's folder, with a fast backoff on a clock that passes at once. */
    const context = () => createContext({ settings: new Settings(undefined, { TELEPHONY_JOURNAL_DIR: dir }), policy: fast, clock: new ManualClock(Date.now()) });
    const journal = () => CreateJournal.at(dir);
    beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "ownership-"))));
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    const inputs = (login: string, scope = STACK_A) => ({ login, name: "Declared", [SCOPE_INPUT]: scope });
    const keyOf = (r: Reconciler<Obj, null>, login: string, scope = STACK_A) => r.journalKey({ login, name: "Declared" }, scope)!;

    for (const [reading, make] of READINGS) {
        describe(reading, () => {
            it("no record: not taken; the error says so, which records are missing, and points at adopt; the object is untouched", async () => {
                const v = vendor(make);
                v.seed("alice");
                const r = new Reconciler(v.adapter, context());
                const e = await r.create(inputs("alice")).catch((x) => x);
                assert.ok(e instanceof AlreadyExistsError, String(e));
                assert.match(e.message, /fake:User theirs-alice already exists at the vendor, and this stack has no record of creating it: no create of it whose answer was lost in this run, no entry in this stack's create journal, no pending create/);
                assert.match(e.message, /Set `adopt: true`/);
                assert.doesNotMatch(e.message, /Fix the values/);
                assert.strictEqual(v.objects.get("alice")!.name, "Someone", "nothing written");
                assert.strictEqual(journal().has(keyOf(r, "alice")), false, "the refused create leaves no evidence behind");
            });

            it("a lost answer in this process (the create lands after the lookup missed it; the resend meets the reading): taken", async () => {
                const v = vendor(make);
                v.lateCommit();
                const r = new Reconciler(v.adapter, context());
                const out = await r.create(inputs("bob"));
                assert.strictEqual(out.id, "id-bob");
                assert.deepStrictEqual(v.log, ["create bob", "find bob", "create bob", "find bob"]);
                assert.strictEqual(v.objects.size, 1);
            });

            it("this stack's create journal (an earlier run here): taken and brought to the declared state", async () => {
                const v = vendor(make);
                const r = new Reconciler(v.adapter, context());
                journal().record(keyOf(r, "carol"), { at: new Date(Date.now() - 60_000).toISOString() });
                v.seed("carol", 30_000);
                const out = await r.create(inputs("carol"));
                assert.strictEqual(out.id, "theirs-carol");
                assert.strictEqual(v.objects.get("carol")!.name, "Declared");
            });

            it("a pending create of this stack (recover wrote it from the checkpoint): taken", async () => {
                const v = vendor(make);
                const r = new Reconciler(v.adapter, context());
                journal().record(keyOf(r, "dora"), { at: new Date(Date.now() - 60_000).toISOString(), from: "pending create" });
                v.seed("dora", 0);
                assert.strictEqual((await r.create(inputs("dora"))).id, "theirs-dora");
            });

            it("another stack's journal entry in the same folder: not taken", async () => {
                const v = vendor(make);
                const r = new Reconciler(v.adapter, context());
                journal().record(keyOf(r, "erin", STACK_B), { at: new Date(Date.now() - 60_000).toISOString() });
                v.seed("erin");
                const e = await r.create(inputs("erin", STACK_A)).catch((x) => x);
                assert.ok(e instanceof AlreadyExistsError, String(e));
                assert.match(e.message, /no record of creating it/);
                assert.strictEqual(v.objects.get("erin")!.name, "Someone");
            });

            it("a record, but the object was created clearly before this stack first sent its create: not taken, and said why", async () => {
                const v = vendor(make);
                const r = new Reconciler(v.adapter, context());
                journal().record(keyOf(r, "fay"), { at: new Date(Date.now() - 60_000).toISOString(), from: "pending create" });
                v.seed("fay", 24 * 3600_000);
                const e = await r.create(inputs("fay")).catch((x) => x);
                assert.match(String(e), /fake:User theirs-fay exists at the vendor since .*, before this stack first sent its create \(.*, the pending create\): it is not the object that create made\. Set `adopt: true`/);
                assert.strictEqual(v.objects.get("fay")!.name, "Someone");
            });
        });
    }

    it("the vendor-side check is an extra check on the record, never proof alone: it refuses with a record, and without one it is never asked", async () => {
        let asked = 0;
        const v = vendor(READINGS[0][1], { confirm: (o) => (asked++, o.name === "Declared" ? true : `its name differs from the declaration`) });
        const r = new Reconciler(v.adapter, context());
        v.seed("gus", 0, "Declared"); // exactly the declaration: equality at the vendor
        await assert.rejects(r.create(inputs("gus")), /no record of creating it/);
        assert.strictEqual(asked, 0, "equality alone is never asked about");
        journal().record(keyOf(r, "hal"), { at: new Date(Date.now() - 60_000).toISOString() });
        v.seed("hal", 0, "Portal edit");
        await assert.rejects(r.create(inputs("hal")), /this stack's create journal says it sent a create of it, but the vendor shows it is not the object that create made: its name differs/);
        assert.strictEqual(asked, 1);
    });

    it("adopt takes the object whatever the record", async () => {
        const v = vendor(READINGS[0][1]);
        v.seed("ivy", 24 * 3600_000);
        const out = await new Reconciler(v.adapter, context()).create({ ...inputs("ivy"), adopt: true });
        assert.strictEqual(out.id, "theirs-ivy");
    });

    it("a refusal that does not name a duplicate is looked up: 'already exists' when the object is there, the vendor's words when it is not", async () => {
        const vague = () => answered("OpenTact", opentactClassify, 400, { success: false, message: "Bad request", status: 400 });
        const v = vendor(vague);
        v.seed("jo");
        const r = new Reconciler(v.adapter, context());
        const e = await r.create(inputs("jo")).catch((x) => x);
        assert.ok(e instanceof AlreadyExistsError, String(e));
        assert.match(e.message, /OpenTact Create failed with HTTP 400\. vendor said: "Bad request"\. fake:User theirs-jo already exists at the vendor/);
        const plain = vendor(vague);
        (plain.adapter as { create: unknown }).create = async () => {
            throw vague();
        };
        const e2 = await new Reconciler(plain.adapter, context()).create(inputs("kim")).catch((x) => x);
        assert.ok(e2 instanceof InvalidRequestError && /Fix the values named above/.test(e2.message), String(e2));
    });

    it("a duplicate of a value other than the key (Smartflo: the email is taken by another user) says so instead of pointing at adopt", async () => {
        const emailTaken = () => answered("Tata Smartflo", smartfloClassify, 400, { success: false, message: "The given data was invalid.", error: { email: ["The email has already been taken."] } });
        const v = vendor(emailTaken);
        (v.adapter as { create: unknown }).create = async () => {
            throw emailTaken();
        };
        const e = await new Reconciler(v.adapter, context()).create(inputs("lee")).catch((x) => x);
        assert.ok(e instanceof AlreadyExistsError);
        assert.match(e.message, /email: The email has already been taken\. The vendor refuses a duplicate, but no fake:User exists for this declaration's key: another object holds a value that must be unique/);
        assert.doesNotMatch(e.message, /adopt/);
    });

    it("the scope: the same stack named alike in two backends differs; PULUMI_BACKEND_URL, else the login folder, names the backend", () => {
        assert.notStrictEqual(STACK_A, STACK_B);
        assert.strictEqual(backendOf({ PULUMI_BACKEND_URL: "s3://bucket" }), "s3://bucket");
        assert.strictEqual(backendOf({ PULUMI_HOME: "/ci/home" }), "login:/ci/home");
        assert.match(STACK_A, /^s1:[0-9a-f]{32}$/);
    });
});
