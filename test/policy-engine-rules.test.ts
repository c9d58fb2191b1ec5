import * as aws from "@pulumi/aws";
import { describe, expect, it } from "vitest";
import {
  accessLogTargetAcceptsDelivery, alarmsQuietDuringCreate, ENGINE_RULE_POLICIES, multiUserRotationMaster, mysqlPerformanceInsightsClass, objectLockNeedsVersioning, proxyTargetEngine,
  proxyTargetsTheWriter, iamProxyNeedsIamDatabase, rdsGroupNames, rdsStaticParameters, replicaSourcePasswordNotManaged, sqlServerMultiAzEdition,
  sqlServerNoDatabaseName, sqlServerNoIamAuthentication, sqlServerReplicas,
} from "../policy/engine-rules";
import {
  bucketWithSides, loggedBuckets, loginSecret, MSSQL_ID, MYSQL_ID, mysqlOptionGroup, mysqlParameterGroup, mysqlStack, primary, replica, sqlServerParameterGroup,
  sqlServerPrimary, sqlServerStack, sqlServerStackWithReplica, T, TOPIC_ARN,
} from "./policy-fixtures";
import { checkResource, checkStack, pulumiType, readPolicyConfigFile, reconcilePolicyConfig, type StackInput, UNKNOWN } from "./policy-harness";

const PROXY_TARGET = pulumiType(aws.rds.ProxyTarget);
const LOCK = pulumiType(aws.s3.BucketObjectLockConfiguration);

/** The primary as components/rds registers it: a generated password, never an RDS-managed one. */
const ownPassword = primary;
/** The first version's primary: RDS generated and managed the master password. */
const managedPassword = (): Record<string, unknown> => ({ ...primary(), password: undefined, manageMasterUserPassword: true });

const alarm = (name: string, dimensions: Record<string, string>, more: Record<string, unknown> = {}): StackInput => ({
  type: T.alarm, name, props: {
    name, namespace: "AWS/RDS", metricName: "FreeStorageSpace", dimensions, treatMissingData: "missing", alarmActions: [TOPIC_ARN], ...more,
  },
});

