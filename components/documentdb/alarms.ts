import type * as pulumi from "@pulumi/pulumi";
import { type AlarmContext, AlarmPair, type DashboardGraph, type DashboardSection, platformThreshold, type ThresholdSpec } from "../alerting";
import { derivedLatencyP95 } from "../matrix";

/**
 * The matrix's 5-15 ms for MongoDB as a p95 threshold, by the matrix module's one derived-latency rule. It is laid
 * on AWS/DocDB ReadLatency/WriteLatency, which AWS defines as the average time per disk I/O operation (Monitoring
 * Amazon DocumentDB with CloudWatch), as PostgreSQL lays its figures on RDS's: a storage signal, not the latency of
 * the Fiber adapter's operations (a slow query served from the buffer cache, or one waiting on a lock or the CPU,
 * never shows in it). Operation latency needs the application's own metric (or the profiler).
 */
export function docDbLatencyThreshold(): ThresholdSpec {
  const t = derivedLatencyP95("mongodb");
  return { warning: t.warning, critical: t.critical, unit: t.unit, comparison: "above", source: t.source, percentile: "p95" };
}

/** One instance as the alarms see it. */
export interface WatchedDocDbInstance {
  /** DBInstanceIdentifier, known at preview. No default. */
  readonly identifier: string;
  /** Alarm subject, e.g. `mongodb-1`. No default. */
  readonly subject: string;
  /** The instance: its alarms wait for it. No default. */
  readonly resource: pulumi.Resource;
}

export interface DocDbAlarmsArgs {
  readonly context: AlarmContext;
  /** Dashboard row title. No default. */
  readonly title: string;
  readonly instances: readonly WatchedDocDbInstance[];
  /** Memory of the instance class, GiB: 100 % of the freeable-memory alarm. No default. */
  readonly memoryGiB: number;
  /** The class's connection limit: 100 % of the connections alarm. No default. */
  readonly maxConnections: number;
}

/**
 * Per instance: p95 of the per-minute disk I/O read and write latency (ReadLatency/WriteLatency, against the figures
 * derived from the matrix's 5-15 ms; not operation latency: see docDbLatencyThreshold), CPU, freeable memory as a share of
 * the class, connections as a share of the class's limit, and (with replicas) replica lag. Which instance is the
 * primary changes with every failover, so every instance gets every alarm; the primary publishes no
 * DBInstanceReplicaLag, which the alarm treats as missing (no state change).
 */
export function docDbAlarms(args: DocDbAlarmsArgs, parent: pulumi.Resource): DashboardSection {
  const latency = docDbLatencyThreshold();
  const cpu = platformThreshold("docdbCpuUtilization");
  const memory = platformThreshold("docdbFreeableMemoryPercent");
  const connections = platformThreshold("docdbConnectionsPercent");
  const lag = platformThreshold("docdbReplicaLag");
  const memoryOf = { value: args.memoryGiB, unit: "gibibytes" } as const;
  const connectionsOf = { value: args.maxConnections, unit: "count" } as const;
  const replicated = args.instances.length > 1;
  const graphs: DashboardGraph[] = [];
  for (const instance of args.instances) {
    const dimensions = { DBInstanceIdentifier: instance.identifier };
    const base = { context: args.context, subject: instance.subject, dimensions, watched: [instance.resource] };
    new AlarmPair({ ...base, metric: "docdbReadLatency", threshold: latency }, { parent });
    new AlarmPair({ ...base, metric: "docdbWriteLatency", threshold: latency }, { parent });
    new AlarmPair({ ...base, metric: "docdbCpuUtilization", threshold: cpu }, { parent });
    new AlarmPair({ ...base, metric: "docdbFreeableMemory", threshold: memory, percentOf: memoryOf }, { parent });
    new AlarmPair({ ...base, metric: "docdbDatabaseConnections", threshold: connections, percentOf: connectionsOf }, { parent });
    if (replicated) new AlarmPair({ ...base, metric: "docdbReplicaLag", threshold: lag }, { parent });
    const on = instance.identifier;
    graphs.push(
      { title: `Disk I/O read latency p95 (${on})`, metric: "docdbReadLatency", dimensions, threshold: latency },
      { title: `Disk I/O write latency p95 (${on})`, metric: "docdbWriteLatency", dimensions, threshold: latency },
      { title: `CPU (${on})`, metric: "docdbCpuUtilization", dimensions, threshold: cpu },
      { title: `Freeable memory (${on})`, metric: "docdbFreeableMemory", dimensions, threshold: memory, percentOf: memoryOf },
      { title: `Connections (${on})`, metric: "docdbDatabaseConnections", dimensions, threshold: connections, percentOf: connectionsOf },
    );
    if (replicated) graphs.push({ title: `Replica lag (${on})`, metric: "docdbReplicaLag", dimensions, threshold: lag });
  }
  return { title: args.title, graphs };
}
