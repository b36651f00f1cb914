// The stored provider of every `chime:ChimeUserNumber` (see shimProvider): state holds `require("pulumi-telephony/dist/provider/core/shims/chime-ChimeUserNumber.js")`.
import { shimMethods } from "../shim";
export = shimMethods("chime:ChimeUserNumber");
