import * as gcp from "@pulumi/gcp";
import type * as pulumi from "@pulumi/pulumi";
import { FirestoreStore, type FirestoreOutputs } from "../../../components/firestore";
import type { SharedBlocks } from "../../shared";
import type { Deployed } from "../contract";
import type { FirestoreSettings } from "./settings";

export type { FirestoreOutputs } from "../../../components/firestore";

/**
 * The Firestore database the Fiber `storage/firestore` adapter expects, on Google Cloud, with its own Google
 * provider: only the project and region come from config; credentials come from the environment at deploy time
 * (GOOGLE_APPLICATION_CREDENTIALS: a workload identity federation configuration from google-github-actions/auth in
 * CI), never from config. Stack output `firestore`: project, database, collection, the service account and the
 * credential configuration the application uses (no key exists), never a secret.
 */
export function deployFirestore(s: FirestoreSettings, { env, opts, baseName }: SharedBlocks): Deployed<FirestoreOutputs> {
  const provider = new gcp.Provider(`${baseName}-firestore-provider`, {
    project: s.projectId,
    // Labels on every resource that takes them (lowercase keys and values only, unlike the AWS tags).
    defaultLabels: { project: "sparki-storage", environment: env.name.toLowerCase(), "managed-by": "pulumi" },
  });
  const store = new FirestoreStore(`${baseName}-firestore`, {
    projectId: s.projectId, location: s.location, databaseId: s.databaseId, collection: s.collection,
    awsAccountId: env.accountId, applicationRoleName: s.applicationRoleName, customerManagedKey: s.customerManagedKey,
    deleteProtection: s.deleteProtection, dailyBackupRetentionDays: s.dailyBackupRetentionDays,
    weeklyBackupRetentionWeeks: s.weeklyBackupRetentionWeeks, weeklyBackupDay: s.weeklyBackupDay,
    workloadIdentityPoolId: s.workloadIdentityPoolId, serviceAccountId: s.serviceAccountId,
    alertEmails: { warning: env.alerts.warning.emails, critical: env.alerts.critical.emails },
    environment: env.name, protect: env.profile.protectStatefulResources,
  }, { ...opts, providers: [...providersOf(opts), provider] });
  return { fiberPackages: store.outputs.fiberPackages, outputs: store.outputs, dashboard: [] };
}

/** The stack's providers (the AWS one), to which the Google provider is added for the component's children. */
function providersOf(opts: SharedBlocks["opts"]): pulumi.ProviderResource[] {
  const p = opts.providers;
  if (p === undefined) return [];
  return Array.isArray(p) ? p : Object.values(p);
}
