import { specialSecretSig, specialSigKey } from "@pulumi/pulumi/runtime/rpc";
import { describe, expect, it } from "vitest";
import { POSTGRES_POOL } from "../components/matrix";
import { json, KNOWN_AFTER_APPLY, ofType, one, type ProgramRun, type RegisteredResource, runWith, STACKS, stackRun } from "./harness";

const INSTANCE = "aws:rds/instance:Instance";
const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const EGRESS = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";
const GIB = 1024 ** 3;

interface Statement { Sid?: string; Effect: string; Action: string | string[]; Resource?: string; Principal?: unknown; Condition?: unknown }

/** What each real stack file is expected to deploy (Pulumi.<stack>.yaml over the profile). */
const EXPECTED = {
  dev: {
    accountId: "111111111111", instanceClass: "db.t4g.micro", memoryGiB: 1, multiAz: false, zone: "eu-west-1a" as string | undefined,
    replicaZones: [] as string[], storage: 20, maxStorage: 100, backups: 1, deleteBackups: true, protect: false,
    piRetention: 7, monitoring: 60, logRetention: 7, maxConnections: 125, maxPercent: 80, idlePercent: 16, slowMs: "250",
    vpcCidr: "10.40.0.0/16", applyImmediately: true,
  },
  prod: {
    accountId: "222222222222", instanceClass: "db.r7g.large", memoryGiB: 16, multiAz: true, zone: undefined,
    replicaZones: ["eu-west-1b", "eu-west-1c"], storage: 200, maxStorage: 2000, backups: 14, deleteBackups: false, protect: true,
    piRetention: 93, monitoring: 15, logRetention: 365, maxConnections: 250, maxPercent: 40, idlePercent: 8, slowMs: "500",
    vpcCidr: "10.50.0.0/16", applyImmediately: false,
  },
} as const;

const instances = (run: ProgramRun) => ofType(run, INSTANCE).filter((r) => String(r.inputs.identifier).includes("-postgres"));
const primaryOf = (run: ProgramRun) => one(run, INSTANCE, `sparki-${run.stack}-postgres`);
const replicasOf = (run: ProgramRun) => instances(run).filter((r) => r.inputs.replicateSourceDb !== undefined)
  .sort((a, b) => String(a.inputs.identifier).localeCompare(String(b.inputs.identifier)));
const paramsOf = (run: ProgramRun) => new Map(
  (one(run, "aws:rds/parameterGroup:ParameterGroup").inputs.parameters as { name: string; value: string; applyMethod: string }[])
    .map((p) => [p.name, p]));
/** An asymmetric matcher for a string, typed `unknown` (vitest types it `any`). */
const like = (pattern: RegExp): unknown => expect.stringMatching(pattern);
const outputsOf = (run: ProgramRun) => run.outputs.postgres as Record<string, unknown>;
const isSecret = (value: unknown): value is { value: unknown } =>
  typeof value === "object" && value !== null && (value as Record<string, unknown>)[specialSigKey] === specialSecretSig;
/** The JSON a secret version of this stack's PostgreSQL writes first. */
const secretJson = (run: ProgramRun, name: string) => {
  const secretString = one(run, "aws:secretsmanager/secretVersion:SecretVersion", name).inputs.secretString;
  if (!isSecret(secretString)) throw new Error(`${name}: secretString is not marked secret`);
  return JSON.parse(String(secretString.value)) as Record<string, unknown>;
};
/** The security group a rule (found by its logical name) is attached to. */
const groupOfRule = (run: ProgramRun, type: string, name: string) => String(one(run, type, name).inputs.securityGroupId);

