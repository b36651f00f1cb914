/**
 * A roster of people across the five vendors, for the engine tests and the benchmark: the CSV an HR export would be,
 * the defaults a team shares, the Chime users and numbers the sandbox needs (the sandbox emulates no Chime user
 * creation), and the program that declares the roster. Deterministic: person i always gets the same values.
 */
import * as fs from "fs";
import * as path from "path";
import { CHIME_ACCOUNT } from "../sandbox/chime";
import { SMARTFLO_CALLER_IDS, SMARTFLO_ROLES } from "../sandbox/smartflo";
import { OPENTACT_CONNECTIONS } from "../sandbox";
import { VERIGATOR_SERVICES } from "../sandbox/verigator";
import { SandboxAdmin } from "./harness";

const pad = (i: number, n = 3) => String(i).padStart(n, "0");

/** One person of the roster: its cells by column. */
export type RosterRow = Record<string, string>;

export const ROSTER_COLUMNS = ["login", "name", "email", "status", "sip", "agent.number", "numbers", "chime.userId", "chime.number", "verigator.phoneNumber"] as const;

/** The defaults the program gives: what every person on a vendor shares. */
export const ROSTER_DEFAULTS = {
    sip: { sipConnectionUuid: OPENTACT_CONNECTIONS[0] },
    agent: { userRole: SMARTFLO_ROLES[1].id, callerId: [SMARTFLO_CALLER_IDS[0].id] },
    numbers: { ippanelUser: "testuser" },
    chime: { accountId: CHIME_ACCOUNT },
    verigator: { serviceId: VERIGATOR_SERVICES[0] },
};

export const loginOf = (i: number) => `agent.${pad(i)}`;
/** The IPPanel number of person i (the sandbox's bulk numbers, 120 of them). */
export const ippanelNumber = (i: number) => `+98300070${pad(i)}`;
export const chimeUser = (i: number) => `roster-chime-${pad(i, 4)}`;
export const chimeNumber = (i: number) => `+1206777${pad(i, 4)}`;

/**
 * Person i: a SIP user and an agent for everyone, one IPPanel number, a Verigator registration for every other
 * person, a Chime number for every fifth.
 */
export function rosterRow(i: number): RosterRow {
    return {
        login: loginOf(i),
        name: `Agent ${pad(i)} Person`,
        email: `agent${pad(i)}@example.com`,
        status: "active",
        sip: "yes",
        "agent.number": `+9198765${pad(i, 5)}`,
        numbers: ippanelNumber(i),
        "chime.userId": i % 5 === 0 ? chimeUser(i) : "",
        "chime.number": i % 5 === 0 ? chimeNumber(i) : "",
        "verigator.phoneNumber": i % 2 === 0 ? `+3725100${pad(i, 4)}` : "",
    };
}

export function rosterRows(n: number): RosterRow[] {
    return Array.from({ length: n }, (_, i) => rosterRow(i));
}

/** The CSV of `rows` (none of the values needs quoting). */
export function rosterCsv(rows: RosterRow[]): string {
    return [ROSTER_COLUMNS.join(","), ...rows.map((r) => ROSTER_COLUMNS.map((c) => r[c] ?? "").join(","))].join("\n") + "\n";
}

/** Seeds the Chime users (without numbers) and the inventory numbers persons 0…n-1 use. */
export async function seedChime(admin: SandboxAdmin, n: number): Promise<void> {
    for (let i = 0; i < n; i += 5) {
        await admin.seedChimeNumber(chimeNumber(i));
        await admin.seedChimeUser({ userId: chimeUser(i), accountId: CHIME_ACCOUNT, email: `agent${pad(i)}@example.com`, name: `Agent ${pad(i)} Person` });
    }
}

/**
 * The program: the roster in `people.csv` (or the file the `roster` config names) with the defaults in
 * `defaults.json`; each login's password from the secret config of that name, else derived from the secret
 * `passwordSeed` (so a test needs one secret, not one per person).
 */
export const ROSTER_PROGRAM = `"use strict";
const pulumi = require("@pulumi/pulumi");
const fs = require("fs");
const path = require("path");
const { roster } = require("pulumi-telephony");
const cfg = new pulumi.Config();
const defaults = JSON.parse(fs.readFileSync(path.join(__dirname, "defaults.json"), "utf8"));
const seed = cfg.getSecret("passwordSeed");
const people = roster(cfg.get("roster") || "people.csv", {
    defaults,
    passwords: (login) => cfg.getSecret(login) || (seed && pulumi.interpolate\`\${seed}-\${login}\`),
});
exports.people = Object.keys(people).length;
`;

/** Writes the roster program into a stack's folder (beside the package the harness installed). */
export function writeRosterProgram(dir: string, rows: RosterRow[]): void {
    fs.writeFileSync(path.join(dir, "index.js"), ROSTER_PROGRAM);
    fs.writeFileSync(path.join(dir, "defaults.json"), JSON.stringify(ROSTER_DEFAULTS, null, 2));
    fs.writeFileSync(path.join(dir, "people.csv"), rosterCsv(rows));
}
