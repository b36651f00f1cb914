import type { Exporter, Listed } from "../../core/descriptor";
import { verigatorClient } from "../client";
import { listUsers } from "./api";

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** `export` of Verigator users: the users of each service given (`--verigator-service`). */
export const verigatorUserExporter: Exporter = {
    async list(context, scope, progress) {
        const c = verigatorClient(context);
        const items: Listed[] = [];
        for (const serviceId of [...new Set(scope["verigator-service"] ?? [])].sort(byString)) {
            const users = await listUsers(c, serviceId);
            for (const user of users) items.push({ id: `${serviceId}/${user.id}`, key: user.id_in_service, live: { serviceId, user }, parent: { property: "serviceId", value: serviceId } });
            progress(`verigator: ${users.length} users in service ${serviceId}`);
        }
        return items;
    },
};
