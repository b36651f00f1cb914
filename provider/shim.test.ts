import * as assert from "assert";
import { RESOURCES } from "./registry";

describe("the stored provider's modules", () => {
    for (const d of RESOURCES) {
        it(`${d.kind}: one module whose exports are the provider, the same object for every resource`, () => {
            const p = d.loadProvider();
            // The closure serializer stores a value that is a module's exports as a require of that module: the
            // resource must get the exports object itself, not a copy.
            const file = Object.keys(require.cache).find((f) => require.cache[f]?.exports === p);
            assert.ok(file && file.endsWith("/provider.js"), `a module's exports (${file})`);
            assert.strictEqual(d.loadProvider(), p);
            for (const m of ["configure", "check", "diff", "create", "read", "update", "delete"] as const) assert.strictEqual(typeof p[m], "function", m);
        });
    }
});
