import * as aws from "@pulumi/aws";
import { describe, expect, it } from "vitest";
import {
  drNoDeleteMarkerReplication, drReplicaObjectLock, drReplicationAlarmed, DISASTER_RECOVERY_POLICIES,
} from "../policy/disaster-recovery";
import {
  DISASTER_RECOVERY_ENGINE_RULES, rdsBackupReplication, replicationBuckets, replicationKms, replicationTimeControl, replicationV2Rule,
} from "../policy/engine-rules-disaster-recovery";
import { ENGINE_RULE_POLICIES } from "../policy/engine-rules";
import { POLICIES } from "../policy/policies";
import { describeResourceCases, type ResourceCase } from "./policy-cases";
import { T } from "./policy-fixtures";
import { checkResource, checkStack, pulumiType, readPolicyConfigFile, reconcilePolicyConfig, runPack, type StackInput } from "./policy-harness";
import { runWith, stackRun } from "./harness";

/**
 * The recovery copies' policies: the replication rule components/disaster-recovery writes passes; counterexamples
 * (what S3 and RDS refuse, and what would make a replica no recovery copy) fail with their exact messages.
 */

const REPLICATION = pulumiType(aws.s3.BucketReplicationConfig);
const BACKUPS = pulumiType(aws.rds.InstanceAutomatedBackupsReplication);
const KEY = "arn:aws:kms:eu-central-1:222222222222:key/replica";
const SOURCE = "sparki-prod-222222222222-audit-archive";
const REPLICA = `${SOURCE}-euc1`;

/** The rule as the component writes it, with `change` merged into its destination or itself. */
function rule(change: Record<string, unknown> = {}, destination: Record<string, unknown> = {}) {
  return {
    id: "disaster-recovery", status: "Enabled", priority: 1, filter: {},
    deleteMarkerReplication: { status: "Disabled" },
    sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: "Enabled" } },
    destination: {
      bucket: `arn:aws:s3:::${REPLICA}`, storageClass: "STANDARD",
      encryptionConfiguration: { replicaKmsKeyId: KEY },
      metrics: { status: "Enabled", eventThreshold: { minutes: 15 } },
      replicationTime: { status: "Enabled", time: { minutes: 15 } },
      ...destination,
    },
    ...change,
  };
}
const config = (r: Record<string, unknown> = rule()) => ({ bucket: SOURCE, role: "arn:aws:iam::222222222222:role/r", rules: [r] });

const CASES: ResourceCase[] = [
  { policy: replicationKms, type: REPLICATION, pass: config(), failures: [
    [{ rules: [rule({}, { encryptionConfiguration: undefined })] },
      "rule disaster-recovery: sourceSelectionCriteria.sseKmsEncryptedObjects is Enabled without destination.encryptionConfiguration.replicaKmsKeyId: S3 refuses the configuration (it must know the destination Region's key)."],
    [{ rules: [rule({ sourceSelectionCriteria: undefined })] },
      "rule disaster-recovery: destination.encryptionConfiguration.replicaKmsKeyId is set but sourceSelectionCriteria.sseKmsEncryptedObjects is not Enabled: S3 refuses the configuration, and without the opt-in no SSE-KMS object would replicate."],
  ] },
  { policy: replicationTimeControl, type: REPLICATION, pass: config(), failures: [
    [{ rules: [rule({}, { replicationTime: { status: "Enabled", time: { minutes: 30 } } })] },
      "rule disaster-recovery: replicationTime.time.minutes is 30; S3 accepts only 15."],
    [{ rules: [rule({}, { metrics: undefined })] },
      "rule disaster-recovery: Replication Time Control needs destination.metrics Enabled; S3 refuses it without."],
    [{ rules: [rule({}, { metrics: { status: "Enabled", eventThreshold: { minutes: 10 } } })] },
      "rule disaster-recovery: metrics.eventThreshold.minutes is 10; with Replication Time Control S3 accepts only 15."],
    [{ rules: [rule({}, { replicationTime: undefined })] },
      "rule disaster-recovery: metrics.eventThreshold is set without Replication Time Control; S3 refuses an event threshold unless replicationTime is Enabled."],
    [{ rules: [rule({}, { replicationTime: { status: "Disabled", time: { minutes: 15 } } })] },
      "rule disaster-recovery: metrics.eventThreshold is set without Replication Time Control; S3 refuses an event threshold unless replicationTime is Enabled."],
  ] },
  { policy: replicationV2Rule, type: REPLICATION, pass: config(), failures: [
    [{ rules: [rule({ deleteMarkerReplication: undefined })] },
      "rule disaster-recovery: a rule with a filter needs deleteMarkerReplication (Enabled or Disabled); S3 refuses it without."],
  ] },
  { policy: drNoDeleteMarkerReplication, type: REPLICATION, pass: config(), failures: [
    [{ rules: [rule({ deleteMarkerReplication: { status: "Enabled" } })] },
      "rule disaster-recovery replicates delete markers: deleting (or ransoming) an object in the stack's Region would hide its copy too."],
  ] },
];

