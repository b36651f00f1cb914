/** OpenTact's resources: `import { opentact } from "pulumi-telephony"; new opentact.SipUser(…)`. */
export { SipUser, SipUserArgs } from "./sip-user/resource";
