import * as assert from "assert";
import * as fs from "fs";
import { DOCS_FILE, pluginDocs, renderDocs } from "./plugin-docs";

describe("the provider plugin's schema text matches the typings' TSDoc", function () {
    this.timeout(120_000);
    it("provider/plugin/docs.ts is what the typings generate (regenerate: node dist/test/plugin-docs.js --write)", () => {
        const docs = pluginDocs();
        assert.strictEqual(fs.readFileSync(DOCS_FILE, "utf8"), renderDocs(docs));
        // What it carries: a class's own TSDoc, an input's, a computed output's with its TypeScript type.
        assert.match(docs["opentact:SipUser"].resource, /^An OpenTact SIP user/);
        assert.match(docs["opentact:SipUser"].inputs.password.doc, /write-only at OpenTact/);
        assert.deepStrictEqual(docs["chime:ChimeUserNumber"].outputs.primaryEmail, { doc: "The user's primary email, as GetUser shows it (null when Chime shows none).", type: "string | null" });
    });
});