describeResourceCases(CASES, T.bucket);

it("engine-s3-replication-time-control passes metrics without an event threshold when RTC is off", async () => {
  const noRtc = config(rule({}, { replicationTime: undefined, metrics: { status: "Enabled" } }));
  expect((await checkResource(replicationTimeControl, { type: REPLICATION, props: noRtc })).violations).toEqual([]);
});

/** Source and replica buckets with versioning and Object Lock as given, and the replication between them. */
function pair(opts: { sourceVersioned?: boolean; replicaVersioned?: boolean; replicaLocked?: boolean; replicaDays?: number; replicaMode?: string; alarm?: boolean } = {}): StackInput[] {
  const { sourceVersioned = true, replicaVersioned = true, replicaLocked = true, replicaDays = 2557, replicaMode = "COMPLIANCE", alarm = true } = opts;
  const bucket = (name: string, locked: boolean): StackInput => ({ type: T.bucket, name, props: { bucket: name, ...(locked ? { objectLockEnabled: true } : {}) } });
  const versioning = (name: string, on: boolean): StackInput => ({
    type: pulumiType(aws.s3.BucketVersioning), name: `${name}-versioning`, props: { bucket: name, versioningConfiguration: { status: on ? "Enabled" : "Suspended" } }, propertyDependencies: { bucket: [`${T.bucket}::${name}`] },
  });
  const lock = (name: string, mode: string, days: number): StackInput => ({
    type: pulumiType(aws.s3.BucketObjectLockConfiguration), name: `${name}-lock`, props: { bucket: name, rule: { defaultRetention: { mode, days } } }, propertyDependencies: { bucket: [`${T.bucket}::${name}`] },
  });
  return [
    bucket(SOURCE, true), versioning(SOURCE, sourceVersioned), lock(SOURCE, "COMPLIANCE", 2557),
    bucket(REPLICA, replicaLocked), versioning(REPLICA, replicaVersioned), ...(replicaLocked ? [lock(REPLICA, replicaMode, replicaDays)] : []),
    { type: REPLICATION, name: "replication", props: config(), propertyDependencies: { bucket: [`${T.bucket}::${SOURCE}`] } },
    ...(alarm ? [{ type: pulumiType(aws.cloudwatch.MetricAlarm), name: "failed", props: { namespace: "AWS/S3", metricName: "OperationsFailedReplication", dimensions: { SourceBucket: SOURCE } } }] : []),
  ];
}

