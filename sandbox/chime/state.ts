/** Amazon Chime emulation, state: the objects the vendor keeps, its seeded data and its rules, from the seeds and public docs (routes: ./routes.ts). Inferred behaviour is marked [I]. */
import { randomUUID } from "crypto";
import { SandboxResponse, Store, json, nowIso } from "../core";
import type { IamRole, IamUserKey } from "./iam";

export interface ChimeCredentials {
    /** The access key id of the emulation's IAM user `sandbox` (what the default chain finds in the tests' environment). */
    accessKeyId: string;
    /** Its secret: signatures are verified with it. */
    secretAccessKey: string;
    /** Further IAM users' keys (the one a credentials file's profile holds, say). Default: SANDBOX_PROFILE_USER. */
    users?: IamUserKey[];
    /** Roles that may be assumed through STS. Default: SANDBOX_ROLE. */
    roles?: IamRole[];
}

/** A second IAM user, for the key a shared credentials file's profile holds. */
export const SANDBOX_PROFILE_USER: IamUserKey = { accessKeyId: "AKIASANDBOXCHIME0002", secretAccessKey: "sandbox-chime-profile-secret-access-key", name: "sandbox-profile" };
/** The role STS lets any sandbox user assume, with the external id its trust policy requires. */
export const SANDBOX_ROLE: IamRole = { arn: "arn:aws:iam::000000000000:role/telephony-chime", externalId: "sandbox-external-id" };

/** The seeded Chime account: the seed's example id. */
export const CHIME_ACCOUNT = "12a3456b-7c89-012d-3456-78901e23fg45";
/** Seeded users of that account, none with a number; the first is the seed's example user. */
export const CHIME_USERS = [
    "1ab2345c-67de-8901-f23g-45h678901j2k",
    "2bc3456d-78ef-9012-a34b-56c789012k3l",
    "3cd4567e-89fa-0123-b45c-67d890123l4m",
    "4de5678f-90ab-1234-c56d-78e901234m5n",
];
/** The account's phone-number inventory (555-01xx: fictional numbers). */
export const CHIME_NUMBERS = ["+12065550100", "+12065550101", "+12065550102", "+12065550103", "+12065550104", "+12065550105"];
/** Chime's legacy API lives in us-east-1 only [D]. */
export const CHIME_REGION = "us-east-1";

export const E164 = /^\+?[1-9]\d{1,14}$/; // [S]

/** Status → exception type (the `x-amzn-ErrorType` header) and `Code`, per the seed's error list. */
export const ERRORS: Record<number, [string, string]> = {
    400: ["BadRequestException", "BadRequest"],
    401: ["UnauthorizedClientException", "UnauthorizedClient"],
    403: ["ForbiddenException", "Forbidden"],
    404: ["NotFoundException", "NotFound"],
    409: ["ConflictException", "Conflict"],
    429: ["ThrottledClientException", "ThrottledClient"],
    500: ["ServiceFailureException", "ServiceFailure"],
    503: ["ServiceUnavailableException", "ServiceUnavailable"],
};

/** An error as Chime sends it: `{Code, Message}` and the type in `x-amzn-ErrorType` [seed, S]. */
export function fail(status: number, message: string, type?: string): SandboxResponse {
    const [t, code] = type ? [type, type] : (ERRORS[status] ?? ["ServiceFailureException", "ServiceFailure"]);
    return json(status, { Code: code, Message: message }, { "x-amzn-ErrorType": t, "x-amzn-RequestId": randomUUID() });
}
export const ok = (body: unknown): SandboxResponse => json(200, body, { "x-amzn-RequestId": randomUUID() });

/** The vendor's stored objects: the account, its users and its phone-number inventory (seeded with the ones above). */
export function chimeState(store: Store) {
    const accounts = () => store.collection("chime", "accounts");
    const users = () => store.collection("chime", "users");
    const numbers = () => store.collection("chime", "phone-numbers");
    if (accounts().length === 0) {
        accounts().push({ AccountId: CHIME_ACCOUNT, Name: "sandbox-chime-account", AccountType: "EnterpriseLWA", DefaultLicense: "Pro", CreatedTimestamp: nowIso() });
        CHIME_USERS.forEach((UserId, i) =>
            users().push({
                UserId,
                AccountId: CHIME_ACCOUNT,
                PrimaryEmail: `chime-user-${i + 1}@example.com`,
                DisplayName: `Chime User ${i + 1}`,
                LicenseType: "Pro",
                UserType: "PrivateUser",
                UserRegistrationStatus: "Registered",
                PrimaryProvisionedNumber: null,
                RegisteredOn: nowIso(),
            }),
        );
        CHIME_NUMBERS.forEach((n) => numbers().push({ PhoneNumberId: n, E164PhoneNumber: n, Type: "Local", ProductType: "BusinessCalling" }));
    }
    return { accounts, users, numbers };
}
