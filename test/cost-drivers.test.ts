// Issue 22: the estimate's method errors stay fixed (each against an outside oracle), every usage driver is a line
// from a stated assumption, another region's stack is not priced as if it were eu-west-1, and the per-adapter summary
// shows each adapter's cost and its change against the base.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { COST_RATE_DEFAULTS, costAssumptionsSchema } from "../stacks/config/cost-assumptions";
import { diffPlans } from "../scripts/offline/base/diff";
import { assumptionsOf } from "../scripts/offline/cost/assumptions";
import { type CostAssumptions, type CostReport, estimateCost } from "../scripts/offline/cost/estimate";
import { EBS_GB_MONTH, FLAT, PERFORMANCE_INSIGHTS_RETENTION_VCPU_MONTH, PRICE_REGION, RDS_POSTGRES_INSTANCE_HOUR, USAGE } from "../scripts/offline/cost/prices";
import { costMarkdown, costText, headline, MARKDOWN_ROWS_MAX_CHARS } from "../scripts/offline/cost/render";
import { erasureSetSize } from "../scripts/offline/cost/usage";
import { parsePlanned } from "../scripts/offline/planned";
import { REPO_ROOT } from "../scripts/offline/stack-files";
import { type AdapterSummary, summaryMarkdown, summaryText } from "../scripts/offline/summary";
import { stackRun } from "./harness";
import { resource, runOf } from "./hand-built";

const RDS = "aws:rds/instance:Instance";
const sum = (report: CostReport, resourceName: string, item: RegExp) =>
  report.lines.filter((l) => l.resource === resourceName && item.test(l.item)).reduce((n, l) => n + l.monthlyUsd, 0);
const quantity = (report: CostReport, resourceName: string, item: RegExp) =>
  report.lines.filter((l) => l.resource === resourceName && item.test(l.item)).reduce((n, l) => n + l.quantity, 0);
const ASSUMED: CostAssumptions = {
  objectStorageGb: {}, cacheClientGbPerMonth: 1000, cacheDatasetGb: 10, databaseClientGbPerMonth: 300,
  minioWrittenGbPerMonth: 120, minioReadGbPerMonth: 400, acceleratedGbPerMonth: 50, endpointGbPerMonth: 7, internetEgressGbPerMonth: { artifacts: 30 },
};

