/**
 * Amazon Chime through the one retry strategy (core/retry.ts), as the HTTP clients: the real SDK builds, signs and
 * parses each request; its handler sends it on the context's transport (here canned answers, no server) and its
 * retry loop asks the context's strategy — so the policy's statuses and methods decide, the waits run on the
 * context's clock, and Chime's requests and retries are counted like any vendor's.
 */
import * as assert from "assert";
import { GetUserCommand } from "@aws-sdk/client-chime";
import { CHIME_ACCOUNT, CHIME_USERS } from "../../sandbox/chime";
import { ManualClock } from "../../test/clock";
import { setAwsTestKey } from "../../test/harness";
import { OutcomeUnknownError, ServiceError } from "../core/errors";
import { DEFAULT_POLICY, RequestPolicy } from "../core/policy";
import { Settings } from "../core/settings";
import { Transport, cannedResponse } from "../core/transport";
import { createContext } from "../runtime";
import { ChimeOperation, call, chimeClient } from "./client";
import { getUser } from "./user-number/api";

const USER = CHIME_USERS[0];
const unavailable = () => cannedResponse(503, JSON.stringify({ Code: "ServiceUnavailable", Message: "try later" }), { "content-type": "application/json", "x-amzn-ErrorType": "ServiceUnavailableException" });
const throttled = (retryAfter: string) =>
    cannedResponse(429, JSON.stringify({ Code: "ThrottledClient", Message: "Rate exceeded" }), { "content-type": "application/json", "x-amzn-ErrorType": "ThrottledClientException", "retry-after": retryAfter });
const user = () => cannedResponse(200, JSON.stringify({ User: { UserId: USER, AccountId: CHIME_ACCOUNT } }), { "content-type": "application/json" });

/** A Chime connection whose requests `answers` answers in turn (the last repeats), and what was sent. */
function chimeAnswering(answers: Array<() => ReturnType<typeof cannedResponse>>, policy: Partial<RequestPolicy> = {}) {
    const sent: string[] = [];
    const transport: Transport = async (url, req) => {
        sent.push(`${req.method} ${url.pathname}`);
        return answers[Math.min(sent.length - 1, answers.length - 1)]();
    };
    const clock = new ManualClock();
    const settings = new Settings({ get: (k) => (k === "telephony:chimeEndpoint" ? "http://127.0.0.1:9" : undefined) }, {});
    const context = createContext({ settings, policy: { ...DEFAULT_POLICY, ...policy }, clock, transport });
    return { conn: chimeClient(context), sent, clock, context };
}

describe("Amazon Chime through the one retry strategy (real SDK, canned answers)", () => {
    let restoreAwsKey: () => void;
    before(() => (restoreAwsKey = setAwsTestKey()));
    after(() => restoreAwsKey());

    it("a 503 to GetUser is retried by the policy's statuses, and counted as Chime's request and retry", async () => {
        const { conn, sent, context } = chimeAnswering([unavailable, user]);
        const u = await getUser(conn, CHIME_ACCOUNT, USER);
        assert.strictEqual(u.UserId, USER);
        assert.strictEqual(sent.length, 2);
        assert.deepStrictEqual(context.stats.byVendor["Amazon Chime"], { requests: 2, retries: 1 });
    });

    it("a policy whose statuses leave out 503 does not retry it", async () => {
        const { conn, sent } = chimeAnswering([unavailable, user], { statuses: new Set([429]) });
        await assert.rejects(getUser(conn, CHIME_ACCOUNT, USER), ServiceError);
        assert.strictEqual(sent.length, 1);
    });

    it("methods: a POST is repeated only when declared idempotent; undeclared, a 503 leaves its outcome unknown", async () => {
        const send = (op: ChimeOperation) => {
            const { conn, sent } = chimeAnswering([unavailable, user]);
            // Any command will do: what is retried is decided by the operation as declared to the strategy.
            return call(conn, op, (sdk) => sdk.send(new GetUserCommand({ AccountId: CHIME_ACCOUNT, UserId: USER }))).then(
                () => ({ sent, error: undefined }),
                (error) => ({ sent, error }),
            );
        };
        const undeclared = await send({ operation: "AssociatePhoneNumberWithUser", method: "POST" });
        assert.ok(undeclared.error instanceof OutcomeUnknownError, String(undeclared.error));
        assert.strictEqual(undeclared.sent.length, 1);
        const idempotent = await send({ operation: "AssociatePhoneNumberWithUser", method: "POST", idempotent: true });
        assert.strictEqual(idempotent.error, undefined);
        assert.strictEqual(idempotent.sent.length, 2);
    });

    it("a 429's Retry-After is waited on the context's clock before the retry", async () => {
        const { conn, sent, clock } = chimeAnswering([() => throttled("2"), user]);
        await getUser(conn, CHIME_ACCOUNT, USER);
        assert.strictEqual(sent.length, 2);
        assert.ok(clock.sleeps[0] >= 2000, `the retry waited ${clock.sleeps[0]} ms`);
    });

    it("stops at the deadline, saying how often it tried, as the HTTP clients do", async () => {
        const { conn, sent } = chimeAnswering([unavailable], { deadlineMs: 5_000 });
        const e = await getUser(conn, CHIME_ACCOUNT, USER).then(() => undefined, (x) => x);
        assert.ok(e instanceof ServiceError, String(e));
        assert.match(e.message, new RegExp(`Tried ${sent.length} times until the operation deadline \\(telephony:operationDeadlineMs, 5000 ms\\); Amazon Chime kept failing`));
        assert.ok(sent.length > 1);
    });
});
