/**
 * What Google Cloud refuses when the Firestore adapter's resources are created: one pure check per rule, used by the
 * config rules, the component and the engine-rule policies (policy/engine-rules-firestore.ts). Each names its source,
 * read 2026-11-29.
 */

export const FIRESTORE_DATABASE_ID_SOURCE = "Firestore, \"Manage databases\", database ID (https://cloud.google.com/firestore/docs/manage-databases) and the provider's Database.name";
export const FIRESTORE_LOCATION_SOURCE = "Firestore locations (https://cloud.google.com/firestore/docs/locations)";
export const FIRESTORE_CMEK_SOURCE = "Firestore Admin API CmekConfig.kmsKeyName: \"Only keys in the same location as this database ... nam5 ... us ... eur3 ... europe\" (https://cloud.google.com/firestore/docs/reference/rest/v1/projects.databases)";
export const FIRESTORE_BACKUP_SOURCE = "Firestore BackupSchedule.retention \"up to 14 weeks\", one daily and one weekly schedule per database (https://cloud.google.com/firestore/docs/backups)";
export const FIRESTORE_TTL_SOURCE = "Firestore TTL policies: one TTL field per collection group (https://cloud.google.com/firestore/docs/ttl)";
export const WIF_ID_SOURCE = "IAM workload identity pools and providers: IDs of 4-32 characters [a-z0-9-], prefix gcp- reserved (https://cloud.google.com/iam/docs/reference/rest/v1/projects.locations.workloadIdentityPools/create)";
export const SERVICE_ACCOUNT_ID_SOURCE = "IAM service accounts: accountId of 6-30 characters matching ^[a-z]([-a-z0-9]*[a-z0-9])$ (https://cloud.google.com/iam/docs/reference/rest/v1/projects.serviceAccounts/create)";
export const PROJECT_ID_SOURCE = "Resource Manager project IDs: 6-30 characters, lowercase letters, digits and hyphens, starting with a letter, not ending with a hyphen (https://cloud.google.com/resource-manager/docs/creating-managing-projects)";
export const KMS_ROTATION_SOURCE = "Cloud KMS CryptoKey.rotationPeriod: at least one day (https://cloud.google.com/kms/docs/reference/rest/v1/projects.locations.keyRings.cryptoKeys)";

/** `(default)` or 4-63 characters of a-z, 0-9 and '-', starting with a letter, ending with a letter or digit, not UUID-like. */
export const DATABASE_ID = /^(\(default\)|[a-z][a-z0-9-]{2,61}[a-z0-9])$/;
const UUID_LIKE = /^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/;
export const PROJECT_ID = /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/;
export const POOL_ID = /^(?!gcp-)[a-z0-9-]{4,32}$/;
export const SERVICE_ACCOUNT_ID = /^[a-z](?:[-a-z0-9]{4,28}[a-z0-9])$/;
/** A collection ID: no '/', not '.' or '..', not `__...__` (reserved), at most 1,500 bytes (Firestore "Quotas and limits"). */
export const COLLECTION_ID = /^(?!\.\.?$)(?!__.*__$)[^/]{1,1500}$/su;
/** The multi-regions this adapter knows, each with the Cloud KMS location of a key it can use (CmekConfig). */
export const MULTI_REGION_KMS_LOCATION: Readonly<Record<string, string>> = { eur3: "europe", nam5: "us" };
/** A Firestore location: a known multi-region or a region such as europe-west1. */
export const LOCATION = /^(eur3|nam5|nam7|[a-z]+-[a-z]+[0-9]+)$/;

/** 14 weeks in days: the longest backup retention Firestore accepts. */
export const MAX_BACKUP_RETENTION_DAYS = 14 * 7;
/**
 * Daily backups are kept at most 7 days. Recalled from the Firestore backups page ("daily ... up to 7 days, weekly ...
 * up to 14 weeks"), not re-read on 2026-11-29: unverified; only the 14-week bound is in the provider's documentation.
 */
export const MAX_DAILY_RETENTION_DAYS = 7;
export const WEEKDAYS = ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"] as const;

export function databaseIdProblem(id: string): string | undefined {
  if (!DATABASE_ID.test(id) || UUID_LIKE.test(id)) {
    return `database ID "${id}" must be "(default)" or 4-63 characters of a-z, 0-9 and '-', starting with a letter, ending with a letter or digit, and not UUID-like`;
  }
  return undefined;
}

/** The Cloud KMS location a CMEK key for a database in `location` must live in, or undefined when none is known. */
export function kmsLocationFor(location: string): string | undefined {
  if (location in MULTI_REGION_KMS_LOCATION) return MULTI_REGION_KMS_LOCATION[location];
  return /^[a-z]+-[a-z]+[0-9]+$/.test(location) ? location : undefined;
}

/** `projects/<p>/locations/<l>/keyRings/<r>/cryptoKeys/<k>`: its location, or undefined for another shape. */
export function kmsKeyLocation(kmsKeyName: string): string | undefined {
  return /^projects\/[^/]+\/locations\/([^/]+)\/keyRings\/[^/]+\/cryptoKeys\/[^/]+$/.exec(kmsKeyName)?.[1];
}

