import type * as pulumi from "@pulumi/pulumi";

/**
 * The provider methods of one resource kind, as Pulumi serializes them: they capture only the kind string, and
 * each loads the real logic by package name when it is called. So state holds no client, secret or absolute
 * path, and a package upgrade reaches resources created by older versions.
 *
 * Keep it this way: anything referenced from these bodies is copied into state.
 *
 * Each resource folder has a `provider.ts` whose exports ARE these methods (`export = shimMethods(kind)`), and the
 * resource passes that module's exports to Pulumi (`ResourceDescriptor.loadProvider`). Pulumi's closure serializer
 * stores a value that is an installed package module's exports as `require("<module>")`, so the stored provider is
 * a few hundred bytes instead of the methods' source (about 2.7 KB), the same object for every resource of the kind
 * (serialized once per kind, not per resource). A package reached outside `node_modules` (a symlinked or workspace
 * checkout) is serialized by value instead: larger, equally correct. The modules' paths are a contract with existing
 * state: never move or rename one.
 */
export function shimMethods(kind: string): pulumi.dynamic.ResourceProvider {
    return {
        async configure(req) {
            return require("pulumi-telephony/runtime").configure(req);
        },
        async check(olds, news) {
            return require("pulumi-telephony/runtime").provider(kind).check(olds, news);
        },
        async diff(id, olds, news) {
            return require("pulumi-telephony/runtime").provider(kind).diff(id, olds, news);
        },
        async create(inputs) {
            return require("pulumi-telephony/runtime").provider(kind).create(inputs);
        },
        async read(id, props) {
            return require("pulumi-telephony/runtime").provider(kind).read(id, props);
        },
        async update(id, olds, news) {
            return require("pulumi-telephony/runtime").provider(kind).update(id, olds, news);
        },
        async delete(id, props) {
            return require("pulumi-telephony/runtime").provider(kind).delete(id, props);
        },
    };
}
