import { describe, expect, it } from "vitest";
import {
  docDbAuditLogs, docDbBackupRetention, docDbDeletionProtection, docDbEncryptedAtRest, docDbTlsRequired, DOCUMENTDB_POLICIES,
} from "../policy/documentdb";
import { ENGINE_RULE_POLICIES } from "../policy/engine-rules";
import { docDbClusterSettings, docDbInstances, docDbParameterGroup as parameterGroupRule, DOCUMENTDB_ENGINE_RULES } from "../policy/engine-rules-documentdb";
import { POLICIES } from "../policy/policies";
import { describeResourceCases, type ResourceCase } from "./policy-cases";
import { DOCDB_T, docDbCluster, docDbInstance, docDbParameterGroup, T } from "./policy-fixtures";
import { checkResource, checkStack } from "./policy-harness";

/**
 * Security Hub's DocumentDB controls and the engine rules DocumentDB enforces at create time. Each failing case is a
 * counterexample AWS (or Security Hub) would refuse or flag; the messages are the policies' own.
 */

const CASES: ResourceCase[] = [
  { policy: docDbEncryptedAtRest, type: DOCDB_T.cluster, pass: docDbCluster(), failures: [
    [{ storageEncrypted: false }, "storageEncrypted is not true: the cluster volume, its backups and snapshots would be unencrypted (and encryption cannot be turned on later)."],
    [{ kmsKeyId: undefined }, "kmsKeyId is not set: storage would use the AWS-managed key instead of the environment's customer key."],
  ] },
  { policy: docDbBackupRetention, type: DOCDB_T.cluster, pass: docDbCluster(), failures: [
    [{ backupRetentionPeriod: 6 }, "backupRetentionPeriod is 6: at least 7 day(s) of point-in-time restore are required."],
    // Unset, DocumentDB keeps one day.
    [{ backupRetentionPeriod: undefined }, "backupRetentionPeriod is 1: at least 7 day(s) of point-in-time restore are required."],
  ] },
  { policy: docDbBackupRetention, type: DOCDB_T.cluster, pass: { ...docDbCluster(), backupRetentionPeriod: 1 }, config: { minimumDays: 1 }, failures: [] },
  { policy: docDbAuditLogs, type: DOCDB_T.cluster, pass: docDbCluster(), failures: [
    [{ enabledCloudwatchLogsExports: ["profiler"] }, "enabledCloudwatchLogsExports does not include \"audit\": authentication and DDL events would stay on the instances and be lost with them."],
  ] },
  { policy: docDbDeletionProtection, type: DOCDB_T.cluster, pass: docDbCluster(), failures: [
    [{ deletionProtection: false }, "deletionProtection is not true: one API call deletes the cluster and, without a final snapshot, its data."],
  ] },
  { policy: docDbClusterSettings, type: DOCDB_T.cluster, pass: docDbCluster(), failures: [
    // CreateDBCluster EnableCloudwatchLogsExports: audit and profiler only (RDS's slowquery is not DocumentDB's).
    [{ enabledCloudwatchLogsExports: ["audit", "slowquery"] }, "enabledCloudwatchLogsExports has \"slowquery\": DocumentDB exports only audit and profiler."],
    // CreateDBCluster BackupRetentionPeriod: 1..35.
    [{ backupRetentionPeriod: 36 }, "backupRetentionPeriod 36 is outside 1..35 days."],
    [{ backupRetentionPeriod: 0 }, "backupRetentionPeriod 0 is outside 1..35 days."],
    [{ engineVersion: "4.0.0" }, "engineVersion 4.0.0 is not one this stack tabulates (5.0.0)."],
    // CreateDBCluster Port: 1150..65535 (the MongoDB default 27017 is inside).
    [{ port: 1149 }, "port 1149 is outside 1150..65535."],
    [{ port: 65536 }, "port 65536 is outside 1150..65535."],
  ] },
  { policy: parameterGroupRule, type: DOCDB_T.clusterParameterGroup, pass: docDbParameterGroup(), failures: [
    [{ family: "docdb4.0" }, "family docdb4.0 is not one this stack tabulates (docdb5.0): its parameters and values are unchecked."],
    // tls is static: ModifyDBClusterParameterGroup refuses "immediate" for it.
    [{ parameters: [{ name: "tls", value: "tls1.2+", applyMethod: "immediate" }] }, "tls is a static parameter: DocumentDB refuses applyMethod \"immediate\" for it (use \"pending-reboot\")."],
    [{ parameters: [{ name: "tls", value: "tls1.1+", applyMethod: "pending-reboot" }] }, "tls \"tls1.1+\" is not a value docdb5.0 takes (enabled, tls1.2+, tls1.3+, fips-140-3, disabled)."],
    [{ parameters: [{ name: "audit_logs", value: "on", applyMethod: "immediate" }] }, "audit_logs \"on\" is not a value docdb5.0 takes (enabled, ddl, dml_read, dml_write, all, disabled, none)."],
    // profiler_threshold_ms: 50..2147483646.
    [{ parameters: [{ name: "profiler_threshold_ms", value: "10", applyMethod: "immediate" }] }, "profiler_threshold_ms \"10\" is outside 50..2147483646."],
  ] },
];

