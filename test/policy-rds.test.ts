import { describe, expect, it } from "vitest";
import {
  RDS_POLICIES, rdsBackupRetention, rdsCopyTagsToSnapshots, rdsDeletionProtection, rdsEncrypted, rdsEnhancedMonitoring,
  rdsEventSubscription, rdsIamAuthentication, rdsInVpc, rdsLogExports, rdsMinorVersionUpgrades, rdsMultiAz, rdsNotPublic, rdsProxyTls,
} from "../policy/rds";
import { primary, replica, T, TOPIC_ARN } from "./policy-fixtures";
import { describeResourceCases, type ResourceCase } from "./policy-cases";
import { checkResource, checkStack, type StackInput, UNKNOWN } from "./policy-harness";

const proxy = { name: "sparki-dev-postgres-proxy", engineFamily: "POSTGRESQL", requireTls: true, roleArn: "arn:aws:iam::1:role/p", vpcSubnetIds: ["subnet-1"] };

const CASES: ResourceCase[] = [
  { policy: rdsNotPublic, type: T.instance, pass: primary(), failures: [
    [{ publiclyAccessible: true }, "publiclyAccessible is true: the instance would get an internet-resolvable endpoint. Set publiclyAccessible: false."],
  ] },
  { policy: rdsEncrypted, type: T.instance, pass: primary(), failures: [
    [{ storageEncrypted: false }, "storageEncrypted is not true: data, backups and snapshots would be stored unencrypted. Set storageEncrypted: true."],
    [{ kmsKeyId: undefined }, "kmsKeyId is not set: storage would use the AWS-managed aws/rds key instead of the environment's customer key."],
  ] },
  { policy: rdsMultiAz, type: T.instance, pass: primary(), failures: [
    [{ multiAz: false }, "multiAz is not true: an AZ outage or host failure takes the database down until it is replaced. Set multiAz: true."],
  ] },
  { policy: rdsEnhancedMonitoring, type: T.instance, pass: primary(), failures: [
    [{ monitoringInterval: 0 }, "monitoringInterval is 0: Enhanced Monitoring needs one of 1, 5, 10, 15, 30, 60 seconds."],
    [{ monitoringRoleArn: undefined }, "monitoringRoleArn is not set: Enhanced Monitoring needs a role that may publish to CloudWatch Logs."],
  ] },
  { policy: rdsDeletionProtection, type: T.instance, pass: primary(), failures: [
    [{ deletionProtection: false }, "deletionProtection is not true: one API call (or a replacement by Pulumi) would delete the instance. Set deletionProtection: true."],
  ] },
  { policy: rdsLogExports, type: T.instance, pass: primary(), failures: [
    [{ enabledCloudwatchLogsExports: ["upgrade"] }, "enabledCloudwatchLogsExports is [upgrade]: it must include \"postgresql\" so errors and slow queries reach CloudWatch Logs."],
  ] },
  { policy: rdsIamAuthentication, type: T.instance, pass: primary(), failures: [
    [{ iamDatabaseAuthenticationEnabled: false }, "iamDatabaseAuthenticationEnabled is not true: services could only log in with long-lived passwords. Set it to true."],
  ] },
  { policy: rdsBackupRetention, type: T.instance, pass: primary(), failures: [
    [{ backupRetentionPeriod: 1 }, "backupRetentionPeriod is 1: at least 7 days of automated backups are required for point-in-time recovery."],
    [{ backupRetentionPeriod: undefined }, "backupRetentionPeriod is undefined: at least 7 days of automated backups are required for point-in-time recovery."],
  ] },
  { policy: rdsMinorVersionUpgrades, type: T.instance, pass: primary(), failures: [
    [{ autoMinorVersionUpgrade: false }, "autoMinorVersionUpgrade is false: security patches of the engine would never be applied. Set it to true."],
  ] },
  { policy: rdsCopyTagsToSnapshots, type: T.instance, pass: primary(), failures: [
    [{ copyTagsToSnapshot: undefined }, "copyTagsToSnapshot is not true: snapshots would lose Environment/Owner tags and escape tag-based access control. Set it to true."],
  ] },
  { policy: rdsInVpc, type: T.instance, pass: primary(), failures: [
    [{ dbSubnetGroupName: undefined }, "dbSubnetGroupName is not set: the instance would be placed in the default VPC's default subnet group. Use the private DB subnet group."],
    [{ dbSubnetGroupName: "default" }, "dbSubnetGroupName is \"default\": the default subnet group spans the default VPC's public subnets. Use the private DB subnet group."],
  ] },
  { policy: rdsProxyTls, type: T.proxy, pass: proxy, failures: [
    [{ requireTls: false }, "requireTls is not true: clients could send credentials and queries in plaintext. Set requireTls: true."],
  ] },
];

describeResourceCases(CASES, T.bucket);

