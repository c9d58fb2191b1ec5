// The component's pure modules, not its index: the index loads @pulumi/kubernetes, which only deploy.ts may need.
import { NEO4J_DEFAULTS } from "../../../components/neo4j/defaults";
import type { ContainerImage } from "../../../components/kubernetes/image";
import type { StackScope } from "../contract";
import { kubernetesHostingSettings, type KubernetesHostingSettings } from "../kubernetes-hosting";
import type { Neo4jProfile } from "./profiles";
import type { Neo4jConfig } from "./schema";

/** What the stack deploys: its config over the tier over the component's defaults. */
export interface Neo4jSettings extends KubernetesHostingSettings {
  readonly enabled: boolean;
  readonly image: ContainerImage;
  readonly replicas: number;
  readonly volumeSizeGiB: number;
  readonly cpuMillis: number;
  readonly cpuLimitMillis: number;
  readonly memoryMiB: number;
  readonly nodeLabel: string;
}

export function neo4jSettings(c: Neo4jConfig, profile: Neo4jProfile, scope: StackScope): Neo4jSettings {
  const d = NEO4J_DEFAULTS;
  return {
    ...kubernetesHostingSettings("neo4j", c, profile, scope),
    enabled: c.enabled ?? profile.enabled,
    image: { ...d.image, ...c.image },
    replicas: c.replicas ?? d.replicas,
    volumeSizeGiB: c.volumeSizeGiB ?? profile.volumeSizeGiB ?? d.volumeSizeGiB,
    cpuMillis: c.cpuMillis ?? profile.cpuMillis ?? d.cpuMillis,
    cpuLimitMillis: c.cpuLimitMillis ?? profile.cpuLimitMillis ?? d.cpuLimitMillis,
    memoryMiB: c.memoryMiB ?? profile.memoryMiB ?? d.memoryMiB,
    nodeLabel: c.nodeLabel ?? d.nodeLabel,
  };
}
