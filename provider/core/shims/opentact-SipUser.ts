// The stored provider of every `opentact:SipUser` (see shimProvider): state holds `require("pulumi-telephony/dist/provider/core/shims/opentact-SipUser.js")`.
import { shimMethods } from "../shim";
export = shimMethods("opentact:SipUser");
