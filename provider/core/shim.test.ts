import * as assert from "assert";
import { KINDS } from "./runtime";
import { shimProvider } from "./shim";

describe("the stored provider's shim modules", () => {
    for (const kind of KINDS) {
        it(`${kind}: one module whose exports are the provider, the same object for every resource`, () => {
            const p = shimProvider(kind);
            // The closure serializer stores a value that is a module's exports as a require of that module: the
            // resource must get the exports object itself, not a copy.
            assert.strictEqual(p, require(`./shims/${kind.replace(":", "-")}`));
            assert.strictEqual(shimProvider(kind), p);
            for (const m of ["configure", "check", "diff", "create", "read", "update", "delete"] as const) assert.strictEqual(typeof p[m], "function", m);
        });
    }
});
