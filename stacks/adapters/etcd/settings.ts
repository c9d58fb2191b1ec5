// The component's pure modules, not its index: the index loads @pulumi/kubernetes, which only deploy.ts may need.
import { ETCD_DEFAULTS } from "../../../components/etcd/defaults";
import { defaultQuotaGiB } from "../../../components/etcd/sizing";
import type { ContainerImage } from "../../../components/kubernetes/image";
import type { StackScope } from "../contract";
import { kubernetesHostingSettings, type KubernetesHostingSettings } from "../kubernetes-hosting";
import type { EtcdProfile } from "./profiles";
import type { EtcdConfig } from "./schema";

/** What the stack deploys: its config over the tier over the component's defaults. */
export interface EtcdSettings extends KubernetesHostingSettings {
  readonly enabled: boolean;
  readonly members: number;
  readonly volumeSizeGiB: number;
  readonly quotaBackendGiB: number;
  readonly cpuMillis: number;
  readonly cpuLimitMillis: number;
  readonly memoryMiB: number;
  readonly keyPrefix: string;
  readonly image: ContainerImage;
  readonly clientImage: ContainerImage;
  readonly minMembers: number;
}

export function etcdSettings(c: EtcdConfig, profile: EtcdProfile, scope: StackScope): EtcdSettings {
  const d = ETCD_DEFAULTS;
  const volumeSizeGiB = c.volumeSizeGiB ?? profile.volumeSizeGiB ?? d.volumeSizeGiB;
  return {
    ...kubernetesHostingSettings("etcd", c, profile, scope),
    enabled: c.enabled ?? profile.enabled,
    members: c.members ?? profile.members ?? d.members,
    volumeSizeGiB,
    quotaBackendGiB: c.quotaBackendGiB ?? defaultQuotaGiB(volumeSizeGiB),
    cpuMillis: c.cpuMillis ?? profile.cpuMillis ?? d.cpuMillis,
    cpuLimitMillis: c.cpuLimitMillis ?? profile.cpuLimitMillis ?? d.cpuLimitMillis,
    memoryMiB: c.memoryMiB ?? profile.memoryMiB ?? d.memoryMiB,
    keyPrefix: c.keyPrefix ?? d.keyPrefix,
    image: { ...d.image, ...c.image },
    clientImage: { ...d.clientImage, ...c.clientImage },
    minMembers: profile.minMembers,
  };
}
