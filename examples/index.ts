/**
 * Telephony state as code: one program declaring a resource of each kind, and a small roster of people.
 *
 * `npm run demo` runs it against the local sandbox. To point it at the real vendors, set the config keys the
 * README lists (`telephony:opentactBaseUrl`, `telephony:opentactToken`, …) on your own stack instead, and the
 * `demo:*` ids below to your own connection, roles, numbers, users and service.
 */
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { chime, ippanel, opentact, roster, smartflo, verigator } from "pulumi-telephony";

const demo = new pulumi.Config("demo");

/** A SIP user on OpenTact, under a SIP connection. */
const alice = new opentact.SipUser("alice", {
    sipConnectionUuid: demo.get("sipConnectionUuid") ?? "66eb0a8a-571e-41b1-8f50-4d97275cfab7",
    login: "alice.demo",
    password: demo.requireSecret("sipPassword"),
    firstName: "Alice",
    lastName: "Liddell",
    email: "alice@example.com",
});

/** A Tata Smartflo agent: role and caller id are Smartflo ids (see GET /v1/roles and My Numbers). */
const asha = new smartflo.User("asha", {
    name: "Asha Rao",
    number: "+919812345678",
    email: "asha.rao@example.com",
    loginId: "asha.rao",
    userRole: demo.getNumber("smartfloAgentRole") ?? 54743,
    password: demo.requireSecret("smartfloPassword"),
    callerId: [demo.getNumber("smartfloCallerId") ?? 1560602],
    agentGroup: ["sales"],
    designation: "Sales agent",
    internationalOutbound: false,
});

/** An IPPanel number assigned to a user. */
const support = new ippanel.NumberAssignment("support-line", {
    number: demo.get("ippanelNumber") ?? "+983000505",
    targetUser: demo.get("ippanelUser") ?? "testuser",
    send: true,
    gets: true,
});

/** An Amazon Chime user's primary phone number. */
const bob = new chime.UserNumber("bob-phone", {
    accountId: demo.get("chimeAccountId") ?? "12a3456b-7c89-012d-3456-78901e23fg45",
    userId: demo.get("chimeUserId") ?? "1ab2345c-67de-8901-f23g-45h678901j2k",
    e164PhoneNumber: demo.get("chimeNumber") ?? "+12065550100",
});

/** A user registered with a Messente Verigator service (a deprecated API). */
const carol = new verigator.User("carol-2fa", {
    serviceId: demo.get("verigatorServiceId") ?? "my-service-id",
    idInService: "carol",
    phoneNumber: "+37255512345",
});

export const sipUser = { uuid: alice.uuid, login: alice.login };
export const smartfloUser = { id: asha.id, loginId: asha.loginId };
export const numberAssignment = support.id;
export const chimeUserNumber = { id: bob.id, number: bob.e164PhoneNumber };
export const verigatorUser = { id: carol.id, idInService: carol.idInService };

/**
 * People, from a roster file: one `Person` each across the vendors it lists (see the README, People and rosters).
 * Each login's password is the secret config value of that name (`pulumi config set --secret maria.silva …`).
 */
const team = roster(path.join(__dirname, "roster.yaml"));

export const people = Object.fromEntries(Object.entries(team).map(([login, p]) => [login, p.status]));
