/**
 * pulumi-telephony: telephony state as code.
 *
 * Each resource is a Pulumi dynamic resource whose provider is a thin shim (see core/shim.ts); credentials
 * come from stack config (`telephony:*`) or the environment, never from resource inputs.
 */
/**
 * Resources are grouped by vendor, as `@pulumi/aws` groups `aws.s3.Bucket`: `opentact.SipUser`, `smartflo.User`,
 * `ippanel.NumberAssignment`, `chime.UserNumber`, `verigator.User`. A new resource is exported from its vendor's
 * `index.ts` only.
 */
export * as opentact from "./opentact";
export * as smartflo from "./smartflo";
export * as ippanel from "./ippanel";
export * as chime from "./chime";
export * as verigator from "./verigator";
/**
 * The names before the namespaces, kept so no program breaks: the same classes (same URN types), e.g.
 * `SmartfloUser` is `smartflo.User`.
 */
export { SipUser, SipUserArgs } from "./opentact/sip-user/resource";
export { SmartfloUser, SmartfloUserArgs } from "./smartflo/user/resource";
export { NumberAssignment, NumberAssignmentArgs } from "./ippanel/number-assignment/resource";
export { ChimeUserNumber, ChimeUserNumberArgs } from "./chime/user-number/resource";
export { VerigatorUser, VerigatorUserArgs } from "./verigator/user/resource";
export { AdoptArgs } from "./core/resource";
/** One person across the vendors, and rosters of people from a CSV or YAML file. */
export {
    Person,
    PersonArgs,
    PersonAgent,
    PersonChime,
    PersonNumber,
    PersonSip,
    PersonVerigator,
    PersonStatus,
    RosterDefaults,
    RosterError,
    RosterOptions,
    RosterProblem,
    roster,
    readRoster,
} from "./person";
export {
    VendorError,
    NotFoundError,
    AuthError,
    AlreadyExistsError,
    InvalidRequestError,
    ThrottledError,
    ServiceError,
    NotSentError,
    OutcomeUnknownError,
    EndOfSupportError,
    ConfigError,
} from "./core/errors";
