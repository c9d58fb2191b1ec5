import { describe, expect, it } from "vitest";
import { assumptionsOf } from "../scripts/offline/cost/assumptions";
import { type CostAssumptions, type CostReport, elastiCacheNodes, estimateCost, lifecycleSegments, parseGiB, vcpusOf } from "../scripts/offline/cost/estimate";
import {
  EBS_GB_MONTH, ELASTICACHE_NODE_HOUR, FLAT, HOURS_PER_MONTH, PERFORMANCE_INSIGHTS_RETENTION_VCPU_MONTH, RDS_INSTANCE_HOUR, RDS_MYSQL_INSTANCE_HOUR,
  RDS_POSTGRES_INSTANCE_HOUR, RDS_PROXY_VCPU_HOUR, RDS_SQLSERVER_INSTANCE_HOUR, RDS_STORAGE_GB_MONTH, RULES, S3_STORAGE_GB_MONTH,
  VPC_INTERFACE_ENDPOINT_AZ_HOUR,
} from "../scripts/offline/cost/prices";
import { costMarkdown, costText } from "../scripts/offline/cost/render";
import { REPO_ROOT } from "../scripts/offline/stack-files";
import { capturedRun, stackRun } from "./harness";
import { ref, resource, runOf } from "./hand-built";

const RDS = "aws:rds/instance:Instance";
const R7G = RDS_POSTGRES_INSTANCE_HOUR["db.r7g.large"].usd;
const GP3 = RDS_STORAGE_GB_MONTH.gp3.usd;

const itemsOf = (report: CostReport, resourceName: string) => report.lines.filter((l) => l.resource === resourceName);
const monthly = (report: CostReport, resourceName: string, item: RegExp) =>
  itemsOf(report, resourceName).filter((l) => item.test(l.item)).reduce((sum, l) => sum + l.monthlyUsd, 0);
const close = (actual: number, expected: number) => expect(actual).toBeCloseTo(expected, 6);

function primary(name: string, inputs: Record<string, unknown> = {}) {
  return resource(RDS, name, { identifier: name, engine: "postgres", instanceClass: "db.r7g.large", allocatedStorage: 100, storageType: "gp3", multiAz: false, ...inputs });
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

  it("charges Performance Insights per vCPU-month by retention tier, only beyond the 7 free days", () => {
    const free = estimateCost(runOf(primary("db", { performanceInsightsEnabled: true, performanceInsightsRetentionPeriod: 7 })));
    const paid = estimateCost(runOf(primary("db", { performanceInsightsEnabled: true, performanceInsightsRetentionPeriod: 93 })));
    const { firstMonth, eachFurtherMonth } = PERFORMANCE_INSIGHTS_RETENTION_VCPU_MONTH;
    close(monthly(free, "db", /Performance Insights/), 0);
    // 93 days = 3 months: the first month's rate and two further months, for 2 vCPUs (single-AZ).
    close(monthly(paid, "db", /Performance Insights/), 2 * (firstMonth.usd + 2 * eachFurtherMonth.usd));
    expect(itemsOf(paid, "db").filter((l) => /Performance Insights/.test(l.item)).map((l) => l.unit)).toEqual(["vCPU-months", "vCPU-months"]);
  });

  it("counts the RDS-managed admin secret, which is never a Pulumi resource", () => {
    const report = estimateCost(runOf(primary("db", { manageMasterUserPassword: true })));
    close(monthly(report, "db", /admin secret \(RDS-managed/), FLAT.secret.usd);
  });

  it("reports an unknown instance class by name instead of pricing it at zero", () => {
    const report = estimateCost(runOf(primary("db", { instanceClass: "db.x2iedn.large" })));
    expect(report.unpriced).toContainEqual({ resource: "db", type: RDS, kind: "unknown-sku", reason: "instance class db.x2iedn.large has no postgres price in scripts/offline/cost/prices.ts" });
    expect(report.lines.map((l) => l.item)).toEqual(["gp3 storage, 100 GB"]);
  });
});

