import { describe, expect, it } from "vitest";
import { bucketName } from "../components/object-store/naming";
import { childrenOf, json, ofType, one, type ProgramRun, type RegisteredResource, runWith, stackRun } from "./harness";

/**
 * Disaster recovery in prod's plan, from the real stack files: Pulumi.prod.yaml names eu-central-1 as the second
 * Region (dev names none). Expected values are the stack files' and AWS's: the replica names, the RTC 15 minutes
 * (S3 User Guide), prod's audit retention (Pulumi.prod.yaml) and PostgreSQL's backup retention (Pulumi.prod.yaml).
 */

const RECOVERY = "eu-central-1";
/** The replicas' suffix: eu-central-1's Region code (components/disaster-recovery/facts.ts regionCode). */
const CODE = "euc1";
const PREFIX = "sparki-prod-222222222222";
const REPLICATION = "aws:s3/bucketReplicationConfig:BucketReplicationConfig";
const BACKUPS = "aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication";
const BUCKET = "aws:s3/bucket:Bucket";
const DR = "sparki:disaster-recovery:DisasterRecovery";

/** The name of the provider a resource is created with (its URN's last segment before `::<id>`). */
function providerName(r: RegisteredResource): string | undefined {
  return r.provider?.split("::")[3];
}

const byName = (run: ProgramRun, type: string, name: string) => one(run, type, name);

