import type { z } from "zod";
import { MAX_BACKUP_RETENTION_DAYS, MAX_DAILY_RETENTION_DAYS, WEEKDAYS } from "../../../components/firestore/rules";
import { documented } from "../../config/docs";
import { flag, intRange, matching, oneOf, section } from "../../config/rules";

/** `sparki-storage:firestore`: the Firestore database the Fiber `storage/firestore` adapter uses. Absent fields take the profile's value. */
export const firestoreSchema = documented(section({
  enabled: documented(flag().optional(), { type: "boolean", description: "Create the Fiber Firestore database at all (off in dev and prod; examples/firestore turns it on)." }),
  projectId: documented(matching(/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/, "a Google Cloud project ID: 6-30 characters of a-z, 0-9 and '-', starting with a letter, not ending with '-'").optional(), {
    type: "Google Cloud project ID", default: "— (required when enabled)",
    description: "The existing project the database lives in (the adapter's `Config.ProjectID`). Credentials are never config: the Google provider reads them from the environment (GOOGLE_APPLICATION_CREDENTIALS, workload identity federation in CI).",
  }),
  location: documented(matching(/^(eur3|nam5|nam7|[a-z]+-[a-z]+[0-9]+)$/, "a Firestore location: a region such as europe-west1 or a multi-region eur3, nam5 or nam7").optional(), {
    type: "Firestore location", default: "dev europe-west1, prod eur3", description: "Where the database lives; fixed at creation (changing it replaces the database).",
  }),
  databaseId: documented(matching(/^(\(default\)|[a-z][a-z0-9-]{2,61}[a-z0-9])$/, "\"(default)\" or 4-63 characters of a-z, 0-9 and '-', starting with a letter, ending with a letter or digit").optional(), {
    type: "database ID", default: "`(default)`",
    description: "The adapter's `New` opens only `(default)`; a named database needs the application to build the client itself (`NewFromConnection`).",
  }),
  collection: documented(matching(/^(?!\.\.?$)(?!__.*__$)[^/]{1,1500}$/su, "a Firestore collection ID: 1-1500 characters without '/', not '.' or '..', not __name__").optional(), {
    type: "collection ID", default: "`fiber_storage`", description: "The adapter's `Config.Collection`; the TTL policy on `exp_at` is set on this collection group.",
  }),
  applicationRoleName: documented(matching(/^[\w+=,.@-]{1,64}$/, "an AWS IAM role name (1-64 characters of letters, digits and +=,.@_-)").optional(), {
    type: "AWS IAM role name", default: "— (required when enabled)",
    description: "The application's role in this stack's AWS account: the only identity the workload identity provider accepts and the only one that may impersonate the service account.",
  }),
  customerManagedKey: documented(flag().optional(), {
    type: "boolean", default: "true", description: "Encrypt with a Cloud KMS key the stack creates (rotated every 90 days) instead of Google's default key; prod refuses false. Google may first require a CMEK access request for the project (docs/components.md, Firestore, \"Before the first `pulumi up`\").",
  }),
  dailyBackupRetentionDays: documented(intRange(1, MAX_DAILY_RETENTION_DAYS).optional(), { type: `integer days 1..${MAX_DAILY_RETENTION_DAYS}`, default: "7", description: "Days each daily backup is kept." }),
  weeklyBackupRetentionWeeks: documented(intRange(0, MAX_BACKUP_RETENTION_DAYS / 7).optional(), {
    type: `integer weeks 0..${MAX_BACKUP_RETENTION_DAYS / 7}`, default: "dev 0 (none), prod 14", description: "Weeks each weekly backup is kept; 0 makes no weekly schedule (prod refuses fewer than 4).",
  }),
  weeklyBackupDay: documented(oneOf(WEEKDAYS).optional(), { type: "MONDAY..SUNDAY", default: "SUNDAY", description: "Day the weekly backup runs." }),
  workloadIdentityPoolId: documented(matching(/^(?!gcp-)[a-z0-9-]{4,32}$/, "4-32 characters of a-z, 0-9 and '-', not starting with \"gcp-\"").optional(), {
    type: "pool ID", default: "`sparki-<stack>`, cut to 32 characters", description: "The workload identity pool; a deleted pool's ID stays taken for 30 days, so a re-created stack may need another.",
  }),
  serviceAccountId: documented(matching(/^[a-z](?:[-a-z0-9]{4,28}[a-z0-9])$/, "6-30 characters of a-z, 0-9 and '-', starting with a letter, ending with a letter or digit").optional(), {
    type: "service account ID", default: "`fiber-<stack>`, cut to 30 characters", description: "The service account the application impersonates (roles/datastore.user on this database only).",
  }),
}), {
  description: "The Firestore (native mode) database the Fiber `storage/firestore` adapter uses, on Google Cloud (opt-in): point-in-time recovery, CMEK, backup schedules, a TTL policy on `exp_at`, workload identity federation from the application's AWS role, Cloud Monitoring alerts. Absent fields take the profile default.",
});

export type FirestoreConfig = z.infer<typeof firestoreSchema>;
