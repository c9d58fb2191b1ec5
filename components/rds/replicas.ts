import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { type InstanceShared, instanceLogGroups, sharedInstanceInputs } from "./instance";
import type { PlannedReplica } from "./plan";

export interface ReplicasArgs {
  /** The primary's identifier output: replicas wait for the primary and follow it. No default. */
  readonly sourceIdentifier: pulumi.Input<string>;
  /** The planned replicas (identifier, zone, class), in order. No default. */
  readonly replicas: readonly PlannedReplica[];
  /** The replicas' security group (clients in). No default. */
  readonly securityGroupId: pulumi.Input<string>;
}

/**
 * Same-region read replicas, each pinned to its own zone. They inherit engine, version, admin user, password
 * and subnet group from the source; they hold no data of their own, so they get no final snapshot and no
 * Pulumi `protect` (lowering `replicas` removes one). Deletion protection still follows the environment.
 */
export function readReplicas(name: string, args: ReplicasArgs, shared: InstanceShared, parent: pulumi.Resource): aws.rds.Instance[] {
  return args.replicas.map((replica) => {
    const replicaName = `${name}-replica-${replica.index}`;
    const logs = instanceLogGroups(replicaName, replica.identifier, shared, parent);
    return new aws.rds.Instance(replicaName, {
      ...sharedInstanceInputs(shared, replica.performanceInsights),
      identifier: replica.identifier,
      replicateSourceDb: args.sourceIdentifier,
      instanceClass: replica.instanceClass,
      availabilityZone: replica.zone,
      multiAz: false,
      vpcSecurityGroupIds: [args.securityGroupId],
      skipFinalSnapshot: true,
      tags: { Name: replica.identifier, Role: "replica" },
    }, { parent, dependsOn: [...shared.dependsOn, ...logs] });
  });
}
