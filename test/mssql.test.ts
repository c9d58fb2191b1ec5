import { describe, expect, it } from "vitest";
import { json, ofType, one, type ProgramRun, STACKS, stackRun } from "./harness";
import {
  alarmLevels, containsSecret, examplesOf, EGRESS, GIB, groupOfRule, identifierOf, INGRESS, instancesOf, ownedBy, parametersOf, plaintextPasswords,
  replicasOf, runOf, secretJson, sourcesInto, type Statement,
} from "./rds-example";

/**
 * SQL Server 2022 on RDS (components/rds, engine profile sqlserver; adapter stacks/adapters/mssql) as the example
 * stacks examples/mssql/Pulumi.mssql-{dev,prod}.yaml register it: Web in dev (never Express: RDS does not encrypt
 * Express storage), Enterprise Multi-AZ without read replicas in prod (RDS copies no logins to SQL Server replicas).
 * No RDS Proxy (it does not front SQL Server 2022) and no IAM database authentication: clients reach the primary,
 * and the application's login has its own secret, rotated by alternating users with the admin's secret as master.
 * The figures are written from the stack files, the tier and the documentation named beside them, not read from the
 * program.
 */

const EXAMPLES = examplesOf("mssql");

const EXPECTED = {
  dev: {
    // The dev tier: Web on db.t3.small (2 GiB), 500 user connections.
    accountId: "555555555555", edition: "web", instanceClass: "db.t3.small", memoryGiB: 2, multiAz: false, zone: "eu-west-1a" as string | undefined,
    storage: 20, maxStorage: 100, backups: 1, deleteBackups: true, protect: false, piRetention: 7, monitoring: 60,
    logRetention: 7, userConnections: 500, vpcCidr: "10.68.0.0/16", applyImmediately: true, recoveryWindow: 7,
  },
  prod: {
    // The stack file's Enterprise on db.r6i.xlarge (32 GiB) over the prod tier: Multi-AZ, 1000 user connections, no replica.
    accountId: "555555555555", edition: "ee", instanceClass: "db.r6i.xlarge", memoryGiB: 32, multiAz: true, zone: undefined,
    storage: 100, maxStorage: 1000, backups: 14, deleteBackups: false, protect: true, piRetention: 93, monitoring: 15,
    logRetention: 365, userConnections: 1000, vpcCidr: "10.69.0.0/16", applyImmediately: false, recoveryWindow: 30,
  },
} as const;

// Security Hub RDS.9/RDS.40 and CreateDBInstance: SQL Server exports agent and error.
const LOGS = ["agent", "error"];
// Secrets Manager's published rotation applications for RDS for SQL Server, as AWS CDK pins them
// (SecretRotationApplication.SQLSERVER_ROTATION_SINGLE_USER 1.1.670, SQLSERVER_ROTATION_MULTI_USER 1.1.671).
const SAR = "arn:aws:serverlessrepo:us-east-1:297356227824:applications";
const ROTATION_APPS = {
  admin: { applicationId: `${SAR}/SecretsManagerRDSSQLServerRotationSingleUser`, semanticVersion: "1.1.670" },
  pool: { applicationId: `${SAR}/SecretsManagerRDSSQLServerRotationMultiUser`, semanticVersion: "1.1.671" },
};
const EDITION_NAMES = { web: "Web", ee: "Enterprise" } as const;
/** The spec's relational alert figures (PostgreSQL's), which MSSQL inherits: seconds in CloudWatch; percent of user connections. */
const LATENCY = { warning: 0.05, critical: 0.1 };
const POOL_PERCENT = { warning: 80, critical: 95 };

const like = (pattern: RegExp): unknown => expect.stringMatching(pattern);
const outputsOf = (run: ProgramRun) => run.outputs.mssql as Record<string, unknown>;

