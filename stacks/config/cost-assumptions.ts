import { z } from "zod";
import { DATA_CLASS_KEYS } from "../../components/object-store/data-classes";
import { documented } from "./docs";
import { section } from "./rules";

/** A non-negative number up to `max`, decimals allowed. */
function amount(max: number, unit: string) {
  const error = `must be a number 0..${max} (${unit})`;
  return z.number({ error }).min(0, { error }).max(max, { error });
}

/** Data classes with a bucket each: the S3 data classes plus the access-log bucket. */
export const COST_DATA_CLASSES = [...DATA_CLASS_KEYS, "accessLogs"] as const;
export type CostDataClass = (typeof COST_DATA_CLASSES)[number];

const storedGb = documented(amount(10_000_000, "GB stored").optional(), {
  type: "number GB 0..10000000",
  default: "— (reported as not assumed); stack files: dev 1–30, prod 50–2000",
  description: "Data stored per S3 data class at steady state, for the plan's cost estimate only (the program ignores it). `<class>`: the S3 classes plus `accessLogs`.",
});

const egressGb = documented(amount(10_000_000, "GB per month").optional(), {
  type: "number GB 0..10000000",
  default: "— (a class not listed sends nothing to the internet)",
  description: "GB per month downloaded from the class's bucket to the internet (billed as data transfer out).",
});

/**
 * Usage figures that differ by orders of magnitude between dev and prod: no default, so a stack that leaves one out
 * sees the driver reported as not assumed (never $0). Stack files set them next to the stored volumes.
 */
const volume = (max: number, unit: string, description: string, stackFiles: string) => documented(amount(max, unit).optional(), {
  type: `number ${unit.split(" ")[0]} 0..${max}`,
  default: `— (reported as not assumed); stack files: ${stackFiles}`,
  description: `${description} For the cost estimate only.`,
});

/**
 * Rates with a default every stack shares: how usage turns into billed quantities. Each default is an assumption,
 * stated in the README's cost section; a stack file may override it.
 */
export const COST_RATE_DEFAULTS = {
  clientsCrossAzShare: 0.67,
  kmsKeyMonthsInService: 24,
  kmsRequestsPerKeyMonth: 50_000,
  secretsApiCallsPerSecretMonth: 10_000,
  rdsBackupDailyChangePercent: 5,
  enhancedMonitoringKbPerSample: 10,
  s3AverageObjectMb: 1,
  s3ReadsPerObjectWritten: 5,
} as const;

const rate = (key: keyof typeof COST_RATE_DEFAULTS, max: number, unit: string, description: string) =>
  documented(amount(max, unit).optional(), { type: `number 0..${max}`, default: `${COST_RATE_DEFAULTS[key]} (${unit})`, description: `${description} For the cost estimate only.` });

/**
 * `sparki-storage:costAssumptions`: usage the monthly cost estimate of the offline plan cannot read from the
 * resources (scripts/offline/cost). The program itself ignores it. Absent volumes are reported as not assumed;
 * absent rates take the defaults in {@link COST_RATE_DEFAULTS}.
 */
