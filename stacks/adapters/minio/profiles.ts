import type { ProfileName } from "../../config/schema";

/**
 * What a tier means for MinIO before config overrides it. An absent optional field takes the MinioCluster
 * component's default (MINIO_DEFAULTS).
 */
export interface MinioProfile {
  /** Deploy MinIO at all. */
  readonly enabled: boolean;
  /** Server pods: 1, or >= 4 for a distributed erasure-coded pool. */
  readonly servers?: number;
  readonly drivesPerServer?: number;
  /** Size of each drive, GiB. */
  readonly volumeSizeGiB?: number;
  /** CPU request / limit per server, millicores; memory request = limit, MiB. */
  readonly cpuMillis?: number;
  readonly cpuLimitMillis?: number;
  readonly memoryMiB?: number;
  /** Put the drives on a gp3 EBS StorageClass encrypted with the environment's KMS key (EKS with the EBS CSI driver). */
  readonly ebsKmsStorageClass: boolean;
  /** A stack file may opt out of TLS (`insecureHttp: true`); the tier itself never does. */
  readonly insecureHttpAllowed: boolean;
  /** Config must name the kubeconfig context: never deploy to whatever cluster happens to be current. */
  readonly contextRequired: boolean;
}

export const MINIO_PROFILES: Readonly<Record<ProfileName, MinioProfile>> = {
  // The component's single server with one drive: enough to run the Fiber adapter against. Any conformant
  // cluster will do (no EBS CSI driver assumed); the stack file may opt out of TLS. Expiry and the audit
  // archive's lock come from the S3 side (docs/components.md: MinIO, dev exceptions).
  dev: { enabled: true, ebsKmsStorageClass: false, insecureHttpAllowed: true, contextRequired: false },
  // Distributed: 4 servers x 4 drives = one 16-drive erasure set (EC:4), on KMS-encrypted EBS, TLS only.
  // Expiry and the audit archive's lock come from the S3 side (MinIO has no colder tiers to move data to).
  prod: {
    enabled: true, servers: 4, drivesPerServer: 4, volumeSizeGiB: 250, cpuMillis: 1000, cpuLimitMillis: 4000, memoryMiB: 8192,
    ebsKmsStorageClass: true, insecureHttpAllowed: false, contextRequired: true,
  },
};
