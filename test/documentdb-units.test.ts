import { describe, expect, it } from "vitest";
import { ALERT_THRESHOLDS } from "../components/matrix";
import { ROTATION_TEMPLATES, rotationApplicationArn } from "../components/common/secret-rotation";
import { DOCDB_APPLICATION_USER, docDbBootstrapCommands, DocumentDbCluster } from "../components/documentdb";
import {
  applyDocumentDbDefaults, DOCDB_CLUSTER_IDENTIFIER_MAX_LENGTH, DOCDB_PROFILER_LOG_MAX_RETENTION_DAYS, docDbProfilerLogRetentionDays, documentDbProblems,
  type DocumentDbClusterArgs, resolveDocumentDbArgs,
} from "../components/documentdb/args";
import { docDbLatencyThreshold } from "../components/documentdb/alarms";
import { applyMethodFor, CLUSTER_IDENTIFIER, clusterParameters, DOCDB_ENGINE_VERSIONS, PARAMETER_APPLY_TYPES } from "../components/documentdb/engine";
import { DOCDB_INSTANCE_CLASSES, docDbInstanceClassProblem } from "../components/documentdb/instance-classes";
import { runProgram } from "../scripts/offline/run-program";
import { STACK_NAME_MAX } from "../stacks/config/stack-name";

/**
 * components/documentdb on its own: the facts it tabulates against oracles written down independently from the
 * DocumentDB Developer Guide (read 2026-11-29), and its argument check (one error listing every problem).
 */

const ARGS: DocumentDbClusterArgs = {
  region: "eu-west-1", clusterIdentifier: "sparki-prod-mongodb", instanceClass: "db.r6g.large", instances: 3,
  availabilityZones: ["eu-west-1a", "eu-west-1b", "eu-west-1c"], vpcId: "vpc-1", subnetIds: ["subnet-1", "subnet-2", "subnet-3"],
  secretsManager: { cidrBlocks: ["0.0.0.0/0"] }, kmsKeyArn: "arn:aws:kms:eu-west-1:111111111111:key/k",
  alarms: { environment: "prod", topicArns: { warning: "arn:w", critical: "arn:c" } },
};

