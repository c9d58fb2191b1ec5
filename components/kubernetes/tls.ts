import type * as k8s from "@pulumi/kubernetes";

/** Keys of a `kubernetes.io/tls` Secret as cert-manager issues it (`ca.crt` is the issuing CA). */
export const TLS_SECRET_KEYS = { certificate: "tls.crt", privateKey: "tls.key", ca: "ca.crt" } as const;

/**
 * A read-only volume of a TLS Secret. `items` renames keys to the file names a server expects (MinIO wants
 * `public.crt`); without it the Secret's keys are the file names. Mode 0440: readable by the pod's fsGroup only.
 */
export function tlsSecretVolume(volumeName: string, secretName: string, items?: readonly { readonly key: string; readonly path: string }[]): k8s.types.input.core.v1.Volume {
  return { name: volumeName, secret: { secretName, defaultMode: 0o440, ...(items ? { items: items.map((i) => ({ ...i })) } : {}) } };
}

/**
 * DNS names a server certificate must cover for a workload reached through a client Service and, for peers, the
 * pods of a headless Service (`<pod>.<headless>.<ns>.svc.<domain>`).
 */
export function serviceDnsNames(service: string, namespace: string, clusterDomain: string, headlessService?: string): string[] {
  return [
    `${service}.${namespace}.svc`,
    `${service}.${namespace}.svc.${clusterDomain}`,
    ...(headlessService ? [`*.${headlessService}.${namespace}.svc.${clusterDomain}`] : []),
  ];
}
