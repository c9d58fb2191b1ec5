import type { ProgramRun, RegisteredResource } from "../run-program";
import {
  add, type Context, type CostAssumptions, type CostLine, keyOf, known, line, NO_ASSUMPTIONS, num, type Priced, str, unknownSku, type Unpriced,
} from "./priced";
import {
  CLUSTER_BILLED_PREFIX, EBS_GB_MONTH, ELASTICACHE_NODE_HOUR, FLAT, HOURS_PER_MONTH, NO_STANDING_CHARGE,
  type Price, type PriceCheck, PRICE_REGION, PRICES_TAKEN, RDS_ENGINE_UNPRICED, RDS_INSTANCE_HOUR, RDS_PROXY_VCPU_HOUR, RDS_STORAGE_GB_MONTH, RULES,
  S3_STORAGE_GB_MONTH, VCPUS_BY_SIZE, VPC_INTERFACE_ENDPOINT_AZ_HOUR,
} from "./prices";
import {
  backupsReplication, bucketUsage, cacheUsage, cdnDelivery, DAYS_PER_MONTH, endpointProcessing, firehoseStream, kmsKey, minioTraffic,
  performanceInsights, rdsBackups, rdsUsage, replicationLines, secretCalls, transferAcceleration,
} from "./usage";

export { type CostAssumptions, type CostLine, NO_ASSUMPTIONS, type Unpriced } from "./priced";

export interface CostReport {
  /** The stack's region (its AWS provider's). */
  readonly region: string;
  /** The region whose list prices prices.ts holds; when it is not {@link region}, no price is verified for the stack. */
  readonly priceRegion: string;
  /**
   * False when the stack deploys outside {@link priceRegion}: the total is then the price region's figure, every line is
   * marked `other-region`, and the plan says NOT PRICED for the stack's region instead of showing it as its cost.
   */
  readonly pricedForRegion: boolean;
  readonly pricesTaken: string;
  readonly totalUsd: number;
  /** Part of the total resting on prices not checked for this region. */
  readonly unverifiedUsd: number;
  readonly lines: readonly CostLine[];
  readonly unpriced: readonly Unpriced[];
  /** Resources with no standing charge, per type. */
  readonly noCharge: Readonly<Record<string, number>>;
}

/** vCPUs of an instance class or node type (`db.r7g.large` -> 2); undefined for an unknown size. */
export function vcpusOf(instanceClass: string): number | undefined {
  return VCPUS_BY_SIZE[instanceClass.slice(instanceClass.lastIndexOf(".") + 1)];
}

/** Resources this one consumes outputs of, of a given type. */
function dependenciesOfType(ctx: Context, r: RegisteredResource, type: string): RegisteredResource[] {
  return r.dependencies.filter((d) => d.type === type).map((d) => ctx.byKey.get(keyOf(d))).filter((d) => d !== undefined);
}

/** The RDS instance an identifier input names, by its own `identifier`, else by the Output it came from. */
function rdsInstanceFor(ctx: Context, r: RegisteredResource, identifier: unknown): RegisteredResource | undefined {
  const id = str(identifier);
  const named = id ? ctx.run.resources.find((x) => x.type === "aws:rds/instance:Instance" && x.inputs.identifier === id) : undefined;
  return named ?? dependenciesOfType(ctx, r, "aws:rds/instance:Instance")[0];
}

/** How an engine is named in an item; PostgreSQL, the first engine priced, is left implicit (`db.r7g.large single-AZ`). */
const ENGINE_LABEL: Readonly<Record<string, string>> = {
  postgres: "", mysql: "MySQL", "sqlserver-ex": "SQL Server Express", "sqlserver-web": "SQL Server Web",
  "sqlserver-se": "SQL Server Standard", "sqlserver-ee": "SQL Server Enterprise",
};

/**
 * The price of an instance hour, by engine and class, or why there is none. An engine is priced from its own
 * table only: a class another engine's table lists is no price for it.
 */
function instanceHourPrice(engine: string | undefined, instanceClass: string | undefined, licenseModel: string | undefined): Price | string {
  if (engine === undefined) return "engine unknown (neither the instance nor its source names one): the hour is priced per engine";
  const table = RDS_INSTANCE_HOUR[engine];
  if (!table) return `engine ${engine} has no instance-hour table in scripts/offline/cost/prices.ts`;
  // SQL Server's hours are license-included; its bring-your-own-media hours are another price.
  if (engine.startsWith("sqlserver-") && licenseModel !== undefined && licenseModel !== "license-included") {
    return `${engine} with license model ${licenseModel}: only license-included hours are priced`;
  }
  const price = instanceClass ? table[instanceClass] : undefined;
  if (price) return price;
  const why = `instance class ${instanceClass ?? "(unknown)"} has no ${engine} price in scripts/offline/cost/prices.ts`;
  return RDS_ENGINE_UNPRICED[engine] ? `${why}: ${RDS_ENGINE_UNPRICED[engine]}` : why;
}