describe("stack policies of the recovery copies", () => {
  it("pass the pair the component builds", async () => {
    for (const policy of [replicationBuckets, drReplicaObjectLock, drReplicationAlarmed]) {
      expect((await checkStack(policy, pair())).violations, policy.name).toEqual([]);
    }
  });

  it.each([
    [replicationBuckets, { sourceVersioned: false }, `replication: source bucket ${SOURCE} is not versioned: S3 refuses a replication configuration on it.`],
    [replicationBuckets, { replicaVersioned: false }, `replication: rule disaster-recovery: destination ${REPLICA} is not versioned: S3 refuses the rule.`],
    [replicationBuckets, { replicaLocked: false }, `replication: rule disaster-recovery: source ${SOURCE} has Object Lock but destination ${REPLICA} was not created with it: S3 fails to replicate locked versions.`],
    [drReplicaObjectLock, { replicaLocked: false }, `replica ${REPLICA} of ${SOURCE} (COMPLIANCE 2557 days) has no Object Lock configuration: its copies could be deleted before the source's retention ends.`],
    [drReplicaObjectLock, { replicaDays: 30 }, `replica ${REPLICA} of ${SOURCE} (COMPLIANCE 2557 days) locks COMPLIANCE 30 days: weaker than its source.`],
    [drReplicaObjectLock, { replicaMode: "GOVERNANCE" }, `replica ${REPLICA} of ${SOURCE} (COMPLIANCE 2557 days) locks GOVERNANCE 2557 days: weaker than its source.`],
    [drReplicationAlarmed, { alarm: false }, `${SOURCE} replicates with no alarm on OperationsFailedReplication: a failed copy would go unnoticed until the restore needs it.`],
  ] as const)("%s fails %j", async (policy, opts, message) => {
    expect((await checkStack(policy, pair(opts))).violations).toEqual([message]);
  });

  const db = (props: Record<string, unknown>): StackInput => ({ type: pulumiType(aws.rds.Instance), name: "db", props: { arn: "arn:aws:rds:eu-west-1:222222222222:db:db", engine: "postgres", backupRetentionPeriod: 14, storageEncrypted: true, ...props } });
  const replication = (props: Record<string, unknown>): StackInput => ({ type: BACKUPS, name: "backups", props: { sourceDbInstanceArn: "arn:aws:rds:eu-west-1:222222222222:db:db", kmsKeyId: KEY, retentionPeriod: 14, ...props } });

  it("engine-rds-backup-replication passes prod's PostgreSQL and fails what RDS refuses", async () => {
    expect((await checkStack(rdsBackupReplication, [db({}), replication({})])).violations).toEqual([]);
    const refuses = "RDS refuses StartDBInstanceAutomatedBackupsReplication.";
    expect((await checkStack(rdsBackupReplication, [db({}), replication({ retentionPeriod: 36 })])).violations).toEqual([`backups: retentionPeriod 36 is outside 1..35 days: ${refuses}`]);
    expect((await checkStack(rdsBackupReplication, [db({ engine: "aurora-postgresql" }), replication({})])).violations).toEqual([`backups: engine aurora-postgresql has no cross-Region automated backups: ${refuses}`]);
    expect((await checkStack(rdsBackupReplication, [db({ backupRetentionPeriod: 0 }), replication({})])).violations).toEqual([`backups: its source keeps no automated backups (backupRetentionPeriod 0): ${refuses}`]);
    expect((await checkStack(rdsBackupReplication, [db({}), replication({ kmsKeyId: undefined })])).violations).toEqual([`backups: its source is encrypted and no kmsKeyId of the recovery Region is given: ${refuses}`]);
  });
});

describe("the recovery policies in the pack", () => {
  it("are registered, the engine rules among the engine rules, and mandatory in both tiers", () => {
    for (const p of [...DISASTER_RECOVERY_POLICIES, ...DISASTER_RECOVERY_ENGINE_RULES]) expect(POLICIES.some((q) => q.name === p.name), p.name).toBe(true);
    for (const p of DISASTER_RECOVERY_ENGINE_RULES) expect(ENGINE_RULE_POLICIES.includes(p), p.name).toBe(true);
    // Engine rules are mandatory everywhere (AWS refuses what they catch); dev runs the baseline as advisories.
    const levels = (stack: string) => reconcilePolicyConfig(readPolicyConfigFile(stack), "mandatory");
    for (const p of [...DISASTER_RECOVERY_POLICIES, ...DISASTER_RECOVERY_ENGINE_RULES]) expect(levels("prod").get(p.name)?.enforcementLevel, p.name).toBe("mandatory");
    for (const p of DISASTER_RECOVERY_ENGINE_RULES) expect(levels("dev").get(p.name)?.enforcementLevel, p.name).toBe("mandatory");
    for (const p of DISASTER_RECOVERY_POLICIES) expect(levels("dev").get(p.name)?.enforcementLevel, p.name).toBe("advisory");
  });

  it("find nothing in prod's plan, which has the copies", async () => {
    const run = await stackRun("prod");
    const mine = [...DISASTER_RECOVERY_POLICIES, ...DISASTER_RECOVERY_ENGINE_RULES];
    const pack = await runPack(run, { all: "mandatory" }, mine);
    expect(pack.violations).toEqual([]);
    expect(pack.couldNotRun).toEqual([]);
    // Each applied: prod's plan exercised every one of them.
    for (const p of mine) expect(pack.applied.has(p.name), p.name).toBe(true);
  });

  it("find nothing in a plan with Replication Time Control off (no metrics event threshold without RTC)", async () => {
    const run = await runWith("dev", { "sparki-storage:disasterRecovery": { region: "eu-north-1", replicationTimeControl: false } });
    const pack = await runPack(run, { all: "mandatory" }, [...DISASTER_RECOVERY_ENGINE_RULES]);
    expect(pack.violations).toEqual([]);
    expect(pack.applied.has(replicationTimeControl.name)).toBe(true);
  });
});
