/** scripts/pulumi-cli.js: which Pulumi CLI the tests and the demo get, and what it says when it cannot get one. */
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { REPO } from "./harness";

const SCRIPT = path.join(REPO, "scripts", "pulumi-cli.js");

function fakeBin(dir: string, name: string, body: string) {
    fs.writeFileSync(path.join(dir, name), `#!/bin/sh\n${body}\n`, { mode: 0o755 });
}

function run(pathDirs: string[], cache: string) {
    return spawnSync(process.execPath, [SCRIPT], {
        encoding: "utf8",
        env: { PATH: pathDirs.join(path.delimiter), HOME: cache, PULUMI_TELEPHONY_CACHE: cache },
    });
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
