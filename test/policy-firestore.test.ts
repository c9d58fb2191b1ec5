import { describe, expect, it } from "vitest";
import { ENGINE_RULE_POLICIES } from "../policy/engine-rules";
import {
  FIRESTORE_ENGINE_RULES, firestoreBackupSchedule, firestoreCmekLocation, firestoreDatabaseId, firestoreTtlField, gcpKmsRotation, gcpServiceAccountId, gcpWorkloadIdentityIds,
} from "../policy/engine-rules-firestore";
import {
  awsFederationCondition, FIRESTORE_POLICIES, firestoreCustomerKey, firestoreDeleteProtection, firestorePointInTimeRecovery, noBroadRoles, noServiceAccountKeys,
} from "../policy/firestore";
import { POLICIES } from "../policy/policies";
import { describeResourceCases, type ResourceCase } from "./policy-cases";
import { T } from "./policy-fixtures";
import { checkResource, checkStack, readPolicyConfigFile, reconcilePolicyConfig } from "./policy-harness";

/**
 * The baseline and the engine rules for the Firestore adapter's Google Cloud resources (components/firestore). Each
 * has the resource as the component registers it in prod (passes) and counterexamples with the exact message.
 */

const DB = "gcp:firestore/database:Database";
const KEY = "projects/sparki-storage-prod/locations/europe/keyRings/sparki-firestore-prod-firestore-firestore-a1b2c3/cryptoKeys/firestore";

const prodDatabase = (): Record<string, unknown> => ({
  project: "sparki-storage-prod", name: "(default)", type: "FIRESTORE_NATIVE", locationId: "eur3",
  pointInTimeRecoveryEnablement: "POINT_IN_TIME_RECOVERY_ENABLED", deleteProtectionState: "DELETE_PROTECTION_ENABLED", deletionPolicy: "ABANDON",
  appEngineIntegrationMode: "DISABLED", cmekConfig: { kmsKeyName: KEY },
});
const awsProvider = (): Record<string, unknown> => ({
  project: "sparki-storage-prod", workloadIdentityPoolId: "sparki-firestore-prod", workloadIdentityPoolProviderId: "aws-app", aws: { accountId: "555555555555" },
  attributeCondition: 'attribute.aws_role == "arn:aws:sts::555555555555:assumed-role/sparki-app"',
});