describe("RDS policies on read replicas", () => {
  it("accepts a same-region replica that inherits encryption and subnet group and keeps no backups", async () => {
    for (const policy of [rdsEncrypted, rdsInVpc, rdsLogExports, rdsDeletionProtection, rdsNotPublic]) {
      expect(await checkResource(policy, { type: T.instance, props: replica(1) }), policy.name).toMatchObject({ violations: [] });
    }
  });

  it("does not apply Multi-AZ and backup retention to replicas (the primary's standby and backups cover them)", async () => {
    expect((await checkResource(rdsMultiAz, { type: T.instance, props: replica(1) })).notApplicable).toMatch(/read replicas/);
    expect((await checkResource(rdsBackupRetention, { type: T.instance, props: replica(1) })).notApplicable).toMatch(/restored from the primary/);
  });

  it("refuses an unencrypted replica and a cross-region replica without a subnet group", async () => {
    expect((await checkResource(rdsEncrypted, { type: T.instance, props: { ...replica(1), storageEncrypted: false } })).violations)
      .toEqual(["storageEncrypted is false on a read replica: replicas must stay encrypted like their source."]);
    const crossRegion = { ...replica(1), replicateSourceDb: "arn:aws:rds:us-east-1:111111111111:db:sparki-dev-postgres" };
    expect((await checkResource(rdsInVpc, { type: T.instance, props: crossRegion })).violations)
      .toEqual(["dbSubnetGroupName is not set: the instance would be placed in the default VPC's default subnet group. Use the private DB subnet group."]);
  });

  it("treats a replica whose source is unknown during preview as a replica", async () => {
    const props = { ...replica(1), replicateSourceDb: UNKNOWN };
    expect((await checkResource(rdsMultiAz, { type: T.instance, props })).notApplicable).toMatch(/read replicas/);
    expect(await checkResource(rdsInVpc, { type: T.instance, props })).toMatchObject({ violations: [] });
  });

  it("reads the backup minimum from policy config (prod 7 days, per stack file)", async () => {
    const props = { ...primary(), backupRetentionPeriod: 7 };
    expect((await checkResource(rdsBackupRetention, { type: T.instance, props }, { minimumDays: 14 })).violations)
      .toEqual(["backupRetentionPeriod is 7: at least 14 days of automated backups are required for point-in-time recovery."]);
  });

  it("leaves non-PostgreSQL engines out of the log export check", async () => {
    const outcome = await checkResource(rdsLogExports, { type: T.instance, props: { ...primary(), engine: "mysql", enabledCloudwatchLogsExports: [] } });
    expect(outcome.notApplicable).toBe("engine mysql is not PostgreSQL");
  });
});

describe("rds-20-event-subscription", () => {
  const instances: StackInput[] = [
    { type: T.instance, name: "primary", props: primary() },
    { type: T.instance, name: "replica-1", props: replica(1) },
  ];
  const subscription = (props: Record<string, unknown> = {}): StackInput => ({
    type: T.eventSubscription, name: "events",
    props: {
      snsTopic: TOPIC_ARN, sourceType: "db-instance", enabled: true,
      eventCategories: ["failure", "failover", "maintenance", "configuration change"],
      sourceIds: ["sparki-dev-postgres", "sparki-dev-postgres-replica-1"], ...props,
    },
  });

  it("passes when an enabled db-instance subscription covers the categories and every instance", async () => {
    expect(await checkStack(rdsEventSubscription, [...instances, subscription()])).toMatchObject({ violations: [] });
    expect(await checkStack(rdsEventSubscription, [...instances, subscription({ eventCategories: [], sourceIds: [] })])).toMatchObject({ violations: [] });
  });

  it("fails without a subscription, with a disabled one, or one missing a category", async () => {
    const none = "no enabled RDS event subscription with sourceType db-instance covers failure, maintenance, configuration change: failovers and failures would go unnoticed.";
    expect((await checkStack(rdsEventSubscription, instances)).violations).toEqual([none]);
    expect((await checkStack(rdsEventSubscription, [...instances, subscription({ enabled: false })])).violations).toEqual([none]);
    expect((await checkStack(rdsEventSubscription, [...instances, subscription({ eventCategories: ["failure"] })])).violations).toEqual([none]);
  });

  it("fails for an instance outside the subscription's sourceIds", async () => {
    const outcome = await checkStack(rdsEventSubscription, [...instances, subscription({ sourceIds: ["sparki-dev-postgres"] })]);
    expect(outcome.violations).toEqual([
      "RDS instance sparki-dev-postgres-replica-1 is not among the sourceIds of any event subscription covering failure, maintenance, configuration change.",
    ]);
    expect(outcome.urns).toEqual(["urn:pulumi:test::sparki-storage::aws:rds/instance:Instance::replica-1"]);
  });

  it("does not crash or accuse when categories, sources and identifiers are unknown during preview", async () => {
    const unknown = [{ ...instances[0], props: { ...primary(), identifier: UNKNOWN } }, subscription({ eventCategories: UNKNOWN, sourceIds: UNKNOWN })];
    expect(await checkStack(rdsEventSubscription, unknown)).toMatchObject({ violations: [] });
  });

  it("is not applicable without RDS instances", async () => {
    expect((await checkStack(rdsEventSubscription, [])).notApplicable).toBe("no RDS instances");
  });
});

it("every RDS policy has cases here", () => {
  const tested = new Set([...CASES.map((c) => c.policy.name), rdsEventSubscription.name]);
  expect(RDS_POLICIES.map((p) => p.name).filter((n) => !tested.has(n))).toEqual([]);
});
