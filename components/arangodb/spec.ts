import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import type { RunAs } from "../kubernetes/security";
import { replicationArgs } from "./defaults";
import type { DeploymentEnvironment, DeploymentMode } from "./rules";
import { containerResources } from "../kubernetes/resources";

/** API group and version of the kube-arangodb CRDs (chart kube-arangodb 1.4.4, crds/database-deployment.yaml: v1 served and stored). */
export const ARANGODB_API_VERSION = "database.arangodb.com/v1";
export const ARANGODB_KIND = "ArangoDeployment";
/** The Pulumi type token of the custom resource. */
export const ARANGO_DEPLOYMENT_TYPE = `kubernetes:${ARANGODB_API_VERSION}:${ARANGODB_KIND}`;

/**
 * Names of what the operator and this component create for deployment `d`. The operator's: the client Service is
 * `<d>` (CreateDatabaseClientServiceName), the headless one `<d>-int`, the external one `<d>-ea` (not created:
 * externalAccess None); pods are `<d>-<sngl|agnt|prmr|crdn>-...` (kube-arangodb 1.4.4 pkg/util/k8sutil/services.go,
 * pkg/apis/deployment/v1/server_group.go, checked 2026-11-29).
 */
export function arangoNames(d: string) {
  return {
    clientService: d,
    headlessService: `${d}-int`,
    rootPasswordSecret: `${d}-root-password`,
    fiberPasswordSecret: `${d}-fiber-password`,
    provisionJobPrefix: `${d}-provision`,
    jobsPolicy: `${d}-jobs`,
    jwtSecret: `${d}-jwt`,
    encryptionKeySecret: `${d}-encryption-key`,
    backup: `${d}-backup`,
    clientsPolicy: `${d}-clients`,
    membersPolicy: `${d}-members`,
    alerts: `${d}-alerts`,
  } as const;
}

/**
 * Labels the operator puts on every pod of deployment `d` and on the pods of one role (`single`, `agent`,
 * `dbserver`, `coordinator`): `app: arangodb`, `arango_deployment: <d>`, `role: <role>` (kube-arangodb 1.4.4
 * pkg/util/k8sutil/util.go LabelsForDeployment, checked 2026-11-29).
 */
export function operatorPodLabels(d: string, role?: "single" | "agent" | "dbserver" | "coordinator"): Record<string, string> {
  return { app: "arangodb", arango_deployment: d, ...(role ? { role } : {}) };
}

/** Keys of the Secrets the operator reads (kube-arangodb 1.4.4 pkg/util/constants/constants.go). */
export const SECRET_KEYS = { username: "username", password: "password", jwt: "token", encryptionKey: "key", caCertificate: "ca.crt", caKey: "ca.key" } as const;
/** The encryption key "must have a data field named 'key' containing an encryption key that is exactly 32 bytes long" (rocksdb_spec.go). */
export const ENCRYPTION_KEY_BYTES = 32;

/**
 * The group `securityContext` the CRD allows (ServerGroupSpecSecurityContext: not a Kubernetes SecurityContext):
 * non-root, no escalation, all capabilities dropped, RuntimeDefault seccomp: the Restricted Pod Security Standard
 * (which does not require a read-only root filesystem). The root filesystem is read-only only when
 * `readOnlyRoot` says the operator runs with `--deployment.feature.ephemeral-volumes`: only then does it give
 * arangod emptyDirs for `--temp.path` and `--javascript.app-path`; otherwise arangod writes below its root
 * filesystem and a read-only one stops every member and the image-discovery pod (kube-arangodb 1.4.4
 * pkg/apis/deployment/v1/server_group_security_context_spec.go, pkg/deployment/pod/security.go,
 * pkg/deployment/features/security.go `enabledByDefault: false`, checked 2026-11-29).
 */
export function groupSecurityContext(runAs: RunAs, readOnlyRoot = false) {
  return {
    runAsNonRoot: true,
    runAsUser: runAs.user,
    runAsGroup: runAs.group,
    fsGroup: runAs.group,
    allowPrivilegeEscalation: false,
    privileged: false,
    readOnlyRootFilesystem: readOnlyRoot,
    dropAllCapabilities: true,
    seccompProfile: { type: "RuntimeDefault" as const },
  };
}

export type GroupSecurityContext = ReturnType<typeof groupSecurityContext>;

/**
 * The pod- and container-level security contexts the operator renders from a group securityContext: a TypeScript
 * reading of NewPodSecurityContext (fsGroup, supplementalGroups, seccompProfile, seLinuxOptions) and
 * NewSecurityContext (the rest; capabilities.drop ALL when dropAllCapabilities is true or absent) in
 * server_group_security_context_spec.go, for the fields this component sets. The operator applies the container
 * half to every container it creates for a member. Used by the tests and the policy pack to judge the pods the
 * operator will create against the Restricted standard.
 */