function rdsInstance(ctx: Context, r: RegisteredResource): Priced {
  const i = r.inputs;
  const lines: CostLine[] = [];
  const unpriced: Unpriced[] = [];
  const replica = known(i.replicateSourceDb);
  const source = replica ? rdsInstanceFor(ctx, r, i.replicateSourceDb) : undefined;
  const instanceClass = str(i.instanceClass);
  const multiAz = i.multiAz === true;
  const copies = multiAz ? RULES.multiAzDoubles.factor : 1;
  const role = replica ? "read replica" : multiAz ? "Multi-AZ (primary + standby)" : "single-AZ";
  // A replica names no engine or license model: it runs its source's.
  const engine = str(i.engine) ?? str(source?.inputs.engine);
  const licenseModel = str(i.licenseModel) ?? str(source?.inputs.licenseModel);

  const classPrice = instanceHourPrice(engine, instanceClass, licenseModel);
  const label = [instanceClass, ENGINE_LABEL[engine ?? ""] ?? engine, role].filter(Boolean).join(" ");
  if (typeof classPrice !== "string") lines.push(line(r, label, HOURS_PER_MONTH * copies, "instance-hours", classPrice));
  else unpriced.push(unknownSku(r, classPrice));

  // A replica without its own allocation starts with the source's.
  const storageGb = num(i.allocatedStorage) ?? (source ? num(source.inputs.allocatedStorage) : undefined);
  const storageType = str(i.storageType) ?? str(source?.inputs.storageType) ?? "gp2";
  const storagePrice = RDS_STORAGE_GB_MONTH[storageType];
  if (storageGb === undefined) unpriced.push(unknownSku(r, "allocated storage unknown"));
  else if (!storagePrice) unpriced.push(unknownSku(r, `storage type ${storageType} has no price`));
  else lines.push(line(r, `${storageType} storage, ${storageGb} GB${multiAz ? " x 2 (standby)" : ""}${num(i.maxAllocatedStorage) ? `, may autoscale to ${num(i.maxAllocatedStorage)} GB` : ""}`, storageGb * copies, "GB-month", storagePrice));

  const retention = num(i.performanceInsightsRetentionPeriod) ?? RULES.performanceInsightsFreeDays.days;
  const advanced = i.databaseInsightsMode === "advanced";
  if (i.performanceInsightsEnabled === true && (advanced || retention > RULES.performanceInsightsFreeDays.days)) {
    const vcpus = instanceClass ? vcpusOf(instanceClass) : undefined;
    if (vcpus === undefined) unpriced.push(unknownSku(r, `Performance Insights ${retention}-day retention: vCPUs of ${instanceClass ?? "(unknown)"} unknown`));
    else lines.push(...performanceInsights(r, { retentionDays: retention, vcpus, copies, advanced }));
  }
  // RDS creates and owns this secret: it is on the bill but never a Pulumi resource.
  if (i.manageMasterUserPassword === true) lines.push(line(r, "admin secret (RDS-managed, Secrets Manager)", 1, "secret-months", FLAT.secret), ...secretCalls(ctx, r, "admin secret"));
  const usage = rdsUsage(ctx, r);
  return { lines: [...lines, ...usage.lines], unpriced: [...unpriced, ...usage.unpriced] };
}

function rdsProxy(ctx: Context, r: RegisteredResource): Priced {
  const proxyName = str(r.inputs.name);
  const targets = ctx.run.resources.filter((t) => t.type === "aws:rds/proxyTarget:ProxyTarget"
    && ((proxyName !== undefined && t.inputs.dbProxyName === proxyName) || t.dependencies.some((d) => keyOf(d) === keyOf(r))));
  if (targets.length === 0) return { lines: [], unpriced: [unknownSku(r, "no ProxyTarget found: the proxy bills per vCPU of its targets")] };
  const priced: Priced = { lines: [], unpriced: [] };
  for (const target of targets) {
    const instance = rdsInstanceFor(ctx, target, target.inputs.dbInstanceIdentifier);
    const instanceClass = str(instance?.inputs.instanceClass);
    const vcpus = instanceClass ? vcpusOf(instanceClass) : undefined;
    if (vcpus === undefined) {
      priced.unpriced.push(unknownSku(r, `vCPUs of the target ${instance?.name ?? "(not found)"} (${instanceClass ?? "class unknown"}) unknown`));
      continue;
    }
    const billed = Math.max(RULES.proxyMinimumVcpus.vcpus, vcpus);
    priced.lines.push(line(r, `proxy for ${instance!.name} (${instanceClass}, ${billed} vCPU billed)`, billed * HOURS_PER_MONTH, "vCPU-hours", RDS_PROXY_VCPU_HOUR));
  }
  return priced;
}

