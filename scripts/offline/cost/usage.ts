// The usage drivers of the estimate (issue 22): lines whose quantity comes from a stated assumption of
// sparki-storage:costAssumptions (stacks/config/cost-assumptions.ts) and the billing rule in prices.ts they follow.
import { COST_RATE_DEFAULTS } from "../../../stacks/config/cost-assumptions";
import type { RegisteredResource } from "../run-program";
import { type Context, type CostAssumptions, type CostLine, line, notAssumed, num, type Priced, str } from "./priced";
import {
  FLAT, HOURS_PER_MONTH, PERFORMANCE_INSIGHTS_RETENTION_VCPU_MONTH, PERFORMANCE_INSIGHTS_VCPU_HOUR, RULES, S3_TRANSITION_THOUSAND, USAGE, USAGE_RULES,
} from "./prices";

/** Days in an average month (365.25 / 12), for per-month rates from daily figures. */
export const DAYS_PER_MONTH = 365.25 / 12;
const SECONDS_PER_MONTH = HOURS_PER_MONTH * 3600;

export const rateOf = (a: CostAssumptions, key: keyof typeof COST_RATE_DEFAULTS): number => a[key] ?? COST_RATE_DEFAULTS[key];
const share = (ctx: Context) => rateOf(ctx.assumptions, "clientsCrossAzShare");
const pct = (n: number) => `${Math.round(n * 100)} %`;

/**
 * Paid Performance Insights retention (RULES.performanceInsightsRetention): `month x 31` days billed per vCPU-month at
 * the first month's rate plus the further-month rate for each month after it; a Multi-AZ standby's vCPUs count too.
 * Database Insights Advanced mode instead bills every vCPU-hour and includes 15 months of retention.
 */
export function performanceInsights(r: RegisteredResource, pi: { retentionDays: number; vcpus: number; copies: number; advanced: boolean }): CostLine[] {
  const vcpus = pi.vcpus * (RULES.performanceInsightsRetention.multiAzCountsStandby ? pi.copies : 1);
  const who = pi.copies > 1 ? `${pi.vcpus} vCPU x ${pi.copies} (primary + standby)` : `${pi.vcpus} vCPU`;
  if (pi.advanced) return [line(r, `Database Insights Advanced (${who})`, vcpus * HOURS_PER_MONTH, "vCPU-hours", PERFORMANCE_INSIGHTS_VCPU_HOUR)];
  const months = Math.ceil(pi.retentionDays / RULES.performanceInsightsRetention.daysPerMonth);
  const { firstMonth, eachFurtherMonth } = PERFORMANCE_INSIGHTS_RETENTION_VCPU_MONTH;
  const lines = [line(r, `Performance Insights ${pi.retentionDays}-day retention, first paid month (${who})`, vcpus, "vCPU-months", firstMonth)];
  if (months > 1) lines.push(line(r, `Performance Insights ${pi.retentionDays}-day retention, ${months - 1} further months (${who})`, vcpus * (months - 1), "vCPU-months", eachFurtherMonth));
  return lines;
}

/** A customer-managed key: the key-month, its billed rotated versions (at most two) and its assumed API requests. */
export function kmsKey(ctx: Context, r: RegisteredResource): Priced {
  const lines = [line(r, "customer-managed key", 1, "key-months", FLAT.kmsKey)];
  if (r.inputs.enableKeyRotation === true) {
    const period = num(r.inputs.rotationPeriodInDays) ?? RULES.kmsRotatedVersions.defaultRotationDays;
    const months = rateOf(ctx.assumptions, "kmsKeyMonthsInService");
    const rotations = Math.min(RULES.kmsRotatedVersions.billedAtMost, Math.floor((months * DAYS_PER_MONTH) / period));
    if (rotations > 0) lines.push(line(r, `rotated versions (${months} months in service, every ${period} days; at most ${RULES.kmsRotatedVersions.billedAtMost} billed)`, rotations, "version-months", FLAT.kmsRotatedVersion));
  }
  const requests = rateOf(ctx.assumptions, "kmsRequestsPerKeyMonth");
  if (requests > 0) lines.push(line(r, `API requests (assumed ${requests.toLocaleString("en-US")} per month)`, requests / 10_000, "10,000 requests", USAGE.kmsTenThousandRequests));
  return { lines, unpriced: [] };
}

