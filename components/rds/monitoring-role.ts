import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import type { AccountScope } from "../common/aws";
import { enhancedMonitoringPolicyArn, serviceAssumeRolePolicy } from "./policies";

export interface MonitoringRole {
  /** The role every instance's `monitoringRoleArn` names. */
  readonly role: aws.iam.Role;
  /** Instances depend on it: RDS refuses a monitoring role that lacks the policy at create time. */
  readonly attachment: aws.iam.RolePolicyAttachment;
}

/** The role the enhanced-monitoring agent of every instance (primary and replicas) publishes OS metrics with. */
export function monitoringRole(name: string, scope: AccountScope, label: string, parent: pulumi.Resource): MonitoringRole {
  const role = new aws.iam.Role(`${name}-monitoring`, {
    description: `RDS enhanced monitoring for Sparki ${label}`,
    assumeRolePolicy: JSON.stringify(serviceAssumeRolePolicy("monitoring.rds.amazonaws.com", scope.accountId)),
  }, { parent });
  const attachment = new aws.iam.RolePolicyAttachment(`${name}-monitoring`, {
    role: role.name,
    policyArn: enhancedMonitoringPolicyArn(scope.region),
  }, { parent });
  return { role, attachment };
}
