#!/usr/bin/env node
/**
 * Starts the sandbox: a local emulator of the vendor APIs that the library (or anyone) can be pointed at.
 *
 *   pulumi-telephony-sandbox [--port N] [--host 127.0.0.1] [--state FILE]
 *
 * Each vendor is served at the root of its own origin, as the real hosts are, so base URLs have the real shape
 * (no path, except IPPanel's `/v1`). `--port N` puts the admin API on N and the vendors on N+1 … N+5 (opentact,
 * smartflo, ippanel, chime, verigator); `--port 0` (the default) picks free ports for all of them.
 *
 * Prints the admin URL, then one line per vendor with the config that points the library at it (its base URL and the
 * credentials it accepts, as the vendor's `vendor.ts` declares them) and the environment it needs.
 */
import { parseArgs } from "util";
import { vendorOf } from "../provider/registry";
import { DEFAULT_CREDENTIALS, VENDORS, startSandbox } from "./server";

async function main() {
    const { values } = parseArgs({
        options: {
            port: { type: "string", default: "0" },
            host: { type: "string", default: "127.0.0.1" },
            state: { type: "string" },
            help: { type: "boolean", short: "h" },
        },
    });
    if (values.help) {
        process.stdout.write(`usage: pulumi-telephony-sandbox [--port N] [--host 127.0.0.1] [--state FILE]\n  --port N   admin API on N, vendors on N+1..N+${VENDORS.length} (${VENDORS.join(" ")}); 0 = free ports\n`);
        return;
    }
    const sandbox = await startSandbox({ port: Number(values.port), host: values.host, stateFile: values.state });
    process.stdout.write(`admin      ${sandbox.url}/_sandbox/\n`);
    const c = DEFAULT_CREDENTIALS;
    const pairs = (o: Record<string, { value: string } | string>) => Object.entries(o).map(([k, v]) => `${k}=${typeof v === "string" ? v : v.value}`);
    for (const id of VENDORS) {
        const { config, env } = vendorOf(id).sandbox;
        const login = pairs(config(sandbox.vendorUrl(id), c[id], "login"));
        const token = pairs(config(sandbox.vendorUrl(id), c[id], "token")).filter((p) => !login.includes(p));
        const line = [...login, ...(token.length ? [`(or ${token.join(" ")})`] : []), ...pairs(env?.(c[id]) ?? {})];
        process.stdout.write(`${id.padEnd(10)} ${line.join(" ")}\n`);
    }
    const stop = () => sandbox.close().then(() => process.exit(0));
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
}

main().catch((e) => {
    process.stderr.write(`sandbox: ${e.message}\n`);
    process.exit(1);
});