/** Secrets Manager API calls of one secret (Pulumi's or the RDS-managed one), at the assumed rate. */
export function secretCalls(ctx: Context, r: RegisteredResource, what = "secret"): CostLine[] {
  const calls = rateOf(ctx.assumptions, "secretsApiCallsPerSecretMonth");
  return calls > 0 ? [line(r, `${what} API calls (assumed ${calls.toLocaleString("en-US")} per month)`, calls / 10_000, "10,000 API calls", USAGE.secretsTenThousandCalls)] : [];
}

/** Client traffic crossing an AZ: GB x the cross-AZ share x the sides billed (USAGE_RULES.crossAzSides). */
function crossAz(ctx: Context, r: RegisteredResource, gb: number, sides: number, what: string): CostLine {
  const s = share(ctx);
  return line(r, `${what}: ${gb} GB/month x ${pct(s)} across AZs, billed on ${sides} side${sides > 1 ? "s" : ""}`, gb * s * sides, "GB", USAGE.crossAzGb);
}

/** An RDS instance's client traffic across AZs and its Enhanced Monitoring samples in CloudWatch Logs. */
export function rdsUsage(ctx: Context, r: RegisteredResource): Priced {
  const priced: Priced = { lines: [], unpriced: [] };
  const gb = ctx.assumptions.databaseClientGbPerMonth;
  if (gb === undefined) priced.unpriced.push(notAssumed(r, "client traffic to the instance", "databaseClientGbPerMonth"));
  else if (gb > 0) priced.lines.push(crossAz(ctx, r, gb, USAGE_RULES.crossAzSides.rds, "client traffic"));
  const interval = num(r.inputs.monitoringInterval) ?? 0;
  if (interval > 0) {
    const kb = rateOf(ctx.assumptions, "enhancedMonitoringKbPerSample");
    const ingestedGb = (SECONDS_PER_MONTH / interval) * kb / 1e6;
    const retained = USAGE_RULES.enhancedMonitoringLogs.retentionDays / DAYS_PER_MONTH;
    priced.lines.push(
      line(r, `Enhanced Monitoring logs (every ${interval} s, assumed ${kb} KB per sample)`, ingestedGb, "GB", FLAT.logIngestion),
      line(r, `Enhanced Monitoring log storage (RDSOSMetrics, ${USAGE_RULES.enhancedMonitoringLogs.retentionDays} days)`, ingestedGb * retained, "GB-month", FLAT.logStorage),
    );
  }
  return priced;
}

/**
 * Automated backup storage beyond the free allowance (USAGE_RULES.rdsFreeBackup: 100 % of the region's provisioned
 * database storage, pooled; replicas' storage counted, the Multi-AZ standby's not). Each instance with backups keeps
 * its allocated storage (used = allocated, an upper bound) plus the assumed daily change for each retained day; the
 * excess over the pooled allowance is shared out in proportion to each instance's backup size. Within the allowance,
 * a zero line says so (never a silent $0).
 */
export function rdsBackups(ctx: Context): CostLine[] {
  const instances = ctx.run.resources.filter((r) => r.custom && r.type === "aws:rds/instance:Instance");
  const byIdentifier = new Map(instances.map((r) => [str(r.inputs.identifier), r]));
  // A replica without its own allocation has its source's.
  const allocated = (r: RegisteredResource) => num(r.inputs.allocatedStorage) ?? num(byIdentifier.get(str(r.inputs.replicateSourceDb))?.inputs.allocatedStorage) ?? 0;
  const daily = rateOf(ctx.assumptions, "rdsBackupDailyChangePercent") / 100;
  const retentionOf = (r: RegisteredResource) => num(r.inputs.backupRetentionPeriod) ?? 0;
  const backedUp = instances.filter((r) => retentionOf(r) > 0 && allocated(r) > 0);
  const sizeOf = (r: RegisteredResource) => allocated(r) * (1 + retentionOf(r) * daily);
  const total = backedUp.reduce((sum, r) => sum + sizeOf(r), 0);
  const free = instances.reduce((sum, r) => sum + allocated(r), 0) * USAGE_RULES.rdsFreeBackup.shareOfProvisioned;
  const excess = Math.max(0, total - free);
  const pooled = `stack: ${Math.round(total)} GB of backups, ${Math.round(free)} GB free`;
  return backedUp.map((r) => line(r, `backup storage beyond the free allowance (${retentionOf(r)} day${retentionOf(r) === 1 ? "" : "s"} x ${pct(daily)} daily change; ${pooled})`,
    excess * (sizeOf(r) / total), "GB-month", USAGE.rdsBackupGbMonth));
}

