import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { firestoreAlerts, firestoreDashboardJson } from "./alerts";
import { firestoreProblems, type FirestoreStoreArgs, resolveFirestoreStoreArgs } from "./args";
import { APPLICATION_ROLE, FIBER_FIRESTORE } from "./fiber";
import { assumedRoleArn, attributeCondition, AWS_ATTRIBUTE_MAPPING, credentialConfiguration, principalSet } from "./identity";
import { kmsLocationFor } from "./rules";

export * from "./args";
export { APPLICATION_ROLE, FIBER_FIRESTORE, NEVER_GRANTED_ROLES } from "./fiber";
export { firestoreThresholds, latencyFilter, serverErrorFilter, SERVER_ERROR_CODES } from "./alerts";
export { assumedRoleArn, credentialConfiguration } from "./identity";

/** Google APIs the adapter's resources need; enabled, and left enabled on destroy (other workloads of the project may use them). */
export const REQUIRED_APIS = [
  "firestore.googleapis.com", "cloudkms.googleapis.com", "iam.googleapis.com", "iamcredentials.googleapis.com", "sts.googleapis.com", "monitoring.googleapis.com",
] as const;

/** Cloud KMS key rotation: every 90 days (in seconds, as the API writes it). */
export const KEY_ROTATION_PERIOD = `${90 * 86_400}s`;

/** What the application's Fiber `storage/firestore` adapter needs (stack output `firestore`): never a secret or key. */
export interface FirestoreOutputs {
  readonly fiberPackages: readonly string[];
  /** `Config.ProjectID`. */
  readonly projectId: string;
  /** The database; `(default)` is the only one `New` opens (a named one needs `NewFromConnection`). */
  readonly databaseId: string;
  /** `Config.Collection`. */
  readonly collection: string;
  readonly location: string;
  /** Documents are `{ k, v, exp_at }`; `exp_at` carries the TTL policy. */
  readonly keyField: string;
  readonly valueField: string;
  readonly ttlField: string;
  /**
   * `lazy-delete-and-ttl`: `Get` hides and deletes an expired document; the TTL policy removes expired documents
   * nobody reads again, typically within 24 hours of expiry.
   */
  readonly expiry: "lazy-delete-and-ttl";
  readonly pointInTimeRecovery: true;
  readonly deleteProtection: boolean;
  /** The CMEK key, when customerManagedKey is on. */
  readonly kmsKeyName?: pulumi.Output<string>;
  /** The service account the application impersonates (roles/datastore.user on this database only). */
  readonly serviceAccountEmail: pulumi.Output<string>;
  /** The AWS role ARN (as an STS assumed-role ARN) that alone may federate. */
  readonly applicationRole: string;
  readonly workloadIdentityProvider: pulumi.Output<string>;
  /** The credential configuration file's contents (JSON, no secret): mount it and point GOOGLE_APPLICATION_CREDENTIALS at it. */
  readonly credentialConfiguration: pulumi.Output<string>;
  readonly backups: { readonly dailyRetentionDays: number; readonly weeklyRetentionWeeks: number };
}

/**
 * The Firestore (native mode) database the Fiber `storage/firestore` adapter expects: point-in-time recovery,
 * delete protection, CMEK with a rotating Cloud KMS key, daily and weekly backup schedules, a TTL policy on the
 * adapter's `exp_at` field of its collection, a service account with roles/datastore.user on this database only,
 * impersonable only by the application's AWS role through workload identity federation, and Cloud Monitoring
 * alert policies and a dashboard. Every child takes the Google provider from `opts.providers`.
 */
export class FirestoreStore extends pulumi.ComponentResource {
  readonly outputs: FirestoreOutputs;
  readonly database: gcp.firestore.Database;

