import { describe, expect, it } from "vitest";
import { assumptionsOf } from "../scripts/offline/cost/assumptions";
import { type CostAssumptions, type CostReport, elastiCacheNodes, estimateCost, lifecycleSegments, parseGiB, vcpusOf } from "../scripts/offline/cost/estimate";
import {
  EBS_GB_MONTH, ELASTICACHE_NODE_HOUR, FLAT, HOURS_PER_MONTH, PERFORMANCE_INSIGHTS_VCPU_HOUR, RDS_POSTGRES_INSTANCE_HOUR, RDS_PROXY_VCPU_HOUR,
  RDS_STORAGE_GB_MONTH, RULES, S3_STORAGE_GB_MONTH, VPC_INTERFACE_ENDPOINT_AZ_HOUR,
} from "../scripts/offline/cost/prices";
import { costMarkdown, costText } from "../scripts/offline/cost/render";
import { stackRun } from "./harness";
import { ref, resource, runOf } from "./hand-built";

const RDS = "aws:rds/instance:Instance";
const R7G = RDS_POSTGRES_INSTANCE_HOUR["db.r7g.large"].usd;
const GP3 = RDS_STORAGE_GB_MONTH.gp3.usd;

const itemsOf = (report: CostReport, resourceName: string) => report.lines.filter((l) => l.resource === resourceName);
const monthly = (report: CostReport, resourceName: string, item: RegExp) =>
  itemsOf(report, resourceName).filter((l) => item.test(l.item)).reduce((sum, l) => sum + l.monthlyUsd, 0);
const close = (actual: number, expected: number) => expect(actual).toBeCloseTo(expected, 6);

function primary(name: string, inputs: Record<string, unknown> = {}) {
  return resource(RDS, name, { identifier: name, instanceClass: "db.r7g.large", allocatedStorage: 100, storageType: "gp3", multiAz: false, ...inputs });
}

describe("RDS arithmetic", () => {
  it("prices a single-AZ instance at class price x 730 h plus storage", () => {
    const report = estimateCost(runOf(primary("db")));
    close(monthly(report, "db", /db\.r7g\.large/), R7G * HOURS_PER_MONTH);
    close(monthly(report, "db", /storage/), 100 * GP3);
    close(report.totalUsd, R7G * HOURS_PER_MONTH + 100 * GP3);
  });

  it("doubles instance and storage cost for Multi-AZ", () => {
    const single = estimateCost(runOf(primary("db")));
    const multi = estimateCost(runOf(primary("db", { multiAz: true })));
    close(monthly(multi, "db", /db\.r7g\.large/), 2 * monthly(single, "db", /db\.r7g\.large/));
    close(monthly(multi, "db", /storage/), 2 * monthly(single, "db", /storage/));
    expect(RULES.multiAzDoubles.factor).toBe(2);
  });

  it("adds one instance (and its storage, inherited from the source) per read replica", () => {
    const source = primary("db", { multiAz: true });
    const replica = (n: number) => resource(RDS, `db-replica-${n}`, { identifier: `db-replica-${n}`, replicateSourceDb: "db", instanceClass: "db.r7g.large", multiAz: false }, { dependencies: [ref(source)] });
    const base = estimateCost(runOf(source)).totalUsd;
    const withTwo = estimateCost(runOf(source, replica(1), replica(2)));
    close(withTwo.totalUsd - base, 2 * (R7G * HOURS_PER_MONTH + 100 * GP3));
    expect(itemsOf(withTwo, "db-replica-1").map((l) => l.item)).toEqual(["db.r7g.large read replica", "gp3 storage, 100 GB"]);
  });

  it("charges Performance Insights per vCPU only beyond the 7 free days", () => {
    const free = estimateCost(runOf(primary("db", { performanceInsightsEnabled: true, performanceInsightsRetentionPeriod: 7 })));
    const paid = estimateCost(runOf(primary("db", { performanceInsightsEnabled: true, performanceInsightsRetentionPeriod: 93 })));
    close(monthly(free, "db", /Performance Insights/), 0);
    close(monthly(paid, "db", /Performance Insights/), 2 * HOURS_PER_MONTH * PERFORMANCE_INSIGHTS_VCPU_HOUR.usd);
  });

  it("counts the RDS-managed admin secret, which is never a Pulumi resource", () => {
    const report = estimateCost(runOf(primary("db", { manageMasterUserPassword: true })));
    close(monthly(report, "db", /admin secret/), FLAT.secret.usd);
  });

  it("reports an unknown instance class by name instead of pricing it at zero", () => {
    const report = estimateCost(runOf(primary("db", { instanceClass: "db.x2iedn.large" })));
    expect(report.unpriced).toContainEqual({ resource: "db", type: RDS, kind: "unknown-sku", reason: "instance class db.x2iedn.large has no price in scripts/offline/cost/prices.ts" });
    expect(report.lines.map((l) => l.item)).toEqual(["gp3 storage, 100 GB"]);
  });
});

