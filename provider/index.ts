/**
 * pulumi-telephony: telephony state as code.
 *
 * Each resource is a Pulumi dynamic resource whose provider is a thin shim (see core/shim.ts); credentials
 * come from stack config (`telephony:*`) or the environment, never from resource inputs.
 */
export { SipUser, SipUserArgs } from "./opentact/sip-user/resource";
export { SmartfloUser, SmartfloUserArgs } from "./smartflo/user/resource";
export { NumberAssignment, NumberAssignmentArgs } from "./ippanel/number-assignment/resource";
export { ChimeUserNumber, ChimeUserNumberArgs } from "./chime/user-number/resource";
export { VerigatorUser, VerigatorUserArgs } from "./verigator/user/resource";
export { AdoptArgs } from "./core/resource";
export {
    VendorError,
    NotFoundError,
    AuthError,
    AlreadyExistsError,
    InvalidRequestError,
    ThrottledError,
    ServiceError,
    OutcomeUnknownError,
    EndOfSupportError,
    ConfigError,
} from "./core/errors";
