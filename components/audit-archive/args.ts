import type * as pulumi from "@pulumi/pulumi";
import type { AlarmContext } from "../alerting";
import type { AccountScope } from "../common/aws";
import { logRetentionProblem } from "../common/log-retention";
import { FILTER_PATTERN_MAX_LENGTH, FIREHOSE_BUFFER, FIREHOSE_STREAM_NAME, IAM_ROLE_NAME_MAX_LENGTH } from "./limits";
import { PGAUDIT_FILTER_PATTERN } from "./pgaudit";
import { archivePrefixes, type ArchivePrefixes, prefixProblems } from "./prefixes";

export interface AuditArchiveArgs extends AccountScope {
  /** The audited database's identifier, e.g. `sparki-prod-postgres`: names the stream (`<id>-audit`), roles and alarms. No default. */
  readonly identifier: string;
  /** Engine part of the archive's key prefix, e.g. `postgres`. No default. */
  readonly engine: string;
  /** The log group holding the audit lines, e.g. `/aws/rds/instance/<id>/postgresql`. No default. */
  readonly logGroupName: string;
  /** What creates that log group (the DB instance waits for it): the subscription is made after it. No default. */
  readonly logSource: pulumi.Resource;
  /** The Object Lock audit-archive bucket (S3 adapter), by name. No default. */
  readonly bucketName: string;
  /** The stack's customer KMS key: the bucket's key (its policy denies any other), the stream's and the error log group's. No default. */
  readonly kmsKeyArn: pulumi.Input<string>;
  /** Alarm topics and evaluation of the environment. No default. */
  readonly alarms: AlarmContext;
  /** Retention of the stream's error log group, days (a CloudWatch Logs retention). No default. */
  readonly logRetentionDays: number;
  /** Firehose buffers this long before it writes an object, 0..900. Default: 300 (seconds). */
  readonly bufferIntervalSeconds?: number;
  /** ...or until this much has arrived, 1..128. Default: 64 (MiB). */
  readonly bufferSizeMiB?: number;
  /** CloudWatch Logs filter pattern selecting the audit lines, at most 1024 characters. Default: `"AUDIT:"` (pgAudit's marker). */
  readonly filterPattern?: string;
  /** Pulumi `protect` on the stream (it holds up to 24 hours of undelivered records). Default: false. */
  readonly protect?: boolean;
}

/** The arguments that have a fixed default, and that default (each documented on {@link AuditArchiveArgs}). */
export const AUDIT_ARCHIVE_DEFAULTS = { bufferIntervalSeconds: 300, bufferSizeMiB: 64, filterPattern: PGAUDIT_FILTER_PATTERN, protect: false } as const;

export interface ResolvedAuditArchiveArgs extends Required<AuditArchiveArgs> {
  readonly streamName: string;
  readonly roleNames: { readonly firehose: string; readonly logs: string };
  readonly prefixes: ArchivePrefixes;
}

function inRange(value: number, range: { readonly min: number; readonly max: number }): boolean {
  return Number.isInteger(value) && value >= range.min && value <= range.max;
}

/** Every problem the engines would report at create time, as sentences naming the argument. */
export function auditArchiveProblems(a: ResolvedAuditArchiveArgs): string[] {
  const { intervalSeconds, sizeMiB } = FIREHOSE_BUFFER;
  const problems: string[] = [];
  if (!inRange(a.bufferIntervalSeconds, intervalSeconds)) {
    problems.push(`bufferIntervalSeconds must be an integer ${intervalSeconds.min}..${intervalSeconds.max} (Firehose BufferingHints), got ${a.bufferIntervalSeconds}`);
  }
  if (!inRange(a.bufferSizeMiB, sizeMiB)) problems.push(`bufferSizeMiB must be an integer ${sizeMiB.min}..${sizeMiB.max} (Firehose BufferingHints), got ${a.bufferSizeMiB}`);
  if (a.streamName.length > FIREHOSE_STREAM_NAME.maxLength || !FIREHOSE_STREAM_NAME.pattern.test(a.streamName)) {
    problems.push(`stream name "${a.streamName}" must be 1..${FIREHOSE_STREAM_NAME.maxLength} characters of letters, digits, _ . -`);
  }
  for (const role of Object.values(a.roleNames)) {
    if (role.length > IAM_ROLE_NAME_MAX_LENGTH) problems.push(`role name "${role}" has ${role.length} characters; IAM allows ${IAM_ROLE_NAME_MAX_LENGTH}`);
  }
  if (a.filterPattern.length === 0 || a.filterPattern.length > FILTER_PATTERN_MAX_LENGTH) {
    problems.push(`filterPattern must have 1..${FILTER_PATTERN_MAX_LENGTH} characters, got ${a.filterPattern.length}`);
  }
  const retention = logRetentionProblem(a.logRetentionDays);
  if (retention) problems.push(`logRetentionDays ${retention}, got ${a.logRetentionDays}`);
  problems.push(...prefixProblems(a.prefixes.prefix, a.prefixes.errorOutputPrefix));
  return problems;
}

/** Applies every default once and checks the result; throws before anything is registered. */
export function resolveAuditArchiveArgs(name: string, args: AuditArchiveArgs): ResolvedAuditArchiveArgs {
  const resolved: ResolvedAuditArchiveArgs = {
    ...args,
    bufferIntervalSeconds: args.bufferIntervalSeconds ?? AUDIT_ARCHIVE_DEFAULTS.bufferIntervalSeconds,
    bufferSizeMiB: args.bufferSizeMiB ?? AUDIT_ARCHIVE_DEFAULTS.bufferSizeMiB,
    filterPattern: args.filterPattern ?? AUDIT_ARCHIVE_DEFAULTS.filterPattern,
    protect: args.protect ?? AUDIT_ARCHIVE_DEFAULTS.protect,
    streamName: `${args.identifier}-audit`,
    roleNames: { firehose: `${args.identifier}-audit-firehose`, logs: `${args.identifier}-audit-logs` },
    prefixes: archivePrefixes(args.engine, args.identifier),
  };
  const problems = auditArchiveProblems(resolved);
  if (problems.length > 0) throw new Error(`AuditArchive ${name}: ${problems.join("; ")}`);
  return resolved;
}
