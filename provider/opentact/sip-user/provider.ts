// The provider stored in state for every `opentact:SipUser`: `require("pulumi-telephony/dist/provider/opentact/sip-user/provider.js")`
// (see shimMethods). A contract with existing state: never move or rename this file.
import { shimMethods } from "../../core/shim";
import { sipUser } from "./descriptor";
export = shimMethods(sipUser.kind);
