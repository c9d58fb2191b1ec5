import { FIBER_FIRESTORE } from "./fiber";
import {
  COLLECTION_ID, databaseIdProblem, kmsLocationFor, LOCATION, MAX_BACKUP_RETENTION_DAYS, MAX_DAILY_RETENTION_DAYS, poolIdProblem, PROJECT_ID,
  serviceAccountIdProblem, type WEEKDAYS,
} from "./rules";

export type Weekday = (typeof WEEKDAYS)[number];

/** Who hears the Cloud Monitoring alert policies: email notification channels per severity. */
export interface FirestoreAlertRecipients {
  /** Addresses of the warning channel(s). Default: none. */
  readonly warning?: readonly string[];
  /** Addresses of the critical channel(s). Default: none. */
  readonly critical?: readonly string[];
}

export interface FirestoreStoreArgs {
  /** Google Cloud project ID (6-30 characters) the database lives in; the Fiber adapter's `Config.ProjectID`. No default. */
  readonly projectId: string;
  /** Firestore location: a region (`europe-west1`) or a multi-region (`eur3`, `nam5`). Fixed at creation. No default. */
  readonly location: string;
  /** Database ID. Default: `(default)`, the only database the adapter's `New` opens. */
  readonly databaseId?: string;
  /** Collection the adapter writes, and the TTL policy's collection group. Default: `fiber_storage` (the adapter's). */
  readonly collection?: string;
  /** The AWS account the application runs in: the workload identity provider trusts only it. No default. */
  readonly awsAccountId: string;
  /** Name of the application's AWS IAM role: the only AWS identity that may impersonate the service account. No default. */
  readonly applicationRoleName: string;
  /** Encrypt with a Cloud KMS key this component creates (CMEK) rather than Google's default key. Default: true. */
  readonly customerManagedKey?: boolean;
  /** Firestore delete protection (DeleteDatabase fails until it is turned off). Default: true. */
  readonly deleteProtection?: boolean;
  /** Days a daily backup is kept, 1..7. Default: 7 (days). */
  readonly dailyBackupRetentionDays?: number;
  /** Weeks a weekly backup is kept, 0..14; 0 makes no weekly schedule. Default: 14 (weeks). */
  readonly weeklyBackupRetentionWeeks?: number;
  /** Day the weekly backup runs. Default: SUNDAY. */
  readonly weeklyBackupDay?: Weekday;
  /** Workload identity pool ID (4-32 characters; a deleted ID stays taken for 30 days). No default. */
  readonly workloadIdentityPoolId: string;
  /** Service account ID the application impersonates (6-30 characters). No default. */
  readonly serviceAccountId: string;
  /** Email channels of the alert policies. Default: none (the policies then only show in the console). */
  readonly alertEmails?: FirestoreAlertRecipients;
  /** Environment name in alert policy names and labels. No default. */
  readonly environment: string;
  /** Pulumi `protect` on the database and its key. Default: false. */
  readonly protect?: boolean;
}

export const FIRESTORE_DEFAULTS = {
  databaseId: FIBER_FIRESTORE.defaultDatabase,
  collection: FIBER_FIRESTORE.defaultCollection,
  customerManagedKey: true,
  deleteProtection: true,
  dailyBackupRetentionDays: MAX_DAILY_RETENTION_DAYS,
  weeklyBackupRetentionWeeks: MAX_BACKUP_RETENTION_DAYS / 7,
  weeklyBackupDay: "SUNDAY" as Weekday,
  protect: false,
} as const;

export type ResolvedFirestoreStoreArgs = Required<Omit<FirestoreStoreArgs, "alertEmails">> & { readonly alertEmails: Required<FirestoreAlertRecipients> };

