import { CompositePaging, pagingStatusRows, StorageDashboard } from "../components/alerting";
import { loadConfig } from "./config/load";
import { resolveEnvironment } from "./environment";
import { deployFoundation } from "./foundation";
import { deployDisasterRecovery } from "./disaster-recovery";
import { adapterSettings, bindAdapters } from "./project";
import { s3Adapter } from "./adapters/s3";
import { cloudFrontReadBuckets } from "./adapters/s3/settings";

/**
 * The whole storage tier of one environment. Validates config first (throwing before any resource exists), loads
 * the code of the enabled adapters only (a stack without MinIO never loads @pulumi/kubernetes), then builds the shared blocks (provider, key, topics, network) and every enabled adapter of the registry.
 */
export async function storageStack(): Promise<Record<string, unknown>> {
  const config = loadConfig();
  const env = resolveEnvironment(config);
  const adapters = bindAdapters(env, config.project).filter((a) => a.enabled);
  const deployers = await Promise.all(adapters.map(async (a) => ({ key: a.key, deploy: await a.loadDeploy() })));

  // The stack key lets CloudFront decrypt the artifacts bucket's objects only while artifact delivery is on.
  const foundation = deployFoundation(env, { cloudFrontReadBucketArns: cloudFrontReadBuckets(adapterSettings(s3Adapter, config), env.region) });
  // Paging that pages once: each adapter's critical alarms (and the platform's own) page through one composite alarm.
  const paging = new CompositePaging(foundation.alarms);
  const shared = paging.blocksFor(foundation, "platform");
  const deployed = deployers.map((a) => ({ key: a.key, ...a.deploy(paging.blocksFor(shared, a.key)) }));
  // Copies in the second Region (disasterRecovery.region): alarms page through their own composite.
  const recovery = deployDisasterRecovery(config, paging.blocksFor(shared, "disaster-recovery"), deployed);
  const sections = deployed.flatMap((d) => d.dashboard);
  if (recovery) sections.push(recovery.dashboard);
  // After every alarm: a critical alarm created after this throws (it would page nobody). The dashboard shows them.
  const composites = paging.build(shared.baseName, shared.opts);
  if (sections.length > 0) {
    new StorageDashboard(`${shared.baseName}-dashboard`, { environment: env.name, region: env.region, sections, alarmStatus: pagingStatusRows(composites, env) }, shared.opts);
  }

  const { key, topics, network } = shared;
  return {
    environment: { name: env.name, profile: env.profile.name, region: env.region },
    kmsKeyArn: key.arn,
    alertTopicArns: topics.arns,
    network: {
      vpcId: network.vpcId, privateSubnetIds: network.privateSubnetIds, availabilityZones: network.availabilityZones,
      secretsManagerEndpointSecurityGroupId: network.secretsManagerEndpointSecurityGroupId,
    },
    ...Object.fromEntries(deployed.map((d) => [d.key, d.outputs])),
    ...(recovery ? { disasterRecovery: recovery.outputs } : {}),
  };
}
