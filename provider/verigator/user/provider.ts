// The provider stored in state for every `verigator:VerigatorUser`: `require("pulumi-telephony/dist/provider/verigator/user/provider.js")`
// (see shimMethods). A contract with existing state: never move or rename this file.
import { shimMethods } from "../../core/shim";
import { verigatorUser } from "./descriptor";
export = shimMethods(verigatorUser.kind);
