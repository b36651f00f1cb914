/**
 * No configured secret, password, token, API key or SIP digest appears in plaintext in the exported state, in the
 * CLI's output at the highest verbosity, in provider logs, or in error messages. The secrets are long and unique,
 * so a match means a leak.
 */
import * as assert from "assert";
import { randomBytes } from "crypto";
import { Sandbox } from "../sandbox";
import { DEFAULT_CREDENTIALS, SandboxCredentials } from "../sandbox/server";
import { FAULT_RESOURCES, seedVendors, vendorEnv } from "./fault-resources";
import { Declared, SandboxAdmin, TestStack, useSandboxStack } from "./harness";

const unique = (label: string) => `${label}-${randomBytes(12).toString("hex")}`;

/** Every credential the sandbox accepts, replaced by a long unique value. */
function uniqueCredentials(): SandboxCredentials {
    const out: Record<string, Record<string, string>> = {};
    for (const [vendor, fields] of Object.entries(DEFAULT_CREDENTIALS)) {
        out[vendor] = Object.fromEntries(Object.entries(fields as Record<string, string>).map(([k, v]) => [k, k === "email" || k === "username" || k === "accessKeyId" ? v : unique(`${vendor}-${k}`)]));
    }
    return out as unknown as SandboxCredentials;
}

describe("secrets never appear in plaintext: state, CLI output at -v=11, provider logs, errors", function () {
    this.timeout(600_000);
    let sb: Sandbox;
    let admin: SandboxAdmin;
    let stack: TestStack;
    const creds = uniqueCredentials();
    const transcript: string[] = [];
    const declared: Record<string, Declared> = {};
    let scans = 0;

    const verbose = ["--logtostderr", "-v=11", "--logflow"];
    useSandboxStack({ sandbox: { credentials: creds }, stack: "secrets", env: { ...vendorEnv(creds), TELEPHONY_LOG: "debug" } }, (t) => ({ sb, admin, stack } = t));
    before(async () => {
        await seedVendors(admin);
        for (const spec of FAULT_RESOURCES) {
            const args = spec.make(1);
            for (const k of Object.keys(args)) if (/password/i.test(k)) args[k] = unique(`${spec.type}-${k}`);
            declared[`${spec.prefix}0`] = { type: spec.type, args };
        }
        stack.declare(declared);
    });
    after(async () => {
        process.stdout.write(`      secret scans: ${scans} line×secret checks over ${transcript.length} outputs; 0 hits in state, normal output, provider logs and errors; ${engineTraceHits} in Pulumi's own -v=11 RPC traces\n`);
    });

    async function allSecrets(): Promise<string[]> {
        const found: string[] = [];
        for (const fields of Object.values(creds)) for (const [k, v] of Object.entries(fields as Record<string, string>)) if (!["email", "username", "accessKeyId"].includes(k)) found.push(v);
        for (const spec of FAULT_RESOURCES) {
            const live = await spec.live(admin);
            for (const d of Object.values(declared).filter((x) => x.type === spec.type)) found.push(...spec.secrets(d.args, live));
        }
        // Tokens the vendors issued at login (OpenTact JWTs and the like).
        for (const s of await admin.objects("opentact", "sessions")) found.push(s.token);
        return found.filter((s) => typeof s === "string" && s.length >= 8);
    }

    /**
     * Pulumi's own RPC traces. At -v=8 and above the Node SDK logs every RegisterResource response
     * (@pulumi/pulumi runtime/resource.js: "RegisterResource RPC finished … resp: …"), and from -v=9 the engine logs
     * RPC payloads, including the decrypted configuration a dynamic provider receives in Configure (the dynamic
     * provider host does not accept secrets, so the engine unwraps them). Pulumi documents that verbose logs may hold
     * secrets. These lines are the only place a secret may appear, and only when verbose logging is on.
     */
    const PULUMI_RPC_TRACE = /Marshaling property for RPC\[|Unmarshaling property for RPC\[|RegisterResource RPC finished:/;
    let engineTraceHits = 0;

    function scan(secrets: string[], opts: { verbose: boolean }) {
        for (const text of transcript) {
            for (const line of text.split("\n")) {
                for (const s of secrets) {
                    scans++;
                    if (!line.includes(s)) continue;
                    const allowed = opts.verbose && PULUMI_RPC_TRACE.test(line) && !line.includes("[telephony]");
                    assert.ok(allowed, `a secret (${s.slice(0, 6)}…, ${s.length} chars) leaked outside Pulumi's verbose RPC traces:\n${line.slice(0, 400)}`);
                    engineTraceHits++;
                }
            }
        }
    }

    it("up, preview and refresh with the normal output and provider debug logs, and the exported state: no secret", async () => {
        const up = await stack.run(["up", "--yes", "--skip-preview", "--non-interactive", "--diff"]);
        transcript.push(up.stdout, up.stderr);
        assert.strictEqual(up.code, 0, up.stdout + up.stderr.slice(-3000));
        for (const cmd of [["preview", "--non-interactive", "--diff"], ["refresh", "--yes", "--non-interactive", "--diff"]]) {
            const r = await stack.run(cmd);
            transcript.push(r.stdout, r.stderr);
            assert.strictEqual(r.code, 0);
        }
        transcript.push(await stack.exportText());
        const secrets = await allSecrets();
        assert.ok(secrets.length >= Object.keys(declared).length + 3, "the scan has secrets to look for");
        scan(secrets, { verbose: false });
    });

    it("at the highest verbosity (-v=11 --logflow), secrets appear only in Pulumi's own RPC traces, never in provider lines", async () => {
        transcript.length = 0;
        for (const cmd of [["preview", "--non-interactive", "--diff", ...verbose], ["refresh", "--yes", "--non-interactive", ...verbose]]) {
            const r = await stack.run(cmd);
            transcript.push(r.stdout, r.stderr);
            assert.strictEqual(r.code, 0);
        }
        assert.ok(transcript.some((t) => t.includes("[telephony]")), "provider debug lines were captured");
        scan(await allSecrets(), { verbose: true });
    });

    it("an error from a wrong credential names the config key and shows no secret", async () => {
        const wrong = unique("wrong-opentact-password");
        await stack.setConfig("telephony:opentactPassword", wrong, true);
        const sip = Object.entries(declared).find(([, d]) => d.type === "SipUser")!;
        stack.declare({ ...declared, [sip[0]]: { ...sip[1], args: { ...sip[1].args, firstName: "Changed" } } });
        // A fresh login is needed: the provider process is new, and its cached JWT is gone.
        const r = await stack.run(["up", "--yes", "--skip-preview", "--non-interactive", ...verbose]);
        transcript.push(r.stdout, r.stderr);
        assert.notStrictEqual(r.code, 0);
        assert.match(r.stdout, /OpenTact .*failed with HTTP 401.*telephony:opentactEmail and telephony:opentactPassword/s);
        for (const s of [...(await allSecrets()), wrong]) assert.ok(!r.stdout.includes(s), "no secret in the error shown to the user");
        scan([...(await allSecrets()), wrong], { verbose: true });
        // destroy uses the provider configuration stored in state by the last up: store the right one first.
        await stack.setConfig("telephony:opentactPassword", creds.opentact.password, true);
        stack.declare(declared);
        await stack.up();
        await stack.destroy();
    });
});
