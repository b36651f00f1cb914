export { startSandbox, Sandbox, SandboxOptions, SandboxCredentials, DEFAULT_CREDENTIALS, LoggedRequest } from "./server";
export { OPENTACT_CONNECTIONS, OPENTACT_DOMAINS } from "./opentact";
