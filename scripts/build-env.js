// What the build scripts (pulumi-cli.js, yaml-host.js, gen-sdk.js), the test runner and the tests that build a Go tool
// share, so that each rule lives here once: where the build cache is, how a tool is found on PATH, how a build step is
// run and logged, and the Go environment and flags of every build (the same flags everywhere, so that one build's
// compiled packages are the next build's cache hits).
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const { spawnSync } = require("child_process");

/** The cache outside the repository: PULUMI_TELEPHONY_CACHE, else `pulumi-telephony` under XDG_CACHE_HOME or ~/.cache. */
function cacheRoot() {
    return (
        process.env.PULUMI_TELEPHONY_CACHE ||
        path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache"), "pulumi-telephony")
    );
}

/** The first executable `name` on PATH, or undefined. */
function onPath(name) {
    for (const dir of (process.env.PATH || "").split(path.delimiter)) {
        const p = path.join(dir, name);
        try {
            fs.accessSync(p, fs.constants.X_OK);
            return p;
        } catch {
            /* keep looking */
        }
    }
    return undefined;
}

/**
 * `log` writes `[tag] message` on stderr; `run` logs a command, runs it (stderr passed through), and returns its
 * stdout or throws naming the command and its exit status.
 */
function tagged(tag) {
    const log = (msg) => process.stderr.write(`[${tag}] ${msg}\n`);
    const run = (cmd, args, opts = {}) => {
        log(`$ ${cmd} ${args.join(" ")}`);
        const r = spawnSync(cmd, args, { stdio: ["ignore", "pipe", "inherit"], encoding: "utf8", ...opts });
        if (r.error) throw r.error;
        if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} exited with ${r.status}`);
        return r.stdout;
    };
    return { log, run };
}

/**
 * The environment of every Go build here: the machine's Go (no toolchain download), module graph updated as needed,
 * no VCS stamping (a build outside a checkout), no cgo. `extra` adds or overrides (GOBIN for `go install`).
 */
function goEnv(extra = {}) {
    return { ...process.env, GOTOOLCHAIN: "local", GOFLAGS: "-mod=mod -buildvcs=false", CGO_ENABLED: "0", ...extra };
}

/**
 * `go build` flags of the engine, the language hosts, sdkgen and the Go SDK check: the same flags give the same cache
 * keys, so packages the engine build compiled are reused. -trimpath also keys a replaced module by its path@version.
 */
const GO_FLAGS = ["-trimpath", "-tags", "osusergo,grpcnotrace"];

module.exports = { cacheRoot, onPath, tagged, goEnv, GO_FLAGS };
