/**
 * People: one `Person` across the vendors, and rosters of them from a CSV or YAML file. `import { Person, roster }
 * from "pulumi-telephony"`.
 */
import * as pulumi from "@pulumi/pulumi";
import { Person } from "./person";
import { RosterDefaults, RosterError, readRoster } from "./roster";
import { escapeName } from "./sections";
import { stackRegion } from "../core/phone-number";
import { Settings } from "../core/settings";

export { Person, PersonArgs, PersonAgent, PersonChime, PersonNumber, PersonSip, PersonVerigator } from "./person";
export { PERSON_TYPE, PersonStatus } from "./sections";
export { RosterDefaults, RosterError, RosterProblem, RosterPerson, RosterRead, readRoster, formatProblem } from "./roster";

export interface RosterOptions {
    /** Values for the columns a team shares (a YAML roster's own `defaults:` win over these): see the README's roster section. */
    defaults?: RosterDefaults;
    /**
     * The password of a login, where a person's SIP user or agent is created. Default: the secret config value named
     * by the login in the project's namespace (`pulumi config set --secret asha.rao …`). Return undefined for none.
     */
    passwords?: (login: string) => pulumi.Input<string> | undefined;
    /** Options for every person (a provider, `protect`, …); each person also gets aliases from its `formerLogins`. */
    opts?: pulumi.ComponentResourceOptions;
}

/**
 * Declares one {@link Person} per row of a roster file (`.csv`, `.yaml` or `.yml`, relative to the program's folder),
 * named by login (escaped where a URN cannot hold a character). Every row is validated first, with the resources' own checks: any problem throws a
 * {@link RosterError} listing all of them, each with file, row, column and rule, and nothing is declared — so
 * `pulumi preview` fails before any vendor is asked. Returns the people by login.
 */
export function roster(file: string, options: RosterOptions = {}): Record<string, Person> {
    const config = new pulumi.Config();
    const passwords = options.passwords ?? ((login: string) => config.getSecret(login));
    const known = new Map<string, pulumi.Input<string> | undefined>();
    const passwordOf = (login: string) => {
        if (!known.has(login)) known.set(login, passwords(login));
        return known.get(login);
    };
    // National numbers are read in the stack's region, as the provider will read them.
    const telephony = new pulumi.Config("telephony");
    const region = stackRegion(new Settings({ get: (key) => telephony.get(key.replace(/^telephony:/, "")) }));
    const read = readRoster(file, { defaults: options.defaults, hasPassword: (login) => passwordOf(login) !== undefined, region });
    if (read.problems.length) throw new RosterError(read.file, read.problems);
    const people: Record<string, Person> = {};
    for (const p of read.people) {
        const aliases = p.formerLogins.map((login) => ({ name: escapeName(login) }));
        const opts = aliases.length ? { ...options.opts, aliases: [...(options.opts?.aliases ?? []), ...aliases] } : options.opts;
        const password = passwordOf(p.login);
        // Named by login (a login with characters a URN cannot hold is escaped: `o'brien` → `o_27brien`).
        people[p.login] = new Person(escapeName(p.login), { ...(p.person as object), login: p.login, ...(password !== undefined ? { password } : {}) }, opts);
    }
    return people;
}
