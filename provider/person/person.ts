import * as pulumi from "@pulumi/pulumi";
import { ChimeUserNumber, ChimeUserNumberArgs } from "../chime/user-number/resource";
import { NumberAssignment, NumberAssignmentArgs } from "../ippanel/number-assignment/resource";
import { SipUser, SipUserArgs } from "../opentact/sip-user/resource";
import { SmartfloUser, SmartfloUserArgs } from "../smartflo/user/resource";
import { VerigatorUser, VerigatorUserArgs } from "../verigator/user/resource";
import { Child, Lift, PersonDeclaration, childrenOf, statusOf } from "./children";
import { PERSON_TYPE, PersonStatus, SectionKey } from "./sections";

/** A person's SIP user on OpenTact: the `SipUser` properties; login, e-mail and first/last name default to the person's. */
export type PersonSip = Omit<SipUserArgs, "login" | "password" | "adopt"> & Partial<Pick<SipUserArgs, "login">>;
/** A person's contact-centre agent on Tata Smartflo: the `smartflo.User` properties; login id, name and e-mail default to the person's, `blocked` is the status's. */
export type PersonAgent = Omit<SmartfloUserArgs, "name" | "email" | "loginId" | "password" | "blocked" | "adopt"> & Partial<Pick<SmartfloUserArgs, "name" | "email" | "loginId">>;
/**
 * A number assigned to the person on IPPanel (`ippanel.NumberAssignment`): the number (or its id) as a plain value —
 * it names the resource —, the IPPanel user who gets it (`ippanelUser`, or `ippanelUserId`), and `send`/`gets`
 * (default true).
 */
export interface PersonNumber {
    number?: string;
    numberId?: number;
    ippanelUser?: NumberAssignmentArgs["targetUser"];
    ippanelUserId?: NumberAssignmentArgs["targetUserId"];
    send?: NumberAssignmentArgs["send"];
    gets?: NumberAssignmentArgs["gets"];
}
/** The person's Amazon Chime user (in an account) and the number it holds (`chime.UserNumber`). */
export interface PersonChime {
    accountId: ChimeUserNumberArgs["accountId"];
    userId: ChimeUserNumberArgs["userId"];
    /** The user's number, E.164 (`e164PhoneNumber` of `chime.UserNumber`). */
    number: ChimeUserNumberArgs["e164PhoneNumber"];
}
/** The person's two-factor registration with a Verigator service (`verigator.User`); the id in service defaults to the login. */
export type PersonVerigator = Omit<VerigatorUserArgs, "idInService" | "adopt"> & Partial<Pick<VerigatorUserArgs, "idInService">>;

/**
 * One person across the vendors: login, display name, e-mail and password once, and a section per vendor the
 * person is on (any subset).
 */
export interface PersonArgs {
    /** The login on every vendor (SIP login, Smartflo login id, Verigator id in service). Default: the resource name. */
    login?: pulumi.Input<string>;
    /** The display name: Smartflo's name; the SIP user's first name (every word but the last) and last name (the last word). */
    name?: pulumi.Input<string>;
    /** The e-mail address (Smartflo's, the SIP user's). */
    email?: pulumi.Input<string>;
    /** The password where a vendor needs one (SIP user, Smartflo web login); always stored as a secret. Take it from secret config. */
    password?: pulumi.Input<string>;
    /**
     * `active` (default), or `suspended`: the Smartflo agent is blocked, every number (IPPanel, Chime, Verigator) is
     * released, the logins are kept (a call centre keeps agents for reporting). A plain value: it decides which
     * children exist.
     */
    status?: PersonStatus;
    /** Take over the person's existing objects (matched by login, number, …) instead of failing: every child adopts. */
    adopt?: boolean;
    sip?: PersonSip;
    agent?: PersonAgent;
    numbers?: PersonNumber[];
    chime?: PersonChime;
    verigator?: PersonVerigator;
}

const CLASSES: Record<SectionKey, new (name: string, args: any, opts?: pulumi.CustomResourceOptions) => pulumi.CustomResource> = {
    sip: SipUser,
    agent: SmartfloUser,
    numbers: NumberAssignment,
    chime: ChimeUserNumber,
    verigator: VerigatorUser,
};

