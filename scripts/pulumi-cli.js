#!/usr/bin/env node
// Provides a Pulumi CLI for tests and the demo, without downloading anything but registry packages.
//
//   1. `pulumi` on PATH, if it is at least MIN_VERSION;
//   2. otherwise a CLI built from the Go modules at the @pulumi/pulumi version in the lockfile, cached
//      outside the repository (reused on the next run), with the Node.js language host and the
//      `pulumi-resource-pulumi-nodejs` plugin script beside it.
//
// Cache layout (under ~/.cache/pulumi-telephony): `pulumi-vX/bin/pulumi` is the engine, built once per version
// (about 8 minutes). The stand-in language host changes with this repository, so it is keyed by a hash of
// scripts/langhost/main.go: `pulumi-vX-langhost-HASH/bin/` holds a hard link to that engine, the plugin script and
// the language host built from that source (seconds with warm Go caches). A changed main.go gets a new folder;
// folders of other hashes are left alone (other checkouts may be using them).
//
// Not run from `postinstall`: library consumers must never pay for this. `npm test` and `npm run demo`
// call it. Usage: `node scripts/pulumi-cli.js` prints progress on stderr and the bin folder on stdout.
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const { spawnSync } = require("child_process");
const { cacheRoot, onPath, tagged, goEnv, GO_FLAGS } = require("./build-env");

/** Oldest CLI we accept from PATH: exit code 7 for `--expect-no-changes` arrived in 3.226. */
const MIN_VERSION = "3.226.0";

const { log, run } = tagged("pulumi-cli");

function cmp(a, b) {
    const pa = a.split(".").map(Number);
    const pb = b.split(".").map(Number);
    for (let i = 0; i < 3; i++) if ((pa[i] || 0) !== (pb[i] || 0)) return (pa[i] || 0) - (pb[i] || 0);
    return 0;
}

/** The @pulumi/pulumi version the lockfile pins (what the CLI is built at). */
function sdkVersion(root) {
    if (process.env.PULUMI_TELEPHONY_PULUMI_VERSION) return process.env.PULUMI_TELEPHONY_PULUMI_VERSION;
    const lock = JSON.parse(fs.readFileSync(path.join(root, "package-lock.json"), "utf8"));
    const entry = lock.packages && lock.packages["node_modules/@pulumi/pulumi"];
    if (!entry) throw new Error("package-lock.json has no node_modules/@pulumi/pulumi entry: run `npm ci` first");
    return entry.version;
}

function versionOf(bin) {
    const r = spawnSync(bin, ["version"], { encoding: "utf8", env: { ...process.env, PULUMI_SKIP_UPDATE_CHECK: "true" } });
    if (r.status !== 0) return undefined;
    const m = /v?(\d+\.\d+\.\d+)/.exec(r.stdout);
    return m ? m[1] : undefined;
}

// The release ships this 4-line script; without it the engine tries to download a `pulumi-nodejs` plugin.
// It resolves the dynamic-provider entry point from the program's folder, so it uses the program's SDK.
const DYNAMIC_PLUGIN = `#!/bin/sh
exec node "$(node -p "require.resolve('@pulumi/pulumi/cmd/dynamic-provider')")" "$@"
`;

/**
 * The Go module proxy may not serve every release of pkg/v3 (here it stops at v3.260.0 while npm has
 * later SDKs). Probe downward from the wanted version, one minor at a time, to the newest it serves.
 */
function newestBuildable(go, wanted, env, cwd) {
    const [maj, min] = wanted.split(".").map(Number);
    const candidates = [wanted];
    for (let m = min - 1; m >= 216; m--) candidates.push(`${maj}.${m}.0`);
    for (const v of candidates) {
        const r = spawnSync(go, ["mod", "download", "-json", `github.com/pulumi/pulumi/pkg/v3@v${v}`], { cwd, env, encoding: "utf8" });
        if (r.status === 0 && !JSON.parse(r.stdout).Error) return { version: v };
    }
    throw new Error(`the Go module proxy serves no github.com/pulumi/pulumi/pkg/v3 between v3.216.0 and v${wanted}`);
}

