#!/usr/bin/env node
// Generates the provider plugin's SDKs for other languages from its schema, and with --check proves them:
//
//   node scripts/gen-sdk.js [--out DIR] [--languages go,python] [--go-import-base PATH] [--check]
//
// (after `npm run build`). The schema is the plugin's own (`packageSchema()`, what `pulumi package get-schema`
// prints); the generators are Pulumi's (`github.com/pulumi/pulumi/pkg/v3/codegen/{go,python}`), called by
// scripts/sdkgen/main.go, which is built once into the cache beside the Pulumi CLI (keyed by a hash of its source and
// the engine's version, like the language host) against the engine's own pkg/sdk version, so a machine that built the
// CLI has most of it compiled already. Output, per language, in DIR/<language> (default ./sdk):
//   go/      the Go module `<import base minus /telephony>` (default pulumi-telephony/sdk/go), with a go.mod that
//            requires github.com/pulumi/pulumi/sdk/v3 at the engine's version. --check: `go build ./...` (in the
//            engine's module graph, see below).
//   python/  the `pulumi_telephony` package (setup.py). --check: `python3 -m py_compile` of every file (its runtime
//            dependencies, `pulumi` among them, come from PyPI).
"use strict";
const crypto = require("crypto");
const fs = require("fs");
const os = require("os");
const path = require("path");
const { parseArgs } = require("util");
const { ensurePulumiCli } = require("./pulumi-cli");
const { cacheRoot, tagged, goEnv, GO_FLAGS } = require("./build-env");

const ROOT = path.resolve(__dirname, "..");

const { log, run } = tagged("gen-sdk");

/** The version of the Pulumi engine the project runs (built or on PATH): sdkgen and the Go SDK use its modules. */
function engineVersion() {
    const bin = path.join(ensurePulumiCli(ROOT), "pulumi");
    const out = run(bin, ["version"], { env: { ...process.env, PULUMI_SKIP_UPDATE_CHECK: "true" } });
    const m = /v?(\d+\.\d+\.\d+)/.exec(out);
    if (!m) throw new Error(`${bin} version printed no version: ${out}`);
    return m[1];
}

/** The sdkgen binary for this source and engine version, built into the cache when missing. */
function ensureSdkgen(version) {
    const source = path.join(__dirname, "sdkgen", "main.go");
    const hash = crypto.createHash("sha256").update(fs.readFileSync(source)).digest("hex").slice(0, 12);
    const binDir = path.join(cacheRoot(), `sdkgen-v${version}-${hash}`, "bin");
    const bin = path.join(binDir, "sdkgen");
    if (fs.existsSync(bin)) return bin;
    const t0 = Date.now();
    const work = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-sdkgen-"));
    const tmpBin = `${binDir}.partial-${process.pid}`;
    try {
        run("go", ["mod", "init", "pulumitelephonysdkgen"], { cwd: work, env: goEnv() });
        run("go", ["get", `github.com/pulumi/pulumi/pkg/v3@v${version}`, `github.com/pulumi/pulumi/sdk/v3@v${version}`], { cwd: work, env: goEnv() });
        fs.mkdirSync(path.join(work, "sdkgen"));
        fs.copyFileSync(source, path.join(work, "sdkgen", "main.go"));
        fs.mkdirSync(tmpBin, { recursive: true });
        run("go", ["build", ...GO_FLAGS, "-o", path.join(tmpBin, "sdkgen"), "./sdkgen"], { cwd: work, env: goEnv() });
        fs.mkdirSync(path.dirname(binDir), { recursive: true });
        try {
            fs.renameSync(tmpBin, binDir);
        } catch (e) {
            if (!fs.existsSync(bin)) throw e; // another process built the same source meanwhile
        }
    } finally {
        fs.rmSync(work, { recursive: true, force: true });
        fs.rmSync(tmpBin, { recursive: true, force: true });
    }
    log(`built sdkgen in ${Math.round((Date.now() - t0) / 1000)} s`);
    return bin;
}

/** A Go program using the Go SDK, as the README shows it: `--check` builds it with the SDK. */
function goExample(importBase) {
    return `package main

import (
\t"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
\t"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"

\t"${importBase}/opentact"
)

func main() {
\tpulumi.Run(func(ctx *pulumi.Context) error {
\t\tcfg := config.New(ctx, "")
\t\talice, err := opentact.NewSipUser(ctx, "alice", &opentact.SipUserArgs{
\t\t\tSipConnectionUuid: pulumi.String("66eb0a8a-571e-41b1-8f50-4d97275cfab7"),
\t\t\tLogin:             pulumi.String("alice.sip"),
\t\t\tPassword:          cfg.RequireSecret("alicePassword"),
\t\t\tFirstName:         pulumi.String("Alice"),
\t\t})
\t\tif err != nil {
\t\t\treturn err
\t\t}
\t\tctx.Export("aliceUuid", alice.Uuid)
\t\treturn nil
\t})
}
`;
}

/** A Python program using the Python SDK, as the README shows it: `--check` compiles it with the SDK. */
const PYTHON_EXAMPLE = `import pulumi
import pulumi_telephony as telephony

config = pulumi.Config()
alice = telephony.opentact.SipUser(
    "alice",
    sip_connection_uuid="66eb0a8a-571e-41b1-8f50-4d97275cfab7",
    login="alice.sip",
    password=config.require_secret("alicePassword"),
    first_name="Alice",
)
pulumi.export("aliceUuid", alice.uuid)
`;

