import { firestoreProblems } from "../../../components/firestore/args";
import type { Problem } from "../../config/problems";
import type { AdapterRule } from "../contract";
import type { FirestoreProfile } from "./profiles";
import type { FirestoreConfig } from "./schema";
import type { FirestoreSettings } from "./settings";

type Rule = AdapterRule<FirestoreConfig, FirestoreProfile, FirestoreSettings>;

/** Cross-field rules of `sparki-storage:firestore`, on the settings after tier and component defaults. */
export const FIRESTORE_RULES: readonly Rule[] = [
  ({ settings: s }) => [
    ...(s.projectId === "" ? [{ path: ["projectId"], message: "is required when firestore is enabled: the existing Google Cloud project the database lives in" }] : []),
    ...(s.applicationRoleName === "" ? [{ path: ["applicationRoleName"], message: "is required when firestore is enabled: the application's AWS IAM role, the only identity allowed to federate" }] : []),
  ],

  // What Google Cloud would refuse, worded by the component, at the key the stack set (the required keys above first).
  ({ settings: s }) => s.projectId === "" ? [] : firestoreProblems(s).map(([field, message]): Problem => ({ path: [field], message })),

  ({ settings: s, profile, scope }) => [
    ...(profile.customerManagedKeyRequired && !s.customerManagedKey
      ? [{ path: ["customerManagedKey"], message: `must be true for profile "${scope.env.profile.name}" (the database, its backups and PITR versions encrypted with a key the stack controls)` }] : []),
    ...(s.weeklyBackupRetentionWeeks < profile.minWeeklyBackupRetentionWeeks
      ? [{ path: ["weeklyBackupRetentionWeeks"], message: `must be at least ${profile.minWeeklyBackupRetentionWeeks} (weeks) for profile "${scope.env.profile.name}" (restoring to before a corruption noticed weeks later)` }] : []),
  ],

  // Alert policies notify email channels made from alerts.<severity>.emails: prod must reach someone.
  ({ scope }) => scope.env.profile.name === "prod" && scope.env.alerts.critical.emails.length === 0
    ? [{ path: ["enabled"], message: "needs alerts.critical.emails in prod: the Cloud Monitoring alert policies notify email channels made from them (webhook URLs are secret and are not copied into Google Cloud)" }]
    : [],
];
