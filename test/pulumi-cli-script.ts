/** Runs scripts/pulumi-cli.js as a fresh machine would (PATH, cache and Go environment given), for its tests. */
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { REPO } from "./harness";

const SCRIPT = path.join(REPO, "scripts", "pulumi-cli.js");

export function fakeBin(dir: string, name: string, body: string) {
    fs.writeFileSync(path.join(dir, name), `#!/bin/sh\n${body}\n`, { mode: 0o755 });
}

export function runScript(pathDirs: string[], cache: string, extraEnv: NodeJS.ProcessEnv = {}) {
    return spawnSync(process.execPath, [SCRIPT], {
        encoding: "utf8",
        env: { PATH: pathDirs.join(path.delimiter), HOME: cache, PULUMI_TELEPHONY_CACHE: cache, ...extraEnv },
    });
}

/** The Go toolchain's folder and caches of this machine (a build must not start from cold caches). */
export function goEnv(): { dir: string; env: NodeJS.ProcessEnv } {
    const go = spawnSync("go", ["env", "GOROOT", "GOMODCACHE", "GOCACHE", "GOPATH"], { encoding: "utf8" });
    assert.strictEqual(go.status, 0, "this test needs Go, as building the Pulumi CLI does");
    const [goroot, modcache, cache, gopath] = go.stdout.trim().split("\n");
    return { dir: path.join(goroot, "bin"), env: { GOMODCACHE: modcache, GOCACHE: cache, GOPATH: gopath, ...(process.env.GOPROXY ? { GOPROXY: process.env.GOPROXY } : {}) } };
}