/** The package of `pulumi cloud api` (an OpenAPI client of Pulumi Cloud) and the module it parses OpenAPI with. */
const CLOUD_API_PACKAGE = "cmd/pulumi/cloud";
const OPENAPI_IMPORT = /^\s*(\w+\s+)?"github\.com\/pb33f\/libopenapi[^"]*"\s*$/;

/**
 * Prepares the CLI's build without `pulumi cloud api`'s OpenAPI parser: the Pulumi Cloud API explorer, which nothing
 * here runs (the tests and the demo use the file backend), but whose parser, github.com/pb33f/libopenapi, is a
 * quarter of a cold build's CPU time (154 of 654 s, measured with -debug-actiongraph on 2 cores, and 18 s more for the
 * package itself). The wrapper module replaces pkg/v3 with a copy of the downloaded module in which the package's
 * two files that use the parser are themselves minus every declaration naming it (the types and lookups the rest of
 * the package uses stay) plus a parseIndex that says what is missing; `pulumi cloud api` then fails with that
 * message. (`go build -overlay` cannot do it: it refuses files in the module cache.) With -trimpath the copy's packages
 * are the module's own in the Go build cache (same module path and version), so later builds against pkg/v3 reuse
 * them. Nothing is copied from Pulumi's source into this repository: the change is derived from the download.
 * Returns true when the wrapper module now builds the trimmed copy; false (a full build) when the files are not as
 * expected.
 */
function trimCloudApi(go, work, version, env) {
    const modcache = run(go, ["env", "GOMODCACHE"], { cwd: work, env }).trim();
    const source = path.join(modcache, "github.com", "pulumi", "pulumi", "pkg", `v3@v${version}`);
    const trimmed = {};
    for (const name of ["spec.go", "schema.go"]) {
        const file = path.join(source, CLOUD_API_PACKAGE, name);
        if (!fs.existsSync(file)) return false;
        const text = withoutOpenApi(fs.readFileSync(file, "utf8"), name === "spec.go" ? PARSE_INDEX_STUB : "");
        if (!text) return false;
        trimmed[name] = text;
    }
    const copy = path.join(work, "pkg");
    fs.cpSync(source, copy, { recursive: true });
    // The module cache's folders are read-only: make the copy's writable, to edit it and remove it afterwards.
    const writable = (dir) => {
        fs.chmodSync(dir, 0o755);
        for (const e of fs.readdirSync(dir, { withFileTypes: true })) if (e.isDirectory()) writable(path.join(dir, e.name));
    };
    writable(copy);
    for (const [name, text] of Object.entries(trimmed)) {
        const file = path.join(copy, CLOUD_API_PACKAGE, name);
        fs.rmSync(file, { force: true }); // module cache files are read-only
        fs.writeFileSync(file, text);
    }
    run(go, ["mod", "edit", `-replace=github.com/pulumi/pulumi/pkg/v3=./pkg`], { cwd: work, env });
    log(`building without pulumi cloud api's OpenAPI parser (github.com/pb33f/libopenapi): see trimCloudApi() in scripts/pulumi-cli.js`);
    return true;
}

const PARSE_INDEX_STUB = `// parseIndex: this CLI was built by pulumi-telephony's scripts/pulumi-cli.js without the OpenAPI parser.
func parseIndex(data []byte) (*Index, error) {
	return nil, fmt.Errorf("pulumi cloud api is not in this build (pulumi-telephony's test engine); use a released Pulumi CLI")
}
`;

/**
 * A Go file without its declarations that name an OpenAPI import, with `extra` declarations added and the imports
 * left unused removed; undefined when the file is not laid out as expected. Top-level declarations start at column 0
 * (gofmt); a declaration's doc comment goes with it.
 */
