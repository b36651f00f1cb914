/**
 * Upgrading the package changes nothing in an existing stack: the state `test/upgrade-fixture.ts` exported from a
 * stack made by an earlier version (URNs, ids, serialized providers as that version wrote them) is imported into a
 * new stack, and `pulumi preview` of the same declarations with the installed package proposes no change — for a
 * program written with the top-level class names and for one written with the vendor namespaces.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { DEFAULT_CREDENTIALS } from "../sandbox";
import { TestStack } from "./harness";
import { UPGRADE_FIXTURE, UPGRADE_PASSPHRASE, UPGRADE_PROJECT, UPGRADE_RESOURCES } from "./upgrade-fixture";

/** The stack config the fixture's stack had: its endpoints as recorded in the default provider, the sandbox's credentials. */
function fixtureConfig(state: any): Record<string, { value: string; secret?: boolean }> {
    const provider = state.deployment.resources.find((r: any) => r.type === "pulumi:providers:pulumi-nodejs");
    const c = DEFAULT_CREDENTIALS;
    const secrets: Record<string, string> = {
        "telephony:opentactPassword": c.opentact.password,
        "telephony:smartfloPassword": c.smartflo.password,
        "telephony:ippanelApiKey": c.ippanel.apiKey,
        "telephony:verigatorPassword": c.verigator.password,
    };
    const config: Record<string, { value: string; secret?: boolean }> = {};
    for (const [key, v] of Object.entries(provider.inputs as Record<string, unknown>)) {
        if (!key.startsWith("telephony:")) continue;
        config[key] = typeof v === "string" ? { value: v } : { value: secrets[key], secret: true };
    }
    return config;
}

/** A program that declares `resources.json`, naming each class by its path in the package (`opentact.SipUser`). */
const NAMESPACED_PROGRAM = `"use strict";
const telephony = require("pulumi-telephony");
const fs = require("fs");
const path = require("path");
const declared = JSON.parse(fs.readFileSync(path.join(__dirname, "resources.json"), "utf8"));
for (const [name, d] of Object.entries(declared)) {
    const Class = d.type.split(".").reduce((m, k) => m[k], telephony);
    if (typeof Class !== "function") throw new Error("pulumi-telephony has no class " + d.type);
    exports[name] = new Class(name, d.args, d.opts);
}
`;

/** The namespaced name of each top-level class the fixture's program used. */
const NAMESPACED: Record<string, string> = {
    SipUser: "opentact.SipUser",
    SmartfloUser: "smartflo.User",
    NumberAssignment: "ippanel.NumberAssignment",
    ChimeUserNumber: "chime.UserNumber",
    VerigatorUser: "verigator.User",
};

describe("a stack created by an earlier version of the package", function () {
    this.timeout(300_000);
    const state = JSON.parse(fs.readFileSync(UPGRADE_FIXTURE, "utf8"));

    // One imported stack for both programs: a preview changes no state, so each starts from the fixture as imported.
    let stack: TestStack;
    before(async () => {
        stack = await TestStack.create(UPGRADE_PROJECT, fixtureConfig(state), { PULUMI_CONFIG_PASSPHRASE: UPGRADE_PASSPHRASE });
        await stack.must(["stack", "import", "--file", UPGRADE_FIXTURE]);
    });
    after(async () => stack?.dispose());

    it("the fixture holds one resource of every kind and no plaintext password", () => {
        const types = new Set(state.deployment.resources.map((r: any) => r.type));
        for (const kind of ["opentact:SipUser", "smartflo:SmartfloUser", "ippanel:NumberAssignment", "chime:ChimeUserNumber", "verigator:VerigatorUser"]) {
            assert.ok(types.has(`pulumi-nodejs:dynamic/${kind}`), `no ${kind} in the fixture`);
        }
        const text = fs.readFileSync(UPGRADE_FIXTURE, "utf8");
        for (const d of Object.values(UPGRADE_RESOURCES)) if (typeof d.args.password === "string") assert.ok(!text.includes(d.args.password));
    });

    for (const [variant, declare] of [
        ["the top-level class names", (stack: TestStack) => stack.declare(UPGRADE_RESOURCES)],
        [
            "the vendor namespaces (opentact.SipUser, smartflo.User, …)",
            (stack: TestStack) => {
                fs.writeFileSync(path.join(stack.dir, "index.js"), NAMESPACED_PROGRAM);
                stack.declare(Object.fromEntries(Object.entries(UPGRADE_RESOURCES).map(([n, d]) => [n, { ...d, type: NAMESPACED[d.type] }])));
            },
        ],
    ] as const) {
        it(`preview after the upgrade proposes no change, for a program using ${variant}`, async () => {
            declare(stack);
            const r = await stack.preview(["--expect-no-changes"]);
            assert.strictEqual(r.code, 0, `preview found changes:\n${r.stdout}\n${r.stderr}`);
            // Every resource of the fixture is still there, under its old URN, with its old id.
            const after = JSON.parse(await stack.exportText());
            const ids = (s: any) => Object.fromEntries(s.deployment.resources.filter((x: any) => x.type.startsWith("pulumi-nodejs:dynamic/")).map((x: any) => [x.urn, x.id]));
            assert.deepStrictEqual(ids(after), ids(state));
            assert.strictEqual(Object.keys(ids(state)).length, Object.keys(UPGRADE_RESOURCES).length);
        });
    }
});