/** Nodes of a replication group: shards x (1 + replicas) in cluster mode, else the member clusters. */
export function elastiCacheNodes(inputs: Readonly<Record<string, unknown>>): number | undefined {
  const replicas = num(inputs.replicasPerNodeGroup);
  if (inputs.clusterMode === "enabled") {
    const shards = num(inputs.numNodeGroups) ?? 1;
    return shards * (1 + (replicas ?? 0));
  }
  return num(inputs.numCacheClusters) ?? (replicas !== undefined ? 1 + replicas : undefined);
}

function replicationGroup(ctx: Context, r: RegisteredResource): Priced {
  const nodeType = str(r.inputs.nodeType);
  const nodes = elastiCacheNodes(r.inputs);
  const price = nodeType ? ELASTICACHE_NODE_HOUR[nodeType] : undefined;
  if (!price || nodes === undefined) {
    return { lines: [], unpriced: [unknownSku(r, !price ? `node type ${nodeType ?? "(unknown)"} has no price in scripts/offline/cost/prices.ts` : "node count unknown")] };
  }
  const valkey = r.inputs.engine === "valkey";
  const factor = valkey ? RULES.valkeyNodeFactor.factor : 1;
  // The Valkey discount is itself unverified.
  const check: PriceCheck = valkey ? "unverified" : price.check;
  const priced = line(r, `${nodes} x ${nodeType} (${valkey ? "Valkey, 20 % below Redis OSS" : str(r.inputs.engine) ?? "redis"})`, nodes * HOURS_PER_MONTH, "node-hours", { ...price, check }, factor);
  const usage = cacheUsage(ctx, r);
  return { lines: [priced, ...usage.lines], unpriced: usage.unpriced };
}

/**
 * A Memcached cache cluster: numCacheNodes nodes at the node-based on-demand rate of prices.ts (the ElastiCache pricing
 * page lists Memcached and Redis OSS node-based nodes at one rate per node type: unverified, so always "unverified").
 */
function cacheCluster(ctx: Context, r: RegisteredResource): Priced {
  const nodeType = str(r.inputs.nodeType);
  const nodes = num(r.inputs.numCacheNodes);
  const price = nodeType ? ELASTICACHE_NODE_HOUR[nodeType] : undefined;
  if (!price || nodes === undefined) {
    return { lines: [], unpriced: [unknownSku(r, !price ? `node type ${nodeType ?? "(unknown)"} has no price in scripts/offline/cost/prices.ts` : "node count unknown")] };
  }
  const usage = cacheUsage(ctx, r);
  return { lines: [line(r, `${nodes} x ${nodeType} (${str(r.inputs.engine) ?? "memcached"})`, nodes * HOURS_PER_MONTH, "node-hours", { ...price, check: "unverified" }), ...usage.lines], unpriced: usage.unpriced };
}

interface Segment {
  readonly storageClass: string;
  readonly days: number;
}

/**
 * How long an object spends in each storage class under one lifecycle rule: STANDARD until the first
 * transition, then each class until the next, until expiry (or the never-expires horizon).
 */
export function lifecycleSegments(rule: { transitions?: { days?: number; storageClass?: string }[]; expiration?: { days?: number } } | undefined): Segment[] {
  const end = num(rule?.expiration?.days) ?? RULES.neverExpiresHorizonDays.days;
  const steps = (rule?.transitions ?? [])
    .filter((t) => num(t.days) !== undefined && typeof t.storageClass === "string" && t.days! < end)
    .sort((a, b) => a.days! - b.days!);
  const segments: Segment[] = [];
  let from = 0;
  let current = "STANDARD";
  for (const step of steps) {
    if (step.days! > from) segments.push({ storageClass: current, days: step.days! - from });
    [from, current] = [step.days!, step.storageClass!];
  }
  if (end > from) segments.push({ storageClass: current, days: end - from });
  return segments;
}

