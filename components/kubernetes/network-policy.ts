import type * as k8s from "@pulumi/kubernetes";
import type { NamespaceLabel } from "./labels";

/** Who a declared flow admits: labelled namespaces, one namespace by name, or pods of this namespace by labels. */
export type FlowSource =
  | { readonly namespaceLabel: NamespaceLabel }
  | { readonly namespaceName: string }
  | { readonly podLabels: Readonly<Record<string, string>> };

/** One admitted flow: sources and the TCP ports they may reach. */
export interface IngressFlow {
  /** Sources admitted (any of them). No default; at least one. */
  readonly from: readonly FlowSource[];
  /** TCP ports they may reach on the selected pods. No default; at least one. */
  readonly ports: readonly number[];
}

export interface IngressPolicyInput {
  /** NetworkPolicy name. No default. */
  readonly name: string;
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
  /** Labels of the pods the policy isolates. No default. */
  readonly podSelector: Readonly<Record<string, string>>;
  /** Every flow admitted; everything else is denied. No default. */
  readonly flows: readonly IngressFlow[];
}

function peer(source: FlowSource): k8s.types.input.networking.v1.NetworkPolicyPeer {
  if ("namespaceLabel" in source) return { namespaceSelector: { matchLabels: { [source.namespaceLabel.key]: source.namespaceLabel.value } } };
  if ("namespaceName" in source) return { namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": source.namespaceName } } };
  return { podSelector: { matchLabels: { ...source.podLabels } } };
}

/**
 * An empty list in a NetworkPolicy rule means "all", not "none": `from: []` admits every source, `ports: []` every
 * port, and an empty pod selector every pod of the namespace
 * (https://kubernetes.io/docs/concepts/services-networking/network-policies/#behavior-of-to-and-from-selectors).
 * A declared flow must therefore name what it admits.
 */
export function ingressPolicyProblems(input: IngressPolicyInput): string[] {
  return [
    ...(Object.keys(input.podSelector).length === 0 ? ["podSelector must not be empty (it selects every pod of the namespace)"] : []),
    ...input.flows.flatMap((flow, i) => [
      ...(flow.from.length === 0 ? [`flow ${i}: from must name at least one source (an empty list admits every source)`] : []),
      ...(flow.ports.length === 0 ? [`flow ${i}: ports must name at least one port (an empty list admits every port)`] : []),
      ...flow.from.filter((f) => "podLabels" in f && Object.keys(f.podLabels).length === 0)
        .map(() => `flow ${i}: podLabels must not be empty (it selects every pod of the namespace)`),
      ...flow.ports.filter((p) => !Number.isInteger(p) || p < 1 || p > 65_535).map((p) => `flow ${i}: port ${p} must be an integer 1..65535`),
    ]),
  ];
}

/**
 * Default deny for the selected pods' ingress plus the declared flows: once a policy selects a pod, only what a
 * rule admits reaches it (with a CNI that enforces NetworkPolicy,
 * https://kubernetes.io/docs/concepts/services-networking/network-policies/#the-two-sorts-of-pod-isolation).
 */
export function ingressPolicy(input: IngressPolicyInput): k8s.networking.v1.NetworkPolicyArgs {
  const problems = ingressPolicyProblems(input);
  if (problems.length > 0) throw new Error(`NetworkPolicy ${input.name}: ${problems.join("; ")}`);
  return {
    metadata: { name: input.name, namespace: input.namespace, labels: { ...input.labels } },
    spec: {
      podSelector: { matchLabels: { ...input.podSelector } },
      policyTypes: ["Ingress"],
      ingress: input.flows.map((flow) => ({
        from: flow.from.map(peer),
        ports: flow.ports.map((port) => ({ protocol: "TCP", port })),
      })),
    },
  };
}
