/**
 * Server counts. JetStream in a cluster keeps its metadata and every replicated stream in Raft groups, which need a
 * majority of their peers: "you should run 3 or 5 JetStream enabled servers" and a replicated stream "R3" needs 3
 * servers (https://docs.nats.io/running-a-nats-service/configuration/clustering/jetstream_clustering, "Recommended
 * configuration"; stream replicas are at most 5: https://docs.nats.io/nats-concepts/jetstream/streams#configuration,
 * both checked 2026-11-29). Two servers form a Raft group that stops when either one is down (a majority of 2 is 2):
 * twice the failure exposure of one server for no tolerance, so 2 is refused.
 */
export const MIN_CLUSTER_NODES = 3;
/** The most servers this component runs; more is a super-cluster question, not one StatefulSet's. */
export const MAX_NODES = 9;
/** The most replicas a JetStream stream may have (docs above). */
export const MAX_STREAM_REPLICAS = 5;
/** Replicas of the KV bucket: R3 where there are 3+ servers, else 1 (the docs' recommended R3 for durability). */
export const BUCKET_REPLICAS_TARGET = 3;

/** Why `nodes` is refused, or undefined. */
export function nodesProblem(nodes: number): string | undefined {
  if (!Number.isInteger(nodes) || nodes < 1 || nodes > MAX_NODES) return `must be an integer 1..${MAX_NODES}`;
  if (nodes > 1 && nodes < MIN_CLUSTER_NODES) {
    return `must be 1 or at least ${MIN_CLUSTER_NODES}: a JetStream cluster keeps its metadata in a Raft group, and 2 servers stop when either is down (NATS docs recommend 3 or 5 JetStream servers; R3 streams need 3)`;
  }
  return undefined;
}

/** Replicas of the KV stream on `nodes` servers: min(nodes, 3). */
export function bucketReplicas(nodes: number): number {
  return Math.min(nodes, BUCKET_REPLICAS_TARGET);
}
