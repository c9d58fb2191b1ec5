import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";

/** Volumes on gp3 EBS encrypted with a customer-managed KMS key (EKS with the EBS CSI driver). */
export interface EbsEncryption {
  /** The customer-managed KMS key that encrypts every volume. No default. */
  readonly kmsKeyArn: pulumi.Input<string>;
  /** AWS region of the cluster and the key, e.g. `eu-west-1` (EC2 uses the key from there). No default. */
  readonly region: string;
  /**
   * IAM role of the cluster's EBS CSI driver (IRSA or Pod Identity role of `ebs-csi-controller-sa`). When the
   * key policy delegates to IAM, the role needs the policy the workload's component creates before any volume can
   * be made. Same account as the key. No default.
   */
  readonly csiDriverRoleArn: string;
}

export const IAM_ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;
const AWS_REGION = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;

export function ebsEncryptionProblems(ebs: EbsEncryption): string[] {
  return [
    ...(AWS_REGION.test(ebs.region) ? [] : [`ebsEncryption.region "${ebs.region}" must be an AWS region such as eu-west-1`]),
    ...(IAM_ROLE_ARN.test(ebs.csiDriverRoleArn) ? [] : [`ebsEncryption.csiDriverRoleArn "${ebs.csiDriverRoleArn}" must be an IAM role ARN`]),
  ];
}

export interface EbsStorageClassInput {
  /** StorageClass name (cluster-scoped). No default. */
  readonly name: string;
  /** Labels of the class. No default. */
  readonly labels: Readonly<Record<string, string>>;
  /** Customer KMS key that encrypts every volume of the class. No default. */
  readonly kmsKeyArn: pulumi.Input<string>;
  /** Keep the EBS volume when its claim is deleted (`Retain`), else `Delete`. No default. */
  readonly retainVolumes: boolean;
  /** Filesystem the CSI driver formats the volume with, e.g. `xfs` or `ext4`. No default. */
  readonly fsType: "ext4" | "xfs";
}

/** gp3 EBS volumes encrypted with the environment's KMS key, bound where the pod lands, expandable. */
export function ebsKmsStorageClass(input: EbsStorageClassInput): k8s.storage.v1.StorageClassArgs {
  return {
    metadata: { name: input.name, labels: { ...input.labels } },
    provisioner: "ebs.csi.aws.com",
    parameters: { type: "gp3", encrypted: "true", kmsKeyId: input.kmsKeyArn, "csi.storage.k8s.io/fstype": input.fsType },
    reclaimPolicy: input.retainVolumes ? "Retain" : "Delete",
    // A zonal EBS volume must be created in the zone the pod is scheduled to.
    volumeBindingMode: "WaitForFirstConsumer",
    allowVolumeExpansion: true,
  };
}