const CASES: ResourceCase[] = [
  { policy: firestorePointInTimeRecovery, type: DB, pass: prodDatabase(), failures: [
    [{ pointInTimeRecoveryEnablement: "POINT_IN_TIME_RECOVERY_DISABLED" }, "pointInTimeRecoveryEnablement is POINT_IN_TIME_RECOVERY_DISABLED: only the last hour of versions could be read back. Enable it."],
    [{ pointInTimeRecoveryEnablement: undefined }, "pointInTimeRecoveryEnablement is unset (disabled): only the last hour of versions could be read back. Enable it."],
  ] },
  { policy: firestoreDeleteProtection, type: DB, pass: prodDatabase(), failures: [
    [{ deleteProtectionState: "DELETE_PROTECTION_DISABLED" }, "deleteProtectionState is DELETE_PROTECTION_DISABLED: DeleteDatabase (a console click or `pulumi destroy`) drops every document. Enable it."],
    [{ deleteProtectionState: undefined }, "deleteProtectionState is unset (disabled): DeleteDatabase (a console click or `pulumi destroy`) drops every document. Enable it."],
  ] },
  { policy: firestoreCustomerKey, type: DB, pass: prodDatabase(), failures: [
    [{ cmekConfig: undefined }, "cmekConfig names no kmsKeyName: the database uses Google's default encryption, whose key no policy of this project controls. Set a customer-managed key."],
  ] },
  { policy: awsFederationCondition, type: "gcp:iam/workloadIdentityPoolProvider:WorkloadIdentityPoolProvider", pass: awsProvider(), failures: [
    [{ attributeCondition: undefined }, "an AWS provider without attributeCondition accepts every identity of the account: restrict it to the application's role."],
    [{ attributeCondition: " " }, "an AWS provider without attributeCondition accepts every identity of the account: restrict it to the application's role."],
  ] },
  { policy: noBroadRoles, type: "gcp:projects/iAMMember:IAMMember", pass: { project: "p", role: "roles/datastore.user", member: "serviceAccount:a@p.iam.gserviceaccount.com" }, failures: [
    [{ role: "roles/editor" }, "role roles/editor is far broader than reading and writing documents: grant roles/datastore.user on the database instead."],
    [{ role: "roles/datastore.owner" }, "role roles/datastore.owner is far broader than reading and writing documents: grant roles/datastore.user on the database instead."],
  ] },
  // Engine rules (what Google Cloud refuses at create time).
  { policy: firestoreDatabaseId, type: DB, pass: prodDatabase(), failures: [
    [{ name: "abc" }, "database ID \"abc\" must be \"(default)\" or 4-63 characters of a-z, 0-9 and '-', starting with a letter, ending with a letter or digit, and not UUID-like."],
    [{ name: "abcdef01-2345-6789-abcd-ef0123456789" }, "database ID \"abcdef01-2345-6789-abcd-ef0123456789\" must be \"(default)\" or 4-63 characters of a-z, 0-9 and '-', starting with a letter, ending with a letter or digit, and not UUID-like."],
    [{ name: "Fiber" }, "database ID \"Fiber\" must be \"(default)\" or 4-63 characters of a-z, 0-9 and '-', starting with a letter, ending with a letter or digit, and not UUID-like."],
  ] },
  { policy: firestoreCmekLocation, type: DB, pass: prodDatabase(), failures: [
    // CmekConfig: eur3 takes a key in the KMS multi-region "europe", not in one of its regions.
    [{ cmekConfig: { kmsKeyName: KEY.replace("/europe/", "/europe-west1/") } }, "cmekConfig key is in KMS location \"europe-west1\" but a database in \"eur3\" needs a key in \"europe\"."],
    [{ locationId: "nam5" }, "cmekConfig key is in KMS location \"europe\" but a database in \"nam5\" needs a key in \"us\"."],
    [{ locationId: "nam7" }, "database location \"nam7\" takes no customer-managed key this stack knows a KMS location for (eur3: europe, nam5: us, or a region)."],
    [{ cmekConfig: { kmsKeyName: "firestore-key" } }, "cmekConfig.kmsKeyName \"firestore-key\" is not projects/<project>/locations/<location>/keyRings/<ring>/cryptoKeys/<key>."],
  ] },
  { policy: firestoreBackupSchedule, type: "gcp:firestore/backupSchedule:BackupSchedule", pass: { database: "(default)", retention: "8467200s", weeklyRecurrence: { day: "SUNDAY" } }, failures: [
    // 14 weeks is 8,467,200 s: one second more is refused.
    [{ retention: "8467201s" }, "retention 8467201s must be more than 0 and at most 98 days (8467200s) for a weekly schedule."],
    [{ retention: "14w" }, "retention \"14w\" must be a duration in seconds such as \"604800s\"."],
    [{ weeklyRecurrence: { day: "SUN" } }, "weeklyRecurrence.day \"SUN\" must be one of MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY, SATURDAY, SUNDAY."],
    [{ weeklyRecurrence: undefined }, "a backup schedule needs exactly one of dailyRecurrence and weeklyRecurrence."],
    [{ dailyRecurrence: {} }, "a backup schedule needs exactly one of dailyRecurrence and weeklyRecurrence; retention 8467200s must be more than 0 and at most 7 days (604800s) for a daily schedule."],
  ] },
  { policy: firestoreTtlField, type: "gcp:firestore/field:Field", pass: { database: "(default)", collection: "fiber_storage", field: "exp_at", ttlConfig: {}, indexConfig: {} }, failures: [
    [{ collection: "sparki/fiber_storage" }, "collection \"sparki/fiber_storage\" is no collection group ID (no '/', not '.', '..' or __name__)."],
    [{ ttlConfig: { expirationOffset: "0s" } }, "ttlConfig.expirationOffset \"0s\" must be 1-2147483647 whole seconds such as \"60s\"."],
  ] },
  { policy: gcpWorkloadIdentityIds, type: "gcp:iam/workloadIdentityPoolProvider:WorkloadIdentityPoolProvider", pass: awsProvider(), failures: [
    [{ workloadIdentityPoolProviderId: "aws" }, "workload identity pool provider ID \"aws\" must be 4-32 characters of a-z, 0-9 and '-', not starting with \"gcp-\"."],
    [{ workloadIdentityPoolId: "gcp-sparki" }, "workload identity pool ID \"gcp-sparki\" must be 4-32 characters of a-z, 0-9 and '-', not starting with \"gcp-\"."],
    [{ aws: { accountId: "5555" } }, "aws.accountId \"5555\" must be a 12-digit AWS account ID."],
  ] },
  { policy: gcpServiceAccountId, type: "gcp:serviceaccount/account:Account", pass: { project: "p", accountId: "sparki-firestore-prod-fiber" }, failures: [
    [{ accountId: "sparki-firestore-production-fiber" }, "service account ID \"sparki-firestore-production-fiber\" must be 6-30 characters of a-z, 0-9 and '-', starting with a letter and ending with a letter or digit."],
    [{ accountId: "fiber-" }, "service account ID \"fiber-\" must be 6-30 characters of a-z, 0-9 and '-', starting with a letter and ending with a letter or digit."],
  ] },
  { policy: gcpKmsRotation, type: "gcp:kms/cryptoKey:CryptoKey", pass: { name: "firestore", keyRing: "r", rotationPeriod: "7776000s" }, failures: [
    [{ rotationPeriod: "3600s" }, "rotationPeriod \"3600s\" must be at least one day (\"86400s\")."],
    [{ rotationPeriod: "90d" }, "rotationPeriod \"90d\" must be at least one day (\"86400s\")."],
  ] },
];