describe("method errors that must not return", () => {
  it("bills an EBS claim's provisioned GiB as the same number of GB-month, as the RDS line does", () => {
    // Oracle: EBS bills provisioned storage per "GB-month" with no unit conversion (EBS User Guide, "Understand charges
    // for Amazon EBS volumes": a 31-GB volume active 24 hours is one GB-month in a 31-day month): 100 GiB gp3 = 100 GB-month.
    const storageClass = resource("kubernetes:storage.k8s.io/v1:StorageClass", "sc", { metadata: { name: "ebs" }, provisioner: "ebs.csi.aws.com", parameters: { type: "gp3" } });
    const set = resource("kubernetes:apps/v1:StatefulSet", "vols", { spec: { replicas: 1, volumeClaimTemplates: [{ spec: { storageClassName: "ebs", resources: { requests: { storage: "100Gi" } } } }] } });
    const db = resource(RDS, "db", { identifier: "db", engine: "postgres", instanceClass: "db.r7g.large", allocatedStorage: 100, storageType: "gp3" });
    const report = estimateCost(runOf(storageClass, set, db));
    expect(quantity(report, "vols", /EBS/)).toBe(100);
    expect(quantity(report, "db", /storage/)).toBe(quantity(report, "vols", /EBS/));
    // Nor may the conversion hide in the unit price: 100 GB-month at the gp3 GB-month price, nothing more.
    expect(sum(report, "vols", /EBS/)).toBeCloseTo(100 * EBS_GB_MONTH.gp3.usd, 9);
  });

  it("prices 93-day Performance Insights by retention tier per vCPU-month, the Multi-AZ standby's vCPUs included", () => {
    // Oracle: the worked example of the retention tiers (developers.io, ap-northeast-1, read 2026-11-29): db.m6i.xlarge
    // Multi-AZ = 4 vCPU x 2 AZ = 8 vCPU; 3 months = 8 x $1.7561 + 8 x 2 x $0.0739 (the page rounds to $15.22).
    const db = resource(RDS, "db", { identifier: "db", engine: "postgres", instanceClass: "db.m6i.xlarge", allocatedStorage: 20, multiAz: true, performanceInsightsEnabled: true, performanceInsightsRetentionPeriod: 93 });
    const report = estimateCost(runOf(db));
    expect(sum(report, "db", /Performance Insights/)).toBeCloseTo(8 * 1.7561 + 8 * 2 * 0.0739, 6);
    expect(quantity(report, "db", /first paid month/)).toBe(8);
    // The old method (Database Insights Advanced per vCPU-hour, standby left out) would give 4 x 730 x $0.0125 = $36.50.
    expect(report.lines.filter((l) => l.resource === "db" && l.unit === "vCPU-hours")).toEqual([]);
  });

  it("keeps the tier prices as the oracle's figures and bills Advanced mode only when the instance asks for it", () => {
    expect([PERFORMANCE_INSIGHTS_RETENTION_VCPU_MONTH.firstMonth.usd, PERFORMANCE_INSIGHTS_RETENTION_VCPU_MONTH.eachFurtherMonth.usd]).toEqual([1.7561, 0.0739]);
    const twoYears = estimateCost(runOf(resource(RDS, "db", { instanceClass: "db.r7g.large", engine: "postgres", allocatedStorage: 20, performanceInsightsEnabled: true, performanceInsightsRetentionPeriod: 731 })));
    expect(quantity(twoYears, "db", /further months/)).toBe(2 * 23);
    const advanced = estimateCost(runOf(resource(RDS, "db", { instanceClass: "db.r7g.large", engine: "postgres", allocatedStorage: 20, performanceInsightsEnabled: true, performanceInsightsRetentionPeriod: 465, databaseInsightsMode: "advanced" })));
    expect(advanced.lines.filter((l) => /Database Insights Advanced/.test(l.item)).map((l) => [l.quantity, l.unit])).toEqual([[2 * 730, "vCPU-hours"]]);
  });

  it("prices db.t4g.micro (PostgreSQL) at the $0.017 an hour issue 22 read on the eu-west-1 page, not $0.018", () => {
    expect(RDS_POSTGRES_INSTANCE_HOUR["db.t4g.micro"].usd).toBe(0.017);
  });

  it.each([[6, 1], [12, 2], [24, 3], [120, 3]])("bills a rotating KMS key in service %i months at $%i a month (rotated versions capped at two)", (months, usd) => {
    // Oracle: KMS pricing page: $1 per key-month, and $1 per month for each rotated backing key, the first two rotations only.
    const key = resource("aws:kms/key:Key", "key", { enableKeyRotation: true });
    const report = estimateCost(runOf(key), { objectStorageGb: {}, kmsKeyMonthsInService: months, kmsRequestsPerKeyMonth: 0 });
    expect(report.totalUsd).toBeCloseTo(usd, 9);
  });

  it("bills no rotated version for a key without rotation, and rotations by the key's own period", () => {
    const still = estimateCost(runOf(resource("aws:kms/key:Key", "key", {})), { objectStorageGb: {}, kmsKeyMonthsInService: 60, kmsRequestsPerKeyMonth: 0 });
    expect(still.totalUsd).toBe(FLAT.kmsKey.usd);
    const quarterly = estimateCost(runOf(resource("aws:kms/key:Key", "key", { enableKeyRotation: true, rotationPeriodInDays: 90 })), { objectStorageGb: {}, kmsKeyMonthsInService: 4, kmsRequestsPerKeyMonth: 0 });
    expect(quantity(quarterly, "key", /rotated versions/)).toBe(1);
  });
});

