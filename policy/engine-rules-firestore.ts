import type { ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import {
  awsProviderProblems, backupScheduleProblems, cmekProblems, databaseIdProblem, FIRESTORE_BACKUP_SOURCE, FIRESTORE_CMEK_SOURCE, FIRESTORE_DATABASE_ID_SOURCE, FIRESTORE_TTL_SOURCE,
  KMS_ROTATION_SOURCE, poolIdProblem, rotationPeriodProblems, SERVICE_ACCOUNT_ID_SOURCE, serviceAccountIdProblem, ttlFieldProblems, WIF_ID_SOURCE,
} from "../components/firestore/rules";
import { isUnknown, plainProp } from "./firestore";
import { engineRule } from "./lib/controls";

/**
 * What Google Cloud refuses when the Firestore adapter's resources are created (components/firestore/rules.ts holds
 * the checks and their sources). Part of ENGINE_RULE_POLICIES. An unknown property proves nothing (preview).
 */

const CHECKED = "2026-11-29";

/** A rule on one type over some properties, skipped while any of them is unknown. */
function gcpRule(name: string, type: string, source: string, summary: string, remediation: string, keys: readonly string[], problems: (p: Record<string, unknown>) => string[]): ResourceValidationPolicy {
  return {
    name,
    ...engineRule(source, CHECKED, summary, remediation),
    validateResource: (args: ResourceValidationArgs, report) => {
      if (args.type !== type) return args.notApplicable(`not ${type}`);
      const props = Object.fromEntries(keys.map((k) => [k, plainProp(args, k)]));
      if (Object.values(props).some(isUnknown)) return;
      const found = problems(props);
      if (found.length > 0) report(`${found.join("; ")}.`);
    },
  };
}

const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

export const firestoreDatabaseId = gcpRule("engine-firestore-database-id", "gcp:firestore/database:Database", FIRESTORE_DATABASE_ID_SOURCE,
  "A Firestore database ID is (default) or 4-63 characters of a-z, 0-9 and '-', starting with a letter, ending with a letter or digit, not UUID-like.",
  "Use (default) (the Fiber adapter opens only that one) or a valid name (sparki-storage:firestore.databaseId).",
  ["name"], (p) => { const id = str(p.name); if (id === undefined) return []; const problem = databaseIdProblem(id); return problem ? [problem] : []; });

export const firestoreCmekLocation = gcpRule("engine-firestore-cmek-location", "gcp:firestore/database:Database", FIRESTORE_CMEK_SOURCE,
  "A Firestore database's CMEK key lives in the database's Cloud KMS location (a region's own; eur3: europe; nam5: us).",
  "Create the key ring in the matching KMS location (components/firestore does, from sparki-storage:firestore.location).",
  ["locationId", "cmekConfig"], (p) => cmekProblems(String(p.locationId), str((p.cmekConfig as { kmsKeyName?: unknown } | undefined)?.kmsKeyName)));

export const firestoreBackupSchedule = gcpRule("engine-firestore-backup-schedule", "gcp:firestore/backupSchedule:BackupSchedule", FIRESTORE_BACKUP_SOURCE,
  "A Firestore backup schedule has exactly one recurrence, a weekly one names a weekday, and its retention is at most 14 weeks (7 days for a daily one).",
  "Set retention in seconds (\"604800s\") within the limit and one of dailyRecurrence / weeklyRecurrence { day }.",
  ["retention", "dailyRecurrence", "weeklyRecurrence"], backupScheduleProblems);

export const firestoreTtlField = gcpRule("engine-firestore-ttl-field", "gcp:firestore/field:Field", FIRESTORE_TTL_SOURCE,
  "A Firestore TTL policy names a collection group ID and a field, with an expiration offset (if any) of 1-2147483647 whole seconds.",
  "Set collection to the adapter's collection (fiber_storage), field exp_at and ttlConfig {}.",
  ["collection", "field", "ttlConfig"], ttlFieldProblems);

export const gcpWorkloadIdentityIds = gcpRule("engine-gcp-wif-ids", "gcp:iam/workloadIdentityPoolProvider:WorkloadIdentityPoolProvider", WIF_ID_SOURCE,
  "Workload identity pool and provider IDs are 4-32 characters of a-z, 0-9 and '-', not starting with gcp-; an AWS provider names a 12-digit account.",
  "Set sparki-storage:firestore.workloadIdentityPoolId (the provider's ID is `aws-app`, components/firestore).",
  ["workloadIdentityPoolId", "workloadIdentityPoolProviderId", "aws"], (p) => [
    poolIdProblem(String(p.workloadIdentityPoolId)),
    poolIdProblem(String(p.workloadIdentityPoolProviderId), "workload identity pool provider ID"),
    ...awsProviderProblems(p),
  ].filter((x): x is string => x !== undefined));

export const gcpServiceAccountId = gcpRule("engine-gcp-service-account-id", "gcp:serviceaccount/account:Account", SERVICE_ACCOUNT_ID_SOURCE,
  "A service account ID is 6-30 characters of a-z, 0-9 and '-', starting with a letter and ending with a letter or digit.",
  "Set sparki-storage:firestore.serviceAccountId when the default fiber-<stack> (cut to 30 characters) does not fit.",
  ["accountId"], (p) => { const problem = serviceAccountIdProblem(String(p.accountId)); return problem ? [problem] : []; });

export const gcpKmsRotation = gcpRule("engine-gcp-kms-rotation", "gcp:kms/cryptoKey:CryptoKey", KMS_ROTATION_SOURCE,
  "A Cloud KMS key's rotation period is a duration in seconds of at least one day.",
  "Set rotationPeriod such as \"7776000s\" (90 days, components/firestore).",
  ["rotationPeriod"], (p) => rotationPeriodProblems(p.rotationPeriod));

export const FIRESTORE_ENGINE_RULES = [firestoreDatabaseId, firestoreCmekLocation, firestoreBackupSchedule, firestoreTtlField, gcpWorkloadIdentityIds, gcpServiceAccountId, gcpKmsRotation];
