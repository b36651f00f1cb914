/**
 * Amazon Chime emulation (legacy namespace, API 2018-05-01): the user phone-number operations of seed 001 and
 * the reference (section 4), spoken in the rest-json protocol that `@aws-sdk/client-chime` sends, SigV4
 * signatures included. Served at the root of its own origin, as chime.us-east-1.amazonaws.com is (the SDK keeps
 * a custom endpoint's base path, without its trailing slash, and puts the operation's path after it). Inferred
 * behaviour is marked [I].
 *
 * Every request is signed with SigV4 by a key IAM knows (./iam.ts): an IAM user's, or a session STS issued by
 * `AssumeRole`, which is served here too (`POST /`, AWS's Query protocol). Each Chime request is logged with the
 * principal that signed it.
 *
 * State switches, on the sandbox's admin origin:
 *   POST /_sandbox/vendors/chime/duplicate  {status: 200 | 409}   how associating a number the user already has is
 *        answered: ConflictException is in the API's error list [S], the case itself is not documented, so both
 *        readings are served [I]; 200 (nothing changes) by default
 *   POST /_sandbox/vendors/chime/principal  {require: ARN | null}   Chime calls must be signed by that IAM user or
 *        by a session of that role (else 403 AccessDeniedException, as an IAM policy would refuse them); null: anyone
 */
import { SandboxRequest, SandboxResponse, Store, VendorEmulator, json } from "../core";
import { Iam, formOf, stsError } from "./iam";
import { ChimeCredentials, E164, SANDBOX_PROFILE_USER, SANDBOX_ROLE, fail, ok, chimeState } from "./state";
import { verifySigV4 } from "./sigv4";

/** The readings of an associate that changes nothing (see the header). */
export const DUPLICATE_READINGS = [200, 409] as const;

