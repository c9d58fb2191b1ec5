import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { ProgramRun } from "../scripts/offline/run-program";
import { REPO_ROOT } from "../scripts/offline/stack-files";
import { capturedRun } from "./harness";
import {
  RDS_POLICIES, rdsBackupRetention, rdsCopyTagsToSnapshots, rdsDeletionProtection, rdsEncrypted, rdsEnhancedMonitoring,
  rdsEventSubscription, rdsIamAuthentication, rdsInVpc, rdsLogExports, rdsMinorVersionUpgrades, rdsMultiAz, rdsNotPublic, rdsProxyTls,
  rdsTlsRequired, RDS_POLICY_EXCEPTIONS,
} from "../policy/rds";
import {
  loginSecret, MSSQL_ID, MYSQL_ID, mysqlOptionGroup, mysqlParameterGroup, mysqlStack, primary, replica, sqlServerParameterGroup,
  sqlServerPrimary, sqlServerStack, sqlServerStackWithReplica, T, TOPIC_ARN,
} from "./policy-fixtures";
import { describeResourceCases, type ResourceCase } from "./policy-cases";
import { checkResource, checkStack, runPack, type StackInput, UNKNOWN } from "./policy-harness";
import { multiUserRotationMaster, sqlServerReplicas } from "../policy/engine-rules";

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
    for (const policy of [rdsEncrypted, rdsInVpc, rdsDeletionProtection, rdsNotPublic]) {
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
  const tested = new Set([...CASES.map((c) => c.policy.name), rdsEventSubscription.name, rdsLogExports.name, rdsIamAuthentication.name, rdsTlsRequired.name]);
  expect(RDS_POLICIES.map((p) => p.name).filter((n) => !tested.has(n))).toEqual([]);
});

// ---------------------------------------------------------------------------------------------------------
// Engine-aware controls: a read replica is judged by its source's engine.

/** `inputs` with the named resource's props changed (or removed with `undefined`). */
function changed(inputs: readonly StackInput[], name: string, props: Record<string, unknown>): StackInput[] {
  return inputs.map((i) => (i.name === name ? { ...i, props: { ...i.props, ...props } } : i));
}
const without = (inputs: readonly StackInput[], ...names: string[]) => inputs.filter((i) => !names.includes(i.name ?? ""));
const postgres: StackInput[] = [
  { type: T.instance, name: "primary", props: primary() },
  { type: T.instance, name: "replica-1", props: replica(1) },
];
const violations = async (policy: Parameters<typeof checkStack>[0], inputs: readonly StackInput[]) => (await checkStack(policy, inputs)).violations;

