import { describe, expect, it } from "vitest";
import { json, ofType, one, type ProgramRun, STACKS, stackRun } from "./harness";
import {
  alarmLevels, containsSecret, examplesOf, EGRESS, GIB, groupOfRule, identifierOf, INGRESS, instancesOf, ownedBy, parametersOf, plaintextPasswords,
  replicasOf, runOf, secretJson, sourcesInto, type Statement,
} from "./rds-example";

/**
 * MySQL 8.4 on RDS behind RDS Proxy (components/rds, engine profile mysql; adapter stacks/adapters/mysql) as the
 * example stacks examples/mysql/Pulumi.mysql-{dev,prod}.yaml register it. The figures below are written from the
 * stack files, the tier they start from and the documentation named beside them, not read from the program.
 */

const EXAMPLES = examplesOf("mysql");

/** What each example is expected to deploy: its stack file over the tier's MySQL defaults. */
const EXPECTED = {
  dev: {
    accountId: "555555555555", instanceClass: "db.t4g.small", memoryGiB: 2, multiAz: false, zone: "eu-west-1a" as string | undefined,
    replicaZones: [] as string[], storage: 20, maxStorage: 100, backups: 1, deleteBackups: true, protect: false,
    // RDS offers no Performance Insights (Database Insights) for MySQL on db.t4g.small.
    performanceInsights: false, piRetention: undefined as number | undefined, monitoring: 60, logRetention: 7,
    maxConnections: 125, maxPercent: 80, idlePercent: 16, longQueryTime: "0.25", vpcCidr: "10.66.0.0/16", applyImmediately: true, recoveryWindow: 7,
  },
  prod: {
    accountId: "555555555555", instanceClass: "db.r7g.large", memoryGiB: 16, multiAz: true, zone: undefined,
    replicaZones: ["eu-west-1b", "eu-west-1c"], storage: 100, maxStorage: 1000, backups: 14, deleteBackups: false, protect: true,
    performanceInsights: true, piRetention: 93, monitoring: 15, logRetention: 365,
    maxConnections: 250, maxPercent: 40, idlePercent: 8, longQueryTime: "0.5", vpcCidr: "10.67.0.0/16", applyImmediately: false, recoveryWindow: 30,
  },
} as const;

// RDS API, CreateDBInstance: LicenseModel general-public-license for MySQL; EnableCloudwatchLogsExports: audit, error,
// general, slowquery, iam-db-auth-error (the general log stays off: every statement at 10K qps).
const LOGS = ["audit", "error", "iam-db-auth-error", "slowquery"];
// Secrets Manager's published single-user rotation application for RDS for MySQL, as AWS CDK pins it.
const ROTATION_APP = { applicationId: "arn:aws:serverlessrepo:us-east-1:297356227824:applications/SecretsManagerRDSMySQLRotationSingleUser", semanticVersion: "1.1.671" };
/** The spec's relational alert figures (PostgreSQL's), which MySQL inherits: seconds in CloudWatch, percent of the pool. */
const LATENCY = { warning: 0.05, critical: 0.1 };
const POOL = { warning: 80, critical: 95 };

const like = (pattern: RegExp): unknown => expect.stringMatching(pattern);
const outputsOf = (run: ProgramRun) => run.outputs.mysql as Record<string, unknown>;

