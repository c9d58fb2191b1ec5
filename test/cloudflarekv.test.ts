import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../scripts/offline/stack-files";
import { STATEFUL_RESOURCE_TYPES } from "../stacks/adapters/registry";
import { capturedRun, childrenOf, json, ofType, one, type ProgramRun } from "./harness";
import { isSecretWire, secretValue } from "./secret-wire";

/**
 * The Fiber storage/cloudflarekv namespace (components/cloudflarekv; adapter stacks/adapters/cloudflarekv) as the example
 * stacks examples/cloudflarekv/Pulumi.cloudflarekv-{dev,prod}.yaml register it. Expected values are written from the
 * stack files, the tiers (dev: token valid 365 days, 7-day secret recovery; prod: 90 days, 30-day recovery, protect),
 * Cloudflare's published permission group IDs (Workers KV Storage Read 8b47d2786a534c08a1f94ee8f9f599ef, Write
 * f7f0eda5697f475c90846e879bab8666: https://developers.cloudflare.com/fundamentals/api/reference/permissions/, checked
 * 2026-11-29) and the Fiber adapter's source (gofiber/storage cloudflarekv.go: Config fields Key, AccountID, NamespaceID;
 * Set ignores exp), not read from the program.
 */

const NAMESPACE = "cloudflare:index/workersKvNamespace:WorkersKvNamespace";
const TOKEN = "cloudflare:index/accountToken:AccountToken";
const PROVIDER = "pulumi:providers:cloudflare";
const SECRET = "aws:secretsmanager/secret:Secret";
const VERSION = "aws:secretsmanager/secretVersion:SecretVersion";
const POLICY = "aws:iam/policy:Policy";
const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const COMPONENT = "sparki:cloudflarekv:CloudflareKvStore";
const CF_ACCOUNT = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
const REGION = "eu-west-1";

const EXAMPLES = [
  { stack: "cloudflarekv-dev", protect: false, jurisdiction: undefined as string | undefined, expiresOn: "2027-11-29T00:00:00Z", recoveryDays: 7, cidrs: ["203.0.113.10/32"] },
  { stack: "cloudflarekv-prod", protect: true, jurisdiction: "eu" as string | undefined, expiresOn: "2027-02-27T00:00:00Z", recoveryDays: 30, cidrs: ["203.0.113.10/32", "203.0.113.11/32", "203.0.113.12/32"] },
] as const;

const runOf = (stack: string) => capturedRun({ stack, stackDir: join(REPO_ROOT, "examples", "cloudflarekv") });
const component = (run: ProgramRun) => one(run, COMPONENT);

