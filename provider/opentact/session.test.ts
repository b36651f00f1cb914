/**
 * OpenTact's email + password login through the core's login session, against the sandbox over HTTP: requests
 * made at once share one `GET /rest/auth`, and when OpenTact stops accepting the token, the requests refused with
 * it are served by one renewal.
 */
import * as assert from "assert";
import { DEFAULT_CREDENTIALS, OPENTACT_CONNECTIONS, Sandbox, startSandbox } from "../../sandbox";
import { Settings } from "../core/settings";
import { createContext } from "../runtime";
import { opentactClient } from "./client";
import { listSipUsers } from "./sip-user/api";

describe("OpenTact login session (client over HTTP against the sandbox)", () => {
    let sb: Sandbox;
    before(async () => (sb = await startSandbox()));
    after(async () => {
        await sb.close();
    });

    it("six requests at once share one login; after OpenTact expires the token, one renewal serves all six", async () => {
        const { email, password } = DEFAULT_CREDENTIALS.opentact;
        const cfg: Record<string, string> = { "telephony:opentactBaseUrl": sb.vendorUrl("opentact"), "telephony:opentactEmail": email!, "telephony:opentactPassword": password! };
        const c = opentactClient(createContext({ settings: new Settings({ get: (k) => cfg[k] }, {}) }));
        const list = () => listSipUsers(c, { connection: OPENTACT_CONNECTIONS[0] });
        const seen = () => sb.log.filter((r) => r.vendor === "opentact").map((r) => `${r.route} ${r.status}`);
        await Promise.all(Array.from({ length: 6 }, list));
        assert.deepStrictEqual(seen().filter((r) => r.startsWith("GetAuthToken")), ["GetAuthToken 200"]);
        // OpenTact forgets every token it issued (its sessions end).
        for (const s of sb.store.collection("opentact", "sessions")) s.expires = 0;
        sb.log.length = 0;
        await Promise.all(Array.from({ length: 6 }, list));
        const after = seen();
        assert.deepStrictEqual(after.filter((r) => r.startsWith("GetAuthToken")), ["GetAuthToken 200"], after.join(", "));
        const lists = after.filter((r) => !r.startsWith("GetAuthToken")).sort();
        assert.deepStrictEqual(lists, [...Array(6).fill("ListSIPUsersBySIPConnectionUUID 200"), ...Array(6).fill("ListSIPUsersBySIPConnectionUUID 401")]);
    });
});
