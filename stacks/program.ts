import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { AlertTopics, StorageDashboard } from "../components/alerting";
import { EncryptionKey } from "../components/kms";
import { Network } from "../components/network";
import { ADAPTERS } from "./adapters";
import { loadConfig } from "./config/load";
import { type Environment, resolveEnvironment } from "./environment";
import type { SharedBlocks } from "./shared";

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

  const shared: SharedBlocks = {
    env, opts, baseName: base, key, topics, network,
    alarms: { environment: env.name, topicArns: topics.arns, evaluation: env.alerts.evaluation },
  };
  const deployed = ADAPTERS.map((deploy) => deploy(shared)).filter((d) => d !== undefined);
  const sections = deployed.flatMap((d) => d.dashboard ?? []);
  if (sections.length > 0) {
    new StorageDashboard(`${base}-dashboard`, { environment: env.name, region: env.region, sections }, opts);
  }

  return {
    environment: { name: env.name, profile: env.profile.name, region: env.region },
    kmsKeyArn: key.arn,
    alertTopicArns: topics.arns,
    network: {
      vpcId: network.vpcId, privateSubnetIds: network.privateSubnetIds, availabilityZones: network.availabilityZones,
      secretsManagerEndpointSecurityGroupId: network.secretsManagerEndpointSecurityGroupId,
    },
    ...Object.fromEntries(deployed.map((d) => [d.outputKey, d.outputs])),
  };
}
