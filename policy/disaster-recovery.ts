import * as aws from "@pulumi/aws";
import { type PolicyResource, type ResourceValidationPolicy, type StackValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import { METRICS } from "../components/alerting/catalog";
import { bucketName, bucketsOf, describeBucket, resolveBucket, sidesOf } from "./lib/buckets";
import { baseline } from "./lib/controls";
import { read } from "./lib/values";

/**
 * The stack's own rules for the copies in the recovery Region (docs/runbooks/disaster-recovery.md): what makes a
 * replica a recovery copy rather than a mirror of whatever happens to the source.
 */

interface RuleView {
  readonly id?: string;
  readonly deleteMarkerReplication?: { readonly status?: string };
  readonly destination?: { readonly bucket?: string };
}

function known<T>(get: () => T): T | undefined {
  const r = read(get);
  return r.known ? r.value : undefined;
}

function rulesOf(props: unknown): RuleView[] {
  const rules = known(() => (props as { rules?: RuleView[] }).rules);
  if (!Array.isArray(rules)) return [];
  return rules.flatMap((_, i) => {
    const rule = known(() => rules[i]);
    return rule === undefined ? [] : [rule];
  });
}

export const drNoDeleteMarkerReplication: ResourceValidationPolicy = {
  name: "dr-no-delete-marker-replication",
  ...baseline("Sparki baseline: recovery", "No replication rule replicates delete markers: a deletion in the stack's Region must not hide the recovery copy.", "high",
    "Set deleteMarkerReplication { status: Disabled } on every rule; the replica's own lifecycle expires what the source's expires."),
  validateResource: validateResourceOfType(aws.s3.BucketReplicationConfig, (config, _args, report) => {
    const on = rulesOf(config).filter((rule) => known(() => rule.deleteMarkerReplication?.status) === "Enabled");
    if (on.length > 0) report(`rule ${on.map((r) => known(() => r.id) ?? "?").join(", ")} replicates delete markers: deleting (or ransoming) an object in the stack's Region would hide its copy too.`);
  }),
};

/** The default retention of a bucket's Object Lock configuration, when it has one and it is known. */
function lockOf(bucket: PolicyResource, all: readonly PolicyResource[]): { mode?: string; days?: number } | undefined {
  const side = sidesOf(all, aws.s3.BucketObjectLockConfiguration).find((s) => s.bucket === bucket)?.side;
  if (!side) return undefined;
  const retention = known(() => side.asType(aws.s3.BucketObjectLockConfiguration)!.rule?.defaultRetention);
  return { mode: known(() => retention?.mode), days: known(() => retention?.days) };
}

export const drReplicaObjectLock: StackValidationPolicy = {
  name: "dr-replica-object-lock",
  ...baseline("Sparki baseline: recovery", "The replica of an Object Lock bucket locks its copies in the same mode for at least as long.", "high",
    "Create the replica with Object Lock and the source's default retention (components/disaster-recovery passes the source's lock to its replica)."),
  validateStack: (args, report) => {
    const configs = args.resources.filter((r) => r.isType(aws.s3.BucketReplicationConfig));
    if (configs.length === 0) args.notApplicable("no S3 replication");
    const buckets = bucketsOf(args.resources);
    for (const config of configs) {
      const source = resolveBucket(config, "bucket", buckets);
      if (typeof source === "string") continue;
      const lock = lockOf(source, args.resources);
      if (!lock) continue;
      for (const rule of rulesOf(config.props)) {
        const arn = known(() => rule.destination?.bucket);
        const target = typeof arn === "string" ? buckets.find((b) => bucketName(b) === arn.replace(/^arn:[^:]+:s3:::/, "")) : undefined;
        if (!target) continue;
        const copy = lockOf(target, args.resources);
        const what = `replica ${describeBucket(target)} of ${describeBucket(source)} (${lock.mode} ${lock.days} days)`;
        if (!copy) report(`${what} has no Object Lock configuration: its copies could be deleted before the source's retention ends.`, target.urn);
        else if ((lock.mode && copy.mode && copy.mode !== lock.mode) || (lock.days !== undefined && copy.days !== undefined && copy.days < lock.days)) {
          report(`${what} locks ${copy.mode} ${copy.days} days: weaker than its source.`, target.urn);
        }
      }
    }
  },
};

const FAILED = METRICS.s3ReplicationFailedOperations;

export const drReplicationAlarmed: StackValidationPolicy = {
  name: "dr-replication-alarmed",
  ...baseline("Sparki baseline: recovery", "Every replicated bucket has an alarm on failed replication (OperationsFailedReplication): S3 does not retry a failed object.", "medium",
    "Enable the rule's replication metrics and add an alarm on AWS/S3 OperationsFailedReplication for its SourceBucket (components/disaster-recovery does)."),
  validateStack: (args, report) => {
    const configs = args.resources.filter((r) => r.isType(aws.s3.BucketReplicationConfig));
    if (configs.length === 0) args.notApplicable("no S3 replication");
    const alarmed = new Set(args.resources.filter((r) => r.isType(aws.cloudwatch.MetricAlarm)).flatMap((r) => {
      const alarm = r.asType(aws.cloudwatch.MetricAlarm)!;
      const named = known(() => alarm.namespace) === FAILED.namespace && known(() => alarm.metricName) === FAILED.metricName;
      const source = known(() => alarm.dimensions?.SourceBucket);
      return named && typeof source === "string" ? [source] : [];
    }));
    for (const config of configs) {
      const name = known(() => config.asType(aws.s3.BucketReplicationConfig)!.bucket);
      if (typeof name === "string" && !alarmed.has(name)) report(`${name} replicates with no alarm on ${FAILED.metricName}: a failed copy would go unnoticed until the restore needs it.`, config.urn);
    }
  },
};

export const DISASTER_RECOVERY_POLICIES = [drNoDeleteMarkerReplication, drReplicaObjectLock, drReplicationAlarmed];
