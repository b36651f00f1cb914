import { AssociatePhoneNumberWithUserCommand, DisassociatePhoneNumberFromUserCommand, GetUserCommand, ListUsersCommand, User } from "@aws-sdk/client-chime";
import { ChimeConnection, call } from "../client";

/**
 * A Chime user as GetUser returns it [S]; `PrimaryProvisionedNumber` is the association this resource manages.
 * The SDK builds and encodes the request paths from its own model, so ids can never change which endpoint is called.
 */
export type ChimeUser = User;

/** GetUser: `GET /accounts/{accountId}/users/{userId}` → `{User}` [S]. Read-only: retried freely. */
export async function getUser(c: ChimeConnection, accountId: string, userId: string): Promise<ChimeUser> {
    const out = await call(c, { operation: "GetUser", method: "GET", readOnly: true }, (sdk) => sdk.send(new GetUserCommand({ AccountId: accountId, UserId: userId })));
    return { AccountId: accountId, UserId: userId, ...out.User };
}

/** Users asked per ListUsers page: the API's maximum (1..200) [S]. */
const LIST_PAGE = 200;

/** One page of ListUsers: the users (each with its account id) and the token of the next page, if any. */
export interface ChimeUserPage {
    users: ChimeUser[];
    nextToken?: string;
}

/**
 * ListUsers: `GET /accounts/{accountId}/users?max-results=&next-token=` → `{Users, NextToken}` [S]; ask again
 * with `NextToken` until it is absent. Each user carries `PrimaryProvisionedNumber` like GetUser's [S].
 */
export async function listUsers(c: ChimeConnection, accountId: string, nextToken?: string): Promise<ChimeUserPage> {
    const out = await call(c, { operation: "ListUsers", method: "GET", readOnly: true }, (sdk) =>
        sdk.send(new ListUsersCommand({ AccountId: accountId, MaxResults: LIST_PAGE, NextToken: nextToken })),
    );
    return { users: (out.Users ?? []).map((u) => ({ AccountId: accountId, ...u })), nextToken: out.NextToken || undefined };
}

/**
 * AssociatePhoneNumberWithUser: `POST /accounts/{accountId}/users/{userId}?operation=associate-phone-number`
 * with `{"E164PhoneNumber": "+…"}` → 200 [S]. Marked idempotent, so it is retried on 5xx and lost answers like a
 * read: that is safe because it sets an absolute state (this number on this user) [I], and a lost answer is still
 * reported as OutcomeUnknownError so the reconciler checks with GetUser before sending it again.
 */
export async function associatePhoneNumberWithUser(c: ChimeConnection, accountId: string, userId: string, e164PhoneNumber: string): Promise<void> {
    await call(c, { operation: "AssociatePhoneNumberWithUser", method: "POST", idempotent: true }, (sdk) =>
        sdk.send(new AssociatePhoneNumberWithUserCommand({ AccountId: accountId, UserId: userId, E164PhoneNumber: e164PhoneNumber })),
    );
}

/**
 * DisassociatePhoneNumberFromUser: `POST /accounts/{accountId}/users/{userId}?operation=disassociate-phone-number`,
 * no body → 200 `{}` [seed]. Removes whatever primary number the user has; retried like associate [I].
 */
export async function disassociatePhoneNumberFromUser(c: ChimeConnection, accountId: string, userId: string): Promise<void> {
    await call(c, { operation: "DisassociatePhoneNumberFromUser", method: "POST", idempotent: true }, (sdk) =>
        sdk.send(new DisassociatePhoneNumberFromUserCommand({ AccountId: accountId, UserId: userId })),
    );
}
