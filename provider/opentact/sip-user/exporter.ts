import type { Exporter, Listed } from "../../core/descriptor";
import { opentactClient } from "../client";
import { listSipConnections, listSipDomains, listSipUsers } from "./api";

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * `export` of SIP users: those of every SIP connection and domain the account lists, or of the ones given
 * (`--opentact-connection`, `--opentact-domain`; naming only one kind narrows to it).
 */
export const sipUserExporter: Exporter = {
    async list(context, scope, progress) {
        const c = opentactClient(context);
        const given = { connections: scope["opentact-connection"] ?? [], domains: scope["opentact-domain"] ?? [] };
        const narrowed = given.connections.length > 0 || given.domains.length > 0;
        const connections = narrowed ? [...given.connections] : (await listSipConnections(c)).map((x) => x.uuid);
        const domains = narrowed ? [...given.domains] : (await listSipDomains(c)).map((x) => x.domain);
        const labels = new Map<string, string>();
        const items: Array<Listed & { parent: NonNullable<Listed["parent"]> }> = [];
        for (const connection of [...new Set(connections)].sort(byString)) {
            // A domain user also belongs to its domain's connection [I]: it is exported with its domain only.
            const users = (await listSipUsers(c, { connection })).filter((u) => !u.sip_domain);
            for (const u of users) {
                if (u.sip_connection?.name) labels.set(connection, u.sip_connection.name);
                items.push({ id: u.uuid, key: u.login, live: u, parent: { property: "sipConnectionUuid", value: connection } });
            }
            progress(`opentact: ${users.length} SIP users in connection ${connection}`);
        }
        for (const i of items) i.parent.label = labels.get(i.parent.value);
        for (const domain of [...new Set(domains)].sort(byString)) {
            const users = await listSipUsers(c, { domain });
            for (const u of users) items.push({ id: u.uuid, key: u.login, live: u, parent: { property: "sipDomain", value: domain }, state: { sipDomain: domain } });
            progress(`opentact: ${users.length} SIP users in domain ${domain}`);
        }
        return items;
    },
};