/**
 * Makes a person's child: by default the package's dynamic resource of the section's kind (`opentact.SipUser`, …);
 * the provider plugin's `construct` gives its own resources instead (`telephony:opentact:SipUser`, …).
 */
export type ChildFactory = (section: SectionKey, name: string, args: Record<string, unknown>, opts: pulumi.CustomResourceOptions) => pulumi.CustomResource;

const dynamicChild: ChildFactory = (section, name, args, opts) => new CLASSES[section](name, args, opts);

/** Derived values of values the program computes are computed when those are known. */
const outputLift: Lift = (value, fn) => (typeof value === "string" ? fn(value) : pulumi.output(value as pulumi.Input<string>).apply((v) => fn(v) as string));

/**
 * One person, one declaration: the person's SIP user (OpenTact), contact-centre agent (Tata Smartflo), numbers
 * (IPPanel), Chime number and Verigator registration, as children named after the person (`asha.rao-sip`,
 * `asha.rao-agent`, `asha.rao-number-983000505`, `asha.rao-chime`, `asha.rao-verigator`), sharing the person's login,
 * name, e-mail and password.
 *
 * Every child that holds a number depends on the person's users, so Pulumi releases the numbers before it removes
 * a user: when the person leaves the program, and when a user is replaced. Suspending the person blocks the agent
 * and releases the numbers; the logins stay. Children are named from the person's resource name, so Pulumi's
 * `aliases` on the person (a rename) carry over to every child.
 */
export class Person extends pulumi.ComponentResource {
    /** The login on every vendor. */
    readonly login: pulumi.Output<string>;
    readonly status: PersonStatus;
    readonly sipUser?: SipUser;
    readonly agent?: SmartfloUser;
    /** The person's IPPanel numbers, by number (or `id-<numberId>`). */
    readonly numbers: Record<string, NumberAssignment> = {};
    readonly chime?: ChimeUserNumber;
    readonly verigator?: VerigatorUser;
    /** Every child, in declaration order. */
    readonly children: pulumi.CustomResource[] = [];

    /** `child`: how each child is made (the plugin's `construct` makes its own resources); default: the dynamic resources. */
    constructor(name: string, args: PersonArgs, opts?: pulumi.ComponentResourceOptions, child: ChildFactory = dynamicChild) {
        const status = statusOf(name, args as PersonDeclaration);
        const login = args.login ?? name;
        const sections = (Object.keys(CLASSES) as SectionKey[]).filter((k) => args[k] !== undefined && args[k] !== null);
        // What the engine records of the person (no name, e-mail or password: those live in the children): what the
        // reports and the policy pack read.
        super(PERSON_TYPE, name, { login, status, sections }, opts);
        this.login = pulumi.output(login);
        this.status = status;
        const kids = childrenOf(name, args as PersonDeclaration, outputLift);
        const users: pulumi.CustomResource[] = [];
        const declare = (c: Child) => {
            const opts: pulumi.CustomResourceOptions = { parent: this, ...(c.section.number && users.length ? { dependsOn: users } : {}) };
            const r = child(c.section.key, c.name, c.args, opts);
            this.children.push(r);
            return r;
        };
        // Users first: the numbers' dependencies.
        for (const c of kids.filter((k) => k.section.user)) {
            const r = declare(c);
            users.push(r);
            if (c.section.key === "sip") this.sipUser = r as SipUser;
            if (c.section.key === "agent") this.agent = r as SmartfloUser;
        }
        for (const c of kids.filter((k) => !k.section.user)) {
            const r = declare(c);
            if (c.section.key === "numbers") this.numbers[c.name.slice(`${name}-number-`.length)] = r as NumberAssignment;
            if (c.section.key === "chime") this.chime = r as ChimeUserNumber;
            if (c.section.key === "verigator") this.verigator = r as VerigatorUser;
        }
        this.registerOutputs({ login: this.login, status, sections });
    }
}