describe("rds-9-log-exports", () => {
  it("passes every engine exporting the logs RDS.9 lists for it, MySQL without the general log under its named exception", async () => {
    for (const stack of [postgres, mysqlStack(), sqlServerStack()]) expect(await violations(rdsLogExports, stack)).toEqual([]);
  });

  it("wants PostgreSQL's postgresql and upgrade logs (RDS.9), on primaries and replicas", async () => {
    expect(await violations(rdsLogExports, changed(postgres, "replica-1", { enabledCloudwatchLogsExports: ["postgresql"] }))).toEqual([
      "sparki-dev-postgres-replica-1: enabledCloudwatchLogsExports is [postgresql]: PostgreSQL instances must export postgresql, upgrade (RDS.9); missing upgrade.",
    ]);
    expect(await violations(rdsLogExports, changed(postgres, "primary", { enabledCloudwatchLogsExports: ["upgrade"] }))).toEqual([
      "sparki-dev-postgres: enabledCloudwatchLogsExports is [upgrade]: PostgreSQL instances must export postgresql, upgrade (RDS.9); missing postgresql.",
    ]);
  });

  it("judges a replica by its source's engine: a SQL Server replica exports agent and error, not postgresql", async () => {
    expect(await violations(rdsLogExports, changed(sqlServerStackWithReplica(), "mssql-replica-1", { enabledCloudwatchLogsExports: ["error"] }))).toEqual([
      `${MSSQL_ID}-replica-1: enabledCloudwatchLogsExports is [error]: SQL Server instances must export error, agent (RDS.9); missing agent.`,
    ]);
    expect(await violations(rdsLogExports, changed(mysqlStack(), "mysql-replica-1", { enabledCloudwatchLogsExports: ["postgresql", "upgrade"] }))).toEqual([
      `${MYSQL_ID}-replica-1: enabledCloudwatchLogsExports is [postgresql, upgrade]: MySQL instances must export audit, error, general, slowquery (RDS.9); missing audit, error, slowquery.`,
    ]);
  });

  it("names the exception when MySQL leaves the general log off without its compensating control", async () => {
    const prefix = (id: string) => `${id}: MySQL without the general log is the named exception mysql-general-log, which holds only with its compensating control (`;
    const noPlugin = changed(mysqlStack(), "mysql-options", { options: [] });
    const found = await violations(rdsLogExports, noPlugin);
    expect(found).toHaveLength(2);
    expect(found[0]).toMatch(new RegExp(`^${prefix(MYSQL_ID).replace(/[()]/g, "\\$&")}`));
    expect(found[0]).toMatch(/; but its option group sparki-prod-mysql-mysql8-4- has no MARIADB_AUDIT_PLUGIN option: the audit log it exports stays empty\.$/);
    // The replica names the same option group: it is judged on it too.
    expect(found[1]).toMatch(/^sparki-prod-mysql-replica-1: MySQL without the general log is the named exception mysql-general-log/);

    const tail = async (inputs: StackInput[]) => (await violations(rdsLogExports, inputs)).map((v) => v.slice(v.indexOf("; but ") + 6));
    expect(await tail(changed(mysqlStack(), "mysql-options", mysqlOptionGroup({ SERVER_AUDIT_EVENTS: "CONNECT" })))).toContain(
      "its audit plugin's SERVER_AUDIT_EVENTS is \"CONNECT\": it must name QUERY_DDL, QUERY_DCL (or QUERY) so connections and DDL/DCL reach the audit log.");
    expect(await tail(changed(mysqlStack(), "mysql-params", mysqlParameterGroup([{ name: "slow_query_log", value: "0" }, { name: "log_output", value: "TABLE" }])))).toContain(
      "its parameter group sparki-prod-mysql-mysql8-4- leaves slow_query_log at 0: no slow query log is written; its parameter group sparki-prod-mysql-mysql8-4- has log_output TABLE: only FILE logs reach CloudWatch Logs.");
    const defaults = without(changed(mysqlStack(), "mysql", { optionGroupName: undefined, parameterGroupName: undefined }), "mysql-replica-1");
    expect(await tail(defaults)).toEqual([
      "it uses the engine's default option group, which has no MARIADB_AUDIT_PLUGIN: the audit log it exports stays empty; the engine's default parameter group leaves slow_query_log at 0: no slow query log is written; the engine's default parameter group has log_output TABLE: only FILE logs reach CloudWatch Logs.",
    ]);
    // QUERY (every statement) covers DDL and DCL.
    expect(await violations(rdsLogExports, changed(mysqlStack(), "mysql-options", mysqlOptionGroup({ SERVER_AUDIT_EVENTS: "CONNECT,QUERY" })))).toEqual([]);
  });

  it("does not excuse a missing audit or slow query log: the exception covers the general log only", async () => {
    expect(await violations(rdsLogExports, without(changed(mysqlStack(), "mysql", { enabledCloudwatchLogsExports: ["error", "slowquery"] }), "mysql-replica-1"))).toEqual([
      `${MYSQL_ID}: enabledCloudwatchLogsExports is [error, slowquery]: MySQL instances must export audit, error, general, slowquery (RDS.9); missing audit.`,
    ]);
  });

  it("wants a replica of an instance outside the stack to fit some engine's list, and proves nothing from unknown values", async () => {
    const external = { ...replica(1, "arn:aws:rds:us-east-1:111111111111:db:elsewhere"), identifier: "elsewhere-replica-1", enabledCloudwatchLogsExports: ["error"] };
    expect(await violations(rdsLogExports, [{ type: T.instance, name: "far", props: external }])).toEqual([
      "elsewhere-replica-1: enabledCloudwatchLogsExports is [error], and its engine is its source's, outside this stack: the exports match no engine's RDS.9 list (PostgreSQL: postgresql, upgrade).",
    ]);
    expect(await violations(rdsLogExports, [{ type: T.instance, name: "far", props: { ...external, enabledCloudwatchLogsExports: ["agent", "error"] } }])).toEqual([]);
    expect(await violations(rdsLogExports, changed(postgres, "replica-1", { replicateSourceDb: UNKNOWN, enabledCloudwatchLogsExports: [] }))).toEqual([]);
    expect(await violations(rdsLogExports, changed(postgres, "primary", { enabledCloudwatchLogsExports: [UNKNOWN] }))).toEqual([]);
    expect(await violations(rdsLogExports, changed(mysqlStack(), "mysql", { optionGroupName: UNKNOWN, parameterGroupName: UNKNOWN }).map((i) => ({ ...i, dependsOnNames: [] })))).toEqual([]);
    expect((await checkStack(rdsLogExports, [])).notApplicable).toBe("no RDS instances");
  });
});