describe("DocumentDB facts against oracles", () => {
  it("maps engine 5.0.0 to the docdb5.0 family, and knows no other", () => {
    expect(DOCDB_ENGINE_VERSIONS).toEqual({ "5.0.0": "docdb5.0" });
  });

  it("applies tls only at reboot (static) and the profiler and audit settings at once (dynamic)", () => {
    // DocumentDB Developer Guide, "Managing Amazon DocumentDB cluster parameter groups", list of parameters: tls Static;
    // audit_logs, profiler, profiler_threshold_ms, profiler_sampling_rate, ttl_monitor Dynamic.
    const oracle = { tls: "pending-reboot", audit_logs: "immediate", profiler: "immediate", profiler_threshold_ms: "immediate", profiler_sampling_rate: "immediate", ttl_monitor: "immediate" };
    expect(Object.fromEntries(Object.keys(PARAMETER_APPLY_TYPES).map((n) => [n, applyMethodFor(n as keyof typeof PARAMETER_APPLY_TYPES)]))).toEqual(oracle);
    expect(clusterParameters({ tls: "tls1.2+", auditLogs: "ddl", profilerThresholdMs: 200, profilerSamplingRate: 0.5 })).toEqual([
      { name: "tls", value: "tls1.2+", applyMethod: "pending-reboot" },
      { name: "audit_logs", value: "ddl", applyMethod: "immediate" },
      { name: "profiler", value: "enabled", applyMethod: "immediate" },
      { name: "profiler_threshold_ms", value: "200", applyMethod: "immediate" },
      { name: "profiler_sampling_rate", value: "0.5", applyMethod: "immediate" },
      { name: "ttl_monitor", value: "enabled", applyMethod: "immediate" },
    ]);
  });

  it("tabulates instance memory as the instance class specifications give it", () => {
    const memory = { "db.t3.medium": 4, "db.t4g.medium": 4, "db.r5.large": 16, "db.r5.24xlarge": 768, "db.r6g.large": 16, "db.r6g.xlarge": 32, "db.r6g.2xlarge": 64, "db.r6g.4xlarge": 128, "db.r6g.12xlarge": 384, "db.r6g.16xlarge": 512 };
    for (const [cls, gib] of Object.entries(memory)) expect(DOCDB_INSTANCE_CLASSES[cls].memoryGiB, cls).toBe(gib);
    // Connection limits (Quotas and limits, Instance limits; unverified this session): 500 on the medium burstables, 1700 on large.
    expect(DOCDB_INSTANCE_CLASSES["db.t4g.medium"].maxConnections).toBe(500);
    expect(DOCDB_INSTANCE_CLASSES["db.r6g.large"].maxConnections).toBe(1700);
    // Memory-optimised only: DocumentDB offers no m (general purpose) classes.
    expect(Object.keys(DOCDB_INSTANCE_CLASSES).filter((c) => /^db\.m/.test(c))).toEqual([]);
    expect(docDbInstanceClassProblem("db.m6g.large")).toMatch(/^must be a DocumentDB instance class/);
  });

  it("derives 37.5 / 75 ms p95 from the matrix's 5-15 ms by PostgreSQL's ratio (50/100 ms over 20 ms)", () => {
    const ratio = ALERT_THRESHOLDS.postgresLatencyP95.warning / 20;
    expect(docDbLatencyThreshold()).toEqual({ warning: 15 * ratio, critical: 15 * ratio * 2, unit: "milliseconds", comparison: "above", source: "derived:mongodbLatencyP95", percentile: "p95" });
    expect(docDbLatencyThreshold().warning).toBe(37.5);
  });

  it("rotates with Secrets Manager's MongoDB single-user application at the version the AWS CDK pins", () => {
    expect(ROTATION_TEMPLATES.mongodbSingleUser).toEqual({ application: "SecretsManagerMongoDBRotationSingleUser", semanticVersion: "1.1.671", inVpc: true });
    expect(rotationApplicationArn("mongodbSingleUser", "eu-west-1")).toBe("arn:aws:serverlessrepo:us-east-1:297356227824:applications/SecretsManagerMongoDBRotationSingleUser");
  });

  it("rotates the application's user with the MongoDB alternating-users application, which needs a master secret", () => {
    // AWS CDK SecretRotationApplication.MONGODB_ROTATION_MULTI_USER: 'SecretsManagerMongoDBRotationMultiUser', '1.1.671', isMultiUser.
    expect(ROTATION_TEMPLATES.mongodbMultiUser).toEqual({ application: "SecretsManagerMongoDBRotationMultiUser", semanticVersion: "1.1.671", inVpc: true, multiUser: true });
    expect(rotationApplicationArn("mongodbMultiUser", "eu-west-1")).toBe("arn:aws:serverlessrepo:us-east-1:297356227824:applications/SecretsManagerMongoDBRotationMultiUser");
  });

  it("bootstraps the application's user and its clone with readWrite on the given database only", () => {
    expect(DOCDB_APPLICATION_USER).toBe("sparki_app");
    expect(docDbBootstrapCommands("sessions").split("\n")).toEqual([
      'db.getSiblingDB("admin").createUser({ user: "sparki_app", pwd: "<password of the application secret>", roles: [{ role: "readWrite", db: "sessions" }] })',
      'db.getSiblingDB("admin").createUser({ user: "sparki_app_clone", pwd: "<any strong password>", roles: [{ role: "readWrite", db: "sessions" }] })',
    ]);
  });

  it("keeps the profiler log (Fiber keys in its filters) at most 14 days, never longer than the audit log", () => {
    expect(DOCDB_PROFILER_LOG_MAX_RETENTION_DAYS).toBe(14);
    expect([1, 3, 5, 7, 14, 30, 365, 3653].map(docDbProfilerLogRetentionDays)).toEqual([1, 3, 5, 7, 14, 14, 14, 14]);
  });

  it.each([["a", true], ["sparki-prod-mongodb", true], ["a".repeat(63), true], ["1abc", false], ["a--b", false], ["abc-", false], ["Abc", false], ["a_b", false]])(
    "cluster identifier %s valid: %s", (id, ok) => expect(CLUSTER_IDENTIFIER.test(id)).toBe(ok));

  it("caps the cluster identifier at 51: <id>-app-rotation (13 more) must fit a 64-character Lambda name; <id>-16 alone would allow 60", () => {
    // CreateDBInstance DBInstanceIdentifier 1-63 => 63 - "-16".length = 60; Lambda FunctionName 64 => 64 - "-app-rotation".length = 51.
    expect(DOCDB_CLUSTER_IDENTIFIER_MAX_LENGTH).toBe(Math.min(63 - 3, 64 - 9, 64 - 13));
    expect(DOCDB_CLUSTER_IDENTIFIER_MAX_LENGTH).toBe(51);
    const id = (n: number) => `a${"b".repeat(n - 1)}`;
    expect(() => resolveDocumentDbArgs("db", { ...ARGS, clusterIdentifier: id(51) })).not.toThrow();
    expect(() => resolveDocumentDbArgs("db", { ...ARGS, clusterIdentifier: id(52) })).toThrow(
      /^DocumentDB cluster db: 1 problem\(s\):\n {2}clusterIdentifier must be 1-51 lowercase letters, digits or hyphens, a letter first, no '--' and no trailing '-' \(DocumentDB takes 63, but <id>-app-rotation must fit the 64 of a Lambda function name\), got "ab{51}"$/);
    // The adapter's longest identifier (sparki-<stack>-mongodb, stack names up to STACK_NAME_MAX) fits.
    expect(`sparki-${"s".repeat(STACK_NAME_MAX)}-mongodb`.length).toBeLessThanOrEqual(DOCDB_CLUSTER_IDENTIFIER_MAX_LENGTH);
  });
});

