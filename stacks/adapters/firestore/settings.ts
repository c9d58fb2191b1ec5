import type { Weekday } from "../../../components/firestore/args";
import { FIBER_FIRESTORE } from "../../../components/firestore/fiber";
import type { StackScope } from "../contract";
import type { FirestoreProfile } from "./profiles";
import type { FirestoreConfig } from "./schema";

/** What the stack deploys for the Fiber Firestore database: its config over the tier over the component's defaults. */
export interface FirestoreSettings {
  readonly enabled: boolean;
  /** Required when enabled (a rule says so); empty when the section names none. */
  readonly projectId: string;
  readonly location: string;
  readonly databaseId: string;
  readonly collection: string;
  /** Required when enabled (a rule says so); empty when the section names none. */
  readonly applicationRoleName: string;
  readonly customerManagedKey: boolean;
  readonly deleteProtection: boolean;
  readonly dailyBackupRetentionDays: number;
  readonly weeklyBackupRetentionWeeks: number;
  readonly weeklyBackupDay: Weekday;
  readonly workloadIdentityPoolId: string;
  readonly serviceAccountId: string;
}

/**
 * An ID made from the stack name that Google accepts: lowercase, only a-z, 0-9 and '-', cut to `max` characters
 * (pools 32, service accounts 30), no trailing '-'. Both prefixes start with a letter and are not `gcp-`.
 */
export function fitted(id: string, max: number): string {
  return id.toLowerCase().replace(/[^a-z0-9-]/g, "-").slice(0, max).replace(/-+$/, "");
}

export function firestoreSettings(c: FirestoreConfig, p: FirestoreProfile, { env }: StackScope): FirestoreSettings {
  return {
    enabled: c.enabled ?? p.enabled,
    projectId: c.projectId ?? "",
    location: c.location ?? p.location,
    databaseId: c.databaseId ?? FIBER_FIRESTORE.defaultDatabase,
    collection: c.collection ?? FIBER_FIRESTORE.defaultCollection,
    applicationRoleName: c.applicationRoleName ?? "",
    customerManagedKey: c.customerManagedKey ?? true,
    deleteProtection: p.deleteProtection,
    dailyBackupRetentionDays: c.dailyBackupRetentionDays ?? p.dailyBackupRetentionDays,
    weeklyBackupRetentionWeeks: c.weeklyBackupRetentionWeeks ?? p.weeklyBackupRetentionWeeks,
    weeklyBackupDay: c.weeklyBackupDay ?? "SUNDAY",
    workloadIdentityPoolId: c.workloadIdentityPoolId ?? fitted(`sparki-${env.name}`, 32),
    serviceAccountId: c.serviceAccountId ?? fitted(`fiber-${env.name}`, 30),
  };
}
