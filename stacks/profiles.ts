import type { ProfileName } from "./config/schema";

/**
 * What an environment tier means, before per-stack config overrides it. The only place that knows that prod
 * means Multi-AZ and protected; components receive explicit arguments derived from this.
 */
export interface EnvironmentProfile {
  readonly name: ProfileName;
  /** AZs for a VPC this stack creates itself (count). */
  readonly availabilityZoneCount: number;
  /** Spread stateful services over two or more AZs with automatic failover. */
  readonly multiAz: boolean;
  /** Pulumi `protect` on stateful resources: `pulumi destroy` refuses until it is lifted. */
  readonly protectStatefulResources: boolean;
  /** Provider-side deletion protection on databases and caches. */
  readonly deletionProtection: boolean;
  /** CloudWatch Logs retention for service logs, days. */
  readonly logRetentionDays: number;
  /** KMS key deletion window, days (AWS allows 7-30). */
  readonly kmsDeletionWindowDays: number;
}

export const PROFILES: Readonly<Record<ProfileName, EnvironmentProfile>> = {
  dev: {
    name: "dev",
    availabilityZoneCount: 2,
    multiAz: false,
    protectStatefulResources: false,
    deletionProtection: false,
    logRetentionDays: 7,
    kmsDeletionWindowDays: 30,
  },
  prod: {
    name: "prod",
    availabilityZoneCount: 3,
    multiAz: true,
    protectStatefulResources: true,
    deletionProtection: true,
    logRetentionDays: 365,
    kmsDeletionWindowDays: 30,
  },
};
