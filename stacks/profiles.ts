import type { ProfileName } from "./config/schema";

/**
 * What an environment tier means for the shared blocks and every adapter, before per-stack config overrides it.
 * The only place that knows that prod means Multi-AZ and protected; components receive explicit arguments
 * derived from this. Each adapter's own tier values live in its folder (stacks/adapters/<key>/profiles.ts). A tier
 * never restates a component's own default: the KMS key's 30-day deletion window is the key's.
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
}

export const PROFILES: Readonly<Record<ProfileName, EnvironmentProfile>> = {
  dev: {
    name: "dev",
    availabilityZoneCount: 2,
    multiAz: false,
    protectStatefulResources: false,
    deletionProtection: false,
    logRetentionDays: 7,
  },
  prod: {
    name: "prod",
    availabilityZoneCount: 3,
    multiAz: true,
    protectStatefulResources: true,
    deletionProtection: true,
    logRetentionDays: 365,
  },
};