function withoutOpenApi(src, extra) {
    const lines = src.split("\n");
    const importStart = lines.findIndex((l) => l === "import (");
    const importEnd = lines.indexOf(")", importStart);
    if (importStart < 0 || importEnd < 0) return undefined;
    const imports = lines.slice(importStart + 1, importEnd);
    const nameOf = (l) => {
        const m = /^\s*(?:(\w+)\s+)?"([^"]+)"/.exec(l);
        if (!m) return undefined;
        if (m[1]) return m[1];
        const parts = m[2].split("/");
        const last = parts[parts.length - 1];
        return /^v\d+$/.test(last) ? parts[parts.length - 2] : last.replace(/^go-/, "").replace(/-/g, "");
    };
    const openApiNames = imports.filter((l) => OPENAPI_IMPORT.test(l)).map(nameOf);
    if (openApiNames.length === 0) return undefined;
    // Declarations: from a line at column 0 starting one (its doc comment lines before it) to the next.
    const body = lines.slice(importEnd + 1);
    const decls = [];
    let current = [];
    for (const line of body) {
        if (/^(func|type|var|const)\b/.test(line)) {
            let i = current.length;
            while (i > 0 && current[i - 1].startsWith("//")) i--;
            decls.push(current.slice(0, i));
            current = current.slice(i);
        }
        current.push(line);
    }
    decls.push(current);
    const uses = (text, name) => new RegExp(`\\b${name}\\.`).test(text);
    const kept = decls.filter((d) => !openApiNames.some((n) => uses(d.join("\n"), n)));
    const rest = `${kept.flat().join("\n")}\n${extra}`;
    const keptImports = imports.filter((l) => {
        const n = nameOf(l);
        return n === undefined || n === "_" || (!openApiNames.includes(n) && uses(rest, n));
    });
    return [...lines.slice(0, importStart + 1), ...keptImports, ")", rest].join("\n");
}

function build(wanted, cacheDir) {
    const go = onPath("go");
    if (!go) {
        throw new Error(
            `No Pulumi CLI >= ${MIN_VERSION} on PATH and no Go toolchain to build one. ` +
                `Install the Pulumi CLI (https://www.pulumi.com/docs/install/) or Go >= 1.24 (https://go.dev/dl/), then run again.`,
        );
    }
    const work = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-build-"));
    const env = goEnv();
    const t0 = Date.now();
    run(go, ["mod", "init", "pulumibuild"], { cwd: work, env });
    const { version } = newestBuildable(go, wanted, env, work);
    if (version !== wanted) {
        log(`WARNING: the Go module proxy does not serve pulumi pkg/v3@v${wanted}; building v${version}, ` +
            `the newest it serves (a CLI older than the SDK is a supported combination)`);
    }
    const binDir = path.join(cacheDir, `pulumi-v${version}`, "bin");
    log(`building Pulumi CLI v${version} from Go modules into ${binDir} (first time only; takes several minutes)`);
    // pkg/go.mod has a local replace (sdk/v3 => ../sdk), so `go install pkg@v` fails; a wrapper module that
    // requires both at the same version builds it.
    run(go, ["get", `github.com/pulumi/pulumi/pkg/v3@v${version}`, `github.com/pulumi/pulumi/sdk/v3@v${version}`], { cwd: work, env });
    const t1 = Date.now();
    log(`module graph and downloads: ${Math.round((t1 - t0) / 1000)} s`);
    const tmpBin = `${binDir}.partial`;
    fs.rmSync(tmpBin, { recursive: true, force: true });
    fs.mkdirSync(tmpBin, { recursive: true });
    // Where a cold build's time goes (measured on 2 cores): compiling the ~3,400 packages is nearly all of it;
    // fetching modules takes about 20 s and the link 10-30 s. -s -w leave out the symbol table and DWARF, which
    // nothing here reads (a panic's trace comes from pclntab, which stays): the link takes about a third of the
    // time and the binary is 116 MB instead of 162 MB. The biggest compile costs (pb33f/libopenapi for
    // `pulumi cloud api`, the cloud SDKs behind the file backend's gocloud blob drivers) are imported by the CLI's own
    // command tree, which offers no build tag to leave them out; trimCloudApi() leaves out the first.
    const ldflags = `-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v${version}`;
    const trimmed = trimCloudApi(go, work, version, env);
    const flags = [...GO_FLAGS, "-ldflags", ldflags];
    try {
        run(go, ["build", ...flags, "-o", path.join(tmpBin, "pulumi"), "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"], { cwd: work, env });
    } catch (e) {
        if (!trimmed) throw e;
        // The trimmed files do not compile at this version: the whole CLI, as released.
        log(`the build without pulumi cloud api's parser failed (${e.message}); building the whole CLI`);
        run(go, ["mod", "edit", "-dropreplace=github.com/pulumi/pulumi/pkg/v3"], { cwd: work, env });
        run(go, ["build", ...flags, "-o", path.join(tmpBin, "pulumi"), "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"], { cwd: work, env });
    }
    log(`compile and link: ${Math.round((Date.now() - t1) / 1000)} s`);
    fs.writeFileSync(path.join(tmpBin, "pulumi-resource-pulumi-nodejs"), DYNAMIC_PLUGIN, { mode: 0o755 });
    fs.rmSync(binDir, { recursive: true, force: true });
    fs.renameSync(tmpBin, binDir);
    fs.rmSync(work, { recursive: true, force: true });
    fs.writeFileSync(path.join(cacheDir, `for-sdk-v${wanted}`), `${version}\n`);
    log(`built Pulumi CLI v${version} in ${Math.round((Date.now() - t0) / 1000)} s`);
    return binDir;
}

