import type * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import {
  archivePrefixes, type AuditArchiveArgs, pgauditClassesProblem, PGAUDIT_FILTER_PATTERN, prefixProblems, resolveAuditArchiveArgs,
} from "../components/audit-archive";
import { DEFAULT_PARAMETER_SETTINGS, postgresParameters } from "../components/rds";

/**
 * The audit archive's pure parts: the engine rules (what Firehose and CloudWatch Logs refuse) with counterexamples,
 * each message exact, and pgAudit in the parameter group. Limits are the documented ones (Firehose BufferingHints
 * 0..900 s / 1..128 MiB, stream names 1..64, IAM role names 64, CloudWatch Logs retentions, filter patterns 1024).
 */

const base: AuditArchiveArgs = {
  accountId: "111111111111", region: "eu-west-1", identifier: "sparki-dev-postgres", engine: "postgres",
  logGroupName: "/aws/rds/instance/sparki-dev-postgres/postgresql", logSource: undefined as unknown as pulumi.Resource,
  bucketName: "sparki-dev-111111111111-audit-archive", kmsKeyArn: "arn:aws:kms:eu-west-1:111111111111:key/k",
  alarms: { environment: "dev", topicArns: { warning: "w", critical: "c" } }, logRetentionDays: 7,
};
const fails = (change: Partial<AuditArchiveArgs>) => () => resolveAuditArchiveArgs("t", { ...base, ...change });

describe("Firehose S3 prefix rules (Firehose Developer Guide, custom prefixes)", () => {
  it("accepts the archive's own prefixes", () => {
    const p = archivePrefixes("postgres", "sparki-prod-postgres");
    expect(p.prefix).toBe("audit/postgres/sparki-prod-postgres/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/");
    expect(prefixProblems(p.prefix, p.errorOutputPrefix)).toEqual([]);
  });

  it.each([
    ["the error type in the data prefix", "a/!{firehose:error-output-type}/", "e/!{firehose:error-output-type}/",
      ['prefix "a/!{firehose:error-output-type}/" uses !{firehose:error-output-type}, which only the error prefix may use']],
    ["expressions without an error prefix", "a/!{timestamp:yyyy}/", undefined,
      ['prefix "a/!{timestamp:yyyy}/" has expressions, so Firehose needs an errorOutputPrefix']],
    ["an error prefix with expressions but no error type", "a/!{timestamp:yyyy}/", "e/!{timestamp:yyyy}/",
      ['errorOutputPrefix "e/!{timestamp:yyyy}/" has expressions but not !{firehose:error-output-type}']],
    ["a dynamic-partitioning namespace", "a/!{partitionKeyFromQuery:db}/", "e/!{firehose:error-output-type}/",
      ["prefix uses !{partitionKeyFromQuery:db}: only the timestamp and firehose namespaces work without dynamic partitioning"]],
    ["an unknown firehose key", "a/!{firehose:stream-name}/", "e/!{firehose:error-output-type}/",
      ["prefix uses !{firehose:stream-name}: the firehose namespace has only error-output-type and random-string"]],
    ["a prefix past 1024 characters", `${"a".repeat(1025)}/`, undefined, ["prefix has 1026 characters; Firehose takes at most 1024"]],
  ])("refuses %s", (_case, prefix, errorPrefix, expected) => {
    expect(prefixProblems(prefix, errorPrefix)).toEqual(expected);
  });
});

describe("AuditArchive arguments: refused before anything is registered", () => {
  it.each([
    ["a buffer interval past 900 s", { bufferIntervalSeconds: 901 }, "bufferIntervalSeconds must be an integer 0..900 (Firehose BufferingHints), got 901"],
    ["a fractional buffer interval", { bufferIntervalSeconds: 1.5 }, "bufferIntervalSeconds must be an integer 0..900 (Firehose BufferingHints), got 1.5"],
    ["a buffer past 128 MiB", { bufferSizeMiB: 129 }, "bufferSizeMiB must be an integer 1..128 (Firehose BufferingHints), got 129"],
    ["a retention CloudWatch Logs does not offer", { logRetentionDays: 10 }, "logRetentionDays must be a CloudWatch Logs retention"],
    ["an empty filter pattern", { filterPattern: "" }, "filterPattern must have 1..1024 characters, got 0"],
  ])("%s", (_case, change, message) => {
    expect(fails(change)).toThrow(message);
  });

  it("refuses an identifier that makes the stream name longer than 64 or a role name longer than IAM's 64", () => {
    // Stack names have at most 20 characters (stacks/config/stack-name.ts), so real identifiers stay far below these.
    const identifier = `sparki-${"x".repeat(43)}`; // 50: the Firehose role 65, the logs role 61, the stream 56
    expect(fails({ identifier })).toThrow(`AuditArchive t: role name "${identifier}-audit-firehose" has 65 characters; IAM allows 64`);
    expect(fails({ identifier: identifier.slice(0, 49) })).not.toThrow();
    const longer = `sparki-${"x".repeat(52)}`; // 59: the stream 65
    expect(fails({ identifier: longer })).toThrow(`stream name "${longer}-audit" must be 1..64 characters`);
  });

  it("defaults to pgAudit's marker, 300 s and 64 MiB", () => {
    const r = resolveAuditArchiveArgs("t", base);
    expect([r.filterPattern, r.bufferIntervalSeconds, r.bufferSizeMiB]).toEqual([PGAUDIT_FILTER_PATTERN, 300, 64]);
    expect(r.filterPattern).toBe("\"AUDIT:\"");
  });
});

describe("pgAudit in the parameter group", () => {
  it("is absent unless audit classes are set", () => {
    const names = postgresParameters(DEFAULT_PARAMETER_SETTINGS).map((p) => p.name);
    expect(names.filter((n) => n.startsWith("pgaudit"))).toEqual([]);
  });

  it("preloads the library after pg_stat_statements (static: applied at reboot) and sets the role and classes", () => {
    const specs = postgresParameters({ ...DEFAULT_PARAMETER_SETTINGS, auditClasses: ["ddl", "write"] });
    const byName = new Map(specs.map((p) => [p.name, p]));
    expect(byName.get("shared_preload_libraries")).toEqual({ name: "shared_preload_libraries", value: "pg_stat_statements,pgaudit", applyMethod: "pending-reboot" });
    expect(byName.get("pgaudit.log")).toEqual({ name: "pgaudit.log", value: "ddl,write", applyMethod: "immediate" });
    expect(byName.get("pgaudit.role")).toEqual({ name: "pgaudit.role", value: "rds_pgaudit", applyMethod: "immediate" });
    // Sorted by name, as every group is (a stable order keeps diffs quiet).
    expect(specs.map((p) => p.name)).toEqual([...specs.map((p) => p.name)].sort((a, b) => a.localeCompare(b)));
  });

  it.each([
    [[], "must name at least one of read, write, function, role, ddl, misc, misc_set, all (an empty list audits nothing)"],
    [["ddl", "reads"], "has reads; pgaudit.log takes read, write, function, role, ddl, misc, misc_set, all"],
    [["write", "write"], "names write twice"],
  ])("refuses the class list %j", (classes, message) => {
    expect(pgauditClassesProblem(classes)).toBe(message);
  });
});