describe("disaster recovery: prod copies to eu-central-1", async () => {
  const run = await stackRun("prod");
  const component = one(run, DR);

  it("creates one component with its own provider for the second Region, a child of it", () => {
    const providers = ofType(run, "pulumi:providers:aws");
    const recovery = providers.find((p) => p.inputs.region === RECOVERY);
    expect(recovery?.name).toBe("sparki-prod-dr-aws");
    expect(recovery?.parent?.type).toBe(DR);
    expect(json<string[]>(recovery?.inputs.allowedAccountIds)).toEqual(["222222222222"]);
  });

  it("keys the copies with a key of its own in the second Region, protected", () => {
    const key = byName(run, "aws:kms/key:Key", "sparki-prod-dr-key-key");
    expect(providerName(key)).toBe("sparki-prod-dr-aws");
    expect(key.inputs.enableKeyRotation).toBe(true);
    expect(key.options.protect).toBe(true);
  });

  it("replicates exactly the audit archive and the config backups, into <bucket>-euc1 replicas in the second Region", () => {
    const configs = ofType(run, REPLICATION);
    expect(configs.map((c) => c.inputs.bucket).sort()).toEqual([bucketName(PREFIX, "audit-archive"), bucketName(PREFIX, "config-backups")]);
    for (const slug of ["audit-archive", "config-backups"]) {
      const replica = byName(run, BUCKET, `sparki-prod-dr-${slug}-replica`);
      expect(replica.inputs.bucket).toBe(`${PREFIX}-${slug}-${CODE}`);
      expect(providerName(replica)).toBe("sparki-prod-dr-aws");
      expect(replica.options.protect).toBe(true);
    }
  });

  it("locks the audit archive's replica as its source (prod: 2557 days) and keeps the source's lifecycle", () => {
    const lockOf = (bucket: string) => ofType(run, "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration").find((l) => l.inputs.bucket === bucket)?.inputs.rule;
    const source = lockOf(bucketName(PREFIX, "audit-archive"));
    expect((source as { defaultRetention: { days: number } }).defaultRetention.days).toBe(2557);
    expect(lockOf(`${PREFIX}-audit-archive-${CODE}`)).toEqual(source);
    expect(lockOf(`${PREFIX}-config-backups-${CODE}`)).toBeUndefined();
    const rulesOf = (bucket: string) => (ofType(run, "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration").find((l) => l.inputs.bucket === bucket)?.inputs.rules as Record<string, unknown>[]).map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => k !== "id")));
    for (const slug of ["audit-archive", "config-backups"]) expect(rulesOf(`${PREFIX}-${slug}-${CODE}`)).toEqual(rulesOf(bucketName(PREFIX, slug)));
  });

  it("encrypts each replica with the second Region's key and logs its access in that Region", () => {
    const key = byName(run, "aws:kms/key:Key", "sparki-prod-dr-key-key");
    for (const slug of ["audit-archive", "config-backups"]) {
      const encryption = ofType(run, "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration")
        .find((e) => e.inputs.bucket === `${PREFIX}-${slug}-${CODE}`)!;
      const rule = (encryption.inputs.rules as { applyServerSideEncryptionByDefault: { kmsMasterKeyId: string } }[])[0];
      expect(rule.applyServerSideEncryptionByDefault.kmsMasterKeyId).toMatch(/^arn:aws:kms:/);
      expect(encryption.dependencies.some((d) => d.name === key.name)).toBe(true);
      const logging = ofType(run, "aws:s3/bucketLogging:BucketLogging").find((l) => l.inputs.bucket === `${PREFIX}-${slug}-${CODE}`)!;
      expect(logging.inputs.targetBucket).toBe(`${PREFIX}-access-logs-${CODE}`);
      expect(providerName(logging)).toBe("sparki-prod-dr-aws");
    }
  });

  it("replicates KMS objects with the replica key, no delete markers, metrics and RTC at S3's 15 minutes", () => {
    for (const config of ofType(run, REPLICATION)) {
      expect(providerName(config)).toBe("sparki-prod-aws");
      const [rule] = config.inputs.rules as Record<string, unknown>[];
      expect(rule).toMatchObject({
        id: "disaster-recovery", status: "Enabled", filter: {},
        deleteMarkerReplication: { status: "Disabled" },
        sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: "Enabled" } },
        destination: {
          bucket: `arn:aws:s3:::${String(config.inputs.bucket)}-${CODE}`,
          metrics: { status: "Enabled", eventThreshold: { minutes: 15 } },
          replicationTime: { status: "Enabled", time: { minutes: 15 } },
        },
      });
      expect((rule.destination as { encryptionConfiguration: { replicaKmsKeyId: string } }).encryptionConfiguration.replicaKmsKeyId).toMatch(/^arn:aws:kms:/);
      // S3 refuses replication until the source is versioned: the configuration waits for the source bucket's component.
      expect(config.options.dependsOn?.some((d) => d.type === "sparki:object-store:SecureBucket" && d.name === `sparki-prod-s3-${config.inputs.bucket === bucketName(PREFIX, "audit-archive") ? "audit-archive" : "config-backups"}`)).toBe(true);
    }
  });

  it("gives the replication role only what S3 needs: read the sources' versions and locks, write replicas, keys through S3 only", () => {
    const role = byName(run, "aws:iam/role:Role", "sparki-prod-dr-s3-replication");
    // The trust policy the S3 User Guide documents for live replication ("Setting up permissions for live
    // replication", Step 2): no condition keys S3 might not send when it assumes the role.
    expect(json(role.inputs.assumeRolePolicy)).toEqual({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: { Service: "s3.amazonaws.com" }, Action: "sts:AssumeRole" }],
    });
    const policy = json<{ Statement: { Sid: string; Action: string | string[]; Resource: string | string[]; Condition?: Record<string, Record<string, unknown>> }[] }>(
      byName(run, "aws:iam/rolePolicy:RolePolicy", "sparki-prod-dr-s3-replication").inputs.policy);
    const sid = (s: string) => policy.Statement.find((x) => x.Sid === s)!;
    const actions = policy.Statement.flatMap((s) => [s.Action].flat());
    expect(actions).not.toContain("s3:ReplicateDelete");
    expect(actions.some((a) => a.endsWith("*"))).toBe(false);
    expect(sid("WriteReplicas").Resource).toEqual([`arn:aws:s3:::${PREFIX}-audit-archive-${CODE}/*`, `arn:aws:s3:::${PREFIX}-config-backups-${CODE}/*`]);
    expect(sid("ReadSourceVersions").Action).toEqual(expect.arrayContaining(["s3:GetObjectRetention", "s3:GetObjectLegalHold"]));
    expect(sid("DecryptSourcesThroughS3").Condition?.StringEquals).toEqual({ "kms:ViaService": "s3.eu-west-1.amazonaws.com" });
    expect(sid("EncryptReplicasThroughS3").Condition?.StringEquals).toEqual({ "kms:ViaService": `s3.${RECOVERY}.amazonaws.com` });
  });

  it("replicates PostgreSQL's automated backups into the second Region with its key, for the instance's 14 days", () => {
    const [replication] = ofType(run, BACKUPS);
    expect(ofType(run, BACKUPS)).toHaveLength(1);
    const primary = byName(run, "aws:rds/instance:Instance", "sparki-prod-postgres");
    expect(providerName(replication)).toBe("sparki-prod-dr-aws");
    expect(replication.inputs.retentionPeriod).toBe(14);
    expect(replication.dependencies.some((d) => d.name === primary.name)).toBe(true);
    expect(replication.dependencies.some((d) => d.name === "sparki-prod-dr-key-key")).toBe(true);
    expect(replication.options.protect).toBe(true);
  });

  it("alarms on late and failed replication per bucket, on the replication metrics' own dimensions", () => {
    const alarms = ofType(run, "aws:cloudwatch/metricAlarm:MetricAlarm").filter((a) => a.inputs.namespace === "AWS/S3" && String(a.inputs.metricName).includes("Replication"));
    expect(alarms).toHaveLength(2 * 2 * 2);
    for (const alarm of alarms) {
      expect(alarm.inputs.dimensions).toMatchObject({ RuleId: "disaster-recovery" });
      expect(String((alarm.inputs.dimensions as Record<string, string>).DestinationBucket)).toMatch(new RegExp(`-${CODE}$`));
    }
    const latency = alarms.filter((a) => a.inputs.metricName === "ReplicationLatency").map((a) => a.inputs.threshold);
    // 15 minutes: the RTC promise (S3 User Guide) is the warning level.
    expect(latency).toContain(900);
  });

  it("pages once for the copies: their critical alarms are the members of one composite", () => {
    const composite = one(run, "aws:cloudwatch/compositeAlarm:CompositeAlarm", "prod-disaster-recovery-paging");
    const critical = ofType(run, "aws:cloudwatch/metricAlarm:MetricAlarm")
      .filter((a) => a.name.startsWith("prod-dr-") && a.name.endsWith("-critical")).map((a) => a.name);
    expect(critical).toHaveLength(4);
    for (const name of critical) expect(String(composite.inputs.alarmRule)).toContain(`ALARM("${name}")`);
  });

  it("graphs replication latency and failures on the environment's dashboard", () => {
    const body = String(one(run, "aws:cloudwatch/dashboard:Dashboard").inputs.dashboardBody);
    expect(body).toContain("Disaster recovery: replication to eu-central-1");
    expect(body).toContain("OperationsFailedReplication");
    expect(body).toContain("ReplicationLatency");
  });

  it("shows the copies in the stack outputs", () => {
    const out = run.outputs.disasterRecovery as { region: string; buckets: Record<string, { name: string }>; databaseBackups: { identifier: string }[] };
    expect(out.region).toBe(RECOVERY);
    expect(out.buckets.auditArchive.name).toBe(`${PREFIX}-audit-archive-${CODE}`);
    expect(out.databaseBackups.map((d) => d.identifier)).toEqual(["sparki-prod-postgres"]);
    expect(childrenOf(run, component).length).toBeGreaterThan(5);
  });
});

