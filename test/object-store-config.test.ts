import { describe, expect, it } from "vitest";
import { transitionsOf } from "../components/object-store";
import { stackConfig } from "../scripts/offline/stack-files";
import { ConfigError } from "../stacks/config/errors";
import { loadConfig } from "../stacks/config/load";
import { s3Adapter } from "../stacks/adapters/s3";
import { adapterSettings } from "../stacks/project";
import { runWith } from "./harness";

const KEY = "sparki-storage:objectStore";

function problemOf(stack: string, objectStore: unknown, stackName = stack): string {
  try {
    loadConfig(stackName, stackConfig(stack, { [KEY]: objectStore }));
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error("expected a ConfigError");
}

function settingsOf(stack: string, objectStore?: unknown) {
  return adapterSettings(s3Adapter, loadConfig(stack, stackConfig(stack, objectStore === undefined ? {} : { [KEY]: objectStore })));
}

describe("objectStore config errors name the key, the value and the rule", () => {
  it.each([
    ["STANDARD_IA before 30 days", "dev", { artifacts: { standardIaDays: 10 } },
      `${KEY}.artifacts.standardIaDays must be at least 30 (S3 refuses STANDARD_IA earlier), got 10`],
    ["ONEZONE_IA before 30 days", "dev", { buildCache: { oneZoneIaDays: 5 } },
      `${KEY}.buildCache.oneZoneIaDays must be at least 30 (S3 refuses ONEZONE_IA earlier), got 5`],
    ["transitions out of storage-class order", "prod", { deploymentLogs: { glacierDays: 200, deepArchiveDays: 100 } },
      `${KEY}.deploymentLogs.deepArchiveDays must be greater than glacierDays (200): transitions run in storage-class order GLACIER -> DEEP_ARCHIVE, got 100`],
    ["leaving GLACIER before its 90-day minimum", "prod", { deploymentLogs: { deepArchiveDays: 100 } },
      `${KEY}.deploymentLogs.deepArchiveDays must be at least 120 (glacierDays 30 + 90): GLACIER bills at least 90 days of storage, so leaving it earlier costs as much as staying, got 100`],
    ["leaving STANDARD_IA for GLACIER_IR within 30 days", "prod", { configBackups: { glacierIrDays: 45 } },
      `${KEY}.configBackups.glacierIrDays must be at least 60 (standardIaDays 30 + 30): S3 keeps objects in STANDARD_IA at least 30 days before the next transition, got 45`],
    ["expiry before the last transition", "prod", { testReports: { expirationDays: 30 } },
      `${KEY}.testReports.expirationDays must be greater than standardIaDays (30): objects expire after their last transition, got 30`],
    ["expiry inside DEEP_ARCHIVE's 180-day minimum", "prod", { deploymentLogs: { expirationDays: 300 } },
      `${KEY}.deploymentLogs.expirationDays must be at least 360 (deepArchiveDays 180 + 180): DEEP_ARCHIVE bills at least 180 days of storage, so leaving it earlier costs as much as staying, got 300`],
    ["a transition that makes the profile's expiry too early (says it is the default)", "dev", { deploymentLogs: { glacierDays: 10 } },
      `${KEY}.deploymentLogs.expirationDays must be at least 100 (glacierDays 10 + 90): GLACIER bills at least 90 days of storage, so leaving it earlier costs as much as staying, got the profile "dev" default 30 (the key is not set)`],
    ["Object Lock retention longer than expiry", "prod", { auditArchive: { retentionDays: 3650, expirationDays: 3000 } },
      `${KEY}.auditArchive.expirationDays must be at least the Object Lock retention (3650 days): locked versions cannot expire, an earlier expiry only hides them behind delete markers, got 3000`],
    ["retention longer than the profile's expiry", "prod", { auditArchive: { retentionDays: 3650 } },
      `${KEY}.auditArchive.expirationDays must be at least the Object Lock retention (3650 days): locked versions cannot expire, an earlier expiry only hides them behind delete markers, got the profile "prod" default 2555 (the key is not set)`],
    ["negative days", "dev", { artifacts: { standardIaDays: -1 } },
      `${KEY}.artifacts.standardIaDays must be an integer 0..36500, got -1`],
    ["zero expiry", "dev", { buildCache: { expirationDays: 0 } },
      `${KEY}.buildCache.expirationDays must be an integer 1..36500, got 0`],
    ["zero retention", "prod", { auditArchive: { retentionDays: 0 } },
      `${KEY}.auditArchive.retentionDays must be an integer 1..36500, got 0`],
    ["acceleration not a boolean", "prod", { artifacts: { transferAcceleration: "yes" } },
      `${KEY}.artifacts.transferAcceleration must be true or false, got "yes"`],
    ["misspelt lifecycle key", "dev", { testReports: { expirationDay: 5 } },
      `${KEY}.testReports.expirationDay is not a known key (did you mean "expirationDays"?) (allowed: standardIaDays, oneZoneIaDays, glacierIrDays, glacierDays, deepArchiveDays, expirationDays, noncurrentExpirationDays)`],
    ["unknown data class", "dev", { buildCaches: {} },
      `${KEY}.buildCaches is not a known key (did you mean "buildCache"?) (allowed: bucketPrefix, artifacts, deploymentLogs, testReports, configBackups, auditArchive, buildCache, accessLogs, delivery)`],
    ["bucket prefix with capitals and underscores", "dev", { bucketPrefix: "Sparki_Dev" },
      `${KEY}.bucketPrefix must be lowercase letters, digits and hyphens, starting and ending with a letter or digit, got "Sparki_Dev"`],
    ["bucket prefix too long for the longest class", "dev", { bucketPrefix: "a".repeat(50) },
      `${KEY}.bucketPrefix must give valid bucket names: "${"a".repeat(50)}-deployment-logs" has 66 characters; S3 bucket names have 3..63, got "${"a".repeat(50)}"`],
    ["bucket prefix S3 reserves", "dev", { bucketPrefix: "xn--sparki" },
      `${KEY}.bucketPrefix must give valid bucket names: "xn--sparki-artifacts" uses "xn--", which S3 reserves, got "xn--sparki"`],
  ])("%s", (_case, stack, objectStore, expected) => {
    expect(problemOf(stack, objectStore)).toBe(expected);
  });

  it("leaves a default prefix that a long stack name makes too long to the stack name's own line (one mistake, one line)", () => {
    const stack = "feature-branch-with-a-very-long-name";
    expect(problemOf("dev", {}, stack)).toBe(
      `stack name "${stack}" cannot form AWS physical names (sparki-<stack>-postgres, S3 buckets, ElastiCache IDs): it must be 1-20 lowercase letters, digits or single hyphens, start with a letter and not end with a hyphen`);
  });

  it("reports every lifecycle problem at once", () => {
    const message = problemOf("prod", { artifacts: { standardIaDays: 10 }, testReports: { expirationDays: 30 } });
    expect(message.split("\n")).toEqual([
      "invalid configuration:",
      `  - ${KEY}.artifacts.standardIaDays must be at least 30 (S3 refuses STANDARD_IA earlier), got 10`,
      `  - ${KEY}.testReports.expirationDays must be greater than standardIaDays (30): objects expire after their last transition, got 30`,
    ]);
  });

  it.each([
    ["lifecycle", { deploymentLogs: { deepArchiveDays: 100 } }],
    ["schema", { artifacts: { transferAcceleration: 1 } }],
    ["bucket prefix", { bucketPrefix: "a".repeat(60) }],
  ])("registers nothing when the %s config is bad", async (_case, objectStore) => {
    const registered: string[] = [];
    await expect(runWith("prod", { [KEY]: objectStore }, (r) => registered.push(r.type))).rejects.toBeInstanceOf(ConfigError);
    expect(registered.filter((t) => t !== "pulumi:pulumi:Stack")).toEqual([]);
  });
});

describe("objectStore config over the profile", () => {
  it("takes the stack file's values and the profile's for the rest", () => {
    const prod = settingsOf("prod");
    expect(prod.auditRetentionDays).toBe(2557);
    expect(prod.lifecycle.auditArchive).toEqual({ glacierDays: 90, deepArchiveDays: 365, expirationDays: 2557, noncurrentExpirationDays: 30 });
    expect([prod.auditLockMode, prod.forceDestroy, prod.artifactsTransferAcceleration]).toEqual(["COMPLIANCE", false, true]);
    expect(prod.bucketPrefix).toBe("sparki-prod-222222222222");
    const dev = settingsOf("dev");
    expect([dev.auditLockMode, dev.forceDestroy, dev.artifactsTransferAcceleration]).toEqual(["GOVERNANCE", true, false]);
    expect(dev.lifecycle.buildCache).toEqual({ expirationDays: 3, noncurrentExpirationDays: 1 });
  });

  it("drops a profile transition set to null and keeps the others", () => {
    const { lifecycle } = settingsOf("prod", { artifacts: { glacierIrDays: null } });
    expect(transitionsOf(lifecycle.artifacts).map((t) => [t.storageClass, t.days])).toEqual([["STANDARD_IA", 30]]);
    expect(lifecycle.artifacts.expirationDays).toBe(365);
  });

  it("adds a transition the profile does not set", () => {
    const { lifecycle } = settingsOf("dev", { deploymentLogs: { glacierDays: 0, expirationDays: 90 } });
    expect(transitionsOf(lifecycle.deploymentLogs).map((t) => [t.storageClass, t.days])).toEqual([["GLACIER", 0]]);
  });

  it("uses an explicit bucket prefix", () => {
    expect(settingsOf("dev", { bucketPrefix: "acme-sparki-dev" }).bucketPrefix).toBe("acme-sparki-dev");
  });
});
