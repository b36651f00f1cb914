#!/usr/bin/env node
/**
 * `pulumi-resource-telephony`: the provider plugin's executable (package.json `bin`). The engine starts it with its
 * own address and reads the gRPC port it prints; `@pulumi/pulumi/provider`'s `main` serves the protocol.
 *
 * Two gaps of that server are bridged here, each at the one request it concerns:
 * - `Read` from `pulumi import` carries an id and no properties, and the server dereferences the properties before
 *   calling the provider. An absent property struct is read as an empty one, which the provider takes for an import.
 * - `Configure` is answered by the server without reaching the provider (a Node provider has no `configure`; the
 *   engine hands the stack's `telephony:*` config over as PULUMI_CONFIG instead). That config is the default
 *   provider's, so an explicit `pulumi:providers:telephony` would silently run with the stack's settings: the
 *   request's provider inputs are handed to the provider as it is decoded, and take effect before the next call.
 */
import * as path from "path";
import { main } from "@pulumi/pulumi/provider";
import { configSource } from "./config";
import { TelephonyProvider, reveal } from "./provider";

// The SDK's own generated modules, so the patches reach the very objects its server uses.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const providerPb = require("@pulumi/pulumi/proto/provider_pb");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const providerGrpc = require("@pulumi/pulumi/proto/provider_grpc_pb");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const structPb = require(require.resolve("google-protobuf/google/protobuf/struct_pb", { paths: [path.dirname(require.resolve("@pulumi/pulumi/proto/provider_pb"))] }));

/** Read requests without properties (import) are given an empty property struct. */
export function readWithoutPropertiesIsEmpty(): void {
    const proto = providerPb.ReadRequest.prototype;
    if (proto.__telephonyPatched) return;
    const getProperties = proto.getProperties;
    proto.getProperties = function (this: unknown) {
        return getProperties.call(this) ?? new structPb.Struct();
    };
    proto.__telephonyPatched = true;
}

/**
 * The provider inputs of every `Configure` request reach `onConfigure` as the request is decoded: the `args` struct
 * (secrets unwrapped), else the legacy `variables` map (`telephony:config:key` or `telephony:key`).
 */
export function forwardConfigure(onConfigure: (values: Record<string, unknown>) => void): void {
    const method = providerGrpc.ResourceProviderService.configure;
    const decode = method.requestDeserialize;
    method.requestDeserialize = (buffer: Buffer) => {
        const req = decode(buffer);
        const args = req.getArgs?.();
        let values: Record<string, unknown>;
        if (args) {
            values = reveal(args.toJavaScript()) as Record<string, unknown>;
        } else {
            values = {};
            for (const [k, v] of req.getVariablesMap().entries() as Iterable<[string, string]>) values[k.replace(/^[^:]+:(config:)?/, "")] = v;
        }
        delete values.version;
        onConfigure(values);
        return req;
    };
}

if (require.main === module) {
    const provider = new TelephonyProvider();
    readWithoutPropertiesIsEmpty();
    forwardConfigure((values) => provider.configure(configSource(values)));
    main(provider, process.argv.slice(2)).catch((e) => {
        process.stderr.write(`pulumi-resource-telephony: ${e instanceof Error ? e.message : String(e)}\n`);
        process.exit(1);
    });
}
