import { describe, expect, it } from "vitest";
import { assumptionsOf } from "../scripts/offline/cost/assumptions";
import { ConfigError } from "../stacks/config/errors";
import { runWith } from "./harness";

const KEY = "sparki-storage:costAssumptions";

describe("sparki-storage:costAssumptions errors name the key, the value and what is allowed", () => {
  it.each([
    ["negative volume", { objectStorageGb: { artifacts: -1 } },
      "sparki-storage:costAssumptions.objectStorageGb.artifacts must be a number 0..10000000 (GB stored), got -1"],
    ["misspelt data class", { objectStorageGb: { testReport: 5 } },
      'sparki-storage:costAssumptions.objectStorageGb.testReport is not a known key (did you mean "testReports"?) (allowed: artifacts, deploymentLogs, testReports, configBackups, auditArchive, buildCache, accessLogs)'],
    ["log volume as text", { logIngestGbPerGroupMonth: "lots" },
      'sparki-storage:costAssumptions.logIngestGbPerGroupMonth must be a number 0..100000 (GB per month), got "lots"'],
    ["cross-AZ share above 1", { clientsCrossAzShare: 1.5 },
      "sparki-storage:costAssumptions.clientsCrossAzShare must be a number 0..1 (share of client traffic), got 1.5"],
    ["negative traffic volume", { cacheClientGbPerMonth: -5 },
      "sparki-storage:costAssumptions.cacheClientGbPerMonth must be a number 0..10000000 (GB per month), got -5"],
    ["misspelt egress class", { internetEgressGbPerMonth: { artefacts: 5 } },
      'sparki-storage:costAssumptions.internetEgressGbPerMonth.artefacts is not a known key (did you mean "artifacts"?) (allowed: artifacts, deploymentLogs, testReports, configBackups, auditArchive, buildCache, accessLogs)'],
    ["misspelt rate", { kmsKeyMonthInService: 12 },
      'sparki-storage:costAssumptions.kmsKeyMonthInService is not a known key (did you mean "kmsKeyMonthsInService"?) (allowed: objectStorageGb, logIngestGbPerGroupMonth, cacheClientGbPerMonth, cacheDatasetGb, databaseClientGbPerMonth, minioWrittenGbPerMonth, minioReadGbPerMonth, acceleratedGbPerMonth, endpointGbPerMonth, cdnGbDeliveredPerMonth, cdnRequestsPerMonth, auditArchiveGbPerMonth, internetEgressGbPerMonth, clientsCrossAzShare, kmsKeyMonthsInService, kmsRequestsPerKeyMonth, secretsApiCallsPerSecretMonth, rdsBackupDailyChangePercent, enhancedMonitoringKbPerSample, s3AverageObjectMb, s3ReadsPerObjectWritten)'],
  ])("%s: nothing is registered", async (_case, value, expected) => {
    const registered: string[] = [];
    const attempt = runWith("dev", { [KEY]: value }, (r) => registered.push(r.type));
    const error = await attempt.then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message.split("\n")).toEqual([expected]);
    expect(registered.filter((t) => t !== "pulumi:pulumi:Stack")).toEqual([]);
  });

  it("reads decimals and absent values as they are", () => {
    expect(assumptionsOf("dev", { [KEY]: { logIngestGbPerGroupMonth: 0.25 } })).toEqual({ objectStorageGb: {}, logIngestGbPerGroupMonth: 0.25 });
    expect(assumptionsOf("dev", { [KEY]: undefined })).toEqual({ objectStorageGb: {} });
    expect(assumptionsOf("no-such-stack")).toEqual({ objectStorageGb: {} });
  });
});
