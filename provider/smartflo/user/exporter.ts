import type { Exporter } from "../../core/descriptor";
import { smartfloClient } from "../client";
import { allUserPages, getUser } from "./api";

/** Runs `fn` over `items` with at most `limit` at once (the HTTP client bounds requests in flight too). */
async function mapLimit<T, R>(items: T[], limit: number, fn: (t: T) => Promise<R>): Promise<R[]> {
    const results: R[] = new Array(items.length);
    let next = 0;
    const worker = async () => {
        while (next < items.length) {
            const i = next++;
            results[i] = await fn(items[i]);
        }
    };
    await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
    return results;
}

/** `export` of Smartflo users: every user of the account, each read once, as `refresh` would read it. */
export const smartfloUserExporter: Exporter = {
    async list(context, _scope, progress) {
        const c = smartfloClient(context);
        const ids: string[] = [];
        for await (const page of allUserPages(c)) {
            ids.push(...page.map((u) => String(u.id)));
            progress(`smartflo: ${ids.length} users listed`);
        }
        // The list items are flat and partial: each user is read once, as `refresh` would read it.
        let read = 0;
        return mapLimit(ids, 8, async (id) => {
            const data = await getUser(c, id);
            if (++read % 50 === 0 || read === ids.length) progress(`smartflo: ${read} of ${ids.length} users read`);
            return { id, key: String(data.team_member?.login_id ?? id), live: { data } };
        });
    },
};