export const costAssumptionsSchema = documented(section({
  /** GB stored per data class at steady state; the bucket's lifecycle rules split it over storage classes. */
  objectStorageGb: documented(section(
    Object.fromEntries(COST_DATA_CLASSES.map((k) => [k, storedGb])) as Record<CostDataClass, typeof storedGb>,
  ), { description: "GB stored per data class.", each: "<class>" }).default({}),
  /** GB ingested per month into each CloudWatch log group the stack creates. */
  logIngestGbPerGroupMonth: documented(amount(100_000, "GB per month").optional(), {
    type: "number GB 0..100000",
    default: "— (reported as not assumed); stack files: dev 0.5, prod 5",
    description: "GB ingested per month into each CloudWatch log group, for the cost estimate only.",
  }),
  /** GB per month between clients and each cache (replication group or Memcached cluster), both directions. */
  cacheClientGbPerMonth: volume(10_000_000, "GB per month", "GB exchanged per month between clients and each cache (both directions); the cross-AZ share is billed as regional data transfer.", "dev 10, prod 3000"),
  /** GB of data held by each cache: the size of one snapshot. */
  cacheDatasetGb: volume(100_000, "GB", "GB of data held by each cache, the size of one snapshot; snapshots beyond the free one are billed as backup storage.", "dev 0.5, prod 15"),
  /** GB per month between clients and each RDS instance (primary and every replica), both directions. */
  databaseClientGbPerMonth: volume(10_000_000, "GB per month", "GB exchanged per month between clients and each RDS instance, primary and each replica (both directions); the cross-AZ share is billed as regional data transfer.", "dev 5, prod 1000"),
  /** GB written to MinIO per month by its clients. */
  minioWrittenGbPerMonth: volume(10_000_000, "GB per month", "GB written to MinIO per month; erasure-coded shards to servers in other zones are billed as regional data transfer.", "dev 5, prod 500"),
  /** GB read from MinIO per month by its clients. */
  minioReadGbPerMonth: volume(10_000_000, "GB per month", "GB read from MinIO per month; shards fetched from servers in other zones are billed as regional data transfer.", "dev 10, prod 2000"),
  /** GB per month through S3 Transfer Acceleration, per bucket that enables it. */
  acceleratedGbPerMonth: volume(10_000_000, "GB per month", "GB per month uploaded or downloaded through S3 Transfer Acceleration, per bucket that enables it.", "dev 1, prod 500"),
  /** GB per month processed by each interface VPC endpoint. */
  endpointGbPerMonth: volume(10_000_000, "GB per month", "GB processed per month by each interface VPC endpoint.", "dev 1, prod 20"),
  /** GB per month delivered by the CloudFront distribution (objectStore artifacts delivery). */
  cdnGbDeliveredPerMonth: volume(10_000_000, "GB per month", "GB per month delivered to the internet by the artifacts' CloudFront distribution (objectStore delivery).", "prod 500 (dev has no CDN)"),
  /** HTTPS requests per month to the CloudFront distribution. */
  cdnRequestsPerMonth: volume(10_000_000_000, "requests per month", "HTTPS requests per month to the artifacts' CloudFront distribution.", "prod 2000000 (dev has no CDN)"),
  /** GB of audit lines forwarded per month to the audit archive's Firehose stream (postgres.audit). */
  auditArchiveGbPerMonth: volume(1_000_000, "GB per month", "GB of database audit lines forwarded per month through the audit archive's Firehose stream (postgres.audit).", "dev 0.1, prod 20"),
  /** GB per month downloaded to the internet, per data class. */
  internetEgressGbPerMonth: documented(section(
    Object.fromEntries(COST_DATA_CLASSES.map((k) => [k, egressGb])) as Record<CostDataClass, typeof egressGb>,
  ), { description: "GB per month sent to the internet per data class (a class not listed sends none); absent altogether: reported as not assumed.", each: "<class>" }).optional(),
  clientsCrossAzShare: rate("clientsCrossAzShare", 1, "share of client traffic", "Share of client traffic (caches, databases, MinIO servers) that crosses an Availability Zone: 0.67 for clients spread evenly over three zones."),
  kmsKeyMonthsInService: rate("kmsKeyMonthsInService", 1200, "months", "Age of each rotation-enabled KMS key: its rotations so far (one per rotation period, at most two billed)."),
  kmsRequestsPerKeyMonth: rate("kmsRequestsPerKeyMonth", 1_000_000_000, "requests per month", "KMS API requests per customer-managed key and month (encrypt, decrypt, generate data key by the services using it)."),
  secretsApiCallsPerSecretMonth: rate("secretsApiCallsPerSecretMonth", 1_000_000_000, "API calls per month", "Secrets Manager API calls per secret and month (clients fetching it, rotations)."),
  rdsBackupDailyChangePercent: rate("rdsBackupDailyChangePercent", 100, "% of allocated storage per day", "Share of an RDS instance's allocated storage changed per day: what automated backups keep per retained day beyond the first full snapshot."),
  enhancedMonitoringKbPerSample: rate("enhancedMonitoringKbPerSample", 1000, "KB per sample", "Size of one Enhanced Monitoring sample in the RDSOSMetrics log group (OS metrics and the process list)."),
  s3AverageObjectMb: rate("s3AverageObjectMb", 5_000_000, "MB", "Average object size: stored GB over it gives the objects written (PUT) and transitioned per month."),
  s3ReadsPerObjectWritten: rate("s3ReadsPerObjectWritten", 1_000_000, "GET per object", "GET requests per object written, over its life."),
}), {
  description: "usage behind the offline plan's monthly cost estimate (the program ignores it): GB stored per S3 data class, GB ingested per CloudWatch log group and month, traffic volumes (caches, databases, MinIO, Transfer Acceleration, endpoints, internet) and rates (cross-AZ share, key age, requests). Absent volumes are reported as not assumed; absent rates take their defaults.",
});

export type CostAssumptionsConfig = z.infer<typeof costAssumptionsSchema>;