function bucket(ctx: Context, r: RegisteredResource): Priced {
  const tags = (r.inputs.tags ?? {}) as Record<string, unknown>;
  const dataClass = str(tags.DataClass);
  const gb = dataClass ? ctx.assumptions.objectStorageGb[dataClass] : undefined;
  if (gb === undefined) {
    const reason = dataClass
      ? `no stored volume assumed: set sparki-storage:costAssumptions.objectStorageGb.${dataClass}`
      : "bucket without a DataClass tag: no stored volume can be assumed";
    return { lines: [], unpriced: [{ resource: r.name, type: r.type, kind: "usage-not-assumed", reason }] };
  }
  const name = str(r.inputs.bucket);
  const lifecycle = ctx.run.resources.find((x) => x.type === "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration"
    && ((name !== undefined && x.inputs.bucket === name) || x.dependencies.some((d) => keyOf(d) === keyOf(r))));
  const rules = (lifecycle?.inputs.rules ?? []) as Parameters<typeof lifecycleSegments>[0][];
  const segments = lifecycleSegments(rules[0]);
  const lifetime = segments.reduce((sum, s) => sum + s.days, 0);
  const priced: Priced = { lines: [], unpriced: [] };
  for (const segment of segments) {
    const price = S3_STORAGE_GB_MONTH[segment.storageClass];
    const share = gb * (segment.days / lifetime);
    if (!price) priced.unpriced.push(unknownSku(r, `storage class ${segment.storageClass} has no price`));
    else priced.lines.push(line(r, `${dataClass} in ${segment.storageClass} (${segment.days} of ${lifetime} days)`, share, "GB-month", price));
  }
  add(priced, bucketUsage(ctx, r, { dataClass: dataClass!, gb, segments }));
  return priced;
}

/**
 * S3 replication to the recovery region (issue 21's DR part): the source bucket's writes cross regions. In steady state
 * the GB written per month is the stored volume renewed over its lifetime (stored GB x days per month / lifetime days,
 * as for its PUT requests); each is billed at the inter-region transfer price, plus Replication Time Control when on.
 */
function replicationConfig(ctx: Context, r: RegisteredResource): Priced {
  const source = ctx.run.resources.find((x) => x.type === "aws:s3/bucket:Bucket" && x.custom && x.inputs.bucket === r.inputs.bucket);
  const dataClass = str(((source?.inputs.tags ?? {}) as Record<string, unknown>).DataClass);
  const gb = dataClass ? ctx.assumptions.objectStorageGb[dataClass] : undefined;
  if (!source || gb === undefined) return { lines: [], unpriced: [{ resource: r.name, type: r.type, kind: "usage-not-assumed", reason: `replicated volume unknown: the source bucket's stored GB is not assumed (objectStorageGb.${dataClass ?? "<class>"})` }] };
  const name = str(source.inputs.bucket);
  const lifecycle = ctx.run.resources.find((x) => x.type === "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration" && name !== undefined && x.inputs.bucket === name);
  const lifetime = lifecycleSegments(((lifecycle?.inputs.rules ?? []) as Parameters<typeof lifecycleSegments>[0][])[0]).reduce((n, s) => n + s.days, 0);
  const rules = (Array.isArray(r.inputs.rules) ? r.inputs.rules : []) as { destination?: { replicationTime?: { status?: string } } }[];
  const rtc = rules.some((rule) => rule.destination?.replicationTime?.status === "Enabled");
  return { lines: replicationLines(r, dataClass!, gb * (DAYS_PER_MONTH / lifetime), rtc), unpriced: [] };
}

function logGroup(ctx: Context, r: RegisteredResource): Priced {
  const ingest = ctx.assumptions.logIngestGbPerGroupMonth;
  if (ingest === undefined) {
    return { lines: [], unpriced: [{ resource: r.name, type: r.type, kind: "usage-not-assumed", reason: "no ingestion assumed: set sparki-storage:costAssumptions.logIngestGbPerGroupMonth" }] };
  }
  const retention = num(r.inputs.retentionInDays) || RULES.neverExpiresHorizonDays.days;
  // Steady state: a month's ingestion stays for the retention period.
  const storedGb = ingest * (retention / (365 / 12));
  return {
    lines: [
      line(r, "log ingestion (assumed)", ingest, "GB", FLAT.logIngestion),
      line(r, `log storage (${retention}-day retention)`, storedGb, "GB-month", FLAT.logStorage),
    ],
    unpriced: [],
  };
}

