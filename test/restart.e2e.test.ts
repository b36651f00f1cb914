import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startSandbox } from "../sandbox";
import { FAULT_RESOURCES, seedVendors, vendorConfig, vendorEnv } from "./fault-resources";
import { Declared, SandboxAdmin, TestStack } from "./harness";

describe("a sandbox restart between up and the next preview loses nothing", function () {
    this.timeout(300_000);
    it("preview and refresh after the restart see no change, and destroy still finds every object", async () => {
        const stateFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "sandbox-state-")), "state.json");
        let sb = await startSandbox({ stateFile });
        const port = Number(new URL(sb.url).port);
        await seedVendors(new SandboxAdmin(sb.url));
        const stack = await TestStack.create("restart", vendorConfig(sb), vendorEnv());
        try {
            const declared: Record<string, Declared> = {};
            for (const spec of FAULT_RESOURCES) declared[`${spec.prefix}0`] = { type: spec.type, args: spec.make(0) };
            stack.declare(declared);
            await stack.up();
            const before = JSON.stringify(sb.store.data);

            await sb.close();
            sb = await startSandbox({ stateFile, port, vendorPorts: sb.vendorPorts });
            assert.strictEqual(JSON.stringify(sb.store.data), before, "the sandbox reloads what it held");

            const preview = await stack.preview(["--expect-no-changes"]);
            assert.strictEqual(preview.code, 0, preview.stdout);
            const refresh = await stack.refresh(["--preview-only", "--expect-no-changes"]);
            assert.strictEqual(refresh.code, 0, refresh.stdout);
            await stack.destroy();
            const admin = new SandboxAdmin(sb.url);
            for (const spec of FAULT_RESOURCES) assert.deepStrictEqual(await spec.live(admin), [], `${spec.type} left behind`);
        } finally {
            await stack.dispose();
            await sb.close();
            fs.rmSync(path.dirname(stateFile), { recursive: true, force: true });
        }
    });
});
