#!/usr/bin/env node
// Provides Pulumi's YAML language host (`pulumi-language-yaml`) for the provider plugin's end-to-end tests, built
// from Go modules like the CLI (scripts/pulumi-cli.js) and cached beside it:
//
//   1. `pulumi-language-yaml` on PATH, if there is one (a released Pulumi CLI ships it);
//   2. otherwise `go install github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml@YAML_VERSION` into
//      `<cache>/pulumi-language-yaml-vX/bin/` (reused afterwards).
//
// The host is built at its own module's requirements (pulumi pkg/sdk v3.206.0 for v1.25.0): it does not compile
// against the engine's v3.260.0 (its plugin loader calls changed), so only the third-party modules the two share
// come warm from the engine build's module and build caches. It is built with the engine's flags (`-trimpath`,
// CGO off, the same tags) so that those packages are the same cache entries.
//
// Usage: `node scripts/yaml-host.js` prints progress on stderr and the bin folder on stdout.
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const { cacheRoot, onPath, tagged, goEnv, GO_FLAGS } = require("./build-env");

/** The YAML language host the tests run: the newest the Go module proxy serves here. */
const YAML_VERSION = "1.25.0";

const { log, run } = tagged("yaml-host");

/**
 * Returns the folder holding `pulumi-language-yaml`, building it when neither PATH nor the cache has one. Set
 * PULUMI_TELEPHONY_FORCE_BUILD=1 to ignore PATH.
 */
function ensureYamlHost() {
    const fromPath = process.env.PULUMI_TELEPHONY_FORCE_BUILD ? undefined : onPath("pulumi-language-yaml");
    if (fromPath) {
        log(`using pulumi-language-yaml from PATH (${fromPath})`);
        return path.dirname(fromPath);
    }
    const binDir = path.join(cacheRoot(), `pulumi-language-yaml-v${YAML_VERSION}`, "bin");
    const host = path.join(binDir, "pulumi-language-yaml");
    if (fs.existsSync(host)) return binDir;
    const go = onPath("go");
    if (!go) {
        throw new Error(
            "the plugin's YAML tests need Pulumi's YAML language host: put pulumi-language-yaml on PATH (a Pulumi CLI " +
                "release ships it) or install Go >= 1.24 (https://go.dev/dl/) to build it",
        );
    }
    const t0 = Date.now();
    const tmpBin = `${binDir}.partial-${process.pid}`;
    fs.rmSync(tmpBin, { recursive: true, force: true });
    fs.mkdirSync(tmpBin, { recursive: true });
    log(`building pulumi-language-yaml v${YAML_VERSION} from Go modules into ${binDir} (first time only)`);
    // `go install module@version` builds in the module's own graph: no -mod flag.
    const env = goEnv({ GOFLAGS: "-buildvcs=false", GOBIN: tmpBin });
    try {
        const ldflags = `-X github.com/pulumi/pulumi-yaml/pkg/version.Version=v${YAML_VERSION}`;
        run(go, ["install", ...GO_FLAGS, "-ldflags", ldflags, `github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml@v${YAML_VERSION}`], {
            cwd: os.tmpdir(),
            env,
        });
        fs.mkdirSync(path.dirname(binDir), { recursive: true });
        try {
            fs.renameSync(tmpBin, binDir);
        } catch (e) {
            // Another process built it meanwhile: theirs is as good as ours.
            if (!fs.existsSync(host)) throw e;
        }
    } finally {
        fs.rmSync(tmpBin, { recursive: true, force: true });
    }
    log(`built pulumi-language-yaml in ${Math.round((Date.now() - t0) / 1000)} s`);
    return binDir;
}

module.exports = { ensureYamlHost, YAML_VERSION };

if (require.main === module) {
    try {
        process.stdout.write(`${ensureYamlHost()}\n`);
    } catch (e) {
        log(`error: ${e.message}`);
        process.exit(1);
    }
}