describe.each(STACKS)("PostgreSQL of %s", (stack) => {
  const e = EXPECTED[stack];
  const isProd = stack === "prod";
  const id = `sparki-${stack}-postgres`;
  const keyArn = (run: ProgramRun) => String(run.outputs.kmsKeyArn);

  it(`runs PostgreSQL 17 on ${e.instanceClass}, ${isProd ? "Multi-AZ" : `single-AZ in ${e.zone}`}, gp3 with autoscaling, encrypted with the stack key`, async () => {
    const run = await stackRun(stack);
    const primary = primaryOf(run);
    expect(primary.inputs).toMatchObject({
      identifier: id, engine: "postgres", engineVersion: "17", instanceClass: e.instanceClass, multiAz: e.multiAz,
      storageType: "gp3", allocatedStorage: e.storage, maxAllocatedStorage: e.maxStorage,
      storageEncrypted: true, kmsKeyId: keyArn(run), publiclyAccessible: false, port: 5432,
      dbSubnetGroupName: id, caCertIdentifier: "rds-ca-rsa2048-g1", applyImmediately: e.applyImmediately,
    });
    expect(primary.inputs.availabilityZone).toBe(e.zone);
    const subnetGroup = one(run, "aws:rds/subnetGroup:SubnetGroup");
    expect(subnetGroup.inputs).toMatchObject({ name: id, subnetIds: (run.outputs.network as { privateSubnetIds: string[] }).privateSubnetIds });
  });

  it("sets a generated admin password once (never RDS-managed: RDS refuses replicas of such a source); the admin is not postgres", async () => {
    const run = await stackRun(stack);
    const primary = primaryOf(run);
    expect(primary.inputs).toMatchObject({ iamDatabaseAuthenticationEnabled: true, username: "sparki_admin", dbName: "sparki" });
    expect(primary.inputs.manageMasterUserPassword).toBeUndefined();
    expect(isSecret(primary.inputs.password)).toBe(true);
    expect((primary.inputs.password as { value: unknown }).value).toMatch(/^mock-password-/);
    expect(primary.options.ignoreChanges).toEqual(["password"]);
    expect(secretJson(run, `${id}-admin`).password).toBe((primary.inputs.password as { value: unknown }).value);
    const generated = one(run, "random:index/randomPassword:RandomPassword", `${id}-admin-password`);
    expect(generated.inputs).toMatchObject({ length: 40, special: false });
    expect(generated.options.protect).toBe(isProd);
  });

  it("keeps the admin password in one secret on the stack key, written once, in the JSON the rotation function reads", async () => {
    const run = await stackRun(stack);
    const secrets = ofType(run, "aws:secretsmanager/secret:Secret").filter((r) => r.name.startsWith(`${id}-`));
    expect(secrets.map((r) => r.name)).toEqual([`${id}-admin`]);
    expect(secrets[0].inputs).toMatchObject({ kmsKeyId: keyArn(run), recoveryWindowInDays: isProd ? 30 : 7 });
    expect(secrets[0].options.protect).toBe(isProd);
    expect(secretJson(run, `${id}-admin`)).toEqual({
      engine: "postgres", port: 5432, dbname: "sparki", host: like(new RegExp(`^${id}\\.c[a-z0-9]+\\.eu-west-1\\.rds\\.amazonaws\\.com$`)),
      username: "sparki_admin", password: like(/^mock-password-/),
    });
    const version = one(run, "aws:secretsmanager/secretVersion:SecretVersion", `${id}-admin`);
    // Rotation writes every later version; Pulumi must never put the initial password back.
    expect(version.options.ignoreChanges).toEqual(["secretString"]);
    expect(version.options.dependsOn.map((d) => d.name)).toEqual([id]);
  });

  it("rotates the admin password every 30 days with Secrets Manager's pinned single-user template, in the VPC", async () => {
    const run = await stackRun(stack);
    const rotation = one(run, "aws:secretsmanager/secretRotation:SecretRotation", `${id}-admin-rotation`);
    const app = one(run, "aws:serverlessrepository/cloudFormationStack:CloudFormationStack", `${id}-admin-rotation-function`);
    const rotationSg = groupOfRule(run, EGRESS, `${id}-rotation-to-primary`);
    expect(app.inputs).toMatchObject({
      name: `${id}-admin-rotation`,
      applicationId: "arn:aws:serverlessrepo:us-east-1:297356227824:applications/SecretsManagerRDSPostgreSQLRotationSingleUser", semanticVersion: "1.1.671",
      capabilities: ["CAPABILITY_IAM", "CAPABILITY_RESOURCE_POLICY"],
      parameters: {
        functionName: `${id}-admin-rotation`, endpoint: "https://secretsmanager.eu-west-1.amazonaws.com", kmsKeyArn: keyArn(run),
        vpcSubnetIds: (run.outputs.network as { privateSubnetIds: string[] }).privateSubnetIds.join(","), vpcSecurityGroupIds: rotationSg,
      },
    });
    // The first rotation waits for the schedule instead of racing the instance it rotates into.
    expect(rotation.inputs).toMatchObject({ rotateImmediately: false, rotationRules: { automaticallyAfterDays: 30 }, secretId: outputsOf(run).adminSecretArn });
    expect(String(rotation.inputs.rotationLambdaArn)).toBe(`arn:aws:lambda:eu-west-1:${e.accountId}:function:${id}-admin-rotation`);
  });

  it("never passes a database password in plaintext, nor outputs one", async () => {
    const run = await stackRun(stack);
    const plain: string[] = [];
    const walk = (value: unknown, where: string, secret: boolean): void => {
      if (isSecret(value)) return walk(value.value, where, true);
      if (typeof value === "string" && /mock-password-/.test(value) && !secret) plain.push(where);
      if (typeof value === "object" && value !== null) for (const [k, v] of Object.entries(value)) walk(v, `${where}.${k}`, secret);
    };
    for (const r of run.resources.filter((x) => x.type !== "random:index/randomPassword:RandomPassword")) walk(r.inputs, r.name, false);
    expect(plain).toEqual([]);
    expect(JSON.stringify(outputsOf(run))).not.toMatch(/mock-password/);
  });

  it(`keeps ${e.backups}-day backups, a final snapshot and ${isProd ? "" : "no "}deletion protection; protected in Pulumi only in prod`, async () => {
    const run = await stackRun(stack);
    const primary = primaryOf(run);
    expect(primary.inputs).toMatchObject({
      backupRetentionPeriod: e.backups, backupWindow: "02:00-03:00", maintenanceWindow: "sun:03:30-sun:04:30",
      copyTagsToSnapshot: true, skipFinalSnapshot: false, finalSnapshotIdentifier: `${id}-final`,
      deleteAutomatedBackups: e.deleteBackups, deletionProtection: isProd, autoMinorVersionUpgrade: true,
    });
    expect(primary.options.protect).toBe(e.protect);
    const postgresChildren = run.resources.filter((r) => r.name.startsWith(id) && r.type !== "sparki:postgres:Postgres");
    // The primary, and what losing would lock it out: the admin secret and its generated password; and the audit
    // archive's stream, which holds up to 24 hours of undelivered audit records (components/audit-archive).
    expect(postgresChildren.filter((r) => r.options.protect).map((r) => r.name).sort()).toEqual(isProd ? [id, `${id}-admin`, `${id}-admin-password`, `${id}-audit-stream`] : []);
  });

  it(`has Performance Insights (${e.piRetention} days, KMS), enhanced monitoring every ${e.monitoring} s and exported logs kept ${e.logRetention} days`, async () => {
    const run = await stackRun(stack);
    for (const db of instances(run)) {
      const identifier = String(db.inputs.identifier);
      expect(db.inputs, identifier).toMatchObject({
        performanceInsightsEnabled: true, performanceInsightsKmsKeyId: keyArn(run), performanceInsightsRetentionPeriod: e.piRetention,
        monitoringInterval: e.monitoring, enabledCloudwatchLogsExports: ["postgresql", "upgrade"],
      });
      expect(String(db.inputs.monitoringRoleArn)).toContain(`${id}-monitoring`);
      const logGroups = ofType(run, "aws:cloudwatch/logGroup:LogGroup").filter((g) => String(g.inputs.name).startsWith(`/aws/rds/instance/${identifier}/`));
      expect(logGroups.map((g) => g.inputs.name).sort()).toEqual([`/aws/rds/instance/${identifier}/postgresql`, `/aws/rds/instance/${identifier}/upgrade`]);
      for (const g of logGroups) expect(g.inputs).toMatchObject({ retentionInDays: e.logRetention, kmsKeyId: keyArn(run) });
      // RDS must find the log groups (with retention) and the monitoring policy in place before it starts.
      expect(db.options.dependsOn.map((d) => d.type).sort()).toEqual([
        "aws:cloudwatch/logGroup:LogGroup", "aws:cloudwatch/logGroup:LogGroup", "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
      ]);
    }
    const role = one(run, "aws:iam/role:Role", `${id}-monitoring`);
    expect(json<{ Statement: Statement[] }>(role.inputs.assumeRolePolicy).Statement).toEqual([{
      Effect: "Allow", Principal: { Service: "monitoring.rds.amazonaws.com" }, Action: "sts:AssumeRole",
      Condition: { StringEquals: { "aws:SourceAccount": e.accountId } },
    }]);
    expect(one(run, "aws:iam/rolePolicyAttachment:RolePolicyAttachment", `${id}-monitoring`).inputs.policyArn)
      .toBe("arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole");
  });

  it(`has ${e.replicaZones.length} read replicas, each in its own zone away from the primary's, alike but without password or final snapshot`, async () => {
    const run = await stackRun(stack);
    const replicas = replicasOf(run);
    const primary = primaryOf(run);
    expect(replicas.map((r) => r.inputs.identifier)).toEqual(e.replicaZones.map((_, i) => `${id}-replica-${i + 1}`));
    const zones = replicas.map((r) => r.inputs.availabilityZone);
    expect(zones).toEqual(e.replicaZones);
    expect(new Set(zones).size).toBe(zones.length);
    expect(zones).not.toContain("eu-west-1a"); // the first zone: a single-AZ primary's (with Multi-AZ, RDS places primary and standby)
    for (const r of replicas) {
      expect(r.inputs).toMatchObject({
        replicateSourceDb: id, instanceClass: e.instanceClass, multiAz: false, skipFinalSnapshot: true, storageEncrypted: true,
        kmsKeyId: keyArn(run), parameterGroupName: primary.inputs.parameterGroupName, deletionProtection: isProd,
        iamDatabaseAuthenticationEnabled: true, publiclyAccessible: false, maxAllocatedStorage: e.maxStorage,
      });
      for (const inherited of ["username", "password", "manageMasterUserPassword", "masterUserSecretKmsKeyId", "finalSnapshotIdentifier", "engine", "dbName"]) {
        expect(r.inputs[inherited], `${String(r.inputs.identifier)}.${inherited}`).toBeUndefined();
      }
      expect(r.options.protect).toBe(false);
    }
  });

  it("uses a prefixed postgres17 parameter group with pg_stat_statements, TLS only and vacuum tuning, on every instance", async () => {
    const run = await stackRun(stack);
    const group = one(run, "aws:rds/parameterGroup:ParameterGroup");
    expect(group.inputs).toMatchObject({ family: "postgres17", namePrefix: `${id}-postgres17-` });
    for (const db of instances(run)) expect(String(db.inputs.parameterGroupName)).toMatch(new RegExp(`^${id}-postgres17-`));
    const params = paramsOf(run);
    expect(params.get("shared_preload_libraries")).toEqual({ name: "shared_preload_libraries", value: "pg_stat_statements,pgaudit", applyMethod: "pending-reboot" });
    expect(params.get("max_connections")).toEqual({ name: "max_connections", value: String(e.maxConnections), applyMethod: "pending-reboot" });
    expect(Object.fromEntries([...params.values()].map((p) => [p.name, p.value]))).toMatchObject({
      "rds.force_ssl": "1", track_io_timing: "1", "pg_stat_statements.track": "top", log_min_duration_statement: e.slowMs,
      idle_in_transaction_session_timeout: "60000", log_autovacuum_min_duration: "1000",
      autovacuum_vacuum_scale_factor: "0.05", autovacuum_analyze_scale_factor: "0.02", autovacuum_vacuum_insert_scale_factor: "0.05",
    });
  });

  it(`pools through a TLS-only RDS Proxy that opens at most the matrix's ${POSTGRES_POOL.maxConnections} connections`, async () => {
    const run = await stackRun(stack);
    const proxy = one(run, "aws:rds/proxy:Proxy");
    expect(proxy.inputs).toMatchObject({
      name: `${id}-proxy`, engineFamily: "POSTGRESQL", requireTls: true, debugLogging: false,
      vpcSubnetIds: (run.outputs.network as { privateSubnetIds: string[] }).privateSubnetIds,
      // End-to-end IAM: the pool has no password to rotate, leak or fail on mid-rotation.
      defaultAuthScheme: "IAM_AUTH",
    });
    expect(proxy.inputs.auths).toBeUndefined();
    const pool = one(run, "aws:rds/proxyDefaultTargetGroup:ProxyDefaultTargetGroup").inputs.connectionPoolConfig as Record<string, number>;
    expect(pool).toEqual({ maxConnectionsPercent: e.maxPercent, maxIdleConnectionsPercent: e.idlePercent, connectionBorrowTimeout: 120 });
    const maxConnections = Number(paramsOf(run).get("max_connections")?.value);
    expect(Math.floor((maxConnections * pool.maxConnectionsPercent) / 100)).toBe(POSTGRES_POOL.maxConnections);
    expect(Math.ceil((maxConnections * pool.maxIdleConnectionsPercent) / 100)).toBeGreaterThanOrEqual(POSTGRES_POOL.minConnections);
    expect(one(run, "aws:rds/proxyTarget:ProxyTarget").inputs).toMatchObject({ dbProxyName: `${id}-proxy`, dbInstanceIdentifier: id, targetGroupName: "default" });
    expect(proxy.options.dependsOn.map((d) => d.name).sort()).toEqual([`${id}-proxy-connect`, `${id}-proxy-logs`]);
  });

  it("lets the proxy connect to the primary as the pool role only, and gives applications a policy to connect to the proxy as it", async () => {
    const run = await stackRun(stack);
    const role = one(run, "aws:iam/role:Role", `${id}-proxy`);
    expect(json<{ Statement: Statement[] }>(role.inputs.assumeRolePolicy).Statement).toEqual([{
      Effect: "Allow", Principal: { Service: "rds.amazonaws.com" }, Action: "sts:AssumeRole",
      Condition: { StringEquals: { "aws:SourceAccount": e.accountId } },
    }]);
    const primaryResourceId = /^db-[A-Z0-9]+$/;
    const proxyPolicy = json<{ Statement: Statement[] }>(one(run, "aws:iam/rolePolicy:RolePolicy", `${id}-proxy-connect`).inputs.policy);
    expect(proxyPolicy.Statement).toEqual([{ Sid: "ConnectAsThePoolRole", Effect: "Allow", Action: "rds-db:connect", Resource: like(
      new RegExp(`^arn:aws:rds-db:eu-west-1:${e.accountId}:dbuser:db-[A-Z0-9]+/sparki_app$`)) }]);
    expect(String(proxyPolicy.Statement[0].Resource).split(":").at(-1)?.split("/")[0]).toMatch(primaryResourceId);
    const connect = one(run, "aws:iam/policy:Policy", `${id}-connect`);
    expect(connect.inputs.name).toBe(`${id}-connect`);
    // The proxy (writes) and each replica (reads): applications log in as the pool role everywhere, with IAM.
    const resources = [json<{ Statement: Statement[] }>(connect.inputs.policy).Statement[0].Resource].flat();
    expect(resources).toHaveLength(1 + e.replicaZones.length);
    expect(resources[0]).toMatch(new RegExp(`^arn:aws:rds-db:eu-west-1:${e.accountId}:dbuser:prx-[0-9a-f]+/sparki_app$`));
    for (const r of resources.slice(1)) expect(r).toMatch(new RegExp(`^arn:aws:rds-db:eu-west-1:${e.accountId}:dbuser:db-[A-Z0-9]+/sparki_app$`));
    expect(new Set(resources).size).toBe(resources.length);
    expect(outputsOf(run).connectPolicyArn).toBe(`arn:aws:iam::${e.accountId}:policy/${id}-connect`);
    // Nothing of this stack's PostgreSQL may read a secret but the rotation function (created by its template).
    for (const policy of ofType(run, "aws:iam/rolePolicy:RolePolicy").filter((r) => r.name.startsWith(`${id}-`))) {
      expect(String(policy.inputs.policy), policy.name).not.toMatch(/secretsmanager:/);
    }
  });

  it("admits clients only at the proxy and the replicas, the primary only from the proxy and the rotation functions, on 5432 and never from the internet", async () => {
    const run = await stackRun(stack);
    const proxySg = groupOfRule(run, EGRESS, `${id}-proxy-to-primary`);
    const primarySg = groupOfRule(run, INGRESS, `${id}-primary-from-proxy`);
    const rotationSg = groupOfRule(run, EGRESS, `${id}-rotation-to-primary`);
    expect(one(run, "aws:rds/proxy:Proxy").inputs.vpcSecurityGroupIds).toEqual([proxySg]);
    expect(primaryOf(run).inputs.vpcSecurityGroupIds).toEqual([primarySg]);
    const rules = [...ofType(run, INGRESS), ...ofType(run, EGRESS)].filter((r) => r.name.startsWith(`${id}-`) && !r.name.includes("-to-secretsmanager"));
    for (const r of rules) expect(r.inputs, r.name).toMatchObject({ ipProtocol: "tcp", fromPort: 5432, toPort: 5432 });
    expect(rules.some((r) => r.inputs.cidrIpv4 === "0.0.0.0/0")).toBe(false);
    const into = (sg: string) => ofType(run, INGRESS).filter((r) => r.inputs.securityGroupId === sg).map((r) => r.inputs.cidrIpv4 ?? r.inputs.referencedSecurityGroupId);
    expect(into(primarySg)).toEqual([proxySg, rotationSg]);
    expect(into(rotationSg)).toEqual([]);
    expect(into(proxySg)).toEqual([e.vpcCidr]);
    const endpointSg = (run.outputs.network as { secretsManagerEndpointSecurityGroupId: string }).secretsManagerEndpointSecurityGroupId;
    expect(ofType(run, EGRESS).filter((r) => r.name.startsWith(`${id}-`)).map((r) => [r.inputs.securityGroupId, r.inputs.referencedSecurityGroupId, r.inputs.fromPort])
      .sort((a, b) => Number(a[2]) - Number(b[2]) || String(a[0]).localeCompare(String(b[0])))).toEqual([
      [rotationSg, endpointSg, 443],
      ...[[proxySg, primarySg, 5432], [rotationSg, primarySg, 5432]].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    ]);
    const replicaGroups = new Set(replicasOf(run).flatMap((r) => r.inputs.vpcSecurityGroupIds as string[]));
    expect(replicaGroups.size).toBe(isProd ? 1 : 0);
    for (const sg of replicaGroups) {
      expect(sg).not.toBe(primarySg);
      expect(into(sg)).toEqual([e.vpcCidr]);
    }
  });

  it("sends failure, failover and low-storage events to the critical topic, maintenance and configuration changes to the warning topic", async () => {
    const run = await stackRun(stack);
    const topics = run.outputs.alertTopicArns as { critical: string; warning: string };
    const sourceIds = instances(run).map((r) => r.inputs.identifier);
    const subscriptions = ofType(run, "aws:rds/eventSubscription:EventSubscription").map((r) => r.inputs)
      .sort((a, b) => String(a.name).localeCompare(String(b.name)));
    expect(subscriptions).toEqual([
      expect.objectContaining({ name: `${id}-critical-events`, snsTopic: topics.critical, sourceType: "db-instance", enabled: true, sourceIds, eventCategories: ["failure", "failover", "low storage"] }),
      // failure once more, so that one subscription covers what Security Hub RDS.20 looks for.
      expect.objectContaining({ name: `${id}-warning-events`, snsTopic: topics.warning, sourceType: "db-instance", enabled: true, sourceIds, eventCategories: ["failure", "maintenance", "configuration change", "read replica"] }),
    ]);
  });

  it("outputs the Fiber connection facts: the proxy as writer, the replicas as readers, never a password", async () => {
    const run = await stackRun(stack);
    const out = outputsOf(run);
    expect(out).toMatchObject({
      fiberPackages: ["storage/postgres"], port: 5432, database: "sparki", username: "sparki_app", iamAuthentication: true, region: "eu-west-1", tls: true, poolSize: 100,
    });
    expect(out.secretArn).toBeUndefined();
    expect(String(out.writerEndpoint)).toMatch(new RegExp(`^${id}-proxy\\.proxy-[a-z0-9]+\\.eu-west-1\\.rds\\.amazonaws\\.com$`));
    const readers = out.readerEndpoints as string[];
    expect(readers).toHaveLength(e.replicaZones.length);
    replicasOf(run).forEach((r, i) => expect(readers[i]).toMatch(new RegExp(`^${String(r.inputs.identifier)}\\.c[a-z0-9]+\\.eu-west-1\\.rds\\.amazonaws\\.com$`)));
    expect(JSON.stringify(out)).not.toMatch(/password/i);
  });

  it("alarms on p95 latency (50/100 ms in seconds) on every instance and on pool usage at 80/95 % of the pool", async () => {
    const run = await stackRun(stack);
    const alarms = ofType(run, ALARM).filter((a) => String(a.inputs.name).startsWith(`${stack}-postgres-`));
    const level = (subject: string, metric: string, severity: string) => alarms.find((a) =>
      String(a.inputs.name).startsWith(`${stack}-${subject}-${metric}`) && (a.inputs.tags as Record<string, string>).Severity === severity)?.inputs;
    for (const db of instances(run)) {
      const subject = db.inputs.replicateSourceDb ? `postgres-replica-${String(db.inputs.identifier).slice(-1)}` : "postgres-primary";
      for (const metric of ["rds-read-latency-p95", "rds-write-latency-p95"]) {
        expect(level(subject, metric, "warning"), `${subject} ${metric}`).toMatchObject({ threshold: 0.05, extendedStatistic: "p95", dimensions: { DBInstanceIdentifier: db.inputs.identifier } });
        expect(level(subject, metric, "critical")).toMatchObject({ threshold: 0.1, extendedStatistic: "p95" });
      }
    }
    const dims = { ProxyName: `${id}-proxy`, TargetGroup: "default", TargetRole: "READ_WRITE" };
    expect(level("postgres-proxy", "proxy-database-connections-borrowed", "warning")).toMatchObject({ threshold: 80, dimensions: dims, metricName: "DatabaseConnectionsCurrentlyBorrowed" });
    expect(level("postgres-proxy", "proxy-database-connections-borrowed", "critical")).toMatchObject({ threshold: 95, dimensions: dims });
  });

  it("alarms on replica lag, CPU, disk queue depth, free storage and memory as shares, and transaction-ID wraparound on the writer", async () => {
    const run = await stackRun(stack);
    const alarms = ofType(run, ALARM).filter((a) => String(a.inputs.name).startsWith(`${stack}-postgres-`));
    const pairs = new Map<string, Record<string, number>>();
    for (const a of alarms) {
      const tags = a.inputs.tags as Record<string, string>;
      const key = `${(a.inputs.dimensions as Record<string, string>).DBInstanceIdentifier ?? "proxy"} ${String(a.inputs.metricName)}`;
      pairs.set(key, { ...pairs.get(key), [tags.Severity]: Number(a.inputs.threshold) });
    }
    const expected: Record<string, Record<string, number>> = {
      [`${id} MaximumUsedTransactionIDs`]: { warning: 1_000_000_000, critical: 1_500_000_000 },
    };
    for (const db of instances(run)) {
      const identifier = String(db.inputs.identifier);
      expected[`${identifier} CPUUtilization`] = { warning: 80, critical: 95 };
      expected[`${identifier} DiskQueueDepth`] = { warning: 20, critical: 64 };
      expected[`${identifier} FreeStorageSpace`] = { warning: 0.2 * e.storage * GIB, critical: 0.1 * e.storage * GIB };
      expected[`${identifier} FreeableMemory`] = { warning: 0.1 * e.memoryGiB * GIB, critical: 0.05 * e.memoryGiB * GIB };
      expected[`${identifier} ReadLatency`] = { warning: 0.05, critical: 0.1 };
      expected[`${identifier} WriteLatency`] = { warning: 0.05, critical: 0.1 };
      if (db.inputs.replicateSourceDb) expected[`${identifier} ReplicaLag`] = { warning: 30, critical: 300 };
    }
    expected["proxy DatabaseConnectionsCurrentlyBorrowed"] = { warning: 80, critical: 95 };
    expect(Object.fromEntries(pairs)).toEqual(expected);
    expect(alarms).toHaveLength(2 * Object.keys(expected).length);
  });

  it("draws a PostgreSQL row on the storage dashboard with every instance and the pool", async () => {
    const run = await stackRun(stack);
    const body = json<{ widgets: { type: string; properties: { markdown?: string; metrics?: unknown[][] } }[] }>(one(run, "aws:cloudwatch/dashboard:Dashboard").inputs.dashboardBody);
    expect(body.widgets.some((w) => w.properties.markdown === "## PostgreSQL")).toBe(true);
    const series = JSON.stringify(body.widgets.map((w) => w.properties.metrics ?? []));
    for (const db of instances(run)) expect(series).toContain(`"DBInstanceIdentifier","${String(db.inputs.identifier)}"`);
    expect(series).toContain(`"DatabaseConnectionsCurrentlyBorrowed","ProxyName","${id}-proxy","TargetGroup","default","TargetRole","READ_WRITE"`);
    for (const db of instances(run)) expect(series).toContain(`"DiskQueueDepth","DBInstanceIdentifier","${String(db.inputs.identifier)}"`);
  });
});