function metricAlarm(_ctx: Context, r: RegisteredResource): Priced {
  const queries = Array.isArray(r.inputs.metricQueries) ? (r.inputs.metricQueries as { metric?: { period?: number } }[]) : [];
  const metrics = queries.length > 0 ? queries.filter((q) => q.metric !== undefined) : [{ metric: { period: num(r.inputs.period) } }];
  const highResolution = metrics.some((q) => (num(q.metric?.period) ?? 60) < 60);
  const price = highResolution ? FLAT.alarmHighResolution : FLAT.alarmStandard;
  return { lines: [line(r, `${highResolution ? "high-resolution" : "standard"} alarm`, Math.max(1, metrics.length), "alarm metric-months", price)], unpriced: [] };
}

/**
 * `count` claims of `size` on the StorageClass `className`: a GB-month line at the EBS price of that class when this
 * stack defines it with the EBS CSI driver, else billed by the cluster's storage. `what` names them ("agents ").
 */
function claimVolumes(ctx: Context, r: RegisteredResource, claims: { count: number; className?: string; size?: string; what?: string }): Priced {
  const { count, className, size, what = "" } = claims;
  const gib = parseGiB(size);
  const storageClass = ctx.run.resources.find((x) => x.type === "kubernetes:storage.k8s.io/v1:StorageClass"
    && ((x.inputs.metadata ?? {}) as { name?: string }).name === className);
  const volumeType = str(((storageClass?.inputs.parameters ?? {}) as Record<string, unknown>).type) ?? "gp3";
  const price = str(storageClass?.inputs.provisioner) === "ebs.csi.aws.com" ? EBS_GB_MONTH[volumeType] : undefined;
  if (gib === undefined || !price) {
    return { lines: [], unpriced: [{ resource: r.name, type: r.type, kind: "cluster-billed", reason: `${count} x ${size ?? "?"} ${what}volumes on storage class ${className ?? "(cluster default)"}, billed by the cluster's storage` }] };
  }
  // Provisioned size in GB-month as billed, no GiB-to-GB conversion (RULES.provisionedGbMonth): 100Gi is 100 GB-month.
  return { lines: [line(r, `${count} x ${gib} GiB EBS ${volumeType} ${what}volumes (storage class ${className})`, count * gib * RULES.provisionedGbMonth.gibToGb, "GB-month", price)], unpriced: [] };
}

function statefulSet(ctx: Context, r: RegisteredResource): Priced {
  type Template = { spec?: { storageClassName?: string; resources?: { requests?: { storage?: string } } } };
  const spec = (r.inputs.spec ?? {}) as { replicas?: number; volumeClaimTemplates?: Template[] };
  const replicas = num(spec.replicas) ?? 1;
  const priced: Priced = { lines: [], unpriced: [{ resource: r.name, type: r.type, kind: "cluster-billed", reason: "StatefulSet pods: compute on the cluster's nodes" }] };
  // Every replica gets one volume per template; identical templates (drives per server) are one line.
  const groups = new Map<string, { className?: string; size?: string; count: number }>();
  for (const template of spec.volumeClaimTemplates ?? []) {
    const className = template.spec?.storageClassName;
    const size = template.spec?.resources?.requests?.storage;
    const id = `${className}|${size}`;
    groups.set(id, { className, size, count: (groups.get(id)?.count ?? 0) + replicas });
  }
  for (const { className, size, count } of groups.values()) add(priced, claimVolumes(ctx, r, { count, className, size }));
  add(priced, minioTraffic(ctx, r));
  return priced;
}

/** `500Gi` -> 500, `1Ti` -> 1024; undefined for anything else. */
export function parseGiB(quantity: unknown): number | undefined {
  const match = typeof quantity === "string" ? /^(\d+(?:\.\d+)?)(Gi|Ti)$/.exec(quantity) : null;
  return match ? Number(match[1]) * (match[2] === "Ti" ? 1024 : 1) : undefined;
}

function vpcEndpoint(ctx: Context, r: RegisteredResource): Priced {
  if (r.inputs.vpcEndpointType !== "Interface") return { lines: [], unpriced: [], free: true };
  // One network interface per subnet; in a preview the subnet IDs are unknown but their count is not.
  const subnets = Array.isArray(r.inputs.subnetIds) ? r.inputs.subnetIds.length : r.dependencies.filter((d) => d.type === "aws:ec2/subnet:Subnet").length;
  if (subnets === 0) return { lines: [], unpriced: [unknownSku(r, "interface endpoint without known subnets: its AZ count is unknown")] };
  const service = str(r.inputs.serviceName)?.split(".").at(-1) ?? "service";
  const processing = endpointProcessing(ctx, r);
  return { lines: [line(r, `${service} interface endpoint in ${subnets} AZs`, subnets * HOURS_PER_MONTH, "endpoint-AZ-hours", VPC_INTERFACE_ENDPOINT_AZ_HOUR), ...processing.lines], unpriced: processing.unpriced };
}