/** A cache's client traffic across AZs (only the EC2 side is billed) and its snapshots beyond the free one. */
export function cacheUsage(ctx: Context, r: RegisteredResource): Priced {
  const priced: Priced = { lines: [], unpriced: [] };
  const gb = ctx.assumptions.cacheClientGbPerMonth;
  if (gb === undefined) priced.unpriced.push(notAssumed(r, "client traffic to the cache", "cacheClientGbPerMonth"));
  else if (gb > 0) priced.lines.push(crossAz(ctx, r, gb, USAGE_RULES.crossAzSides.elastiCache, "client traffic"));
  const snapshots = num(r.inputs.snapshotRetentionLimit) ?? 0;
  const billed = Math.max(0, snapshots - USAGE_RULES.elastiCacheFreeSnapshots.perCache);
  // Within the free snapshot: a zero line, so the driver is seen to be counted.
  if (snapshots > 0 && billed === 0) priced.lines.push(line(r, `snapshots: ${snapshots} kept, ${USAGE_RULES.elastiCacheFreeSnapshots.perCache} free`, 0, "GB-month", USAGE.elastiCacheBackupGbMonth));
  if (billed > 0) {
    const dataset = ctx.assumptions.cacheDatasetGb;
    if (dataset === undefined) priced.unpriced.push(notAssumed(r, "snapshot size (the cache's data)", "cacheDatasetGb"));
    else priced.lines.push(line(r, `snapshots: ${snapshots} kept, ${USAGE_RULES.elastiCacheFreeSnapshots.perCache} free, ${dataset} GB each`, billed * dataset, "GB-month", USAGE.elastiCacheBackupGbMonth));
  }
  return priced;
}

type Container = { image?: string; env?: { name?: string; value?: string }[] };
type StatefulSetSpec = { replicas?: number; volumeClaimTemplates?: unknown[]; template?: { spec?: { containers?: Container[] } } };

/** The largest erasure set size MinIO can pick for `drives`: a divisor of the drive count from 2 to 16. */
export function erasureSetSize(drives: number): number {
  for (let size = Math.min(16, drives); size >= 2; size--) if (drives % size === 0) return size;
  return 1;
}

/**
 * MinIO inter-server traffic across zones: a write of S GB sends S x set/(set - parity) of shards, (servers - 1)/servers
 * of it to other servers; a read fetches (servers - 1)/servers of the data shards from other servers. The cross-AZ share
 * of that is billed on both EC2 sides. Servers are spread over zones (the StatefulSet's topology spread constraint).
 */