/** The first 12 hex digits of the SHA-256 of the stand-in language host's source: its cache key. */
function langhostHash() {
    const src = fs.readFileSync(path.join(__dirname, "langhost", "main.go"));
    return require("crypto").createHash("sha256").update(src).digest("hex").slice(0, 12);
}

/**
 * The folder with the engine of `engineDir` and the stand-in language host built from the current
 * scripts/langhost/main.go, building only the language host when this source has not been built yet.
 */
function withLanghost(engineDir, version, cacheDir) {
    const binDir = path.join(cacheDir, `pulumi-v${version}-langhost-${langhostHash()}`, "bin");
    const host = path.join(binDir, "pulumi-language-nodejs");
    if (fs.existsSync(host) && fs.existsSync(path.join(binDir, "pulumi"))) {
        log(`using cached pulumi v${version} with language host ${path.basename(path.dirname(binDir))}`);
        return binDir;
    }
    const go = onPath("go");
    if (!go) throw new Error(`building the stand-in Node.js language host needs Go >= 1.24 (https://go.dev/dl/), or a Pulumi CLI >= ${MIN_VERSION} with its Node.js plugins on PATH`);
    const t0 = Date.now();
    log(`building the Node.js language host from scripts/langhost/main.go into ${binDir}`);
    const work = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-langhost-"));
    const env = goEnv();
    const tmpBin = `${binDir}.partial-${process.pid}`;
    try {
        run(go, ["mod", "init", "pulumilanghost"], { cwd: work, env });
        // The real Node.js language host module is refused by the proxy at every commit (see langhost/main.go):
        // build the project's stand-in against the engine's own sdk/v3, in the engine's module graph (pkg/v3 required
        // too, so grpc, protobuf and the rest are the versions the engine was compiled with) and with its flags: every
        // package it needs is then in the Go build cache (2 s after a cold engine build; 34 s at sdk/v3's own minimums).
        run(go, ["get", `github.com/pulumi/pulumi/pkg/v3@v${version}`, `github.com/pulumi/pulumi/sdk/v3@v${version}`], { cwd: work, env });
        fs.mkdirSync(path.join(work, "langhost"));
        fs.copyFileSync(path.join(__dirname, "langhost", "main.go"), path.join(work, "langhost", "main.go"));
        fs.rmSync(tmpBin, { recursive: true, force: true });
        fs.mkdirSync(tmpBin, { recursive: true });
        run(go, ["build", ...GO_FLAGS, "-ldflags", `-s -w -X main.version=${version}`, "-o", path.join(tmpBin, "pulumi-language-nodejs"), "./langhost"], { cwd: work, env });
        // A hard link, not a symlink: the engine looks for plugins beside its own resolved executable.
        try {
            fs.linkSync(path.join(engineDir, "pulumi"), path.join(tmpBin, "pulumi"));
        } catch {
            fs.copyFileSync(path.join(engineDir, "pulumi"), path.join(tmpBin, "pulumi"));
            fs.chmodSync(path.join(tmpBin, "pulumi"), 0o755);
        }
        fs.writeFileSync(path.join(tmpBin, "pulumi-resource-pulumi-nodejs"), DYNAMIC_PLUGIN, { mode: 0o755 });
        fs.mkdirSync(path.dirname(binDir), { recursive: true });
        try {
            fs.renameSync(tmpBin, binDir);
        } catch (e) {
            // Another process built the same source meanwhile: theirs is as good as ours.
            if (!fs.existsSync(host)) throw e;
            fs.rmSync(tmpBin, { recursive: true, force: true });
        }
    } finally {
        fs.rmSync(work, { recursive: true, force: true });
    }
    log(`built the language host in ${Math.round((Date.now() - t0) / 1000)} s`);
    return binDir;
}

