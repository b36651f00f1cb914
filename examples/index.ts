/**
 * Telephony state as code: one program declaring a resource of each kind.
 *
 * `npm run demo` runs it against the local sandbox. To point it at the real vendors, set the config keys the
 * README lists (`telephony:opentactBaseUrl`, `telephony:opentactToken`, …) on your own stack instead.
 */
import * as pulumi from "@pulumi/pulumi";
import { SipUser } from "pulumi-telephony";

const demo = new pulumi.Config("demo");

/** A SIP user on OpenTact, under a SIP connection. */
const alice = new SipUser("alice", {
    sipConnectionUuid: demo.get("sipConnectionUuid") ?? "66eb0a8a-571e-41b1-8f50-4d97275cfab7",
    login: "alice.demo",
    password: demo.requireSecret("sipPassword"),
    firstName: "Alice",
    lastName: "Liddell",
    email: "alice@example.com",
});

export const sipUser = { uuid: alice.uuid, login: alice.login, createdOn: alice.createdOn };
