import type * as k8s from "@pulumi/kubernetes";
import { disruptionBudget } from "../kubernetes/disruption-budget";
import type { NamespaceLabel } from "../kubernetes/labels";
import { ingressPolicy } from "../kubernetes/network-policy";
import { API_PORT, MINIO_NAMES, objectLabels, selectorLabels } from "./names";

export type { NamespaceLabel } from "../kubernetes/labels";

export interface IngressInput {
  /** Instance label value (the component name). No default. */
  readonly instance: string;
  /** Namespace of the MinIO objects. No default. */
  readonly namespace: string;
  /** Namespaces whose pods may call the S3 API. No default. */
  readonly clientNamespaceLabel: NamespaceLabel;
  /** Namespace of the Prometheus that scrapes the metrics endpoints (same port as the API). */
  readonly monitoringNamespace: string;
}

/**
 * Only labelled client namespaces, the monitoring namespace, the servers themselves (internode traffic uses the
 * API port) and the bucket provisioning Job reach MinIO, and only on the API port. Everything else is denied
 * once a policy selects the pods (with a CNI that enforces NetworkPolicy).
 */
export function apiIngressPolicy(input: IngressInput): k8s.networking.v1.NetworkPolicyArgs {
  const ports = [API_PORT];
  return ingressPolicy({
    name: MINIO_NAMES.networkPolicy,
    namespace: input.namespace,
    labels: objectLabels(input.instance, "server"),
    podSelector: selectorLabels(input.instance, "server"),
    flows: [
      { from: [{ namespaceLabel: input.clientNamespaceLabel }], ports },
      { from: [{ namespaceName: input.monitoringNamespace }], ports },
      { from: [{ podLabels: selectorLabels(input.instance, "server") }, { podLabels: selectorLabels(input.instance, "provisioner") }], ports },
    ],
  });
}

/** At most one server down for voluntary disruptions (drains, upgrades): the default parity survives that. */
export function serverDisruptionBudget(instance: string, namespace: string): k8s.policy.v1.PodDisruptionBudgetArgs {
  return disruptionBudget({
    name: MINIO_NAMES.disruptionBudget, namespace, labels: objectLabels(instance, "server"), selector: selectorLabels(instance, "server"), maxUnavailable: 1,
  });
}