/** Every default applied once. */
export function resolveFirestoreStoreArgs(args: FirestoreStoreArgs): ResolvedFirestoreStoreArgs {
  const d = FIRESTORE_DEFAULTS;
  return {
    ...args,
    databaseId: args.databaseId ?? d.databaseId,
    collection: args.collection ?? d.collection,
    customerManagedKey: args.customerManagedKey ?? d.customerManagedKey,
    deleteProtection: args.deleteProtection ?? d.deleteProtection,
    dailyBackupRetentionDays: args.dailyBackupRetentionDays ?? d.dailyBackupRetentionDays,
    weeklyBackupRetentionWeeks: args.weeklyBackupRetentionWeeks ?? d.weeklyBackupRetentionWeeks,
    weeklyBackupDay: args.weeklyBackupDay ?? d.weeklyBackupDay,
    alertEmails: { warning: args.alertEmails?.warning ?? [], critical: args.alertEmails?.critical ?? [] },
    protect: args.protect ?? d.protect,
  };
}

/** The arguments {@link firestoreProblems} judges (the stack's settings carry the same fields). */
export type FirestoreCheckedArgs = Pick<ResolvedFirestoreStoreArgs,
  "projectId" | "location" | "databaseId" | "collection" | "customerManagedKey" | "dailyBackupRetentionDays" | "weeklyBackupRetentionWeeks" | "workloadIdentityPoolId" | "serviceAccountId">;

const WHOLE = (n: number, min: number, max: number) => Number.isInteger(n) && n >= min && n <= max;

/**
 * What Google Cloud would refuse (or the adapter could not use), as [field, message]; the message says what is
 * allowed (callers add the value). Empty when the arguments are good.
 */
export function firestoreProblems(a: FirestoreCheckedArgs): [string, string][] {
  const problems: [string, string][] = [];
  if (!PROJECT_ID.test(a.projectId)) problems.push(["projectId", "must be a Google Cloud project ID: 6-30 characters of a-z, 0-9 and '-', starting with a letter, not ending with '-'"]);
  if (!LOCATION.test(a.location)) problems.push(["location", "must be a Firestore location: a region such as europe-west1 or a multi-region eur3, nam5 or nam7"]);
  else if (a.customerManagedKey && kmsLocationFor(a.location) === undefined) {
    problems.push(["location", "must be a region, eur3 or nam5 with customerManagedKey: a CMEK key must sit in the database's KMS location (eur3: europe, nam5: us), and none is known for this multi-region"]);
  }
  const db = databaseIdProblem(a.databaseId);
  if (db !== undefined) problems.push(["databaseId", `must be "(default)" or 4-63 characters of a-z, 0-9 and '-', starting with a letter, ending with a letter or digit, not UUID-like`]);
  if (!COLLECTION_ID.test(a.collection)) problems.push(["collection", "must be a Firestore collection ID: 1-1500 characters without '/', not '.' or '..', not __name__ (reserved)"]);
  if (!WHOLE(a.dailyBackupRetentionDays, 1, MAX_DAILY_RETENTION_DAYS)) problems.push(["dailyBackupRetentionDays", `must be a whole number of days 1..${MAX_DAILY_RETENTION_DAYS} (Firestore keeps daily backups at most a week)`]);
  if (!WHOLE(a.weeklyBackupRetentionWeeks, 0, MAX_BACKUP_RETENTION_DAYS / 7)) problems.push(["weeklyBackupRetentionWeeks", `must be a whole number of weeks 0..${MAX_BACKUP_RETENTION_DAYS / 7} (0: no weekly backups; Firestore keeps backups at most 14 weeks)`]);
  if (poolIdProblem(a.workloadIdentityPoolId) !== undefined) problems.push(["workloadIdentityPoolId", "must be 4-32 characters of a-z, 0-9 and '-', not starting with \"gcp-\""]);
  if (serviceAccountIdProblem(a.serviceAccountId) !== undefined) problems.push(["serviceAccountId", "must be 6-30 characters of a-z, 0-9 and '-', starting with a letter, ending with a letter or digit"]);
  return problems;
}
