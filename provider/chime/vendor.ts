import type { VendorInfo } from "../core/descriptor";

/** The day AWS ended support for Amazon Chime [D]; the Amazon Chime SDK services are not affected [D]. */
export const END_OF_SUPPORT_DATE = "2026-02-20";

/** Amazon Chime: its id, its name in messages, and how its client is pointed at an emulator of its API. */
export const chime = {
    id: "chime",
    name: "Amazon Chime",
    sandbox: {
        config: (origin: string) => ({ "telephony:chimeEndpoint": { value: origin } }),
        // The SDK signs with the AWS default credential chain: the environment, here the emulator's test key.
        env: (c: { accessKeyId: string; secretAccessKey: string }) => ({ AWS_ACCESS_KEY_ID: c.accessKeyId, AWS_SECRET_ACCESS_KEY: c.secretAccessKey, AWS_REGION: "us-east-1" }),
    },
} as const satisfies VendorInfo;
