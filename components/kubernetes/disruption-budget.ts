import type * as k8s from "@pulumi/kubernetes";

export interface DisruptionBudgetInput {
  readonly name: string;
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
  /** Labels of the pods the budget covers. No default. */
  readonly selector: Readonly<Record<string, string>>;
  /** Pods that may be down at once for voluntary disruptions (drains, upgrades). No default. */
  readonly maxUnavailable: number;
}

/** A PodDisruptionBudget: drains and upgrades take at most `maxUnavailable` pods at once. */
export function disruptionBudget(input: DisruptionBudgetInput): k8s.policy.v1.PodDisruptionBudgetArgs {
  return {
    metadata: { name: input.name, namespace: input.namespace, labels: { ...input.labels } },
    spec: { maxUnavailable: input.maxUnavailable, selector: { matchLabels: { ...input.selector } } },
  };
}

/**
 * The most members of a quorum-based cluster (Raft: etcd, NATS JetStream, ArangoDB agents) that may be down at
 * once while a majority still stands: floor((n - 1) / 2) (0 for a single member).
 */
export function quorumTolerance(members: number): number {
  return Math.max(0, Math.floor((members - 1) / 2));
}
