// The provider stored in state for every `smartflo:SmartfloUser`: `require("pulumi-telephony/dist/provider/smartflo/user/provider.js")`
// (see shimMethods). A contract with existing state: never move or rename this file.
import { shimMethods } from "../../core/shim";
import { smartfloUser } from "./descriptor";
export = shimMethods(smartfloUser.kind);
