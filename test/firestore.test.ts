import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { gcpServiceAccountId, gcpWorkloadIdentityIds } from "../policy/engine-rules-firestore";
import { REPO_ROOT } from "../scripts/offline/stack-files";
import { STATEFUL_RESOURCE_TYPES } from "../stacks/adapters/registry";
import { capturedRun, childrenOf, json, ofType, one, type ProgramRun, type RegisteredResource } from "./harness";

/**
 * The Fiber storage/firestore database (components/firestore; adapter stacks/adapters/firestore) as the example stacks
 * examples/firestore/Pulumi.firestore-{dev,prod}.yaml register it. Expected values are written from the stack files,
 * the tiers (dev: europe-west1, daily backups only, no delete protection; prod: eur3, daily and 14 weeks of weekly
 * backups, delete protection, protect), the Fiber adapter's source (gofiber/storage firestore.go: collection
 * fiber_storage, expiry field exp_at, database (default)) and Google's documentation named beside them.
 */

const ACCOUNT = "555555555555";
const DB = "gcp:firestore/database:Database";
const DAY = 86_400;

const EXAMPLES = [
  { stack: "firestore-dev", project: "sparki-storage-dev", role: "sparki-app-dev", location: "europe-west1", kmsLocation: "europe-west1", protection: "DELETE_PROTECTION_DISABLED", deletionPolicy: "DELETE", protect: false, weeklyWeeks: 0, criticalEmails: [] as string[] },
  { stack: "firestore-prod", project: "sparki-storage-prod", role: "sparki-app", location: "eur3", kmsLocation: "europe", protection: "DELETE_PROTECTION_ENABLED", deletionPolicy: "ABANDON", protect: true, weeklyWeeks: 14, criticalEmails: ["platform-oncall@sparki.example"] },
] as const;

const runOf = (stack: string) => capturedRun({ stack, stackDir: join(REPO_ROOT, "examples", "firestore") });
const gcpResources = (run: ProgramRun) => run.resources.filter((r) => r.type.startsWith("gcp:"));

