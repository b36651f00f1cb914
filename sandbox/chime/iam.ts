/**
 * Who may sign the emulated AWS requests, as IAM and STS know it: access keys of IAM users, roles that may be assumed
 * (with the external id their trust policy requires), and the temporary sessions AssumeRole issues. The Chime routes
 * and STS verify every SigV4 signature against it (./sigv4.ts), and each request is logged with the principal that
 * signed it, so a test sees whose keys a Chime call was signed with.
 *
 * STS's `AssumeRole` is served as AWS's Query API serves it [S: the STS model's protocol `query`, `POST /`, result
 * wrapper `AssumeRoleResult`, namespace `https://sts.amazonaws.com/doc/2011-06-15/`]: a form-encoded POST
 * (`Action=AssumeRole&Version=2011-06-15&RoleArn=…&RoleSessionName=…&ExternalId=…`) answered in XML, errors as
 * `<ErrorResponse><Error><Type>Sender</Type><Code>…</Code><Message>…</Message></Error>…`. It is served on the Chime
 * emulator's origin, where nothing else answers `POST /`; the library reaches it through `aws:endpoints[].sts`.
 */
import { randomBytes, randomUUID } from "crypto";
import { SandboxRequest, SandboxResponse } from "../core";

/** An IAM user's long-lived access key. */
export interface IamUserKey {
    accessKeyId: string;
    secretAccessKey: string;
    /** Its user's name: the principal is `arn:aws:iam::<account>:user/<name>`. */
    name: string;
}

/** A role that may be assumed; `externalId`: the one its trust policy requires, if any [D: sts:ExternalId]. */
export interface IamRole {
    arn: string;
    externalId?: string;
}

/** Whose key signed a request: an IAM user, or an assumed role's session. */
export interface Signer {
    accessKeyId: string;
    secretAccessKey: string;
    /** A session's token, which every request it signs must carry as `X-Amz-Security-Token` [D]. */
    sessionToken?: string;
    /** `arn:aws:iam::…:user/name` or `arn:aws:sts::…:assumed-role/Role/session`. */
    principal: string;
    /** The role a session is of. */
    role?: string;
    /** When a session's keys stop working (epoch ms). */
    expires?: number;
}

export const SANDBOX_ACCOUNT = "000000000000";
const xml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export class Iam {
    private readonly sessions = new Map<string, Signer>();
    /** A principal (user or role ARN) every Chime request must be signed by, when set (the `principal` switch). */
    required?: string;

    constructor(
        private readonly users: readonly IamUserKey[],
        readonly roles: readonly IamRole[],
    ) {}

    /** The signer of an access key id, user or live session. */
    signer(accessKeyId: string): Signer | undefined {
        const u = this.users.find((x) => x.accessKeyId === accessKeyId);
        if (u) return { ...u, principal: `arn:aws:iam::${SANDBOX_ACCOUNT}:user/${u.name}` };
        return this.sessions.get(accessKeyId);
    }

    /** Whether a verified signer may call Chime, under the `principal` switch. */
    allowed(s: Signer): boolean {
        return this.required === undefined || s.principal === this.required || s.role === this.required;
    }

    /**
     * `AssumeRole` for a verified caller: the role must exist and, where its trust policy names an external id, be
     * asked with it [D]; the session name 2 to 64 characters of `[\w+=,.@-]` [S]; DurationSeconds 900 to 43200, 3600 by
     * default [D].
     */
    assumeRole(caller: Signer, form: URLSearchParams, now: number): SandboxResponse {
        if (form.get("Action") !== "AssumeRole") return stsError(400, "InvalidAction", `Could not find operation ${form.get("Action")} for version ${form.get("Version")}`);
        const arn = form.get("RoleArn") ?? "";
        const session = form.get("RoleSessionName") ?? "";
        if (!/^[\w+=,.@-]{2,64}$/.test(session)) return stsError(400, "ValidationError", "1 validation error detected: Value at 'roleSessionName' failed to satisfy constraint");
        const role = this.roles.find((r) => r.arn === arn);
        const denied = () => stsError(403, "AccessDenied", `User: ${caller.principal} is not authorized to perform: sts:AssumeRole on resource: ${arn}`);
        if (!role) return denied();
        if (role.externalId !== undefined && form.get("ExternalId") !== role.externalId) return denied();
        const seconds = form.get("DurationSeconds") === null ? 3600 : Number(form.get("DurationSeconds"));
        if (!Number.isInteger(seconds) || seconds < 900 || seconds > 43_200) return stsError(400, "ValidationError", "The requested DurationSeconds exceeds the allowed range");
        const roleName = arn.slice(arn.lastIndexOf("/") + 1);
        const s: Signer = {
            accessKeyId: `ASIA${randomBytes(8).toString("hex").toUpperCase()}`,
            secretAccessKey: randomBytes(30).toString("base64"),
            sessionToken: randomBytes(48).toString("base64"),
            principal: `arn:aws:sts::${SANDBOX_ACCOUNT}:assumed-role/${roleName}/${session}`,
            role: arn,
            expires: now + seconds * 1000,
        };
        this.sessions.set(s.accessKeyId, s);
        const body =
            `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult>` +
            `<AssumedRoleUser><Arn>${xml(s.principal)}</Arn><AssumedRoleId>AROA${SANDBOX_ACCOUNT}:${xml(session)}</AssumedRoleId></AssumedRoleUser>` +
            `<Credentials><AccessKeyId>${s.accessKeyId}</AccessKeyId><SecretAccessKey>${xml(s.secretAccessKey)}</SecretAccessKey>` +
            `<SessionToken>${xml(s.sessionToken!)}</SessionToken><Expiration>${new Date(s.expires!).toISOString().replace(/\.\d{3}Z$/, "Z")}</Expiration></Credentials>` +
            `</AssumeRoleResult><ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></AssumeRoleResponse>`;
        return { status: 200, text: body, headers: { "content-type": "text/xml", "x-amzn-RequestId": randomUUID() } };
    }
}

/** An STS error as the Query protocol answers it [S]. */
export function stsError(status: number, code: string, message: string): SandboxResponse {
    const body =
        `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>${code}</Code>` +
        `<Message>${xml(message)}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`;
    return { status, text: body, headers: { "content-type": "text/xml", "x-amzn-RequestId": randomUUID() } };
}

/** The form of an STS request. */
export const formOf = (req: SandboxRequest) => new URLSearchParams(req.rawBody);
