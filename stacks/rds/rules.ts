import { partitionOf } from "../../components/common";
import { type EngineProfile, instanceClassProblem, minimumStorageCeilingGiB, proxyEngineProblem } from "../../components/rds";
import type { AdapterRule } from "../adapters/contract";
import type { RelationalProfile } from "./profiles";
import type { RelationalSettings } from "./settings";

type Rule = AdapterRule<unknown, RelationalProfile, RelationalSettings>;

export interface RelationalRulesSpec {
  readonly engine: EngineProfile<unknown>;
  /** The adapter's config key, for messages that name another key of the section. */
  readonly configKey: string;
  /** Why the tier has a replica floor (its policy), for the message; only read when the floor is above 0. */
  readonly minReplicasWhy: string;
}

/** Rules across an RDS adapter's keys, the tier and the network, for any engine. */
export function relationalRules(spec: RelationalRulesSpec): readonly Rule[] {
  const { engine, configKey } = spec;
  return [
    // A profile default RDS Proxy cannot serve is reported as that default (the loader says the key is not set).
    ({ settings: s }) => {
      const problem = engine.majorOf(s.engineVersion) === undefined ? undefined : proxyEngineProblem(engine, s.engineVersion);
      return problem ? [{ path: ["engineVersion"], message: problem }] : [];
    },

    ({ settings: s }) => (["instanceClass", "replicaInstanceClass"] as const).flatMap((key) => {
      const cls = s[key];
      const problem = cls === undefined ? undefined : instanceClassProblem(cls, engine.instanceClassMemoryGiB);
      return problem ? [{ path: [key], message: problem }] : [];
    }),

    ({ settings: s, scope }) => {
      const zones = scope.env.availabilityZones.length;
      const most = Math.min(zones - 1, engine.maxReplicas);
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
        ? [{ path: ["replicas"], message: `must be at least ${profile.minReplicas} for profile "${scope.env.profile.name}" (${spec.minReplicasWhy})` }]
        : [],

    // The secrets rotate with Secrets Manager's published rotation applications, wired for the aws partition only.
    ({ scope: { env } }) => {
      const partition = partitionOf(env.region);
      return partition === "aws" ? [] : [{
        path: [],
        subject: `aws:region "${env.region}"`,
        message: `is in the ${partition} partition: ${engine.label}'s admin secret rotates with Secrets Manager's rotation application, which this stack wires for the aws partition only (components/common/secret-rotation.ts); choose a region of the aws partition, or set sparki-storage:${configKey}.enabled: false`,
      }];
    },

    ({ settings: s, scope }) =>
      s.backupRetentionDays < s.minBackupRetentionDays
        ? [{ path: ["backupRetentionDays"], message: `must be at least ${s.minBackupRetentionDays} (days) for profile "${scope.env.profile.name}"` }]
        : [],

    ({ settings: s }) =>
      s.maxAllocatedStorageGiB < minimumStorageCeilingGiB(s.allocatedStorageGiB)
        ? [{ path: ["maxAllocatedStorageGiB"], message: `must be at least ${minimumStorageCeilingGiB(s.allocatedStorageGiB)}, 10 % above allocatedStorageGiB (${s.allocatedStorageGiB}): it is the ceiling storage autoscaling grows the volume to, and RDS refuses a smaller margin` }]
        : [],

    ({ settings: s, scope }) =>
      scope.env.network.vpcId !== undefined && s.allowedSecurityGroupIds.length + (s.allowedCidrBlocks ?? []).length === 0
        ? [{ path: ["allowedCidrBlocks"], message: `or ${configKey}.allowedSecurityGroupIds must name the database's clients when network.vpcId is an existing VPC (nothing could reach it)` }]
        : [],
  ];
}
