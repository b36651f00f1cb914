/** scripts/pulumi-cli.js: which Pulumi CLI the tests and the demo get, and what it says when it cannot get one. */
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as crypto from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { REPO } from "./harness";

const SCRIPT = path.join(REPO, "scripts", "pulumi-cli.js");

function fakeBin(dir: string, name: string, body: string) {
    fs.writeFileSync(path.join(dir, name), `#!/bin/sh\n${body}\n`, { mode: 0o755 });
}

function run(pathDirs: string[], cache: string, extraEnv: NodeJS.ProcessEnv = {}) {
    return spawnSync(process.execPath, [SCRIPT], {
        encoding: "utf8",
        env: { PATH: pathDirs.join(path.delimiter), HOME: cache, PULUMI_TELEPHONY_CACHE: cache, ...extraEnv },
    });
}

/** The Go toolchain's folder and caches of this machine (a build must not start from cold caches). */
function goEnv(): { dir: string; env: NodeJS.ProcessEnv } {
    const go = spawnSync("go", ["env", "GOROOT", "GOMODCACHE", "GOCACHE", "GOPATH"], { encoding: "utf8" });
    assert.strictEqual(go.status, 0, "this test needs Go, as building the Pulumi CLI does");
    const [goroot, modcache, cache, gopath] = go.stdout.trim().split("\n");
    return { dir: path.join(goroot, "bin"), env: { GOMODCACHE: modcache, GOCACHE: cache, GOPATH: gopath, ...(process.env.GOPROXY ? { GOPROXY: process.env.GOPROXY } : {}) } };
}

describe("scripts/pulumi-cli.js", () => {
    let tmp: string;
    beforeEach(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-cli-test-"))));
    afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

    it("uses a recent enough pulumi on PATH, with its Node.js plugins", () => {
        const bin = path.join(tmp, "bin");
        fs.mkdirSync(bin);
        fakeBin(bin, "pulumi", 'echo "v3.300.0"');
        fakeBin(bin, "pulumi-language-nodejs", "exit 0");
        fakeBin(bin, "pulumi-resource-pulumi-nodejs", "exit 0");
        const r = run([bin], path.join(tmp, "cache"));
        assert.strictEqual(r.status, 0, r.stderr);
        assert.strictEqual(r.stdout.trim(), bin);
        assert.match(r.stderr, /using pulumi v3\.300\.0 from PATH/);
    });

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

    it("fails naming what to install when pulumi is too old and there is no Go to build one", () => {
        const bin = path.join(tmp, "bin");
        fs.mkdirSync(bin);
        fakeBin(bin, "pulumi", 'echo "v3.100.0"');
        const r = run([bin], path.join(tmp, "cache"));
        assert.strictEqual(r.status, 1);
        assert.match(r.stderr, /pulumi on PATH is v3\.100\.0; need >= 3\.226\.0/);
        assert.match(r.stderr, /No Pulumi CLI >= 3\.226\.0 on PATH and no Go toolchain to build one\. Install the Pulumi CLI .* or Go >= 1\.24/);
    });

    it("fails naming what to install when neither pulumi nor Go is on PATH", () => {
        const r = run([path.join(tmp, "empty")], path.join(tmp, "cache"));
        assert.strictEqual(r.status, 1);
        assert.match(r.stderr, /Install the Pulumi CLI .* or Go >= 1\.24/);
        assert.strictEqual(r.stdout, "");
    });
});
