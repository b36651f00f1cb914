/**
 * The core's login session, driven through the real HTTP client against a small real server on loopback that
 * issues tokens at `POST /login` and checks them at `GET /api`. The server decides the order of events where it
 * matters (it holds answers until the requests it waits for have arrived), and server and session share a clock the
 * test moves (a lock is waited out on it), so nothing depends on timing.
 */
import * as assert from "assert";
import * as http from "http";
import { AddressInfo } from "net";
import { ManualClock } from "../../test/clock";
import { ProviderContext } from "./context";
import { withOperationDeadline } from "./deadline";
import { ThrottledError } from "./errors";
import { VendorHttpClient, urlPath } from "./http";
import { DEFAULT_POLICY } from "./policy";
import { LoginLocked, TokenSession, TokenSessionOptions } from "./token-session";

interface LoginServer {
    url: string;
    /** Logins asked for, and how each was answered. */
    logins: number[];
    /** API requests: the token each carried and the status it got. */
    calls: Array<{ token: string; status: number }>;
    /** Tokens the API accepts. */
    valid: Set<string>;
    /** Logins are refused with 429 until then (epoch ms of the shared clock). */
    lockedUntil: number;
    /** The clock server and session share. */
    clock: ManualClock;
    /** Holds API requests until `release` lets them go (each gets the status given to release). */
    holdApi: boolean;
    held: Array<(status: number) => void>;
    /** Resolves once `n` API requests are held. */
    heldCount(n: number): Promise<void>;
    close(): Promise<void>;
}

