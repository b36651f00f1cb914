/**
 * Mocha root hooks for every test file (`.mocharc.json` requires this module): state that a provider process keeps
 * on purpose (the per-vendor request pace, IPPanel's shared number listings) is reset before each test, so what one test taught it (a spell of 429s)
 * never slows the next one, and no test depends on the order files run in.
 */
import { resetPacing } from "../provider/core/pacing";
import { forgetSharedListings } from "../provider/ippanel/number-assignment/adapter";

export const mochaHooks = {
    beforeEach(): void {
        resetPacing();
        forgetSharedListings();
    },
};
