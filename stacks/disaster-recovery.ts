import { DisasterRecovery, type RecoverySources } from "../components/disaster-recovery";
import { s3Adapter } from "./adapters/s3";
import { disasterRecoverySettings } from "./config/disaster-recovery";
import { adapterSettings, type StackConfig } from "./project";
import type { SharedBlocks } from "./shared";

/**
 * The copies in the second Region when `disasterRecovery.region` is set (prod's stack file sets it): the
 * adapters' deployments say what they hold (`Deployed.recovery`), the component copies the audit archive, the
 * config backups and the RDS automated backups. Nothing, and no second provider, without a region.
 */
export function deployDisasterRecovery(
  config: StackConfig, shared: SharedBlocks, deployed: readonly { readonly recovery?: RecoverySources }[],
): DisasterRecovery | undefined {
  const settings = disasterRecoverySettings(config.project.disasterRecovery);
  if (settings === undefined) return undefined;
  const { env } = shared;
  const s3 = adapterSettings(s3Adapter, config);
  return new DisasterRecovery(`${shared.baseName}-dr`, {
    accountId: env.accountId,
    region: env.region,
    recoveryRegion: settings.region,
    baseName: shared.baseName,
    bucketPrefix: s3.bucketPrefix,
    sourceKmsKeyArn: shared.key.arn,
    accessLogLifecycle: s3.lifecycle.accessLogs,
    buckets: deployed.flatMap((d) => d.recovery?.buckets ?? []),
    databases: deployed.flatMap((d) => d.recovery?.databases ?? []),
    replicationTimeControl: settings.replicationTimeControl,
    ...(settings.backupRetentionDays !== undefined ? { backupRetentionDays: settings.backupRetentionDays } : {}),
    defaultTags: env.tags,
    alarms: shared.alarms,
    forceDestroy: s3.forceDestroy,
    protect: env.profile.protectStatefulResources,
  }, shared.opts);
}