describe("RDS Proxy arithmetic", () => {
  const proxyFor = (instanceClass: string) => {
    const db = primary("db", { instanceClass });
    const proxy = resource("aws:rds/proxy:Proxy", "db-proxy", { name: "db-proxy" });
    const target = resource("aws:rds/proxyTarget:ProxyTarget", "db-proxy-primary", { dbProxyName: "db-proxy", dbInstanceIdentifier: "db" });
    return estimateCost(runOf(db, proxy, target));
  };

  it("bills the target's vCPUs, at least two", () => {
    expect([vcpusOf("db.t4g.micro"), vcpusOf("db.r7g.large"), vcpusOf("db.r7g.2xlarge")]).toEqual([2, 2, 8]);
    close(monthly(proxyFor("db.r7g.2xlarge"), "db-proxy", /proxy/), 8 * HOURS_PER_MONTH * RDS_PROXY_VCPU_HOUR.usd);
    close(monthly(proxyFor("db.t4g.micro"), "db-proxy", /proxy/), RULES.proxyMinimumVcpus.vcpus * HOURS_PER_MONTH * RDS_PROXY_VCPU_HOUR.usd);
  });

  it("reports a proxy without a target", () => {
    const report = estimateCost(runOf(resource("aws:rds/proxy:Proxy", "lonely", { name: "lonely" })));
    expect(report.unpriced.map((u) => u.kind)).toEqual(["unknown-sku"]);
  });
});

describe("ElastiCache arithmetic", () => {
  const RG = "aws:elasticache/replicationGroup:ReplicationGroup";

  it("counts nodes for both shapes", () => {
    expect(elastiCacheNodes({ clusterMode: "enabled", numNodeGroups: 3, replicasPerNodeGroup: 2 })).toBe(9);
    expect(elastiCacheNodes({ clusterMode: "disabled", numCacheClusters: 2 })).toBe(2);
    expect(elastiCacheNodes({ clusterMode: "disabled", replicasPerNodeGroup: 1 })).toBe(2);
  });

  it("prices node type x node count, Valkey at its discount", () => {
    const price = ELASTICACHE_NODE_HOUR["cache.r7g.large"].usd;
    const inputs = { nodeType: "cache.r7g.large", clusterMode: "enabled", numNodeGroups: 2, replicasPerNodeGroup: 1 };
    close(estimateCost(runOf(resource(RG, "c", { ...inputs, engine: "redis" }))).totalUsd, 4 * price * HOURS_PER_MONTH);
    close(estimateCost(runOf(resource(RG, "c", { ...inputs, engine: "valkey" }))).totalUsd, 4 * price * HOURS_PER_MONTH * RULES.valkeyNodeFactor.factor);
  });
});

