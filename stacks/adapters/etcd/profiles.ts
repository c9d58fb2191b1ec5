import type { ProfileName } from "../../config/schema";
import { KUBERNETES_HOSTING_PROFILES, type KubernetesHostingProfile } from "../kubernetes-hosting";

/**
 * What a tier means for etcd before config overrides it. An absent optional field takes the EtcdCluster
 * component's default (ETCD_DEFAULTS). Off in both tiers: examples/etcd turns it on.
 */
export interface EtcdProfile extends KubernetesHostingProfile {
  readonly enabled: boolean;
  /** Members: odd, 1..7. */
  readonly members?: number;
  /** Each member's volume, GiB. */
  readonly volumeSizeGiB?: number;
  readonly cpuMillis?: number;
  readonly cpuLimitMillis?: number;
  readonly memoryMiB?: number;
  /** Fewest members the tier accepts (prod: 3, so one member can fail or be drained). */
  readonly minMembers: number;
}

export const ETCD_PROFILES: Readonly<Record<ProfileName, EtcdProfile>> = {
  // One member on the StorageClass the stack file names: enough to run the Fiber adapter against.
  dev: { ...KUBERNETES_HOSTING_PROFILES.dev, enabled: false, members: 1, volumeSizeGiB: 4, minMembers: 1 },
  // Three members (one may fail), one per node, on KMS-encrypted gp3; 2 GiB quota on 10 GiB volumes.
  prod: {
    ...KUBERNETES_HOSTING_PROFILES.prod, enabled: false, members: 3, volumeSizeGiB: 10, cpuMillis: 500, cpuLimitMillis: 2000, memoryMiB: 2048, minMembers: 3,
  },
};