describe("PostgreSQL identifiers at preview", () => {
  it.each(STACKS)("%s: alarm dimensions, replica sources and event sources are known before anything exists", async (stack) => {
    const plan = await stackRun(stack, true);
    const postgres = plan.resources.filter((r: RegisteredResource) => r.type === ALARM && String(r.inputs.name).startsWith(`${stack}-postgres-`));
    expect(postgres.length).toBeGreaterThan(0);
    for (const a of postgres) expect(JSON.stringify(a.inputs.dimensions), String(a.inputs.name)).not.toContain(KNOWN_AFTER_APPLY);
    for (const r of replicasOf(plan)) expect(r.inputs.replicateSourceDb).toBe(`sparki-${stack}-postgres`);
    const subscriptions = ofType(plan, "aws:rds/eventSubscription:EventSubscription");
    expect(subscriptions).toHaveLength(2);
    for (const s of subscriptions) expect(s.inputs.sourceIds).not.toContain(KNOWN_AFTER_APPLY);
  });
});

describe("a dev stack with one replica", () => {
  it("pins the primary to the first zone and the replica to the second", async () => {
    const run = await runWith("dev", { "sparki-storage:postgres": { replicas: 1 } });
    expect(primaryOf(run).inputs.availabilityZone).toBe("eu-west-1a");
    expect(replicasOf(run).map((r) => [r.inputs.identifier, r.inputs.availabilityZone])).toEqual([["sparki-dev-postgres-replica-1", "eu-west-1b"]]);
    expect(ofType(run, ALARM).filter((a) => String(a.inputs.name).startsWith("dev-postgres-replica-1-rds-replica-lag"))).toHaveLength(2);
  });
});