describe.each(EXAMPLES)("Cloudflare KV of $stack", (e) => {
  const title = `sparki-${e.stack}-fiber-storage`;

  it("creates the namespace and the token through one explicit Cloudflare provider that carries no credential", async () => {
    const run = await runOf(e.stack);
    const provider = one(run, PROVIDER);
    expect(provider.name).toBe(`sparki-${e.stack}-cloudflarekv-provider`);
    // No apiToken, apiKey or email in the provider's inputs: it reads CLOUDFLARE_API_TOKEN at deploy time.
    expect(Object.keys(provider.inputs).filter((k) => /api|key|token|email/i.test(k))).toEqual([]);
    for (const type of [NAMESPACE, TOKEN]) {
      const r = one(run, type);
      expect(r.parent?.type).toBe(COMPONENT);
      expect(r.provider).toContain(`sparki-${e.stack}-cloudflarekv-provider`);
    }
  });

  it(`creates the namespace in the configured account${e.jurisdiction ? ` and jurisdiction ${e.jurisdiction}` : ""}, ${e.protect ? "under protect" : "without protect"}`, async () => {
    const run = await runOf(e.stack);
    const ns = one(run, NAMESPACE);
    expect(ns.inputs).toEqual({ accountId: CF_ACCOUNT, title, ...(e.jurisdiction ? { jurisdiction: e.jurisdiction } : {}) });
    expect(ns.options.protect).toBe(e.protect);
    expect(STATEFUL_RESOURCE_TYPES.has(NAMESPACE)).toBe(true);
  });

  it("scopes the token to Workers KV read and write on this one account, from the application's addresses, with an expiry", async () => {
    const run = await runOf(e.stack);
    const token = one(run, TOKEN);
    expect(token.inputs).toMatchObject({
      accountId: CF_ACCOUNT, name: `${title}-token-2026-11-29`,
      notBefore: "2026-11-29T00:00:00Z", expiresOn: e.expiresOn,
      condition: { requestIp: { ins: e.cidrs } },
    });
    const policies = token.inputs.policies as { effect: string; permissionGroups: { id: string }[]; resources: string }[];
    expect(policies).toHaveLength(1);
    expect(policies[0].effect).toBe("allow");
    expect(policies[0].permissionGroups.map((g) => g.id).sort()).toEqual(["8b47d2786a534c08a1f94ee8f9f599ef", "f7f0eda5697f475c90846e879bab8666"]);
    expect(json(policies[0].resources)).toEqual({ [`com.cloudflare.api.account.${CF_ACCOUNT}`]: "*" });
    // Moving tokenIssuedOn replaces the token (a new value) instead of updating its window in place.
    expect(token.options.replaceOnChanges).toEqual(["notBefore"]);
  });

  it("keeps the token only in an AWS secret on the stack's KMS key, as the adapter's Config fields, with a read policy for it alone", async () => {
    const run = await runOf(e.stack);
    const secret = one(run, SECRET, `sparki-${e.stack}-cloudflarekv-token`);
    expect(secret.inputs.kmsKeyId).toBe(run.outputs.kmsKeyArn);
    expect(secret.inputs.recoveryWindowInDays).toBe(e.recoveryDays);
    expect(secret.inputs.tags).toMatchObject({ "sparki:policy-exception": "cloudflarekv-token-rotation" });
    expect(secret.options.protect).toBe(e.protect);
    const version = childrenOf(run, component(run)).find((r) => r.type === VERSION)!;
    expect(isSecretWire(version.inputs.secretString)).toBe(true);
    const value = json<Record<string, string>>(secretValue(version.inputs.secretString));
    expect(Object.keys(value).sort()).toEqual(["AccountID", "Key", "NamespaceID"]);
    expect(value.AccountID).toBe(CF_ACCOUNT);
    expect(value.NamespaceID).toMatch(/^[0-9a-f]{32}$/);
    expect(value.Key.length).toBeGreaterThan(0);
    const policy = childrenOf(run, component(run)).find((r) => r.type === POLICY)!;
    expect(json<{ Statement: unknown[] }>(policy.inputs.policy).Statement).toEqual([
      { Sid: "ReadTokenSecret", Effect: "Allow", Action: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"], Resource: (run.outputs.cloudflarekv as { secretArn: string }).secretArn },
      { Sid: "DecryptThroughSecretsManager", Effect: "Allow", Action: "kms:Decrypt", Resource: run.outputs.kmsKeyArn, Condition: { StringEquals: { "kms:ViaService": `secretsmanager.${REGION}.amazonaws.com` } } },
    ]);
  });

  it("outputs what storage/cloudflarekv needs, says expiry is ignored, and never the token", async () => {
    const run = await runOf(e.stack);
    const out = run.outputs.cloudflarekv as Record<string, unknown>;
    expect(out).toMatchObject({
      fiberPackages: ["storage/cloudflarekv"], accountId: CF_ACCOUNT, namespaceTitle: title, tokenExpiresOn: e.expiresOn,
      tokenClientCidrs: e.cidrs, expiry: "ignored", missingKey: "error",
    });
    expect(String(out.namespaceId)).toMatch(/^[0-9a-f]{32}$/);
    expect(String(out.secretArn)).toMatch(new RegExp(`^arn:aws:secretsmanager:eu-west-1:555555555555:sparki-${e.stack}-cloudflarekv-token`));
    const version = ofType(run, VERSION).find((r) => r.parent?.type === COMPONENT)!;
    const token = json<Record<string, string>>(secretValue(version.inputs.secretString)).Key;
    expect(JSON.stringify(run.outputs)).not.toContain(token);
  });

  it("alarms on the application's p95 call latency and failed calls, quiet until it publishes (missing data not breaching)", async () => {
    const run = await runOf(e.stack);
    const alarms = ofType(run, ALARM).filter((a) => a.inputs.namespace === "Sparki/CloudflareKV");
    const levels: Record<string, Record<string, number>> = {};
    for (const a of alarms) {
      expect(a.inputs.treatMissingData).toBe("notBreaching");
      expect(Object.keys(a.inputs.dimensions as object)).toEqual(["NamespaceId"]);
      const stat = String(a.inputs.extendedStatistic ?? a.inputs.statistic);
      const key = `${String(a.inputs.metricName)} ${stat}`;
      levels[key] = { ...levels[key], [(a.inputs.tags as Record<string, string>).Severity]: Number(a.inputs.threshold) };
      expect(a.options.dependsOn.some((d) => d.type === NAMESPACE)).toBe(true);
    }
    // Platform thresholds (components/matrix PLATFORM_THRESHOLDS cloudflareKvLatency, cloudflareKvErrors): milliseconds and counts.
    expect(levels).toEqual({ "OperationLatency p95": { warning: 300, critical: 1000 }, "OperationErrors Sum": { warning: 0, critical: 20 } });
  });
});

describe.each(EXAMPLES)("Cloudflare KV review aids of $stack", (e) => {
  it("has a dashboard row graphing the application's latency and errors for this namespace", async () => {
    const run = await runOf(e.stack);
    const body = json<{ widgets: { properties: { markdown?: string; metrics?: unknown[][] } }[] }>(one(run, "aws:cloudwatch/dashboard:Dashboard").inputs.dashboardBody);
    expect(body.widgets.some((w) => w.properties.markdown === `## Cloudflare Workers KV sparki-${e.stack}-fiber-storage (Fiber storage/cloudflarekv, application-published)`)).toBe(true);
    const namespaceId = String((run.outputs.cloudflarekv as { namespaceId: string }).namespaceId);
    const metrics = body.widgets.flatMap((w) => w.properties.metrics ?? []).filter((m) => m[0] === "Sparki/CloudflareKV");
    expect(metrics.map((m) => [m[1], m[2], m[3]])).toEqual([["OperationLatency", "NamespaceId", namespaceId], ["OperationErrors", "NamespaceId", namespaceId]]);
  });
});

describe("Cloudflare KV stays out of the tiers that do not enable it", () => {
  it.each(["dev", "prod"])("%s registers no Cloudflare resource or provider", async (stack) => {
    const run = await capturedRun({ stack });
    expect(run.resources.filter((r) => r.type.startsWith("cloudflare:") || r.type === PROVIDER || r.type === COMPONENT)).toEqual([]);
  });
});