export function minioTraffic(ctx: Context, r: RegisteredResource): Priced {
  const spec = (r.inputs.spec ?? {}) as StatefulSetSpec;
  const containers = spec.template?.spec?.containers ?? [];
  const env = containers.flatMap((c) => c.env ?? []);
  const isMinio = env.some((e) => e.name === "MINIO_ROOT_USER") || containers.some((c) => /minio/.test(c.image ?? ""));
  const servers = num(spec.replicas) ?? 1;
  if (!isMinio) return { lines: [], unpriced: [] };
  // One server keeps every shard on its own drives: nothing crosses a zone.
  if (servers < 2) return { lines: [line(r, "MinIO inter-server traffic: none (a single server)", 0, "GB", USAGE.crossAzGb)], unpriced: [] };
  const written = ctx.assumptions.minioWrittenGbPerMonth;
  const read = ctx.assumptions.minioReadGbPerMonth;
  const priced: Priced = { lines: [], unpriced: [] };
  if (written === undefined) priced.unpriced.push(notAssumed(r, "MinIO writes (inter-server traffic)", "minioWrittenGbPerMonth"));
  if (read === undefined) priced.unpriced.push(notAssumed(r, "MinIO reads (inter-server traffic)", "minioReadGbPerMonth"));
  const drives = servers * Math.max(1, spec.volumeClaimTemplates?.length ?? 1);
  const set = erasureSetSize(drives);
  const parity = Number(/^EC:(\d+)$/.exec(env.find((e) => e.name === "MINIO_STORAGE_CLASS_STANDARD")?.value ?? "")?.[1] ?? 0);
  const remote = (servers - 1) / servers;
  const sides = USAGE_RULES.crossAzSides.ec2;
  const s = share(ctx);
  if (written !== undefined && written > 0) {
    const amplified = written * (set / (set - parity));
    priced.lines.push(line(r, `MinIO write shards to other servers: ${written} GB/month x ${set}/${set - parity} (EC:${parity}) x ${servers - 1}/${servers} x ${pct(s)} across AZs, both sides`, amplified * remote * s * sides, "GB", USAGE.crossAzGb));
  }
  if (read !== undefined && read > 0) {
    priced.lines.push(line(r, `MinIO read shards from other servers: ${read} GB/month x ${servers - 1}/${servers} x ${pct(s)} across AZs, both sides`, read * remote * s * sides, "GB", USAGE.crossAzGb));
  }
  return priced;
}

/**
 * A bucket's requests from its assumed volume: objects stored = GB / average object size; in steady state as many are
 * written per month as the lifetime renews (stored x days per month / lifetime days), each written object passes every
 * lifecycle transition once, and is read the assumed number of times. Plus its assumed internet egress.
 */
export function bucketUsage(ctx: Context, r: RegisteredResource, usage: { dataClass: string; gb: number; segments: readonly { storageClass: string; days: number }[] }): Priced {
  const priced: Priced = { lines: [], unpriced: [] };
  const lifetime = usage.segments.reduce((sum, s) => sum + s.days, 0);
  const objectMb = rateOf(ctx.assumptions, "s3AverageObjectMb");
  if (lifetime > 0 && objectMb > 0 && usage.gb > 0) {
    const written = (usage.gb * 1000 / objectMb) * (DAYS_PER_MONTH / lifetime);
    const reads = rateOf(ctx.assumptions, "s3ReadsPerObjectWritten");
    priced.lines.push(line(r, `${usage.dataClass} PUT requests (${objectMb} MB objects, renewed every ${lifetime} days)`, written / 1000, "1,000 requests", USAGE.s3PutThousand));
    if (reads > 0) priced.lines.push(line(r, `${usage.dataClass} GET requests (${reads} per object written)`, (written * reads) / 1000, "1,000 requests", USAGE.s3GetThousand));
    for (const segment of usage.segments.slice(1)) {
      const price = S3_TRANSITION_THOUSAND[segment.storageClass];
      if (price) priced.lines.push(line(r, `${usage.dataClass} lifecycle transitions to ${segment.storageClass}`, written / 1000, "1,000 transitions", price));
    }
  }
  const egress = ctx.assumptions.internetEgressGbPerMonth;
  if (egress === undefined) priced.unpriced.push(notAssumed(r, "internet egress", `internetEgressGbPerMonth.${usage.dataClass}`));
  else if ((egress[usage.dataClass] ?? 0) > 0) priced.lines.push(line(r, `${usage.dataClass} downloads to the internet`, egress[usage.dataClass]!, "GB", USAGE.internetEgressGb));
  return priced;
}

/** Transfer Acceleration (when enabled): the assumed accelerated GB, on top of transfer out. */
export function transferAcceleration(ctx: Context, r: RegisteredResource): Priced {
  if (str(r.inputs.status) !== "Enabled") return { lines: [], unpriced: [], free: true };
  const gb = ctx.assumptions.acceleratedGbPerMonth;
  if (gb === undefined) return { lines: [], unpriced: [notAssumed(r, "accelerated transfer", "acceleratedGbPerMonth")] };
  return { lines: gb > 0 ? [line(r, "Transfer Acceleration (assumed GB through edge locations)", gb, "GB", USAGE.transferAccelerationGb)] : [], unpriced: [] };
}

