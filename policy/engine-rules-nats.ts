import * as k8s from "@pulumi/kubernetes";
import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { isNatsServer, kvAdds, kvReplicaProblems, NATS_REPLICAS_SOURCE, type ContainerShape } from "../components/nats/engine";
import { engineRule } from "./lib/controls";
import { read } from "./lib/values";

/**
 * What JetStream refuses when the bucket Job creates the KV stream (components/nats/engine.ts holds the checks and
 * their sources). The API server accepts the Job; its pod then fails every retry, and Pulumi waits for a Job that
 * never completes. Part of ENGINE_RULE_POLICIES.
 */

const CHECKED = "2026-11-29";

interface Workload { metadata?: { namespace?: string }; spec?: { replicas?: number; template?: { spec?: { containers?: ContainerShape[] } } } }

/** The known plain form of a workload's namespace, replicas and containers; undefined while any part is unknown. */
function shape(r: PolicyResource): { namespace?: string; replicas: number; containers: ContainerShape[] } | undefined {
  const known = read(() => JSON.parse(JSON.stringify({
    namespace: (r.props as Workload).metadata?.namespace, replicas: (r.props as Workload).spec?.replicas ?? 1,
    containers: (r.props as Workload).spec?.template?.spec?.containers ?? [],
  })) as { namespace?: string; replicas: number; containers: ContainerShape[] });
  return known.known ? known.value : undefined;
}

export const natsKvReplicas: StackValidationPolicy = {
  name: "engine-nats-kv-replicas",
  ...engineRule(NATS_REPLICAS_SOURCE, CHECKED,
    "A Job's `nats kv add --replicas=N` asks for no more replicas than 5 and than the NATS StatefulSet of its namespace has servers (1 without a cluster).",
    "Keep the bucket's replicas at min(nodes, 3) as components/nats does (kvBucketSpec), or add servers first.",
    "https://docs.nats.io/running-a-nats-service/configuration/clustering/jetstream_clustering"),
  validateStack: (args, report) => {
    const servers = args.resources.filter((r) => r.isType(k8s.apps.v1.StatefulSet)).map(shape)
      .filter((s): s is NonNullable<typeof s> => s !== undefined && s.containers.some(isNatsServer));
    const jobs = args.resources.filter((r) => r.isType(k8s.batch.v1.Job));
    if (jobs.length === 0 || servers.length === 0) {
      args.notApplicable("no NATS server StatefulSet and bucket Job");
      return;
    }
    for (const job of jobs) {
      const j = shape(job);
      if (j === undefined) continue;
      const set = servers.find((s) => s.namespace === j.namespace);
      if (set === undefined) continue;
      const found = j.containers.flatMap((c) => [...(c.command ?? []), ...(c.args ?? [])]).flatMap(kvAdds)
        .flatMap((add) => kvReplicaProblems(add.bucket, add.replicas, set.replicas));
      if (found.length > 0) report(`Job ${job.name}: ${found.join("; ")}.`);
    }
  },
};

export const NATS_ENGINE_RULES = [natsKvReplicas];
