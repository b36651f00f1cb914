/**
 * The example GitHub Actions workflows (examples/gitops/) pass actionlint, a pinned version built from the Go
 * module proxy into a cache outside the repository (as scripts/pulumi-cli.js does for the Pulumi CLI).
 */
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { REPO } from "../test/harness";

const ACTIONLINT = "v1.7.12";
const GITOPS = path.join(REPO, "examples", "gitops");

const { cacheRoot, goEnv } = require(path.join(REPO, "scripts", "build-env.js")) as {
    cacheRoot: () => string;
    goEnv: (extra?: NodeJS.ProcessEnv) => NodeJS.ProcessEnv;
};

/** The pinned actionlint: from the cache, else `go install` from the module proxy (about 2 minutes, once). */
function actionlint(): string {
    const dir = path.join(cacheRoot(), `actionlint-${ACTIONLINT}`);
    const bin = path.join(dir, "actionlint");
    if (fs.existsSync(bin)) return bin;
    const go = ["go", "/usr/local/go/bin/go"].find((g) => spawnSync(g, ["version"]).status === 0);
    assert.ok(go, "building actionlint needs Go (https://go.dev/dl/), as building the Pulumi CLI does");
    const r = spawnSync(go, ["install", `github.com/rhysd/actionlint/cmd/actionlint@${ACTIONLINT}`], {
        env: goEnv({ GOBIN: dir }),
        encoding: "utf8",
    });
    assert.strictEqual(r.status, 0, `go install actionlint@${ACTIONLINT} failed:\n${r.stderr}`);
    return bin;
}

function lint(files: string[]) {
    return spawnSync(actionlint(), ["-no-color", ...files], { encoding: "utf8" });
}

const workflows = () => fs.readdirSync(GITOPS).filter((f) => f.endsWith(".yml")).map((f) => path.join(GITOPS, f));
const read = (name: string) => fs.readFileSync(path.join(GITOPS, name), "utf8");

describe("examples/gitops workflows", function () {
    this.timeout(600_000);

    it(`pass actionlint ${ACTIONLINT}`, () => {
        const files = workflows();
        assert.deepStrictEqual(files.map((f) => path.basename(f)).sort(), ["telephony-drift.yml", "telephony-preview.yml", "telephony-up.yml"]);
        const r = lint(files);
        assert.strictEqual(r.status, 0, `actionlint found problems:\n${r.stdout}${r.stderr}`);
    });

    it("actionlint fails on a broken workflow (the lint can fail)", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gitops-lint-"));
        try {
            const broken = path.join(dir, "broken.yml");
            // A typo in a step output reference: the kind of mistake that silently never fires.
            fs.writeFileSync(broken, read("telephony-drift.yml").replace("steps.drift.outputs.status == '2'", "steps.drfit.outputs.status == '2'"));
            const r = lint([broken]);
            assert.strictEqual(r.status, 1, r.stdout + r.stderr);
            assert.match(r.stdout, /broken\.yml:\d+:\d+: property "drfit" is not defined/);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("do what the README says: a credential-free preview comment, up on main, a failing scheduled drift check", () => {
        const preview = read("telephony-preview.yml");
        assert.match(preview, /^ {2}pull_request:/m);
        assert.match(preview, /npx pulumi-telephony plan --stack "\$STACK" --cwd "\$PROGRAM_DIR" --format markdown "\$\{policy\[@\]\}" > plan\.md/);
        // The package's policy pack runs with the preview; a mandatory violation (exit 3) keeps the report and fails.
        assert.match(preview, /policy=\(--policy-pack "\$PROGRAM_DIR\/node_modules\/pulumi-telephony\/policy-pack"\)/);
        assert.match(preview, /if \[ "\$status" -ne 0 \] && \[ "\$status" -ne 3 \]; then/);
        assert.match(preview, /<!-- pulumi-telephony-plan -->/);
        assert.doesNotMatch(preview, /secrets\.(OPENTACT|SMARTFLO|IPPANEL|AWS|VERIGATOR)_/, "the preview job must not receive vendor credentials");

        const up = read("telephony-up.yml");
        assert.match(up, /^ {2}push:\n {4}branches: \[main\]/m);
        assert.match(up, /pulumi up --refresh --yes --non-interactive --stack "\$STACK"/);

        const drift = read("telephony-drift.yml");
        assert.match(drift, /^ {2}schedule:\n {4}- cron: /m);
        assert.match(drift, /npx pulumi-telephony drift --stack "\$STACK" --cwd "\$PROGRAM_DIR" --format markdown > drift\.md/);
        assert.match(drift, /if: steps\.drift\.outputs\.status == '2'\n {8}run: \|\n.*\n {10}exit 2/m);
    });
});
