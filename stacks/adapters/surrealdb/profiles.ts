import type { ProfileName } from "../../config/schema";
import { KUBERNETES_HOSTING_PROFILES, type KubernetesHostingProfile } from "../kubernetes-hosting";

/**
 * What a tier means for SurrealDB before config overrides it. An absent optional field takes the SurrealDb
 * component's default (SURREALDB_DEFAULTS).
 */
export interface SurrealdbProfile extends KubernetesHostingProfile {
  /** Deploy SurrealDB at all. */
  readonly enabled: boolean;
  /** RocksDB volume, GiB. */
  readonly volumeSizeGiB?: number;
  /** CPU request / limit, millicores; memory request = limit, MiB. */
  readonly cpuMillis?: number;
  readonly cpuLimitMillis?: number;
  readonly memoryMiB?: number;
}

export const SURREALDB_PROFILES: Readonly<Record<ProfileName, SurrealdbProfile>> = {
  // Off: SurrealDB is a P2 "future" row; examples/surrealdb turns it on. The component's small server otherwise.
  dev: { enabled: false, ...KUBERNETES_HOSTING_PROFILES.dev },
  // Off until an issue turns it on. When on: a larger volume and memory for RocksDB's block cache, KMS-encrypted EBS,
  // the context named, daily exports to S3 that cannot be turned off.
  prod: { enabled: false, ...KUBERNETES_HOSTING_PROFILES.prod, volumeSizeGiB: 100, cpuMillis: 1000, cpuLimitMillis: 4000, memoryMiB: 4096 },
};
