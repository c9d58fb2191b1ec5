import type { Adapter } from "../contract";
import type { FirestoreOutputs } from "./deploy";
import { FIRESTORE_PROFILES, type FirestoreProfile } from "./profiles";
import { FIRESTORE_RULES } from "./rules";
import { type FirestoreConfig, firestoreSchema } from "./schema";
import { type FirestoreSettings, firestoreSettings } from "./settings";

/** The Firestore database the Fiber `storage/firestore` adapter uses (components/firestore), on Google Cloud; opt-in. */
export const firestoreAdapter: Adapter<FirestoreConfig, FirestoreProfile, FirestoreSettings, FirestoreOutputs> = {
  key: "firestore",
  configKey: "firestore",
  schema: firestoreSchema,
  profiles: FIRESTORE_PROFILES,
  settings: firestoreSettings,
  enabled: (s) => s.enabled,
  rules: FIRESTORE_RULES,
  loadDeploy: async () => (await import("./deploy")).deployFirestore,
  resourceTypes: [
    // The data itself: replaced, every document is gone (PITR and backups restore only into a new database).
    { type: "gcp:firestore/database:Database", stateful: true },
    // The key: replaced (or destroyed), the database and its backups can no longer be read.
    { type: "gcp:kms/cryptoKey:CryptoKey", stateful: true },
    { type: "gcp:kms/keyRing:KeyRing", stateful: true },
    // Identity the application is configured with: a new pool or account changes the credential configuration.
    { type: "gcp:iam/workloadIdentityPool:WorkloadIdentityPool", stateful: true },
    { type: "gcp:iam/workloadIdentityPoolProvider:WorkloadIdentityPoolProvider", stateful: true },
    { type: "gcp:serviceaccount/account:Account", stateful: true },
    { type: "gcp:firestore/backupSchedule:BackupSchedule", stateful: false },
    { type: "gcp:firestore/field:Field", stateful: false },
    { type: "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember", stateful: false },
    { type: "gcp:projects/service:Service", stateful: false },
    { type: "gcp:projects/serviceIdentity:ServiceIdentity", stateful: false },
    { type: "gcp:projects/iAMMember:IAMMember", stateful: false },
    { type: "gcp:serviceaccount/iAMMember:IAMMember", stateful: false },
    { type: "gcp:monitoring/alertPolicy:AlertPolicy", stateful: false },
    { type: "gcp:monitoring/notificationChannel:NotificationChannel", stateful: false },
    { type: "gcp:monitoring/dashboard:Dashboard", stateful: false },
    { type: "random:index/randomId:RandomId", stateful: false },
    { type: "pulumi:providers:gcp", stateful: false },
  ],
};
