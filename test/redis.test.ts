import { specialSecretSig, specialSigKey } from "@pulumi/pulumi/runtime/rpc";
import { describe, expect, it } from "vitest";
import { childrenOf, json, ofType, one, type ProgramRun, type RegisteredResource, runWith, STACKS, stackRun } from "./harness";

const RG = "aws:elasticache/replicationGroup:ReplicationGroup";
const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";

/** An asymmetric matcher for a string, typed `unknown` (vitest types it `any`). */
const like = (pattern: RegExp): unknown => expect.stringMatching(pattern);

const isSecret = (value: unknown): value is { value: unknown } =>
  typeof value === "object" && value !== null && (value as Record<string, unknown>)[specialSigKey] === specialSecretSig;

/** Every place (resource and property path) a value matching `pattern` occurs, and whether a secret wraps it. */
function occurrences(run: ProgramRun, pattern: RegExp): { where: string; secret: boolean }[] {
  const found: { where: string; secret: boolean }[] = [];
  const walk = (value: unknown, where: string, secret: boolean): void => {
    if (isSecret(value)) return walk(value.value, where, true);
    if (typeof value === "string" && pattern.test(value)) found.push({ where, secret });
    if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${where}.${i}`, secret));
    else if (typeof value === "object" && value !== null) for (const [k, v] of Object.entries(value)) walk(v, `${where}.${k}`, secret);
  };
  for (const r of run.resources) walk(r.inputs, `${r.type}::${r.name}`, false);
  return found;
}

/** Property paths whose key names a credential and whose value holds text, with whether a secret wraps it. */
function credentialKeys(r: RegisteredResource): { key: string; secret: boolean }[] {
  const found: { key: string; secret: boolean }[] = [];
  const walk = (value: unknown, path: string, secret: boolean): void => {
    if (isSecret(value)) return walk(value.value, path, true);
    if (typeof value !== "object" || value === null) return;
    for (const [k, v] of Object.entries(value)) {
      const here = path ? `${path}.${k}` : k;
      const text = typeof v === "string" || Array.isArray(v) || isSecret(v);
      if (/^(passwords?(Wo)?|masterPassword|authToken(Wo)?|secretString)$/i.test(k) && text) found.push({ key: here, secret: secret || isSecret(v) });
      walk(v, here, secret);
    }
  };
  walk(r.inputs, "", false);
  return found;
}

describe.each(STACKS)("Valkey cache of %s", (stack) => {
  const isProd = stack === "prod";
  const accountId = isProd ? "222222222222" : "111111111111";
  const rgId = `sparki-${stack}-redis`;
  const nodes = isProd
    ? [`${rgId}-0001-001`, `${rgId}-0001-002`, `${rgId}-0002-001`, `${rgId}-0002-002`]
    : [`${rgId}-001`];
  const keyArn = like(new RegExp(`^arn:aws:kms:eu-west-1:${accountId}:key/`));

  it(`runs valkey 8.1 on ${isProd ? "cache.r7g.large, cluster mode, 2 shards x 1 replica, Multi-AZ" : "one cache.t4g.micro, cluster mode disabled"}`, async () => {
    const rg = one(await stackRun(stack), RG);
    expect(rg.inputs).toMatchObject({
      replicationGroupId: rgId, engine: "valkey", engineVersion: "8.1", port: 6379,
      nodeType: isProd ? "cache.r7g.large" : "cache.t4g.micro",
      clusterMode: isProd ? "enabled" : "disabled",
      automaticFailoverEnabled: isProd, multiAzEnabled: isProd,
      parameterGroupName: `${rgId}-valkey8-cluster-${isProd ? "on" : "off"}`, subnetGroupName: rgId,
    });
    if (isProd) {
      expect(rg.inputs).toMatchObject({ numNodeGroups: 2, replicasPerNodeGroup: 1 });
      expect(rg.inputs).not.toHaveProperty("numCacheClusters");
      // ElastiCache spreads shards over the subnet group's zones; pinned node groups would force replacement on resharding.
      expect(rg.inputs).not.toHaveProperty("nodeGroupConfigurations");
    } else {
      expect(rg.inputs).toMatchObject({ numCacheClusters: 1, preferredCacheClusterAzs: ["eu-west-1a"] });
      expect(rg.inputs).not.toHaveProperty("numNodeGroups");
    }
  });

  it("encrypts at rest with the environment's key and requires TLS and RBAC", async () => {
    const rg = one(await stackRun(stack), RG);
    expect(rg.inputs).toMatchObject({
      atRestEncryptionEnabled: true, kmsKeyId: keyArn, transitEncryptionEnabled: true, transitEncryptionMode: "required",
      userGroupIds: [`${rgId}-users`],
    });
    expect(rg.inputs).not.toHaveProperty("authToken");
  });

  it(`keeps ${isProd ? 7 : 1}-day snapshots${isProd ? ", a final snapshot, changes in the maintenance window, and is protected" : ", applies changes at once, and is not protected"}`, async () => {
    const rg = one(await stackRun(stack), RG);
    expect(rg.inputs).toMatchObject({
      snapshotRetentionLimit: isProd ? 7 : 1, snapshotWindow: "03:00-04:00", maintenanceWindow: "sun:05:00-sun:06:00",
      autoMinorVersionUpgrade: true, applyImmediately: !isProd,
    });
    expect(rg.options.protect).toBe(isProd);
    const run = await stackRun(stack);
    expect(one(run, "aws:secretsmanager/secret:Secret", `${rgId}-app-credentials`).options.protect).toBe(isProd);
    expect(one(run, "random:index/randomPassword:RandomPassword", `${rgId}-app-password`).options.protect).toBe(isProd);
  });

  it(isProd
    ? "names its final snapshot with a suffix drawn once per deployment (a second destroy does not collide), never changing on updates"
    : "takes no final snapshot and so draws no suffix", async () => {
    const run = await stackRun(stack);
    const suffixes = ofType(run, "random:index/randomId:RandomId").filter((r) => r.name.startsWith(rgId));
    if (!isProd) {
      expect(one(run, RG).inputs.finalSnapshotIdentifier).toBeUndefined();
      expect(suffixes).toEqual([]);
      return;
    }
    const [suffix] = suffixes;
    expect(suffixes).toHaveLength(1);
    // Only byteLength: no keepers, so nothing in later runs can redraw it; a fresh stack gets a fresh one.
    expect(suffix.inputs).toEqual({ byteLength: 4 });
    expect(suffix.parent).toMatchObject({ type: "sparki:redis:RedisCache" });
    expect(one(run, RG).inputs.finalSnapshotIdentifier).toMatch(new RegExp(`^${rgId}-final-[0-9a-f]{8}$`));
  });

  it("sends ElastiCache events to the warning topic through an EventBridge rule, not the group's own (unencryptable) topic", async () => {
    const run = await stackRun(stack);
    expect(one(run, RG).inputs).not.toHaveProperty("notificationTopicArn");
    const rule = one(run, "aws:cloudwatch/eventRule:EventRule");
    expect(rule.name).toBe(`${rgId}-events`);
    expect(rule.inputs.name).toBe(`${rgId}-events`);
    expect(json(rule.inputs.eventPattern)).toEqual({
      source: ["aws.elasticache"],
      "detail-type": ["Cache Creation Failed", "Cache Deleted", "Cache Update Failed", "Cache Updated", "Cache Limit Approaching",
        "Snapshot Creation Failed", "Snapshot Export Failed", "Snapshot Copy Failed"],
    });
    const target = one(run, "aws:cloudwatch/eventTarget:EventTarget");
    expect(target.inputs).toEqual({
      rule: `${rgId}-events`, targetId: "alert-topic",
      arn: like(new RegExp(`^arn:aws:sns:eu-west-1:${accountId}:sparki-${stack}-alerts-warning`)),
    });
  });

  it("lets EventBridge encrypt with the key (no condition KMS cannot evaluate) and publish to the topics for this account only", async () => {
    const run = await stackRun(stack);
    type Statement = { Sid: string; Principal: { Service?: string | string[] }; Action: string | string[]; Condition?: unknown };
    const services = (s: Statement) => [s.Principal.Service ?? []].flat();
    const key = json<{ Statement: Statement[] }>(one(run, "aws:kms/key:Key", `sparki-${stack}-storage-key`).inputs.policy);
    const encrypt = key.Statement.filter((s) => services(s).includes("events.amazonaws.com"));
    expect(encrypt).toEqual([expect.objectContaining({ Action: ["kms:Decrypt", "kms:GenerateDataKey*"], Resource: "*" })]);
    expect(encrypt[0].Condition).toBeUndefined();
    expect(key.Statement.flatMap(services)).not.toContain("elasticache.amazonaws.com");
    for (const p of ofType(run, "aws:sns/topicPolicy:TopicPolicy")) {
      const publish = json<{ Statement: Statement[] }>(p.inputs.policy).Statement.find((s) => s.Sid === "AccountServicesPublish");
      expect(services(publish as Statement)).toContain("events.amazonaws.com");
      expect(services(publish as Statement)).not.toContain("elasticache.amazonaws.com");
      expect(publish?.Condition).toEqual({ StringEquals: { "aws:SourceAccount": accountId } });
    }
  });

  it("uses a parameter group of the engine's family and cluster mode with volatile-lru and cluster-enabled matching the shape", async () => {
    const group = one(await stackRun(stack), "aws:elasticache/parameterGroup:ParameterGroup");
    expect(group.name).toBe(`${rgId}-params`);
    expect(group.inputs).toMatchObject({ name: `${rgId}-valkey8-cluster-${isProd ? "on" : "off"}`, family: "valkey8" });
    expect(group.inputs.parameters).toEqual([
      { name: "cluster-enabled", value: isProd ? "yes" : "no" },
      { name: "maxmemory-policy", value: "volatile-lru" },
      { name: "reserved-memory-percent", value: "25" },
    ]);
  });

  it("has its own subnet group over every private subnet and a security group open only to the VPC on 6379", async () => {
    const run = await stackRun(stack);
    const subnets = ofType(run, "aws:ec2/subnet:Subnet");
    const subnetGroup = one(run, "aws:elasticache/subnetGroup:SubnetGroup");
    expect(subnetGroup.inputs.name).toBe(rgId);
    expect(subnetGroup.inputs.subnetIds).toHaveLength(isProd ? 3 : 2);
    expect(subnets).toHaveLength(isProd ? 3 : 2);
    const sg = childrenOf(run, one(run, "sparki:redis:RedisCache")).find((r) => r.type === "aws:ec2/securityGroup:SecurityGroup");
    expect(sg?.inputs.ingress).toEqual([{
      protocol: "tcp", fromPort: 6379, toPort: 6379, cidrBlocks: [isProd ? "10.50.0.0/16" : "10.40.0.0/16"],
      description: "Valkey/Redis over TLS from application CIDRs",
    }]);
    expect(sg?.inputs.egress).toEqual([]);
    expect(one(run, RG).inputs.securityGroupIds).toEqual([like(/^sg-/)]);
  });

  it(`delivers slow and engine logs as JSON to KMS-encrypted groups kept ${isProd ? 365 : 7} days`, async () => {
    const run = await stackRun(stack);
    // The cache's own log groups (the rotation function's is tested in redis-rotation.test.ts).
    const groups = ofType(run, "aws:cloudwatch/logGroup:LogGroup").filter((g) => String(g.inputs.name).startsWith(`/aws/elasticache/${rgId}/`));
    expect(groups.map((g) => g.inputs.name).sort()).toEqual([`/aws/elasticache/${rgId}/engine-log`, `/aws/elasticache/${rgId}/slow-log`]);
    for (const g of groups) expect(g.inputs).toMatchObject({ retentionInDays: isProd ? 365 : 7, kmsKeyId: keyArn });
    expect(one(run, RG).inputs.logDeliveryConfigurations).toEqual(["slow-log", "engine-log"].map((logType) => ({
      destination: `/aws/elasticache/${rgId}/${logType}`, destinationType: "cloudwatch-logs", logFormat: "json", logType,
    })));
  });

  it("authenticates with RBAC: an app user, a disabled default user, both with generated secret passwords", async () => {
    const run = await stackRun(stack);
    const users = ofType(run, "aws:elasticache/user:User");
    const byName = Object.fromEntries(users.map((u) => [u.inputs.userName as string, u.inputs]));
    expect(byName["sparki-app"]).toMatchObject({ userId: `${rgId}-app`, engine: "valkey", accessString: "on ~* &* +@all -@dangerous" });
    expect(byName.default).toMatchObject({ userId: `${rgId}-default`, engine: "valkey", accessString: "off -@all" });
    for (const user of users) {
      expect(isSecret(user.inputs.authenticationMode)).toBe(true);
      const mode = (user.inputs.authenticationMode as { value: { type: string; passwords: string[] } }).value;
      expect(mode.type).toBe("password");
      expect(mode.passwords).toEqual([like(/^mock-password-/)]);
    }
    expect(one(run, "aws:elasticache/userGroup:UserGroup").inputs).toEqual({
      userGroupId: `${rgId}-users`, engine: "valkey", userIds: [`${rgId}-default`, `${rgId}-app`],
    });
    const passwords = ofType(run, "random:index/randomPassword:RandomPassword").filter((p) => p.name.startsWith(rgId));
    expect(passwords.map((p) => p.name).sort()).toEqual([`${rgId}-app-password`, `${rgId}-default-password`]);
    for (const p of passwords) expect(p.inputs).toMatchObject({ length: 40, special: true, overrideSpecial: "!&#$^<>-" });
  });

  it("stores the app credentials (with the user's ARN, for rotation) in a secret encrypted with the environment's key", async () => {
    const run = await stackRun(stack);
    const secret = one(run, "aws:secretsmanager/secret:Secret", `${rgId}-app-credentials`);
    expect(secret.inputs).toMatchObject({ kmsKeyId: keyArn, recoveryWindowInDays: isProd ? 30 : 7 });
    const version = one(run, "aws:secretsmanager/secretVersion:SecretVersion", `${rgId}-app-credentials`);
    expect(isSecret(version.inputs.secretString)).toBe(true);
    expect(JSON.parse((version.inputs.secretString as { value: string }).value)).toEqual({
      username: "sparki-app", password: like(/^mock-password-/), user_arn: `arn:aws:elasticache:eu-west-1:${accountId}:user:${rgId}-app`,
    });
  });

  it("never passes a password in plaintext: it appears only inside secrets, and never in the outputs", async () => {
    const run = await stackRun(stack);
    const hits = occurrences(run, /mock-password-/);
    expect(hits.filter((h) => !h.secret)).toEqual([]);
    expect(hits.map((h) => h.where.split(".")[0]).filter((w) => w.includes(rgId)).sort()).toEqual([
      `aws:elasticache/user:User::${rgId}-app`, `aws:elasticache/user:User::${rgId}-default`,
      `aws:secretsmanager/secretVersion:SecretVersion::${rgId}-app-credentials`,
    ]);
    for (const r of run.resources.filter((x) => x.type !== "random:index/randomPassword:RandomPassword")) {
      for (const k of credentialKeys(r)) expect(k, `${r.type} ${r.name}`).toMatchObject({ secret: true });
    }
    expect(JSON.stringify(run.outputs)).not.toMatch(/mock-password|"password"/i);
  });

  it(`names member nodes ${nodes.join(", ")} and alarms on each`, async () => {
    const run = await stackRun(stack);
    const alarms = ofType(run, ALARM).filter((a) => a.inputs.namespace === "AWS/ElastiCache");
    const watched = [...new Set(alarms.map((a) => (a.inputs.dimensions as { CacheClusterId: string }).CacheClusterId))].sort();
    expect(watched).toEqual(nodes);
    const metricsPerNode = isProd ? 7 : 6;
    expect(alarms).toHaveLength(nodes.length * metricsPerNode * 2);
    for (const node of nodes) {
      const names = alarms.filter((a) => (a.inputs.dimensions as { CacheClusterId: string }).CacheClusterId === node).map((a) => a.inputs.metricName);
      expect(new Set(names)).toEqual(new Set([
        "SuccessfulReadRequestLatency", "SuccessfulWriteRequestLatency", "DatabaseMemoryUsagePercentage",
        "EngineCPUUtilization", "Evictions", "CurrConnections", ...(isProd ? ["ReplicationLag"] : []),
      ]));
    }
    expect(alarms.map((a) => a.inputs.name)).toContain(`${stack}-redis-${nodes[0].slice(rgId.length + 1)}-cache-read-latency-p95-critical`);
  });

  it("alarms on p95 read/write latency at 5000/10000 microseconds (the matrix's 5/10 ms)", async () => {
    const alarms = ofType(await stackRun(stack), ALARM).filter((a) => /^Successful(Read|Write)RequestLatency$/.test(String(a.inputs.metricName)));
    expect(alarms).toHaveLength(nodes.length * 2 * 2);
    for (const a of alarms) {
      const severity = (a.inputs.tags as Record<string, string>).Severity;
      expect(a.inputs).toMatchObject({ extendedStatistic: "p95", threshold: severity === "critical" ? 10000 : 5000, comparisonOperator: "GreaterThanThreshold" });
      expect(a.inputs.statistic).toBeUndefined();
      expect((a.inputs.tags as Record<string, string>).ThresholdSource).toBe("matrix:redisLatencyP95");
    }
  });

  it("alarms on memory at 80/95 % and on engine CPU, evictions, connections and replication lag with platform levels", async () => {
    const alarms = ofType(await stackRun(stack), ALARM).filter((a) => a.inputs.namespace === "AWS/ElastiCache");
    const levels = (metric: string) => Object.fromEntries(alarms.filter((a) => a.inputs.metricName === metric)
      .map((a) => [(a.inputs.tags as Record<string, string>).Severity, a.inputs.threshold]));
    expect(levels("DatabaseMemoryUsagePercentage")).toEqual({ warning: 80, critical: 95 });
    expect(levels("EngineCPUUtilization")).toEqual({ warning: 70, critical: 90 });
    expect(levels("Evictions")).toEqual({ warning: 100, critical: 1000 });
    expect(levels("CurrConnections")).toEqual({ warning: 5000, critical: 10000 });
    expect(levels("ReplicationLag")).toEqual(isProd ? { warning: 1, critical: 10 } : {});
  });

  it("adds a Valkey/Redis row to the storage dashboard with a graph per node and metric", async () => {
    const run = await stackRun(stack);
    const body = json<{ widgets: { type: string; properties: { markdown?: string; metrics?: unknown[][] } }[] }>(
      one(run, "aws:cloudwatch/dashboard:Dashboard").inputs.dashboardBody);
    expect(body.widgets.some((w) => w.properties.markdown === `## Valkey/Redis ${rgId} (valkey 8.1)`)).toBe(true);
    const cacheGraphs = body.widgets.filter((w) => JSON.stringify(w.properties.metrics ?? []).includes("AWS/ElastiCache"));
    expect(cacheGraphs).toHaveLength(nodes.length * (isProd ? 7 : 6));
  });

  it("outputs Fiber connection facts: endpoints for the shape, port, TLS, user and secret ARN", async () => {
    const outputs = (await stackRun(stack)).outputs.redis as Record<string, unknown>;
    expect(outputs).toEqual({
      fiberPackages: ["storage/redis", "storage/valkey"],
      engine: "valkey", engineVersion: "8.1", clusterMode: isProd,
      endpoints: isProd
        ? { configuration: like(new RegExp(`^clustercfg\\.${rgId}\\..*\\.euwest1\\.cache\\.amazonaws\\.com$`)) }
        : { primary: like(new RegExp(`^master\\.${rgId}\\.`)), reader: like(new RegExp(`^replica\\.${rgId}\\.`)) },
      port: 6379, tls: true, username: "sparki-app",
      secretArn: like(new RegExp(`^arn:aws:secretsmanager:eu-west-1:${accountId}:`)),
      replicationGroupId: rgId, nodes,
    });
  });
});