/** The CMEK key of a database: a full key name in the database's KMS location. */
export function cmekProblems(locationId: string, kmsKeyName: string | undefined): string[] {
  if (kmsKeyName === undefined) return [];
  const keyLocation = kmsKeyLocation(kmsKeyName);
  if (keyLocation === undefined) return [`cmekConfig.kmsKeyName "${kmsKeyName}" is not projects/<project>/locations/<location>/keyRings/<ring>/cryptoKeys/<key>`];
  const wanted = kmsLocationFor(locationId);
  if (wanted === undefined) return [`database location "${locationId}" takes no customer-managed key this stack knows a KMS location for (eur3: europe, nam5: us, or a region)`];
  return keyLocation === wanted ? [] : [`cmekConfig key is in KMS location "${keyLocation}" but a database in "${locationId}" needs a key in "${wanted}"`];
}

/** `<seconds>s`, as the Firestore and KMS APIs write durations. */
export function seconds(duration: string): number | undefined {
  const m = /^(\d+(?:\.\d{1,9})?)s$/.exec(duration);
  return m ? Number(m[1]) : undefined;
}

/** A backup schedule: exactly one recurrence, a retention of `<seconds>s` up to 14 weeks (daily: 7 days). */
export function backupScheduleProblems(s: { retention?: unknown; dailyRecurrence?: unknown; weeklyRecurrence?: unknown }): string[] {
  const problems: string[] = [];
  const daily = s.dailyRecurrence !== undefined && s.dailyRecurrence !== null;
  const weekly = s.weeklyRecurrence !== undefined && s.weeklyRecurrence !== null;
  if (daily === weekly) problems.push("a backup schedule needs exactly one of dailyRecurrence and weeklyRecurrence");
  if (weekly) {
    const day = (s.weeklyRecurrence as { day?: unknown }).day;
    if (!(WEEKDAYS as readonly unknown[]).includes(day)) problems.push(`weeklyRecurrence.day ${JSON.stringify(day)} must be one of ${WEEKDAYS.join(", ")}`);
  }
  const retention = typeof s.retention === "string" ? seconds(s.retention) : undefined;
  if (retention === undefined) problems.push(`retention ${JSON.stringify(s.retention)} must be a duration in seconds such as "604800s"`);
  else {
    const maxDays = daily ? MAX_DAILY_RETENTION_DAYS : MAX_BACKUP_RETENTION_DAYS;
    if (retention <= 0 || retention > maxDays * 86_400) problems.push(`retention ${String(s.retention)} must be more than 0 and at most ${maxDays} days (${maxDays * 86_400}s) for a ${daily ? "daily" : "weekly"} schedule`);
  }
  return problems;
}

/** The TTL field of the Fiber collection: a top-level field ID, on a collection group ID. */
export function ttlFieldProblems(f: { collection?: unknown; field?: unknown; ttlConfig?: unknown }): string[] {
  if (f.ttlConfig === undefined || f.ttlConfig === null) return [];
  const problems: string[] = [];
  if (typeof f.collection !== "string" || !COLLECTION_ID.test(f.collection)) problems.push(`collection ${JSON.stringify(f.collection)} is no collection group ID (no '/', not '.', '..' or __name__)`);
  if (typeof f.field !== "string" || f.field.length === 0 || f.field.includes("/")) problems.push(`field ${JSON.stringify(f.field)} is no field path`);
  const offset = (f.ttlConfig as { expirationOffset?: unknown }).expirationOffset;
  if (offset !== undefined) {
    const s = typeof offset === "string" ? seconds(offset) : undefined;
    if (s === undefined || !Number.isInteger(s) || s < 1 || s > 2_147_483_647) problems.push(`ttlConfig.expirationOffset ${JSON.stringify(offset)} must be 1-2147483647 whole seconds such as "60s"`);
  }
  return problems;
}

export function poolIdProblem(id: string, what = "workload identity pool ID"): string | undefined {
  return POOL_ID.test(id) ? undefined : `${what} "${id}" must be 4-32 characters of a-z, 0-9 and '-', not starting with "gcp-"`;
}

export function serviceAccountIdProblem(id: string): string | undefined {
  return SERVICE_ACCOUNT_ID.test(id) ? undefined : `service account ID "${id}" must be 6-30 characters of a-z, 0-9 and '-', starting with a letter and ending with a letter or digit`;
}

/** An AWS provider of a pool: a 12-digit account, and an attribute condition (without one, every role of the account federates). */
export function awsProviderProblems(p: { aws?: unknown; attributeCondition?: unknown }): string[] {
  if (p.aws === undefined || p.aws === null) return [];
  const account = (p.aws as { accountId?: unknown }).accountId;
  return typeof account === "string" && /^\d{12}$/.test(account) ? [] : [`aws.accountId ${JSON.stringify(account)} must be a 12-digit AWS account ID`];
}

/** A rotation period of `<seconds>s`, at least a day. */
export function rotationPeriodProblems(period: unknown): string[] {
  if (period === undefined) return [];
  const s = typeof period === "string" ? seconds(period) : undefined;
  return s !== undefined && s >= 86_400 ? [] : [`rotationPeriod ${JSON.stringify(period)} must be at least one day ("86400s")`];
}
