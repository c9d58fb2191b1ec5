import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { AccountScope } from "../common/aws";
import { type KeyCloudFrontReaders, keyPolicyDocument } from "./policy";

export type { KeyCloudFrontReaders } from "./policy";
export { KEY_POLICY_SOURCE_ACCOUNT_SCOPED, keyPolicyDocument, KEY_SERVICE_PUBLISHERS, type KeyServicePublisher } from "./policy";

export interface EncryptionKeyArgs extends AccountScope, KeyCloudFrontReaders {
  /** Human description shown in the KMS console. Default: `Sparki storage key (<name>)`. */
  readonly description?: string;
  /** Days KMS waits before deleting the key after a delete request (7-30). Default: 30 days. */
  readonly deletionWindowDays?: number;
  /** Alias without the `alias/` prefix. Default: the component name. */
  readonly alias?: string;
  /** Pulumi `protect` on the key: a protected key cannot be deleted by `pulumi destroy`. Default: false. */
  readonly protect?: boolean;
}

/** A customer-managed, rotating symmetric KMS key for every storage service of one environment. */
export class EncryptionKey extends pulumi.ComponentResource {
  readonly key: aws.kms.Key;
  readonly arn: pulumi.Output<string>;
  readonly keyId: pulumi.Output<string>;

  constructor(name: string, args: EncryptionKeyArgs, opts?: pulumi.ComponentResourceOptions) {
    const deletionWindowDays = args.deletionWindowDays ?? 30;
    if (!Number.isInteger(deletionWindowDays) || deletionWindowDays < 7 || deletionWindowDays > 30) {
      throw new Error(`EncryptionKey ${name}: deletionWindowDays must be an integer 7..30, got ${deletionWindowDays}`);
    }
    super("sparki:kms:EncryptionKey", name, {}, opts);
    this.key = new aws.kms.Key(`${name}-key`, {
      description: args.description ?? `Sparki storage key (${name})`,
      keyUsage: "ENCRYPT_DECRYPT",
      customerMasterKeySpec: "SYMMETRIC_DEFAULT",
      enableKeyRotation: true,
      deletionWindowInDays: deletionWindowDays,
      policy: JSON.stringify(keyPolicyDocument(args)),
    }, { parent: this, protect: args.protect ?? false });
    new aws.kms.Alias(`${name}-alias`, {
      name: `alias/${args.alias ?? name}`,
      targetKeyId: this.key.keyId,
    }, { parent: this });
    this.arn = this.key.arn;
    this.keyId = this.key.keyId;
    this.registerOutputs({ arn: this.arn, keyId: this.keyId });
  }
}
