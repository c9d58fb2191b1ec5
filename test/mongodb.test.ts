import { describe, expect, it } from "vitest";
import { MASTER_PASSWORD } from "../components/documentdb/engine";
import { json, ofType, one, type ProgramRun } from "./harness";
import { listViolations, readPolicyConfigFile, runPack } from "./policy-harness";
import { alarmLevels, EGRESS, GIB, INGRESS, plaintextPasswords, type RdsExample, runOf, secretJson, type Statement } from "./rds-example";
import { isSecretWire, secretValue } from "./secret-wire";

/**
 * MongoDB on Amazon DocumentDB (components/documentdb; adapter stacks/adapters/mongodb) as the example stacks
 * examples/mongodb/Pulumi.mongodb-{dev,prod}.yaml register it. The figures below are written from the stack files,
 * the tier they start from and the documentation named beside them, not read from the program.
 */

// test/rds-example.ts's helpers work for any examples/<folder>; its type names only the RDS folders.
const EXAMPLES = [
  { folder: "mongodb", stack: "mongodb-dev", profile: "dev" },
  { folder: "mongodb", stack: "mongodb-prod", profile: "prod" },
] as unknown as readonly RdsExample[];

const EXPECTED = {
  dev: {
    instanceClass: "db.t4g.medium", zones: ["eu-west-1a"], backups: 1, finalSnapshot: false, deletionProtection: false, protect: false,
    // db.t4g.medium: 4 GiB, 500 connections (DocumentDB Developer Guide, instance classes and limits).
    memoryGiB: 4, maxConnections: 500, logRetention: 7, profilerMs: "50", vpcCidr: "10.70.0.0/16", applyImmediately: true, recoveryWindow: 7,
    // The profiler log (slow operations' filters: Fiber keys, i.e. session IDs) keeps at most 14 days, never more than the profile's 7.
    profilerLogRetention: 7,
  },
  prod: {
    instanceClass: "db.r6g.large", zones: ["eu-west-1a", "eu-west-1b", "eu-west-1c"], backups: 14, finalSnapshot: true, deletionProtection: true, protect: true,
    // db.r6g.large: 16 GiB, 1700 connections.
    memoryGiB: 16, maxConnections: 1700, logRetention: 365, profilerMs: "100", vpcCidr: "10.71.0.0/16", applyImmediately: false, recoveryWindow: 30,
    profilerLogRetention: 14,
  },
} as const;

// SecretsManagerMongoDBRotationSingleUser, as the AWS CDK pins it (SecretRotationApplication.MONGODB_ROTATION_SINGLE_USER), for the master;
// SecretsManagerMongoDBRotationMultiUser (MONGODB_ROTATION_MULTI_USER, same version) for the application's user.
const ROTATION_APP = { applicationId: "arn:aws:serverlessrepo:us-east-1:297356227824:applications/SecretsManagerMongoDBRotationSingleUser", semanticVersion: "1.1.671" };
const APP_ROTATION_APP = { applicationId: "arn:aws:serverlessrepo:us-east-1:297356227824:applications/SecretsManagerMongoDBRotationMultiUser", semanticVersion: "1.1.671" };
const like = (pattern: RegExp): unknown => expect.stringMatching(pattern);
const STACK_T = "aws:serverlessrepository/cloudFormationStack:CloudFormationStack";
const ROTATION_T = "aws:secretsmanager/secretRotation:SecretRotation";
// The matrix's 5-15 ms for MongoDB by the derived rule (2.5 x the upper bound, critical twice that): 37.5 / 75 ms; AWS/DocDB latency is in ms.
const LATENCY = { warning: 37.5, critical: 75 };

const CLUSTER = "aws:docdb/cluster:Cluster";
const INSTANCE = "aws:docdb/clusterInstance:ClusterInstance";
const outputsOf = (run: ProgramRun) => run.outputs.mongodb as Record<string, unknown>;

