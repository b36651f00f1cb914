import { ConfigError, OutcomeUnknownError } from "../../core/errors";
import { VendorHttpClient } from "../../core/http";
import { Adapter, Found, Props, plainImportId } from "../../core/reconciler";
import { verigatorClient } from "../client";
import { VerigatorUserLive, createUser, deleteUser, getUser, listUsers } from "./api";
import type { ComputedOf } from "../../core/attributes";
import { fromAttributes } from "../../core/declared";
import type { InputsOf } from "../../core/validation";
import type { verigatorUserAttributes } from "./schema";
import { verigatorUser } from "./descriptor";

/** A user with the service it lives in: the API's answers do not name the service. */
export interface ServiceUser {
    serviceId: string;
    user: VerigatorUserLive;
}

/** The resource id is `serviceId/userId`; the user id (a uuid) holds no `/`, so the last one splits. */
export function parseId(id: string): { serviceId: string; userId: string } {
    const i = id.lastIndexOf("/");
    if (i <= 0 || i === id.length - 1) throw new ConfigError(`${JSON.stringify(id)} is not a VerigatorUser id: expected serviceId/userId`);
    return { serviceId: id.slice(0, i), userId: id.slice(i + 1) };
}

const found = (serviceId: string, user: VerigatorUserLive): Found<ServiceUser> => ({ id: `${serviceId}/${user.id}`, live: { serviceId, user } });

/**
 * Verigator users (`/v1/service/service/{serviceId}/users`). There is no update endpoint, so every input
 * replaces the user; the phone number is write-only (never returned), so its drift cannot be seen.
 */
/** The declared inputs the vendor calls receive, typed from the attributes. */
export type VerigatorUserInputs = InputsOf<typeof verigatorUserAttributes>;

export const verigatorUserAdapter: Adapter<ServiceUser, VendorHttpClient, VerigatorUserInputs> = {
    ...fromAttributes(verigatorUser),
    // `id_in_service` is unique within a service (409 otherwise [D, S]; [I] the name, not the phone, is the key):
    // a replacement that keeps both must free the name first. Any other replacement creates before deleting.
    deleteBeforeReplace: (olds, news) => olds.serviceId === news.serviceId && olds.idInService === news.idInService,

    client: verigatorClient,

    async create(c, inputs) {
        // phoneNumber is requiredOnCreate: the reconciler never creates without it (an adopted user may lack it).
        const user = await createUser(c, inputs.serviceId, { id_in_service: inputs.idInService, phone_number: inputs.phoneNumber! });
        if (typeof user?.id !== "string" || user.id === "") {
            // A 2xx without the user: the user may well exist. Let the reconciler look it up by name.
            throw new OutcomeUnknownError({
                vendor: "Messente Verigator",
                operation: "CreateUser (POST /v1/service/service/{serviceId}/users)",
                message: "the answer carried no user id",
                hint: "The user may or may not have been created",
            });
        }
        return found(inputs.serviceId, user);
    },
    async find(c, inputs) {
        // [I] names compare exactly (case-sensitive): the vendor documents no folding.
        const user = (await listUsers(c, inputs.serviceId)).find((u) => u.id_in_service === inputs.idInService);
        return user && found(inputs.serviceId, user);
    },
    /** `ctime` [S] (its format is not documented [I]: read when `Date.parse` can). */
    createdAt: (live) => live.user.ctime,
    async read(c, id) {
        const { serviceId, userId } = parseId(id);
        return { serviceId, user: await getUser(c, serviceId, userId) };
    },
    async update() {
        // Unreachable: every input replaces (replaceOnChange), so the reconciler never asks for an in-place change.
        throw new Error("Messente Verigator has no endpoint to change a user: every change replaces it");
    },
    async delete(c, id) {
        const { serviceId, userId } = parseId(id);
        await deleteUser(c, serviceId, userId);
    },

    observe(live: ServiceUser, state: Props) {
        // phoneNumber is never returned [S]: what state holds is all there is (declared not observable).
        return { serviceId: live.serviceId, idInService: live.user.id_in_service, phoneNumber: state.phoneNumber };
    },
    computed(live): ComputedOf<typeof verigatorUserAttributes> {
        return { userId: live.user.id, ctime: live.user.ctime };
    },
    importId: plainImportId("<serviceId>/<userId>", (id) => void parseId(id)),
};
