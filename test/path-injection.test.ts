/**
 * Identifiers that reach URL paths (ids from state, inputs) can never change which endpoint is called. Hostile
 * values go through the real provider runtime over real HTTP; the sandbox records every raw path it receives.
 */
import * as assert from "assert";
import { Sandbox, startSandbox } from "../sandbox";
import * as runtime from "../provider/runtime";
import { FAULT_RESOURCES, seedVendors, vendorConfig, vendorEnv } from "./fault-resources";
import { SandboxAdmin, setEnv } from "./harness";

const HOSTILE = ["../token/all", "a/b", "%2e%2e", "?x=1", "#x", "..", "a\r\nX-Injected: 1", "x".repeat(10_240)];

describe("hostile identifiers cannot change which endpoint is called", function () {
    this.timeout(120_000);
    let sb: Sandbox;
    let admin: SandboxAdmin;
    let restoreEnv: () => void = () => undefined;
    before(async () => {
        sb = await startSandbox();
        admin = new SandboxAdmin(sb.url);
        await seedVendors(admin);
        restoreEnv = setEnv(vendorEnv());
        const cfg = Object.fromEntries(Object.entries(vendorConfig(sb)).map(([k, v]) => [k, v.value]));
        await runtime.configure({ config: { get: (k: string) => cfg[k] } });
    });
    after(async () => {
        restoreEnv();
        await sb.close();
    });

    for (const spec of FAULT_RESOURCES) {
        const kind = runtime.KINDS.find((k) => k.endsWith(`:${spec.type}`))!;
        it(`${spec.type}: read and delete with hostile ids and parent ids stay on the resource's own routes, one segment each`, async () => {
            const adapter = runtime.adapterFor(kind);
            const base = spec.make(0);
            const idKeys = adapter.replaceOn(base, base).filter((k: string) => typeof base[k] === "string");
            for (const bad of HOSTILE) {
                await admin.resetRequests();
                const state = { ...base, ...Object.fromEntries(idKeys.map((k: string) => [k, bad])) };
                const p = runtime.provider(kind);
                const outcomes = [await p.read(bad, state).catch((e: Error) => e), await p.delete(bad, state).catch((e: Error) => e)];
                for (const o of outcomes) if (o instanceof Error) assert.doesNotMatch(o.message, /Cannot read|undefined/, `${spec.type} ${JSON.stringify(bad.slice(0, 20))}: ${o.message}`);
                const { log } = await admin.requests();
                for (const r of log) {
                    assert.ok(!/[\r\n]/.test(r.path), "no CR/LF reaches the request line");
                    const pathOnly = r.path.split("?")[0];
                    assert.ok(!pathOnly.split("/").some((seg) => seg === ".." || seg === "."), `dot segment in ${r.path}`);
                    assert.ok(!pathOnly.includes("/token/"), `reached a token route: ${r.path}`);
                    if (bad.includes("/") || bad.includes("?") || bad.includes("#")) assert.ok(!r.path.includes(bad), `unencoded ${bad} in ${r.path}`);
                }
                const refused = bad === ".." || /[\r\n]/.test(bad) || bad.length > 1000;
                // Either sent (encoded, checked above) or refused with an error before any request.
                const refusedByAdapter = log.length === 0 && outcomes.every((o) => o instanceof Error);
                if (!refused) assert.ok(log.length > 0 || refusedByAdapter, `${spec.type} ${bad}: the id was neither refused nor sent`);
                // Refused values (dots, control characters, 10 KB) send nothing with them at all.
                if (refused) {
                    for (const r of log) assert.ok(!r.path.includes(encodeURIComponent(bad)), `${spec.type} sent a refused id`);
                }
            }
        });
    }
});