export function chime(store: Store, creds: ChimeCredentials): VendorEmulator {
    const { accounts, users, numbers } = chimeState(store);
    const sw: { duplicate: (typeof DUPLICATE_READINGS)[number] } = { duplicate: 200 };
    const iam = new Iam([{ accessKeyId: creds.accessKeyId, secretAccessKey: creds.secretAccessKey, name: "sandbox" }, ...(creds.users ?? [SANDBOX_PROFILE_USER])], creds.roles ?? [SANDBOX_ROLE]);
    /** Chime's own check: a signature IAM verifies, by a principal the `principal` switch allows. */
    const authenticate = (req: SandboxRequest): SandboxResponse | undefined => {
        const signer = verifySigV4(req, iam, "chime", fail);
        if (isResponse(signer)) return signer;
        req.principal = signer.principal;
        if (!iam.allowed(signer)) return fail(403, `User: ${signer.principal} is not authorized to perform this action (the sandbox requires ${iam.required}).`, "AccessDeniedException");
        return undefined;
    };
    /** The user, or Chime's 404 for a missing account or user [S]. */
    const lookup = (req: SandboxRequest): Record<string, any> | SandboxResponse => {
        if (!accounts().some((a) => a.AccountId === req.params.accountId)) return fail(404, `The account ${req.params.accountId} was not found.`);
        const u = users().find((x) => x.AccountId === req.params.accountId && x.UserId === req.params.userId);
        return u ?? fail(404, `The user ${req.params.userId} was not found in account ${req.params.accountId}.`);
    };
    const isResponse = (x: unknown): x is SandboxResponse => typeof (x as SandboxResponse).status === "number";

    /** What GetUser shows: an absent number is left out, as AWS omits empty members [I]. */
    const view = (u: Record<string, any>) => {
        const out: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(u)) if (v !== null && v !== undefined && v !== "") out[k] = v;
        return out;
    };

    function associate(req: SandboxRequest): SandboxResponse {
        const u = lookup(req);
        if (isResponse(u)) return u;
        const raw = req.body?.E164PhoneNumber;
        if (typeof raw !== "string" || !E164.test(raw)) return fail(400, "E164PhoneNumber must match ^\\+?[1-9]\\d{1,14}$.");
        const number = raw.startsWith("+") ? raw : `+${raw}`;
        if (!numbers().some((n) => n.E164PhoneNumber === number)) return fail(404, `The phone number ${number} was not found in the inventory.`); // [I]
        if (u.PrimaryProvisionedNumber === number) {
            // Already so [I]: a 200 that changes nothing, or ConflictException (the `duplicate` switch).
            return sw.duplicate === 409 ? fail(409, `The phone number ${number} is already associated with user ${u.UserId}.`) : ok({});
        }
        // A number is the primary number of at most one user, and a user has one primary number [I].
        const holder = users().find((x) => x.PrimaryProvisionedNumber === number);
        if (holder) return fail(409, `The phone number ${number} is already associated with another user.`);
        if (u.PrimaryProvisionedNumber) return fail(409, `The user ${u.UserId} already has a primary provisioned phone number.`);
        u.PrimaryProvisionedNumber = number;
        store.save();
        return ok({});
    }

    function disassociate(req: SandboxRequest): SandboxResponse {
        const u = lookup(req);
        if (isResponse(u)) return u;
        u.PrimaryProvisionedNumber = null; // a user without a number answers 200 too [I]
        store.save();
        return ok({}); // 200 `{}` [seed]
    }

    return {
        prefix: "chime",
        authenticate,
        notFound: () => fail(404, "The requested resource was not found.", "UnknownOperationException"),
        switches: {
            duplicate(body) {
                if (!DUPLICATE_READINGS.includes(body.status)) return json(400, { message: `status must be one of ${DUPLICATE_READINGS.join(", ")}` });
                sw.duplicate = body.status;
                return json(200, { ok: true, duplicate: sw.duplicate });
            },
            principal(body) {
                if (body.require !== null && typeof body.require !== "string") return json(400, { message: "require must be an IAM user or role ARN, or null" });
                iam.required = body.require ?? undefined;
                return json(200, { ok: true, require: iam.required ?? null });
            },
        },
        // `code` is the exception type (`x-amzn-ErrorType`); by default the one the status stands for.
        error: (status, message, code) => fail(status, message, code),
        // Ids are the seed's and the admin's, the same in every run: no natural key needed.
        objectKeys: { accounts: { id: (o) => String(o.AccountId) }, users: { id: (o) => String(o.UserId) } },
        routes: [
            {
                // STS AssumeRole (Query protocol), signed for the service `sts` by any key IAM knows.
                method: "POST",
                pattern: "/",
                name: "AssumeRole",
                auth: false,
                handler(req) {
                    const signer = verifySigV4(req, iam, "sts", (status, message, code) => stsError(status, code, message));
                    if (isResponse(signer)) return signer;
                    req.principal = signer.principal;
                    return iam.assumeRole(signer, formOf(req), Date.now());
                },
            },
            {
                method: "GET",
                pattern: "/accounts/:accountId/users",
                name: "ListUsers",
                handler(req) {
                    if (!accounts().some((a) => a.AccountId === req.params.accountId)) return fail(404, `The account ${req.params.accountId} was not found.`);
                    // max-results 1..200, default 100 [S]; the token is opaque [S] — here the offset of the next page [I].
                    const raw = req.query.get("max-results");
                    const max = raw === null ? 100 : Number(raw);
                    if (!Number.isInteger(max) || max < 1 || max > 200) return fail(400, "max-results must be between 1 and 200.");
                    const token = req.query.get("next-token");
                    const start = token === null ? 0 : Number(Buffer.from(token, "base64url").toString());
                    if (!Number.isInteger(start) || start < 0) return fail(400, "The next-token is not valid.");
                    const all = users().filter((u) => u.AccountId === req.params.accountId);
                    const page = all.slice(start, start + max).map(view);
                    const next = start + max < all.length ? Buffer.from(String(start + max)).toString("base64url") : undefined;
                    return ok(next === undefined ? { Users: page } : { Users: page, NextToken: next });
                },
            },
            {
                method: "GET",
                pattern: "/accounts/:accountId/users/:userId",
                name: "GetUser",
                handler(req) {
                    const u = lookup(req);
                    return isResponse(u) ? u : ok({ User: view(u) });
                },
            },
            {
                // Both operations share a path and differ in `?operation=` [seed, S]; the sandbox names routes by
                // path, so the request log tells them apart by the query in `path`.
                method: "POST",
                pattern: "/accounts/:accountId/users/:userId",
                name: "AssociatePhoneNumberWithUser|DisassociatePhoneNumberFromUser",
                handler(req) {
                    const op = req.query.get("operation");
                    const operation = op === "associate-phone-number" ? "AssociatePhoneNumberWithUser" : op === "disassociate-phone-number" ? "DisassociatePhoneNumberFromUser" : undefined;
                    if (!operation) return fail(404, `Unknown operation ${JSON.stringify(op)}.`, "UnknownOperationException"); // [I]
                    return operation === "AssociatePhoneNumberWithUser" ? associate(req) : disassociate(req);
                },
            },
        ],
    };
}
