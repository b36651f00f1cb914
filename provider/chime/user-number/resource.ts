import * as pulumi from "@pulumi/pulumi";
import { AdoptArgs, ArgsOf, OutputsOf, TelephonyResource } from "../../core/resource";
import type { chimeUserNumberAttributes } from "./schema";
import { chimeUserNumber } from "./descriptor";

/**
 * Inputs of a {@link ChimeUserNumber}. Constraints are Amazon Chime's; a bad value fails at `pulumi preview`.
 * AWS credentials never go here: they come from the AWS default chain (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY,
 * AWS_PROFILE, roles); the region from `telephony:chimeRegion`, else `aws:region`, else us-east-1; the endpoint
 * from `telephony:chimeEndpoint` (CHIME_ENDPOINT) when it is not AWS's own.
 *
 * `adopt`: a user that already has a primary number is an existing assignment. Without `adopt` the create fails
 * (whether it has this number or another); with `adopt: true` the user is taken over and, if its number differs,
 * given the declared one. A number held by another user is never taken.
 * Derived from the attributes (`chimeUserNumberAttributes`), where each property and its documentation are declared.
 */
export interface ChimeUserNumberArgs extends ArgsOf<typeof chimeUserNumberAttributes>, AdoptArgs {}

/** The inputs and computed outputs, as outputs: declared once, with their documentation, in `chimeUserNumberAttributes`. */
export interface ChimeUserNumber extends OutputsOf<typeof chimeUserNumberAttributes> {}

/**
 * The primary phone number of an Amazon Chime user (legacy Chime API, `AssociatePhoneNumberWithUser`). Its id is
 * `accountId/userId`. AWS ended support for Amazon Chime on 2026-02-20: against AWS's own endpoint a refusal
 * fails with an EndOfSupportError that says what to do; any API-compatible endpoint keeps working.
 */
export class ChimeUserNumber extends TelephonyResource {
    constructor(name: string, args: ChimeUserNumberArgs, opts?: pulumi.CustomResourceOptions) {
        super(chimeUserNumber, name, args, opts);
    }
}
