import type * as pulumi from "@pulumi/pulumi";
import {
  type AlarmContext, AlarmPair, type DashboardGraph, type DashboardSection, matrixThreshold, platformThreshold,
} from "../alerting";

/** One DB instance as alarms see it. */
export interface WatchedInstance {
  /** Alarm subject, e.g. `postgres-primary`, `postgres-replica-1`: the second part of its alarm names. No default. */
  readonly subject: string;
  /** DBInstanceIdentifier dimension: the explicit identifier, known at preview. No default. */
  readonly identifier: string;
  /** Memory of the instance class, GiB: 100 % of the freeable-memory alarm. No default. */
  readonly memoryGiB: number;
  /** A read replica (replica-lag alarm) rather than the writer (transaction-ID alarm). No default. */
  readonly replica: boolean;
  /** The instance resource: its alarms are created after it, never while RDS is still creating it. No default. */
  readonly resource: pulumi.Resource;
}

export interface PostgresAlarmsArgs {
  /** Environment name, topics and evaluation settings shared by every alarm. No default. */
  readonly context: AlarmContext;
  /** Every instance to alarm on: the primary and each replica. No default. */
  readonly instances: readonly WatchedInstance[];
  /** Physical RDS Proxy name: the ProxyName dimension. No default. */
  readonly proxyName: string;
  /** The proxy's target registration: pool alarms wait for the proxy to have its database. No default. */
  readonly proxyTarget: pulumi.Resource;
  /** Connections the proxy may open: 100 % of the pool-usage alarm, connections. No default. */
  readonly poolSize: number;
  /** Configured allocated storage, GiB: 100 % of the free-storage alarm (see docs/components.md on autoscaling). No default. */
  readonly allocatedStorageGiB: number;
}

/**
 * The matrix alarms (p95 latency on every instance, pool usage on the proxy) and the platform ones (replica
 * lag, CPU, disk queue depth, free storage and memory as shares, transaction-ID wraparound on the writer), with
 * a dashboard row drawing the same levels.
 */
export function postgresAlarms(args: PostgresAlarmsArgs, parent: pulumi.Resource): DashboardSection {
  const opts = { parent };
  const context = args.context;
  const latency = matrixThreshold("postgresLatencyP95");
  const pool = matrixThreshold("postgresConnectionPoolUsage");
  const cpu = platformThreshold("rdsCpuUtilization");
  const storage = platformThreshold("rdsFreeStoragePercent");
  const memory = platformThreshold("rdsFreeableMemoryPercent");
  const lag = platformThreshold("rdsReplicaLag");
  const xids = platformThreshold("rdsMaximumUsedTransactionIds");
  const diskQueue = platformThreshold("rdsDiskQueueDepth");
  const graphs: DashboardGraph[] = [];

  const proxyDimensions = { ProxyName: args.proxyName, TargetGroup: "default", TargetRole: "READ_WRITE" };
  new AlarmPair({ context, subject: "postgres-proxy", metric: "proxyDatabaseConnectionsBorrowed", dimensions: proxyDimensions, threshold: pool, percentOf: { value: args.poolSize, unit: "count" }, watched: [args.proxyTarget] }, opts);
  graphs.push(
    { title: "Pool connections in use", metric: "proxyDatabaseConnectionsBorrowed", dimensions: proxyDimensions, threshold: pool, percentOf: { value: args.poolSize, unit: "count" } },
    { title: "Proxy client connections", metric: "proxyClientConnections", dimensions: { ProxyName: args.proxyName } },
  );

  for (const instance of args.instances) {
    const dimensions = { DBInstanceIdentifier: instance.identifier };
    const base = { context, subject: instance.subject, dimensions, watched: [instance.resource] };
    new AlarmPair({ ...base, metric: "rdsReadLatency", threshold: latency }, opts);
    new AlarmPair({ ...base, metric: "rdsWriteLatency", threshold: latency }, opts);
    new AlarmPair({ ...base, metric: "rdsCpuUtilization", threshold: cpu }, opts);
    new AlarmPair({ ...base, metric: "rdsDiskQueueDepth", threshold: diskQueue }, opts);
    new AlarmPair({ ...base, metric: "rdsFreeStorageSpace", threshold: storage, percentOf: { value: args.allocatedStorageGiB, unit: "gibibytes" } }, opts);
    new AlarmPair({ ...base, metric: "rdsFreeableMemory", threshold: memory, percentOf: { value: instance.memoryGiB, unit: "gibibytes" } }, opts);
    if (instance.replica) {
      new AlarmPair({ ...base, metric: "rdsReplicaLag", threshold: lag }, opts);
    } else {
      // Replicas replay the writer's transaction IDs: the writer's counter is the one vacuum must freeze.
      new AlarmPair({ ...base, metric: "rdsMaximumUsedTransactionIds", threshold: xids }, opts);
    }

    const on = instance.identifier;
    graphs.push(
      { title: `Read latency p95 (${on})`, metric: "rdsReadLatency", dimensions, threshold: latency },
      { title: `Write latency p95 (${on})`, metric: "rdsWriteLatency", dimensions, threshold: latency },
      { title: `CPU (${on})`, metric: "rdsCpuUtilization", dimensions, threshold: cpu },
      { title: `Disk queue depth (${on})`, metric: "rdsDiskQueueDepth", dimensions, threshold: diskQueue },
      { title: `Free storage (${on})`, metric: "rdsFreeStorageSpace", dimensions, threshold: storage, percentOf: { value: args.allocatedStorageGiB, unit: "gibibytes" } },
      { title: `Freeable memory (${on})`, metric: "rdsFreeableMemory", dimensions, threshold: memory, percentOf: { value: instance.memoryGiB, unit: "gibibytes" } },
      instance.replica
        ? { title: `Replica lag (${on})`, metric: "rdsReplicaLag", dimensions, threshold: lag }
        : { title: `Transaction IDs used (${on})`, metric: "rdsMaximumUsedTransactionIds", dimensions, threshold: xids },
    );
  }
  return { title: "PostgreSQL", graphs };
}
