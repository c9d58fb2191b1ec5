import { DISASTER_RECOVERY_DEFAULTS, REPLICATED_DATA_CLASSES } from "../../components/disaster-recovery/args";
import { RDS_REPLICATED_RETENTION_DAYS } from "../../components/disaster-recovery/facts";
import { documented } from "./docs";
import { awsRegion } from "./regions";
import { flag, intRange, section } from "./rules";

const { min, max } = RDS_REPLICATED_RETENTION_DAYS;

/** `sparki-storage:disasterRecovery`: the second Region and how copies get there; no `region`, no copies. */
export const disasterRecoverySchema = documented(section({
  region: documented(awsRegion.optional(), {
    type: "region of aws:region's partition, not aws:region itself",
    default: "— (no copies; prod's stack file sets one)",
    description: `Second Region for copies of what prod cannot rebuild: replicas of the ${REPLICATED_DATA_CLASSES.join(" and ")} buckets (own KMS key, same Object Lock and lifecycle), and the RDS instances' automated backups. docs/runbooks/disaster-recovery.md restores from them.`,
  }),
  replicationTimeControl: documented(flag().optional(), {
    type: "boolean",
    default: `\`${DISASTER_RECOVERY_DEFAULTS.replicationTimeControl}\``,
    description: "S3 Replication Time Control on the bucket replication: 99.99 % of objects in the second Region within 15 minutes (billed per GB). `false` keeps replication and its alarms, without that promise.",
  }),
  backupRetentionDays: documented(intRange(min, max).optional(), {
    type: `integer days ${min}..${max}`,
    default: "each instance's `backupRetentionDays`",
    description: "Days the second Region keeps the replicated RDS automated backups (point-in-time restore window there).",
  }),
}), {
  description: "the second Region (region) for the audit archive and config backups replicas and the RDS automated backups, S3 Replication Time Control, and the replicated backups' retention.",
});

export type DisasterRecoveryConfig = ReturnType<typeof disasterRecoverySchema.parse>;

/** What the stack deploys for `disasterRecovery`: nothing without a region. */
export interface DisasterRecoverySettings {
  readonly region: string;
  readonly replicationTimeControl: boolean;
  readonly backupRetentionDays?: number;
}

export function disasterRecoverySettings(config: DisasterRecoveryConfig | undefined): DisasterRecoverySettings | undefined {
  if (config?.region === undefined) return undefined;
  return {
    region: config.region,
    replicationTimeControl: config.replicationTimeControl ?? DISASTER_RECOVERY_DEFAULTS.replicationTimeControl,
    ...(config.backupRetentionDays !== undefined ? { backupRetentionDays: config.backupRetentionDays } : {}),
  };
}
