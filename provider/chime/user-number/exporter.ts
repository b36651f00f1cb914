import type { Exporter, Listed } from "../../core/descriptor";
import { chimeClient } from "../client";
import { listUsers } from "./api";

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** `export` of Chime user numbers: the users with a primary number in each account given (`--chime-account`). */
export const chimeUserNumberExporter: Exporter = {
    async list(context, scope, progress) {
        const c = chimeClient(context);
        const items: Listed[] = [];
        for (const accountId of [...new Set(scope["chime-account"] ?? [])].sort(byString)) {
            let token: string | undefined;
            let seen = 0;
            let numbered = 0;
            do {
                const page = await listUsers(c, accountId, token);
                seen += page.users.length;
                for (const u of page.users) {
                    // Only users with a primary number hold an association to adopt.
                    if (!u.PrimaryProvisionedNumber || !u.UserId) continue;
                    items.push({ id: `${accountId}/${u.UserId}`, key: u.UserId, live: u, parent: { property: "accountId", value: accountId } });
                    numbered++;
                }
                token = page.nextToken;
            } while (token);
            progress(`chime: ${seen} users in account ${accountId}, ${numbered} with a primary number`);
        }
        return items;
    },
};
