// The component's pure modules, not its index: the index loads @pulumi/kubernetes, which only deploy.ts may need.
import { NATS_DEFAULTS } from "../../../components/nats/defaults";
import type { ContainerImage } from "../../../components/kubernetes/image";
import type { StackScope } from "../contract";
import { kubernetesHostingSettings, type KubernetesHostingSettings } from "../kubernetes-hosting";
import type { NatsProfile } from "./profiles";
import type { NatsConfig } from "./schema";

/** What the stack deploys: its config over the tier over the component's defaults. */
export interface NatsSettings extends KubernetesHostingSettings {
  readonly enabled: boolean;
  readonly nodes: number;
  readonly volumeSizeGiB: number;
  /** GiB; absent: volumeSizeGiB. */
  readonly expandedVolumeSizeGiB?: number;
  /** GiB; absent: the component's 80 % of the claim size. */
  readonly jetStreamMaxFileStoreGiB?: number;
  readonly cpuMillis: number;
  readonly cpuLimitMillis: number;
  readonly memoryMiB: number;
  readonly bucket: string;
  readonly image: ContainerImage;
  readonly boxImage: ContainerImage;
  readonly exporterImage: ContainerImage;
  /** The fewest servers this tier accepts. */
  readonly minNodes: number;
}

export function natsSettings(c: NatsConfig, profile: NatsProfile, scope: StackScope): NatsSettings {
  const d = NATS_DEFAULTS;
  return {
    ...kubernetesHostingSettings("nats", c, profile, scope),
    enabled: c.enabled ?? profile.enabled,
    nodes: c.nodes ?? profile.nodes ?? d.nodes,
    volumeSizeGiB: c.volumeSizeGiB ?? profile.volumeSizeGiB ?? d.volumeSizeGiB,
    expandedVolumeSizeGiB: c.expandedVolumeSizeGiB,
    jetStreamMaxFileStoreGiB: c.jetStreamMaxFileStoreGiB,
    cpuMillis: c.cpuMillis ?? profile.cpuMillis ?? d.cpuMillis,
    cpuLimitMillis: c.cpuLimitMillis ?? profile.cpuLimitMillis ?? d.cpuLimitMillis,
    memoryMiB: c.memoryMiB ?? profile.memoryMiB ?? d.memoryMiB,
    bucket: c.bucket ?? d.bucket,
    image: { ...d.image, ...c.image },
    boxImage: { ...d.boxImage, ...c.boxImage },
    exporterImage: { ...d.exporterImage, ...c.exporterImage },
    minNodes: profile.minNodes,
  };
}
