import { copyFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import prodPolicyConfig from "../policy/config/prod.json";
import { runProgram } from "../scripts/offline/run-program";
import { REPO_ROOT, stackConfig } from "../scripts/offline/stack-files";
import { ConfigError } from "../stacks/config/errors";
import { loadConfig } from "../stacks/config/load";
import { runWith } from "./harness";

/**
 * Issue 13's bad inputs that were accepted, crashed or were unclear: each is refused before anything is
 * registered, with exactly these lines (one per mistake), never echoing a credential.
 */
async function refusal(stack: string, overrides: Record<string, unknown>) {
  const registered: string[] = [];
  const failure = await runWith(stack, overrides, (r) => registered.push(r.type)).then(() => undefined, (e: unknown) => e);
  expect(failure).toBeInstanceOf(ConfigError);
  return { problems: (failure as ConfigError).problems, registered: registered.filter((t) => t !== "pulumi:pulumi:Stack") };
}

const P = "sparki-storage";
const SECRET = { secure: "v1:c2VjcmV0LXZhbHVl" };
const PAGERDUTY = "https://events.pagerduty.com/integration/0123456789abcdef0123456789abcdef/enqueue";
const PROD_MINIO = {
  context: "sparki-prod", servers: 4, drivesPerServer: 4, volumeSizeGiB: 500, tlsSecretName: "minio-tls",
  ebsCsiRoleArn: "arn:aws:iam::222222222222:role/sparki-prod-ebs-csi-driver",
};
const DEV_MINIO = { context: "sparki-dev", insecureHttp: true, ebsKmsStorageClass: false, storageClass: "standard" };
const KUBECONFIG = "apiVersion: v1\nkind: Config\nusers:\n- name: admin\n  user:\n    token: eyJhbGciOiJSUzI1NiJ9.c2VjcmV0LXRva2Vu";
const STACK_NAME_WORDS = "its name says production, which never runs unprotected (rename the stack if it is not production)";
const MIN_REPLICAS = prodPolicyConfig["matrix-postgres-ha"].minimumReplicas;
const MAX_CACHE_DAYS = prodPolicyConfig["matrix-build-cache-expiry"].maximumDays;

describe("bad input: one line per mistake naming key, value and what is allowed; nothing registered", () => {
  it.each([
    // 1. A misspelt project namespace used to be ignored, so the stack ran on dev's profile.
    ["a misspelt project namespace", "dev", { [`sparki-storag:profile`]: "prod" },
      ['sparki-storag:profile is not read by this program: "sparki-storag" is not its namespace (did you mean sparki-storage:profile?)']],
    ["the project namespace in other case (and its prod-name rule not repeated)", "prod", { "Sparki-Storage:profile": "prod", [`${P}:profile`]: undefined },
      ['Sparki-Storage:profile is not read by this program: "Sparki-Storage" is not its namespace (did you mean sparki-storage:profile?)']],
    ["a namespace that only mentions sparki", "dev", { "sparki:owner": "alice" },
      ['sparki:owner is not read by this program: "sparki" is not its namespace (did you mean sparki-storage:owner?)']],
    // 2. A paging webhook in plaintext: the URL is its integration key; shown as scheme and host only.
    ["a plaintext PagerDuty webhook", "dev", { [`${P}:alerts`]: { critical: { httpsEndpoints: [PAGERDUTY] } } },
      [`${P}:alerts.critical.httpsEndpoints.0 must be secret config (a webhook URL carries its integration key): set it with pulumi config set --secret --path '${P}:alerts.critical.httpsEndpoints[0]' <URL>, got "https://events.pagerduty.com/…" in plaintext`]],
    ["a webhook list written as one URL (not echoed either)", "dev", { [`${P}:alerts`]: { critical: { httpsEndpoints: PAGERDUTY } } },
      [`${P}:alerts.critical.httpsEndpoints must be a list, got "https://events.pagerduty.com/…"`]],
    // 3. Secret config where no credential belongs, e.g. a secret that would become a plaintext tag.
    ["a secure: owner", "dev", { [`${P}:owner`]: SECRET },
      [`${P}:owner must not be secret config (it becomes the Owner tag of every resource, which anyone who can list them reads in plaintext); set it without --secret, got (secret)`]],
    ["a secure: costCentre", "prod", { [`${P}:costCentre`]: SECRET },
      [`${P}:costCentre must not be secret config (it becomes the CostCentre tag of every resource, which anyone who can list them reads in plaintext); set it without --secret, got (secret)`]],
    ["a secure: accountId (not also refused as a malformed ID)", "dev", { [`${P}:accountId`]: SECRET },
      [`${P}:accountId must not be secret config (it holds no credential, and the program uses it in plaintext in names, tags, outputs and the plan); set it without --secret, got (secret)`]],
    // 3b. A cloud credential in plaintext: the stack file is committed (keys from each provider's config/vars.d.ts).
    ["a plaintext Cloudflare API token (never shown)", "dev", { "cloudflare:apiToken": "cf-token-value-1234" },
      ['cloudflare:apiToken holds a credential and must never be plaintext config: remove it and supply the credential from the environment (README, "Cloud credentials"), or set it with pulumi config set --secret cloudflare:apiToken, got a plaintext value (not shown)']],
    ["a plaintext Google service-account key", "dev", { "gcp:credentials": "{\"type\":\"service_account\"}" },
      ['gcp:credentials holds a credential and must never be plaintext config: remove it and supply the credential from the environment (README, "Cloud credentials"), or set it with pulumi config set --secret gcp:credentials, got a plaintext value (not shown)']],
    ["a plaintext Azure client secret", "prod", { "azure-native:clientSecret": "azure-secret-value" },
      ['azure-native:clientSecret holds a credential and must never be plaintext config: remove it and supply the credential from the environment (README, "Cloud credentials"), or set it with pulumi config set --secret azure-native:clientSecret, got a plaintext value (not shown)']],
    ["a plaintext AWS secret key", "dev", { "aws:secretKey": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" },
      ['aws:secretKey holds a credential and must never be plaintext config: remove it and supply the credential from the environment (README, "Cloud credentials"), or set it with pulumi config set --secret aws:secretKey, got a plaintext value (not shown)']],
    // 4. Regions and zones that do not exist.
    ["a region that does not exist", "dev", { "aws:region": "eu-west-9" },
      ['aws:region must be an AWS region (eu-west-*: eu-west-1, eu-west-2, eu-west-3), got "eu-west-9"']],
    ["a zone letter past f", "dev", { [`${P}:network`]: { availabilityZones: ["eu-west-1a", "eu-west-1z"] } },
      [`${P}:network.availabilityZones.1 must be a zone of aws:region: the region and a letter a-f, such as eu-west-1a, got "eu-west-1z"`]],
    ["a GovCloud region with PostgreSQL (whose rotation is wired for the aws partition only)", "dev", { "aws:region": "us-gov-west-1" },
      ['aws:region "us-gov-west-1" is in the aws-us-gov partition: PostgreSQL\'s admin secret rotates with Secrets Manager\'s rotation application, which this stack wires for the aws partition only (components/common/secret-rotation.ts); choose a region of the aws partition, or set sparki-storage:postgres.enabled: false']],
    // 6. Prod's invariants at plan time, with the policy pack's own numbers (policy/config/prod.json).
    ["prod without PostgreSQL replicas", "prod", { [`${P}:postgres`]: { replicas: 0 } },
      [`${P}:postgres.replicas must be at least ${MIN_REPLICAS} for profile "prod" (master-replica replication with failover: the policy matrix-postgres-ha of policy/config/prod.json refuses fewer at preview), got 0`]],
    ["prod with a single-AZ cache", "prod", { [`${P}:redis`]: { multiAz: false } },
      [`${P}:redis.multiAz must be true for profile "prod" (its stateful services run Multi-AZ: a zone outage must fail over to a replica in another zone), got false`]],
    ["prod keeping the build cache ten years", "prod", { [`${P}:objectStore`]: { buildCache: { expirationDays: 3650 } } },
      [`${P}:objectStore.buildCache.expirationDays must be at most ${MAX_CACHE_DAYS} (days) for profile "prod" (a build cache is rebuilt, never kept: the policy matrix-build-cache-expiry of policy/config/prod.json refuses longer at preview), got 3650`]],
    ["prod keeping MinIO's build cache ten years", "prod", { [`${P}:minio`]: { ...PROD_MINIO, lifecycle: { buildCache: { expirationDays: 3650 } } } },
      [`${P}:minio.lifecycle.buildCache.expirationDays must be at most ${MAX_CACHE_DAYS} (days) for profile "prod" (a build cache is rebuilt, never kept, on MinIO as on S3), got 3650`]],
    // 7. The same inbox twice in one topic, whatever the case.
    ["the same e-mail twice in one severity, differing in case", "dev", { [`${P}:alerts`]: { warning: { emails: ["Oncall@Sparki.example", "oncall@sparki.example"] } } },
      [`${P}:alerts.warning.emails.1 must not repeat alerts.warning.emails.0 (compared ignoring case: one inbox): SNS would subscribe it twice and deliver every warning alarm twice, got "oncall@sparki.example"`]],
    // 9. A misspelt aws key says which it meant, and the region is not also reported missing.
    ["aws:regoin", "dev", { "aws:regoin": "eu-west-1", "aws:region": undefined },
      ["aws:regoin is not a key of the aws provider (did you mean aws:region?)"]],
    // 10. A path written as one key (pulumi config set without --path).
    ["a flat postgres.replicas key", "dev", { [`${P}:postgres.replicas`]: "1" },
      [`${P}:postgres.replicas is a path written as one key (pulumi config set without --path): nest it in the stack file as ${P}:postgres: {replicas: 1}, or set it with pulumi config set --path '${P}:postgres.replicas' 1`]],
    ["a flat path inside a section", "dev", { [`${P}:alerts`]: { "critical.emails": ["oncall@sparki.example"] } },
      [`${P}:alerts.critical.emails is a path written as one key (pulumi config set without --path): nest it in the stack file as ${P}:alerts: {critical: {emails: ["oncall@sparki.example"]}}, or set it with pulumi config set --path '${P}:alerts.critical.emails' ["oncall@sparki.example"]`]],
    // 11. An account ID YAML read as a number (the stack-file case is in stack-file-errors.test.ts).
    ["an account ID that lost its leading zero", "dev", { [`${P}:accountId`]: 12345678901 },
      [`${P}:accountId must be a 12-digit AWS account ID, got "12345678901" (YAML read an unquoted number and dropped its leading zeros: quote it: "012345678901")`]],
    // 12. A bad value that is the profile's default, not something the stack file says.
    // The ceiling must be at least 10 % above the volume (RDS User Guide, "Managing capacity automatically with Amazon
    // RDS storage autoscaling"): 95 GiB needs 105, so dev's default 100, above 95, no longer fits.
    ["a profile default that no longer fits (storage ceiling less than 10 % above a larger volume)", "dev", { [`${P}:postgres`]: { allocatedStorageGiB: 95 } },
      [`${P}:postgres.maxAllocatedStorageGiB must be at least 105, 10 % above allocatedStorageGiB (95): it is the ceiling storage autoscaling grows the volume to, and RDS refuses a smaller margin, got the profile "dev" default 100 (the key is not set)`]],
    ["a prod profile default below a larger volume", "prod", { [`${P}:postgres`]: { allocatedStorageGiB: 2000 } },
      [`${P}:postgres.maxAllocatedStorageGiB must be at least 2200, 10 % above allocatedStorageGiB (2000): it is the ceiling storage autoscaling grows the volume to, and RDS refuses a smaller margin, got the profile "prod" default 1000 (the key is not set)`]],
    ["a prod profile default less than 10 % above a larger volume", "prod", { [`${P}:postgres`]: { allocatedStorageGiB: 950 } },
      [`${P}:postgres.maxAllocatedStorageGiB must be at least 1045, 10 % above allocatedStorageGiB (950): it is the ceiling storage autoscaling grows the volume to, and RDS refuses a smaller margin, got the profile "prod" default 1000 (the key is not set)`]],
    // 14. A kubeconfig pasted in place of its path is not echoed (its token would be in CI logs).
    ["a kubeconfig's contents with its token", "dev", { [`${P}:minio`]: { ...DEV_MINIO, kubeconfig: KUBECONFIG } },
      [`${P}:minio.kubeconfig must be a path to a kubeconfig file, never its contents (a kubeconfig holds credentials), got (looks like file contents; value not shown)`]],
    ["a token pasted as the kubeconfig context", "dev", { [`${P}:minio`]: { ...DEV_MINIO, context: `eyJhbGciOiJSUzI1NiJ9.${"x".repeat(400)}` } },
      [`${P}:minio.context must be a kubeconfig context name, got (looks like file contents; value not shown)`]],
  ])("%s", async (_case, stack, overrides, expected) => {
    const { problems, registered } = await refusal(stack, overrides);
    expect(problems).toEqual(expected);
    expect(registered).toEqual([]);
  });

  it("never shows the webhook's integration key or the kubeconfig's token", async () => {
    const { problems } = await refusal("dev", {
      [`${P}:alerts`]: { warning: { httpsEndpoints: [PAGERDUTY] } }, [`${P}:minio`]: { ...DEV_MINIO, kubeconfig: KUBECONFIG },
    });
    expect(problems).toHaveLength(2);
    expect(problems.join("\n")).not.toMatch(/0123456789abcdef|eyJhbGci|\/integration\//);
  });
});

/** A folder with Pulumi.yaml and `base`'s stack file as Pulumi.<stack>.yaml: runs a stack of any name. */
function stackDir(stack: string, base: "dev" | "prod"): string {
  const dir = mkdtempSync(join(tmpdir(), "sparki-bad-input-"));
  copyFileSync(join(REPO_ROOT, "Pulumi.yaml"), join(dir, "Pulumi.yaml"));
  copyFileSync(join(REPO_ROOT, `Pulumi.${base}.yaml`), join(dir, `Pulumi.${stack}.yaml`));
  return dir;
}

async function refusedAs(stack: string, base: "dev" | "prod", overrides: Record<string, unknown> = {}) {
  const registered: string[] = [];
  const failure = await runProgram({ stack, stackDir: stackDir(stack, base), overrides, observe: (r) => registered.push(r.type) })
    .then(() => undefined, (e: unknown) => e);
  expect(failure).toBeInstanceOf(ConfigError);
  return { problems: (failure as ConfigError).problems, registered: registered.filter((t) => t !== "pulumi:pulumi:Stack") };
}

describe("prod-ness follows the profile: a stack named prod must be on it", () => {
  it.each(["eu-prod", "prod-eu", "prod2", "eu-production"])("refuses %s on the dev profile", async (stack) => {
    const { problems, registered } = await refusedAs(stack, "dev");
    expect(problems).toEqual([`${P}:profile must be "prod" for stack "${stack}": ${STACK_NAME_WORDS}, got "dev"`]);
    expect(registered).toEqual([]);
  });

  it.each(["pre-prod", "non-prod", "preprod", "product-search"])("lets %s run on the dev profile (prod is not a word of it, or pre-/non- says otherwise)", (stack) => {
    expect(loadConfig(stack, stackConfig("dev")).project.profile).toBe("dev");
  });
});

describe("what stays allowed", () => {
  const load = (stack: string, overrides: Record<string, unknown>, isSecret: (key: string) => boolean = () => false) =>
    loadConfig(stack, stackConfig(stack, overrides), isSecret);

  it("keys of namespaces Pulumi or other providers read (kubernetes:, pulumi:, random:), and real aws provider keys", () => {
    const overrides = { "kubernetes:context": "sparki-dev", "pulumi:disable-default-providers": '["kubernetes"]', "random:x": "1", "aws:profile": "sparki", "aws:skipMetadataApiCheck": "true" };
    expect(load("dev", overrides).region).toBe("eu-west-1");
  });

  it("a cloud credential given as secret config (the fallback when the environment cannot supply it)", () => {
    const overrides = { "cloudflare:apiToken": "cf-token-value-1234", "gcp:credentials": "{}", "azure-native:clientSecret": "s" };
    expect(load("dev", overrides, (key) => key in overrides).region).toBe("eu-west-1");
  });

  it("a webhook given as secret config", () => {
    const alerts = { critical: { httpsEndpoints: [PAGERDUTY] } };
    expect(load("dev", { [`${P}:alerts`]: alerts }, (key) => key === `${P}:alerts`).project.alerts.critical.httpsEndpoints).toEqual([PAGERDUTY]);
  });

  it("the same person on both severities (distinct alarms on distinct topics, each delivered once)", () => {
    const alerts = { warning: { emails: ["oncall@sparki.example"] }, critical: { emails: ["Oncall@sparki.example"] } };
    expect(load("dev", { [`${P}:alerts`]: alerts }).project.alerts.critical.emails).toEqual(["Oncall@sparki.example"]);
  });

  it("regions of the China partition and of the aws partition added lately, with PostgreSQL off where it needs aws", () => {
    expect(load("dev", { "aws:region": "ap-southeast-6" }).region).toBe("ap-southeast-6");
    expect(load("dev", { "aws:region": "cn-north-1", [`${P}:postgres`]: { enabled: false } }).region).toBe("cn-north-1");
  });
});

describe("one mistake, one line", () => {
  it.each([
    ["too few zones for prod (not also too many PostgreSQL replicas for them)", "prod",
      { [`${P}:network`]: { cidrBlock: "10.50.0.0/16", availabilityZones: ["eu-west-1a", "eu-west-1b"] } },
      `${P}:network.availabilityZones must list at least 3 zones for profile "prod", got ["eu-west-1a","eu-west-1b"]`],
    ["a misspelt required key (not also the key reported missing)", "dev", { [`${P}:acountId`]: "111111111111", [`${P}:accountId`]: undefined },
      `${P}:acountId is not a known key (did you mean "accountId"?) (allowed: profile, accountId, owner, costCentre, network, alerts, disasterRecovery, objectStore, redis, postgres, mysql, mssql, minio, embeddedKv, mongodb, memcache, cassandra, dynamodb, surrealdb, arangodb, etcd, nats, clickhouse, neo4j, couchbase, firestore, azureblob, cloudflarekv, costAssumptions)`],
    ["a refused cache node type (not also the failover it lacks)", "dev", { [`${P}:redis`]: { clusterMode: true, multiAz: true, replicasPerShard: 1, nodeType: "cache.t1.micro" } },
      `${P}:redis.nodeType must be a current-generation node type (ElastiCache launches no new T1 nodes), got "cache.t1.micro"`],
  ])("%s", async (_case, stack, overrides, expected) => {
    const registered: string[] = [];
    const failure = await runWith(stack, overrides, (r) => registered.push(r.type)).then(() => undefined, (e: unknown) => e);
    expect((failure as ConfigError).problems).toEqual([expected]);
    expect(registered.filter((t) => t !== "pulumi:pulumi:Stack")).toEqual([]);
  });

  it("an invalid stack name (not also the bucket names built from it)", async () => {
    const { problems, registered } = await refusedAs("Feature_Branch", "dev");
    expect(problems).toEqual([
      'stack name "Feature_Branch" cannot form AWS physical names (sparki-<stack>-postgres, S3 buckets, ElastiCache IDs): it must be 1-20 lowercase letters, digits or single hyphens, start with a letter and not end with a hyphen',
    ]);
    expect(registered).toEqual([]);
  });
});
