import { FIREHOSE_PREFIX_MAX_LENGTH } from "./limits";

/** Firehose's error-type expression: `processing-failed`, `decompression-failed` and the like at delivery time. */
export const ERROR_OUTPUT_TYPE = "!{firehose:error-output-type}";

/** Hive-style date partitions in UTC from the oldest record's arrival time (Firehose "Custom Prefixes", timestamp namespace). */
const DATE_PARTITIONS = "year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/";

/** Where one source's events land in the audit-archive bucket, and where records Firehose could not process go. */
export interface ArchivePrefixes {
  /** Root of the delivered objects, without expressions, e.g. `audit/postgres/sparki-prod-postgres/`. */
  readonly dataRoot: string;
  /** Root of the error objects, without expressions. */
  readonly errorRoot: string;
  /** Firehose `prefix`: the data root, then the date partitions. */
  readonly prefix: string;
  /** Firehose `errorOutputPrefix`: the error root, the error type, then the date partitions. */
  readonly errorOutputPrefix: string;
}

/** The prefixes of one source, e.g. `postgres` / `sparki-prod-postgres`. */
export function archivePrefixes(engine: string, identifier: string): ArchivePrefixes {
  const dataRoot = `audit/${engine}/${identifier}/`;
  const errorRoot = `audit-errors/${engine}/${identifier}/`;
  return { dataRoot, errorRoot, prefix: `${dataRoot}${DATE_PARTITIONS}`, errorOutputPrefix: `${errorRoot}${ERROR_OUTPUT_TYPE}/${DATE_PARTITIONS}` };
}

const EXPRESSION = /!\{([^}:]*):([^}]*)\}/g;

/** The namespaces a stream without dynamic partitioning may use (partitionKeyFrom* need dynamic partitioning). */
const ALLOWED: Readonly<Record<string, readonly string[] | "any">> = {
  timestamp: "any",
  firehose: ["error-output-type", "random-string"],
};

function expressionProblems(field: string, value: string): string[] {
  return [...value.matchAll(EXPRESSION)].flatMap(([whole, namespace, key]) => {
    const allowed = ALLOWED[namespace];
    if (allowed === undefined) return [`${field} uses ${whole}: only the timestamp and firehose namespaces work without dynamic partitioning`];
    return allowed === "any" || allowed.includes(key) ? [] : [`${field} uses ${whole}: the firehose namespace has only error-output-type and random-string`];
  });
}

/**
 * Engine rules: what Firehose refuses at CreateDeliveryStream for an S3 prefix pair (Firehose Developer Guide,
 * "Understand custom prefixes for Amazon S3 objects", semantic rules; https://docs.aws.amazon.com/firehose/latest/dev/s3-prefixes.html,
 * checked 2026-11-29): the data prefix may not use the error type; a data prefix with expressions needs an error prefix;
 * an error prefix with expressions must use the error type; each at most 1024 characters.
 */
export function prefixProblems(prefix: string, errorOutputPrefix: string | undefined): string[] {
  const problems: string[] = [];
  const hasExpression = (s: string) => new RegExp(EXPRESSION.source).test(s);
  if (prefix.includes(ERROR_OUTPUT_TYPE)) problems.push(`prefix "${prefix}" uses ${ERROR_OUTPUT_TYPE}, which only the error prefix may use`);
  if (hasExpression(prefix) && !errorOutputPrefix) problems.push(`prefix "${prefix}" has expressions, so Firehose needs an errorOutputPrefix`);
  if (errorOutputPrefix !== undefined && hasExpression(errorOutputPrefix) && !errorOutputPrefix.includes(ERROR_OUTPUT_TYPE)) {
    problems.push(`errorOutputPrefix "${errorOutputPrefix}" has expressions but not ${ERROR_OUTPUT_TYPE}`);
  }
  for (const [field, value] of [["prefix", prefix], ["errorOutputPrefix", errorOutputPrefix ?? ""]] as const) {
    if (value.length > FIREHOSE_PREFIX_MAX_LENGTH) problems.push(`${field} has ${value.length} characters; Firehose takes at most ${FIREHOSE_PREFIX_MAX_LENGTH}`);
    problems.push(...expressionProblems(field, value));
  }
  return problems;
}