describeResourceCases(CASES, T.bucket);

describe("Firestore policies in the pack", () => {
  it("refuses any service account key in a stack with Google service accounts, whatever its settings", async () => {
    const account = { type: "gcp:serviceaccount/account:Account", name: "sparki-prod-firestore-sa", props: { accountId: "sparki-prod-fiber" } };
    const key = { type: "gcp:serviceaccount/key:Key", name: "fiber-key", props: { serviceAccountId: "sparki-prod-fiber" } };
    expect((await checkStack(noServiceAccountKeys, [account])).violations).toEqual([]);
    expect((await checkStack(noServiceAccountKeys, [account, key])).violations)
      .toEqual(["service account key fiber-key is a long-lived credential that can be copied anywhere: federate the workload's own identity instead."]);
    expect((await checkStack(noServiceAccountKeys, [{ type: T.bucket, name: "b", props: {} }])).notApplicable).toBeDefined();
  });

  it("are registered, the engine rules among the engine rules and mandatory in both tiers' policy config", () => {
    for (const p of [...FIRESTORE_POLICIES, ...FIRESTORE_ENGINE_RULES]) expect(POLICIES.some((q) => q.name === p.name), p.name).toBe(true);
    for (const p of FIRESTORE_ENGINE_RULES) expect(ENGINE_RULE_POLICIES.includes(p), p.name).toBe(true);
    for (const stack of ["dev", "prod"]) {
      const config = reconcilePolicyConfig(readPolicyConfigFile(stack), "mandatory");
      for (const p of FIRESTORE_ENGINE_RULES) expect(config.get(p.name)?.enforcementLevel, `${stack} ${p.name}`).toBe("mandatory");
    }
    const prod = reconcilePolicyConfig(readPolicyConfigFile("prod"), "mandatory");
    for (const p of FIRESTORE_POLICIES) expect(prod.get(p.name)?.enforcementLevel, p.name).toBe("mandatory");
  });

  it("pass the dev database but for delete protection, which dev leaves off by design (advisory there)", async () => {
    const dev = { ...prodDatabase(), locationId: "europe-west1", deleteProtectionState: "DELETE_PROTECTION_DISABLED", deletionPolicy: "DELETE", cmekConfig: { kmsKeyName: KEY.replace("/europe/", "/europe-west1/") } };
    const failing: string[] = [];
    for (const policy of [...FIRESTORE_POLICIES, ...FIRESTORE_ENGINE_RULES]) {
      if (!("validateResource" in policy)) continue;
      if ((await checkResource(policy, { type: DB, props: dev })).violations.length > 0) failing.push(policy.name);
    }
    expect(failing).toEqual(["firestore-delete-protection"]);
  });
});
