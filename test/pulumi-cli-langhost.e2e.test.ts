/**
 * scripts/pulumi-cli.js building the stand-in Node.js language host beside a cached engine. It compiles Go against the
 * machine's build cache, so it runs in the engine tier, after the engine is provided: there the packages it shares with
 * the engine come warm (in the unit tier of a cold run it compiled them again beside the engine build, 123 s).
 */
import * as assert from "assert";
import * as crypto from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { REPO } from "./harness";
import { fakeBin, goEnv, runScript as run } from "./pulumi-cli-script";

describe("scripts/pulumi-cli.js, building the language host", () => {
    let tmp: string;
    beforeEach(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-cli-test-"))));
    afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

    it("a cached engine gets the language host of this main.go, built alone into a folder named by its hash, then reused", function () {
        this.timeout(600_000);
        const cache = path.join(tmp, "cache");
        const engineDir = path.join(cache, "pulumi-v3.260.0", "bin");
        fs.mkdirSync(engineDir, { recursive: true });
        // The engine takes minutes to build: it must be reused as it is (a stand-in that reports its version).
        fakeBin(engineDir, "pulumi", 'echo "v3.260.0"');
        const lock = JSON.parse(fs.readFileSync(path.join(REPO, "package-lock.json"), "utf8"));
        fs.writeFileSync(path.join(cache, `for-sdk-v${lock.packages["node_modules/@pulumi/pulumi"].version}`), "3.260.0\n");
        const hash = crypto.createHash("sha256").update(fs.readFileSync(path.join(REPO, "scripts", "langhost", "main.go"))).digest("hex").slice(0, 12);
        const go = goEnv();
        const dirs = [go.dir, path.dirname(process.execPath)];

        const first = run(dirs, cache, go.env);
        assert.strictEqual(first.status, 0, first.stderr);
        const binDir = path.join(cache, `pulumi-v3.260.0-langhost-${hash}`, "bin");
        assert.strictEqual(first.stdout.trim(), binDir);
        assert.match(first.stderr, /building the Node\.js language host from scripts\/langhost\/main\.go/);
        assert.doesNotMatch(first.stderr, /building Pulumi CLI/);
        assert.deepStrictEqual(fs.readdirSync(binDir).sort(), ["pulumi", "pulumi-language-nodejs", "pulumi-resource-pulumi-nodejs"]);
        assert.strictEqual(fs.statSync(path.join(binDir, "pulumi")).ino, fs.statSync(path.join(engineDir, "pulumi")).ino, "the engine is linked, not rebuilt");
        assert.deepStrictEqual(fs.readdirSync(engineDir), ["pulumi"], "the engine's folder is left as it was");

        const second = run(dirs, cache, go.env);
        assert.strictEqual(second.status, 0, second.stderr);
        assert.strictEqual(second.stdout.trim(), binDir);
        assert.match(second.stderr, new RegExp(`using cached pulumi v3\\.260\\.0 with language host pulumi-v3\\.260\\.0-langhost-${hash}`));
        assert.doesNotMatch(second.stderr, /building/);
    });
});