describe("engine rules: what AWS refuses at create time, which mocks accept", () => {
  it("refuses a read replica of an instance whose master password RDS manages (RDS answers InvalidParameterValue)", async () => {
    const failing = await checkStack(replicaSourcePasswordNotManaged, [
      { type: T.instance, name: "db", props: managedPassword() }, { type: T.instance, name: "db-replica-1", props: replica(1) },
    ]);
    expect(failing.violations).toEqual([
      "read replica sparki-dev-postgres-replica-1 replicates sparki-dev-postgres, whose master password RDS manages (manageMasterUserPassword): RDS refuses to create it.",
    ]);
    const passing = await checkStack(replicaSourcePasswordNotManaged, [
      { type: T.instance, name: "db", props: ownPassword() }, { type: T.instance, name: "db-replica-1", props: replica(1) },
    ]);
    expect(passing.violations).toEqual([]);
    // A managed password without replicas is fine: the rule is about the pair.
    expect((await checkStack(replicaSourcePasswordNotManaged, [{ type: T.instance, name: "db", props: managedPassword() }])).notApplicable).toBe("no read replicas");
  });

  it("refuses an RDS Proxy target that is a read replica", async () => {
    const resources: StackInput[] = [
      { type: T.instance, name: "db", props: ownPassword() }, { type: T.instance, name: "db-replica-1", props: replica(1) },
    ];
    const target = (id: string): StackInput => ({ type: PROXY_TARGET, name: `target-${id}`, props: { dbProxyName: "p", targetGroupName: "default", dbInstanceIdentifier: id } });
    expect((await checkStack(proxyTargetsTheWriter, [...resources, target("sparki-dev-postgres-replica-1")])).violations).toEqual([
      "proxy target sparki-dev-postgres-replica-1 is a read replica: RDS Proxy only accepts the writer.",
    ]);
    expect((await checkStack(proxyTargetsTheWriter, [...resources, target("sparki-dev-postgres")])).violations).toEqual([]);
  });

  it("refuses an end-to-end IAM proxy in front of an instance without IAM database authentication", async () => {
    const proxy: StackInput = { type: T.proxy, name: "proxy", props: { name: "p", requireTls: true, defaultAuthScheme: "IAM_AUTH" } };
    const target: StackInput = { type: PROXY_TARGET, name: "target", props: { dbProxyName: "p", dbInstanceIdentifier: "sparki-dev-postgres" } };
    const db = (iam: boolean): StackInput => ({ type: T.instance, name: "db", props: { ...ownPassword(), iamDatabaseAuthenticationEnabled: iam } });
    expect((await checkStack(iamProxyNeedsIamDatabase, [proxy, target, db(false)])).violations).toEqual([
      "proxy target sparki-dev-postgres has IAM database authentication off: the proxy's end-to-end IAM logins would be refused.",
    ]);
    expect((await checkStack(iamProxyNeedsIamDatabase, [proxy, target, db(true)])).violations).toEqual([]);
    const secretsProxy: StackInput = { ...proxy, props: { name: "p", requireTls: true } };
    expect((await checkStack(iamProxyNeedsIamDatabase, [secretsProxy, target, db(false)])).notApplicable).toBe("no RDS Proxy with end-to-end IAM");
  });

  it("refuses an alarm that treats missing data as breaching, or that does not wait for the resource it watches", async () => {
    const db: StackInput = { type: T.instance, name: "db", props: ownPassword() };
    const on = { DBInstanceIdentifier: "sparki-dev-postgres" };
    expect((await checkStack(alarmsQuietDuringCreate, [db, { ...alarm("free-storage", on, { treatMissingData: "breaching" }), dependsOnNames: ["db"] }])).violations).toEqual([
      "alarm free-storage treats missing data as breaching: it fires while its resource is created or stopped.",
    ]);
    expect((await checkStack(alarmsQuietDuringCreate, [db, alarm("free-storage", on)])).violations).toEqual([
      "alarm free-storage watches DBInstanceIdentifier=sparki-dev-postgres but does not wait for db: created alongside it, it judges a resource that does not exist yet.",
    ]);
    const cache: StackInput = { type: T.replicationGroup, name: "cache", props: { replicationGroupId: "sparki-dev-redis" } };
    expect((await checkStack(alarmsQuietDuringCreate, [cache, alarm("node", { CacheClusterId: "sparki-dev-redis-0001-002" })])).violations).toHaveLength(1);
    const proxyTarget: StackInput = { type: PROXY_TARGET, name: "target", props: { dbProxyName: "sparki-dev-postgres-proxy", dbInstanceIdentifier: "sparki-dev-postgres" } };
    expect((await checkStack(alarmsQuietDuringCreate, [proxyTarget, alarm("pool", { ProxyName: "sparki-dev-postgres-proxy", TargetGroup: "default" })])).violations).toHaveLength(1);
    expect((await checkStack(alarmsQuietDuringCreate, [db, { ...alarm("free-storage", on), dependsOnNames: ["db"] }])).violations).toEqual([]);
  });

  it("refuses an Object Lock configuration on a bucket without versioning, or one not waiting for it", async () => {
    const lock = (bucket: string, dependsOnNames: string[] = []): StackInput => ({
      type: LOCK, name: `${bucket}-lock`, props: { bucket, rule: { defaultRetention: { mode: "COMPLIANCE", days: 2557 } } }, dependsOnNames,
    });
    expect((await checkStack(objectLockNeedsVersioning, [...bucketWithSides("audit", { versioned: false }), lock("audit")])).violations).toEqual([
      "bucket audit gets an Object Lock configuration without versioning enabled: S3 refuses it.",
    ]);
    expect((await checkStack(objectLockNeedsVersioning, [...bucketWithSides("audit"), lock("audit")])).violations).toEqual([
      "the Object Lock configuration of audit does not wait for its versioning: S3 refuses it when it comes first.",
    ]);
    expect((await checkStack(objectLockNeedsVersioning, [...bucketWithSides("audit"), lock("audit", ["audit-versioning"])])).violations).toEqual([]);
  });

  it("refuses server access logs into a locked or SSE-KMS bucket", async () => {
    expect((await checkStack(accessLogTargetAcceptsDelivery, loggedBuckets())).violations).toEqual([]);
    const kmsTarget = [
      ...bucketWithSides("sparki-dev-access-logs", { encryption: "kms" }),
      ...bucketWithSides("sparki-dev-artifacts", { logsTo: "sparki-dev-access-logs" }),
    ];
    expect((await checkStack(accessLogTargetAcceptsDelivery, kmsTarget)).violations).toEqual([
      "access logs go to sparki-dev-access-logs, whose default encryption is not SSE-S3 (AES256): log delivery fails.",
    ]);
    const lockedTarget = [...loggedBuckets(), { type: LOCK, name: "logs-lock", props: { bucket: "sparki-dev-access-logs" } }];
    expect((await checkStack(accessLogTargetAcceptsDelivery, lockedTarget)).violations).toEqual([
      "access logs go to sparki-dev-access-logs, which has Object Lock: S3 cannot deliver server access logs there.",
    ]);
  });

  it("are mandatory in every stack, dev included: an engine refuses a dev deploy just the same", () => {
    for (const stack of ["dev", "prod"]) {
      const config = reconcilePolicyConfig(readPolicyConfigFile(stack), "mandatory");
      for (const policy of ENGINE_RULE_POLICIES) expect(config.get(policy.name)?.enforcementLevel, `${stack} ${policy.name}`).toBe("mandatory");
    }
    for (const policy of ENGINE_RULE_POLICIES) expect(policy.description).toMatch(/^\[Engine rule\] .+ \(.+; checked \d{4}-\d{2}-\d{2}\)$/);
  });
});

