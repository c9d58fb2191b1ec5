import { describe, expect, it } from "vitest";
import { ConfigError } from "../stacks/config/errors";
import { ofType, runWith } from "./harness";

/**
 * `postgres.audit` config: every error names the key, the value and what is allowed, and nothing is registered;
 * turning the archive off removes pgAudit and the path. Ranges are Firehose's (BufferingHints: 0..900 s, 1..128 MiB)
 * and pgAudit's class list (pgaudit README, `pgaudit.log`).
 */

const KEY = "sparki-storage:postgres";
const dev = { engineVersion: "17", instanceClass: "db.t4g.micro", replicas: 0 };
const prod = { engineVersion: "17", instanceClass: "db.r7g.large", replicas: 2, allocatedStorageGiB: 200, maxAllocatedStorageGiB: 2000, backupRetentionDays: 14 };

describe("postgres.audit config errors", () => {
  it.each([
    ["a buffer interval past Firehose's 900 s", "prod", { [KEY]: { ...prod, audit: { bufferIntervalSeconds: 901 } } },
      "sparki-storage:postgres.audit.bufferIntervalSeconds must be an integer 0..900, got 901"],
    ["a negative buffer interval", "dev", { [KEY]: { ...dev, audit: { bufferIntervalSeconds: -1 } } },
      "sparki-storage:postgres.audit.bufferIntervalSeconds must be an integer 0..900, got -1"],
    ["a buffer of 0 MiB", "dev", { [KEY]: { ...dev, audit: { bufferSizeMiB: 0 } } },
      "sparki-storage:postgres.audit.bufferSizeMiB must be an integer 1..128, got 0"],
    ["a buffer past Firehose's 128 MiB", "prod", { [KEY]: { ...prod, audit: { bufferSizeMiB: 129 } } },
      "sparki-storage:postgres.audit.bufferSizeMiB must be an integer 1..128, got 129"],
    ["a class pgAudit does not have", "dev", { [KEY]: { ...dev, audit: { classes: ["ddl", "reads"] } } },
      'sparki-storage:postgres.audit.classes.1 must be one of "read", "write", "function", "role", "ddl", "misc", "misc_set", "all", got "reads"'],
    ["no class at all", "dev", { [KEY]: { ...dev, audit: { classes: [] } } },
      "sparki-storage:postgres.audit.classes must name at least one class (an empty list audits nothing), got []"],
    ["a class twice", "prod", { [KEY]: { ...prod, audit: { classes: ["ddl", "write", "ddl"] } } },
      'sparki-storage:postgres.audit.classes names ddl twice, got ["ddl","write","ddl"]'],
    ["enabled as a string", "dev", { [KEY]: { ...dev, audit: { enabled: "yes" } } },
      'sparki-storage:postgres.audit.enabled must be true or false, got "yes"'],
    ["a misspelt key", "dev", { [KEY]: { ...dev, audit: { bufferInterval: 60 } } },
      "sparki-storage:postgres.audit.bufferInterval is not a known key (allowed: enabled, classes, bufferIntervalSeconds, bufferSizeMiB)"],
    ["a misspelt class key", "dev", { [KEY]: { ...dev, audit: { clases: ["ddl"] } } },
      'sparki-storage:postgres.audit.clases is not a known key (did you mean "classes"?) (allowed: enabled, classes, bufferIntervalSeconds, bufferSizeMiB)'],
  ])("%s", async (_case, stack, overrides, expected) => {
    const registered: string[] = [];
    const failure = await runWith(stack, overrides, (r) => registered.push(r.type)).then(() => undefined, (e: unknown) => e);
    expect(failure).toBeInstanceOf(ConfigError);
    expect((failure as ConfigError).problems).toContain(expected);
    expect(registered.filter((t) => t !== "pulumi:pulumi:Stack")).toEqual([]);
  });

  it("turned off: no pgAudit in the parameter group, no stream, subscription or audit alarms, no audit output", async () => {
    const run = await runWith("dev", { [KEY]: { ...dev, audit: { enabled: false } } });
    expect(ofType(run, "sparki:audit-archive:AuditArchive")).toEqual([]);
    expect(ofType(run, "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream")).toEqual([]);
    expect(ofType(run, "aws:cloudwatch/logSubscriptionFilter:LogSubscriptionFilter")).toEqual([]);
    const params = ofType(run, "aws:rds/parameterGroup:ParameterGroup")[0].inputs.parameters as { name: string; value: string }[];
    expect(params.find((p) => p.name === "shared_preload_libraries")?.value).toBe("pg_stat_statements");
    expect(params.filter((p) => p.name.startsWith("pgaudit."))).toEqual([]);
    expect((run.outputs.postgres as Record<string, unknown>).audit).toBeUndefined();
  });

  it("takes the classes and buffering the section names, into the parameter group and the stream", async () => {
    const run = await runWith("dev", { [KEY]: { ...dev, audit: { classes: ["ddl", "role"], bufferIntervalSeconds: 60, bufferSizeMiB: 5 } } });
    const params = ofType(run, "aws:rds/parameterGroup:ParameterGroup")[0].inputs.parameters as { name: string; value: string }[];
    expect(params.find((p) => p.name === "pgaudit.log")?.value).toBe("ddl,role");
    const stream = ofType(run, "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream")[0];
    expect(stream.inputs.extendedS3Configuration).toMatchObject({ bufferingInterval: 60, bufferingSize: 5 });
  });

  it("follows the S3 adapter's bucket prefix to the audit-archive bucket", async () => {
    const run = await runWith("dev", { "sparki-storage:objectStore": { bucketPrefix: "acme-dev-archive" }, [KEY]: dev });
    const stream = ofType(run, "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream")[0];
    expect((stream.inputs.extendedS3Configuration as { bucketArn: string }).bucketArn).toBe("arn:aws:s3:::acme-dev-archive-audit-archive");
    expect(ofType(run, "aws:s3/bucket:Bucket").map((b) => b.inputs.bucket)).toContain("acme-dev-archive-audit-archive");
  });
});
