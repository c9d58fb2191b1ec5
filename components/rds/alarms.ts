import type * as pulumi from "@pulumi/pulumi";
import {
  type AlarmContext, AlarmPair, type DashboardGraph, type DashboardSection, platformThreshold, type ThresholdSpec,
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

/** What the pool-usage alarm watches: the proxy's borrowed connections, or (without a proxy) the primary's connections. */
export type WatchedPool =
  | {
    /** Alarm subject, e.g. `postgres-proxy`. No default. */
    readonly subject: string;
    /** Physical RDS Proxy name: the ProxyName dimension. No default. */
    readonly proxyName: string;
    /** The proxy's target registration: pool alarms wait for the proxy to have its database. No default. */
    readonly proxyTarget: pulumi.Resource;
    /** Connections the proxy may open: 100 % of the pool-usage alarm, connections. No default. */
    readonly poolSize: number;
  }
  | {
    /** The primary's connection ceiling (e.g. SQL Server's `user connections`): 100 % of the alarm, connections. No default. */
    readonly maxConnections: number;
  };

export interface DatabaseAlarmsArgs {
  /** Environment name, topics and evaluation settings shared by every alarm. No default. */
  readonly context: AlarmContext;
  /** Dashboard row title: the engine's human name. No default. */
  readonly title: string;
  /** Latency and pool-usage levels: the matrix's, or derived by its relational rule. No default. */
  readonly thresholds: { readonly latencyP95: ThresholdSpec; readonly poolUsage: ThresholdSpec };
  /** Alarm on MaximumUsedTransactionIDs on the writer (PostgreSQL only publishes it). No default. */
  readonly transactionIdAlarm: boolean;
  /** Alarm on FreeableMemory (not for an engine that keeps all the memory it takes). No default. */
  readonly freeableMemoryAlarm: boolean;
  /** Every instance to alarm on: the primary first, then each replica. No default. */
  readonly instances: readonly WatchedInstance[];
  /** The pool the application draws from. No default. */
  readonly pool: WatchedPool;
  /** Configured allocated storage, GiB: 100 % of the free-storage alarm (see docs/components.md on autoscaling). No default. */
  readonly allocatedStorageGiB: number;
}

/**
 * The matrix alarms (p95 latency on every instance, pool usage on the proxy or the primary) and the platform ones
 * (replica lag, CPU, disk queue depth, free storage and memory as shares, transaction-ID wraparound on a
 * PostgreSQL writer), with a dashboard row drawing the same levels.
 */
export function databaseAlarms(args: DatabaseAlarmsArgs, parent: pulumi.Resource): DashboardSection {
  const opts = { parent };
  const context = args.context;
  const latency = args.thresholds.latencyP95;
  const pool = args.thresholds.poolUsage;
  const cpu = platformThreshold("rdsCpuUtilization");
  const storage = platformThreshold("rdsFreeStoragePercent");
  const memory = platformThreshold("rdsFreeableMemoryPercent");
  const lag = platformThreshold("rdsReplicaLag");
  const xids = platformThreshold("rdsMaximumUsedTransactionIds");
  const diskQueue = platformThreshold("rdsDiskQueueDepth");
  const graphs: DashboardGraph[] = [];

  if ("proxyName" in args.pool) {
    const { subject, proxyName, proxyTarget, poolSize } = args.pool;
    const proxyDimensions = { ProxyName: proxyName, TargetGroup: "default", TargetRole: "READ_WRITE" };
    new AlarmPair({ context, subject, metric: "proxyDatabaseConnectionsBorrowed", dimensions: proxyDimensions, threshold: pool, percentOf: { value: poolSize, unit: "count" }, watched: [proxyTarget] }, opts);
    graphs.push(
      { title: "Pool connections in use", metric: "proxyDatabaseConnectionsBorrowed", dimensions: proxyDimensions, threshold: pool, percentOf: { value: poolSize, unit: "count" } },
      { title: "Proxy client connections", metric: "proxyClientConnections", dimensions: { ProxyName: proxyName } },
    );
  } else {
    const [primary] = args.instances;
    const dimensions = { DBInstanceIdentifier: primary.identifier };
    const percentOf = { value: args.pool.maxConnections, unit: "count" } as const;
    new AlarmPair({ context, subject: primary.subject, metric: "rdsDatabaseConnections", dimensions, threshold: pool, percentOf, watched: [primary.resource] }, opts);
    graphs.push({ title: `Connections in use (${primary.identifier})`, metric: "rdsDatabaseConnections", dimensions, threshold: pool, percentOf });
  }

  for (const instance of args.instances) {
    const dimensions = { DBInstanceIdentifier: instance.identifier };
    const base = { context, subject: instance.subject, dimensions, watched: [instance.resource] };
    new AlarmPair({ ...base, metric: "rdsReadLatency", threshold: latency }, opts);
    new AlarmPair({ ...base, metric: "rdsWriteLatency", threshold: latency }, opts);
    new AlarmPair({ ...base, metric: "rdsCpuUtilization", threshold: cpu }, opts);
    new AlarmPair({ ...base, metric: "rdsDiskQueueDepth", threshold: diskQueue }, opts);
    new AlarmPair({ ...base, metric: "rdsFreeStorageSpace", threshold: storage, percentOf: { value: args.allocatedStorageGiB, unit: "gibibytes" } }, opts);
    if (args.freeableMemoryAlarm) new AlarmPair({ ...base, metric: "rdsFreeableMemory", threshold: memory, percentOf: { value: instance.memoryGiB, unit: "gibibytes" } }, opts);
    if (instance.replica) {
      new AlarmPair({ ...base, metric: "rdsReplicaLag", threshold: lag }, opts);
    } else if (args.transactionIdAlarm) {
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
    );
    if (instance.replica) graphs.push({ title: `Replica lag (${on})`, metric: "rdsReplicaLag", dimensions, threshold: lag });
    else if (args.transactionIdAlarm) graphs.push({ title: `Transaction IDs used (${on})`, metric: "rdsMaximumUsedTransactionIds", dimensions, threshold: xids });
  }
  return { title: args.title, graphs };
}