describe("flipping cluster mode", () => {
  it("moves the cache to a new parameter group (never modifies cluster-enabled of the one in use) and keeps the group's identity", async () => {
    const before = await stackRun("dev");
    const after = await runWith("dev", { "sparki-storage:redis": { clusterMode: true } });
    const params = (run: ProgramRun) => one(run, "aws:elasticache/parameterGroup:ParameterGroup");
    expect([params(before).inputs.name, params(after).inputs.name]).toEqual(["sparki-dev-redis-valkey8-cluster-off", "sparki-dev-redis-valkey8-cluster-on"]);
    expect(params(after).inputs.parameters).toContainEqual({ name: "cluster-enabled", value: "yes" });
    // Same logical name and parent: the replication group's URN does not change, so it is updated in place.
    const identity = (run: ProgramRun) => { const rg = one(run, RG); return [rg.name, rg.parent?.type, rg.parent?.name]; };
    expect(identity(after)).toEqual(identity(before));
    expect(one(after, RG).inputs.parameterGroupName).toBe("sparki-dev-redis-valkey8-cluster-on");
  });
});

describe.each(STACKS)("ElastiCache event delivery of %s", (stack) => {
  it("alarms when the EventBridge rule fails to deliver to the warning topic (the only sign of a dropped event)", async () => {
    const run = await stackRun(stack);
    const rule = one(run, "aws:cloudwatch/eventRule:EventRule");
    const alarms = ofType(run, "aws:cloudwatch/metricAlarm:MetricAlarm").filter((a) => a.inputs.metricName === "FailedInvocations");
    expect(alarms.map((a) => [(a.inputs.tags as Record<string, string>).Severity, a.inputs.threshold]).sort()).toEqual([["critical", 5], ["warning", 0]]);
    for (const a of alarms) {
      expect(a.inputs).toMatchObject({ namespace: "AWS/Events", dimensions: { RuleName: rule.inputs.name }, statistic: "Sum", comparisonOperator: "GreaterThanThreshold" });
    }
  });
});
