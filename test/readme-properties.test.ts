import * as assert from "assert";
import * as fs from "fs";
import { inputsOf } from "../provider/core/attributes";
import { typeNameOf } from "../provider/core/descriptor";
import { RESOURCES } from "../provider/registry";
import { README, propertyTables, readmeTables } from "./readme-properties";

describe("README property tables match the resources' schemas", function () {
    this.timeout(120_000);
    const generated = propertyTables();
    const inReadme = readmeTables(fs.readFileSync(README, "utf8"));

    for (const d of RESOURCES) {
        it(`${typeNameOf(d.kind)}: every schema field has a row and every row is a schema field, with its TSDoc`, () => {
            const readme = inReadme.get(d.kind);
            assert.ok(readme !== undefined, `README.md has no property table for ${d.kind}`);
            const rows = (t: string) => t.split("\n").slice(2).map((r) => r.split(" | ")[0].replace(/^\| `|`$/g, ""));
            const fields = inputsOf(d.attributes);
            assert.deepStrictEqual(rows(readme), fields, "README rows against schema fields (regenerate: node dist/test/readme-properties.js --write)");
            assert.strictEqual(readme, generated.get(d.kind), "README table against the schema and its TSDoc (regenerate: node dist/test/readme-properties.js --write)");
        });
    }
});
