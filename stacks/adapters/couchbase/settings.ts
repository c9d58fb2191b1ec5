// The component's pure modules, not its index: the index loads @pulumi/kubernetes, which only deploy.ts may need.
import { COUCHBASE_DEFAULTS } from "../../../components/couchbase/defaults";
import type { DurabilityLevel } from "../../../components/couchbase/rules";
import type { ContainerImage } from "../../../components/kubernetes/image";
import type { StackScope } from "../contract";
import { kubernetesHostingSettings, type KubernetesHostingSettings } from "../kubernetes-hosting";
import type { CouchbaseProfile } from "./profiles";
import type { CouchbaseConfig } from "./schema";

/** What the stack deploys: its config over the tier over the component's defaults. */
export interface CouchbaseSettings extends KubernetesHostingSettings {
  readonly enabled: boolean;
  readonly licenseAccepted: boolean;
  readonly operatorNamespace?: string;
  readonly clusterName: string;
  readonly image: ContainerImage;
  readonly backupImage: Partial<ContainerImage>;
  readonly servers: number;
  readonly serverGroups: readonly string[];
  readonly volumeSizeGiB: number;
  readonly cpuMillis: number;
  readonly cpuLimitMillis: number;
  readonly memoryMiB: number;
  readonly dataMemoryQuotaMiB: number;
  readonly indexMemoryQuotaMiB: number;
  readonly bucket: {
    readonly name: string;
    readonly memoryQuotaMiB: number;
    readonly replicas: number;
    readonly durability: DurabilityLevel;
    readonly maxTtlSeconds: number;
    readonly compression: "off" | "passive" | "active";
    readonly evictionPolicy: "valueOnly" | "fullEviction";
  };
  readonly appUsername: string;
  readonly backupRetentionHours: number;
  readonly spreadOverZones: boolean;
  readonly minReplicas: number;
}

export function couchbaseSettings(c: CouchbaseConfig, profile: CouchbaseProfile, scope: StackScope): CouchbaseSettings {
  const d = COUCHBASE_DEFAULTS;
  const servers = c.servers ?? profile.servers ?? d.servers;
  return {
    ...kubernetesHostingSettings("couchbase", c, profile, scope),
    enabled: c.enabled ?? profile.enabled,
    licenseAccepted: c.licenseAccepted ?? false,
    operatorNamespace: c.operatorNamespace,
    clusterName: c.clusterName ?? d.clusterName,
    image: { ...d.image, ...c.image },
    backupImage: { ...d.backupImage, ...c.backupImage },
    servers,
    // One Couchbase server group per zone of the stack: the operator places the servers round-robin over them.
    serverGroups: c.serverGroups ?? (profile.spreadOverZones && servers > 1 ? scope.env.availabilityZones : []),
    volumeSizeGiB: c.volumeSizeGiB ?? profile.volumeSizeGiB ?? d.volumeSizeGiB,
    cpuMillis: c.cpuMillis ?? profile.cpuMillis ?? d.cpuMillis,
    cpuLimitMillis: c.cpuLimitMillis ?? profile.cpuLimitMillis ?? d.cpuLimitMillis,
    memoryMiB: c.memoryMiB ?? profile.memoryMiB ?? d.memoryMiB,
    dataMemoryQuotaMiB: c.dataMemoryQuotaMiB ?? profile.dataMemoryQuotaMiB ?? d.dataMemoryQuotaMiB,
    indexMemoryQuotaMiB: c.indexMemoryQuotaMiB ?? profile.indexMemoryQuotaMiB ?? d.indexMemoryQuotaMiB,
    bucket: {
      name: c.bucket?.name ?? d.bucket.name,
      memoryQuotaMiB: c.bucket?.memoryQuotaMiB ?? profile.bucketMemoryQuotaMiB ?? d.bucket.memoryQuotaMiB,
      replicas: c.bucket?.replicas ?? profile.replicas ?? d.bucket.replicas,
      durability: c.bucket?.durability ?? profile.durability ?? d.bucket.durability,
      maxTtlSeconds: c.bucket?.maxTtlSeconds ?? d.bucket.maxTtlSeconds,
      compression: c.bucket?.compression ?? d.bucket.compression,
      evictionPolicy: c.bucket?.evictionPolicy ?? d.bucket.evictionPolicy,
    },
    appUsername: c.appUsername ?? d.appUsername,
    backupRetentionHours: c.backupRetentionHours ?? d.backupRetentionHours,
    spreadOverZones: profile.spreadOverZones,
    minReplicas: profile.minReplicas,
  };
}
