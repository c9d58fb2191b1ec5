import type * as pulumi from "@pulumi/pulumi";

/** Drives on gp3 EBS volumes encrypted with a customer-managed KMS key (EKS with the EBS CSI driver). */
export interface EbsEncryption {
  /** The customer-managed KMS key that encrypts every drive. No default. */
  readonly kmsKeyArn: pulumi.Input<string>;
  /** AWS region of the cluster and the key, e.g. `eu-west-1` (EC2 uses the key from there). No default. */
  readonly region: string;
  /**
   * IAM role of the cluster's EBS CSI driver (IRSA or Pod Identity role of `ebs-csi-controller-sa`). When the
   * key policy delegates to IAM, the role needs the policy this component creates before any volume can be
   * made. Same account as the key. No default.
   */
  readonly csiDriverRoleArn: string;
}

const IAM_ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;
const AWS_REGION = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;

export function ebsEncryptionProblems(ebs: EbsEncryption): string[] {
  return [
    ...(AWS_REGION.test(ebs.region) ? [] : [`ebsEncryption.region "${ebs.region}" must be an AWS region such as eu-west-1`]),
    ...(IAM_ROLE_ARN.test(ebs.csiDriverRoleArn) ? [] : [`ebsEncryption.csiDriverRoleArn "${ebs.csiDriverRoleArn}" must be an IAM role ARN`]),
  ];
}
