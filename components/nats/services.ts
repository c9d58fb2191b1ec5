import type * as k8s from "@pulumi/kubernetes";
import { disruptionBudget, quorumTolerance } from "../kubernetes/disruption-budget";
import type { NamespaceLabel } from "../kubernetes/labels";
import { ingressPolicy } from "../kubernetes/network-policy";
import { NATS_NAMES, NATS_PORTS, objectLabels, selectorLabels } from "./names";

/**
 * The headless Service behind the pods' stable DNS names (`nats-<i>.nats-headless.<ns>.svc.<domain>`), which the
 * route URLs use. Not-ready pods are published too: a fresh cluster's members must find each other before any of
 * them is ready (readiness waits for JetStream, which waits for the routes).
 */
export function headlessService(instance: string, namespace: string): k8s.core.v1.ServiceArgs {
  return {
    metadata: { name: NATS_NAMES.headlessService, namespace, labels: objectLabels(instance, "server") },
    spec: {
      clusterIP: "None",
      publishNotReadyAddresses: true,
      selector: selectorLabels(instance, "server"),
      ports: [
        { name: "client", port: NATS_PORTS.client, targetPort: "client", protocol: "TCP" },
        { name: "cluster", port: NATS_PORTS.cluster, targetPort: "cluster", protocol: "TCP" },
      ],
    },
  };
}

/** The client Service: the only address the Fiber adapter is given (TLS on 4222). */
export function clientService(instance: string, namespace: string): k8s.core.v1.ServiceArgs {
  return {
    metadata: { name: NATS_NAMES.clientService, namespace, labels: objectLabels(instance, "server") },
    spec: {
      type: "ClusterIP",
      selector: selectorLabels(instance, "server"),
      ports: [{ name: "client", port: NATS_PORTS.client, targetPort: "client", protocol: "TCP" }],
    },
  };
}

export interface NatsIngressInput {
  readonly instance: string;
  readonly namespace: string;
  /** Namespaces whose pods may connect as clients. */
  readonly clientNamespaceLabel: NamespaceLabel;
  /** Namespace of the Prometheus that scrapes the exporter. */
  readonly monitoringNamespace: string;
}

/**
 * Default deny plus: labelled client namespaces, the bucket Job and the backup's dump on the client port; the
 * members themselves on the route port; the monitoring namespace on the exporter's port. The monitoring port
 * (8222) admits nobody: the exporter reads it over the pod's loopback and the kubelet's probes come from the node,
 * neither of which NetworkPolicy can block ("Pods cannot currently block localhost access, nor do they have the
 * ability to block access from their resident node",
 * https://kubernetes.io/docs/concepts/services-networking/network-policies/#what-you-can-t-do-with-network-policies-at-least-not-yet,
 * checked 2026-11-29).
 */
export function natsIngressPolicy(input: NatsIngressInput): k8s.networking.v1.NetworkPolicyArgs {
  const members = { podLabels: selectorLabels(input.instance, "server") };
  return ingressPolicy({
    name: NATS_NAMES.networkPolicy,
    namespace: input.namespace,
    labels: objectLabels(input.instance, "server"),
    podSelector: selectorLabels(input.instance, "server"),
    flows: [
      {
        from: [
          { namespaceLabel: input.clientNamespaceLabel },
          { podLabels: selectorLabels(input.instance, "provisioner") },
          { podLabels: selectorLabels(input.instance, "backup") },
        ],
        ports: [NATS_PORTS.client],
      },
      { from: [members], ports: [NATS_PORTS.cluster] },
      { from: [{ namespaceName: input.monitoringNamespace }], ports: [NATS_PORTS.exporter] },
    ],
  });
}

/** Drains and upgrades take at most floor((n-1)/2) servers at once: the meta group and every R3 stream keep a majority. */
export function serverDisruptionBudget(instance: string, namespace: string, nodes: number): k8s.policy.v1.PodDisruptionBudgetArgs {
  return disruptionBudget({
    name: NATS_NAMES.disruptionBudget, namespace, labels: objectLabels(instance, "server"),
    selector: selectorLabels(instance, "server"), maxUnavailable: quorumTolerance(nodes),
  });
}
