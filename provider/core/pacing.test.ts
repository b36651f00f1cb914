import * as assert from "assert";
import { ManualClock } from "../../test/clock";
import { DECREASE, MIN_RATE, Pacer, Pacing } from "./pacing";
import { Settings } from "./settings";

/** A clock the test moves by hand. */
function clock(start = 1_000_000) {
    const c = { t: start, now: () => c.t };
    return c;
}

describe("Pacer (pure logic, injected clock)", () => {
    it("a configured rate spaces slots 1/rate apart, starting now", () => {
        const c = clock();
        const p = new Pacer(4, c.now);
        assert.deepStrictEqual([p.reserve(), p.reserve(), p.reserve()].map((at) => at - c.t), [0, 250, 500]);
        c.t += 2000; // idle time does not bank slots: the next one is now, then 250 ms on
        assert.deepStrictEqual([p.reserve(), p.reserve()].map((at) => at - c.t), [0, 250]);
    });

    it("unconfigured, it is unpaced until the first 429, then 0.7 times the rate sent over the last second", () => {
        const c = clock();
        const p = new Pacer(undefined, c.now);
        for (let i = 0; i < 10; i++) {
            assert.strictEqual(p.reserve(), c.t);
            c.t += 10;
        }
        assert.strictEqual(p.rate, Infinity);
        p.throttled(c.t - 5);
        assert.ok(Math.abs(p.rate - 10 * DECREASE) < 1e-9);
        assert.ok(Math.abs(p.reserve() - c.t - 1000 / (10 * DECREASE)) < 1e-9, "the next request waits one slot at the new pace");
    });

    it("lowers the rate once per spell of 429s: answers to requests sent before the decrease do not count again", () => {
        const c = clock();
        const p = new Pacer(10, c.now);
        const before = p.reserve();
        c.t += 50;
        p.throttled(before);
        assert.strictEqual(p.rate, 10 * DECREASE);
        p.throttled(before); // same spell
        assert.strictEqual(p.rate, 10 * DECREASE);
        c.t += 500;
        const after = p.reserve();
        c.t += 10;
        p.throttled(after); // a new spell
        assert.ok(Math.abs(p.rate - 10 * DECREASE * DECREASE) < 1e-9);
    });

    it("Retry-After holds every request until it has passed", () => {
        const c = clock();
        const p = new Pacer(100, c.now);
        const sent = p.reserve();
        p.throttled(sent, 3000);
        assert.ok(p.reserve() >= c.t + 3000);
    });

    it("a run of successes (one second's worth) raises the rate by 10%, at least 1/s, never above the configured rate", () => {
        const c = clock();
        const p = new Pacer(20, c.now);
        p.throttled(p.reserve()); // 14/s
        assert.strictEqual(p.rate, 14);
        for (let i = 0; i < 13; i++) p.succeeded();
        assert.strictEqual(p.rate, 14, "13 successes are not yet a second's worth at 14/s");
        p.succeeded();
        assert.ok(Math.abs(p.rate - 15.4) < 1e-9);
        for (let i = 0; i < 200; i++) p.succeeded();
        assert.strictEqual(p.rate, 20, "capped at the configured rate");
    });

    it("grows back to just under the rate the last 429 came at, holds there for a run of successes, then probes in 5% steps", () => {
        const c = clock();
        const p = new Pacer(undefined, c.now);
        for (let i = 0; i < 10; i++) p.reserve(); // 10 sent within the second
        p.throttled(c.t); // throttled at 10/s: 7/s now
        assert.ok(Math.abs(p.rate - 7) < 1e-9);
        const run = () => { for (let i = 0; i < Math.ceil(p.rate); i++) p.succeeded(); };
        run();
        assert.ok(Math.abs(p.rate - 8) < 1e-9, `+1/s: ${p.rate}`);
        run();
        assert.ok(Math.abs(p.rate - 9) < 1e-9, `+1/s: ${p.rate}`);
        run();
        assert.ok(Math.abs(p.rate - 9.5) < 1e-9, `stops at 0.95 × 10: ${p.rate}`);
        run();
        assert.ok(Math.abs(p.rate - 9.5) < 1e-9, `holds for one run: ${p.rate}`);
        run();
        assert.ok(Math.abs(p.rate - 9.975) < 1e-9, `then +5%: ${p.rate}`);
        run();
        assert.ok(Math.abs(p.rate - 9.975 * 1.05) < 1e-9, `and +5% again: ${p.rate}`);
    });

    it("a slowdown withdraws the slots already handed out: the epoch changes, and the next slot is one at the new pace from now", () => {
        const c = clock();
        const p = new Pacer(10, c.now);
        const e0 = p.epoch;
        const slots = [p.reserve(), p.reserve(), p.reserve(), p.reserve()].map((at) => at - c.t);
        assert.deepStrictEqual(slots, [0, 100, 200, 300]);
        p.throttled(c.t); // 7/s
        assert.notStrictEqual(p.epoch, e0, "holders of the four slots ask again");
        assert.ok(Math.abs(p.reserve() - c.t - 1000 / 7) < 1e-9, "the next slot is counted from now, not after the withdrawn ones");
        const e1 = p.epoch;
        p.throttled(c.t - 1, 2000); // same spell, but a Retry-After: slots before its end are withdrawn too
        assert.notStrictEqual(p.epoch, e1);
        assert.ok(p.reserve() >= c.t + 2000);
        const e2 = p.epoch;
        p.succeeded();
        assert.strictEqual(p.epoch, e2, "a success withdraws nothing");
    });

    it("never drops below the minimum rate", () => {
        const c = clock();
        const p = new Pacer(1, c.now);
        for (let i = 0; i < 20; i++) {
            c.t += 10_000;
            p.throttled(p.reserve());
        }
        assert.strictEqual(p.rate, MIN_RATE);
    });

    it("Pacing reads telephony:<stem>RequestsPerSecond for the vendors it is given, and refuses a bad value, naming the key", () => {
        const stems = { "Amazon Chime": "chime", OpenTact: "opentact" };
        const settings = (key: string, value: string) => new Settings({ get: (k) => (k === key ? value : undefined) }, {});
        const pacing = new Pacing(settings("telephony:chimeRequestsPerSecond", "2"), stems, new ManualClock());
        assert.strictEqual(pacing.pacer("Amazon Chime").rate, 2);
        assert.strictEqual(pacing.pacer("OpenTact").rate, Infinity);
        assert.throws(
            () => new Pacing(settings("telephony:opentactRequestsPerSecond", "fast"), stems, new ManualClock()),
            /telephony:opentactRequestsPerSecond must be a positive number of requests per second, got "fast"/,
        );
    });

    it("paced() waits for each send slot on the clock it is given, and reports a 429's Retry-After to every later request", async () => {
        const clock = new ManualClock();
        const pacing = new Pacing(new Settings({ get: (k) => (k === "telephony:opentactRequestsPerSecond" ? "4" : undefined) }, {}), { OpenTact: "opentact" }, clock);
        const t0 = clock.now();
        const slots = [await pacing.paced("OpenTact"), await pacing.paced("OpenTact"), await pacing.paced("OpenTact")];
        assert.deepStrictEqual(slots.map((at) => at - t0), [0, 250, 500]);
        assert.deepStrictEqual(clock.sleeps, [250, 250]);
        pacing.answered("OpenTact", slots[2], 429, 3000);
        const held = await pacing.paced("OpenTact");
        assert.strictEqual(held - slots[2], 3000, "the next slot waits for the Retry-After to pass");
    });
});
