/**
 * Adding a resource is its folder and one registry line: the example Widget (test/fixtures/example-widget, not in the
 * package) declares its attributes, its descriptor and its exporter, and nothing else is written for it. Handed to
 * the same derivations as the registry's resources (`[...RESOURCES, widget]`: the registry line), it reaches the
 * CLI's options, usage and nouns, the policy pack's facts and rules, the README table generator and the Pulumi schema.
 */
import * as assert from "assert";
import { parse, usage } from "../cli/main";
import { exportScopes } from "../cli/export";
import { serviceOf } from "../cli/resources";
import { policyFacts, validNumbers, passwords, uniqueNumbers, inactiveUsers, Subject } from "../policy/rules";
import { secretInputsOf, replaceOnChangeOf, unobservableOf } from "../provider/core/attributes";
import { docsOf } from "../provider/core/descriptor";
import { resourceSchema } from "../provider/core/pulumi-schema";
import { RESOURCES } from "../provider/registry";
import { widget } from "./fixtures/example-widget/descriptor";
import { propertyTable, propertyTables } from "./readme-properties";

const resources = [...RESOURCES, widget];
const subject = (kind: string, name: string, props: Record<string, unknown>): Subject => ({ kind, name, urn: `urn:pulumi:s::p::pulumi-nodejs:dynamic/${kind}::${name}`, props, propertyDependencies: {} });

describe("adding a resource: the example Widget, declared in its folder only, reaches everything derived from the registry", () => {
    it("the CLI: its export scope option, --vendor and --filter, the usage text and the noun in warnings", () => {
        const inv = parse(["export", "--vendor", "example", "--example-site", "lab-1", "--filter", "Widget::^w"], resources);
        if (inv === "help" || inv.command !== "export") throw new Error("not parsed as export");
        assert.deepStrictEqual(inv.vendors, ["example"]);
        assert.deepStrictEqual(inv.scopes["example-site"], ["lab-1"]);
        assert.deepStrictEqual(inv.filters.map((f) => f.kind), ["example:Widget"]);
        assert.throws(() => parse(["export", "--example-site", "lab-1"]), /example-site/, "without the registry line the option does not exist");
        assert.deepStrictEqual(exportScopes(resources).find((s) => s.kind === widget.kind), { ...widget.export.scopes[0], kind: widget.kind });
        const text = usage(resources).replace(/\s+/g, " "); // as read, whatever the line folding
        assert.match(text, /\[--example-site NAME\]\.\.\./);
        assert.match(text, /--vendor opentact,smartflo,ippanel,chime,verigator,example\]/);
        assert.match(text, /example: the widgets of the sites given\./);
        assert.match(text, /Widget\) whose natural key \(login, login id, user id, id in service, serial\)/);
        assert.strictEqual(serviceOf(widget.kind, resources), "widget");
        assert.strictEqual(serviceOf(widget.kind), "object");
    });

    it("the policy pack: its phone number, login, password and assignee facts, and the rules that use them", () => {
        const facts = policyFacts(resources);
        assert.deepStrictEqual(facts.get(widget.kind), {
            phoneNumbers: [{ key: "line", required: true, rule: { plan: "valid" } }],
            uniqueNumbers: ["line"],
            login: "ownerLogin",
            password: "pin",
            assignees: ["ownerLogin"],
            blocked: undefined,
            internationalCalling: undefined,
        });
        const bad = subject(widget.kind, "w", { site: "lab-1", serial: "w1", line: "+1 206 555", ownerLogin: "dora", pin: "4711" });
        assert.match(validNumbers(bad, {}, facts)[0].message, /^w \(example:Widget\): line must be a phone number of its country's numbering plan: too short/);
        assert.deepStrictEqual(validNumbers(bad), [], "without the registry line the pack does not know the kind");
        const w = subject(widget.kind, "w", { site: "lab-1", serial: "w1", line: "1 (206) 555-0100", ownerLogin: "dora", pin: "4711" });
        const chime = subject("chime:ChimeUserNumber", "c", { e164PhoneNumber: "+12065550100" });
        assert.strictEqual(uniqueNumbers([w, chime], {}, facts).length, 2, "the same number on a Widget and a Chime user, in two spellings");
        assert.match(passwords(w, { minLength: 12 }, facts)[0].message, /pin is shorter than 12 characters/);
        assert.match(inactiveUsers([w], { removedUsers: ["dora"] }, facts)[0].message, /ownerLogin "dora" is a removed user/);
    });

    it("the README table generator: a row per input, required as its type says, described by its TSDoc", () => {
        const table = propertyTable(widget);
        assert.strictEqual(propertyTables(resources).get(widget.kind), table);
        assert.deepStrictEqual(table.split("\n").slice(2), [
            "| `site` | yes | The site the widget is installed at, e.g. `lab-1`. Changing it replaces the widget. |",
            "| `serial` | yes | The widget's serial number. The key `adopt` matches on. |",
            "| `ownerLogin` | no | Login of the person the widget's line rings. |",
            "| `line` | yes | The widget's line, a number of its country's numbering plan in any spelling; stored in E.164. |",
            "| `pin` | to create | The PIN that unlocks the widget. Always stored as a secret; the vendor never shows it. |",
        ]);
    });

    it("the Pulumi schema: token, types, required inputs, secrets, replace-on-change, outputs and descriptions", () => {
        const { token, resource } = resourceSchema(widget);
        assert.strictEqual(token, "telephony:example:Widget");
        assert.deepStrictEqual(resource.requiredInputs, ["site", "serial", "line"]);
        assert.deepStrictEqual(resource.inputProperties.pin, { type: "string", description: docsOf(widget).pin.description, secret: true });
        assert.strictEqual(resource.inputProperties.site.willReplaceOnChanges, true);
        assert.deepStrictEqual(resource.properties.widgetId, { type: "string", description: "The vendor's id of the widget." });
        assert.deepStrictEqual(Object.keys(resource.properties), ["site", "serial", "ownerLogin", "line", "pin", "widgetId"]);
    });

    it("the reconciler's and resource class's sets: secrets, replace-on-change, not observable", () => {
        assert.deepStrictEqual(secretInputsOf(widget.attributes), ["pin"]);
        assert.deepStrictEqual(replaceOnChangeOf(widget.attributes), ["site"]);
        assert.deepStrictEqual(unobservableOf(widget.attributes), ["pin"]);
    });
});
