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
 * Prints the admin URL, then one line per vendor with the base URL to configure and the credentials it accepts.
 */
import { parseArgs } from "util";
import type { VendorId } from "../provider/registry";
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
    // What to configure per vendor; a vendor of the registry without a line fails to compile.
    const lines: { [V in VendorId]: [url: string, credentials: string] } = {
        opentact: [sandbox.vendorUrl("opentact"), `telephony:opentactToken=${c.opentact.token} (or opentactEmail=${c.opentact.email} opentactPassword=${c.opentact.password})`],
        smartflo: [sandbox.vendorUrl("smartflo"), `telephony:smartfloToken=${c.smartflo.token} (or smartfloEmail=${c.smartflo.email} smartfloPassword=${c.smartflo.password})`],
        ippanel: [`${sandbox.vendorUrl("ippanel")}/v1`, `telephony:ippanelApiKey=${c.ippanel.apiKey}`],
        chime: [sandbox.vendorUrl("chime"), `telephony:chimeEndpoint; AWS_ACCESS_KEY_ID=${c.chime.accessKeyId} AWS_SECRET_ACCESS_KEY=${c.chime.secretAccessKey}`],
        verigator: [sandbox.vendorUrl("verigator"), `telephony:verigatorUsername=${c.verigator.username} telephony:verigatorPassword=${c.verigator.password}`],
    };
    for (const vendor of VENDORS) process.stdout.write(`${vendor.padEnd(10)} ${lines[vendor][0]}  ${lines[vendor][1]}\n`);
    const stop = () => sandbox.close().then(() => process.exit(0));
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
}

main().catch((e) => {
    process.stderr.write(`sandbox: ${e.message}\n`);
    process.exit(1);
});
