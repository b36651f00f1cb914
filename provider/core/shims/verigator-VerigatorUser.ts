// The stored provider of every `verigator:VerigatorUser` (see shimProvider): state holds `require("pulumi-telephony/dist/provider/core/shims/verigator-VerigatorUser.js")`.
import { shimMethods } from "../shim";
export = shimMethods("verigator:VerigatorUser");
