import type * as pulumi from "@pulumi/pulumi";
import { AlarmPair, type AlarmContext, type DashboardSection, platformThreshold, type ThresholdSpec } from "../alerting";

/** Levels of the namespace's alarms: platform thresholds (the matrix row "Distributed Cache, edge caching" gives no figures). */
export function cloudflareKvThresholds(): Readonly<Record<"latency" | "errors", ThresholdSpec>> {
  return {
    // The p95 of the application's own timings: percentiles are what a cache's callers feel.
    latency: { ...platformThreshold("cloudflareKvLatency"), percentile: "p95" },
    errors: platformThreshold("cloudflareKvErrors"),
  };
}

export interface CloudflareKvAlarmArgs {
  readonly context: AlarmContext;
  /** The namespace ID (the metrics' NamespaceId dimension). */
  readonly namespaceId: pulumi.Input<string>;
  /** The namespace: the alarms are created once it exists. */
  readonly namespace: pulumi.Resource;
}

/** p95 latency and errors of the application's calls, from the custom metrics (components/cloudflarekv/metrics.ts). */
export function cloudflareKvAlarms(args: CloudflareKvAlarmArgs, parent: pulumi.Resource): AlarmPair<"cloudflareKvOperationLatency" | "cloudflareKvOperationErrors">[] {
  const t = cloudflareKvThresholds();
  const dimensions = { NamespaceId: args.namespaceId };
  const watched = [args.namespace];
  return [
    new AlarmPair({ context: args.context, subject: "cloudflarekv", metric: "cloudflareKvOperationLatency", dimensions, threshold: t.latency, watched }, { parent }),
    new AlarmPair({ context: args.context, subject: "cloudflarekv", metric: "cloudflareKvOperationErrors", dimensions, threshold: t.errors, watched }, { parent }),
  ];
}

/** The namespace's dashboard row. */
export function cloudflareKvDashboard(title: string, namespaceId: pulumi.Input<string>): DashboardSection {
  const t = cloudflareKvThresholds();
  return {
    title: `Cloudflare Workers KV ${title} (Fiber storage/cloudflarekv, application-published)`,
    graphs: [
      { title: "Call latency (p95 drawn against the levels)", metric: "cloudflareKvOperationLatency", dimensions: { NamespaceId: namespaceId }, threshold: t.latency },
      { title: "Failed calls", metric: "cloudflareKvOperationErrors", dimensions: { NamespaceId: namespaceId }, threshold: t.errors },
    ],
  };
}
