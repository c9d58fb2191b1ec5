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

/**
 * What the EBS CSI driver's role needs to create and attach volumes under `keyArn`: EC2 (never the driver
 * itself) calls KMS with the role's credentials, so everything is limited to calls through EC2 in `region`,
 * and grants to those EC2 makes for the volume it attaches.
 */
export function ebsCsiKmsPolicyDocument(keyArn: string, region: string): Record<string, unknown> {
  const throughEc2 = { "kms:ViaService": `ec2.${region}.amazonaws.com` };
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "GrantsForEbsVolumes",
        Effect: "Allow",
        Action: ["kms:CreateGrant"],
        Resource: [keyArn],
        Condition: { Bool: { "kms:GrantIsForAWSResource": "true" }, StringEquals: throughEc2 },
      },
      {
        Sid: "EncryptEbsVolumes",
        Effect: "Allow",
        Action: ["kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKeyWithoutPlaintext", "kms:ReEncryptFrom", "kms:ReEncryptTo"],
        Resource: [keyArn],
        Condition: { StringEquals: throughEc2 },
      },
    ],
  };
}