describe("rds-10-iam-auth", () => {
  it("wants IAM database authentication on PostgreSQL and MySQL, primaries and replicas", async () => {
    expect(await violations(rdsIamAuthentication, [...postgres, ...mysqlStack()])).toEqual([]);
    expect(await violations(rdsIamAuthentication, changed(mysqlStack(), "mysql-replica-1", { iamDatabaseAuthenticationEnabled: false }))).toEqual([
      `${MYSQL_ID}-replica-1: iamDatabaseAuthenticationEnabled is not true: services could only log in with long-lived passwords. Set it to true.`,
    ]);
    expect(await violations(rdsIamAuthentication, changed(postgres, "primary", { iamDatabaseAuthenticationEnabled: UNKNOWN }))).toEqual([]);
  });

  // The application login's secret and everything that rotates it.
  const POOL = ["mssql-pool", "mssql-pool-version", "mssql-pool-rotation-function", "mssql-pool-rotation"];

  it("lets SQL Server pass under the named exception sqlserver-iam-auth while its compensating control holds", async () => {
    // As components/rds registers it: the login rotated by alternating users, the admin's secret as master.
    expect(await violations(rdsIamAuthentication, sqlServerStack())).toEqual([]);
    // A login that rotates itself (single user) holds the control just as well.
    expect(await violations(rdsIamAuthentication, [...without(sqlServerStack(), ...POOL), ...loginSecret("pool", "sparki_app", { master: null })])).toEqual([]);
    // Engines RDS.10 does not evaluate (and that are not SQL Server) are left alone.
    expect(await violations(rdsIamAuthentication, [{ type: T.instance, name: "oracle", props: { ...primary(), engine: "oracle-ee", iamDatabaseAuthenticationEnabled: false } }])).toEqual([]);
  });

  it("reports SQL Server, primary and replica, when the compensating control is missing, naming the exception", async () => {
    const gaps = async (inputs: StackInput[]) => {
      const found = await violations(rdsIamAuthentication, inputs);
      for (const v of found) expect(v).toMatch(/: RDS for SQL Server has no IAM database authentication, the named exception sqlserver-iam-auth, which holds only with its compensating control \(/);
      return [...new Set(found.map((v) => v.slice(v.indexOf("; but ") + 6)))];
    };
    const stack = sqlServerStack();
    expect(await gaps(without(stack, ...POOL))).toEqual([
      "no Secrets Manager secret holds an application login for it (a user other than the master user sparki_admin) written once the instance exists.",
    ]);
    const pool = (options: Parameters<typeof loginSecret>[2], base = stack) => [...without(base, ...POOL), ...loginSecret("pool", "sparki_app", options)];
    // The alternating-users secret's version depends on two secrets (its own and, through masterarn, the admin's):
    // the exception still finds the login's own secret and judges its rotation.
    expect(await gaps(pool({ days: 90 }))).toEqual(["the secret mssql-pool of login sparki_app rotates every 90 days, not at least every 30."]);
    expect(await gaps(pool({ days: 90, master: null }))).toEqual(["the secret mssql-pool of login sparki_app rotates every 90 days, not at least every 30."]);
    expect(await gaps(pool({ days: 31 }))).toEqual(["the secret mssql-pool of login sparki_app rotates every 31 days, not at least every 30."]);
    expect(await gaps(pool({ kmsKeyId: "alias/aws/secretsmanager" }))).toEqual(["the secret mssql-pool of login sparki_app is not on the customer KMS key."]);
    expect(await gaps(without(stack, "mssql-pool-rotation"))).toEqual(["the secret mssql-pool of login sparki_app is not rotated."]);
    expect(await gaps(changed(stack, "mssql-params", sqlServerParameterGroup("ee", [{ name: "rds.force_ssl", value: "0" }])))).toEqual([
      "TLS is not forced: its parameter group sparki-prod-mssql-sqlserver-ee-16-0- sets rds.force_ssl = 0: clients may connect without TLS (RDS.41 wants rds.force_ssl = 1).",
    ]);
    // Both the primary and a replica (judged by its source's secrets) are reported.
    expect(await violations(rdsIamAuthentication, pool({ days: 90 }, sqlServerStackWithReplica()))).toHaveLength(2);
  });

  it("cannot prove a missing login while the secrets' values are unknown (preview)", async () => {
    const unknown = sqlServerStack().map((i) => (i.type === T.secretVersion ? { ...i, props: { ...i.props, secretString: UNKNOWN } } : i));
    expect(await violations(rdsIamAuthentication, without(unknown, "mssql-pool-rotation"))).toEqual([]);
  });

  it("lists its exceptions, each with a reason and a compensating control", () => {
    expect(RDS_POLICY_EXCEPTIONS.map((e) => `${e.policy}: ${e.name}`)).toEqual(["rds-9-log-exports: mysql-general-log", "rds-10-iam-auth: sqlserver-iam-auth"]);
    for (const e of RDS_POLICY_EXCEPTIONS) {
      expect(e.reason.length, e.name).toBeGreaterThan(60);
      expect(e.compensatingControl.length, e.name).toBeGreaterThan(60);
    }
  });
});

describe("rds-38-39-41-tls-required", () => {
  it("passes the parameter groups components/rds registers (rds.force_ssl, require_secure_transport = 1)", async () => {
    expect(await violations(rdsTlsRequired, [...mysqlStack(), ...sqlServerStack()])).toEqual([]);
  });

  it("reads the group's value, or the family's default where the group leaves the parameter out", async () => {
    const mysql = changed(mysqlStack(), "mysql-params", mysqlParameterGroup([{ name: "require_secure_transport", value: "0" }]));
    expect(await violations(rdsTlsRequired, mysql)).toEqual([
      `${MYSQL_ID}: its parameter group sparki-prod-mysql-mysql8-4- sets require_secure_transport = 0: clients may connect without TLS (RDS.39 wants require_secure_transport = 1).`,
      `${MYSQL_ID}-replica-1: its parameter group sparki-prod-mysql-mysql8-4- sets require_secure_transport = 0: clients may connect without TLS (RDS.39 wants require_secure_transport = 1).`,
    ]);
    const left = { ...mysqlParameterGroup(), parameters: (mysqlParameterGroup().parameters as { name: string }[]).filter((p) => p.name !== "require_secure_transport") };
    expect(await violations(rdsTlsRequired, without(changed(mysqlStack(), "mysql-params", left), "mysql-replica-1"))).toEqual([
      `${MYSQL_ID}: its parameter group sparki-prod-mysql-mysql8-4- leaves require_secure_transport at its default 0: clients may connect without TLS (RDS.39 wants require_secure_transport = 1).`,
    ]);
    // MySQL 9.7 requires TLS by default.
    expect(await violations(rdsTlsRequired, without(changed(changed(mysqlStack(), "mysql-params", left), "mysql", { engineVersion: "9.7" }), "mysql-replica-1"))).toEqual([]);
    expect(await violations(rdsTlsRequired, [{ type: T.instance, name: "mssql", props: { ...sqlServerPrimary(), parameterGroupName: undefined } }])).toEqual([
      `${MSSQL_ID}: it uses the engine's default parameter group, which leaves rds.force_ssl at its default 0: clients may connect without TLS (RDS.41 wants rds.force_ssl = 1).`,
    ]);
  });

  it("accepts PostgreSQL 15 and later on the default group (rds.force_ssl defaults to 1), not 14", async () => {
    expect(await violations(rdsTlsRequired, postgres)).toEqual([]);
    expect(await violations(rdsTlsRequired, changed(postgres, "primary", { engineVersion: "14.12" }))).toEqual([
      "sparki-dev-postgres: it uses the engine's default parameter group, which leaves rds.force_ssl at its default 0: clients may connect without TLS (RDS.38 wants rds.force_ssl = 1).",
      "sparki-dev-postgres-replica-1: it uses the engine's default parameter group, which leaves rds.force_ssl at its default 0: clients may connect without TLS (RDS.38 wants rds.force_ssl = 1).",
    ]);
  });

  it("links a group by the instance's dependencies while its name is unknown, and proves nothing without a link", async () => {
    const bad = changed(sqlServerStack(), "mssql-params", sqlServerParameterGroup("ee", [{ name: "rds.force_ssl", value: "0" }]));
    const unknownName = changed(bad, "mssql", { parameterGroupName: UNKNOWN });
    expect(await violations(rdsTlsRequired, unknownName)).toHaveLength(1);
    expect(await violations(rdsTlsRequired, unknownName.map((i) => ({ ...i, dependsOnNames: [] })))).toEqual([]);
    // A group defined outside the stack: its value is not known here.
    expect(await violations(rdsTlsRequired, changed(bad, "mssql", { parameterGroupName: "shared-sqlserver" }))).toEqual([]);
    expect((await checkStack(rdsTlsRequired, [{ type: T.instance, name: "oracle", props: { ...primary(), engine: "oracle-ee" } }])).notApplicable)
      .toBe("no PostgreSQL, MySQL or SQL Server instances");
  });
});

describe("engine-aware controls on the real programs (examples/mysql, examples/mssql)", () => {
  const example = (folder: string, stack: string) => capturedRun({ stack, stackDir: join(REPO_ROOT, "examples", folder) });
  const edit = (run: ProgramRun, name: string, inputs: Record<string, unknown>): ProgramRun => ({
    ...run, resources: run.resources.map((r) => (r.name === name ? { ...r, inputs: { ...r.inputs, ...inputs } } : r)),
  });
  const found = async (run: ProgramRun, policy: Parameters<typeof runPack>[2]) =>
    (await runPack(run, { all: "mandatory" }, policy)).violations.map((v) => `${v.policy} @ ${v.resource.split("::").at(-1)}`);

  it("verifies mysql-prod's audit plugin: without it the general-log exception fails on the primary and both replicas", async () => {
    const run = await example("mysql", "mysql-prod");
    expect(await found(run, [rdsLogExports, rdsIamAuthentication, rdsTlsRequired])).toEqual([]);
    const plugin = run.resources.find((r) => r.type === "aws:rds/optionGroup:OptionGroup")!;
    expect(await found(edit(run, plugin.name, { options: [] }), [rdsLogExports])).toEqual([
      "rds-9-log-exports @ sparki-mysql-prod-mysql", "rds-9-log-exports @ sparki-mysql-prod-mysql-replica-1", "rds-9-log-exports @ sparki-mysql-prod-mysql-replica-2",
    ]);
  });

  it.each(["mssql-dev", "mssql-prod"])("verifies %s's application login (alternating users, the admin as master): rotated every 90 days, the SQL Server exception fails", async (stack) => {
    const run = await example("mssql", stack);
    expect(await found(run, [rdsLogExports, rdsIamAuthentication, rdsTlsRequired])).toEqual([]);
    const rotation = run.resources.find((r) => r.type === "aws:secretsmanager/secretRotation:SecretRotation" && r.name.endsWith("mssql-pool-rotation"))!;
    // The login's first value names its master (masterarn): its version depends on both secrets.
    const version = run.resources.find((r) => r.type === "aws:secretsmanager/secretVersion:SecretVersion" && r.name.endsWith("mssql-pool"))!;
    expect(version.dependencies.filter((d) => d.type === "aws:secretsmanager/secret:Secret").map((d) => d.name).sort()).toEqual([`sparki-${stack}-mssql-admin`, `sparki-${stack}-mssql-pool`]);
    expect(await found(edit(run, rotation.name, { rotationRules: { automaticallyAfterDays: 90 } }), [rdsIamAuthentication])).toEqual([`rds-10-iam-auth @ sparki-${stack}-mssql`]);
    const params = run.resources.find((r) => r.type === "aws:rds/parameterGroup:ParameterGroup" && r.name.endsWith("mssql-params"))!;
    const off = (params.inputs.parameters as { name: string }[]).map((p) => (p.name === "rds.force_ssl" ? { ...p, value: "0" } : p));
    expect(await found(edit(run, params.name, { parameters: off }), [rdsTlsRequired])).toEqual([`rds-38-39-41-tls-required @ sparki-${stack}-mssql`]);
  });

  it.each(["mssql-dev", "mssql-prod"])("%s: the login's alternating-users rotation names the admin's secret as master, where the secret names it too", async (stack) => {
    const run = await example("mssql", stack);
    expect(await found(run, [multiUserRotationMaster, sqlServerReplicas])).toEqual([]);
    const app = run.resources.find((r) => r.type === "aws:serverlessrepository/cloudFormationStack:CloudFormationStack" && r.name.endsWith("mssql-pool-rotation-function"))!;
    const parameters = Object.fromEntries(Object.entries(app.inputs.parameters as Record<string, unknown>).filter(([key]) => key !== "masterSecretArn"));
    expect(await found(edit(run, app.name, { parameters }), [multiUserRotationMaster])).toEqual([`engine-secrets-multi-user-rotation @ ${app.name}`]);
  });
});
