// The component's pure modules, not its index: the index loads @pulumi/kubernetes, which only deploy.ts may need.
import { FIBER_DEFAULTS, SURREALDB_DEFAULTS } from "../../../components/surrealdb/defaults";
import type { ContainerImage } from "../../../components/kubernetes/image";
import type { FiberSchema } from "../../../components/surrealdb/names";
import type { StackScope } from "../contract";
import { kubernetesHostingSettings, type KubernetesHostingSettings } from "../kubernetes-hosting";
import type { SurrealdbProfile } from "./profiles";
import type { SurrealdbConfig } from "./schema";

/** What the stack deploys: its config over the tier over the component's defaults. */
export interface SurrealdbSettings extends KubernetesHostingSettings {
  readonly enabled: boolean;
  readonly image: ContainerImage;
  readonly volumeSizeGiB: number;
  readonly cpuMillis: number;
  readonly cpuLimitMillis: number;
  readonly memoryMiB: number;
  readonly fiber: FiberSchema;
  readonly appUsername: string;
}

export function surrealdbSettings(c: SurrealdbConfig, profile: SurrealdbProfile, scope: StackScope): SurrealdbSettings {
  const d = SURREALDB_DEFAULTS;
  return {
    ...kubernetesHostingSettings("surrealdb", c, profile, scope),
    enabled: c.enabled ?? profile.enabled,
    image: { ...d.image, ...c.image },
    volumeSizeGiB: c.volumeSizeGiB ?? profile.volumeSizeGiB ?? d.volumeSizeGiB,
    cpuMillis: c.cpuMillis ?? profile.cpuMillis ?? d.cpuMillis,
    cpuLimitMillis: c.cpuLimitMillis ?? profile.cpuLimitMillis ?? d.cpuLimitMillis,
    memoryMiB: c.memoryMiB ?? profile.memoryMiB ?? d.memoryMiB,
    fiber: {
      namespace: c.fiberNamespace ?? FIBER_DEFAULTS.namespace,
      database: c.fiberDatabase ?? FIBER_DEFAULTS.database,
      table: c.fiberTable ?? FIBER_DEFAULTS.table,
    },
    appUsername: c.appUsername ?? d.appUsername,
  };
}
