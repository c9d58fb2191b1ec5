import type { ProfileName } from "../../config/schema";
import { KUBERNETES_HOSTING_PROFILES, type KubernetesHostingProfile } from "../kubernetes-hosting";

/** What a tier means for NATS before config overrides it. An absent optional field takes NATS_DEFAULTS. */
export interface NatsProfile extends KubernetesHostingProfile {
  /** Deploy NATS at all. */
  readonly enabled: boolean;
  /** Server pods: 1, or 3+ for a JetStream cluster. */
  readonly nodes?: number;
  /** JetStream volume per server, GiB. */
  readonly volumeSizeGiB?: number;
  /** CPU request / limit per server, millicores; memory request = limit, MiB. */
  readonly cpuMillis?: number;
  readonly cpuLimitMillis?: number;
  readonly memoryMiB?: number;
  /** The fewest servers config may set for this tier (prod: a quorum that survives one loss). */
  readonly minNodes: number;
}

export const NATS_PROFILES: Readonly<Record<ProfileName, NatsProfile>> = {
  // Off: NATS is a "future" row of the matrix; examples/nats turns it on. One server, the bucket R1.
  dev: { enabled: false, ...KUBERNETES_HOSTING_PROFILES.dev, nodes: 1, minNodes: 1 },
  // Off until an issue turns it on. When on: three servers (the meta group and the R3 bucket survive one loss),
  // KMS-encrypted EBS, the context named, daily stream backups to S3 that cannot be turned off.
  prod: {
    enabled: false, ...KUBERNETES_HOSTING_PROFILES.prod, nodes: 3, minNodes: 3,
    volumeSizeGiB: 50, cpuMillis: 500, cpuLimitMillis: 2000, memoryMiB: 2048,
  },
};
