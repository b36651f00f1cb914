// The provider stored in state for every `ippanel:NumberAssignment`: `require("pulumi-telephony/dist/provider/ippanel/number-assignment/provider.js")`
// (see shimMethods). A contract with existing state: never move or rename this file.
import { shimMethods } from "../../core/shim";
import { numberAssignment } from "./descriptor";
export = shimMethods(numberAssignment.kind);
