/**
 * SDKs of the provider plugin for other languages, generated from its schema by `scripts/gen-sdk.js` with Pulumi's
 * own code generators, and proven: the Go SDK (and a program using it, the README's) builds against the Go SDK
 * module at the engine's version; the Python package and the README's program pass `python3 -m py_compile`, and the
 * program's keywords are the generated class's parameters. Slow on a cold machine (Go builds), hence the e2e tier.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { REPO } from "./harness";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { generateSdks } = require(path.join(REPO, "scripts", "gen-sdk.js"));

describe("SDKs for other languages, generated from the plugin's schema", function () {
    this.timeout(900_000);
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "telephony-sdk-"));
    after(() => fs.rmSync(out, { recursive: true, force: true }));

    it("scripts/gen-sdk.js --check: the Go SDK builds with a program using it, the Python one compiles and fits its example", () => {
        const r = generateSdks({ out, check: true });
        process.stdout.write(`      SDK generation and checks (s): ${JSON.stringify(r.timings)}\n`);
        const go = (f: string) => fs.readFileSync(path.join(out, "go", "telephony", f), "utf8");
        for (const f of ["opentact/sipUser.go", "smartflo/user.go", "ippanel/numberAssignment.go", "chime/userNumber.go", "verigator/user.go", "provider.go"]) {
            assert.ok(fs.existsSync(path.join(out, "go", "telephony", f)), `go/telephony/${f}`);
        }
        // The schema's secrets reach the SDKs: a password is made secret before it leaves the program.
        assert.match(go("opentact/sipUser.go"), /args\.Password = pulumi\.ToSecret\(args\.Password\)/);
        assert.match(go("opentact/sipUser.go"), /AdditionalSecretOutputs\(\[\]string\{\s*"ha1",\s*"ha1b",\s*"password",?\s*\}\)/);
        assert.match(fs.readFileSync(path.join(out, "go", "go.mod"), "utf8"), new RegExp(`github.com/pulumi/pulumi/sdk/v3 v${r.version.replace(/\./g, "\\.")}\\n`));
        const py = fs.readFileSync(path.join(out, "python", "pulumi_telephony", "smartflo", "user.py"), "utf8");
        assert.match(py, /class User\(pulumi\.CustomResource\)/);
        assert.match(py, /additional_secret_outputs=\["password"\]/);
        assert.match(fs.readFileSync(path.join(out, "python", "setup.py"), "utf8"), /name='pulumi_telephony'/);
    });
});