describe.each(EXAMPLES)("Firestore of $stack", (e) => {
  const roleArn = `arn:aws:sts::${ACCOUNT}:assumed-role/${e.role}`;

  it("creates one native-mode (default) database with point-in-time recovery, in the tier's location", async () => {
    const run = await runOf(e.stack);
    const db = one(run, DB);
    expect(db.parent?.type).toBe("sparki:firestore:FirestoreStore");
    expect(db.inputs).toMatchObject({
      project: e.project, name: "(default)", type: "FIRESTORE_NATIVE", locationId: e.location,
      pointInTimeRecoveryEnablement: "POINT_IN_TIME_RECOVERY_ENABLED", appEngineIntegrationMode: "DISABLED",
    });
  });

  it(`${e.protect ? "protects the database (delete protection, ABANDON, protect)" : "lets pulumi destroy delete the database"}`, async () => {
    const run = await runOf(e.stack);
    const db = one(run, DB);
    expect(db.inputs.deleteProtectionState).toBe(e.protection);
    expect(db.inputs.deletionPolicy).toBe(e.deletionPolicy);
    expect(db.options.protect).toBe(e.protect);
    expect(one(run, "gcp:kms/cryptoKey:CryptoKey").options.protect).toBe(e.protect);
    for (const t of [DB, "gcp:kms/cryptoKey:CryptoKey", "gcp:kms/keyRing:KeyRing", "gcp:serviceaccount/account:Account", "gcp:iam/workloadIdentityPool:WorkloadIdentityPool"]) {
      expect(STATEFUL_RESOURCE_TYPES.has(t), t).toBe(true);
    }
  });

  it("encrypts with a rotating Cloud KMS key in the database's KMS location, usable by Firestore's service agent", async () => {
    const run = await runOf(e.stack);
    const ring = one(run, "gcp:kms/keyRing:KeyRing");
    // CmekConfig: "For Firestore's eur3 multi-region, this corresponds to Cloud KMS multi-region europe"; a region's key is in that region.
    expect(ring.inputs.location).toBe(e.kmsLocation);
    const key = one(run, "gcp:kms/cryptoKey:CryptoKey");
    expect(key.inputs).toMatchObject({ purpose: "ENCRYPT_DECRYPT", rotationPeriod: `${90 * DAY}s` });
    const db = one(run, DB);
    const keyName = (db.inputs.cmekConfig as { kmsKeyName: string }).kmsKeyName;
    expect(keyName).toMatch(new RegExp(`^projects/${e.project}/locations/${e.kmsLocation}/keyRings/sparki-${e.stack}-firestore-[0-9a-f]{6}/cryptoKeys/firestore$`));
    const grant = one(run, "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember");
    expect(grant.inputs).toMatchObject({ cryptoKeyId: keyName, role: "roles/cloudkms.cryptoKeyEncrypterDecrypter" });
    expect(String(grant.inputs.member)).toMatch(/^serviceAccount:service-\d{12}@gcp-sa-firestore\.iam\.gserviceaccount\.com$/);
    // The database waits for the grant: Firestore refuses a key its agent cannot use.
    expect(db.options.dependsOn.some((d) => d.type === "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember")).toBe(true);
  });

  it(`backs up daily for 7 days${e.weeklyWeeks > 0 ? ` and weekly on Sundays for ${e.weeklyWeeks} weeks` : " only"}`, async () => {
    const run = await runOf(e.stack);
    const schedules = ofType(run, "gcp:firestore/backupSchedule:BackupSchedule").map((s) => s.inputs);
    const expected: Record<string, unknown>[] = [{ database: "(default)", retention: `${7 * DAY}s`, dailyRecurrence: {} }];
    if (e.weeklyWeeks > 0) expected.push({ database: "(default)", retention: `${e.weeklyWeeks * 7 * DAY}s`, weeklyRecurrence: { day: "SUNDAY" } });
    expect(schedules).toHaveLength(expected.length);
    expected.forEach((x, i) => expect(schedules[i]).toMatchObject(x));
  });

  it("puts the TTL policy on the adapter's expiry field exp_at of fiber_storage, without single-field indexes", async () => {
    const run = await runOf(e.stack);
    expect(one(run, "gcp:firestore/field:Field").inputs).toMatchObject({ database: "(default)", collection: "fiber_storage", field: "exp_at", ttlConfig: {}, indexConfig: {} });
  });

  it("federates only the application's AWS role into a keyless service account with datastore.user on this database", async () => {
    const run = await runOf(e.stack);
    expect(ofType(run, "gcp:serviceaccount/key:Key")).toEqual([]);
    const provider = one(run, "gcp:iam/workloadIdentityPoolProvider:WorkloadIdentityPoolProvider");
    expect(provider.inputs).toMatchObject({ workloadIdentityPoolId: `sparki-${e.stack}`, workloadIdentityPoolProviderId: "aws-app", aws: { accountId: ACCOUNT } });
    expect(provider.inputs.attributeCondition).toBe(`attribute.aws_role == "${roleArn}"`);
    const sa = one(run, "gcp:serviceaccount/account:Account");
    expect(sa.inputs.accountId).toBe(`fiber-${e.stack}`);
    const member = one(run, "gcp:projects/iAMMember:IAMMember");
    expect(member.inputs).toMatchObject({
      project: e.project, role: "roles/datastore.user", member: `serviceAccount:fiber-${e.stack}@${e.project}.iam.gserviceaccount.com`,
      condition: { expression: `resource.name == "projects/${e.project}/databases/(default)"` },
    });
    const impersonation = one(run, "gcp:serviceaccount/iAMMember:IAMMember");
    expect(impersonation.inputs.role).toBe("roles/iam.workloadIdentityUser");
    expect(impersonation.inputs.member).toMatch(new RegExp(`^principalSet://iam\\.googleapis\\.com/projects/\\d{12}/locations/global/workloadIdentityPools/sparki-${e.stack}/attribute\\.aws_role/${roleArn.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}$`));
  });

  it("enables the APIs it needs and leaves them enabled on destroy", async () => {
    const run = await runOf(e.stack);
    const services = ofType(run, "gcp:projects/service:Service");
    expect(services.map((s) => s.inputs.service).sort()).toEqual([
      "cloudkms.googleapis.com", "firestore.googleapis.com", "iam.googleapis.com", "iamcredentials.googleapis.com", "monitoring.googleapis.com", "sts.googleapis.com",
    ]);
    for (const s of services) expect(s.inputs).toMatchObject({ project: e.project, disableOnDestroy: false });
  });

  it("creates every Google resource through one explicit provider that names the project and holds no credentials", async () => {
    const run = await runOf(e.stack);
    const providers = ofType(run, "pulumi:providers:gcp");
    expect(providers).toHaveLength(1);
    expect(providers[0].inputs.project).toBe(e.project);
    expect(Object.keys(providers[0].inputs).filter((k) => /credential|token|key/i.test(k))).toEqual([]);
    for (const r of gcpResources(run)) expect(r.provider ?? "", r.name).toContain(`pulumi:providers:gcp::sparki-${e.stack}-firestore-provider`);
  });

  it("alerts in Cloud Monitoring on p95 latency (100/250 ms, in seconds) and server errors (0/10), quiet without data", async () => {
    const run = await runOf(e.stack);
    const policies = ofType(run, "gcp:monitoring/alertPolicy:AlertPolicy");
    expect(policies).toHaveLength(4);
    const levels: Record<string, Record<string, number>> = {};
    for (const p of policies) {
      const conditions = p.inputs.conditions as { conditionThreshold: { filter: string; thresholdValue: number; evaluationMissingData: string } }[];
      expect(conditions).toHaveLength(1);
      const c = conditions[0].conditionThreshold;
      expect(c.filter).toContain('resource.type = "firestore.googleapis.com/Database" AND resource.labels.database_id = "(default)"');
      expect(c.evaluationMissingData).toBe("EVALUATION_MISSING_DATA_INACTIVE");
      const metric = c.filter.includes("request_latencies") ? "latency" : "errors";
      levels[metric] = { ...levels[metric], [String(p.inputs.severity)]: c.thresholdValue };
    }
    // Platform thresholds (components/matrix): 100 and 250 ms as the metric's seconds; 0 and 10 errors per 5 minutes.
    expect(levels).toEqual({ latency: { WARNING: 0.1, CRITICAL: 0.25 }, errors: { WARNING: 0, CRITICAL: 10 } });
    const channels = ofType(run, "gcp:monitoring/notificationChannel:NotificationChannel");
    expect(channels.map((c) => (c.inputs.labels as { email_address: string }).email_address)).toEqual(e.criticalEmails);
    const critical = policies.filter((p) => p.inputs.severity === "CRITICAL");
    for (const p of critical) expect((p.inputs.notificationChannels as string[]).length).toBe(e.criticalEmails.length);
  });

  it("draws both alerted metrics in a Cloud Monitoring dashboard (the CloudWatch dashboard cannot show them)", async () => {
    const run = await runOf(e.stack);
    type Chart = { thresholds: { value: number }[]; dataSets: { timeSeriesQuery: { timeSeriesFilter: { filter: string } } }[] };
    const body = json<{ displayName: string; gridLayout: { widgets: { title: string; xyChart: Chart }[] } }>(one(run, "gcp:monitoring/dashboard:Dashboard").inputs.dashboardJson);
    expect(body.displayName).toBe(`${e.stack} Firestore (default) (Fiber storage/firestore)`);
    expect(body.gridLayout.widgets.map((w) => [w.title, w.xyChart.thresholds[0].value])).toEqual([["Request latency p95 (s)", 0.1], ["Server errors per 5 min", 10]]);
    expect(body.gridLayout.widgets[0].xyChart.dataSets[0].timeSeriesQuery.timeSeriesFilter.filter).toContain("api/request_latencies");
  });

  it("outputs what storage/firestore needs and a keyless credential configuration, never a secret", async () => {
    const run = await runOf(e.stack);
    const out = run.outputs.firestore as Record<string, unknown>;
    expect(out).toMatchObject({
      fiberPackages: ["storage/firestore"], projectId: e.project, databaseId: "(default)", collection: "fiber_storage", location: e.location,
      keyField: "k", valueField: "v", ttlField: "exp_at", expiry: "lazy-delete-and-ttl", pointInTimeRecovery: true,
      serviceAccountEmail: `fiber-${e.stack}@${e.project}.iam.gserviceaccount.com`, applicationRole: roleArn,
      backups: { dailyRetentionDays: 7, weeklyRetentionWeeks: e.weeklyWeeks },
    });
    const config = json<Record<string, unknown>>(out.credentialConfiguration);
    expect(config).toMatchObject({
      type: "external_account", subject_token_type: "urn:ietf:params:aws:token-type:aws4_request", token_url: "https://sts.googleapis.com/v1/token",
      audience: `//iam.googleapis.com/${String(out.workloadIdentityProvider)}`,
      service_account_impersonation_url: `https://iamcredentials.googleapis.com/v1/projects/-/serviceAccounts/fiber-${e.stack}@${e.project}.iam.gserviceaccount.com:generateAccessToken`,
      credential_source: { environment_id: "aws1" },
    });
    expect(JSON.stringify(out)).not.toMatch(/private_key|password|secret/i);
  });
});

