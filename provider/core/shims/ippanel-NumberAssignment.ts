// The stored provider of every `ippanel:NumberAssignment` (see shimProvider): state holds `require("pulumi-telephony/dist/provider/core/shims/ippanel-NumberAssignment.js")`.
import { shimMethods } from "../shim";
export = shimMethods("ippanel:NumberAssignment");