describe.each(EXAMPLES)("MySQL of $stack", (ex) => {
  const e = EXPECTED[ex.profile];
  const isProd = ex.profile === "prod";
  const id = identifierOf(ex);
  const keyArn = (run: ProgramRun) => String(run.outputs.kmsKeyArn);
  const primaryOf = (run: ProgramRun) => one(run, "aws:rds/instance:Instance", id);

  it(`runs MySQL 8.4 on ${e.instanceClass}, ${isProd ? "Multi-AZ" : `single-AZ in ${e.zone}`}, private, gp3 with autoscaling, encrypted with the stack key`, async () => {
    const run = await runOf(ex);
    const primary = primaryOf(run);
    expect(primary.inputs).toMatchObject({
      identifier: id, engine: "mysql", engineVersion: "8.4", licenseModel: "general-public-license", instanceClass: e.instanceClass, multiAz: e.multiAz,
      storageType: "gp3", allocatedStorage: e.storage, maxAllocatedStorage: e.maxStorage, storageEncrypted: true, kmsKeyId: keyArn(run),
      publiclyAccessible: false, port: 3306, dbSubnetGroupName: id, caCertIdentifier: "rds-ca-rsa2048-g1", applyImmediately: e.applyImmediately,
      iamDatabaseAuthenticationEnabled: true, dbName: "sparki", username: "sparki_admin",
    });
    expect(primary.inputs.availabilityZone).toBe(e.zone);
    expect(primary.inputs.manageMasterUserPassword).toBeUndefined();
    expect(primary.options.ignoreChanges).toEqual(["password"]);
    expect(one(run, "aws:rds/subnetGroup:SubnetGroup", id).inputs.subnetIds).toEqual((run.outputs.network as { privateSubnetIds: string[] }).privateSubnetIds);
  });

  it(`keeps ${e.backups}-day backups, a final snapshot, ${isProd ? "deletion protection and protect" : "no deletion protection, no protect"}`, async () => {
    const run = await runOf(ex);
    expect(primaryOf(run).inputs).toMatchObject({
      backupRetentionPeriod: e.backups, backupWindow: "02:00-03:00", maintenanceWindow: "sun:03:30-sun:04:30", copyTagsToSnapshot: true,
      skipFinalSnapshot: false, finalSnapshotIdentifier: `${id}-final`, deleteAutomatedBackups: e.deleteBackups, deletionProtection: isProd, autoMinorVersionUpgrade: true,
    });
    expect(primaryOf(run).options.protect).toBe(e.protect);
    // What losing would lose data or lock the database: the primary, the admin secret and its generated password.
    expect(ownedBy(run, id).filter((r) => r.options.protect).map((r) => r.name).sort()).toEqual(isProd ? [id, `${id}-admin`, `${id}-admin-password`] : []);
    for (const db of instancesOf(run, id)) expect(db.inputs.deletionProtection, String(db.inputs.identifier)).toBe(isProd);
  });

  it(`${e.performanceInsights ? `has Performance Insights (${e.piRetention} days, KMS)` : "has no Performance Insights (db.t4g.small)"}, enhanced monitoring every ${e.monitoring} s, audit/error/IAM/slow-query logs kept ${e.logRetention} days`, async () => {
    const run = await runOf(ex);
    for (const db of instancesOf(run, id)) {
      const identifier = String(db.inputs.identifier);
      expect(db.inputs.performanceInsightsEnabled, identifier).toBe(e.performanceInsights);
      if (e.performanceInsights) {
        expect(db.inputs).toMatchObject({ performanceInsightsKmsKeyId: keyArn(run), performanceInsightsRetentionPeriod: e.piRetention });
      } else {
        expect(db.inputs.performanceInsightsRetentionPeriod).toBeUndefined();
        expect(db.inputs.performanceInsightsKmsKeyId).toBeUndefined();
      }
      expect(db.inputs).toMatchObject({ monitoringInterval: e.monitoring, enabledCloudwatchLogsExports: LOGS });
      expect(String(db.inputs.monitoringRoleArn)).toContain(`${id}-monitoring`);
      const groups = ofType(run, "aws:cloudwatch/logGroup:LogGroup").filter((g) => String(g.inputs.name).startsWith(`/aws/rds/instance/${identifier}/`));
      expect(groups.map((g) => g.inputs.name).sort()).toEqual(LOGS.map((l) => `/aws/rds/instance/${identifier}/${l}`));
      for (const g of groups) expect(g.inputs).toMatchObject({ retentionInDays: e.logRetention, kmsKeyId: keyArn(run) });
    }
  });

  it("uses a mysql8.4 parameter group: TLS only, the slow query log to a file, Performance Schema at the next reboot", async () => {
    const run = await runOf(ex);
    const group = one(run, "aws:rds/parameterGroup:ParameterGroup", `${id}-params`);
    expect(group.inputs).toMatchObject({ family: "mysql8.4", namePrefix: `${id}-mysql8-4-` });
    for (const db of instancesOf(run, id)) expect(String(db.inputs.parameterGroupName)).toMatch(new RegExp(`^${id}-mysql8-4-`));
    expect([...parametersOf(run, id).values()]).toEqual([
      { name: "innodb_print_all_deadlocks", value: "1", applyMethod: "immediate" },
      { name: "log_output", value: "FILE", applyMethod: "immediate" },
      { name: "long_query_time", value: e.longQueryTime, applyMethod: "immediate" },
      { name: "max_connections", value: String(e.maxConnections), applyMethod: "immediate" },
      // performance_schema is not dynamic (MySQL 8.4 manual): RDS refuses `immediate` for it.
      { name: "performance_schema", value: "1", applyMethod: "pending-reboot" },
      { name: "require_secure_transport", value: "1", applyMethod: "immediate" },
      { name: "slow_query_log", value: "1", applyMethod: "immediate" },
    ]);
  });

  it("loads the MariaDB audit plugin (connections, DDL and DCL; not rdsadmin) in an option group every instance uses", async () => {
    const run = await runOf(ex);
    const options = one(run, "aws:rds/optionGroup:OptionGroup", `${id}-options`);
    expect(options.inputs).toMatchObject({
      engineName: "mysql", majorEngineVersion: "8.4", namePrefix: `${id}-mysql8-4-`,
      options: [{ optionName: "MARIADB_AUDIT_PLUGIN", optionSettings: [{ name: "SERVER_AUDIT_EVENTS", value: "CONNECT,QUERY_DDL,QUERY_DCL" }, { name: "SERVER_AUDIT_EXCL_USERS", value: "rdsadmin" }] }],
    });
    for (const db of instancesOf(run, id)) expect(String(db.inputs.optionGroupName), String(db.inputs.identifier)).toMatch(new RegExp(`^${id}-mysql8-4-`));
  });

  it("never lets Pulumi delete the option group (skipDestroy): RDS refuses while a snapshot names it, and the final and automated snapshots do", async () => {
    // @pulumi/aws OptionGroup: "An option group can be associated with a DB instance, a manual DB snapshot, or an
    // automated DB snapshot", and deleting one in use fails with InvalidOptionGroupStateFault (RDS User Guide,
    // "Working with option groups", Deleting an option group); skipDestroy: "Set to true if you do not wish the option
    // group to be deleted at destroy time, and instead just remove the option group from the Pulumi state".
    const run = await runOf(ex);
    expect(one(run, "aws:rds/optionGroup:OptionGroup", `${id}-options`).inputs.skipDestroy).toBe(true);
    // Only the option group: the parameter group is not kept in snapshots and is deleted with the stack.
    expect(one(run, "aws:rds/parameterGroup:ParameterGroup", `${id}-params`).inputs.skipDestroy).toBeUndefined();
  });

  it(`has ${e.replicaZones.length} read replicas, each in its own zone away from the primary's, alike but inheriting engine, user and password`, async () => {
    const run = await runOf(ex);
    const replicas = replicasOf(run, id);
    expect(replicas.map((r) => r.inputs.identifier)).toEqual(e.replicaZones.map((_, i) => `${id}-replica-${i + 1}`));
    expect(replicas.map((r) => r.inputs.availabilityZone)).toEqual(e.replicaZones);
    const primary = primaryOf(run);
    for (const r of replicas) {
      expect(r.inputs).toMatchObject({
        replicateSourceDb: id, instanceClass: e.instanceClass, multiAz: false, skipFinalSnapshot: true, storageEncrypted: true, kmsKeyId: keyArn(run),
        parameterGroupName: primary.inputs.parameterGroupName, optionGroupName: primary.inputs.optionGroupName, iamDatabaseAuthenticationEnabled: true,
        publiclyAccessible: false, port: 3306,
      });
      for (const inherited of ["engine", "engineVersion", "username", "password", "dbName", "finalSnapshotIdentifier", "licenseModel"]) {
        expect(r.inputs[inherited], `${String(r.inputs.identifier)}.${inherited}`).toBeUndefined();
      }
      expect(r.options.protect).toBe(false);
    }
  });

  it("keeps the admin password in one secret on the stack key, in the JSON MySQL's single-user rotation reads, rotated every 30 days", async () => {
    const run = await runOf(ex);
    const secrets = ofType(run, "aws:secretsmanager/secret:Secret").filter((r) => r.name.startsWith(`${id}-`));
    expect(secrets.map((r) => r.name)).toEqual([`${id}-admin`]);
    expect(secrets[0].inputs).toMatchObject({ kmsKeyId: keyArn(run), recoveryWindowInDays: e.recoveryWindow });
    expect(secretJson(run, `${id}-admin`)).toEqual({
      engine: "mysql", port: 3306, dbname: "sparki", host: like(new RegExp(`^${id}\\.c[a-z0-9]+\\.eu-west-1\\.rds\\.amazonaws\\.com$`)),
      username: "sparki_admin", password: like(/^mock-password-/),
    });
    expect(secretJson(run, `${id}-admin`).password).toBe((primaryOf(run).inputs.password as { value: unknown }).value);
    const app = one(run, "aws:serverlessrepository/cloudFormationStack:CloudFormationStack", `${id}-admin-rotation-function`);
    expect(app.inputs).toMatchObject({ ...ROTATION_APP, parameters: { functionName: `${id}-admin-rotation`, kmsKeyArn: keyArn(run), vpcSecurityGroupIds: groupOfRule(run, EGRESS, `${id}-rotation-to-primary`) } });
    expect(one(run, "aws:secretsmanager/secretRotation:SecretRotation", `${id}-admin-rotation`).inputs).toMatchObject({
      rotateImmediately: false, rotationRules: { automaticallyAfterDays: 30 }, rotationLambdaArn: `arn:aws:lambda:eu-west-1:${e.accountId}:function:${id}-admin-rotation`,
    });
    // The pool user logs in with IAM tokens: no password of its own, so no second secret and no second rotation.
    expect(ofType(run, "aws:secretsmanager/secretRotation:SecretRotation").filter((r) => r.name.startsWith(`${id}-`))).toHaveLength(1);
    expect(plaintextPasswords(run)).toEqual([]);
  });

  it("pools through a TLS-only RDS Proxy (engine family MYSQL) with end-to-end IAM, at most the matrix's 100 connections", async () => {
    const run = await runOf(ex);
    const proxy = one(run, "aws:rds/proxy:Proxy", `${id}-proxy`);
    expect(proxy.inputs).toMatchObject({
      name: `${id}-proxy`, engineFamily: "MYSQL", requireTls: true, defaultAuthScheme: "IAM_AUTH", debugLogging: false,
      vpcSubnetIds: (run.outputs.network as { privateSubnetIds: string[] }).privateSubnetIds,
    });
    // End-to-end IAM: the proxy holds no secret.
    expect(proxy.inputs.auths).toBeUndefined();
    expect(one(run, "aws:rds/proxyDefaultTargetGroup:ProxyDefaultTargetGroup", `${id}-proxy`).inputs.connectionPoolConfig).toMatchObject({
      maxConnectionsPercent: e.maxPercent, maxIdleConnectionsPercent: e.idlePercent,
    });
    // 100 connections is the matrix pool: maxConnectionsPercent of max_connections.
    expect(Math.floor((e.maxConnections * e.maxPercent) / 100)).toBe(100);
    expect(one(run, "aws:rds/proxyTarget:ProxyTarget", `${id}-proxy-primary`).inputs).toMatchObject({ dbProxyName: `${id}-proxy`, dbInstanceIdentifier: id });
    expect(one(run, "aws:cloudwatch/logGroup:LogGroup", `${id}-proxy-logs`).inputs).toMatchObject({ name: `/aws/rds/proxy/${id}-proxy`, retentionInDays: e.logRetention, kmsKeyId: keyArn(run) });
  });

  it("lets the proxy connect as the pool user only, and gives applications a policy to connect to the proxy and the replicas as it", async () => {
    const run = await runOf(ex);
    const proxyPolicy = json<{ Statement: Statement[] }>(one(run, "aws:iam/rolePolicy:RolePolicy", `${id}-proxy-connect`).inputs.policy);
    expect(proxyPolicy.Statement).toEqual([{ Sid: "ConnectAsThePoolRole", Effect: "Allow", Action: "rds-db:connect",
      Resource: like(new RegExp(`^arn:aws:rds-db:eu-west-1:${e.accountId}:dbuser:db-[A-Z0-9]+/sparki_app$`)) }]);
    expect(json<{ Statement: Statement[] }>(one(run, "aws:iam/role:Role", `${id}-proxy`).inputs.assumeRolePolicy).Statement).toEqual([{
      Effect: "Allow", Principal: { Service: "rds.amazonaws.com" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:SourceAccount": e.accountId } },
    }]);
    const connect = one(run, "aws:iam/policy:Policy", `${id}-connect`);
    const resources = [json<{ Statement: Statement[] }>(connect.inputs.policy).Statement[0].Resource].flat();
    expect(resources).toHaveLength(1 + e.replicaZones.length);
    expect(resources[0]).toMatch(new RegExp(`^arn:aws:rds-db:eu-west-1:${e.accountId}:dbuser:prx-[0-9a-f]+/sparki_app$`));
    for (const r of resources.slice(1)) expect(r).toMatch(new RegExp(`^arn:aws:rds-db:eu-west-1:${e.accountId}:dbuser:db-[A-Z0-9]+/sparki_app$`));
    expect(String(connect.inputs.policy)).not.toMatch(/secretsmanager:/);
  });

  it("admits clients at the proxy and the replicas, the primary only from the proxy and the rotation function, on 3306, never from the internet", async () => {
    const run = await runOf(ex);
    const proxySg = groupOfRule(run, EGRESS, `${id}-proxy-to-primary`);
    const primarySg = groupOfRule(run, INGRESS, `${id}-primary-from-proxy`);
    const rotationSg = groupOfRule(run, EGRESS, `${id}-rotation-to-primary`);
    expect(one(run, "aws:rds/proxy:Proxy", `${id}-proxy`).inputs.vpcSecurityGroupIds).toEqual([proxySg]);
    expect(primaryOf(run).inputs.vpcSecurityGroupIds).toEqual([primarySg]);
    expect(sourcesInto(run, proxySg)).toEqual([e.vpcCidr]);
    expect(sourcesInto(run, primarySg)).toEqual([proxySg, rotationSg]);
    expect(sourcesInto(run, rotationSg)).toEqual([]);
    const rules = [...ofType(run, INGRESS), ...ofType(run, EGRESS)].filter((r) => r.name.startsWith(`${id}-`) && !r.name.includes("-to-secretsmanager"));
    for (const r of rules) expect(r.inputs, r.name).toMatchObject({ ipProtocol: "tcp", fromPort: 3306, toPort: 3306 });
    expect(rules.some((r) => r.inputs.cidrIpv4 === "0.0.0.0/0")).toBe(false);
    const replicaGroups = new Set(replicasOf(run, id).flatMap((r) => r.inputs.vpcSecurityGroupIds as string[]));
    expect(replicaGroups.size).toBe(isProd ? 1 : 0);
    for (const sg of replicaGroups) expect(sourcesInto(run, sg)).toEqual([e.vpcCidr]);
  });

  it("alarms with the derived relational levels: p95 latency 50/100 ms on every instance, 80/95 % of the proxy pool", async () => {
    const run = await runOf(ex);
    const { levels, alarms } = alarmLevels(run, `${ex.stack}-mysql-`);
    const expected: Record<string, Record<string, number>> = { [`${id}-proxy DatabaseConnectionsCurrentlyBorrowed`]: POOL };
    for (const db of instancesOf(run, id)) {
      const identifier = String(db.inputs.identifier);
      expected[`${identifier} ReadLatency`] = LATENCY;
      expected[`${identifier} WriteLatency`] = LATENCY;
      expected[`${identifier} CPUUtilization`] = { warning: 80, critical: 95 };
      expected[`${identifier} DiskQueueDepth`] = { warning: 20, critical: 64 };
      expected[`${identifier} FreeStorageSpace`] = { warning: 0.2 * e.storage * GIB, critical: 0.1 * e.storage * GIB };
      expected[`${identifier} FreeableMemory`] = { warning: 0.1 * e.memoryGiB * GIB, critical: 0.05 * e.memoryGiB * GIB };
      if (db.inputs.replicateSourceDb) expected[`${identifier} ReplicaLag`] = { warning: 30, critical: 300 };
    }
    // MySQL publishes no MaximumUsedTransactionIDs: PostgreSQL's wraparound alarm is not here.
    expect(levels).toEqual(expected);
    expect(alarms).toHaveLength(2 * Object.keys(expected).length);
    const sourceOf = (metric: string) => new Set(alarms.filter((a) => a.inputs.metricName === metric).map((a) => (a.inputs.tags as Record<string, string>).ThresholdSource));
    expect(sourceOf("ReadLatency")).toEqual(new Set(["derived:mysqlLatencyP95"]));
    expect(sourceOf("WriteLatency")).toEqual(new Set(["derived:mysqlLatencyP95"]));
    expect(sourceOf("DatabaseConnectionsCurrentlyBorrowed")).toEqual(new Set(["derived:mysqlConnectionPoolUsage"]));
    for (const a of alarms.filter((x) => x.inputs.metricName === "ReadLatency")) expect(a.inputs.extendedStatistic).toBe("p95");
    expect(one(run, "aws:cloudwatch/metricAlarm:MetricAlarm", `${ex.stack}-mysql-proxy-proxy-database-connections-borrowed-warning`).inputs.dimensions)
      .toEqual({ ProxyName: `${id}-proxy`, TargetGroup: "default", TargetRole: "READ_WRITE" });
  });

  it("sends the instances' events to the topics and draws a MySQL row on the dashboard", async () => {
    const run = await runOf(ex);
    const ids = instancesOf(run, id).map((r) => r.inputs.identifier).sort();
    const subscriptions = ofType(run, "aws:rds/eventSubscription:EventSubscription").filter((r) => r.name.startsWith(`${id}-`));
    expect(subscriptions.map((s) => s.name).sort()).toEqual([`${id}-critical-events`, `${id}-warning-events`]);
    for (const s of subscriptions) expect([...(s.inputs.sourceIds as string[])].sort()).toEqual(ids);
    const body = json<{ widgets: { properties: { markdown?: string; metrics?: unknown[][] } }[] }>(one(run, "aws:cloudwatch/dashboard:Dashboard").inputs.dashboardBody);
    expect(body.widgets.some((w) => w.properties.markdown === "## MySQL")).toBe(true);
    expect(JSON.stringify(body.widgets.map((w) => w.properties.metrics ?? []))).toContain(`"DatabaseConnectionsCurrentlyBorrowed","ProxyName","${id}-proxy"`);
  });

  it("outputs what the Fiber storage/mysql adapter connects with, and never a secret", async () => {
    const run = await runOf(ex);
    const out = outputsOf(run);
    expect(Object.keys(out).sort()).toEqual([
      "adminSecretArn", "connectPolicyArn", "database", "fiberPackages", "iamAuthentication", "instanceIdentifiers", "poolSize", "port", "readerEndpoints",
      "region", "tls", "username", "writerEndpoint",
    ]);
    expect(out).toMatchObject({
      fiberPackages: ["storage/mysql"], port: 3306, database: "sparki", username: "sparki_app", iamAuthentication: true, region: "eu-west-1", tls: true, poolSize: 100,
      connectPolicyArn: `arn:aws:iam::${e.accountId}:policy/${id}-connect`, instanceIdentifiers: instancesOf(run, id).map((r) => r.inputs.identifier).sort(),
    });
    expect(out.adminSecretArn).toBe(one(run, "aws:secretsmanager/secretRotation:SecretRotation", `${id}-admin-rotation`).inputs.secretId);
    expect(String(out.writerEndpoint)).toMatch(new RegExp(`^${id}-proxy\\.proxy-[a-z0-9]+\\.eu-west-1\\.rds\\.amazonaws\\.com$`));
    const readers = out.readerEndpoints as string[];
    expect(readers).toHaveLength(e.replicaZones.length);
    replicasOf(run, id).forEach((r, i) => expect(readers[i]).toMatch(new RegExp(`^${String(r.inputs.identifier)}\\.c[a-z0-9]+\\.eu-west-1\\.rds\\.amazonaws\\.com$`)));
    expect(containsSecret(out)).toBe(false);
    expect(JSON.stringify(out)).not.toMatch(/password|mock-password/i);
  });
});

describe.each(STACKS)("the %s root stack", (stack) => {
  it("registers no MySQL (the adapter is opt-in) and outputs none", async () => {
    const run = await stackRun(stack);
    expect(run.resources.filter((r) => r.type === "sparki:rds:MySql" || r.name.includes("-mysql"))).toEqual([]);
    expect(ofType(run, "aws:rds/instance:Instance").map((r) => r.inputs.engine)).toEqual(expect.not.arrayContaining(["mysql"]));
    expect(ofType(run, "aws:rds/optionGroup:OptionGroup")).toEqual([]);
    expect(run.outputs.mysql).toBeUndefined();
  });
});
