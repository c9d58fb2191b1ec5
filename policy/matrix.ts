import * as aws from "@pulumi/aws";
import type { PolicyResource, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import type { Unwrap } from "@pulumi/pulumi";
import {
  alarmLevel, matrixThreshold, METRICS, type MetricKey, platformThreshold, SEVERITIES, type Severity, type ThresholdSpec,
} from "../components/alerting";
import {
  ADAPTERS, ALERT_THRESHOLDS, type AlarmThresholdUnit, type AlertThresholdKey, derivedLatencyP95, derivedRelationalThreshold, type MatrixAdapterKey, PLATFORM_THRESHOLDS, type PlatformThresholdKey,
  POSTGRES_POOL,
} from "../components/matrix";
import { bucketsOf, describeBucket, sidesOf } from "./lib/buckets";
import { matrix } from "./lib/controls";
import { engineNameOf, engineOf, instancesOf, isReplica, sourceOf } from "./lib/rds";
import { definitely, isAbsent, knownItems, read, valueOr } from "./lib/values";

// ---------------------------------------------------------------------------------------------------------
// PostgreSQL: "Master-replica replication, automatic failover" (prod: >= 2 read replicas and Multi-AZ).

function instanceOf(r: PolicyResource) {
  return r.asType(aws.rds.Instance);
}

export const postgresHighAvailability: StackValidationPolicy = {
  name: "matrix-postgres-ha",
  ...matrix("Every PostgreSQL primary runs Multi-AZ with at least the configured number of read replicas (2 by default); replicas of other engines (MySQL, SQL Server) do not count.",
    "Set postgres.replicas >= 2 and Multi-AZ for the stack (the prod profile does)."),
  configSchema: { properties: { minimumReplicas: { type: "integer", minimum: 0, maximum: 5, default: 2 } } },
  validateStack: (args, report) => {
    const { minimumReplicas = 2 } = args.getConfig<{ minimumReplicas?: number }>();
    const all = instancesOf(args.resources);
    // Engines by engine profile; a replica runs its source's, and one whose engine is not known yet is nobody's proof.
    const notPostgres = (r: PolicyResource) => {
      const engine = engineOf(r, args.resources);
      return engine.known && engine.value !== undefined && engineNameOf(engine.value) !== "postgres";
    };
    const primaries = all.filter((r) => !isReplica(r) && !notPostgres(r));
    const replicas = all.filter((r) => isReplica(r) && !notPostgres(r));
    if (primaries.length === 0) args.notApplicable("no PostgreSQL primary");
    for (const primary of primaries) {
      const db = instanceOf(primary)!;
      const identifier = valueOr(() => db.identifier, undefined);
      // A replica names its source by identifier (same region) or ARN (ending in `:<identifier>`); with one primary, all are its.
      const own = replicas.filter((r) => {
        const source = sourceOf(r, args.resources);
        return primaries.length === 1 || source === "unknown" || identifier === undefined || source === primary;
      });
      const multiAz = read(() => db.multiAz === true);
      const singleAz = multiAz.known && !multiAz.value;
      if (own.length < minimumReplicas || singleAz) {
        const state = !multiAz.known ? "unknown until apply" : multiAz.value ? "on" : "off";
        report(`PostgreSQL ${identifier ?? primary.name}: the matrix asks for master-replica replication with automatic failover: `
          + `>= ${minimumReplicas} read replicas and Multi-AZ; found ${own.length} replica(s), multiAz ${state}.`, primary.urn);
      }
    }
  },
};

// ---------------------------------------------------------------------------------------------------------
// Alarm thresholds: every alarm states where its numbers come from (tags), and the numbers match that source.

type MetricAlarm = Unwrap<aws.cloudwatch.MetricAlarmArgs>;

/**
 * The threshold spec a `ThresholdSource` tag names (`matrix:<key>`, `platform:<key>`, or `derived:<adapter>LatencyP95`
 * by components/matrix DERIVED_LATENCY_RULE), if it names one.
 */
export function thresholdFromSource(source: string): ThresholdSpec | undefined {
  const [kind, key] = source.split(":");
  if (kind === "matrix" && key in ALERT_THRESHOLDS) return matrixThreshold(key as AlertThresholdKey);
  if (kind === "platform" && key in PLATFORM_THRESHOLDS) return platformThreshold(key as PlatformThresholdKey);
  const derivedFrom = kind === "derived" ? /^(.+)LatencyP95$/.exec(key)?.[1] : undefined;
  if (derivedFrom && ADAPTERS.some((a) => a.key === derivedFrom && a.latencyMs?.max !== undefined)) {
    const t = derivedLatencyP95(derivedFrom as MatrixAdapterKey);
    return { warning: t.warning, critical: t.critical, unit: t.unit, comparison: "above", source: t.source, percentile: "p95" };
  }
  // A relational row the spec gives no figures for (MySQL, MSSQL): PostgreSQL's figures by components/matrix derivedRelationalThreshold.
  const relational = kind === "derived" ? /^(.+)(LatencyP95|ConnectionPoolUsage)$/.exec(key) : null;
  if (relational && ADAPTERS.some((a) => a.key === relational[1])) {
    try {
      const t = derivedRelationalThreshold(relational[1] as MatrixAdapterKey, relational[2] === "LatencyP95" ? "latencyP95" : "connectionPoolUsage");
      return {
        warning: t.warning, critical: t.critical, unit: t.unit, comparison: "above", source: t.source, ...(t.statistic === "p95" ? { percentile: "p95" as const } : {}),
      };
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** Pool-usage thresholds: the matrix's, or a relational row's derived from it. */
const POOL_SOURCE = /^(matrix:postgresConnectionPoolUsage|derived:[A-Za-z0-9]+ConnectionPoolUsage)$/;

const UNITS: readonly AlarmThresholdUnit[] = ["milliseconds", "seconds", "microseconds", "percent", "count", "bytes", "gibibytes"];

/** "80 % of 100 count": the base of a percent threshold on an absolute metric, as AlarmPair describes it. */
export function percentBase(description: string | undefined): { value: number; unit: AlarmThresholdUnit } | undefined {
  const match = /% of ([0-9.]+) ([a-z]+)/.exec(description ?? "");
  if (!match || !UNITS.includes(match[2] as AlarmThresholdUnit)) return undefined;
  return { value: Number(match[1]), unit: match[2] as AlarmThresholdUnit };
}

function sameNumber(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
}

const OPERATORS = {
  above: ["GreaterThanThreshold", "GreaterThanOrEqualToThreshold"],
  below: ["LessThanThreshold", "LessThanOrEqualToThreshold"],
} as const;

/** What is wrong with one alarm's threshold, given its tags; empty when it matches its source. */
export function alarmThresholdProblems(alarm: MetricAlarm): string[] {
  const tags = read(() => ({ ...alarm.tags }));
  if (!tags.known) return [];
  const { Severity: severity, ThresholdSource: source, Metric: metric } = tags.value;
  if (!severity || !source || !metric) {
    return ["tags Severity, ThresholdSource and Metric are required: create alarms with components/alerting (AlarmPair, RateAlarmPair) so every threshold traces back to the matrix or PLATFORM_THRESHOLDS."];
  }
  if (!SEVERITIES.includes(severity as Severity)) return [`tag Severity is "${severity}": it must be warning or critical.`];
  const spec = thresholdFromSource(source);
  if (!spec) return [`tag ThresholdSource "${source}" names no threshold in components/matrix (matrix:<key>, platform:<key> or derived:<adapter>LatencyP95).`];
  const level = spec[severity as Severity];

  const [numerator, denominator] = metric.split("/") as [string, string | undefined];
  if (!(numerator in METRICS) || (denominator !== undefined && !(denominator in METRICS))) {
    return [`tag Metric "${metric}" names no metric of the components/alerting catalog.`];
  }
  const problems: string[] = [];
  let expected: number;
  let unit: string;
  if (denominator !== undefined) {
    // A share of one count in another, computed by metric math: the threshold is the percentage itself.
    if (spec.unit !== "percent") return [`${source} is in ${spec.unit}, but ${metric} is a share in percent.`];
    expected = level;
    unit = "percent";
    const names = [METRICS[numerator as MetricKey].metricName, METRICS[denominator as MetricKey].metricName];
    const queried = valueOr(() => (alarm.metricQueries ?? []).flatMap((q) => q.metric?.metricName ?? []), [] as string[]);
    if (queried.length > 0 && !names.every((n) => queried.includes(n))) {
      problems.push(`metricQueries read ${queried.join(", ")} but tag Metric ${metric} is ${names.join(" / ")}.`);
    }
  } else {
    const definition = METRICS[numerator as MetricKey];
    unit = definition.unit;
    const namespace = read(() => alarm.namespace);
    const metricName = read(() => alarm.metricName);
    // A Metrics Insights alarm names its metric in the query (SELECT FN(metric) FROM "namespace" ...), not in fields.
    const insights = valueOr(() => (alarm.metricQueries ?? []).flatMap((q) => (q.expression && /^\s*SELECT\b/i.test(q.expression) ? [q.expression] : [])), [] as string[]);
    if (insights.length > 0) {
      const reads = (q: string) => [`(${definition.metricName})`, `("${definition.metricName}")`].some((m) => q.includes(m)) && q.includes(`FROM "${definition.namespace}"`);
      if (!insights.every(reads)) {
        problems.push(`the Metrics Insights query ${insights.join(" ")} does not read ${definition.namespace}/${definition.metricName}, which tag Metric ${metric} names.`);
      }
    } else if ((namespace.known && namespace.value !== definition.namespace) || (metricName.known && metricName.value !== definition.metricName)) {
      const shown = (r: typeof namespace) => (r.known ? String(r.value) : "(known after apply)");
      problems.push(`namespace/metricName are ${shown(namespace)}/${shown(metricName)} but tag Metric ${metric} is ${definition.namespace}/${definition.metricName}.`);
    }
    const base = spec.unit === "percent" && definition.unit !== "percent" ? percentBase(valueOr(() => alarm.alarmDescription, undefined)) : undefined;
    if (spec.unit === "percent" && definition.unit !== "percent" && !base) {
      return [...problems, `${source} is a percentage but ${definition.metricName} is in ${definition.unit}: alarmDescription must state what 100 % is ("% of <value> <unit>").`];
    }
    if (POOL_SOURCE.test(source) && base && numerator !== "rdsDatabaseConnections"
      && (base.value < POSTGRES_POOL.minConnections || base.value > POSTGRES_POOL.maxConnections)) {
      problems.push(`the pool is ${base.value} connections: the matrix sizes pools at ${POSTGRES_POOL.minConnections}-${POSTGRES_POOL.maxConnections}.`);
    }
    // Without a proxy (SQL Server 2022) the alarm is a share of the engine's own ceiling, which must hold the whole pool.
    if (POOL_SOURCE.test(source) && base && numerator === "rdsDatabaseConnections" && base.value < POSTGRES_POOL.maxConnections) {
      problems.push(`the connection ceiling is ${base.value}: the engine must admit the matrix's whole pool (${POSTGRES_POOL.maxConnections} connections).`);
    }
    try {
      expected = alarmLevel(numerator as MetricKey, spec, severity as Severity, base);
    } catch (error) {
      return [...problems, `${source} cannot apply to ${definition.metricName}: ${(error as Error).message}.`];
    }
    // A percentile threshold on a metric the catalog says has no percentiles (AWS/Cassandra SuccessfulRequestLatency)
    // applies to the catalog's statistic instead: a p95 alarm there would sit in INSUFFICIENT_DATA and never fire.
    if (spec.percentile && definition.percentiles && definitely(() => alarm.extendedStatistic !== spec.percentile)) {
      problems.push(`extendedStatistic is ${valueOr(() => alarm.extendedStatistic, undefined) ?? "not set"}: ${source} is a ${spec.percentile} threshold.`);
    }
    if (spec.percentile && !definition.percentiles && insights.length === 0 && definitely(() => alarm.statistic !== definition.statistic)) {
      problems.push(`statistic is ${valueOr(() => alarm.statistic, undefined) ?? "not set"}: ${definition.metricName} has no percentile statistics, so ${source} applies to its ${definition.statistic}.`);
    }
  }
  const threshold = read(() => alarm.threshold);
  if (threshold.known && !(typeof threshold.value === "number" && sameNumber(threshold.value, expected))) {
    problems.push(`threshold is ${String(threshold.value)}: ${source} sets ${severity} at ${level} ${spec.unit}, which is ${expected} in the metric's unit (${unit}).`);
  }
  const operator = read(() => alarm.comparisonOperator);
  if (operator.known && !(OPERATORS[spec.comparison] as readonly string[]).includes(String(operator.value))) {
    problems.push(`comparisonOperator is ${String(operator.value)}: ${source} alarms when the metric is ${spec.comparison} the level.`);
  }
  return problems;
}

export const alarmThresholdsFollowMatrix: ResourceValidationPolicy = {
  name: "matrix-alarm-thresholds",
  ...matrix("Every CloudWatch alarm names its threshold source, and its threshold equals that matrix (or platform) value in the metric's unit.",
    "Create alarms with components/alerting AlarmPair/RateAlarmPair and thresholds from matrixThreshold()/platformThreshold()."),
  validateResource: (args, report) => {
    const alarm = args.asType(aws.cloudwatch.MetricAlarm);
    if (!alarm) return args.notApplicable("not a CloudWatch metric alarm");
    for (const problem of alarmThresholdProblems(alarm)) report(problem);
  },
};

// ---------------------------------------------------------------------------------------------------------
// S3 lifecycle per data class: "Archive old logs to Glacier"; the build cache is temporary.

/** Data class of a bucket: its `DataClass` tag, else the class whose name suffix the bucket name carries. */
export function dataClassOf(bucket: PolicyResource, suffixes: Readonly<Record<string, string>>): string | undefined {
  const tag = read(() => bucket.asType(aws.s3.Bucket)?.tags?.DataClass);
  if (tag.known && typeof tag.value === "string") return tag.value;
  const name = describeBucket(bucket);
  return Object.entries(suffixes).find(([, suffix]) => name.endsWith(`-${suffix}`))?.[0];
}

const DATA_CLASS_SUFFIXES = { deploymentLogs: "deployment-logs", auditArchive: "audit-archive", buildCache: "build-cache" };

/** The enabled rules of a bucket's lifecycle configurations that apply to every object (no prefix or tag filter). */
function wholeBucketRules(bucket: PolicyResource, all: readonly PolicyResource[]) {
  const sides = sidesOf(all, aws.s3.BucketLifecycleConfiguration).filter((s) => s.bucket === bucket);
  return sides
    .flatMap((s) => knownItems(() => s.side.asType(aws.s3.BucketLifecycleConfiguration)!.rules))
    .filter((r) => definitely(() => r.status === "Enabled")
      && isAbsent(() => r.prefix) && isAbsent(() => r.filter?.prefix) && isAbsent(() => r.filter?.tag)
      && isAbsent(() => r.filter?.and?.prefix) && isAbsent(() => r.filter?.and?.tags));
}

/** True when no lifecycle of the bucket can be linked yet (preview without dependency data): nothing is provable. */
function lifecycleUnresolved(all: readonly PolicyResource[]): boolean {
  return sidesOf(all, aws.s3.BucketLifecycleConfiguration).some((s) => s.bucket === "unknown");
}

export const GLACIER_CLASSES = ["GLACIER_IR", "GLACIER", "DEEP_ARCHIVE"];

export const archivesTransitionToGlacier: StackValidationPolicy = {
  name: "matrix-archive-glacier",
  ...matrix("Log and archive buckets (data classes deploymentLogs, auditArchive) move objects to a Glacier class.",
    "Set glacierDays or deepArchiveDays (or glacierIrDays) for the bucket's data class."),
  configSchema: { properties: { dataClasses: { type: "array", items: { type: "string" }, default: ["deploymentLogs", "auditArchive"] } } },
  validateStack: (args, report) => {
    const { dataClasses = ["deploymentLogs", "auditArchive"] } = args.getConfig<{ dataClasses?: string[] }>();
    const archives = bucketsOf(args.resources).filter((b) => dataClasses.includes(dataClassOf(b, DATA_CLASS_SUFFIXES) ?? ""));
    if (archives.length === 0) args.notApplicable("no log or archive buckets");
    if (lifecycleUnresolved(args.resources)) return;
    for (const bucket of archives) {
      const rules = wholeBucketRules(bucket, args.resources);
      const toGlacier = rules.some((r) => knownItems(() => r.transitions).some((t) => definitely(() => GLACIER_CLASSES.includes(t.storageClass)))
        || !read(() => r.transitions?.length).known);
      if (!toGlacier) {
        report(`bucket ${describeBucket(bucket)} (${dataClassOf(bucket, DATA_CLASS_SUFFIXES)}): no enabled whole-bucket lifecycle rule transitions to ${GLACIER_CLASSES.join(", ")}; the matrix archives old logs to Glacier.`, bucket.urn);
      }
    }
  },
};

export const buildCacheExpires: StackValidationPolicy = {
  name: "matrix-build-cache-expiry",
  ...matrix("The build cache bucket (data class buildCache) expires objects within the configured days (90 by default).",
    "Set the buildCache lifecycle expirationDays (and a short noncurrent expiry)."),
  configSchema: { properties: { maximumDays: { type: "integer", minimum: 1, default: 90 } } },
  validateStack: (args, report) => {
    const { maximumDays = 90 } = args.getConfig<{ maximumDays?: number }>();
    const caches = bucketsOf(args.resources).filter((b) => dataClassOf(b, DATA_CLASS_SUFFIXES) === "buildCache");
    if (caches.length === 0) args.notApplicable("no build cache bucket");
    if (lifecycleUnresolved(args.resources)) return;
    for (const bucket of caches) {
      const rules = wholeBucketRules(bucket, args.resources);
      const days = rules.map((r) => read(() => r.expiration?.days));
      if (days.some((d) => !d.known)) continue;
      const shortest = Math.min(...days.map((d) => (d.known && typeof d.value === "number" ? d.value : Infinity)));
      if (!(shortest <= maximumDays)) {
        report(`bucket ${describeBucket(bucket)}: ${shortest === Infinity ? "no enabled whole-bucket lifecycle rule expires objects" : `objects expire after ${shortest} days`}; a build cache must expire within ${maximumDays} days.`, bucket.urn);
      }
    }
  },
};

export const MATRIX_POLICIES = [postgresHighAvailability, alarmThresholdsFollowMatrix, archivesTransitionToGlacier, buildCacheExpires];
