import type * as k8s from "@pulumi/kubernetes";

/** A non-root identity a workload's pods run as. */
export interface RunAs {
  /** UID, not 0. */
  readonly user: number;
  /** GID, also the fsGroup that makes volumes writable. */
  readonly group: number;
}

/** Pod-level half of the Restricted Pod Security Standard, plus fsGroup so the volumes are writable. */
export function restrictedPodSecurity(runAs: RunAs): k8s.types.input.core.v1.PodSecurityContext {
  return {
    runAsNonRoot: true,
    runAsUser: runAs.user,
    runAsGroup: runAs.group,
    fsGroup: runAs.group,
    // Re-chowning a large volume on every start is slow; only fix ownership when the root dir is wrong.
    fsGroupChangePolicy: "OnRootMismatch",
    seccompProfile: { type: "RuntimeDefault" },
  };
}

/** Container-level half: no privilege escalation, no capabilities, nothing writable but mounted volumes. */
export function restrictedContainerSecurity(runAs: RunAs): k8s.types.input.core.v1.SecurityContext {
  return {
    runAsNonRoot: true,
    runAsUser: runAs.user,
    runAsGroup: runAs.group,
    privileged: false,
    allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: true,
    capabilities: { drop: ["ALL"] },
    seccompProfile: { type: "RuntimeDefault" },
  };
}

/** The writable scratch space a read-only root filesystem needs. */
export const TMP_VOLUME = { name: "tmp", mountPath: "/tmp", sizeLimit: "1Gi" } as const;

/** Labels that make the API server enforce the Restricted standard on the whole namespace. */
export const RESTRICTED_NAMESPACE_LABELS: Readonly<Record<string, string>> = {
  "pod-security.kubernetes.io/enforce": "restricted",
  "pod-security.kubernetes.io/enforce-version": "latest",
  "pod-security.kubernetes.io/audit": "restricted",
  "pod-security.kubernetes.io/warn": "restricted",
};

/** A namespace with the Restricted Pod Security Standard enforced by the API server. */
export function restrictedNamespace(name: string, labels: Readonly<Record<string, string>>): k8s.core.v1.NamespaceArgs {
  return { metadata: { name, labels: { ...labels, ...RESTRICTED_NAMESPACE_LABELS } } };
}