const flat = (item: string, unit: string, price: Price) => (_ctx: Context, r: RegisteredResource): Priced => ({ lines: [line(r, item, 1, unit, price)], unpriced: [] });

/**
 * DocumentDB instance hours: NOT PRICED. No DocumentDB price (https://aws.amazon.com/documentdb/pricing/) was read for
 * any region when this was written, and RDS's tables are another service's prices: reported, never guessed.
 */
function docDbInstance(_ctx: Context, r: RegisteredResource): Priced {
  const instanceClass = str(r.inputs.instanceClass) ?? "(unknown class)";
  return { lines: [], unpriced: [unknownSku(r, `DocumentDB ${instanceClass} instance hours: no DocumentDB price was read (https://aws.amazon.com/documentdb/pricing/), and RDS prices are not DocumentDB's`)] };
}

/**
 * A kube-arangodb ArangoDeployment: its members' volumes (spec.<group>.volumeClaimTemplate, one per member of the
 * single, agents and dbservers groups; coordinators have none) at the EBS price of their StorageClass when this stack
 * defines it with the EBS CSI driver; the members' compute runs on the cluster's nodes (billed to the cluster).
 */
function arangoDeployment(ctx: Context, r: RegisteredResource): Priced {
  type Group = { count?: number; volumeClaimTemplate?: { spec?: { storageClassName?: string; resources?: { requests?: { storage?: string } } } } };
  const spec = (r.inputs.spec ?? {}) as Record<string, Group | undefined>;
  const priced: Priced = { lines: [], unpriced: [{ resource: r.name, type: r.type, kind: "cluster-billed", reason: "ArangoDB members: compute on the cluster's nodes" }] };
  for (const group of ["single", "agents", "dbservers"]) {
    const g = spec[group];
    const template = g?.volumeClaimTemplate?.spec;
    if (!g || !template) continue;
    add(priced, claimVolumes(ctx, r, { count: num(g.count) ?? 1, className: template.storageClassName, size: template.resources?.requests?.storage, what: `${group} ` }));
  }
  return priced;
}

/**
 * A Couchbase operator CouchbaseCluster: every server's volume (one claim from spec.volumeClaimTemplates per server
 * of spec.servers) at the EBS price of its StorageClass when this stack defines it with the EBS CSI driver; the
 * servers' compute runs on the cluster's nodes. The Enterprise licence the operator requires is NOT PRICED: Couchbase
 * sells it by subscription under a quote, with no public list price (README: Couchbase).
 */
function couchbaseCluster(ctx: Context, r: RegisteredResource): Priced {
  type Template = { metadata?: { name?: string }; spec?: { storageClassName?: string; resources?: { requests?: { storage?: string } } } };
  const spec = (r.inputs.spec ?? {}) as { servers?: { size?: number; volumeMounts?: Record<string, unknown> }[]; volumeClaimTemplates?: Template[] };
  const priced: Priced = {
    lines: [],
    unpriced: [
      { resource: r.name, type: r.type, kind: "cluster-billed", reason: "Couchbase servers: compute on the cluster's nodes" },
      unknownSku(r, "Couchbase Server Enterprise licence (required by the Couchbase Autonomous Operator): sold by subscription under a quote, no public list price"),
    ],
  };
  for (const server of spec.servers ?? []) {
    const count = num(server.size) ?? 1;
    for (const claim of Object.values(server.volumeMounts ?? {})) {
      const template = (spec.volumeClaimTemplates ?? []).find((t) => t.metadata?.name === claim)?.spec;
      add(priced, claimVolumes(ctx, r, { count, className: template?.storageClassName, size: template?.resources?.requests?.storage, what: "server " }));
    }
  }
  return priced;
}

/**
 * An Altinity ClickHouseInstallation or ClickHouseKeeperInstallation: one claim from the data volume claim template
 * (spec.defaults.templates.dataVolumeClaimTemplate) per host, shards x replicas of each cluster, at the EBS price of
 * its StorageClass when this stack defines it with the EBS CSI driver; the hosts' compute runs on the cluster's nodes.
 */