describe("the component at the longest identifier", () => {
  const id = `a${"b".repeat(DOCDB_CLUSTER_IDENTIFIER_MAX_LENGTH - 1)}`;
  const args: DocumentDbClusterArgs = { ...ARGS, clusterIdentifier: id, instances: 16 };

  it("registers 16 instances and both rotation functions with names inside their limits", async () => {
    const run = await runProgram({ stack: "dev", program: () => ({ db: new DocumentDbCluster("db", args).outputs.clusterIdentifier }) });
    const instances = run.resources.filter((r) => r.type === "aws:docdb/clusterInstance:ClusterInstance").map((r) => String(r.inputs.identifier));
    expect(instances).toHaveLength(16);
    expect(instances.at(-1)).toBe(`${id}-16`);
    expect(Math.max(...instances.map((i) => i.length))).toBe(54);
    const functions = run.resources.filter((r) => r.type === "aws:serverlessrepository/cloudFormationStack:CloudFormationStack").map((r) => String(r.inputs.name)).sort();
    expect(functions).toEqual([`${id}-app-rotation`, `${id}-rotation`]);
    expect(functions[0]).toHaveLength(64);
  });

  it("refuses one character more before registering anything", async () => {
    const registered: string[] = [];
    const attempt = runProgram({
      stack: "dev", program: () => ({ db: new DocumentDbCluster("db", { ...args, clusterIdentifier: `${id}b` }).outputs.clusterIdentifier }), observe: (r) => registered.push(r.type),
    });
    await expect(attempt).rejects.toThrow("clusterIdentifier must be 1-51 lowercase letters");
    expect(registered.filter((t) => t !== "pulumi:pulumi:Stack")).toEqual([]);
  });
});

describe("the component's argument check", () => {
  it("accepts the prod example's arguments and applies every default once", () => {
    const a = resolveDocumentDbArgs("db", ARGS);
    expect(a).toMatchObject({
      engineVersion: "5.0.0", port: 27017, masterUsername: "sparki", tls: "tls1.2+", auditLogs: "enabled", profilerThresholdMs: 100, backupRetentionDays: 7,
      deletionProtection: true, finalSnapshot: true, applyImmediately: false, logRetentionDays: 30, secretRotationDays: 30, databaseName: "sparki", collectionName: "fiber_storage",
    });
  });

  it("throws one error listing every problem, each with its value, before anything is registered", () => {
    const bad = { ...ARGS, clusterIdentifier: "Bad--id", instances: 17, port: 80, backupRetentionDays: 36, tls: "disabled" as never, profilerThresholdMs: 10, logRetentionDays: 2, secretRecoveryWindowDays: 3 };
    expect(() => resolveDocumentDbArgs("db", bad)).toThrow(/^DocumentDB cluster db: 8 problem\(s\):\n {2}clusterIdentifier must be 1-51 lowercase letters.*got "Bad--id"\n {2}instances must be an integer 1\.\.16.*got 17\n {2}port must be an integer 1150\.\.65535.*got 80\n {2}tls must be one of.*got "disabled"\n {2}profilerThresholdMs must be an integer 50\.\.2147483646 ms.*got 10\n {2}backupRetentionDays must be an integer 1\.\.35 days.*got 36\n {2}logRetentionDays must be a CloudWatch Logs retention.*got 2\n {2}secretRecoveryWindowDays must be 0 or an integer 7\.\.30 days, got 3$/);
  });

  it.each<[string, Partial<DocumentDbClusterArgs>, string, string]>([
    ["FIPS TLS outside its regions", { tls: "fips-140-3" }, "tls", "fips-140-3 is offered only in ca-central-1, us-west-2, us-east-1, us-east-2, us-gov-east-1, us-gov-west-1, not eu-west-1 (DocumentDB API reference, Parameter)"],
    ["a 29-minute backup window", { backupWindow: "02:00-02:29" }, "backupWindow", "must last at least 30 minutes"],
    ["maintenance inside the backup window", { maintenanceWindow: "mon:02:15-mon:02:45" }, "maintenanceWindow", "must not overlap the daily backup window 02:00-03:00"],
    ["the reserved admin user", { masterUsername: "Admin" }, "masterUsername", "must not be a name the engine reserves (admin, root, serviceadmin, rdsadmin)"],
    ["a profiler that samples nothing", { profilerSamplingRate: 0 }, "profilerSamplingRate", "must be a number above 0 and at most 1 (profiler_sampling_rate; 0 would export nothing)"],
    ["a system collection", { collectionName: "system.profile" }, "collectionName", "must be 1-120 characters without $, not starting with system. (MongoDB collection name rules)"],
    ["an 8xlarge (connection limit unknown here)", { instanceClass: "db.r6g.8xlarge" }, "instanceClass", docDbInstanceClassProblem("db.r6g.8xlarge") ?? ""],
  ])("refuses %s", (_case, change, field, message) => {
    expect(documentDbProblems(applyDocumentDbDefaults({ ...ARGS, ...change }))).toEqual([[field, message]]);
  });
});