/**
 * Without the `pulumi` package (PyPI) the example cannot run; this checks what can be: every keyword it passes to a
 * resource is a parameter of that class's constructor in the generated SDK, and every output it reads is a property.
 */
const PYTHON_EXAMPLE_CHECK = `
import ast, sys
example, module = sys.argv[1], sys.argv[2]
tree = ast.parse(open(module).read())
cls = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "SipUser")
params = {a.arg for f in cls.body if isinstance(f, ast.FunctionDef) and f.name == "__init__" for a in f.args.args + f.args.kwonlyargs}
props = {f.name for f in cls.body if isinstance(f, ast.FunctionDef)}
call = next(n for n in ast.walk(ast.parse(open(example).read())) if isinstance(n, ast.Call) and getattr(n.func, "attr", "") == "SipUser")
unknown = [k.arg for k in call.keywords if k.arg not in params]
if unknown or "uuid" not in props:
    sys.exit("the example does not fit the generated SipUser: unknown keywords %s, uuid output %s" % (unknown, "uuid" in props))
`;

function files(dir, ext) {
    const out = [];
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, entry.name);
        if (entry.isDirectory()) out.push(...files(p, ext));
        else if (p.endsWith(ext)) out.push(p);
    }
    return out.sort();
}

/**
 * Generates (and with `check` proves) the SDKs; returns what it did, with the seconds each step took.
 * `goImportBase`: the Go SDK's import path, its module path plus `/telephony`.
 */
function generateSdks({ out = path.join(ROOT, "sdk"), languages = ["go", "python"], goImportBase = "pulumi-telephony/sdk/go/telephony", check = false } = {}) {
    const timings = {};
    const time = (what, fn) => {
        const t0 = Date.now();
        const r = fn();
        timings[what] = (Date.now() - t0) / 1000;
        return r;
    };
    const version = engineVersion();
    const sdkgen = time("sdkgen build", () => ensureSdkgen(version));
    fs.rmSync(out, { recursive: true, force: true });
    fs.mkdirSync(out, { recursive: true });
    // The built package's schema: what the plugin serves.
    const { packageSchema } = require(path.join(ROOT, "dist", "provider", "plugin", "schema.js"));
    const schemaFile = path.join(out, "schema.json");
    fs.writeFileSync(schemaFile, `${JSON.stringify(packageSchema(), null, 2)}\n`);
    time("generate", () => run(sdkgen, ["-schema", schemaFile, "-out", out, "-go-import-base", goImportBase, "-languages", languages.join(",")]));
    if (languages.includes("go")) {
        const goDir = path.join(out, "go");
        const module = path.posix.dirname(goImportBase);
        fs.writeFileSync(path.join(goDir, "go.mod"), `module ${module}\n\ngo 1.24\n\nrequire github.com/pulumi/pulumi/sdk/v3 v${version}\n`);
        if (check) {
            fs.mkdirSync(path.join(goDir, "example"));
            fs.writeFileSync(path.join(goDir, "example", "main.go"), goExample(goImportBase));
            // Built as a program of the engine's module graph would build it: a side go.mod (-modfile; the SDK's own
            // go.mod is left as generated) that also requires pkg/v3 at the engine's version, so grpc, protobuf and
            // the rest resolve to the versions the engine was compiled with and come from the Go build cache (on a
            // cold machine this build took 97 s at the SDK's own, older minimums, compiling them all again).
            const sideModule = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-telephony-sdk-check-"));
            try {
                const modfile = path.join(sideModule, "go.mod");
                fs.writeFileSync(modfile, `${fs.readFileSync(path.join(goDir, "go.mod"), "utf8")}require github.com/pulumi/pulumi/pkg/v3 v${version}\n`);
                time("go build", () => run("go", ["build", ...GO_FLAGS, `-modfile=${modfile}`, "./..."], { cwd: goDir, env: goEnv() }));
            } finally {
                fs.rmSync(sideModule, { recursive: true, force: true });
            }
        }
    }
    if (languages.includes("python") && check) {
        fs.writeFileSync(path.join(out, "python", "example.py"), PYTHON_EXAMPLE);
        const pyFiles = files(path.join(out, "python"), ".py");
        const python = process.env.PYTHON || "python3";
        time("python py_compile", () => {
            run(python, ["-m", "py_compile", ...pyFiles]);
            run(python, ["-c", PYTHON_EXAMPLE_CHECK, path.join(out, "python", "example.py"), path.join(out, "python", "pulumi_telephony", "opentact", "sip_user.py")]);
        });
    }
    return { out, version, languages, timings };
}

module.exports = { generateSdks };

if (require.main === module) {
    const { values } = parseArgs({
        options: {
            out: { type: "string" },
            languages: { type: "string" },
            "go-import-base": { type: "string" },
            check: { type: "boolean" },
        },
    });
    try {
        const r = generateSdks({
            out: values.out && path.resolve(values.out),
            languages: values.languages?.split(","),
            goImportBase: values["go-import-base"],
            check: values.check,
        });
        log(`wrote ${r.languages.join(", ")} SDKs to ${r.out}${values.check ? " and checked them" : ""} (${Object.entries(r.timings).map(([k, s]) => `${k} ${s.toFixed(1)} s`).join(", ")})`);
    } catch (e) {
        log(`error: ${e.message}`);
        process.exit(1);
    }
}
