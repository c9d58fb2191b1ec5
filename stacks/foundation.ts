import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { AlertTopics } from "../components/alerting";
import { EncryptionKey, type KeyCloudFrontReaders } from "../components/kms";
import { Network } from "../components/network";
import type { ResourceTypeInfo } from "./adapters/contract";
import type { Environment } from "./environment";
import type { SharedBlocks } from "./shared";

/** The blocks every adapter builds on: the explicit AWS provider, the environment's key, alert topics and network. */
export function deployFoundation(env: Environment, keyReaders: KeyCloudFrontReaders = {}): SharedBlocks {
  const base = `sparki-${env.name}`;
  const provider = new aws.Provider(`${base}-aws`, {
    region: env.region as aws.Region,
    allowedAccountIds: [env.accountId],
    defaultTags: { tags: { ...env.tags } },
  });
  const opts: pulumi.ComponentResourceOptions = { providers: [provider] };
  const scope = { accountId: env.accountId, region: env.region };

  const key = new EncryptionKey(`${base}-storage`, {
    ...scope,
    protect: env.profile.protectStatefulResources,
    ...keyReaders,
  }, opts);
  const topics = new AlertTopics(`${base}-alerts`, {
    ...scope,
    kmsKeyArn: key.arn,
    warning: env.alerts.warning,
    critical: env.alerts.critical,
  }, opts);
  const network = new Network(`${base}-network`, {
    ...scope,
    existing: env.network.vpcId && env.network.privateSubnetIds
      ? {
        vpcId: env.network.vpcId,
        privateSubnetIds: env.network.privateSubnetIds,
        secretsManagerEndpointSecurityGroupId: env.network.secretsManagerEndpointSecurityGroupId,
      }
      : undefined,
    cidrBlock: env.network.cidrBlock,
    availabilityZones: env.availabilityZones,
    kmsKeyArn: key.arn,
    flowLogRetentionDays: env.profile.logRetentionDays,
  }, opts);

  return {
    env, opts, baseName: base, key, topics, network,
    alarms: { environment: env.name, topicArns: topics.arns, evaluation: env.alerts.evaluation },
  };
}

/** What the foundation (and the dashboard the composition adds) registers. */
export const FOUNDATION_RESOURCE_TYPES: readonly ResourceTypeInfo[] = [
  { type: "pulumi:providers:aws", stateful: false },
  // Every encrypted byte of the environment depends on its key material.
  { type: "aws:kms/key:Key", stateful: true },
  { type: "aws:kms/alias:Alias", stateful: false },
  { type: "aws:sns/topic:Topic", stateful: false },
  { type: "aws:sns/topicPolicy:TopicPolicy", stateful: false },
  { type: "aws:sns/topicSubscription:TopicSubscription", stateful: false },
  { type: "aws:ec2/vpc:Vpc", stateful: false },
  { type: "aws:ec2/subnet:Subnet", stateful: false },
  { type: "aws:ec2/routeTable:RouteTable", stateful: false },
  { type: "aws:ec2/routeTableAssociation:RouteTableAssociation", stateful: false },
  { type: "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", stateful: false },
  { type: "aws:ec2/securityGroup:SecurityGroup", stateful: false },
  { type: "aws:ec2/vpcEndpoint:VpcEndpoint", stateful: false },
  { type: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", stateful: false },
  { type: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", stateful: false },
  { type: "aws:ec2/flowLog:FlowLog", stateful: false },
  { type: "aws:cloudwatch/logGroup:LogGroup", stateful: false },
  { type: "aws:iam/role:Role", stateful: false },
  { type: "aws:iam/rolePolicy:RolePolicy", stateful: false },
  { type: "aws:cloudwatch/dashboard:Dashboard", stateful: false },
  // The paging composite alarms the composition adds (components/alerting/composite-paging.ts): no data.
  { type: "aws:cloudwatch/compositeAlarm:CompositeAlarm", stateful: false },
];
