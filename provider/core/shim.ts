import type * as pulumi from "@pulumi/pulumi";

/**
 * The provider methods of one resource kind, as Pulumi serializes them: they capture only the kind string, and
 * each loads the real logic by package name when it is called. So state holds no client, secret or absolute
 * path, and a package upgrade reaches resources created by older versions.
 *
 * Keep it this way: anything referenced from these bodies is copied into state.
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

/**
 * The provider object of a resource kind (`opentact:SipUser`): the exports of the package module
 * `pulumi-telephony/dist/provider/core/shims/<vendor>-<Type>.js` (provider/core/shims/), one small module per kind whose exports ARE
 * {@link shimMethods}. Pulumi's closure serializer stores a value that is an installed package module's exports
 * as `require("<module>")`, so the stored provider is a few hundred bytes instead of the methods' source (≈2.7 KB),
 * and it is the same object for every resource of the kind, so the program serializes it once per kind, not once
 * per resource. A package reached outside `node_modules` (a symlinked or workspace checkout) is serialized by
 * value instead: larger, equally correct.
 *
 * The module names are a contract with existing state: never rename or remove one.
 */
export function shimProvider(kind: string): pulumi.dynamic.ResourceProvider {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(`./shims/${kind.replace(":", "-")}`);
}
