// The provider stored in state for every `chime:ChimeUserNumber`: `require("pulumi-telephony/dist/provider/chime/user-number/provider.js")`
// (see shimMethods). A contract with existing state: never move or rename this file.
import { shimMethods } from "../../core/shim";
import { chimeUserNumber } from "./descriptor";
export = shimMethods(chimeUserNumber.kind);
