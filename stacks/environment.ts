import type { LoadedConfig } from "./config/load";
import type { AlertsConfig, ProjectConfig } from "./config/schema";
import { type EnvironmentProfile, PROFILES } from "./profiles";

/** Everything the composition needs to know about one environment, resolved and typed. */
export interface Environment {
  /** Stack name; prefixes every resource name (config refuses one that cannot form AWS physical names). */
  readonly name: string;
  readonly profile: EnvironmentProfile;
  readonly region: string;
  readonly accountId: string;
  readonly tags: Readonly<Record<string, string>>;
  /** `network.availabilityZones`; for a VPC the stack creates, `<region>a`, `b`(, `c`) by default (an existing VPC must list them). */
  readonly availabilityZones: readonly string[];
  readonly network: ProjectConfig["network"];
  readonly alerts: AlertsConfig;
  readonly project: ProjectConfig;
}

const ZONE_LETTERS = ["a", "b", "c", "d", "e", "f"];

export function resolveEnvironment(config: LoadedConfig): Environment {
  const { project, region, stack } = config;
  const profile = PROFILES[project.profile];
  return {
    name: stack,
    profile,
    region,
    accountId: project.accountId,
    tags: {
      Project: "sparki-storage",
      Environment: stack,
      ManagedBy: "pulumi",
      Owner: project.owner,
      CostCentre: project.costCentre,
    },
    availabilityZones:
      project.network.availabilityZones ?? ZONE_LETTERS.slice(0, profile.availabilityZoneCount).map((l) => `${region}${l}`),
    network: project.network,
    alerts: project.alerts,
    project,
  };
}