describe.each(EXAMPLES)("DocumentDB of $stack", (ex) => {
  const e = EXPECTED[ex.profile];
  const isProd = ex.profile === "prod";
  const id = `sparki-${ex.stack}-mongodb`;
  const keyArn = (run: ProgramRun) => String(run.outputs.kmsKeyArn);
  const clusterOf = (run: ProgramRun) => one(run, CLUSTER, id);
  const instancesOf = (run: ProgramRun) => ofType(run, INSTANCE).filter((r) => String(r.inputs.identifier).startsWith(`${id}-`))
    .sort((a, b) => String(a.inputs.identifier).localeCompare(String(b.inputs.identifier)));

  it("runs DocumentDB 5.0, encrypted with the stack key, in its own subnet and security groups, audit and profiler logs exported", async () => {
    const run = await runOf(ex);
    expect(clusterOf(run).inputs).toMatchObject({
      clusterIdentifier: id, engine: "docdb", engineVersion: "5.0.0", port: 27017, masterUsername: "sparki",
      storageEncrypted: true, kmsKeyId: keyArn(run), enabledCloudwatchLogsExports: ["audit", "profiler"],
      dbSubnetGroupName: id, dbClusterParameterGroupName: `${id}-docdb5-0`, applyImmediately: e.applyImmediately,
    });
    expect(one(run, "aws:docdb/subnetGroup:SubnetGroup", `${id}-subnets`).inputs.subnetIds).toEqual((run.outputs.network as { privateSubnetIds: string[] }).privateSubnetIds);
    // The initial password is a generated secret, and rotation owns it afterwards.
    expect(clusterOf(run).options.ignoreChanges).toEqual(["masterPassword"]);
    expect(plaintextPasswords(run)).toEqual([]);
  });

  it(`places ${e.zones.length} ${e.instanceClass} instance(s), one per zone, with the RDS 2048-bit CA and no autoMinorVersionUpgrade (it does not apply to DocumentDB)`, async () => {
    const run = await runOf(ex);
    const instances = instancesOf(run);
    expect(instances.map((i) => i.inputs.availabilityZone)).toEqual(e.zones);
    for (const [n, instance] of instances.entries()) {
      expect(instance.inputs).toMatchObject({
        identifier: `${id}-${n + 1}`, instanceClass: e.instanceClass, engine: "docdb", caCertIdentifier: "rds-ca-rsa2048-g1",
        promotionTier: n === 0 ? 0 : 1,
      });
      // @pulumi/aws docdb ClusterInstance: "Parameter does not apply to Amazon DocumentDB."
      expect(instance.inputs.autoMinorVersionUpgrade).toBeUndefined();
      expect(instance.options.protect).toBe(e.protect);
    }
  });

  it(`keeps ${e.backups} day(s) of backups, ${isProd ? "a final snapshot, deletion protection and protect" : "no final snapshot, no deletion protection, no protect"}`, async () => {
    const run = await runOf(ex);
    expect(clusterOf(run).inputs).toMatchObject({
      backupRetentionPeriod: e.backups, preferredBackupWindow: "02:00-03:00", preferredMaintenanceWindow: "sun:03:30-sun:04:30",
      deletionProtection: e.deletionProtection, skipFinalSnapshot: !e.finalSnapshot,
    });
    expect(clusterOf(run).inputs.finalSnapshotIdentifier).toBe(e.finalSnapshot ? `${id}-final` : undefined);
    expect(clusterOf(run).options.protect).toBe(e.protect);
    const protectedNames = run.resources.filter((r) => r.name.startsWith(id) && r.options.protect).map((r) => r.name).sort();
    expect(protectedNames).toEqual(isProd ? [id, `${id}-1`, `${id}-2`, `${id}-3`, `${id}-app`, `${id}-app-password`, `${id}-master`, `${id}-master-password`].sort() : []);
  });

  it("requires TLS 1.2+ and turns on audit logs, the profiler and the TTL monitor, each with the apply method its type allows", async () => {
    const run = await runOf(ex);
    const group = one(run, "aws:docdb/clusterParameterGroup:ClusterParameterGroup", `${id}-params`);
    expect(group.inputs.family).toBe("docdb5.0");
    // tls is static (pending-reboot only); the others are dynamic (DocumentDB Developer Guide, list of cluster parameters).
    expect(new Map((group.inputs.parameters as { name: string; value: string; applyMethod: string }[]).map((p) => [p.name, [p.value, p.applyMethod]]))).toEqual(new Map([
      ["tls", ["tls1.2+", "pending-reboot"]],
      ["audit_logs", ["enabled", "immediate"]],
      ["profiler", ["enabled", "immediate"]],
      ["profiler_threshold_ms", [e.profilerMs, "immediate"]],
      ["profiler_sampling_rate", ["1", "immediate"]],
      ["ttl_monitor", ["enabled", "immediate"]],
    ]));
  });

  it(`creates both log groups first, on the stack key: the audit log kept ${e.logRetention} days, the profiler's (Fiber keys in its filters) ${e.profilerLogRetention}`, async () => {
    const run = await runOf(ex);
    for (const [logType, days] of [["audit", e.logRetention], ["profiler", e.profilerLogRetention]] as const) {
      expect(one(run, "aws:cloudwatch/logGroup:LogGroup", `${id}-${logType}`).inputs).toMatchObject({
        name: `/aws/docdb/${id}/${logType}`, retentionInDays: days, kmsKeyId: keyArn(run),
      });
    }
    expect(e.profilerLogRetention).toBeLessThanOrEqual(Math.min(14, e.logRetention));
    expect(clusterOf(run).options.dependsOn.map((d) => d.name).sort()).toEqual([`${id}-audit`, `${id}-profiler`]);
  });

  it("admits only the VPC's clients and the rotation function on 27017; the rotation function reaches the cluster and Secrets Manager only", async () => {
    const run = await runOf(ex);
    const clusterSg = `${id}-cluster`;
    const rotationSg = `${id}-rotation`;
    expect(clusterOf(run).dependencies.filter((d) => d.type === "aws:ec2/securityGroup:SecurityGroup").map((d) => d.name)).toEqual([clusterSg]);
    const ingress = ofType(run, INGRESS).filter((r) => r.name.startsWith(`${id}-cluster-from-`));
    expect(ingress.map((r) => [r.inputs.fromPort, r.inputs.toPort, r.inputs.cidrIpv4 ?? "rotation-group"]).sort()).toEqual([
      [27017, 27017, e.vpcCidr], [27017, 27017, "rotation-group"],
    ]);
    const egress = ofType(run, EGRESS).filter((r) => r.name.startsWith(`${id}-rotation-to-`));
    expect(egress.map((r) => [r.name, r.inputs.fromPort]).sort()).toEqual([[`${id}-rotation-to-cluster`, 27017], [`${id}-rotation-to-secretsmanager`, 443]]);
    // The created VPC has a Secrets Manager endpoint: HTTPS goes to its group, never to 0.0.0.0/0.
    expect(egress.every((r) => r.inputs.cidrIpv4 === undefined)).toBe(true);
    expect(ofType(run, "aws:ec2/securityGroup:SecurityGroup").filter((g) => [clusterSg, rotationSg].includes(g.name)).map((g) => g.inputs.egress ?? [])).toEqual([[], []]);
  });

  it("keeps the master password in a KMS-encrypted secret in the JSON the MongoDB rotation function reads, rotated by itself (single user) in the VPC every 30 days", async () => {
    const run = await runOf(ex);
    expect(one(run, "aws:secretsmanager/secret:Secret", `${id}-master`).inputs).toMatchObject({ kmsKeyId: keyArn(run), recoveryWindowInDays: e.recoveryWindow });
    const value = secretJson(run, `${id}-master`);
    // Exactly these keys: no masterarn (the single-user function changes the master's own password) and no dbname (admin by default).
    expect(value).toEqual({ engine: "mongo", host: like(new RegExp(`^${id}\\.cluster-c`)), port: 27017, username: "sparki", password: like(/^mock-password-/), ssl: true });
    const app = one(run, STACK_T, `${id}-master-rotation-function`);
    expect(app.inputs).toMatchObject({ ...ROTATION_APP, name: `${id}-rotation` });
    const parameters = app.inputs.parameters as Record<string, string>;
    expect(parameters.vpcSecurityGroupIds).toMatch(/^sg-/);
    expect(Object.keys(parameters).filter((k) => k.startsWith("master"))).toEqual([]);
    expect(one(run, ROTATION_T, `${id}-master-rotation`).inputs).toMatchObject({ rotateImmediately: false, rotationRules: { automaticallyAfterDays: 30 } });
  });

  it("keeps the application user's own password in its own secret, rotated by alternating users with the master's secret as master", async () => {
    const run = await runOf(ex);
    const masterArn = outputsOf(run).masterSecretArn;
    const appArn = outputsOf(run).secretArn;
    expect(masterArn).toMatch(/^arn:aws:secretsmanager:eu-west-1:/);
    expect(appArn).toMatch(/^arn:aws:secretsmanager:eu-west-1:/);
    expect(appArn).not.toBe(masterArn);
    expect(one(run, "aws:secretsmanager/secret:Secret", `${id}-app`).inputs).toMatchObject({ kmsKeyId: keyArn(run), recoveryWindowInDays: e.recoveryWindow });
    // SecretsManagerMongoDBRotationMultiUser reads masterarn from the value and logs in as the master to createUser/updateUser
    // `sparki_app_clone`; dbname admin is where DocumentDB keeps every user; ssl true: TLS without a plaintext fallback.
    const value = secretJson(run, `${id}-app`);
    expect(value).toEqual({
      engine: "mongo", host: like(new RegExp(`^${id}\\.cluster-c`)), port: 27017, username: "sparki_app", password: like(/^mock-password-/),
      dbname: "admin", ssl: true, masterarn: masterArn,
    });
    expect(value.password).not.toBe(secretJson(run, `${id}-master`).password);
    // setSecret refuses a master secret on another host ("Current database host ... is not the same host as master").
    expect(value.host).toBe(secretJson(run, `${id}-master`).host);
    expect(one(run, "aws:secretsmanager/secretVersion:SecretVersion", `${id}-app`).options.ignoreChanges).toEqual(["secretString"]);
    expect(one(run, "random:index/randomPassword:RandomPassword", `${id}-app-password`).inputs).toMatchObject({ length: 40, special: false });
    // CreateDBCluster MasterUserPassword: 8-100 printable ASCII except `/`, `"`, `@`; letters and digits only need no URI escaping.
    const master = one(run, "random:index/randomPassword:RandomPassword", `${id}-master-password`).inputs;
    expect(master).toMatchObject({ length: 40, special: false });
    expect(master.length).toBeGreaterThanOrEqual(MASTER_PASSWORD.minLength);
    expect(master.length).toBeLessThanOrEqual(MASTER_PASSWORD.maxLength);
    const app = one(run, STACK_T, `${id}-app-rotation-function`);
    const masterApp = one(run, STACK_T, `${id}-master-rotation-function`);
    expect(app.inputs).toMatchObject({
      ...APP_ROTATION_APP, name: `${id}-app-rotation`, capabilities: ["CAPABILITY_IAM", "CAPABILITY_RESOURCE_POLICY"],
      // AWS CDK SecretRotation: a multi-user application takes the master secret (masterSecretArn) and its key (masterSecretKmsKeyArn).
      parameters: { functionName: `${id}-app-rotation`, kmsKeyArn: keyArn(run), masterSecretArn: masterArn, masterSecretKmsKeyArn: keyArn(run) },
    });
    // The same subnets and rotation security group as the master's function: it reaches the cluster and Secrets Manager only.
    const parameters = app.inputs.parameters as Record<string, string>;
    const masterParameters = masterApp.inputs.parameters as Record<string, string>;
    expect([parameters.vpcSubnetIds, parameters.vpcSecurityGroupIds]).toEqual([masterParameters.vpcSubnetIds, masterParameters.vpcSecurityGroupIds]);
    expect(one(run, ROTATION_T, `${id}-app-rotation`).inputs).toMatchObject({
      secretId: appArn, rotateImmediately: false, rotationRules: { automaticallyAfterDays: 30 }, rotationLambdaArn: like(new RegExp(`:function:${id}-app-rotation$`)),
    });
    expect(one(run, ROTATION_T, `${id}-master-rotation`).inputs.secretId).toBe(masterArn);
    expect(plaintextPasswords(run)).toEqual([]);
  });

  it("passes the secrets policies and the alternating-users rule, which catches a value that names another master", async () => {
    const run = await runOf(ex);
    const pack = await runPack(run, readPolicyConfigFile(ex.profile));
    const secretsPolicies = ["secrets-customer-key", "secretsmanager-1-rotation", "engine-secrets-multi-user-rotation"];
    for (const p of secretsPolicies) expect(pack.applied.has(p), p).toBe(true);
    expect(listViolations(pack.violations.filter((v) => secretsPolicies.includes(v.policy)))).toEqual([]);
    // The same run with the application secret naming another master: the rule reads the DocumentDB secret's value.
    const broken = structuredClone(run);
    const version = broken.resources.find((r) => r.type === "aws:secretsmanager/secretVersion:SecretVersion" && r.name === `${id}-app`)!;
    expect(isSecretWire(version.inputs.secretString)).toBe(true);
    const value = JSON.parse(String(secretValue(version.inputs.secretString))) as Record<string, unknown>;
    (version.inputs.secretString as { value: string }).value = JSON.stringify({ ...value, masterarn: "arn:aws:secretsmanager:eu-west-1:555555555555:secret:other" });
    const brokenPack = await runPack(broken, readPolicyConfigFile(ex.profile));
    expect(listViolations(brokenPack.violations.filter((v) => v.policy === "engine-secrets-multi-user-rotation"))).toEqual([
      expect.stringContaining(`secret ${id}-app, rotated by ${id}-app-rotation, names masterarn arn:aws:secretsmanager:eu-west-1:555555555555:secret:other`),
    ]);
  });

  it("outputs what the Fiber storage/mongodb adapter needs, as the application's user, and a policy that reads only that user's secret; never a password", async () => {
    const run = await runOf(ex);
    const out = outputsOf(run);
    expect(Object.keys(out).sort()).toEqual([
      "bootstrapCommands", "clusterIdentifier", "collection", "connectionUriTemplate", "database", "endpoint", "fiberPackages", "instanceIdentifiers", "masterSecretArn", "port",
      "readPreference", "readSecretPolicyArn", "readerEndpoint", "replicaSet", "retryWrites", "secretArn", "securityGroupId", "tls", "username",
    ]);
    expect(out).toMatchObject({
      fiberPackages: ["storage/mongodb"], clusterIdentifier: id, port: 27017, database: "sparki", collection: "fiber_storage", username: "sparki_app",
      tls: { required: true, mode: "tls1.2+", caCertIdentifier: "rds-ca-rsa2048-g1", caBundleUrl: "https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem" },
      replicaSet: "rs0", readPreference: "primary", retryWrites: false, instanceIdentifiers: e.zones.map((_, n) => `${id}-${n + 1}`),
    });
    expect(String(out.endpoint)).toMatch(new RegExp(`^${id}\\.cluster-c`));
    expect(String(out.readerEndpoint)).toMatch(new RegExp(`^${id}\\.cluster-ro-c`));
    // The user name too comes from the secret: rotation alternates sparki_app and sparki_app_clone.
    expect(String(out.connectionUriTemplate)).toMatch(/^mongodb:\/\/<username>:<password>@.+:27017\/sparki\?tls=true&tlsCAFile=<global-bundle\.pem>&replicaSet=rs0&readPreference=primary&retryWrites=false&authSource=admin$/);
    expect(JSON.stringify(run.outputs)).not.toMatch(/mock-password-/);
    const policy = json<{ Statement: Statement[] }>(one(run, "aws:iam/policy:Policy", `${id}-read-secret`).inputs.policy);
    expect(policy.Statement.map((s) => [s.Action, s.Resource])).toEqual([
      [["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"], out.secretArn],
      ["kms:Decrypt", keyArn(run)],
    ]);
    expect(out.secretArn).toBe(one(run, ROTATION_T, `${id}-app-rotation`).inputs.secretId);
    // Never the master's secret: the master holds root on the whole cluster.
    expect(String(one(run, "aws:iam/policy:Policy", `${id}-read-secret`).inputs.policy)).not.toContain(String(out.masterSecretArn));
  });

  it("outputs the one-time bootstrap: both alternating users in admin with readWrite on the Fiber database only", async () => {
    const run = await runOf(ex);
    const lines = String(outputsOf(run).bootstrapCommands).split("\n");
    expect(lines).toEqual([
      'db.getSiblingDB("admin").createUser({ user: "sparki_app", pwd: "<password of the application secret>", roles: [{ role: "readWrite", db: "sparki" }] })',
      'db.getSiblingDB("admin").createUser({ user: "sparki_app_clone", pwd: "<any strong password>", roles: [{ role: "readWrite", db: "sparki" }] })',
    ]);
    // No cluster-wide, admin or root role, and no password in the output.
    const roles = lines.flatMap((l) => [...l.matchAll(/role: "([^"]+)", db: "([^"]+)"/g)].map((m) => `${m[1]}@${m[2]}`));
    expect(roles).toEqual(["readWrite@sparki", "readWrite@sparki"]);
    expect(lines.join("\n")).not.toMatch(/root|AnyDatabase|dbAdmin|userAdmin|clusterAdmin|mock-password-/);
  });

  it("alarms per instance on p95 disk I/O latency (figures derived from 5-15 ms), CPU, memory and connections as shares of the class, and replica lag with replicas", async () => {
    const run = await runOf(ex);
    const { levels, alarms } = alarmLevels(run, `${ex.stack}-mongodb-`);
    const expected: Record<string, Record<string, number>> = {};
    for (let n = 1; n <= e.zones.length; n++) {
      const on = `${id}-${n}`;
      expected[`${on} ReadLatency`] = LATENCY;
      expected[`${on} WriteLatency`] = LATENCY;
      expected[`${on} CPUUtilization`] = { warning: 80, critical: 95 };
      expected[`${on} FreeableMemory`] = { warning: 0.1 * e.memoryGiB * GIB, critical: 0.05 * e.memoryGiB * GIB };
      expected[`${on} DatabaseConnectionsMax`] = { warning: 0.8 * e.maxConnections, critical: 0.95 * e.maxConnections };
      if (isProd) expected[`${on} DBInstanceReplicaLag`] = { warning: 1000, critical: 10_000 };
    }
    expect(levels).toEqual(expected);
    for (const a of alarms) {
      expect(a.inputs.namespace).toBe("AWS/DocDB");
      if (String(a.inputs.metricName).endsWith("Latency")) expect(a.inputs.extendedStatistic).toBe("p95");
    }
    expect(alarms.filter((a) => String(a.inputs.metricName).endsWith("Latency")).every((a) => String(a.inputs.alarmDescription).includes("derived:mongodbLatencyP95"))).toBe(true);
  });

  it("titles the latency graphs as what AWS/DocDB ReadLatency/WriteLatency measure: disk I/O latency, not operation latency", async () => {
    const run = await runOf(ex);
    const body = json<{ widgets: { properties: { title?: string; metrics?: unknown[][] } }[] }>(one(run, "aws:cloudwatch/dashboard:Dashboard").inputs.dashboardBody);
    const titles = body.widgets.filter((w) => JSON.stringify(w.properties.metrics ?? []).includes("AWS/DocDB")).map((w) => String(w.properties.title));
    for (let n = 1; n <= e.zones.length; n++) {
      expect(titles).toContain(`Disk I/O read latency p95 (${id}-${n})`);
      expect(titles).toContain(`Disk I/O write latency p95 (${id}-${n})`);
    }
    expect(titles.filter((t) => /latency/i.test(t) && !t.startsWith("Disk I/O "))).toEqual([]);
  });

  it("subscribes the warning topic to the cluster's and instances' events", async () => {
    const run = await runOf(ex);
    const subs = ofType(run, "aws:docdb/eventSubscription:EventSubscription").filter((s) => s.name.startsWith(id));
    expect(subs.map((s) => [s.inputs.sourceType, s.inputs.sourceIds])).toEqual([
      ["db-cluster", [id]], ["db-instance", e.zones.map((_, n) => `${id}-${n + 1}`)],
    ]);
  });
});