describe("S3 storage by class", () => {
  const lifecycle = { transitions: [{ days: 90, storageClass: "GLACIER_IR" }, { days: 30, storageClass: "STANDARD_IA" }], expiration: { days: 365 } };

  it("splits an object's lifetime over the classes its lifecycle moves it through", () => {
    expect(lifecycleSegments(lifecycle)).toEqual([
      { storageClass: "STANDARD", days: 30 }, { storageClass: "STANDARD_IA", days: 60 }, { storageClass: "GLACIER_IR", days: 275 },
    ]);
    expect(lifecycleSegments(undefined)).toEqual([{ storageClass: "STANDARD", days: RULES.neverExpiresHorizonDays.days }]);
  });

  it("prices the assumed volume of a data class in proportion to the days spent in each class", () => {
    const bucket = resource("aws:s3/bucket:Bucket", "b", { bucket: "sparki-x-artifacts", tags: { DataClass: "artifacts" } });
    const rules = resource("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "b-lifecycle", { bucket: "sparki-x-artifacts", rules: [lifecycle] });
    const report = estimateCost(runOf(bucket, rules), { objectStorageGb: { artifacts: 365 } });
    const gb = report.lines.map((l) => l.quantity);
    expect(gb.reduce((a, b) => a + b, 0)).toBeCloseTo(365, 9);
    close(report.totalUsd, 30 * S3_STORAGE_GB_MONTH.STANDARD.usd + 60 * S3_STORAGE_GB_MONTH.STANDARD_IA.usd + 275 * S3_STORAGE_GB_MONTH.GLACIER_IR.usd);
  });

  it("reports a bucket whose volume is not assumed", () => {
    const report = estimateCost(runOf(resource("aws:s3/bucket:Bucket", "b", { tags: { DataClass: "buildCache" } })));
    expect(report.unpriced).toEqual([{ resource: "b", type: "aws:s3/bucket:Bucket", kind: "usage-not-assumed", reason: "no stored volume assumed: set sparki-storage:costAssumptions.objectStorageGb.buildCache" }]);
    expect(report.totalUsd).toBe(0);
  });
});

describe("CloudWatch, KMS and the rest", () => {
  it("prices standard and high-resolution alarms, dashboards and keys", () => {
    const report = estimateCost(runOf(
      resource("aws:cloudwatch/metricAlarm:MetricAlarm", "standard", { period: 60, extendedStatistic: "p95" }),
      resource("aws:cloudwatch/metricAlarm:MetricAlarm", "fast", { period: 10 }),
      resource("aws:cloudwatch/metricAlarm:MetricAlarm", "math", { metricQueries: [{ id: "e", expression: "a/b" }, { id: "a", metric: { period: 300 } }, { id: "b", metric: { period: 300 } }] }),
      resource("aws:cloudwatch/dashboard:Dashboard", "board"),
      resource("aws:kms/key:Key", "key"),
    ));
    close(monthly(report, "standard", /alarm/), FLAT.alarmStandard.usd);
    close(monthly(report, "fast", /high-resolution/), FLAT.alarmHighResolution.usd);
    close(monthly(report, "math", /alarm/), 2 * FLAT.alarmStandard.usd);
    close(monthly(report, "board", /dashboard/), FLAT.dashboard.usd);
    close(monthly(report, "key", /key/), FLAT.kmsKey.usd);
  });

  it("prices log ingestion and the storage the retention keeps", () => {
    const group = resource("aws:cloudwatch/logGroup:LogGroup", "logs", { retentionInDays: 365 });
    const report = estimateCost(runOf(group), { objectStorageGb: {}, logIngestGbPerGroupMonth: 2 });
    close(monthly(report, "logs", /ingestion/), 2 * FLAT.logIngestion.usd);
    close(monthly(report, "logs", /storage/), 2 * 12 * FLAT.logStorage.usd);
  });

  it("prices EBS volumes of a StatefulSet on a storage class the stack defines", () => {
    const storageClass = resource("kubernetes:storage.k8s.io/v1:StorageClass", "sc", { metadata: { name: "encrypted" }, provisioner: "ebs.csi.aws.com", parameters: { type: "gp3" } });
    const template = { spec: { storageClassName: "encrypted", resources: { requests: { storage: "100Gi" } } } };
    const servers = resource("kubernetes:apps/v1:StatefulSet", "servers", { spec: { replicas: 4, volumeClaimTemplates: [template, template] } });
    const report = estimateCost(runOf(storageClass, servers));
    expect(parseGiB("1Ti")).toBe(1024);
    close(report.totalUsd, 8 * 100 * (1024 ** 3 / 1e9) * EBS_GB_MONTH.gp3.usd);
    expect(report.unpriced.map((u) => u.reason)).toContain("StatefulSet pods: compute on the cluster's nodes");
  });

  it("prices an interface endpoint per AZ and a gateway endpoint at nothing", () => {
    const subnets = ["a", "b", "c"].map((z) => resource("aws:ec2/subnet:Subnet", `subnet-${z}`));
    const endpoint = resource("aws:ec2/vpcEndpoint:VpcEndpoint", "secrets", { vpcEndpointType: "Interface", serviceName: "com.amazonaws.eu-west-1.secretsmanager", subnetIds: "(known after apply)" }, { dependencies: subnets.map(ref) });
    const gateway = resource("aws:ec2/vpcEndpoint:VpcEndpoint", "s3", { vpcEndpointType: "Gateway" });
    const report = estimateCost(runOf(...subnets, endpoint, gateway));
    close(report.totalUsd, 3 * HOURS_PER_MONTH * VPC_INTERFACE_ENDPOINT_AZ_HOUR.usd);
    expect(report.lines.map((l) => l.item)).toEqual(["secretsmanager interface endpoint in 3 AZs"]);
    expect(report.noCharge["aws:ec2/vpcEndpoint:VpcEndpoint"]).toBe(1);
  });

  it("reports an unknown resource type by name, never as $0", () => {
    const report = estimateCost(runOf(resource("aws:opensearch/domain:Domain", "search")));
    expect(report.unpriced).toEqual([{ resource: "search", type: "aws:opensearch/domain:Domain", kind: "unknown-type", reason: "aws:opensearch/domain:Domain is not in scripts/offline/cost/prices.ts: neither priced nor known to be free" }]);
    expect(report.lines).toEqual([]);
    expect(costText(report).join("\n")).toMatch(/NOT PRICED \(unknown resource type\): aws:opensearch\/domain:Domain/);
  });

  it("counts free resources and ignores components", () => {
    const report = estimateCost(runOf(resource("aws:ec2/vpc:Vpc", "vpc"), resource("sparki:x:Component", "c", {}, { custom: false })));
    expect(report).toMatchObject({ totalUsd: 0, unpriced: [], noCharge: { "aws:ec2/vpc:Vpc": 1 } });
  });
});

describe.each(["dev", "prod"] as const)("the monthly cost of the real %s stack", (stack) => {
  const plan = stackRun(stack, true);
  const assumptions: CostAssumptions = assumptionsOf(stack);

  it("prices every resource type the stack registers, or says why not", async () => {
    const report = estimateCost(await plan, assumptions);
    expect(report.unpriced.filter((u) => u.kind === "unknown-type" || u.kind === "unknown-sku" || u.kind === "usage-not-assumed")).toEqual([]);
    expect(report.totalUsd).toBeGreaterThan(stack === "prod" ? 1000 : 20);
    close(report.totalUsd, report.lines.reduce((sum, l) => sum + l.monthlyUsd, 0));
  });

  it("takes its usage assumptions from the stack file", () => {
    expect(Object.keys(assumptions.objectStorageGb).sort()).toEqual(["accessLogs", "artifacts", "auditArchive", "buildCache", "configBackups", "deploymentLogs", "testReports"]);
    expect(assumptions.logIngestGbPerGroupMonth).toBeGreaterThan(0);
  });

  it("prices the primary at twice a same-class replica in prod (Multi-AZ), once in dev", async () => {
    const report = estimateCost(await plan, assumptions);
    const instance = report.lines.find((l) => l.resource === `sparki-${stack}-postgres` && l.unit === "instance-hours")!;
    expect(instance.quantity).toBe(HOURS_PER_MONTH * (stack === "prod" ? 2 : 1));
    for (const replica of report.lines.filter((l) => /replica/.test(l.item))) close(replica.monthlyUsd * 2, instance.monthlyUsd);
  });

  it("renders an estimate caveat in Markdown", async () => {
    const markdown = costMarkdown(estimateCost(await plan, assumptions)).join("\n");
    expect(markdown).toContain("### Monthly cost (estimate)");
    expect(markdown).toContain("An estimate, not a quote");
    expect(markdown).toMatch(/\| \*\*Total\*\* \| \| \| \| \*\*\$[\d,]+\.\d\d\*\* \|/);
  });
});