function clickHouseOperatorVolumes(ctx: Context, r: RegisteredResource): Priced {
  type Template = { name?: string; spec?: { storageClassName?: string; resources?: { requests?: { storage?: string } } } };
  const spec = (r.inputs.spec ?? {}) as {
    defaults?: { templates?: { dataVolumeClaimTemplate?: string } };
    configuration?: { clusters?: { layout?: { shardsCount?: number; replicasCount?: number } }[] };
    templates?: { volumeClaimTemplates?: Template[] };
  };
  const kind = r.type.endsWith("ClickHouseKeeperInstallation") ? "Keeper" : "ClickHouse";
  const priced: Priced = { lines: [], unpriced: [{ resource: r.name, type: r.type, kind: "cluster-billed", reason: `${kind} hosts: compute on the cluster's nodes` }] };
  const hosts = (spec.configuration?.clusters ?? []).reduce((n, c) => n + (num(c.layout?.shardsCount) ?? 1) * (num(c.layout?.replicasCount) ?? 1), 0);
  const template = (spec.templates?.volumeClaimTemplates ?? []).find((t) => t.name === spec.defaults?.templates?.dataVolumeClaimTemplate)?.spec;
  if (hosts === 0 || template === undefined) return priced;
  add(priced, claimVolumes(ctx, r, { count: hosts, className: template.storageClassName, size: template.resources?.requests?.storage, what: `${kind} ` }));
  return priced;
}

const PRICERS: Readonly<Record<string, (ctx: Context, r: RegisteredResource) => Priced>> = {
  "aws:docdb/clusterInstance:ClusterInstance": docDbInstance,
  "aws:rds/instance:Instance": rdsInstance,
  "aws:rds/proxy:Proxy": rdsProxy,
  "aws:elasticache/replicationGroup:ReplicationGroup": replicationGroup,
  "aws:elasticache/cluster:Cluster": cacheCluster,
  "aws:s3/bucket:Bucket": bucket,
  "aws:s3/bucketMetric:BucketMetric": (_ctx, r) => ({
    lines: [line(r, `request metrics (up to ${RULES.s3RequestMetricsPerFilter.metrics} metrics)`, RULES.s3RequestMetricsPerFilter.metrics, "metric-months", FLAT.customMetric)],
    unpriced: [],
  }),
  "aws:cloudwatch/logGroup:LogGroup": logGroup,
  "aws:cloudwatch/metricAlarm:MetricAlarm": metricAlarm,
  "aws:cloudwatch/compositeAlarm:CompositeAlarm": flat("composite alarm", "alarm-months", FLAT.compositeAlarm),
  "aws:cloudwatch/dashboard:Dashboard": flat("dashboard", "dashboard-months", FLAT.dashboard),
  "aws:kms/key:Key": kmsKey,
  "gcp:kms/cryptoKey:CryptoKey": flat("Cloud KMS key version (first)", "key-version-months", FLAT.gcpKmsKeyVersion),
  // Cloud Monitoring's per-condition alerting price was not read (https://cloud.google.com/stackdriver/pricing): reported, never guessed.
  "gcp:monitoring/alertPolicy:AlertPolicy": (_ctx, r) => ({ lines: [], unpriced: [unknownSku(r, "Cloud Monitoring alert policy: its per-condition price (https://cloud.google.com/stackdriver/pricing) was not read")] }),
  "aws:secretsmanager/secret:Secret": (ctx, r) => ({ lines: [line(r, "secret", 1, "secret-months", FLAT.secret), ...secretCalls(ctx, r)], unpriced: [] }),
  "azure-native:monitor:MetricAlert": flat("Azure Monitor metric alert rule (one time series)", "time series-months", FLAT.azureMetricAlertTimeSeries),
  "aws:s3/bucketAccelerateConfiguration:BucketAccelerateConfiguration": transferAcceleration,
  "aws:cloudfront/distribution:Distribution": cdnDelivery,
  "aws:s3/bucketReplicationConfig:BucketReplicationConfig": replicationConfig,
  "aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication": (ctx, r) => backupsReplication(ctx, r, dependenciesOfType(ctx, r, "aws:rds/instance:Instance")[0]),
  "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream": firehoseStream,
  "kubernetes:apps/v1:StatefulSet": statefulSet,
  "kubernetes:database.arangodb.com/v1:ArangoDeployment": arangoDeployment,
  "kubernetes:couchbase.com/v2:CouchbaseCluster": couchbaseCluster,
  "kubernetes:clickhouse.altinity.com/v1:ClickHouseInstallation": clickHouseOperatorVolumes,
  "kubernetes:clickhouse-keeper.altinity.com/v1:ClickHouseKeeperInstallation": clickHouseOperatorVolumes,
  "aws:ec2/vpcEndpoint:VpcEndpoint": vpcEndpoint,
};

