import type * as k8s from "@pulumi/kubernetes";

/** The non-root identity MinIO's pods run as (the MinIO operator's default UID/GID). */
export const RUN_AS = { user: 1000, group: 1000 } as const;

/** Pod-level half of the Restricted Pod Security Standard, plus fsGroup so the volumes are writable. */
export function restrictedPodSecurity(): k8s.types.input.core.v1.PodSecurityContext {
  return {
    runAsNonRoot: true,
    runAsUser: RUN_AS.user,
    runAsGroup: RUN_AS.group,
    fsGroup: RUN_AS.group,
    // Re-chowning a large volume on every start is slow; only fix ownership when the root dir is wrong.
    fsGroupChangePolicy: "OnRootMismatch",
    seccompProfile: { type: "RuntimeDefault" },
  };
}

/** Container-level half: no privilege escalation, no capabilities, nothing writable but mounted volumes. */
export function restrictedContainerSecurity(): k8s.types.input.core.v1.SecurityContext {
  return {
    runAsNonRoot: true,
    runAsUser: RUN_AS.user,
    runAsGroup: RUN_AS.group,
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