describe("usage drivers follow their assumptions", () => {
  it("bills cross-AZ client traffic: both sides for RDS, the EC2 side only for ElastiCache", () => {
    const db = resource(RDS, "db", { identifier: "db", engine: "postgres", instanceClass: "db.r7g.large", allocatedStorage: 20 });
    const cache = resource("aws:elasticache/replicationGroup:ReplicationGroup", "cache", { nodeType: "cache.r7g.large", numCacheClusters: 2 });
    const report = estimateCost(runOf(db, cache), ASSUMED);
    const share = COST_RATE_DEFAULTS.clientsCrossAzShare;
    expect(quantity(report, "db", /client traffic/)).toBeCloseTo(300 * share * 2, 9);
    expect(quantity(report, "cache", /client traffic/)).toBeCloseTo(1000 * share, 9);
    expect(sum(report, "cache", /client traffic/)).toBeCloseTo(1000 * share * USAGE.crossAzGb.usd, 9);
    const doubled = estimateCost(runOf(db, cache), { ...ASSUMED, cacheClientGbPerMonth: 2000 });
    expect(sum(doubled, "cache", /client traffic/)).toBeCloseTo(2 * sum(report, "cache", /client traffic/), 9);
  });

  it("reports a traffic volume the stack does not assume, naming the key, instead of $0", () => {
    const db = resource(RDS, "db", { identifier: "db", engine: "postgres", instanceClass: "db.r7g.large", allocatedStorage: 20 });
    const report = estimateCost(runOf(db));
    expect(report.unpriced).toContainEqual({ resource: "db", type: RDS, kind: "usage-not-assumed", reason: "client traffic to the instance not assumed: set sparki-storage:costAssumptions.databaseClientGbPerMonth" });
  });

  it("bills RDS backup storage only beyond the pooled free allowance of the provisioned storage", () => {
    const db = (retention: number) => resource(RDS, "db", { identifier: "db", engine: "postgres", instanceClass: "db.r7g.large", allocatedStorage: 100, backupRetentionPeriod: retention });
    // 100 GB + 14 days x 5 % x 100 GB = 170 GB of backups, 100 GB free: 70 GB-month billed.
    const alone = estimateCost(runOf(db(14)), { objectStorageGb: {}, rdsBackupDailyChangePercent: 5 });
    expect(quantity(alone, "db", /backup storage/)).toBeCloseTo(70, 9);
    // A replica's 100 GB adds to the allowance: 170 GB of backups, 200 GB free, nothing billed (a zero line says so).
    const replica = resource(RDS, "db-replica", { identifier: "db-replica", replicateSourceDb: "db", instanceClass: "db.r7g.large" });
    const pooled = estimateCost(runOf(db(14), replica), { objectStorageGb: {}, rdsBackupDailyChangePercent: 5 });
    expect(pooled.lines.filter((l) => /backup storage/.test(l.item)).map((l) => [l.resource, l.quantity])).toEqual([["db", 0]]);
  });

  it("bills ElastiCache snapshots beyond the free one, and Enhanced Monitoring samples as log ingestion", () => {
    const cache = resource("aws:elasticache/replicationGroup:ReplicationGroup", "cache", { nodeType: "cache.r7g.large", numCacheClusters: 2, snapshotRetentionLimit: 7 });
    const db = resource(RDS, "db", { identifier: "db", engine: "postgres", instanceClass: "db.r7g.large", allocatedStorage: 20, monitoringInterval: 60 });
    const report = estimateCost(runOf(cache, db), { ...ASSUMED, enhancedMonitoringKbPerSample: 10 });
    expect(quantity(report, "cache", /snapshots/)).toBe(6 * 10);
    // 730 h x 3600 s / 60 s = 43,800 samples of 10 KB = 0.438 GB.
    expect(quantity(report, "db", /Enhanced Monitoring logs/)).toBeCloseTo(0.438, 9);
    expect(sum(report, "db", /Enhanced Monitoring logs/)).toBeCloseTo(0.438 * FLAT.logIngestion.usd, 9);
  });

  it("bills MinIO's erasure-coded shards to and from servers in other zones", () => {
    expect([erasureSetSize(16), erasureSetSize(12), erasureSetSize(4), erasureSetSize(1)]).toEqual([16, 12, 4, 1]);
    const container = { image: "quay.io/minio/minio@sha256:0", env: [{ name: "MINIO_ROOT_USER" }, { name: "MINIO_STORAGE_CLASS_STANDARD", value: "EC:4" }] };
    const servers = resource("kubernetes:apps/v1:StatefulSet", "minio", { spec: { replicas: 4, volumeClaimTemplates: [{}, {}, {}, {}], template: { spec: { containers: [container] } } } });
    const report = estimateCost(runOf(servers), { ...ASSUMED, clientsCrossAzShare: 0.5 });
    // Writes: 120 GB x 16/12 x 3/4 x 0.5 x 2 sides = 120 GB; reads: 400 GB x 3/4 x 0.5 x 2 sides = 300 GB.
    expect(quantity(report, "minio", /write shards/)).toBeCloseTo(120, 9);
    expect(quantity(report, "minio", /read shards/)).toBeCloseTo(300, 9);
  });

  it("derives S3 requests and lifecycle transitions from the stored volume and object size", () => {
    const bucket = resource("aws:s3/bucket:Bucket", "b", { bucket: "x", tags: { DataClass: "artifacts" } });
    const lifecycle = resource("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "b-lc", { bucket: "x", rules: [{ transitions: [{ days: 30, storageClass: "STANDARD_IA" }], expiration: { days: 365.25 } }] });
    const report = estimateCost(runOf(bucket, lifecycle), { ...ASSUMED, objectStorageGb: { artifacts: 120 }, s3AverageObjectMb: 10, s3ReadsPerObjectWritten: 3 });
    // 120 GB / 10 MB = 12,000 objects renewed once a year: 1,000 PUTs and 1,000 transitions a month, 3,000 GETs.
    expect(quantity(report, "b", /PUT/)).toBeCloseTo(1, 9);
    expect(quantity(report, "b", /transitions to STANDARD_IA/)).toBeCloseTo(1, 9);
    expect(quantity(report, "b", /GET/)).toBeCloseTo(3, 9);
    expect(quantity(report, "b", /downloads to the internet/)).toBe(30);
  });

  it("bills Transfer Acceleration, endpoint processing, and Secrets Manager and KMS calls at their assumed volumes", () => {
    const report = estimateCost(runOf(
      resource("aws:s3/bucketAccelerateConfiguration:BucketAccelerateConfiguration", "acc", { status: "Enabled" }),
      resource("aws:ec2/vpcEndpoint:VpcEndpoint", "ep", { vpcEndpointType: "Interface", serviceName: "com.amazonaws.eu-west-1.kms", subnetIds: ["a", "b"] }),
      resource("aws:secretsmanager/secret:Secret", "s"),
      resource("aws:kms/key:Key", "k"),
    ), { ...ASSUMED, secretsApiCallsPerSecretMonth: 20_000, kmsRequestsPerKeyMonth: 100_000 });
    expect(sum(report, "acc", /Acceleration/)).toBeCloseTo(50 * USAGE.transferAccelerationGb.usd, 9);
    expect(sum(report, "ep", /data processed/)).toBeCloseTo(7 * USAGE.endpointProcessedGb.usd, 9);
    expect(sum(report, "s", /API calls/)).toBeCloseTo(2 * USAGE.secretsTenThousandCalls.usd, 9);
    expect(sum(report, "k", /API requests/)).toBeCloseTo(10 * USAGE.kmsTenThousandRequests.usd, 9);
  });
});

describe("disaster recovery and the audit archive (issue 21's parts)", () => {
  it("bills replication as the source's renewed volume across regions, plus RTC when on", () => {
    const source = resource("aws:s3/bucket:Bucket", "src", { bucket: "src", tags: { DataClass: "configBackups" } });
    const lifecycle = resource("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "src-lc", { bucket: "src", rules: [{ expiration: { days: 365.25 } }] });
    const replication = resource("aws:s3/bucketReplicationConfig:BucketReplicationConfig", "rep", { bucket: "src", rules: [{ destination: { replicationTime: { status: "Enabled" } } }] });
    const report = estimateCost(runOf(source, lifecycle, replication), { objectStorageGb: { configBackups: 120 } });
    // 120 GB kept a year: 10 GB written, so replicated, a month.
    expect(quantity(report, "rep", /replicated to the recovery region/)).toBeCloseTo(10, 9);
    expect(sum(report, "rep", /Replication Time Control/)).toBeCloseTo(10 * USAGE.s3ReplicationTimeControlGb.usd, 9);
  });

  it("bills replicated RDS backups in full in the recovery region, and the daily change across regions", () => {
    const db = resource(RDS, "db", { identifier: "db", engine: "postgres", instanceClass: "db.r7g.large", allocatedStorage: 200, backupRetentionPeriod: 14 });
    const copies = resource("aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication", "copies", { retentionPeriod: 14 }, { dependencies: [{ type: RDS, name: "db" }] });
    const report = estimateCost(runOf(db, copies), { objectStorageGb: {}, rdsBackupDailyChangePercent: 5 });
    expect(quantity(report, "copies", /replicated backups/)).toBeCloseTo(200 * (1 + 14 * 0.05), 9);
    expect(quantity(report, "copies", /across regions/)).toBeCloseTo(200 * 0.05 * (365.25 / 12), 9);
  });

  it("bills the archive stream's assumed GB as ingestion and decompression", () => {
    const stream = resource("aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream", "s", { extendedS3Configuration: { processingConfiguration: { processors: [{ type: "Decompression" }] } } });
    const report = estimateCost(runOf(stream), { objectStorageGb: {}, auditArchiveGbPerMonth: 20 });
    expect(sum(report, "s", /./)).toBeCloseTo(20 * (USAGE.firehoseIngestGb.usd + USAGE.firehoseDecompressGb.usd), 9);
    expect(estimateCost(runOf(stream)).unpriced.map((u) => u.reason)).toEqual(["GB forwarded to the archive stream not assumed: set sparki-storage:costAssumptions.auditArchiveGbPerMonth"]);
  });

  it("marks a resource of the recovery region's provider as priced at the price region's prices", () => {
    const dr = resource("pulumi:providers:aws", "dr-aws", { region: "eu-central-1" });
    const home = resource("pulumi:providers:aws", "aws", { region: "eu-west-1" });
    const key = { ...resource("aws:kms/key:Key", "dr-key"), provider: "urn:pulumi:prod::sparki-storage::pulumi:providers:aws::dr-aws::0000" };
    const report = estimateCost({ ...runOf(home, dr, key), outputs: { environment: { region: "eu-west-1" } } }, { objectStorageGb: {}, kmsRequestsPerKeyMonth: 0 });
    expect(report.pricedForRegion).toBe(true);
    expect(report.lines.map((l) => [l.item, l.check])).toEqual([["customer-managed key [in eu-central-1, at eu-west-1 prices]", "other-region"]]);
  });
});

describe.each(["dev", "prod"] as const)("every driver of issue 22 in the real %s estimate", (stack) => {
  const drivers: [string, RegExp][] = [
    ["RDS client traffic across AZs", /^client traffic/],
    ["RDS backup storage beyond the free allowance", /^backup storage beyond the free allowance/],
    ["Enhanced Monitoring logs", /^Enhanced Monitoring logs/],
    ["ElastiCache snapshot storage", /^snapshots: /],
    ["MinIO inter-server traffic", /^MinIO /],
    ["interface endpoint processing", /^data processed/],
    ["internet egress", /downloads to the internet$/],
    ["S3 requests", /PUT requests/],
    ["S3 lifecycle transitions", /lifecycle transitions to /],
    ["KMS API requests", /^API requests/],
    ["KMS rotated versions", /^rotated versions/],
    ["Secrets Manager API calls", /API calls/],
    ["audit archive stream ingestion", /^records ingested/],
    ...(stack === "prod" ? [
      ["Transfer Acceleration", /^Transfer Acceleration/], ["CDN delivery", /^CDN data transfer out/], ["CDN requests", /^CDN HTTPS requests/],
      ["S3 replication to the recovery region", /replicated to the recovery region/], ["replicated RDS backups", /^replicated backups in the recovery region/],
    ] as [string, RegExp][] : []),
  ];

  it.each(drivers)("has a %s line", async (_name, item) => {
    const report = estimateCost(await stackRun(stack, true), assumptionsOf(stack));
    expect(report.lines.some((l) => item.test(l.item))).toBe(true);
  });

  it("prices in the price region and says so", async () => {
    const report = estimateCost(await stackRun(stack, true), assumptionsOf(stack));
    expect(report).toMatchObject({ region: PRICE_REGION, pricedForRegion: true });
    expect(headline(report)).toMatch(new RegExp(`^≈ \\$[\\d,]+\\.\\d\\d per month in ${PRICE_REGION} \\(prices of \\d{4}-\\d\\d-\\d\\d; \\d+ % of it on prices not verified for the region(: \\d+ % seen for another region only)?\\)$`));
  });
});

describe("a stack outside the price region", () => {
  const provider = resource("pulumi:providers:aws", "default", { region: "us-east-1" });
  const key = resource("aws:kms/key:Key", "key");

  it("is NOT PRICED for its region, every line marked as another region's price", () => {
    const report = estimateCost(runOf(provider, key));
    expect(report.pricedForRegion).toBe(false);
    expect(report.lines.map((l) => l.check)).toEqual(report.lines.map(() => "other-region"));
    expect(report.unverifiedUsd).toBe(report.totalUsd);
    expect(headline(report)).toBe(`NOT PRICED for us-east-1: the price file holds eu-west-1's prices only (of ${report.pricesTaken}); at those the stack would cost ≈ $1.15 per month, which is not its cost in us-east-1`);
    expect(costText(report)[0]).toMatch(/^Monthly cost \(estimate\): NOT PRICED for us-east-1/);
    expect(costMarkdown(report).join("\n")).toContain("**NOT PRICED for us-east-1");
  });

  it("heads the summary's cost column as not priced", () => {
    const report = estimateCost(runOf(provider, key));
    const summaries: AdapterSummary[] = [{ key: "foundation", resources: 2, protectedNames: [], monthlyUsd: report.totalUsd, unpriced: 0 }];
    expect(summaryText(summaries, report)[0]).toBe("Summary by adapter (resources, protected, NOT PRICED for us-east-1: eu-west-1 prices):");
    expect(summaryMarkdown(summaries, report)[2]).toBe("| Adapter | Resources | Per month (NOT PRICED for us-east-1: eu-west-1 prices) | Protected |");
  });
});

describe("per-adapter cost against the base", () => {
  const report = estimateCost(runOf(resource("aws:kms/key:Key", "key")), { objectStorageGb: {}, kmsRequestsPerKeyMonth: 0 });
  const summaries: AdapterSummary[] = [
    { key: "foundation", resources: 3, protectedNames: [], monthlyUsd: 10, unpriced: 0 },
    { key: "redis", resources: 5, protectedNames: [], monthlyUsd: 120.5, unpriced: 0 },
    { key: "minio", resources: 9, protectedNames: [], monthlyUsd: 40, unpriced: 1 },
  ];
  const base = { stack: "prod", resources: [], cost: { totalUsd: 150 }, adapters: [{ key: "foundation", monthlyUsd: 10 }, { key: "redis", monthlyUsd: 100 }, { key: "postgres", monthlyUsd: 40 }] };
  const head = { stack: "prod", resources: [], cost: { totalUsd: 170.5 }, adapters: summaries.map((s) => ({ key: s.key, monthlyUsd: s.monthlyUsd })) };

  it("reads each adapter's cost from a JSON plan and compares it by key", () => {
    expect(parsePlanned(JSON.stringify({ ...base, adapters: [{ key: "redis", monthlyUsd: 100, resources: 5, protectedNames: [], unpriced: 0 }] })).adapters).toEqual([{ key: "redis", monthlyUsd: 100 }]);
    expect(parsePlanned(JSON.stringify({ stack: "prod", resources: [] })).adapters).toBeUndefined();
    expect(parsePlanned(JSON.stringify({ stack: "prod", resources: [], adapters: [{ key: "redis", resources: 5 }] })).adapters).toBeUndefined();
    expect(diffPlans(base, head, "sparki-storage").adapterCostUsd).toEqual({
      foundation: { before: 10, after: 10 }, redis: { before: 100, after: 120.5 }, minio: { before: 0, after: 40 }, postgres: { before: 40, after: 0 },
    });
  });

  it("shows each adapter's monthly cost and change in the text and Markdown summaries", () => {
    const comparison = { ref: "origin/main", commit: "0123456789abcdef", diff: diffPlans({ ...base, adapters: base.adapters.slice(0, 2) }, head, "sparki-storage") };
    const text = summaryText(summaries, { ...report, totalUsd: 170.5 }, comparison);
    expect(text[0]).toBe("Summary by adapter (resources, protected, monthly cost estimate, change against origin/main):");
    expect(text[2]).toBe("  redis          5 resources       $120.50/month     +$20.50  none protected");
    expect(text[3]).toBe("  minio          9 resources        $40.00/month     +$40.00 (+ 1 not priced)  none protected");
    expect(text.at(-1)).toBe("  total         17 resources       $170.50/month     +$20.50  0 protected");
    const markdown = summaryMarkdown(summaries, { ...report, totalUsd: 170.5 }, comparison);
    expect(markdown).toContain("| `redis` | 5 | $120.50 | +$20.50 | none |");
    expect(markdown).toContain("| `foundation` | 3 | $10.00 | ±$0.00 | none |");
  });

  it("lists an adapter the base had and the head has not as a saving, and a base without per-adapter costs as no column", () => {
    const comparison = { ref: "main", commit: "0123456789abcdef", diff: diffPlans(base, head, "sparki-storage") };
    expect(summaryText(summaries, report, comparison)).toContain("  postgres    removed  -$40.00/month");
    const older = { ref: "main", commit: "0123456789abcdef", diff: diffPlans({ ...base, adapters: undefined }, head, "sparki-storage") };
    expect(summaryMarkdown(summaries, report, older)[2]).toBe("| Adapter | Resources | Per month (estimate) | Protected |");
  });
});

describe("the README's cost section", () => {
  const readme = readFileSync(`${REPO_ROOT}/README.md`, "utf8");
  const section = readme.slice(readme.indexOf("## Cost estimate"), readme.indexOf("\n## ", readme.indexOf("## Cost estimate") + 3));
  const rows = section.split("\n").filter((l) => l.startsWith("| `"));

  it("has a row for every key of sparki-storage:costAssumptions", () => {
    const keys = Object.keys(costAssumptionsSchema.shape);
    expect(keys.length).toBeGreaterThan(15);
    for (const key of keys) expect(rows.some((r) => r.includes(`\`${key}`)), key).toBe(true);
  });

  it("states each rate's default as the schema applies it", () => {
    for (const [key, value] of Object.entries(COST_RATE_DEFAULTS)) {
      const row = rows.find((r) => r.startsWith(`| \`${key}\``));
      expect(row?.split(" | ")[1], key).toBe(value.toLocaleString("en-US"));
    }
  });
});

describe("price sources", () => {
  it("lists every price page behind the lines with its date and check, the newer checks dated", () => {
    const report = estimateCost(runOf(resource("aws:kms/key:Key", "k", { enableKeyRotation: true })), { objectStorageGb: {}, kmsKeyMonthsInService: 24 });
    const text = costText(report);
    const kms = text.find((l) => l.includes("https://aws.amazon.com/kms/pricing/"));
    expect(kms).toMatch(/\$3\.15 {2}https:\/\/aws\.amazon\.com\/kms\/pricing\/ \(2026-11-25, 2026-11-29; unverified\)$/);
    expect(costMarkdown(report).at(-1)).toMatch(/the text plan lists each price page and its date\)\._$/);
  });

  it("keeps the Markdown table short, summing the cheaper rows per type, and its column still adds up to the total", async () => {
    const report = estimateCost(await stackRun("prod", true), assumptionsOf("prod"));
    const markdown = costMarkdown(report);
    const rows = markdown.filter((l) => l.startsWith("| ") && !l.startsWith("| Resource") && !l.startsWith("| ---") && !l.startsWith("| **Total**"));
    expect(rows.filter((l) => !/smaller items?/.test(l)).join("\n").length).toBeLessThanOrEqual(MARKDOWN_ROWS_MAX_CHARS);
    expect(rows.some((l) => /smaller items? \(the text plan lists them\)/.test(l))).toBe(true);
    const column = rows.reduce((n, l) => n + Number(/\$([\d,]+\.\d\d) \|$/.exec(l)![1].replace(/,/g, "")), 0);
    expect(column).toBeCloseTo(report.totalUsd, 0);
    expect(costText(report).filter((l) => /^ {4} +\$[\d,]+\.\d\d {2}\S/.test(l)).length).toBeGreaterThan(rows.length);
  });
});