describeResourceCases(CASES.filter((c) => c.failures.length > 0), T.instance);

it("passes one day of backups where the stack's config asks for one (dev)", async () => {
  expect(await checkResource(docDbBackupRetention, { type: DOCDB_T.cluster, props: { ...docDbCluster(), backupRetentionPeriod: 1 } }, { minimumDays: 1 })).toMatchObject({ violations: [] });
});

describe("documentdb-6-tls (Security Hub DocumentDB.6: fails on tls disabled or enabled)", () => {
  const stack = (tls: string | undefined, groupName?: string) => [
    { type: DOCDB_T.cluster, name: "sparki-prod-mongodb", props: { ...docDbCluster(), dbClusterParameterGroupName: groupName ?? "sparki-prod-mongodb-docdb5-0" } },
    { type: DOCDB_T.clusterParameterGroup, name: "sparki-prod-mongodb-params", props: tls === undefined ? { ...docDbParameterGroup(), parameters: [] } : docDbParameterGroup(tls) },
  ];

  it.each(["tls1.2+", "tls1.3+", "fips-140-3"])("passes tls %s", async (tls) => {
    expect((await checkStack(docDbTlsRequired, stack(tls))).violations).toEqual([]);
  });

  it.each<[string | undefined, string]>([
    ["enabled", "cluster sparki-prod-mongodb: parameter group sparki-prod-mongodb-docdb5-0 sets tls to \"enabled\"; require tls1.2+, tls1.3+, fips-140-3."],
    ["disabled", "cluster sparki-prod-mongodb: parameter group sparki-prod-mongodb-docdb5-0 sets tls to \"disabled\"; require tls1.2+, tls1.3+, fips-140-3."],
    [undefined, "cluster sparki-prod-mongodb: parameter group sparki-prod-mongodb-docdb5-0 sets tls to nothing (the family default, enabled); require tls1.2+, tls1.3+, fips-140-3."],
  ])("fails tls %s", async (tls, message) => {
    expect((await checkStack(docDbTlsRequired, stack(tls))).violations).toEqual([message]);
  });

  it("fails a cluster on the default parameter group", async () => {
    expect((await checkStack(docDbTlsRequired, stack("tls1.2+", "default.docdb5.0"))).violations).toEqual([
      "cluster sparki-prod-mongodb uses the default cluster parameter group: its tls is \"enabled\" (TLS 1.0 and 1.1 accepted), which DocumentDB.6 fails.",
    ]);
  });

  it("is not applicable without clusters", async () => {
    expect((await checkStack(docDbTlsRequired, [])).notApplicable).toBe("no DocumentDB clusters");
  });
});

describe("engine-docdb-instances", () => {
  it("passes three r6g.large instances", async () => {
    const inputs = [1, 2, 3].map((n) => ({ type: DOCDB_T.clusterInstance, name: `i${n}`, props: docDbInstance(n) }));
    expect((await checkStack(docDbInstances, inputs)).violations).toEqual([]);
  });

  it("refuses an RDS-only class and a 17th instance", async () => {
    const inputs = Array.from({ length: 17 }, (_, i) => ({ type: DOCDB_T.clusterInstance, name: `i${i + 1}`, props: docDbInstance(i + 1) }));
    inputs[0] = { ...inputs[0], props: { ...docDbInstance(1), instanceClass: "db.m6g.large" } };
    const { violations } = await checkStack(docDbInstances, inputs);
    expect(violations).toHaveLength(2);
    expect(violations[0]).toMatch(/^instance i1: class db\.m6g\.large is not a DocumentDB class this stack knows \(db\.t3\.medium, /);
    expect(violations[1]).toBe("cluster sparki-prod-mongodb has 17 instances: DocumentDB allows 16 (a primary and 15 replicas).");
  });
});

it("registers every DocumentDB policy in the pack and every engine rule among the engine rules", () => {
  for (const p of DOCUMENTDB_POLICIES) expect(POLICIES.includes(p), p.name).toBe(true);
  for (const p of DOCUMENTDB_ENGINE_RULES) expect(ENGINE_RULE_POLICIES.includes(p), p.name).toBe(true);
  const tested = new Set([...CASES.map((c) => c.policy.name), docDbTlsRequired.name, docDbInstances.name]);
  expect([...DOCUMENTDB_POLICIES, ...DOCUMENTDB_ENGINE_RULES].map((p) => p.name).filter((n) => !tested.has(n))).toEqual([]);
});
