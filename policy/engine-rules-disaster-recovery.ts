import * as aws from "@pulumi/aws";
import { type PolicyResource, type ResourceValidationPolicy, type StackValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import {
  RDS_BACKUP_REPLICATION_ENGINES, RDS_BACKUP_REPLICATION_SOURCE, RDS_REPLICATED_RETENTION_DAYS, S3_KMS_REPLICATION_SOURCE,
  S3_OBJECT_LOCK_REPLICATION_SOURCE, S3_REPLICATION_REQUIREMENTS_SOURCE, S3_RTC_MINUTES, S3_RTC_SOURCE,
} from "../components/disaster-recovery/facts";
import { bucketsOf, describeBucket, resolveBucket, sidesOf } from "./lib/buckets";
import { engineRule } from "./lib/controls";
import { definitely, read } from "./lib/values";

/**
 * What S3 and RDS refuse for cross-Region recovery copies (components/disaster-recovery/facts.ts holds the facts and
 * their pages). Mocks accept every replication configuration; `pulumi up` would not. Part of ENGINE_RULE_POLICIES.
 */

const CHECKED = "2026-11-29";

/** A replication rule as the engine rules read it: every field optional, unknown fields left out. */
export interface ReplicationRuleView {
  readonly id?: string;
  readonly filter?: unknown;
  readonly deleteMarkerReplication?: { readonly status?: string };
  readonly sourceSelectionCriteria?: { readonly sseKmsEncryptedObjects?: { readonly status?: string } };
  readonly destination?: {
    readonly bucket?: string;
    readonly encryptionConfiguration?: { readonly replicaKmsKeyId?: string };
    readonly metrics?: { readonly status?: string; readonly eventThreshold?: { readonly minutes?: number } };
    readonly replicationTime?: { readonly status?: string; readonly time?: { readonly minutes?: number } };
  };
}

/** The value, `undefined` when absent, or UNKNOWN while preview cannot tell. */
const UNKNOWN = Symbol("unknown");
function at<T>(get: () => T): T | typeof UNKNOWN {
  const r = read(get);
  return r.known ? r.value : UNKNOWN;
}

function rulesOf(config: PolicyResource | Record<string, unknown>): ReplicationRuleView[] {
  const props = ("props" in config ? config.props : config) as { rules?: ReplicationRuleView[] };
  const count = at(() => props.rules?.length ?? 0);
  if (count === UNKNOWN) return [];
  return Array.from({ length: count }, (_, i) => props.rules![i]);
}

const ruleName = (rule: ReplicationRuleView, i: number) => {
  const id = at(() => rule.id);
  return typeof id === "string" ? `rule ${id}` : `rule ${i}`;
};

/** Problems of one rule's KMS settings: opt-in and replica key come together or not at all. */
export function kmsRuleProblems(rule: ReplicationRuleView, name: string): string[] {
  const optIn = at(() => rule.sourceSelectionCriteria?.sseKmsEncryptedObjects?.status);
  const key = at(() => rule.destination?.encryptionConfiguration?.replicaKmsKeyId);
  if (optIn === UNKNOWN || key === UNKNOWN) return [];
  if (optIn === "Enabled" && !key) {
    return [`${name}: sourceSelectionCriteria.sseKmsEncryptedObjects is Enabled without destination.encryptionConfiguration.replicaKmsKeyId: S3 refuses the configuration (it must know the destination Region's key)`];
  }
  if (key && optIn !== "Enabled") {
    return [`${name}: destination.encryptionConfiguration.replicaKmsKeyId is set but sourceSelectionCriteria.sseKmsEncryptedObjects is not Enabled: S3 refuses the configuration, and without the opt-in no SSE-KMS object would replicate`];
  }
  return [];
}

/** Problems of one rule's Replication Time Control: 15 minutes, with metrics on at 15 minutes. */
export function rtcRuleProblems(rule: ReplicationRuleView, name: string): string[] {
  const rtc = at(() => rule.destination?.replicationTime?.status);
  if (rtc === UNKNOWN) return [];
  if (rtc !== "Enabled") {
    // PutBucketReplication answers InvalidArgument "Metrics cannot contain an event threshold when ReplicationTime is
    // not specified or Disabled" (reported in pulumi/pulumi-aws#5806 and crossplane-contrib/provider-aws#1117).
    const threshold = at(() => rule.destination?.metrics?.eventThreshold);
    return threshold !== UNKNOWN && threshold !== undefined && threshold !== null
      ? [`${name}: metrics.eventThreshold is set without Replication Time Control; S3 refuses an event threshold unless replicationTime is Enabled`]
      : [];
  }
  const problems: string[] = [];
  const minutes = at(() => rule.destination?.replicationTime?.time?.minutes);
  if (minutes !== UNKNOWN && minutes !== S3_RTC_MINUTES) problems.push(`${name}: replicationTime.time.minutes is ${String(minutes)}; S3 accepts only ${S3_RTC_MINUTES}`);
  const metrics = at(() => rule.destination?.metrics?.status);
  const threshold = at(() => rule.destination?.metrics?.eventThreshold?.minutes);
  if (metrics !== UNKNOWN && metrics !== "Enabled") problems.push(`${name}: Replication Time Control needs destination.metrics Enabled; S3 refuses it without`);
  else if (threshold !== UNKNOWN && threshold !== S3_RTC_MINUTES) problems.push(`${name}: metrics.eventThreshold.minutes is ${String(threshold)}; with Replication Time Control S3 accepts only ${S3_RTC_MINUTES}`);
  return problems;
}

/** A rule with a filter (the V2 schema) must say whether delete markers replicate. */
export function v2RuleProblems(rule: ReplicationRuleView, name: string): string[] {
  const filter = at(() => rule.filter);
  const marker = at(() => rule.deleteMarkerReplication?.status);
  if (filter === UNKNOWN || filter === undefined || marker === UNKNOWN) return [];
  return marker === undefined ? [`${name}: a rule with a filter needs deleteMarkerReplication (Enabled or Disabled); S3 refuses it without`] : [];
}

function replicationRule(name: string, source: string, summary: string, remediation: string, url: string,
  problems: (rule: ReplicationRuleView, name: string) => string[]): ResourceValidationPolicy {
  return {
    name,
    ...engineRule(source, CHECKED, summary, remediation, url),
    validateResource: validateResourceOfType(aws.s3.BucketReplicationConfig, (config, _args, report) => {
      const found = rulesOf(config as unknown as Record<string, unknown>).flatMap((rule, i) => problems(rule, ruleName(rule, i)));
      if (found.length > 0) report(`${found.join("; ")}.`);
    }),
  };
}

export const replicationKms = replicationRule("engine-s3-replication-kms", S3_KMS_REPLICATION_SOURCE,
  "A replication rule opts into SSE-KMS objects exactly when it names the destination Region's key (replicaKmsKeyId).",
  "Set sourceSelectionCriteria.sseKmsEncryptedObjects Enabled and destination.encryptionConfiguration.replicaKmsKeyId together (components/disaster-recovery does).",
  "https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-config-for-kms-objects.html", kmsRuleProblems);

export const replicationTimeControl = replicationRule("engine-s3-replication-time-control", S3_RTC_SOURCE,
  `S3 Replication Time Control is ${S3_RTC_MINUTES} minutes, with replication metrics on at ${S3_RTC_MINUTES} minutes; without RTC the metrics carry no event threshold.`,
  `Use replicationTime.time.minutes ${S3_RTC_MINUTES} and metrics { status: Enabled, eventThreshold.minutes ${S3_RTC_MINUTES} }; without RTC, metrics { status: Enabled } only.`,
  "https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-time-control.html", rtcRuleProblems);

export const replicationV2Rule = replicationRule("engine-s3-replication-delete-marker-setting", S3_REPLICATION_REQUIREMENTS_SOURCE,
  "A replication rule with a filter states deleteMarkerReplication.",
  "Add deleteMarkerReplication { status: Disabled } (or Enabled) to every rule that has a filter.",
  "https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-add-config.html", v2RuleProblems);

function versioningEnabled(bucket: PolicyResource, all: readonly PolicyResource[]): boolean | undefined {
  const sides = sidesOf(all, aws.s3.BucketVersioning).filter((s) => s.bucket === bucket);
  if (sides.length === 0) return false;
  const status = at(() => sides[0].side.asType(aws.s3.BucketVersioning)!.versioningConfiguration.status);
  return status === UNKNOWN ? undefined : status === "Enabled";
}

/** The bucket a replication rule's destination ARN names, when it is one of the stack's. */
function destinationOf(rule: ReplicationRuleView, buckets: readonly PolicyResource[]): PolicyResource | undefined {
  const arn = at(() => rule.destination?.bucket);
  if (arn === UNKNOWN || typeof arn !== "string") return undefined;
  return buckets.find((b) => definitely(() => b.asType(aws.s3.Bucket)!.bucket === arn.replace(/^arn:[^:]+:s3:::/, "")));
}

export const replicationBuckets: StackValidationPolicy = {
  name: "engine-s3-replication-buckets",
  ...engineRule(`${S3_REPLICATION_REQUIREMENTS_SOURCE}; ${S3_OBJECT_LOCK_REPLICATION_SOURCE}`, CHECKED,
    "Replication runs from a versioned bucket into a versioned bucket, and from an Object Lock bucket only into one created with Object Lock.",
    "Enable versioning on both buckets (BucketVersioning Enabled) and create the replica with objectLockEnabled when the source has it."),
  validateStack: (args, report) => {
    const configs = args.resources.filter((r) => r.isType(aws.s3.BucketReplicationConfig));
    if (configs.length === 0) args.notApplicable("no S3 replication");
    const buckets = bucketsOf(args.resources);
    for (const config of configs) {
      const source = resolveBucket(config, "bucket", buckets);
      const problems: string[] = [];
      const locked = (b: PolicyResource) => definitely(() => b.asType(aws.s3.Bucket)!.objectLockEnabled === true);
      if (typeof source !== "string" && versioningEnabled(source, args.resources) === false) {
        problems.push(`source bucket ${describeBucket(source)} is not versioned: S3 refuses a replication configuration on it`);
      }
      for (const [i, rule] of rulesOf(config).entries()) {
        const target = destinationOf(rule, buckets);
        if (!target) continue;
        if (versioningEnabled(target, args.resources) === false) problems.push(`${ruleName(rule, i)}: destination ${describeBucket(target)} is not versioned: S3 refuses the rule`);
        if (typeof source !== "string" && locked(source) && !locked(target)) {
          problems.push(`${ruleName(rule, i)}: source ${describeBucket(source)} has Object Lock but destination ${describeBucket(target)} was not created with it: S3 fails to replicate locked versions`);
        }
      }
      if (problems.length > 0) report(`${config.name}: ${problems.join("; ")}.`, config.urn);
    }
  },
};

export const rdsBackupReplication: StackValidationPolicy = {
  name: "engine-rds-backup-replication",
  ...engineRule(RDS_BACKUP_REPLICATION_SOURCE, CHECKED,
    `Replicated RDS automated backups keep ${RDS_REPLICATED_RETENTION_DAYS.min}..${RDS_REPLICATED_RETENTION_DAYS.max} days, come from an engine RDS replicates and from an instance with automated backups, and an encrypted instance's copies name a destination key.`,
    "Keep retentionPeriod within range, replicate only instances with backupRetentionPeriod of at least 1 day, and set kmsKeyId to a key of the recovery Region."),
  validateStack: (args, report) => {
    const replications = args.resources.filter((r) => r.isType(aws.rds.InstanceAutomatedBackupsReplication));
    if (replications.length === 0) args.notApplicable("no RDS automated backup replication");
    const instances = args.resources.filter((r) => r.isType(aws.rds.Instance));
    for (const replication of replications) {
      const r = replication.asType(aws.rds.InstanceAutomatedBackupsReplication)!;
      const problems: string[] = [];
      const days = at(() => r.retentionPeriod);
      const { min, max } = RDS_REPLICATED_RETENTION_DAYS;
      if (typeof days === "number" && (days < min || days > max)) problems.push(`retentionPeriod ${days} is outside ${min}..${max} days`);
      const arn = at(() => r.sourceDbInstanceArn);
      const source = typeof arn === "string" ? instances.find((db) => definitely(() => db.asType(aws.rds.Instance)!.arn === arn)) : undefined;
      if (source) {
        const db = source.asType(aws.rds.Instance)!;
        const engine = at(() => db.engine);
        if (typeof engine === "string" && !RDS_BACKUP_REPLICATION_ENGINES.includes(engine)) problems.push(`engine ${engine} has no cross-Region automated backups`);
        const kept = at(() => db.backupRetentionPeriod);
        if (typeof kept === "number" && kept < 1) problems.push("its source keeps no automated backups (backupRetentionPeriod 0)");
        const key = at(() => r.kmsKeyId);
        if (definitely(() => db.storageEncrypted === true) && (key === undefined || key === "")) problems.push("its source is encrypted and no kmsKeyId of the recovery Region is given");
      }
      if (problems.length > 0) report(`${replication.name}: ${problems.join("; ")}: RDS refuses StartDBInstanceAutomatedBackupsReplication.`, replication.urn);
    }
  },
};

export const DISASTER_RECOVERY_ENGINE_RULES = [replicationKms, replicationTimeControl, replicationV2Rule, replicationBuckets, rdsBackupReplication];
