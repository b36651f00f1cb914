/**
 * The provider plugin's type tokens: `telephony:<vendor>:<Name>`, one per resource, from the registry. Light (no
 * vendor code), so the policy pack and the reports can tell the plugin's resources apart like the dynamic ones.
 *
 * A token is `package:module:Type` with the vendor as module and the class name inside its namespace as type:
 * `telephony:opentact:SipUser`, `telephony:smartflo:User`, `telephony:chime:UserNumber` — the names TypeScript
 * programs write (`smartflo.User`), so every language spells a resource the same way. The dynamic resources keep
 * their URN types (`pulumi-nodejs:dynamic/smartflo:SmartfloUser`); the kind (`smartflo:SmartfloUser`) joins both.
 */
import { tokenOf } from "../core/pulumi-schema";
import { RESOURCES } from "../registry";

export { tokenOf };

/** The plugin's package name: `pulumi-resource-telephony`, its config namespace `telephony:` and its tokens' prefix. */
export const PACKAGE = "telephony";

const KIND_BY_TOKEN = new Map<string, string>(RESOURCES.map((d) => [tokenOf(d), d.kind]));

/** The kind (`smartflo:SmartfloUser`) of a plugin token (`telephony:smartflo:User`); undefined for any other type. */
export function kindOfToken(token: string): string | undefined {
    return KIND_BY_TOKEN.get(token);
}

/** The token of a kind (`opentact:SipUser` → `telephony:opentact:SipUser`). */
export function tokenOfKind(kind: string): string | undefined {
    const d = RESOURCES.find((r) => r.kind === kind);
    return d && tokenOf(d);
}

/** Every token the plugin serves, in the registry's order. */
export const TOKENS: readonly string[] = RESOURCES.map((d) => tokenOf(d));