  constructor(name: string, args: FirestoreStoreArgs, opts?: pulumi.ComponentResourceOptions) {
    super("sparki:firestore:FirestoreStore", name, {}, opts);
    const a = resolveFirestoreStoreArgs(args);
    const problems = firestoreProblems(a);
    if (problems.length > 0) {
      const valueOf = (field: string) => JSON.stringify((a as unknown as Record<string, unknown>)[field]);
      throw new Error(`FirestoreStore ${name}: ${problems.map(([field, message]) => `${field} ${message}, got ${valueOf(field)}`).join("; ")}`);
    }
    const project = a.projectId;
    const child = { parent: this };

    const apis = Object.fromEntries(REQUIRED_APIS.map((service) => [service, new gcp.projects.Service(`${name}-api-${service.split(".")[0]}`, {
      project, service, disableOnDestroy: false, disableDependentServices: false,
    }, child)])) as Record<(typeof REQUIRED_APIS)[number], gcp.projects.Service>;

    // Customer-managed key: in the database's KMS location, usable by Firestore's service agent only.
    let kmsKeyName: pulumi.Output<string> | undefined;
    const keyDependencies: pulumi.Resource[] = [];
    if (a.customerManagedKey) {
      // Key rings cannot be deleted: a suffix lets a destroyed and re-created stack make a new one instead of colliding.
      const suffix = new random.RandomId(`${name}-keyring-suffix`, { byteLength: 3 }, child);
      const ring = new gcp.kms.KeyRing(`${name}-keyring`, {
        project, location: kmsLocationFor(a.location) ?? a.location, name: pulumi.interpolate`${name}-${suffix.hex}`,
      }, { ...child, dependsOn: [apis["cloudkms.googleapis.com"]] });
      const key = new gcp.kms.CryptoKey(`${name}-key`, {
        name: "firestore", keyRing: ring.id, purpose: "ENCRYPT_DECRYPT", rotationPeriod: KEY_ROTATION_PERIOD,
        versionTemplate: { algorithm: "GOOGLE_SYMMETRIC_ENCRYPTION", protectionLevel: "SOFTWARE" },
      }, { ...child, protect: a.protect });
      const agent = new gcp.projects.ServiceIdentity(`${name}-firestore-agent`, { project, service: "firestore.googleapis.com" }, { ...child, dependsOn: [apis["firestore.googleapis.com"]] });
      keyDependencies.push(new gcp.kms.CryptoKeyIAMMember(`${name}-key-firestore-agent`, {
        cryptoKeyId: key.id, role: "roles/cloudkms.cryptoKeyEncrypterDecrypter", member: agent.member,
      }, child));
      kmsKeyName = key.id;
    }

    this.database = new gcp.firestore.Database(`${name}-database`, {
      project, name: a.databaseId, locationId: a.location, type: "FIRESTORE_NATIVE",
      pointInTimeRecoveryEnablement: "POINT_IN_TIME_RECOVERY_ENABLED",
      deleteProtectionState: a.deleteProtection ? "DELETE_PROTECTION_ENABLED" : "DELETE_PROTECTION_DISABLED",
      // ABANDON keeps the database when Pulumi deletes the resource; dev lets `pulumi destroy` delete it.
      deletionPolicy: a.deleteProtection ? "ABANDON" : "DELETE",
      appEngineIntegrationMode: "DISABLED",
      ...(kmsKeyName ? { cmekConfig: { kmsKeyName } } : {}),
    }, { ...child, protect: a.protect, dependsOn: [apis["firestore.googleapis.com"], ...keyDependencies] });

    const day = 86_400;
    new gcp.firestore.BackupSchedule(`${name}-backup-daily`, {
      project, database: this.database.name, retention: `${a.dailyBackupRetentionDays * day}s`, dailyRecurrence: {},
    }, child);
    if (a.weeklyBackupRetentionWeeks > 0) {
      new gcp.firestore.BackupSchedule(`${name}-backup-weekly`, {
        project, database: this.database.name, retention: `${a.weeklyBackupRetentionWeeks * 7 * day}s`, weeklyRecurrence: { day: a.weeklyBackupDay },
      }, child);
    }

    // TTL on the adapter's expiry field; its single-field indexes off: the adapter never queries by it, and an indexed
    // timestamp written in increasing order is a hotspot (https://cloud.google.com/firestore/docs/ttl, "TTL fields and indexes").
    new gcp.firestore.Field(`${name}-ttl`, {
      project, database: this.database.name, collection: a.collection, field: FIBER_FIRESTORE.expiryField, ttlConfig: {}, indexConfig: {},
    }, child);

    // The application's identity: its AWS role only, through the pool, impersonating a service account without keys.
    const roleArn = assumedRoleArn(a.awsAccountId, a.applicationRoleName);
    const account = new gcp.serviceaccount.Account(`${name}-sa`, {
      project, accountId: a.serviceAccountId, displayName: `Fiber storage/firestore (${a.environment})`,
      description: `The application's identity for Firestore database ${a.databaseId}; impersonated through workload identity federation from AWS only, never with keys.`,
    }, { ...child, dependsOn: [apis["iam.googleapis.com"]] });
    new gcp.projects.IAMMember(`${name}-datastore-user`, {
      project, role: APPLICATION_ROLE, member: account.member,
      // A per-database IAM condition on resource.name, as Firestore's "Manage databases" page shows for restricting a
      // role to one database (recalled, not re-read 2026-11-29: unverified). The adapter needs nothing outside it.
      condition: {
        title: `only-${a.databaseId === "(default)" ? "default" : a.databaseId}-database`,
        description: "Firestore documents of the Fiber database only",
        expression: `resource.name == "projects/${project}/databases/${a.databaseId}"`,
      },
    }, child);
    const pool = new gcp.iam.WorkloadIdentityPool(`${name}-pool`, {
      project, workloadIdentityPoolId: a.workloadIdentityPoolId, displayName: `sparki ${a.environment}`.slice(0, 32),
      description: `AWS account ${a.awsAccountId}: the Sparki application's role, for Firestore`,
    }, { ...child, dependsOn: [apis["iam.googleapis.com"], apis["sts.googleapis.com"]] });
    const provider = new gcp.iam.WorkloadIdentityPoolProvider(`${name}-aws`, {
      project, workloadIdentityPoolId: pool.workloadIdentityPoolId, workloadIdentityPoolProviderId: "aws-app",
      displayName: "AWS application role", aws: { accountId: a.awsAccountId },
      attributeMapping: AWS_ATTRIBUTE_MAPPING, attributeCondition: attributeCondition(roleArn),
    }, child);
    new gcp.serviceaccount.IAMMember(`${name}-wif-impersonation`, {
      serviceAccountId: account.name, role: "roles/iam.workloadIdentityUser", member: pool.name.apply((poolName) => principalSet(poolName, roleArn)),
    }, child);

    firestoreAlerts({
      environment: a.environment, projectId: project, databaseId: a.databaseId, emails: a.alertEmails, database: this.database, monitoringApi: apis["monitoring.googleapis.com"],
    }, name, this);
    new gcp.monitoring.Dashboard(`${name}-dashboard`, { project, dashboardJson: firestoreDashboardJson(a.environment, a.databaseId) }, { ...child, dependsOn: [apis["monitoring.googleapis.com"]] });

    this.outputs = {
      fiberPackages: [FIBER_FIRESTORE.fiberPackage],
      projectId: project, databaseId: a.databaseId, collection: a.collection, location: a.location,
      keyField: FIBER_FIRESTORE.keyField, valueField: FIBER_FIRESTORE.valueField, ttlField: FIBER_FIRESTORE.expiryField,
      expiry: "lazy-delete-and-ttl", pointInTimeRecovery: true, deleteProtection: a.deleteProtection,
      ...(kmsKeyName ? { kmsKeyName } : {}),
      serviceAccountEmail: account.email, applicationRole: roleArn, workloadIdentityProvider: provider.name,
      credentialConfiguration: pulumi.all([provider.name, account.email]).apply(([p, email]) => JSON.stringify(credentialConfiguration(p, email))),
      backups: { dailyRetentionDays: a.dailyBackupRetentionDays, weeklyRetentionWeeks: a.weeklyBackupRetentionWeeks },
    };
    this.registerOutputs({ outputs: this.outputs });
  }
}
