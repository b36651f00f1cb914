/**
 * Mocha root hooks for every test file (`.mocharc.json` requires this module). What a provider process keeps lives in
 * one context per configuration (provider/core/context.ts): the pace, in-flight limits, login sessions, IPPanel's
 * shared listings, Chime's SDK clients, the counts. Tests that build clients make their own context; the runtime's
 * context in force (and any services a test swapped in: a clock, a transport) is reset here, before each test, so
 * what one test taught it (a spell of 429s) never slows the next one, and no test depends on the order files run in.
 */
import { resetRuntime } from "../provider/runtime";

export const mochaHooks = {
    beforeEach(): void {
        resetRuntime();
    },
};
