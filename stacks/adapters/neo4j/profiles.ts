import type { ProfileName } from "../../config/schema";
import { KUBERNETES_HOSTING_PROFILES, type KubernetesHostingProfile } from "../kubernetes-hosting";

/**
 * What a tier means for Neo4j before config overrides it. An absent optional field takes the Neo4j component's
 * default (NEO4J_DEFAULTS).
 */
export interface Neo4jProfile extends KubernetesHostingProfile {
  /** Deploy Neo4j at all. */
  readonly enabled: boolean;
  /** Data volume, GiB. */
  readonly volumeSizeGiB?: number;
  /** CPU request / limit, millicores; memory request = limit, MiB. */
  readonly cpuMillis?: number;
  readonly cpuLimitMillis?: number;
  readonly memoryMiB?: number;
}

export const NEO4J_PROFILES: Readonly<Record<ProfileName, Neo4jProfile>> = {
  // Off: Neo4j is the matrix's "specialized use case" row; examples/neo4j turns it on. The component's small server.
  dev: { enabled: false, ...KUBERNETES_HOSTING_PROFILES.dev },
  // Off until an issue turns it on. When on: more memory for heap and page cache, a larger volume, KMS-encrypted
  // EBS, the context named, daily exports to S3 that cannot be turned off.
  prod: { enabled: false, ...KUBERNETES_HOSTING_PROFILES.prod, volumeSizeGiB: 50, cpuMillis: 1000, cpuLimitMillis: 4000, memoryMiB: 8192 },
};
