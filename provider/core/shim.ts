import type * as pulumi from "@pulumi/pulumi";

/**
 * The provider object Pulumi serializes into state, once per resource. It captures only the kind string;
 * each method loads the real logic by package name when it is called. So state stays small, holds no
 * client, secret or absolute path, and a package upgrade reaches resources created by older versions.
 *
 * Keep it this way: anything referenced from these bodies is copied into every resource's state.
 */
export function shimProvider(kind: string): pulumi.dynamic.ResourceProvider {
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