describe("Firestore is opt-in", () => {
  it.each(["dev", "prod"] as const)("registers nothing of Google Cloud in the root %s stack", async (stack) => {
    const run = await capturedRun({ stack });
    expect(run.resources.filter((r: RegisteredResource) => r.type.startsWith("gcp:") || r.type === "pulumi:providers:gcp")).toEqual([]);
    expect(run.outputs.firestore).toBeUndefined();
  });

  it("keeps every child of the component under it", async () => {
    const run = await runOf("firestore-prod");
    const component = one(run, "sparki:firestore:FirestoreStore");
    const children = childrenOf(run, component);
    expect(children.length).toBeGreaterThan(20);
    expect(gcpResources(run).every((r) => r.parent?.type === "sparki:firestore:FirestoreStore")).toBe(true);
  });
});

describe("Firestore engine-rule remediations", () => {
  // Review 2026-11-29: they named a provider ID (`aws`) and a service-account default (`sparki-<stack>-fiber`) the component
  // no longer used; read the IDs from what the example stack registers instead.
  it("name the provider ID and the service-account default the component registers", async () => {
    const run = await runOf("firestore-prod");
    const providerId = String(one(run, "gcp:iam/workloadIdentityPoolProvider:WorkloadIdentityPoolProvider").inputs.workloadIdentityPoolProviderId);
    expect(gcpWorkloadIdentityIds.remediationSteps).toContain(`\`${providerId}\``);
    const accountId = String(one(run, "gcp:serviceaccount/account:Account").inputs.accountId);
    expect(accountId.replace("firestore-prod", "<stack>")).toBe("fiber-<stack>");
    expect(gcpServiceAccountId.remediationSteps).toContain("fiber-<stack>");
  });
});