describe("PostgreSQL in an existing VPC", () => {
  const network = {
    vpcId: "vpc-0123456789abcdef0", privateSubnetIds: ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"],
    availabilityZones: ["eu-west-1c", "eu-west-1a"],
  };
  const clients = { "sparki-storage:postgres": { replicas: 1, allowedCidrBlocks: ["10.60.0.0/16"] }, "sparki-storage:redis": { allowedCidrs: ["10.60.0.0/16"] } };
  const secretsEgress = (run: ProgramRun) => ofType(run, EGRESS).filter((r) => r.name.includes("-to-secretsmanager") && r.name.startsWith("sparki-dev-postgres-")).map((r) => r.inputs);

  it("lets the rotation function reach only the named Secrets Manager endpoint, and places the replica by the configured zones", async () => {
    const run = await runWith("dev", { ...clients, "sparki-storage:network": { ...network, secretsManagerEndpointSecurityGroupId: "sg-0123456789abcdef0" } });
    expect(ofType(run, "aws:ec2/vpc:Vpc")).toEqual([]);
    expect(ofType(run, "aws:ec2/vpcEndpoint:VpcEndpoint")).toEqual([]);
    expect(secretsEgress(run)).toEqual([expect.objectContaining({ ipProtocol: "tcp", fromPort: 443, toPort: 443, referencedSecurityGroupId: "sg-0123456789abcdef0" })]);
    expect(primaryOf(run).inputs.availabilityZone).toBe("eu-west-1c");
    expect(replicasOf(run).map((r) => r.inputs.availabilityZone)).toEqual(["eu-west-1a"]);
  });

  it("without a named endpoint, lets the rotation function send HTTPS anywhere (NAT or an endpoint it cannot know), and nothing else", async () => {
    const run = await runWith("dev", { ...clients, "sparki-storage:network": network });
    expect(secretsEgress(run)).toEqual([expect.objectContaining({ ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "0.0.0.0/0" })]);
    expect((run.outputs.network as Record<string, unknown>).secretsManagerEndpointSecurityGroupId).toBeUndefined();
  });

  it("admits the configured admin security groups straight to the primary, and nowhere else", async () => {
    const admin = "sg-0aaaaaaaaaaaaaaaa";
    const run = await runWith("dev", { ...clients, "sparki-storage:network": network, "sparki-storage:postgres": { ...clients["sparki-storage:postgres"], adminSecurityGroupIds: [admin] } });
    const fromAdmin = ofType(run, INGRESS).filter((r) => r.inputs.referencedSecurityGroupId === admin);
    expect(fromAdmin.map((r) => r.inputs)).toEqual([expect.objectContaining({
      securityGroupId: primaryOf(run).inputs.vpcSecurityGroupIds && (primaryOf(run).inputs.vpcSecurityGroupIds as string[])[0], fromPort: 5432, toPort: 5432,
    })]);
    const stackDefault = await stackRun("dev");
    expect(ofType(stackDefault, INGRESS).filter((r) => r.name.includes("-from-admin-"))).toEqual([]);
  });
});