/** A CloudFront distribution: the assumed GB delivered to the internet and HTTPS requests (origin fetches from S3 are free). */
export function cdnDelivery(ctx: Context, r: RegisteredResource): Priced {
  const gb = ctx.assumptions.cdnGbDeliveredPerMonth;
  const requests = ctx.assumptions.cdnRequestsPerMonth;
  const priced: Priced = { lines: [], unpriced: [] };
  if (gb === undefined) priced.unpriced.push(notAssumed(r, "GB delivered by the CDN", "cdnGbDeliveredPerMonth"));
  else priced.lines.push(line(r, "CDN data transfer out (assumed GB delivered)", gb, "GB", USAGE.cloudfrontGb));
  if (requests === undefined) priced.unpriced.push(notAssumed(r, "CDN requests", "cdnRequestsPerMonth"));
  else priced.lines.push(line(r, `CDN HTTPS requests (assumed ${requests.toLocaleString("en-US")} per month)`, requests / 10_000, "10,000 requests", USAGE.cloudfrontTenThousandHttps));
  return priced;
}

/** Replicated GB per month to another region: inter-region transfer, plus Replication Time Control when enabled. */
export function replicationLines(r: RegisteredResource, dataClass: string, gbPerMonth: number, rtc: boolean): CostLine[] {
  const lines = [line(r, `${dataClass} replicated to the recovery region (stored GB renewed over its lifetime)`, gbPerMonth, "GB", USAGE.interRegionGb)];
  if (rtc) lines.push(line(r, `${dataClass} Replication Time Control`, gbPerMonth, "GB", USAGE.s3ReplicationTimeControlGb));
  return lines;
}

/**
 * Automated backups replicated to the recovery region: there the whole backup is billed (no free allowance: it is not
 * that region's database storage), and each day's change crosses regions. Sizes as in {@link rdsBackups}.
 */
export function backupsReplication(ctx: Context, r: RegisteredResource, instance: RegisteredResource | undefined): Priced {
  const allocated = num(instance?.inputs.allocatedStorage);
  if (allocated === undefined) return { lines: [], unpriced: [{ resource: r.name, type: r.type, kind: "unknown-sku", reason: "source instance's allocated storage unknown" }] };
  const retention = num(r.inputs.retentionPeriod) ?? num(instance?.inputs.backupRetentionPeriod) ?? 7;
  const daily = rateOf(ctx.assumptions, "rdsBackupDailyChangePercent") / 100;
  return {
    lines: [
      line(r, `replicated backups in the recovery region (${allocated} GB + ${retention} days x ${pct(daily)} daily change; no free allowance there)`, allocated * (1 + retention * daily), "GB-month", USAGE.rdsBackupGbMonth),
      line(r, "daily backup changes copied across regions", allocated * daily * DAYS_PER_MONTH, "GB", USAGE.interRegionGb),
    ],
    unpriced: [],
  };
}

/** A Firehose stream fed by a CloudWatch Logs subscription: the assumed GB ingested, decompressed on the way (GZIP). */
export function firehoseStream(ctx: Context, r: RegisteredResource): Priced {
  const gb = ctx.assumptions.auditArchiveGbPerMonth;
  if (gb === undefined) return { lines: [], unpriced: [notAssumed(r, "GB forwarded to the archive stream", "auditArchiveGbPerMonth")] };
  const config = (r.inputs.extendedS3Configuration ?? {}) as { processingConfiguration?: { processors?: { type?: string }[] } };
  const decompresses = (config.processingConfiguration?.processors ?? []).some((p) => p.type === "Decompression");
  const lines = [line(r, "records ingested (assumed GB of audit lines)", gb, "GB", USAGE.firehoseIngestGb)];
  if (decompresses) lines.push(line(r, "CloudWatch Logs decompression", gb, "GB", USAGE.firehoseDecompressGb));
  return { lines, unpriced: [] };
}

/** An interface endpoint's processed data at the assumed volume. */
export function endpointProcessing(ctx: Context, r: RegisteredResource): Priced {
  const gb = ctx.assumptions.endpointGbPerMonth;
  if (gb === undefined) return { lines: [], unpriced: [notAssumed(r, "data processed by the endpoint", "endpointGbPerMonth")] };
  return { lines: gb > 0 ? [line(r, "data processed (assumed)", gb, "GB", USAGE.endpointProcessedGb)] : [], unpriced: [] };
}