async function loginServer(): Promise<LoginServer> {
    const waiters: Array<() => void> = [];
    const state: Omit<LoginServer, "url" | "close"> = {
        clock: new ManualClock(),
        logins: [],
        calls: [],
        valid: new Set(),
        lockedUntil: 0,
        holdApi: false,
        held: [],
        heldCount: (n) =>
            new Promise<void>((resolve) => {
                const check = () => (state.held.length >= n ? resolve() : void waiters.push(check));
                check();
            }),
    };
    const send = (res: http.ServerResponse, status: number, body: unknown) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(body));
    };
    const server = http.createServer((req, res) => {
        req.resume();
        req.on("end", () => {
            if (req.url === "/login") {
                if (state.clock.now() < state.lockedUntil) {
                    state.logins.push(429);
                    return send(res, 429, { message: "locked", until: state.lockedUntil });
                }
                state.logins.push(200);
                const token = `token-${state.logins.length}`;
                state.valid.add(token);
                return send(res, 200, { token, expires_in: 3600 });
            }
            const token = String(req.headers["x-token"] ?? "");
            const answer = (status: number) => {
                state.calls.push({ token, status });
                send(res, status, status === 200 ? { ok: true } : { message: "token expired" });
            };
            if (state.holdApi) {
                state.held.push((status) => answer(status));
                for (const w of waiters.splice(0)) w();
                return;
            }
            answer(state.valid.has(token) ? 200 : 401);
        });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    return Object.assign(state, {
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
    });
}

/** A session whose login is `POST /login` on the server; a 429 is a lock until the time the server names. */
function sessionFor(s: LoginServer, opts: Partial<TokenSessionOptions> = {}): TokenSession {
    return new TokenSession({
        async login() {
            const r = await fetch(`${s.url}/login`, { method: "POST" });
            const body = (await r.json()) as { token: string; expires_in: number; until: number };
            if (r.status === 429) throw new LoginLocked(body.until, new ThrottledError({ vendor: "OpenTact", operation: "Login", status: 429, message: `logins are locked until ${new Date(body.until).toISOString()}` }));
            return { token: body.token, lifetimeMs: body.expires_in * 1000 };
        },
        clock: s.clock,
        ...opts,
    });
}

const clientFor = (s: LoginServer, tokens: TokenSession) =>
    new VendorHttpClient(
        { vendor: "OpenTact", baseUrl: new URL(s.url), authHint: "the login", session: { tokens, header: (t) => ({ "x-token": t }) } },
        new ProviderContext({ policy: { ...DEFAULT_POLICY, retries: 0 }, clock: s.clock }),
    );
const get = (c: VendorHttpClient) => c.send({ operation: "Get", method: "GET", path: urlPath`/api` });

describe("Token session (core): one login for everyone, renewed ahead, a 401 renews only the token it hit", () => {
    let s: LoginServer;
    beforeEach(async () => (s = await loginServer()));
    afterEach(() => s.close());

    it("concurrent first requests share one login", async () => {
        const c = clientFor(s, sessionFor(s));
        await Promise.all(Array.from({ length: 8 }, () => get(c)));
        assert.deepStrictEqual(s.logins, [200]);
        assert.deepStrictEqual(s.calls.map((x) => `${x.token} ${x.status}`), Array(8).fill("token-1 200"));
    });

    it("renews ahead of expiry (after 5/6 of the lifetime), before any request is refused", async () => {
        const c = clientFor(s, sessionFor(s));
        await get(c);
        s.clock.advance(49 * 60_000); // 49 of 60 minutes: still the first token
        await get(c);
        assert.deepStrictEqual(s.logins, [200]);
        s.clock.advance(2 * 60_000); // 51 minutes: due
        await get(c);
        assert.deepStrictEqual(s.logins, [200, 200]);
        assert.deepStrictEqual(s.calls.map((x) => `${x.token} ${x.status}`), ["token-1 200", "token-1 200", "token-2 200"], "no request was refused");
    });

    it("a 401 renews the token once; a later 401 for the same, already replaced token does not log in again", async () => {
        const c = clientFor(s, sessionFor(s));
        await get(c);
        // The vendor forgets token-1 while two requests carry it; the server answers them one after the other.
        s.valid.delete("token-1");
        s.holdApi = true;
        const first = get(c);
        const second = get(c);
        await s.heldCount(2);
        s.holdApi = false;
        const [answerFirst, answerSecond] = s.held.splice(0);
        answerFirst(401);
        await first; // renewed (login 2) and resent with token-2
        answerSecond(401); // token-1 again: it was already replaced
        await second;
        assert.deepStrictEqual(s.logins, [200, 200], "one renewal for two refused requests");
        assert.deepStrictEqual(s.calls.map((x) => `${x.token} ${x.status}`), ["token-1 200", "token-1 401", "token-2 200", "token-1 401", "token-2 200"]);
    });

    it("two requests refused at once with the same token cause one login", async () => {
        const c = clientFor(s, sessionFor(s));
        await get(c);
        s.valid.delete("token-1");
        s.holdApi = true;
        const both = [get(c), get(c)];
        await s.heldCount(2);
        s.holdApi = false;
        for (const answer of s.held.splice(0)) answer(401);
        await Promise.all(both);
        assert.deepStrictEqual(s.logins, [200, 200]);
        assert.deepStrictEqual(s.calls.slice(3).map((x) => `${x.token} ${x.status}`), ["token-2 200", "token-2 200"]);
    });

    it("a login lock is waited out when it lifts within the deadline: no login before the server allows it", async () => {
        s.lockedUntil = s.clock.now() + 800;
        const c = clientFor(s, sessionFor(s));
        await withOperationDeadline(s.clock, 30_000, () => get(c));
        // The server refuses any login before its time: a second 429 here would mean the wait was not kept.
        assert.deepStrictEqual(s.logins, [429, 200]);
        assert.deepStrictEqual(s.calls.map((x) => x.status), [200]);
        assert.deepStrictEqual(s.clock.sleeps, [800], "one wait, to the end of the lock");
    });

    it("a lock that lifts after the operation deadline fails at once with the lock's error, and later calls do not log in again", async () => {
        s.lockedUntil = s.clock.now() + 30_000;
        const c = clientFor(s, sessionFor(s));
        for (let i = 0; i < 2; i++) {
            await assert.rejects(
                withOperationDeadline(s.clock, 5_000, () => get(c)),
                (e: Error) => e instanceof ThrottledError && /logins are locked until/.test(e.message),
            );
        }
        assert.deepStrictEqual(s.logins, [429], "one login asked; the remembered lock answered the second call");
        assert.deepStrictEqual(s.calls, [], "no API request went out without a token");
    });

    it("a lock longer than the longest wait fails at once even without an operation deadline", async () => {
        s.lockedUntil = s.clock.now() + 30_000;
        const c = clientFor(s, sessionFor(s, { maxLockWaitMs: 10_000 }));
        await assert.rejects(get(c), ThrottledError);
        assert.deepStrictEqual(s.logins, [429]);
    });
});