describe("disaster recovery: dev copies nothing", async () => {
  const run = await stackRun("dev");
  it("registers no component, provider, replication or backup replication", () => {
    expect(ofType(run, DR)).toEqual([]);
    expect(ofType(run, "pulumi:providers:aws")).toHaveLength(1);
    expect(ofType(run, REPLICATION)).toEqual([]);
    expect(ofType(run, BACKUPS)).toEqual([]);
    expect(run.outputs.disasterRecovery).toBeUndefined();
  });
});

describe("disaster recovery in a dev-profile stack that opts in", async () => {
  const run = await runWith("dev", { "sparki-storage:disasterRecovery": { region: "eu-north-1", replicationTimeControl: false, backupRetentionDays: 3 } });

  it("follows dev's profile: unprotected copies that `pulumi destroy` may empty", () => {
    const replica = one(run, BUCKET, "sparki-dev-dr-audit-archive-replica");
    expect(replica.inputs.bucket).toBe("sparki-dev-111111111111-audit-archive-eun1");
    expect(replica.options.protect).toBe(false);
    expect(replica.inputs.forceDestroy).toBe(true);
    expect(one(run, "aws:kms/key:Key", "sparki-dev-dr-key-key").options.protect).toBe(false);
  });

  it("keeps metrics and alarms without Replication Time Control, and the replicated backups for the days set", () => {
    for (const config of ofType(run, REPLICATION)) {
      const [rule] = config.inputs.rules as { destination: Record<string, unknown> }[];
      expect(rule.destination.replicationTime).toBeUndefined();
      // S3 refuses an event threshold without RTC (InvalidArgument; pulumi/pulumi-aws#5806): metrics alone.
      expect(rule.destination.metrics).toEqual({ status: "Enabled" });
    }
    expect(ofType(run, BACKUPS).map((b) => b.inputs.retentionPeriod)).toEqual([3]);
    expect(ofType(run, "aws:cloudwatch/metricAlarm:MetricAlarm").filter((a) => a.inputs.metricName === "OperationsFailedReplication")).toHaveLength(2 * 2);
  });
});
