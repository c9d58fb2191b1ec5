import type * as k8s from "@pulumi/kubernetes";
import { API_PORT, MINIO_NAMES, objectLabels, selectorLabels } from "./names";

/** Namespaces whose pods may call the S3 API: those carrying this label (key = value). */
export interface NamespaceLabel {
  /** Label key (optional DNS-subdomain prefix and `/`, then a name), e.g. `storage.sparki.io/minio-client`. No default. */
  readonly key: string;
  /** Label value (at most 63 characters, may be empty), e.g. `true`. No default. */
  readonly value: string;
}

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
  const ports = [{ protocol: "TCP", port: API_PORT }];
  return {
    metadata: { name: MINIO_NAMES.networkPolicy, namespace: input.namespace, labels: objectLabels(input.instance, "server") },
    spec: {
      podSelector: { matchLabels: selectorLabels(input.instance, "server") },
      policyTypes: ["Ingress"],
      ingress: [
        { from: [{ namespaceSelector: { matchLabels: { [input.clientNamespaceLabel.key]: input.clientNamespaceLabel.value } } }], ports },
        { from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": input.monitoringNamespace } } }], ports },
        {
          from: [
            { podSelector: { matchLabels: selectorLabels(input.instance, "server") } },
            { podSelector: { matchLabels: selectorLabels(input.instance, "provisioner") } },
          ],
          ports,
        },
      ],
    },
  };
}

/** At most one server down for voluntary disruptions (drains, upgrades): the default parity survives that. */
export function serverDisruptionBudget(instance: string, namespace: string): k8s.policy.v1.PodDisruptionBudgetArgs {
  return {
    metadata: { name: MINIO_NAMES.disruptionBudget, namespace, labels: objectLabels(instance, "server") },
    spec: { maxUnavailable: 1, selector: { matchLabels: selectorLabels(instance, "server") } },
  };
}