/**
 * Returns the folder holding `pulumi`, `pulumi-language-nodejs` and `pulumi-resource-pulumi-nodejs`,
 * building them if needed. Set PULUMI_TELEPHONY_FORCE_BUILD=1 to ignore `pulumi` on PATH.
 */
function ensurePulumiCli(root = path.resolve(__dirname, "..")) {
    const version = sdkVersion(root);
    const fromPath = process.env.PULUMI_TELEPHONY_FORCE_BUILD ? undefined : onPath("pulumi");
    if (fromPath) {
        const v = versionOf(fromPath);
        if (v && cmp(v, MIN_VERSION) >= 0 && onPath("pulumi-language-nodejs") && onPath("pulumi-resource-pulumi-nodejs")) {
            log(`using pulumi v${v} from PATH (${fromPath})`);
            return path.dirname(fromPath);
        }
        log(`pulumi on PATH is ${v ? `v${v}` : "unusable"}; need >= ${MIN_VERSION} with its Node.js plugins: building one`);
    }
    const cacheDir = cacheRoot();
    // Which CLI version was built for this SDK version (they differ when the proxy lacks the release).
    const marker = path.join(cacheDir, `for-sdk-v${version}`);
    const built = fs.existsSync(marker) ? fs.readFileSync(marker, "utf8").trim() : undefined;
    if (built) {
        const binDir = path.join(cacheDir, `pulumi-v${built}`, "bin");
        const cached = path.join(binDir, "pulumi");
        if (fs.existsSync(cached) && versionOf(cached) === built) return withLanghost(binDir, built, cacheDir);
    }
    fs.mkdirSync(cacheDir, { recursive: true });
    const binDir = build(version, cacheDir);
    const v = versionOf(path.join(binDir, "pulumi"));
    if (!v) throw new Error(`the built pulumi in ${binDir} does not report a version`);
    return withLanghost(binDir, v, cacheDir);
}

module.exports = { ensurePulumiCli, MIN_VERSION, withoutOpenApi };

if (require.main === module) {
    try {
        process.stdout.write(`${ensurePulumiCli()}\n`);
    } catch (e) {
        log(`error: ${e.message}`);
        process.exit(1);
    }
}
