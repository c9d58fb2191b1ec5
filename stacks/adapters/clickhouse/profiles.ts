import type { ProfileName } from "../../config/schema";
import { KUBERNETES_HOSTING_PROFILES, type KubernetesHostingProfile } from "../kubernetes-hosting";

/**
 * What a tier means for ClickHouse before config overrides it. An absent optional field takes the ClickHouse
 * component's default (CLICKHOUSE_DEFAULTS).
 */
export interface ClickhouseProfile extends KubernetesHostingProfile {
  /** Deploy ClickHouse at all. */
  readonly enabled: boolean;
  /** Replicas of the one shard, and the fewest the tier accepts. */
  readonly replicas?: number;
  readonly minReplicas: number;
  /** Keeper members, and the fewest the tier accepts. */
  readonly keeperReplicas?: number;
  readonly minKeeperReplicas: number;
  /** Data volume of each replica, GiB; Keeper volume, GiB. */
  readonly volumeSizeGiB?: number;
  readonly keeperVolumeSizeGiB?: number;
  /** CPU request / limit per server, millicores; memory request = limit, MiB. */
  readonly cpuMillis?: number;
  readonly cpuLimitMillis?: number;
  readonly memoryMiB?: number;
}

export const CLICKHOUSE_PROFILES: Readonly<Record<ProfileName, ClickhouseProfile>> = {
  // Off: ClickHouse is a "supported (future)" row of the matrix; examples/clickhouse turns it on. One replica and one
  // Keeper member: enough to run the Fiber adapter against.
  dev: { enabled: false, ...KUBERNETES_HOSTING_PROFILES.dev, replicas: 1, minReplicas: 1, keeperReplicas: 1, minKeeperReplicas: 1 },
  // Off until an issue turns it on. When on: 1 shard x 2 replicas on separate nodes, 3 Keeper members (one may fail),
  // KMS-encrypted EBS, the context named, daily dumps to S3 that cannot be turned off.
  prod: {
    enabled: false, ...KUBERNETES_HOSTING_PROFILES.prod, replicas: 2, minReplicas: 2, keeperReplicas: 3, minKeeperReplicas: 3,
    volumeSizeGiB: 100, keeperVolumeSizeGiB: 10, cpuMillis: 1000, cpuLimitMillis: 4000, memoryMiB: 8192,
  },
};
