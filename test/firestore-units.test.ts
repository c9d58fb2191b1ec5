import { describe, expect, it } from "vitest";
import { latencyFilter, serverErrorFilter } from "../components/firestore/alerts";
import { firestoreProblems, resolveFirestoreStoreArgs } from "../components/firestore/args";
import { assumedRoleArn, credentialConfiguration, principalSet } from "../components/firestore/identity";
import { backupScheduleProblems, cmekProblems, kmsLocationFor, rotationPeriodProblems, seconds } from "../components/firestore/rules";
import type { StackScope } from "../stacks/adapters/contract";
import { FIRESTORE_PROFILES } from "../stacks/adapters/firestore/profiles";
import { FIRESTORE_RULES } from "../stacks/adapters/firestore/rules";
import { firestoreSettings } from "../stacks/adapters/firestore/settings";
import type { Environment } from "../stacks/environment";
import { PROFILES } from "../stacks/profiles";

/** The Firestore component's pure parts: KMS locations, backup limits, identity strings, alert filters, argument checks. */

describe("where a CMEK key must live", () => {
  // Firestore Admin API CmekConfig: "For Firestore's nam5 multi-region, this corresponds to Cloud KMS multi-region us.
  // For Firestore's eur3 multi-region, this corresponds to Cloud KMS multi-region europe." (checked 2026-11-29)
  it.each([["eur3", "europe"], ["nam5", "us"], ["europe-west1", "europe-west1"], ["us-central1", "us-central1"]])("a database in %s takes a key in %s", (location, kms) => {
    expect(kmsLocationFor(location)).toBe(kms);
  });

  it("knows no KMS location for another multi-region, so CMEK is refused there", () => {
    expect(kmsLocationFor("nam7")).toBeUndefined();
    expect(cmekProblems("nam7", "projects/p/locations/us/keyRings/r/cryptoKeys/k")).toHaveLength(1);
    expect(cmekProblems("eur3", "projects/p/locations/europe/keyRings/r/cryptoKeys/k")).toEqual([]);
    expect(cmekProblems("eur3", undefined)).toEqual([]);
  });
});

describe("backup schedule limits", () => {
  // Retention "up to 14 weeks" (provider docs for BackupSchedule.retention); 7 days for daily (unverified, see rules.ts).
  it("accepts 14 weeks weekly and 7 days daily, and nothing longer", () => {
    expect(backupScheduleProblems({ retention: `${14 * 7 * 86_400}s`, weeklyRecurrence: { day: "MONDAY" } })).toEqual([]);
    expect(backupScheduleProblems({ retention: `${14 * 7 * 86_400 + 1}s`, weeklyRecurrence: { day: "MONDAY" } })).toHaveLength(1);
    expect(backupScheduleProblems({ retention: `${7 * 86_400}s`, dailyRecurrence: {} })).toEqual([]);
    expect(backupScheduleProblems({ retention: `${7 * 86_400 + 1}s`, dailyRecurrence: {} })).toHaveLength(1);
    expect(backupScheduleProblems({ retention: "0s", dailyRecurrence: {} })).toHaveLength(1);
  });

  it("reads durations as the APIs write them: seconds with up to nine fractional digits and a trailing s", () => {
    expect(seconds("3.5s")).toBe(3.5);
    expect(seconds("604800s")).toBe(604_800);
    expect(seconds("7d")).toBeUndefined();
    expect(rotationPeriodProblems("86400s")).toEqual([]);
    expect(rotationPeriodProblems("86399s")).toHaveLength(1);
  });
});

