import { partitionOf } from "../../../components/common";
import { GRAVITON_CLASS_MEMORY_GIB, instanceClassProblem, POSTGRES_ENGINE, POSTGRES_MAX_REPLICAS, proxyEngineProblem } from "../../../components/rds";
import type { AdapterRule } from "../contract";
import type { PostgresProfile } from "./profiles";
import type { PostgresConfig } from "./schema";
import type { PostgresSettings } from "./settings";

type Rule = AdapterRule<PostgresConfig, PostgresProfile, PostgresSettings>;

/** Rules across `postgres` keys, the tier and the network. */
export const POSTGRES_RULES: readonly Rule[] = [
  // A profile default RDS Proxy cannot serve is reported as that default (the loader says the key is not set).
  ({ settings: s }) => {
    const problem = proxyEngineProblem(POSTGRES_ENGINE, s.engineVersion);
    return problem ? [{ path: ["engineVersion"], message: problem }] : [];
  },

  ({ settings: s }) => (["instanceClass", "replicaInstanceClass"] as const).flatMap((key) => {
    const cls = s[key];
    const problem = cls === undefined ? undefined : instanceClassProblem(cls, GRAVITON_CLASS_MEMORY_GIB);
    return problem ? [{ path: [key], message: problem }] : [];
  }),

  ({ settings: s, scope }) => {
    const zones = scope.env.availabilityZones.length;
    const most = Math.min(zones - 1, POSTGRES_MAX_REPLICAS);
    return s.replicas > most
      ? [{
        path: ["replicas"],
        message: `must be at most ${most}: each replica needs its own availability zone apart from the primary's, and there are ${zones} (network.availabilityZones)`,
        after: [["network", "availabilityZones"]],
      }]
      : [];
  },

  ({ settings: s, profile, scope }) =>
    s.replicas < profile.minReplicas
      ? [{ path: ["replicas"], message: `must be at least ${profile.minReplicas} for profile "${scope.env.profile.name}" (master-replica replication with failover: the policy matrix-postgres-ha of policy/config/${scope.env.profile.name}.json refuses fewer at preview)` }]
      : [],

  // The admin secret rotates with Secrets Manager's published rotation application, wired for the aws partition only.
  ({ scope: { env } }) => {
    const partition = partitionOf(env.region);
    return partition === "aws" ? [] : [{
      path: [],
      subject: `aws:region "${env.region}"`,
      message: `is in the ${partition} partition: PostgreSQL's admin secret rotates with Secrets Manager's rotation application, which this stack wires for the aws partition only (components/common/secret-rotation.ts); choose a region of the aws partition, or set sparki-storage:postgres.enabled: false`,
    }];
  },

  ({ settings: s, scope }) =>
    s.backupRetentionDays < s.minBackupRetentionDays
      ? [{ path: ["backupRetentionDays"], message: `must be at least ${s.minBackupRetentionDays} (days) for profile "${scope.env.profile.name}"` }]
      : [],

  ({ settings: s }) =>
    s.maxAllocatedStorageGiB <= s.allocatedStorageGiB
      ? [{ path: ["maxAllocatedStorageGiB"], message: `must be above allocatedStorageGiB (${s.allocatedStorageGiB}): it is the ceiling storage autoscaling grows the volume to` }]
      : [],

  ({ settings: s, scope }) =>
    scope.env.network.vpcId !== undefined && s.allowedSecurityGroupIds.length + (s.allowedCidrBlocks ?? []).length === 0
      ? [{ path: ["allowedCidrBlocks"], message: "or postgres.allowedSecurityGroupIds must name the database's clients when network.vpcId is an existing VPC (nothing could reach it)" }]
      : [],
];
