import type * as k8s from "@pulumi/kubernetes";
import { scrapeAnnotations, NODE_METRICS_PATH } from "./metrics";
import { API_PORT, type ClusterAddress, MINIO_NAMES, objectLabels, SECRET_KEYS, selectorLabels } from "./names";
import { httpProbe } from "../kubernetes/probes";
import { restrictedContainerSecurity, restrictedPodSecurity, TMP_VOLUME } from "../kubernetes/security";
import { tlsSecretVolume } from "../kubernetes/tls";
import { RUN_AS } from "./security";
import { drivePath, type ErasureLayout, serverPool } from "./topology";
import { type ContainerResources, containerResources } from "../kubernetes/resources";

export interface ServerSpecInput {
  /** Instance label value (the component name). */
  readonly instance: string;
  /** Where the servers are and whether they speak TLS. */
  readonly address: ClusterAddress;
  /** Servers, drives per server and erasure parity. */
  readonly layout: ErasureLayout;
  /** Full image reference, pinned by digest. */
  readonly image: string;
  /** Size of each drive's PersistentVolumeClaim, GiB. */
  readonly volumeSizeGiB: number;
  /** StorageClass of the drives; undefined = the cluster default. */
  readonly storageClassName?: string;
  /** CPU and memory per server. */
  readonly resources: ContainerResources;
  /** kubernetes.io/tls Secret (tls.crt, tls.key, ca.crt) when the servers speak TLS. */
  readonly tlsSecretName?: string;
  /** Keep the drives' claims when the StatefulSet is deleted. */
  readonly retainVolumes: boolean;
}

const CERTS_DIR = "/tmp/certs";

function probe(path: string, address: ClusterAddress, periodSeconds: number, failureThreshold: number): k8s.types.input.core.v1.Probe {
  return httpProbe(path, API_PORT, address.tls, { periodSeconds, failureThreshold });
}

function env(layout: ErasureLayout): k8s.types.input.core.v1.EnvVar[] {
  const fromSecret = (name: string, key: string) => ({ name, valueFrom: { secretKeyRef: { name: MINIO_NAMES.rootSecret, key } } });
  return [
    fromSecret("MINIO_ROOT_USER", SECRET_KEYS.rootUser),
    fromSecret("MINIO_ROOT_PASSWORD", SECRET_KEYS.rootPassword),
    // Administration goes through `mc`; the embedded console stays off (one listener less).
    { name: "MINIO_BROWSER", value: "off" },
    // Metrics without a bearer token; the NetworkPolicy limits who can reach the port.
    { name: "MINIO_PROMETHEUS_AUTH_TYPE", value: "public" },
    ...(layout.setSize > 1 ? [{ name: "MINIO_STORAGE_CLASS_STANDARD", value: `EC:${layout.parity}` }] : []),
  ];
}

function scheduling(input: ServerSpecInput): Pick<k8s.types.input.core.v1.PodSpec, "affinity" | "topologySpreadConstraints"> {
  const labelSelector = { matchLabels: selectorLabels(input.instance, "server") };
  return {
    // Two servers of one pool on one node would turn a node failure into a double drive-set failure.
    affinity: input.layout.servers > 1
      ? { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: "kubernetes.io/hostname", labelSelector }] } }
      : undefined,
    // Zones are preferred, not required: a cluster with fewer zones than servers must still schedule.
    topologySpreadConstraints: [{ maxSkew: 1, topologyKey: "topology.kubernetes.io/zone", whenUnsatisfiable: "ScheduleAnyway", labelSelector }],
  };
}

function volumes(input: ServerSpecInput): k8s.types.input.core.v1.Volume[] {
  return [
    { name: TMP_VOLUME.name, emptyDir: { sizeLimit: TMP_VOLUME.sizeLimit } },
    ...(input.tlsSecretName
      ? [tlsSecretVolume("certs", input.tlsSecretName, [
        { key: "tls.crt", path: "public.crt" },
        { key: "tls.key", path: "private.key" },
        { key: "ca.crt", path: "CAs/ca.crt" },
      ])]
      : []),
  ];
}

function claimTemplate(input: ServerSpecInput, index: number): k8s.types.input.core.v1.PersistentVolumeClaim {
  return {
    metadata: { name: `data${index}`, labels: objectLabels(input.instance, "server") },
    spec: {
      accessModes: ["ReadWriteOnce"],
      storageClassName: input.storageClassName,
      resources: { requests: { storage: `${input.volumeSizeGiB}Gi` } },
    },
  };
}

/** The MinIO server StatefulSet: one pod per server, one claim per drive, restricted and probed. */
export function serverStatefulSet(input: ServerSpecInput): k8s.apps.v1.StatefulSetArgs {
  const { address, layout, resources } = input;
  const drives = Array.from({ length: layout.drivesPerServer }, (_, i) => i);
  return {
    metadata: { name: MINIO_NAMES.statefulSet, namespace: address.namespace, labels: objectLabels(input.instance, "server") },
    spec: {
      serviceName: MINIO_NAMES.headlessService,
      replicas: layout.servers,
      // Distributed MinIO waits for a quorum of its peers: all pods must start together, not one by one.
      podManagementPolicy: "Parallel",
      selector: { matchLabels: selectorLabels(input.instance, "server") },
      updateStrategy: { type: "RollingUpdate" },
      persistentVolumeClaimRetentionPolicy: { whenDeleted: input.retainVolumes ? "Retain" : "Delete", whenScaled: "Retain" },
      template: {
        metadata: { labels: objectLabels(input.instance, "server"), annotations: scrapeAnnotations(NODE_METRICS_PATH, address.tls) },
        spec: {
          automountServiceAccountToken: false,
          enableServiceLinks: false,
          terminationGracePeriodSeconds: 60,
          securityContext: restrictedPodSecurity(RUN_AS),
          ...scheduling(input),
          containers: [{
            name: "minio",
            image: input.image,
            imagePullPolicy: "IfNotPresent",
            command: ["minio"],
            args: ["server", serverPool(layout, address), "--address", `:${API_PORT}`, "--certs-dir", CERTS_DIR],
            ports: [{ name: "api", containerPort: API_PORT, protocol: "TCP" }],
            env: env(layout),
            resources: containerResources(resources),
            securityContext: restrictedContainerSecurity(RUN_AS),
            // Drives and peers can take minutes to come up; liveness only starts once the server answers.
            startupProbe: probe("/minio/health/live", address, 10, 30),
            livenessProbe: probe("/minio/health/live", address, 15, 3),
            readinessProbe: probe("/minio/health/ready", address, 10, 3),
            volumeMounts: [
              ...drives.map((i) => ({ name: `data${i}`, mountPath: drivePath(i) })),
              { name: TMP_VOLUME.name, mountPath: TMP_VOLUME.mountPath },
              ...(input.tlsSecretName ? [{ name: "certs", mountPath: CERTS_DIR, readOnly: true }] : []),
            ],
          }],
          volumes: volumes(input),
        },
      },
      volumeClaimTemplates: drives.map((i) => claimTemplate(input, i)),
    },
  };
}