describe("the application's identity", () => {
  it("names the role as STS writes an assumed-role session, without the session name", () => {
    expect(assumedRoleArn("555555555555", "sparki-app")).toBe("arn:aws:sts::555555555555:assumed-role/sparki-app");
    expect(principalSet("projects/123456789012/locations/global/workloadIdentityPools/sparki-prod", "arn:aws:sts::555555555555:assumed-role/sparki-app"))
      .toBe("principalSet://iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/sparki-prod/attribute.aws_role/arn:aws:sts::555555555555:assumed-role/sparki-app");
  });

  it("writes a credential configuration that exchanges AWS credentials and holds no key", () => {
    const config = credentialConfiguration("projects/1/locations/global/workloadIdentityPools/p/providers/aws-app", "sa@p.iam.gserviceaccount.com");
    expect(config.audience).toBe("//iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/p/providers/aws-app");
    expect(config.type).toBe("external_account");
    expect(Object.keys(config)).not.toContain("private_key");
    expect((config.credential_source as Record<string, string>).regional_cred_verification_url).toContain("Action=GetCallerIdentity");
  });
});

describe("alert filters", () => {
  it("select the one database and, for errors, only the service's own failure codes", () => {
    expect(latencyFilter("(default)")).toBe('resource.type = "firestore.googleapis.com/Database" AND resource.labels.database_id = "(default)" AND metric.type = "firestore.googleapis.com/api/request_latencies"');
    expect(serverErrorFilter("fiber-cache")).toContain('metric.labels.response_code = one_of("INTERNAL", "UNAVAILABLE", "DEADLINE_EXCEEDED", "UNKNOWN")');
    expect(serverErrorFilter("fiber-cache")).not.toContain("NOT_FOUND");
  });
});

describe("FirestoreStore arguments", () => {
  const good = resolveFirestoreStoreArgs({
    projectId: "sparki-storage-prod", location: "eur3", awsAccountId: "555555555555", applicationRoleName: "sparki-app",
    workloadIdentityPoolId: "sparki-prod", serviceAccountId: "sparki-prod-fiber", environment: "prod",
  });

  it("defaults to what the adapter opens and the longest backups Firestore keeps", () => {
    expect(good).toMatchObject({ databaseId: "(default)", collection: "fiber_storage", customerManagedKey: true, deleteProtection: true, dailyBackupRetentionDays: 7, weeklyBackupRetentionWeeks: 14, protect: false });
    expect(firestoreProblems(good)).toEqual([]);
  });

  it("reports each field Google Cloud would refuse", () => {
    expect(firestoreProblems({ ...good, location: "nam7", serviceAccountId: "sa", weeklyBackupRetentionWeeks: 15 }).map(([field]) => field))
      .toEqual(["location", "weeklyBackupRetentionWeeks", "serviceAccountId"]);
    expect(firestoreProblems({ ...good, location: "nam7", customerManagedKey: false })).toEqual([]);
  });
});

describe("names derived from the stack", () => {
  // IAM limits: service account IDs 6-30 characters, pool IDs 4-32 (IAM serviceAccounts.create, workloadIdentityPools.create).
  const env = { name: "Firestore_Production-EU-west", profile: PROFILES.prod, alerts: { critical: { emails: ["oncall@sparki.example"] } } } as unknown as Environment;
  const scope = { env, settingsOf: () => { throw new Error("unused"); } } as unknown as StackScope;
  const config = { enabled: true, projectId: "sparki-storage-prod", applicationRoleName: "sparki-app" };
  const settings = firestoreSettings(config, FIRESTORE_PROFILES.prod, scope);

  it("are cut to Google's limits, lowercased, without a trailing hyphen, and pass the rules", () => {
    expect(settings.serviceAccountId).toBe("fiber-firestore-production-eu");
    expect(settings.workloadIdentityPoolId).toBe("sparki-firestore-production-eu-w");
    expect(FIRESTORE_RULES.flatMap((rule) => rule({ config, profile: FIRESTORE_PROFILES.prod, settings, scope }))).toEqual([]);
  });

  it("give way to IDs the section names, which the rules judge", () => {
    const named = { ...config, serviceAccountId: "sa" };
    const s = firestoreSettings(named, FIRESTORE_PROFILES.prod, scope);
    expect(FIRESTORE_RULES.flatMap((rule) => rule({ config: named, profile: FIRESTORE_PROFILES.prod, settings: s, scope })).map((p) => p.path.join("."))).toEqual(["serviceAccountId"]);
  });
});
