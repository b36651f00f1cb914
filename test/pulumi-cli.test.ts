/** scripts/pulumi-cli.js: which Pulumi CLI the tests and the demo get, and what it says when it cannot get one. */
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { REPO } from "./harness";
import { fakeBin, runScript as run } from "./pulumi-cli-script";

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

describe("scripts/pulumi-cli.js: the engine built without pulumi cloud api's OpenAPI parser", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { withoutOpenApi } = require(path.join(REPO, "scripts", "pulumi-cli.js")) as { withoutOpenApi: (src: string, extra: string) => string | undefined };
    const SOURCE = [
        "// Copyright notice.",
        "",
        "package cloud",
        "",
        "import (",
        '\t"fmt"',
        '\t"sort"',
        "",
        '\t"github.com/gorilla/mux"',
        '\t"github.com/pb33f/libopenapi"',
        '\tv3high "github.com/pb33f/libopenapi/datamodel/high/v3"',
        ")",
        "",
        "// Index is kept: it names no OpenAPI type.",
        "type Index struct {",
        "\trouter *mux.Router",
        "}",
        "",
        "// parseIndex goes: it calls the parser.",
        "func parseIndex(data []byte) (*Index, error) {",
        "\tdoc, err := libopenapi.NewDocument(data)",
        "\tsort.Strings(nil)",
        "\treturn nil, err",
        "}",
        "",
        "func isInternal(op *v3high.Operation) bool {",
        "\treturn false",
        "}",
        "",
        "var precedence = map[string]int{",
        '\t"GET": 0,',
        "}",
        "",
    ].join("\n");

    it("drops every declaration naming an OpenAPI import with its doc comment, keeps the rest, adds the stub, prunes the imports left unused", () => {
        const out = withoutOpenApi(SOURCE, 'func parseIndex(data []byte) (*Index, error) {\n\treturn nil, fmt.Errorf("not in this build")\n}\n')!;
        assert.ok(out.startsWith("// Copyright notice.\n\npackage cloud\n"), out);
        // fmt is used by the stub only, mux by a kept type; sort was used only by the dropped parseIndex.
        assert.match(out, /import \(\n\t"fmt"\n\n\t"github\.com\/gorilla\/mux"\n\)/);
        assert.doesNotMatch(out, /libopenapi|v3high|"sort"|isInternal|parseIndex goes|NewDocument/);
        assert.match(out, /\/\/ Index is kept: it names no OpenAPI type\.\ntype Index struct \{\n\trouter \*mux\.Router\n\}/);
        assert.match(out, /var precedence = map\[string\]int\{\n\t"GET": 0,\n\}/);
        assert.match(out, /func parseIndex\(data \[\]byte\) \(\*Index, error\) \{\n\treturn nil, fmt\.Errorf\("not in this build"\)\n\}/);
    });

    it("gives no result (a full build) for a file that does not use the parser or has no import block", () => {
        assert.strictEqual(withoutOpenApi(SOURCE.replace(/\t(v3high )?"github\.com\/pb33f[^\n]*\n/g, ""), ""), undefined);
        assert.strictEqual(withoutOpenApi('package cloud\n\nimport "fmt"\n', ""), undefined);
    });
});

describe("scripts/build-env.js: what the build scripts share", () => {
    const SCRIPT = path.join(REPO, "scripts", "build-env.js");
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { tagged, goEnv } = require(SCRIPT) as {
        tagged: (tag: string) => { run: (cmd: string, args: string[], opts?: object) => string };
        goEnv: (extra?: NodeJS.ProcessEnv) => NodeJS.ProcessEnv;
    };
    /** cacheRoot() in a process with exactly this environment. */
    const cacheRootWith = (env: NodeJS.ProcessEnv) => {
        const r = spawnSync(process.execPath, ["-e", `process.stdout.write(require(${JSON.stringify(SCRIPT)}).cacheRoot())`], { encoding: "utf8", env });
        assert.strictEqual(r.status, 0, r.stderr);
        return r.stdout;
    };

    it("the cache: PULUMI_TELEPHONY_CACHE, else pulumi-telephony under XDG_CACHE_HOME, else under ~/.cache", () => {
        assert.strictEqual(cacheRootWith({ HOME: "/h", XDG_CACHE_HOME: "/x", PULUMI_TELEPHONY_CACHE: "/c" }), "/c");
        assert.strictEqual(cacheRootWith({ HOME: "/h", XDG_CACHE_HOME: "/x" }), "/x/pulumi-telephony");
        assert.strictEqual(cacheRootWith({ HOME: "/h" }), "/h/.cache/pulumi-telephony");
    });

    it("run returns a command's stdout, and fails naming the command and its exit status", () => {
        const { run } = tagged("build-env-test");
        assert.strictEqual(run(process.execPath, ["-e", "process.stdout.write('out')"], { stdio: ["ignore", "pipe", "ignore"] }), "out");
        assert.throws(() => run(process.execPath, ["-e", "process.exit(3)"], { stdio: ["ignore", "pipe", "ignore"] }), (e: Error) => {
            assert.strictEqual(e.message, `${process.execPath} -e process.exit(3) exited with 3`);
            return true;
        });
    });

    it("every Go build runs the machine's Go without cgo or VCS stamping; a caller adds GOBIN or overrides GOFLAGS", () => {
        const env = goEnv({ GOBIN: "/b", GOFLAGS: "-buildvcs=false" });
        assert.deepStrictEqual([env.GOTOOLCHAIN, env.CGO_ENABLED, env.GOBIN, env.GOFLAGS], ["local", "0", "/b", "-buildvcs=false"]);
        assert.strictEqual(goEnv().GOFLAGS, "-mod=mod -buildvcs=false");
        assert.strictEqual(goEnv().PATH, process.env.PATH);
    });
});

describe("scripts/cpu-time.js: the CPU time scripts/test.js prints beside each part's wall time", () => {
    const SCRIPT = path.join(REPO, "scripts", "cpu-time.js");
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { cpuSecondsOfStat, treeCpuSeconds } = require(SCRIPT) as { cpuSecondsOfStat: (text: string) => number; treeCpuSeconds: () => number | undefined };

    it("adds utime, stime, cutime and cstime, counting fields after the command name's last parenthesis", () => {
        // A command name with a space and parentheses, as /proc shows it; 14-17 are 150 + 30 + 1200 + 420 ticks.
        const line = "4242 (node (x) y) S 1 4242 4242 0 -1 4194304 100 0 0 0 150 30 1200 420 20 0 11 0 5000 1000000 3000 18446744073709551615\n";
        assert.strictEqual(cpuSecondsOfStat(line), 18);
        assert.throws(() => cpuSecondsOfStat("4242 (node) S 1"), /not a \/proc\/PID\/stat line/);
    });

    it("counts a child's CPU once the child has been waited for", function () {
        if (process.platform !== "linux") {
            assert.strictEqual(treeCpuSeconds(), undefined);
            return;
        }
        const before = treeCpuSeconds()!;
        // The child spins until it has used 0.3 s of CPU after its start, and reports all it used (user + system, by its own account).
        const r = spawnSync(process.execPath, ["-e", "const t=process.cpuUsage();let x=0;while(process.cpuUsage(t).user<3e5)x++;const u=process.cpuUsage();process.stdout.write(String((u.user+u.system)/1e6))"], { encoding: "utf8" });
        assert.strictEqual(r.status, 0, r.stderr);
        const child = Number(r.stdout);
        const grew = treeCpuSeconds()! - before;
        // /proc counts in ticks of 10 ms: the child's own figure, within two ticks, plus what this process spent.
        assert.ok(child >= 0.3 && grew >= child - 0.02, `the child used ${child} s; this process's count grew by ${grew} s`);
    });
});