describe.each(EXAMPLES)("SQL Server of $stack", (ex) => {
  const e = EXPECTED[ex.profile];
  const isProd = ex.profile === "prod";
  const id = identifierOf(ex);
  const keyArn = (run: ProgramRun) => String(run.outputs.kmsKeyArn);
  const primaryOf = (run: ProgramRun) => one(run, "aws:rds/instance:Instance", id);

  it(`runs SQL Server 2022 ${EDITION_NAMES[e.edition]} license-included on ${e.instanceClass}, ${isProd ? "Multi-AZ" : `single-AZ in ${e.zone}`}, private, encrypted`, async () => {
    const run = await runOf(ex);
    const primary = primaryOf(run);
    expect(primary.inputs).toMatchObject({
      identifier: id, engine: `sqlserver-${e.edition}`, engineVersion: "16.00", licenseModel: "license-included", instanceClass: e.instanceClass,
      multiAz: e.multiAz, storageType: "gp3", allocatedStorage: e.storage, maxAllocatedStorage: e.maxStorage, storageEncrypted: true,
      kmsKeyId: keyArn(run), publiclyAccessible: false, port: 1433, dbSubnetGroupName: id, caCertIdentifier: "rds-ca-rsa2048-g1",
      applyImmediately: e.applyImmediately, username: "sparki_admin",
      // RDS for SQL Server has no IAM database authentication.
      iamDatabaseAuthenticationEnabled: false,
    });
    // CreateDBInstance, DBName: "RDS for SQL Server: Not applicable. Must be null."
    expect("dbName" in primary.inputs).toBe(false);
    expect(primary.inputs.availabilityZone).toBe(e.zone);
    expect(primary.options.ignoreChanges).toEqual(["password"]);
  });

  it(`keeps ${e.backups}-day backups, a final snapshot, ${isProd ? "deletion protection and protect" : "no deletion protection, no protect"}`, async () => {
    const run = await runOf(ex);
    expect(primaryOf(run).inputs).toMatchObject({
      backupRetentionPeriod: e.backups, skipFinalSnapshot: false, finalSnapshotIdentifier: `${id}-final`, deleteAutomatedBackups: e.deleteBackups,
      deletionProtection: isProd, copyTagsToSnapshot: true,
    });
    expect(primaryOf(run).options.protect).toBe(e.protect);
    // The primary and both logins' secrets and passwords: losing either password locks its user out.
    expect(ownedBy(run, id).filter((r) => r.options.protect).map((r) => r.name).sort())
      .toEqual(isProd ? [id, `${id}-admin`, `${id}-admin-password`, `${id}-pool`, `${id}-pool-password`] : []);
  });

  it(`has Performance Insights (${e.piRetention} days, KMS) on every instance, enhanced monitoring every ${e.monitoring} s, agent and error logs kept ${e.logRetention} days`, async () => {
    const run = await runOf(ex);
    for (const db of instancesOf(run, id)) {
      const identifier = String(db.inputs.identifier);
      expect(db.inputs, identifier).toMatchObject({
        performanceInsightsEnabled: true, performanceInsightsKmsKeyId: keyArn(run), performanceInsightsRetentionPeriod: e.piRetention,
        monitoringInterval: e.monitoring, enabledCloudwatchLogsExports: LOGS,
      });
      const groups = ofType(run, "aws:cloudwatch/logGroup:LogGroup").filter((g) => String(g.inputs.name).startsWith(`/aws/rds/instance/${identifier}/`));
      expect(groups.map((g) => g.inputs.name).sort()).toEqual(LOGS.map((l) => `/aws/rds/instance/${identifier}/${l}`));
      for (const g of groups) expect(g.inputs).toMatchObject({ retentionInDays: e.logRetention, kmsKeyId: keyArn(run) });
    }
  });

  it(`uses a sqlserver-${e.edition}-16.0 parameter group: TLS forced, TLS 1.0/1.1 off, ${e.userConnections} user connections, all at the next reboot`, async () => {
    const run = await runOf(ex);
    const group = one(run, "aws:rds/parameterGroup:ParameterGroup", `${id}-params`);
    expect(group.inputs).toMatchObject({ family: `sqlserver-${e.edition}-16.0`, namePrefix: `${id}-sqlserver-${e.edition}-16-0-` });
    for (const db of instancesOf(run, id)) expect(String(db.inputs.parameterGroupName)).toMatch(new RegExp(`^${id}-sqlserver-${e.edition}-16-0-`));
    // Each is static on RDS for SQL Server: RDS refuses `immediate`.
    expect([...parametersOf(run, id).values()]).toEqual([
      { name: "rds.force_ssl", value: "1", applyMethod: "pending-reboot" },
      { name: "rds.tls10", value: "disabled", applyMethod: "pending-reboot" },
      { name: "rds.tls11", value: "disabled", applyMethod: "pending-reboot" },
      { name: "user connections", value: String(e.userConnections), applyMethod: "pending-reboot" },
    ]);
    expect(ofType(run, "aws:rds/optionGroup:OptionGroup").filter((r) => r.name.startsWith(`${id}-`))).toEqual([]);
  });

  it("runs without RDS Proxy: no proxy, target, proxy role or proxy log group", async () => {
    const run = await runOf(ex);
    const proxyTypes = ["aws:rds/proxy:Proxy", "aws:rds/proxyDefaultTargetGroup:ProxyDefaultTargetGroup", "aws:rds/proxyTarget:ProxyTarget"];
    expect(ownedBy(run, id).filter((r) => proxyTypes.includes(r.type) || r.name.includes("-proxy"))).toEqual([]);
    expect(ofType(run, "aws:iam/rolePolicy:RolePolicy").filter((r) => r.name.startsWith(`${id}-`))).toEqual([]);
  });

  it(`has no read replica${isProd ? " although Enterprise on Multi-AZ could have one" : ""}: RDS copies no logins to SQL Server replicas`, async () => {
    // RDS User Guide, "Working with read replicas for Microsoft SQL Server in Amazon RDS": logins created on the primary
    // after the replica (the bootstrap's application login, and each rotated password) are not replicated.
    const run = await runOf(ex);
    expect(replicasOf(run, id)).toEqual([]);
    expect(instancesOf(run, id).map((r) => r.inputs.identifier)).toEqual([id]);
    expect(outputsOf(run).readerEndpoints).toEqual([]);
  });

  it("keeps the admin's and the application login's generated passwords in their own secrets: the admin's rotated by a single user, the login's by alternating users with the admin as master", async () => {
    const run = await runOf(ex);
    const secrets = ofType(run, "aws:secretsmanager/secret:Secret").filter((r) => r.name.startsWith(`${id}-`));
    expect(secrets.map((r) => r.name).sort()).toEqual([`${id}-admin`, `${id}-pool`]);
    for (const s of secrets) expect(s.inputs, s.name).toMatchObject({ kmsKeyId: keyArn(run), recoveryWindowInDays: e.recoveryWindow });
    const host = like(new RegExp(`^${id}\\.c[a-z0-9]+\\.eu-west-1\\.rds\\.amazonaws\\.com$`));
    const adminArn = one(run, "aws:secretsmanager/secretRotation:SecretRotation", `${id}-admin-rotation`).inputs.secretId;
    expect(adminArn).toMatch(/^arn:aws:secretsmanager:eu-west-1:555555555555:/);
    // No dbname: RDS creates no database for SQL Server, the rotation connects to master. The alternating-users
    // function reads the master secret's ARN from `masterarn` (aws-secrets-manager-rotation-lambdas,
    // SecretsManagerRDSSQLServerRotationMultiUser: "masterarn: <required: the arn of the master secret ...>").
    expect(secretJson(run, `${id}-admin`)).toEqual({ engine: "sqlserver", host, port: 1433, username: "sparki_admin", password: like(/^mock-password-/) });
    expect(secretJson(run, `${id}-pool`)).toEqual({ engine: "sqlserver", host, port: 1433, username: "sparki_app", password: like(/^mock-password-/), masterarn: adminArn });
    expect(secretJson(run, `${id}-admin`).password).toBe((primaryOf(run).inputs.password as { value: unknown }).value);
    expect(secretJson(run, `${id}-pool`).password).not.toBe(secretJson(run, `${id}-admin`).password);
    const rotationSg = groupOfRule(run, EGRESS, `${id}-rotation-to-primary`);
    for (const role of ["admin", "pool"] as const) {
      const app = one(run, "aws:serverlessrepository/cloudFormationStack:CloudFormationStack", `${id}-${role}-rotation-function`).inputs;
      expect(app, role).toMatchObject({
        ...ROTATION_APPS[role], parameters: { functionName: `${id}-${role}-rotation`, kmsKeyArn: keyArn(run), vpcSecurityGroupIds: rotationSg },
      });
      const parameters = app.parameters as Record<string, unknown>;
      if (role === "pool") {
        // AWS CDK SecretRotation: a multi-user application takes the master secret (masterSecretArn) and its key (masterSecretKmsKeyArn).
        expect(parameters, role).toMatchObject({ masterSecretArn: adminArn, masterSecretKmsKeyArn: keyArn(run) });
      } else {
        // The single-user function changes the admin's own password: it reads no other secret.
        expect(Object.keys(parameters).filter((k) => k.startsWith("master")), role).toEqual([]);
      }
      const rotation = one(run, "aws:secretsmanager/secretRotation:SecretRotation", `${id}-${role}-rotation`);
      expect(rotation.inputs).toMatchObject({
        rotateImmediately: false, rotationRules: { automaticallyAfterDays: 30 }, rotationLambdaArn: `arn:aws:lambda:eu-west-1:${e.accountId}:function:${id}-${role}-rotation`,
      });
      expect(one(run, "aws:secretsmanager/secretVersion:SecretVersion", `${id}-${role}`).options.ignoreChanges).toEqual(["secretString"]);
      const generated = one(run, "random:index/randomPassword:RandomPassword", `${id}-${role}-password`);
      // CHECK_POLICY = ON: SQL Server wants three of upper, lower, digits, symbols.
      expect(generated.inputs).toMatchObject({ length: 40, special: false, minLower: 1, minUpper: 1, minNumeric: 1 });
    }
    expect(secretJson(run, `${id}-admin`).masterarn).toBeUndefined();
    expect(plaintextPasswords(run)).toEqual([]);
  });

  it("gives applications a policy to read the login secret and decrypt it through Secrets Manager only, and nothing of RDS IAM auth", async () => {
    const run = await runOf(ex);
    const connect = one(run, "aws:iam/policy:Policy", `${id}-connect`);
    expect(json<{ Statement: Statement[] }>(connect.inputs.policy).Statement).toEqual([
      { Sid: "ReadTheLoginSecret", Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: outputsOf(run).credentialsSecretArn },
      { Sid: "DecryptThroughSecretsManager", Effect: "Allow", Action: "kms:Decrypt", Resource: keyArn(run), Condition: { StringEquals: { "kms:ViaService": "secretsmanager.eu-west-1.amazonaws.com" } } },
    ]);
    expect(String(connect.inputs.policy)).not.toMatch(/rds-db:connect/);
    expect(String(connect.inputs.policy)).not.toContain(`${id}-admin`);
  });

  it("admits clients straight to the primary, and the rotation functions to it, on 1433, never from the internet", async () => {
    const run = await runOf(ex);
    const primarySg = groupOfRule(run, INGRESS, `${id}-primary-from-rotation`);
    const rotationSg = groupOfRule(run, EGRESS, `${id}-rotation-to-primary`);
    expect(primaryOf(run).inputs.vpcSecurityGroupIds).toEqual([primarySg]);
    expect(sourcesInto(run, primarySg)).toEqual([e.vpcCidr, rotationSg]);
    expect(sourcesInto(run, rotationSg)).toEqual([]);
    const rules = [...ofType(run, INGRESS), ...ofType(run, EGRESS)].filter((r) => r.name.startsWith(`${id}-`) && !r.name.includes("-to-secretsmanager"));
    for (const r of rules) expect(r.inputs, r.name).toMatchObject({ ipProtocol: "tcp", fromPort: 1433, toPort: 1433 });
    expect(rules.some((r) => r.inputs.cidrIpv4 === "0.0.0.0/0")).toBe(false);
    // No replica, so no replica security group either.
    expect(ofType(run, "aws:ec2/securityGroup:SecurityGroup").filter((g) => g.name.startsWith(`${id}-replica`))).toEqual([]);
  });

  it(`alarms with the derived relational levels: p95 latency 50/100 ms, connections at 80/95 % of ${e.userConnections} user connections; no FreeableMemory alarm`, async () => {
    const run = await runOf(ex);
    const { levels, alarms } = alarmLevels(run, `${ex.stack}-mssql-`);
    const expected: Record<string, Record<string, number>> = {
      [`${id} DatabaseConnections`]: { warning: (POOL_PERCENT.warning / 100) * e.userConnections, critical: (POOL_PERCENT.critical / 100) * e.userConnections },
    };
    for (const db of instancesOf(run, id)) {
      const identifier = String(db.inputs.identifier);
      expected[`${identifier} ReadLatency`] = LATENCY;
      expected[`${identifier} WriteLatency`] = LATENCY;
      expected[`${identifier} CPUUtilization`] = { warning: 80, critical: 95 };
      expected[`${identifier} DiskQueueDepth`] = { warning: 20, critical: 64 };
      expected[`${identifier} FreeStorageSpace`] = { warning: 0.2 * e.storage * GIB, critical: 0.1 * e.storage * GIB };
      // No FreeableMemory: SQL Server keeps the memory its buffer pool takes (up to "max server memory"), so little
      // freeable memory is its normal state. No ReplicaLag (no replica), no MaximumUsedTransactionIDs (PostgreSQL's).
    }
    expect(levels).toEqual(expected);
    expect(alarms.filter((a) => ["FreeableMemory", "ReplicaLag", "MaximumUsedTransactionIDs"].includes(String(a.inputs.metricName)))).toEqual([]);
    expect(alarms).toHaveLength(2 * Object.keys(expected).length);
    const sourceOf = (metric: string) => new Set(alarms.filter((a) => a.inputs.metricName === metric).map((a) => (a.inputs.tags as Record<string, string>).ThresholdSource));
    expect(sourceOf("ReadLatency")).toEqual(new Set(["derived:mssqlLatencyP95"]));
    expect(sourceOf("WriteLatency")).toEqual(new Set(["derived:mssqlLatencyP95"]));
    expect(sourceOf("DatabaseConnections")).toEqual(new Set(["derived:mssqlConnectionPoolUsage"]));
  });

  it("sends the instances' events to the topics and draws a SQL Server row on the dashboard", async () => {
    const run = await runOf(ex);
    const ids = instancesOf(run, id).map((r) => r.inputs.identifier).sort();
    const subscriptions = ofType(run, "aws:rds/eventSubscription:EventSubscription").filter((r) => r.name.startsWith(`${id}-`));
    expect(subscriptions.map((s) => s.name).sort()).toEqual([`${id}-critical-events`, `${id}-warning-events`]);
    for (const s of subscriptions) expect([...(s.inputs.sourceIds as string[])].sort()).toEqual(ids);
    const body = json<{ widgets: { properties: { markdown?: string; metrics?: unknown[][] } }[] }>(one(run, "aws:cloudwatch/dashboard:Dashboard").inputs.dashboardBody);
    expect(body.widgets.some((w) => w.properties.markdown === "## SQL Server")).toBe(true);
    expect(JSON.stringify(body.widgets.map((w) => w.properties.metrics ?? []))).toContain(`"DatabaseConnections","DBInstanceIdentifier","${id}"`);
  });

  it("outputs what the Fiber storage/mssql adapter connects with (host, port, user, the secret holding the login and password, TLS), never a secret", async () => {
    const run = await runOf(ex);
    const out = outputsOf(run);
    expect(Object.keys(out).sort()).toEqual([
      "adminSecretArn", "bootstrapSql", "connectPolicyArn", "credentialsSecretArn", "database", "fiberPackages", "iamAuthentication", "instanceIdentifiers",
      "maxConnections", "port", "readerEndpoints", "region", "sslMode", "tls", "username", "writerEndpoint",
    ]);
    expect(out).toMatchObject({
      fiberPackages: ["storage/mssql"], port: 1433, database: "sparki", username: "sparki_app", iamAuthentication: false, region: "eu-west-1", tls: true,
      sslMode: "true", maxConnections: e.userConnections, connectPolicyArn: `arn:aws:iam::${e.accountId}:policy/${id}-connect`,
      instanceIdentifiers: instancesOf(run, id).map((r) => r.inputs.identifier).sort(),
    });
    // No proxy: the writer is the primary itself.
    expect(String(out.writerEndpoint)).toMatch(new RegExp(`^${id}\\.c[a-z0-9]+\\.eu-west-1\\.rds\\.amazonaws\\.com$`));
    expect(out.writerEndpoint).toBe(secretJson(run, `${id}-pool`).host);
    // The renamed output: the secret holds the login (sparki_app or, after a rotation, sparki_app_clone) and its password.
    expect(out.credentialsSecretArn).toBe(one(run, "aws:secretsmanager/secretRotation:SecretRotation", `${id}-pool-rotation`).inputs.secretId);
    expect(out).not.toHaveProperty("passwordSecretArn");
    expect(out.username).toBe(secretJson(run, `${id}-pool`).username);
    expect(out.adminSecretArn).toBe(one(run, "aws:secretsmanager/secretRotation:SecretRotation", `${id}-admin-rotation`).inputs.secretId);
    expect(out.readerEndpoints).toEqual([]);
    // The bootstrap creates the database RDS does not, with a binary collation (SQL Server docs, "Collation and
    // Unicode support": _BIN2 compares code points, so "Key" and "key" are different keys; the server default
    // SQL_Latin1_General_CP1_CI_AS is case-insensitive), and the login whose password is the pool secret's.
    const sql = String(out.bootstrapSql).split("\n");
    expect(sql[0]).toBe("CREATE DATABASE [sparki] COLLATE Latin1_General_100_BIN2;");
    expect(sql.filter((s) => /COLLATE/i.test(s))).toEqual([sql[0]]);
    expect(sql[1]).toMatch(/^CREATE LOGIN \[sparki_app\] WITH PASSWORD = N'<password of the pool secret>', DEFAULT_DATABASE = \[sparki\], CHECK_POLICY = ON;$/);
    expect(sql).toContain("CREATE USER [sparki_app] FOR LOGIN [sparki_app];");
    // The alternating-users rotation switches to <login>_clone: it must exist with the same database access, since
    // the rotation function (connected to master) would create it without a user in the database.
    expect(sql).toContain("CREATE USER [sparki_app_clone] FOR LOGIN [sparki_app_clone];");
    expect(sql.some((s) => s.startsWith("CREATE LOGIN [sparki_app_clone]") && s.includes("DEFAULT_DATABASE = [sparki]"))).toBe(true);
    const grantsOf = (login: string) => sql.filter((s) => s.includes(`[${login}];`) && /^(ALTER ROLE|GRANT)/.test(s)).map((s) => s.replace(`[${login}]`, "<login>"));
    expect(grantsOf("sparki_app_clone")).toEqual(grantsOf("sparki_app"));
    expect(grantsOf("sparki_app")).toHaveLength(4);
    expect(sql.some((s) => /db_owner|sysadmin|CONTROL SERVER/i.test(s))).toBe(false);
    expect(containsSecret(out)).toBe(false);
    expect(JSON.stringify(out)).not.toMatch(/mock-password/);
  });
});

describe.each(STACKS)("the %s root stack", (stack) => {
  it("registers no SQL Server (the adapter is opt-in) and outputs none", async () => {
    const run = await stackRun(stack);
    expect(run.resources.filter((r) => r.type === "sparki:rds:SqlServer" || r.name.includes("-mssql"))).toEqual([]);
    expect(ofType(run, "aws:rds/instance:Instance").filter((r) => String(r.inputs.engine).startsWith("sqlserver"))).toEqual([]);
    expect(run.outputs.mssql).toBeUndefined();
  });
});
