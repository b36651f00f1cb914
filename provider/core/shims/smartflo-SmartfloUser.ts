// The stored provider of every `smartflo:SmartfloUser` (see shimProvider): state holds `require("pulumi-telephony/dist/provider/core/shims/smartflo-SmartfloUser.js")`.
import { shimMethods } from "../shim";
export = shimMethods("smartflo:SmartfloUser");
