import type { DurabilityLevel } from "../../../components/couchbase/rules";
import type { ProfileName } from "../../config/schema";
import { KUBERNETES_HOSTING_PROFILES, type KubernetesHostingProfile } from "../kubernetes-hosting";

/**
 * What a tier means for Couchbase before config overrides it. An absent optional field takes the Couchbase
 * component's default (COUCHBASE_DEFAULTS).
 */
export interface CouchbaseProfile extends KubernetesHostingProfile {
  /** Deploy Couchbase at all. */
  readonly enabled: boolean;
  /** Server pods (data, index and query on each). */
  readonly servers?: number;
  /** Spread the servers over the stack's availability zones (one Couchbase server group per zone). */
  readonly spreadOverZones: boolean;
  /** Least bucket replicas the tier accepts (data survives the loss of a server). */
  readonly minReplicas: number;
  readonly volumeSizeGiB?: number;
  readonly cpuMillis?: number;
  readonly cpuLimitMillis?: number;
  readonly memoryMiB?: number;
  readonly dataMemoryQuotaMiB?: number;
  readonly indexMemoryQuotaMiB?: number;
  readonly bucketMemoryQuotaMiB?: number;
  readonly replicas?: number;
  readonly durability?: DurabilityLevel;
}

export const COUCHBASE_PROFILES: Readonly<Record<ProfileName, CouchbaseProfile>> = {
  // Off: Couchbase is a "supported but not primary" row that needs an Enterprise licence; examples/couchbase turns it
  // on. One server (no replica can be placed, so none and no durability), the component's small sizes.
  dev: { enabled: false, ...KUBERNETES_HOSTING_PROFILES.dev, spreadOverZones: false, minReplicas: 0 },
  // Off until an issue turns it on. When on: three servers in three zones, two replicas with majority durability
  // (a write survives the loss of any one server, and durable writes still complete while one is down), KMS-encrypted
  // EBS volumes, the context named, daily backups to S3 that cannot be turned off.
  prod: {
    enabled: false, ...KUBERNETES_HOSTING_PROFILES.prod, servers: 3, spreadOverZones: true, minReplicas: 1,
    volumeSizeGiB: 100, cpuMillis: 2000, cpuLimitMillis: 4000, memoryMiB: 8192, dataMemoryQuotaMiB: 4096, indexMemoryQuotaMiB: 512,
    bucketMemoryQuotaMiB: 2048, replicas: 2, durability: "majority",
  },
};