/** How the estimate treats a resource type; undefined for a type it knows nothing about (reported as unpriced). */
export function costTreatment(type: string): "priced" | "no standing charge" | "billed to the cluster" | undefined {
  if (type in PRICERS) return "priced";
  if (type in NO_STANDING_CHARGE) return "no standing charge";
  if (type.startsWith(CLUSTER_BILLED_PREFIX)) return "billed to the cluster";
  return undefined;
}

/**
 * The monthly on-demand cost of what a program run registers, from the prices in prices.ts and the
 * usage assumptions of the stack. Components cost nothing themselves; every custom resource is priced,
 * known to be free, billed to the Kubernetes cluster, or reported as unpriced.
 */
export function estimateCost(run: ProgramRun, assumptions: CostAssumptions = NO_ASSUMPTIONS): CostReport {
  const ctx: Context = { run, assumptions, byKey: new Map(run.resources.map((r) => [keyOf(r), r])) };
  const lines: CostLine[] = [];
  const unpriced: Unpriced[] = [];
  const noCharge: Record<string, number> = {};
  for (const r of run.resources) {
    if (!r.custom) continue;
    const pricer = PRICERS[r.type];
    if (pricer) {
      const priced = pricer(ctx, r);
      lines.push(...priced.lines);
      unpriced.push(...priced.unpriced);
      if (priced.free) noCharge[r.type] = (noCharge[r.type] ?? 0) + 1;
    } else if (r.type in NO_STANDING_CHARGE) {
      noCharge[r.type] = (noCharge[r.type] ?? 0) + 1;
    } else if (r.type.startsWith(CLUSTER_BILLED_PREFIX)) {
      unpriced.push({ resource: r.name, type: r.type, kind: "cluster-billed", reason: "Kubernetes objects: run on a cluster this stack does not create" });
    } else {
      unpriced.push({ resource: r.name, type: r.type, kind: "unknown-type", reason: `${r.type} is not in scripts/offline/cost/prices.ts: neither priced nor known to be free` });
    }
  }
  // Backup storage is billed against a free allowance pooled over the region's instances: priced once all are known.
  lines.push(...rdsBackups(ctx));
  const region = stackRegion(run);
  const pricedForRegion = region === PRICE_REGION;
  // Another region's stack is never shown as if priced for it: every line is marked as another region's price; so is
  // each line of a resource deployed through a provider of another region (the DR copies), and it says where.
  const regionOf = resourceRegions(run);
  const shown = lines.map((l) => {
    const where = regionOf.get(keyOf({ type: l.type, name: l.resource })) ?? region;
    if (where === PRICE_REGION) return l;
    return { ...l, check: "other-region" as const, ...(where !== region ? { item: `${l.item} [in ${where}, at ${PRICE_REGION} prices]` } : {}) };
  });
  const total = shown.reduce((sum, l) => sum + l.monthlyUsd, 0);
  const unverified = shown.filter((l) => l.check !== "region").reduce((sum, l) => sum + l.monthlyUsd, 0);
  return { region, priceRegion: PRICE_REGION, pricedForRegion, pricesTaken: PRICES_TAKEN, totalUsd: total, unverifiedUsd: unverified, lines: shown, unpriced, noCharge };
}

/**
 * The region the stack deploys to: the `environment.region` output (the stack's `aws:region`), else its first AWS
 * provider's, else the price region. A stack may hold further providers (a recovery region): see {@link resourceRegions}.
 */
export function stackRegion(run: ProgramRun): string {
  const provider = run.resources.find((r) => r.type === "pulumi:providers:aws");
  const environment = run.outputs.environment as { region?: unknown } | undefined;
  return str(environment?.region) ?? str(provider?.inputs.region) ?? PRICE_REGION;
}

/** The region of every resource created through an explicit AWS provider, by the provider's name in its reference. */
export function resourceRegions(run: ProgramRun): Map<string, string> {
  const providers = new Map(run.resources.filter((r) => r.type === "pulumi:providers:aws").map((p) => [p.name, str(p.inputs.region)]));
  const regions = new Map<string, string>();
  for (const r of run.resources) {
    // `urn:pulumi:<stack>::<project>::pulumi:providers:aws::<name>::<id>`
    const name = /pulumi:providers:aws::([^:]+)::/.exec(r.provider ?? "")?.[1];
    const region = name ? providers.get(name) : undefined;
    if (region) regions.set(keyOf(r), region);
  }
  return regions;
}
