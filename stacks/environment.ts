import type { AlertsConfig, FoundationConfig, NetworkConfig } from "./config/schema";
import { ZONE_LETTERS } from "./config/regions";
import { type EnvironmentProfile, PROFILES } from "./profiles";

/** Everything the composition and the adapters need to know about one environment, resolved and typed. */
export interface Environment {
  /** Stack name; prefixes every resource name (config refuses one that cannot form AWS physical names). */
  readonly name: string;
  readonly profile: EnvironmentProfile;
  readonly region: string;
  readonly accountId: string;
  readonly tags: Readonly<Record<string, string>>;
  /** `network.availabilityZones`; for a VPC the stack creates, `<region>a`, `b`(, `c`) by default (an existing VPC must list them). */
  readonly availabilityZones: readonly string[];
  readonly network: NetworkConfig;
  readonly alerts: AlertsConfig;
}

/** The validated foundation config of one stack (the loader's result satisfies it). */
export interface FoundationInput {
  readonly stack: string;
  readonly region: string;
  readonly project: FoundationConfig;
}

export function resolveEnvironment({ stack, region, project }: FoundationInput): Environment {
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
  };
}
