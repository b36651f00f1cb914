/**
 * Benchmark (not a test: no timing assertion): `pulumi-telephony export` of a 500-object estate in the sandbox.
 * Prints the wall time of the command and the vendor requests the sandbox received.
 *
 *   npm run build && node dist/test/export.bench.js
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startSandbox } from "../sandbox";
import { DEFAULT_CREDENTIALS } from "../sandbox/server";
import { ESTATE_SCOPE, seedEstate } from "./estate";
import { REPO } from "./harness";

async function main() {
    const sb = await startSandbox();
    const size = { sipUsers: 100, domainUsers: 50, smartfloUsers: 150, chimeNumbers: 100, verigatorUsers: 100 };
    await seedEstate(sb, size);
    sb.log.length = 0;
    const c = DEFAULT_CREDENTIALS;
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "telephony-export-bench-"));
    const env = {
        PATH: process.env.PATH,
        OPENTACT_BASE_URL: sb.vendorUrl("opentact"),
        OPENTACT_EMAIL: c.opentact.email,
        OPENTACT_PASSWORD: c.opentact.password,
        SMARTFLO_BASE_URL: sb.vendorUrl("smartflo"),
        SMARTFLO_EMAIL: c.smartflo.email,
        SMARTFLO_PASSWORD: c.smartflo.password,
        CHIME_ENDPOINT: sb.vendorUrl("chime"),
        AWS_ACCESS_KEY_ID: c.chime.accessKeyId,
        AWS_SECRET_ACCESS_KEY: c.chime.secretAccessKey,
        AWS_REGION: "us-east-1",
        VERIGATOR_BASE_URL: sb.vendorUrl("verigator"),
        VERIGATOR_USERNAME: c.verigator.username,
        VERIGATOR_PASSWORD: c.verigator.password,
    };
    const t0 = Date.now();
    const code = await new Promise<number>((resolve) => {
        const p = spawn(process.execPath, [path.join(REPO, "dist", "cli", "main.js"), "export", "--out", path.join(out, "estate"), ...ESTATE_SCOPE], { env, cwd: out, stdio: ["ignore", "ignore", "pipe"] });
        p.stderr.on("data", () => undefined);
        p.on("close", (c) => resolve(c ?? -1));
    });
    const ms = Date.now() - t0;
    const byVendor: Record<string, number> = {};
    for (const r of sb.log) byVendor[r.vendor] = (byVendor[r.vendor] ?? 0) + 1;
    const total = Object.values(size).reduce((a, b) => a + b, 0);
    process.stdout.write(`export of ${total} objects: exit ${code}, ${(ms / 1000).toFixed(2)} s (process start included), ${sb.log.length} vendor requests ${JSON.stringify(byVendor)}\n`);
    fs.rmSync(out, { recursive: true, force: true });
    await sb.close();
}

main().catch((e) => {
    process.stderr.write(`${e.stack ?? e}\n`);
    process.exit(1);
});
