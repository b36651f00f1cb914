/**
 * The state an existing stack has: `upgrade.e2e.test.ts` imports it into a new stack and checks that `preview` with
 * the installed package proposes no change. `node dist/test/upgrade-fixture.js` (after `npm run build`) makes it
 * again: `up` of UPGRADE_RESOURCES against the sandbox, then `pulumi stack export`. The checked-in file was made
 * by the code of main before the resource registry and the namespaced exports (commit 911e03f), so its URNs, ids
 * and serialized providers are the ones stacks created by that version hold.
 *
 * Secrets in it (the SIP and Smartflo passwords, the SIP digests) are ciphertext under UPGRADE_PASSPHRASE and
 * the salt recorded in the export's secrets provider; none is in plaintext.
 */
import * as fs from "fs";
import * as path from "path";
import { startSandbox } from "../sandbox";
import { vendorConfig, vendorEnv } from "./fault-resources";
import { Declared, REPO, TestStack } from "./harness";

/** The passphrase of the stack the fixture was exported from: the harness's, so an import decrypts it. */
export const UPGRADE_PASSPHRASE = "pulumi-telephony-test-passphrase";
/** Project and stack the URNs name (`urn:pulumi:test::upgrade::…`). */
export const UPGRADE_PROJECT = "upgrade";
export const UPGRADE_FIXTURE = path.join(REPO, "test", "fixtures", "upgrade-state.json");

/** One resource of each kind (two SIP users: under a connection and, with gender "Male", under a domain). */
export const UPGRADE_RESOURCES: Record<string, Declared> = {
    alice: {
        type: "SipUser",
        args: { sipConnectionUuid: "66eb0a8a-571e-41b1-8f50-4d97275cfab7", login: "alice.upgr", password: "upgrade-sip-password-1", firstName: "Alice" },
    },
    dora: {
        type: "SipUser",
        args: { sipDomain: "sandbox1.sip.opentact.org", login: "dora.upgr", password: "upgrade-sip-password-2", gender: "Male", phoneNumber: "+1234567890" },
    },
    asha: {
        type: "SmartfloUser",
        args: { name: "Asha Rao", number: "+919812345678", email: "asha@example.com", loginId: "asha.rao", userRole: 54743, password: "upgrade-smartflo-password", callerId: [1560602], designation: "Sales agent" },
    },
    "support-line": { type: "NumberAssignment", args: { number: "+983000505", targetUser: "testuser", send: true, gets: true } },
    "bob-phone": { type: "ChimeUserNumber", args: { accountId: "12a3456b-7c89-012d-3456-78901e23fg45", userId: "1ab2345c-67de-8901-f23g-45h678901j2k", e164PhoneNumber: "+12065550100" } },
    "carol-2fa": { type: "VerigatorUser", args: { serviceId: "my-service-id", idInService: "carol", phoneNumber: "+37255512345" } },
};

async function main() {
    const sb = await startSandbox();
    const stack = await TestStack.create(UPGRADE_PROJECT, vendorConfig(sb), { ...vendorEnv(), PULUMI_CONFIG_PASSPHRASE: UPGRADE_PASSPHRASE });
    try {
        stack.declare(UPGRADE_RESOURCES);
        await stack.up();
        const exported = await stack.exportText();
        for (const d of Object.values(UPGRADE_RESOURCES)) {
            const pw = d.args.password;
            if (typeof pw === "string" && exported.includes(pw)) throw new Error("a password is in plaintext in the export");
        }
        fs.mkdirSync(path.dirname(UPGRADE_FIXTURE), { recursive: true });
        fs.writeFileSync(UPGRADE_FIXTURE, exported);
        process.stdout.write(`wrote ${UPGRADE_FIXTURE} (${exported.length} bytes)\n`);
    } finally {
        await stack.dispose();
        await sb.close();
    }
}

if (require.main === module) {
    main().catch((e) => {
        process.stderr.write(`${e.stack ?? e}\n`);
        process.exit(1);
    });
}
