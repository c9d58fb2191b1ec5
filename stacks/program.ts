import { StorageDashboard } from "../components/alerting";
import { loadConfig } from "./config/load";
import { resolveEnvironment } from "./environment";
import { deployFoundation } from "./foundation";
import { bindAdapters } from "./project";

/**
 * The whole storage tier of one environment. Validates config first (throwing before any resource exists), loads
 * the code of the enabled adapters only (a stack without MinIO never loads @pulumi/kubernetes), then builds the shared blocks (provider, key, topics, network) and every enabled adapter of the registry.
 */
export async function storageStack(): Promise<Record<string, unknown>> {
  const config = loadConfig();
  const env = resolveEnvironment(config);
  const adapters = bindAdapters(env, config.project).filter((a) => a.enabled);
  const deployers = await Promise.all(adapters.map(async (a) => ({ key: a.key, deploy: await a.loadDeploy() })));

  const shared = deployFoundation(env);
  const deployed = deployers.map((a) => ({ key: a.key, ...a.deploy(shared) }));
  const sections = deployed.flatMap((d) => d.dashboard);
  if (sections.length > 0) {
    new StorageDashboard(`${shared.baseName}-dashboard`, { environment: env.name, region: env.region, sections }, shared.opts);
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
  };
}
