import type { ProfileName } from "../../config/schema";
import { KUBERNETES_HOSTING_PROFILES, type KubernetesHostingProfile } from "../kubernetes-hosting";
import type { DeploymentEnvironment, DeploymentMode } from "../../../components/arangodb/rules";

/** What a tier means for ArangoDB before config overrides it; absent sizes take the component's defaults. */
export interface ArangoDbProfile {
  /** Off in both tiers: examples/arangodb turns it on. */
  readonly enabled: boolean;
  readonly hosting: KubernetesHostingProfile;
  readonly mode: DeploymentMode;
  /** The operator's environment: `Production` spreads agents and DB-Servers over nodes (required anti-affinity). */
  readonly environment: DeploymentEnvironment;
  readonly volumeSizeGiB?: number;
  readonly memoryMiB?: number;
  /** Encryption at rest may not be turned off. */
  readonly encryptionRequired: boolean;
  /**
   * Cluster mode: arangod's replication defaults for new databases and collections (the Fiber adapter creates
   * nothing itself now, but these also govern the database the provisioning Job creates). Absent: the component's
   * (2 copies, write concern 1).
   */
  readonly replication?: { readonly replicationFactor: number; readonly minReplicationFactor: number; readonly writeConcern: number };
}

export const ARANGODB_PROFILES: Readonly<Record<ProfileName, ArangoDbProfile>> = {
  // One server on any conformant cluster: enough to run the Fiber adapter against.
  dev: { enabled: false, hosting: KUBERNETES_HOSTING_PROFILES.dev, mode: "Single", environment: "Development", encryptionRequired: false },
  // A cluster (3 agents, 3 DB-Servers, 2 Coordinators: the component's defaults, above the operator's production
  // minimums of 3, 2 and 2) spread over nodes, 100 GiB per DB-Server on the stack key's StorageClass. Every shard
  // on 3 DB-Servers, at least 2 for any collection, a write acknowledged by 2: one DB-Server lost or restarting
  // loses no data and keeps every key writable (arangod's own default is a single copy).
  prod: {
    enabled: false, hosting: KUBERNETES_HOSTING_PROFILES.prod, mode: "Cluster", environment: "Production",
    volumeSizeGiB: 100, memoryMiB: 8192, encryptionRequired: true,
    replication: { replicationFactor: 3, minReplicationFactor: 2, writeConcern: 2 },
  },
};
