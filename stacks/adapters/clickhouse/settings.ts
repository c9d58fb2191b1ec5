// The component's pure modules, not its index: the index loads @pulumi/kubernetes, which only deploy.ts may need.
import { CLICKHOUSE_DEFAULTS, FIBER_DEFAULTS } from "../../../components/clickhouse/defaults";
import type { FiberSchema } from "../../../components/clickhouse/names";
import type { ContainerImage } from "../../../components/kubernetes/image";
import type { StackScope } from "../contract";
import { kubernetesHostingSettings, type KubernetesHostingSettings } from "../kubernetes-hosting";
import type { ClickhouseProfile } from "./profiles";
import type { ClickhouseConfig } from "./schema";

/** What the stack deploys: its config over the tier over the component's defaults. */
export interface ClickhouseSettings extends KubernetesHostingSettings {
  readonly enabled: boolean;
  readonly operatorInstalled: boolean;
  /** Required by the rules (no default). */
  readonly operatorNamespace?: string;
  readonly image: ContainerImage;
  readonly keeperImage: ContainerImage;
  readonly replicas: number;
  readonly keeperReplicas: number;
  readonly minReplicas: number;
  readonly minKeeperReplicas: number;
  readonly volumeSizeGiB: number;
  readonly keeperVolumeSizeGiB: number;
  readonly cpuMillis: number;
  readonly cpuLimitMillis: number;
  readonly memoryMiB: number;
  readonly keeperMemoryMiB: number;
  readonly fiber: FiberSchema;
  readonly appUsername: string;
  readonly clientCidrs: readonly string[];
}

export function clickhouseSettings(c: ClickhouseConfig, profile: ClickhouseProfile, scope: StackScope): ClickhouseSettings {
  const d = CLICKHOUSE_DEFAULTS;
  return {
    ...kubernetesHostingSettings("clickhouse", c, profile, scope),
    enabled: c.enabled ?? profile.enabled,
    operatorInstalled: c.operator?.installed ?? false,
    operatorNamespace: c.operator?.namespace,
    image: { ...d.image, ...c.image },
    keeperImage: { ...d.keeperImage, ...c.keeperImage },
    replicas: c.replicas ?? profile.replicas ?? d.replicas,
    keeperReplicas: c.keeperReplicas ?? profile.keeperReplicas ?? d.keeperReplicas,
    minReplicas: profile.minReplicas,
    minKeeperReplicas: profile.minKeeperReplicas,
    volumeSizeGiB: c.volumeSizeGiB ?? profile.volumeSizeGiB ?? d.volumeSizeGiB,
    keeperVolumeSizeGiB: c.keeperVolumeSizeGiB ?? profile.keeperVolumeSizeGiB ?? d.keeperVolumeSizeGiB,
    cpuMillis: c.cpuMillis ?? profile.cpuMillis ?? d.cpuMillis,
    cpuLimitMillis: c.cpuLimitMillis ?? profile.cpuLimitMillis ?? d.cpuLimitMillis,
    memoryMiB: c.memoryMiB ?? profile.memoryMiB ?? d.memoryMiB,
    keeperMemoryMiB: c.keeperMemoryMiB ?? d.keeperMemoryMiB,
    fiber: { database: c.database ?? FIBER_DEFAULTS.database, table: c.table ?? FIBER_DEFAULTS.table },
    appUsername: c.appUsername ?? d.appUsername,
    clientCidrs: c.clientCidrs ?? d.clientCidrs,
  };
}