export function renderedPodSecurity(g: Partial<Record<keyof GroupSecurityContext, unknown>>): {
  pod: k8s.types.input.core.v1.PodSecurityContext; container: k8s.types.input.core.v1.SecurityContext;
} {
  const pick = <T>(v: unknown) => v as T | undefined;
  const drop = g.dropAllCapabilities === undefined || g.dropAllCapabilities === true;
  return {
    pod: { fsGroup: pick<number>(g.fsGroup), seccompProfile: pick<{ type: string }>(g.seccompProfile) },
    container: {
      allowPrivilegeEscalation: pick<boolean>(g.allowPrivilegeEscalation),
      privileged: pick<boolean>(g.privileged),
      readOnlyRootFilesystem: pick<boolean>(g.readOnlyRootFilesystem),
      runAsNonRoot: pick<boolean>(g.runAsNonRoot),
      runAsUser: pick<number>(g.runAsUser),
      runAsGroup: pick<number>(g.runAsGroup),
      seccompProfile: pick<{ type: string }>(g.seccompProfile),
      capabilities: drop ? { drop: ["ALL"] } : {},
    },
  };
}

export interface DeploymentInput {
  readonly name: string;
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly mode: DeploymentMode;
  readonly environment: DeploymentEnvironment;
  /** `registry/repository:tag@digest`. */
  readonly image: string;
  readonly agents: number;
  readonly dbServers: number;
  readonly coordinators: number;
  readonly volumeSizeGiB: number;
  readonly agentVolumeSizeGiB: number;
  readonly storageClassName: string;
  readonly cpuMillis: number;
  readonly cpuLimitMillis: number;
  readonly memoryMiB: number;
  readonly runAs: RunAs;
  readonly caSecretName: string;
  readonly jwtSecretName: string;
  readonly rootPasswordSecretName: string;
  /** Undefined: no encryption at rest. */
  readonly encryptionKeySecretName?: string;
  /** Enterprise only. */
  readonly licenseSecretName?: string;
  /** kube-prometheus-stack release the operator's ServiceMonitor is labelled for. */
  readonly prometheusRelease?: string;
  /** The operator runs with the ephemeral-volumes feature: the root filesystem may be read-only. */
  readonly readOnlyRootFilesystem: boolean;
  /** Cluster only: arangod's cluster-wide replication defaults for new databases and collections (see replicationArgs). */
  readonly replication: { readonly replicationFactor: number; readonly minReplicationFactor: number; readonly writeConcern: number };
}

/** Agents hold only the agency's small Raft store (cluster metadata): a fixed, small size whatever the data servers get. */
export const AGENT_RESOURCES = { requests: { cpu: "200m", memory: "1024Mi" }, limits: { cpu: "1000m", memory: "1024Mi" } } as const;

function claim(storageClassName: string, gib: number) {
  return { spec: { storageClassName, accessModes: ["ReadWriteOnce"], volumeMode: "Filesystem", resources: { requests: { storage: `${gib}Gi` } } } };
}

/** The `ArangoDeployment` object (a custom resource: its schema is checked in test/arangodb.test.ts against the operator's CRD schema). */
export function arangoDeployment(i: DeploymentInput): k8s.apiextensions.CustomResourceArgs & { spec: Record<string, pulumi.Input<unknown>> } {
  const group = (count: number, volumeGiB?: number, agent = false, args?: string[]) => ({
    count,
    ...(args ? { args } : {}),
    resources: agent ? AGENT_RESOURCES : containerResources(i),
    securityContext: groupSecurityContext(i.runAs, i.readOnlyRootFilesystem),
    ...(volumeGiB === undefined ? {} : { volumeClaimTemplate: claim(i.storageClassName, volumeGiB) }),
  });
  const groups = i.mode === "Single"
    ? { single: group(1, i.volumeSizeGiB) }
    : { agents: group(i.agents, i.agentVolumeSizeGiB, true), dbservers: group(i.dbServers, i.volumeSizeGiB), coordinators: group(i.coordinators, undefined, false, replicationArgs(i.replication)) };
  return {
    apiVersion: ARANGODB_API_VERSION,
    kind: ARANGODB_KIND,
    metadata: { name: i.name, namespace: i.namespace, labels: { ...i.labels } },
    spec: {
      mode: i.mode,
      environment: i.environment,
      image: i.image,
      imagePullPolicy: "IfNotPresent",
      // The default `Auto` creates a LoadBalancer Service (ArangoDeployment.V1 .spec.externalAccess.type): never.
      externalAccess: { type: "None" },
      tls: { caSecretName: i.caSecretName },
      auth: { jwtSecretName: i.jwtSecretName },
      bootstrap: { passwordSecretNames: { root: i.rootPasswordSecretName } },
      ...(i.encryptionKeySecretName ? { rocksdb: { encryption: { keySecretName: i.encryptionKeySecretName } } } : {}),
      ...(i.licenseSecretName ? { license: { secretName: i.licenseSecretName } } : {}),
      // The operator's image-discovery pod (`<name>-id-...`) runs in the same Restricted namespace: it needs the same
      // context or admission refuses it and no member ever starts (ServerIDGroupSpec, CRD `spec.id.securityContext`).
      id: { securityContext: groupSecurityContext(i.runAs, i.readOnlyRootFilesystem) },
      metrics: {
        enabled: true,
        tls: true,
        serviceMonitor: { enabled: true, ...(i.prometheusRelease ? { labels: { release: i.prometheusRelease } } : {}) },
      },
      ...groups,
    },
  };
}