describe("engine rules of the RDS engines (components/rds: MySQL, SQL Server)", () => {
  const changed = (inputs: readonly StackInput[], name: string, props: Record<string, unknown>): StackInput[] =>
    inputs.map((i) => (i.name === name ? { ...i, props: { ...i.props, ...props } } : i));
  const group = (props: Record<string, unknown>, type = T.parameterGroup, name = "params") => checkResource(rdsGroupNames, { type, name, props });

  it("refuses parameter and option group names beyond letters, digits and hyphens (a family's dot included)", async () => {
    expect((await group(mysqlParameterGroup())).violations).toEqual([]);
    expect((await group(mysqlOptionGroup(), T.optionGroup)).violations).toEqual([]);
    expect((await group({ ...mysqlParameterGroup(), namePrefix: "sparki-prod-mysql-mysql8.4-" })).violations).toEqual([
      "parameter group namePrefix \"sparki-prod-mysql-mysql8.4-\" has \".\" beyond letters, digits and hyphens: RDS takes letters, digits and hyphens only (a family such as mysql8.4 must not lend its dot).",
    ]);
    expect((await group({ ...mysqlOptionGroup(), namePrefix: undefined, name: "sparki-prod-mysql-8.4" }, T.optionGroup)).violations).toEqual([
      "option group name \"sparki-prod-mysql-8.4\" has \".\" beyond letters, digits and hyphens: RDS takes letters, digits and hyphens only (a family such as mysql8.4 must not lend its dot).",
    ]);
    expect((await group({ family: "mysql8.4", name: "8-4-params" })).violations).toEqual([
      "parameter group name \"8-4-params\" does not start with a letter: RDS takes letters, digits and hyphens only (a family such as mysql8.4 must not lend its dot).",
    ]);
    expect((await group({ family: "mysql8.4", name: "mysql--params-" })).violations).toEqual([
      "parameter group name \"mysql--params-\" gives a name with two consecutive hyphens: RDS refuses it.",
      "parameter group name \"mysql--params-\" ends with a hyphen: RDS refuses it.",
    ]);
    // Without a name, Pulumi names the group after its logical name.
    expect((await checkResource(rdsGroupNames, { type: T.parameterGroup, name: "mysql_params", props: { family: "mysql8.4" } })).violations).toEqual([
      "parameter group logical name (auto-named) \"mysql_params\" has \"_\" beyond letters, digits and hyphens: RDS takes letters, digits and hyphens only (a family such as mysql8.4 must not lend its dot).",
    ]);
    expect((await group({ family: "mysql8.4", namePrefix: `p${"x".repeat(240)}-` })).violations).toHaveLength(1);
    expect((await group({ family: "mysql8.4", namePrefix: UNKNOWN })).violations).toEqual([]);
    expect((await checkResource(rdsGroupNames, { type: T.instance, props: primary() })).notApplicable).toBe("not an RDS parameter or option group");
  });

  it("refuses a static parameter applied immediately, by each family's documented table", async () => {
    const params = (props: Record<string, unknown>) => checkResource(rdsStaticParameters, { type: T.parameterGroup, props });
    expect((await params(mysqlParameterGroup())).violations).toEqual([]);
    expect((await params(sqlServerParameterGroup())).violations).toEqual([]);
    expect((await params(mysqlParameterGroup([{ name: "performance_schema", applyMethod: "immediate" }]))).violations).toEqual([
      "parameter performance_schema of mysql8.4 is static (MySQL 8.4 Reference Manual, Performance Schema System Variables, performance_schema (Dynamic: No)): RDS refuses applyMethod immediate; set pending-reboot.",
    ]);
    const unset = (await params(sqlServerParameterGroup("se", [{ name: "rds.force_ssl", applyMethod: undefined }]))).violations;
    expect(unset).toHaveLength(1);
    expect(unset[0]).toMatch(/^parameter rds\.force_ssl of sqlserver-se-16\.0 is static \(RDS User Guide, "Using SSL with a Microsoft SQL Server DB instance".*\): RDS refuses applyMethod immediate; set pending-reboot\.$/);
    expect((await params({ family: "postgres17", parameters: [{ name: "max_connections", value: "250", applyMethod: "immediate" }, { name: "work_mem", value: "4096", applyMethod: "immediate" }] })).violations).toEqual([
      "parameter max_connections of postgres17 is static (PostgreSQL reads it only at server start (pg_settings context postmaster)): RDS refuses applyMethod immediate; set pending-reboot.",
    ]);
    expect((await params({ family: "mariadb10.11", parameters: [] })).notApplicable).toBe("family mariadb10.11 has no documented table here");
    expect((await params({ family: "mysql8.4", parameters: [{ name: "performance_schema", value: "1", applyMethod: UNKNOWN }] })).violations).toEqual([]);
  });

  it("refuses Multi-AZ on SQL Server Express and Web", async () => {
    const db = (props: Record<string, unknown>) => checkResource(sqlServerMultiAzEdition, { type: T.instance, props });
    expect((await db({ ...sqlServerPrimary("ex"), multiAz: true })).violations).toEqual([
      "multiAz is true on sqlserver-ex (SQL Server Express): RDS runs Multi-AZ only on sqlserver-se and sqlserver-ee.",
    ]);
    expect((await db({ ...sqlServerPrimary("web"), multiAz: true })).violations).toHaveLength(1);
    expect((await db({ ...sqlServerPrimary("ex"), multiAz: false })).violations).toEqual([]);
    expect((await db({ ...sqlServerPrimary("se"), multiAz: true })).violations).toEqual([]);
    expect((await db({ ...sqlServerPrimary("ex"), multiAz: UNKNOWN })).violations).toEqual([]);
    expect((await db(primary())).notApplicable).toMatch(/^not a SQL Server instance/);
  });

  it("refuses any SQL Server read replica (RDS copies no later login to it), naming the edition and Multi-AZ refusals as well", async () => {
    const noLogins = `read replica ${MSSQL_ID}-replica-1 replicates ${MSSQL_ID}, SQL Server: RDS copies no login created on the primary after the replica to it, so the application's login and its rotated passwords would be missing there.`;
    // SQL Server as the component registers it (no replica): the rule applies and passes.
    const asRegistered = await checkStack(sqlServerReplicas, sqlServerStack());
    expect(asRegistered.violations).toEqual([]);
    expect(asRegistered.notApplicable).toBeUndefined();
    // Even the replica RDS would make (Enterprise, Multi-AZ source) is refused, for the logins.
    expect((await checkStack(sqlServerReplicas, sqlServerStackWithReplica())).violations).toEqual([noLogins]);
    expect((await checkStack(sqlServerReplicas, changed(sqlServerStackWithReplica(), "mssql", { engine: "sqlserver-se", multiAz: false }))).violations).toEqual([
      noLogins,
      `read replica ${MSSQL_ID}-replica-1 replicates ${MSSQL_ID}, SQL Server Standard (sqlserver-se): RDS makes read replicas of Enterprise Edition (sqlserver-ee) only.`,
      `read replica ${MSSQL_ID}-replica-1 replicates ${MSSQL_ID}, which is not Multi-AZ: RDS for SQL Server replicates only from a Multi-AZ (Always On) source.`,
    ]);
    expect((await checkStack(sqlServerReplicas, changed(sqlServerStackWithReplica(), "mssql", { multiAz: UNKNOWN }))).violations).toEqual([noLogins]);
    // PostgreSQL replicas are not this rule's.
    expect((await checkStack(sqlServerReplicas, [{ type: T.instance, name: "db", props: primary() }, { type: T.instance, name: "r", props: replica(1) }])).notApplicable)
      .toBe("no SQL Server instances in this stack");
  });

  it("refuses IAM database authentication on SQL Server, a replica of one included", async () => {
    expect((await checkStack(sqlServerNoIamAuthentication, sqlServerStack())).violations).toEqual([]);
    expect((await checkStack(sqlServerNoIamAuthentication, changed(sqlServerStackWithReplica(), "mssql-replica-1", { iamDatabaseAuthenticationEnabled: true }))).violations).toEqual([
      `${MSSQL_ID}-replica-1 runs SQL Server with iamDatabaseAuthenticationEnabled true: RDS for SQL Server has no IAM database authentication and refuses it.`,
    ]);
    expect((await checkStack(sqlServerNoIamAuthentication, mysqlStack())).notApplicable).toBe("no SQL Server instances");
  });

  it("refuses a dbName on SQL Server", async () => {
    const db = (props: Record<string, unknown>) => checkResource(sqlServerNoDatabaseName, { type: T.instance, props });
    expect((await db(sqlServerPrimary())).violations).toEqual([]);
    expect((await db({ ...sqlServerPrimary("se"), dbName: "sparki" })).violations).toEqual([
      "dbName is \"sparki\" on sqlserver-se: RDS for SQL Server takes no database name (it must be null); create the database in the bootstrap.",
    ]);
    expect((await db({ ...sqlServerPrimary(), dbName: UNKNOWN })).violations).toEqual([]);
    expect((await db({ ...primary(), dbName: "sparki" })).notApplicable).toMatch(/^not a SQL Server instance/);
  });

  it("refuses Performance Insights on MySQL db.t*.micro and db.t*.small, a replica included", async () => {
    expect((await checkStack(mysqlPerformanceInsightsClass, mysqlStack())).violations).toEqual([]);
    const small = changed(changed(mysqlStack(), "mysql", { instanceClass: "db.t4g.micro" }), "mysql-replica-1", { instanceClass: "db.t4g.small" });
    expect((await checkStack(mysqlPerformanceInsightsClass, small)).violations).toEqual([
      `${MYSQL_ID} (db.t4g.micro) enables Performance Insights: RDS for MySQL has no Performance Insights on db.t*.micro and db.t*.small, and refuses it.`,
      `${MYSQL_ID}-replica-1 (db.t4g.small) enables Performance Insights: RDS for MySQL has no Performance Insights on db.t*.micro and db.t*.small, and refuses it.`,
    ]);
    const off = changed(changed(small, "mysql", { performanceInsightsEnabled: false }), "mysql-replica-1", { performanceInsightsEnabled: UNKNOWN });
    expect((await checkStack(mysqlPerformanceInsightsClass, off)).violations).toEqual([]);
    // PostgreSQL has no such restriction.
    expect((await checkStack(mysqlPerformanceInsightsClass, [{ type: T.instance, name: "db", props: { ...primary(), instanceClass: "db.t4g.micro", performanceInsightsEnabled: true } }])).notApplicable)
      .toBe("no MySQL instances");
  });

  it("wants an alternating-users rotation to name its master secret (masterSecretArn) and the rotated secret to name the same one (masterarn)", async () => {
    const run = (inputs: StackInput[]) => checkStack(multiUserRotationMaster, inputs);
    const fn = `${MSSQL_ID}-pool-rotation`;
    // As components/rds registers it: the login's secret alternates users with the admin's as master; the admin's
    // single-user function is not this rule's.
    expect((await run(sqlServerStack())).violations).toEqual([]);
    const app = (parameters: Record<string, unknown>) => changed(sqlServerStack(), "mssql-pool-rotation-function", {
      ...(sqlServerStack().find((i) => i.name === "mssql-pool-rotation-function")!.props), parameters,
    });
    const base = sqlServerStack().find((i) => i.name === "mssql-pool-rotation-function")!.props.parameters as Record<string, unknown>;
    const { masterSecretArn, ...withoutMaster } = base;
    expect((await run(app(withoutMaster))).violations).toEqual([
      `rotation function ${fn} (SecretsManagerRDSSQLServerRotationMultiUser) has no masterSecretArn parameter: its role may not read a master secret, so no rotation gets past setSecret.`,
    ]);
    expect((await run(app({ ...base, masterSecretArn: "" }))).violations).toHaveLength(1);
    // A master the function may read, but not the one the secret names.
    const other = "arn:aws:secretsmanager:eu-west-1:111111111111:secret:other-admin-1234567";
    expect((await run(app({ ...base, masterSecretArn: other }))).violations).toEqual([
      `secret mssql-pool, rotated by ${fn}, names masterarn ${String(masterSecretArn)}, but the function's masterSecretArn is ${other}: its role may read only the latter.`,
    ]);
    // A multi-user function over a secret whose value names no master.
    const singleValue = loginSecret("pool", "sparki_app", { master: null }).find((i) => i.name === "mssql-pool-version")!;
    const noMasterarn = sqlServerStack().map((i) => (i.name === "mssql-pool-version" ? { ...i, props: singleValue.props } : i));
    expect((await run(noMasterarn)).violations).toEqual([
      `secret mssql-pool, rotated by ${fn} (alternating users), names no masterarn in its value: the function reads the master secret's ARN from it.`,
    ]);
    // Unknown during preview: nothing proved.
    expect((await run(app({ ...base, masterSecretArn: UNKNOWN }))).violations).toEqual([]);
    expect((await run(sqlServerStack().map((i) => (i.type === T.secretVersion ? { ...i, props: { ...i.props, secretString: UNKNOWN } } : i)))).violations).toEqual([]);
    // Single-user functions only: not applicable.
    expect((await run([...sqlServerStack().filter((i) => !i.name?.startsWith("mssql-pool")), ...loginSecret("pool", "sparki_app", { master: null })])).notApplicable)
      .toBe("no alternating-users rotation function");
  });

  it("refuses an RDS Proxy whose engineFamily is not its target's engine, and any proxy in front of SQL Server 2022", async () => {
    const proxy = (engineFamily: string): StackInput => ({ type: T.proxy, name: "proxy", props: { name: "p", engineFamily, requireTls: true } });
    const target = (id: string): StackInput => ({ type: PROXY_TARGET, name: "target", props: { dbProxyName: "p", targetGroupName: "default", dbInstanceIdentifier: id }, dependsOnNames: ["proxy"] });
    expect((await checkStack(proxyTargetEngine, [...mysqlStack(), proxy("MYSQL"), target(MYSQL_ID)])).violations).toEqual([]);
    expect((await checkStack(proxyTargetEngine, [...mysqlStack(), proxy("POSTGRESQL"), target(MYSQL_ID)])).violations).toEqual([
      `proxy p (engineFamily POSTGRESQL) targets ${MYSQL_ID}, a mysql instance: RDS registers only MYSQL targets with it.`,
    ]);
    expect((await checkStack(proxyTargetEngine, [...sqlServerStack(), proxy("SQLSERVER"), target(MSSQL_ID)])).violations).toEqual([
      `proxy target ${MSSQL_ID} runs SQL Server 16.00: "RDS Proxy does not support RDS for SQL Server DB instances that run on major version SQL Server 2022".`,
    ]);
    const sql2019 = changed(sqlServerStack(), "mssql", { engineVersion: "15.00.4345.5.v1" });
    expect((await checkStack(proxyTargetEngine, [...sql2019, proxy("SQLSERVER"), target(MSSQL_ID)])).violations).toEqual([]);
    expect((await checkStack(proxyTargetEngine, [...mysqlStack(), proxy(UNKNOWN), target(MYSQL_ID)])).violations).toEqual([]);
    expect((await checkStack(proxyTargetEngine, mysqlStack())).notApplicable).toBe("no RDS Proxy targets");
  });
});