describe("RDS instance hours by engine", () => {
  const SQLSERVER = ["sqlserver-ex", "sqlserver-web", "sqlserver-se", "sqlserver-ee"] as const;
  const hourOf = (report: CostReport, name: string) => itemsOf(report, name).find((l) => l.unit === "instance-hours");
  const reasonOf = (report: CostReport, name: string) => report.unpriced.find((u) => u.resource === name && u.kind === "unknown-sku")?.reason;

  it("keeps a table per engine the adapters run, and PostgreSQL's is the one PostgreSQL is priced from", () => {
    expect(Object.keys(RDS_INSTANCE_HOUR).sort()).toEqual(["mysql", "postgres", ...SQLSERVER].sort());
    expect(RDS_INSTANCE_HOUR.postgres).toBe(RDS_POSTGRES_INSTANCE_HOUR);
    close(hourOf(estimateCost(runOf(primary("db"))), "db")!.unitUsd, R7G);
  });

  it("prices a MySQL instance from the MySQL table, never at PostgreSQL's hour", () => {
    // Every class both tables list: a MySQL instance must take the MySQL figure, and the two differ for the classes prod runs.
    const shared = Object.keys(RDS_MYSQL_INSTANCE_HOUR).filter((c) => c in RDS_POSTGRES_INSTANCE_HOUR);
    expect(shared.length).toBeGreaterThan(10);
    for (const instanceClass of shared) {
      const report = estimateCost(runOf(primary("db", { engine: "mysql", instanceClass })));
      const hour = hourOf(report, "db")!;
      expect(hour.unitUsd, instanceClass).toBe(RDS_MYSQL_INSTANCE_HOUR[instanceClass].usd);
      expect(hour.check, instanceClass).toBe(RDS_MYSQL_INSTANCE_HOUR[instanceClass].check);
      expect(hour.item, instanceClass).toBe(`${instanceClass} MySQL single-AZ`);
    }
    expect(RDS_MYSQL_INSTANCE_HOUR["db.r7g.large"].usd).not.toBe(R7G);
    expect(RDS_MYSQL_INSTANCE_HOUR["db.t4g.micro"].usd).not.toBe(RDS_POSTGRES_INSTANCE_HOUR["db.t4g.micro"].usd);
  });

  it("bills a MySQL Multi-AZ standby and prices a replica at its source's engine", () => {
    const mysql = RDS_MYSQL_INSTANCE_HOUR["db.r7g.large"].usd;
    const source = primary("db", { engine: "mysql", multiAz: true });
    const replica = resource(RDS, "db-replica-1", { identifier: "db-replica-1", replicateSourceDb: "db", instanceClass: "db.r7g.large", multiAz: false }, { dependencies: [ref(source)] });
    const report = estimateCost(runOf(source, replica));
    close(hourOf(report, "db")!.monthlyUsd, 2 * mysql * HOURS_PER_MONTH);
    close(hourOf(report, "db-replica-1")!.monthlyUsd, mysql * HOURS_PER_MONTH);
    expect(hourOf(report, "db-replica-1")!.item).toBe("db.r7g.large MySQL read replica");
  });

  it("never prices a SQL Server instance from another engine's table, even for a class that table lists", () => {
    for (const engine of SQLSERVER) {
      for (const instanceClass of ["db.r7g.large", "db.t4g.micro", "db.r6i.xlarge"]) {
        expect(RDS_SQLSERVER_INSTANCE_HOUR[engine][instanceClass], `${engine} ${instanceClass}`).toBeUndefined();
        const report = estimateCost(runOf(primary("db", { engine, instanceClass, licenseModel: "license-included" })));
        expect(hourOf(report, "db"), `${engine} ${instanceClass}`).toBeUndefined();
        expect(reasonOf(report, "db")).toMatch(new RegExp(`^instance class ${instanceClass.replace(/\./g, "\\.")} has no ${engine} price .*: RDS for SQL Server license-included hours differ per edition and class`));
        expect(report.lines.map((l) => l.item)).toEqual(["gp3 storage, 100 GB"]);
      }
    }
  });

  it("prices SQL Server per edition where a figure was seen, the standby's licence-included hour included", () => {
    const ex = RDS_SQLSERVER_INSTANCE_HOUR["sqlserver-ex"]["db.t3.large"];
    const web = RDS_SQLSERVER_INSTANCE_HOUR["sqlserver-web"]["db.t3.large"];
    expect(web.usd).toBeGreaterThan(ex.usd);
    const single = estimateCost(runOf(primary("db", { engine: "sqlserver-web", instanceClass: "db.t3.large", licenseModel: "license-included" })));
    expect(hourOf(single, "db")).toMatchObject({ item: "db.t3.large SQL Server Web single-AZ", unitUsd: web.usd, check: web.check });
    const multi = estimateCost(runOf(primary("db", { engine: "sqlserver-web", instanceClass: "db.t3.large", multiAz: true })));
    close(hourOf(multi, "db")!.monthlyUsd, RULES.multiAzDoubles.factor * web.usd * HOURS_PER_MONTH);
    close(hourOf(estimateCost(runOf(primary("db", { engine: "sqlserver-ex", instanceClass: "db.t3.large" }))), "db")!.unitUsd, ex.usd);
  });

  it("reports a SQL Server replica at its source's edition, a bring-your-own-media licence and an unknown engine as NOT PRICED", () => {
    const source = primary("db", { engine: "sqlserver-ee", instanceClass: "db.r6i.xlarge", licenseModel: "license-included", multiAz: true });
    const replica = resource(RDS, "db-replica-1", { identifier: "db-replica-1", replicateSourceDb: "db", instanceClass: "db.r6i.xlarge" }, { dependencies: [ref(source)] });
    const report = estimateCost(runOf(source, replica));
    expect(reasonOf(report, "db-replica-1")).toMatch(/^instance class db\.r6i\.xlarge has no sqlserver-ee price/);
    expect(hourOf(report, "db-replica-1")).toBeUndefined();

    const byom = estimateCost(runOf(primary("db", { engine: "sqlserver-ex", instanceClass: "db.t3.large", licenseModel: "bring-your-own-media" })));
    expect(reasonOf(byom, "db")).toBe("sqlserver-ex with license model bring-your-own-media: only license-included hours are priced");
    const noEngine = estimateCost(runOf(primary("db", { engine: undefined })));
    expect(reasonOf(noEngine, "db")).toMatch(/^engine unknown/);
    expect(reasonOf(estimateCost(runOf(primary("db", { engine: "oracle-ee" }))), "db")).toBe("engine oracle-ee has no instance-hour table in scripts/offline/cost/prices.ts");
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
    const storage = report.lines.filter((l) => l.unit === "GB-month");
    expect(storage.reduce((a, l) => a + l.quantity, 0)).toBeCloseTo(365, 9);
    close(storage.reduce((a, l) => a + l.monthlyUsd, 0), 30 * S3_STORAGE_GB_MONTH.STANDARD.usd + 60 * S3_STORAGE_GB_MONTH.STANDARD_IA.usd + 275 * S3_STORAGE_GB_MONTH.GLACIER_IR.usd);
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
    close(monthly(report, "key", /customer-managed key/), FLAT.kmsKey.usd);
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
    // Provisioned size as billed: 8 volumes of 100 GiB are 800 GB-month (cost-drivers.test.ts has the rule's oracle).
    close(report.totalUsd, 8 * 100 * EBS_GB_MONTH.gp3.usd);
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

describe("the monthly cost of the MySQL and SQL Server examples", () => {
  const example = (folder: string, stack: string) => capturedRun({ stack, stackDir: `${REPO_ROOT}/examples/${folder}` }, true);
  const instancesOf = async (folder: string, stack: string, engine: string) => {
    const run = await example(folder, stack);
    const byIdentifier = new Map(run.resources.filter((r) => r.type === RDS).map((r) => [r.inputs.identifier, r]));
    // A replica runs its source's engine.
    return run.resources.filter((r) => r.type === RDS && (r.inputs.engine ?? byIdentifier.get(r.inputs.replicateSourceDb)?.inputs.engine) === engine);
  };

  it.each([["mysql-dev"], ["mysql-prod"]])("prices every MySQL instance of %s at the MySQL hour of its class", async (stack) => {
    const instances = await instancesOf("mysql", stack, "mysql");
    expect(instances.length).toBeGreaterThan(0);
    const report = estimateCost(await example("mysql", stack));
    for (const instance of instances) {
      const hour = report.lines.find((l) => l.resource === instance.name && l.unit === "instance-hours");
      const instanceClass = String(instance.inputs.instanceClass);
      expect(hour?.unitUsd, instance.name).toBe(RDS_MYSQL_INSTANCE_HOUR[instanceClass].usd);
      expect(hour?.unitUsd, instance.name).not.toBe(RDS_POSTGRES_INSTANCE_HOUR[instanceClass]?.usd);
    }
    expect(report.unpriced.filter((u) => u.kind === "unknown-type" || u.kind === "unknown-sku")).toEqual([]);
  });

  it.each([["mssql-dev"], ["mssql-prod"]])("reports every SQL Server instance of %s as NOT PRICED, with why, and never at another engine's hour", async (stack) => {
    const engines = ["sqlserver-ex", "sqlserver-web", "sqlserver-se", "sqlserver-ee"];
    const instances = (await Promise.all(engines.map((engine) => instancesOf("mssql", stack, engine)))).flat();
    expect(instances.length).toBeGreaterThan(0);
    const report = estimateCost(await example("mssql", stack));
    for (const instance of instances) {
      expect(report.lines.filter((l) => l.resource === instance.name && l.unit === "instance-hours"), instance.name).toEqual([]);
      expect(report.unpriced.find((u) => u.resource === instance.name)?.reason, instance.name).toMatch(/has no sqlserver-(ex|web|se|ee) price.*no sourced figure/);
    }
    // Its storage and Performance Insights are engine-neutral and still priced.
    expect(report.lines.some((l) => l.resource === instances[0].name && /storage/.test(l.item))).toBe(true);
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
    for (const key of ["cacheClientGbPerMonth", "cacheDatasetGb", "databaseClientGbPerMonth", "minioWrittenGbPerMonth", "minioReadGbPerMonth", "acceleratedGbPerMonth", "endpointGbPerMonth"] as const) {
      expect(assumptions[key], key).toBeGreaterThan(0);
    }
    expect(assumptions.internetEgressGbPerMonth?.artifacts).toBeGreaterThan(0);
  });

  it("prices the primary at twice a same-class replica in prod (Multi-AZ), once in dev", async () => {
    const report = estimateCost(await plan, assumptions);
    const instance = report.lines.find((l) => l.resource === `sparki-${stack}-postgres` && l.unit === "instance-hours")!;
    expect(instance.quantity).toBe(HOURS_PER_MONTH * (stack === "prod" ? 2 : 1));
    for (const replica of report.lines.filter((l) => l.unit === "instance-hours" && /read replica/.test(l.item))) close(replica.monthlyUsd * 2, instance.monthlyUsd);
  });

  it("renders an estimate caveat in Markdown", async () => {
    const markdown = costMarkdown(estimateCost(await plan, assumptions)).join("\n");
    expect(markdown).toContain("### Monthly cost (estimate)");
    expect(markdown).toContain("An estimate, not a quote");
    expect(markdown).toMatch(/\| \*\*Total\*\* \| \| \| \| \*\*\$[\d,]+\.\d\d\*\* \|/);
  });
});
