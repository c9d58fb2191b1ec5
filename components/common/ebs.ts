/**
 * gp3 as EC2 documents it for launch-template block devices (API_LaunchTemplateEbsBlockDeviceRequest, 2025 limits):
 * 1..65536 GiB, 3000..80000 IOPS (3000 and 125 MiB/s are the baseline every size gets), 125..2000 MiB/s, at most
 * 500 IOPS per GiB above the baseline and 0.25 MiB/s per provisioned IOPS.
 */
export const GP3 = {
  minGiB: 1, maxGiB: 65_536, minIops: 3000, maxIops: 80_000, maxIopsPerGiB: 500,
  minThroughput: 125, maxThroughput: 2000, throughputPerIops: 0.25,
} as const;
export const GP3_SOURCE = "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_LaunchTemplateEbsBlockDeviceRequest.html";

/** Most IOPS gp3 provisions on a volume: 500 per GiB, but never below the 3000 baseline every size gets. */
export function maxGp3Iops(volumeSizeGiB: number): number {
  return Math.max(GP3.minIops, Math.min(GP3.maxIops, volumeSizeGiB * GP3.maxIopsPerGiB));
}

/**
 * What a role needs to have EBS volumes created and attached under `keyArn` (the EBS CSI driver's, or one that
 * launches instances): EC2, never the caller itself, calls KMS with the role's credentials, so everything is limited
 * to calls through EC2 in `region`, and grants to those EC2 makes for the volume it attaches.
 */
export function ebsKmsPolicyDocument(keyArn: string, region: string): { Version: string; Statement: Record<string, unknown>[] } {
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
