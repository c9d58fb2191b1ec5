import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { AlertTopics } from "../components/alerting";
import { EncryptionKey } from "../components/kms";
import { Network } from "../components/network";
import { loadConfig } from "./config/load";
import { type Environment, resolveEnvironment } from "./environment";

/**
 * The whole storage tier of one environment. Validates config first (throwing before any resource exists),
 * then builds shared blocks (provider, key, topics, network) and one component per adapter.
 */
export function storageStack(): Record<string, unknown> {
  const env = resolveEnvironment(loadConfig());
  return compose(env);
}

function compose(env: Environment): Record<string, unknown> {
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
    deletionWindowDays: env.profile.kmsDeletionWindowDays,
    protect: env.profile.protectStatefulResources,
  }, opts);
  const topics = new AlertTopics(`${base}-alerts`, {
    ...scope,
    kmsKeyArn: key.arn,
    warning: env.alerts.warning,
    critical: env.alerts.critical,
  }, opts);
  const network = new Network(`${base}-network`, {
    existing: env.network.vpcId && env.network.privateSubnetIds
      ? { vpcId: env.network.vpcId, privateSubnetIds: env.network.privateSubnetIds }
      : undefined,
    cidrBlock: env.network.cidrBlock,
    availabilityZones: env.availabilityZones,
  }, opts);

  return {
    environment: { name: env.name, profile: env.profile.name, region: env.region },
    kmsKeyArn: key.arn,
    alertTopicArns: topics.arns,
    network: { vpcId: network.vpcId, privateSubnetIds: network.privateSubnetIds, availabilityZones: network.availabilityZones },
  };
}
