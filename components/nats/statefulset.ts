import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import { httpProbe, type ProbeTiming } from "../kubernetes/probes";
import { type RunAs, restrictedContainerSecurity, restrictedPodSecurity, TMP_VOLUME } from "../kubernetes/security";
import { tlsSecretVolume } from "../kubernetes/tls";
import { CONFIG_KEY, NATS_NAMES, NATS_PORTS, type NatsAddress, objectLabels, podHost, selectorLabels } from "./names";
import { GOMEMLIMIT_SHARE, NATS_PATHS } from "./config";
import { type ContainerResources, containerResources } from "../kubernetes/resources";

/**
 * The identity of every NATS pod. The official image sets no USER (nats-io/nats-docker Dockerfiles, checked
 * 2026-11-29); nats-box and the exporter need no particular one either, so all run as this non-root UID/GID and
 * the volumes are made writable through fsGroup.
 */
export const NATS_RUN_AS: RunAs = { user: 1000, group: 1000 };

/**
 * Health on the monitoring port (https://docs.nats.io/running-a-nats-service/nats_admin/monitoring#health,
 * nats-server server/monitor.go HandleHealthz, checked 2026-11-29), as the NATS Helm chart probes it:
 * - startup: `/healthz` (JetStream recovered and current with its peers; a replay of a large store takes minutes),
 * - liveness: `/healthz?js-enabled-only=true` (the server runs with JetStream on; not whether peers are current,
 *   so a cluster that lost quorum is not restarted in a loop),
 * - readiness: `/healthz?js-server-only=true` (this server's JetStream is healthy, not every stream of it).
 */
export const HEALTH_PATHS = {
  startup: "/healthz",
  liveness: "/healthz?js-enabled-only=true",
  readiness: "/healthz?js-server-only=true",
} as const;

export interface ServerSpecInput {
  readonly instance: string;
  readonly address: NatsAddress;
  readonly nodes: number;
  /** Server image reference, pinned by digest. */
  readonly image: string;
  /** Exporter image reference, pinned by digest. */
  readonly exporterImage: string;
  readonly volumeSizeGiB: number;
  readonly storageClassName: string;
  readonly resources: ContainerResources;
  readonly tlsSecretName: string;
  /** Keep the volumes' claims when the StatefulSet is deleted. */
  readonly retainVolumes: boolean;
  /** Hash of the configuration: a changed configuration rolls the pods (the Secret's content is not in the pod spec). */
  readonly configHash: pulumi.Input<string>;
}

const probe = (path: string) => (t: ProbeTiming) => httpProbe(path, NATS_PORTS.monitoring, false, t);

function scheduling(input: ServerSpecInput): Pick<k8s.types.input.core.v1.PodSpec, "affinity" | "topologySpreadConstraints"> {
  const labelSelector = { matchLabels: selectorLabels(input.instance, "server") };
  return {
    // Two members of one Raft group on one node would turn a node failure into a quorum loss.
    affinity: input.nodes > 1
      ? { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: "kubernetes.io/hostname", labelSelector }] } }
      : undefined,
    // Zones preferred, not required: a cluster with fewer zones than servers must still schedule.
    topologySpreadConstraints: [{ maxSkew: 1, topologyKey: "topology.kubernetes.io/zone", whenUnsatisfiable: "ScheduleAnyway", labelSelector }],
  };
}

function serverArgs(input: ServerSpecInput): string[] {
  const own = `$(POD_NAME).${NATS_NAMES.headlessService}.${input.address.namespace}.svc.${input.address.clusterDomain}`;
  return [
    "--config", `${NATS_PATHS.configDir}/${CONFIG_KEY}`,
    // Kubernetes expands $(POD_NAME) in args: every server gets its pod's stable name.
    "--server_name", "$(POD_NAME)",
    ...(input.nodes > 1 ? ["--cluster_advertise", `${own}:${NATS_PORTS.cluster}`] : []),
  ];
}

/** The NATS StatefulSet: one server (and its exporter sidecar) per pod, one JetStream volume per server. */
export function serverStatefulSet(input: ServerSpecInput): k8s.apps.v1.StatefulSetArgs {
  const { resources } = input;
  const security = restrictedContainerSecurity(NATS_RUN_AS);
  const goMemLimit = Math.floor(resources.memoryMiB * GOMEMLIMIT_SHARE);
  return {
    metadata: { name: NATS_NAMES.statefulSet, namespace: input.address.namespace, labels: objectLabels(input.instance, "server") },
    spec: {
      serviceName: NATS_NAMES.headlessService,
      replicas: input.nodes,
      // Routes find each other by DNS; all members start together so a fresh cluster forms its meta group at once.
      podManagementPolicy: "Parallel",
      selector: { matchLabels: selectorLabels(input.instance, "server") },
      updateStrategy: { type: "RollingUpdate" },
      persistentVolumeClaimRetentionPolicy: { whenDeleted: input.retainVolumes ? "Retain" : "Delete", whenScaled: "Retain" },
      template: {
        metadata: { labels: objectLabels(input.instance, "server"), annotations: { "storage.sparki.io/config-hash": input.configHash } },
        spec: {
          automountServiceAccountToken: false,
          enableServiceLinks: false,
          // Lame duck (30 s) plus its grace period and the exit: a stopping server hands its leaderships over first.
          terminationGracePeriodSeconds: 60,
          securityContext: restrictedPodSecurity(NATS_RUN_AS),
          ...scheduling(input),
          containers: [
            {
              name: "nats",
              image: input.image,
              imagePullPolicy: "IfNotPresent",
              command: ["nats-server"],
              args: serverArgs(input),
              env: [
                { name: "POD_NAME", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } },
                { name: "GOMEMLIMIT", value: `${goMemLimit}MiB` },
              ],
              ports: [
                { name: "client", containerPort: NATS_PORTS.client, protocol: "TCP" },
                { name: "cluster", containerPort: NATS_PORTS.cluster, protocol: "TCP" },
                { name: "monitor", containerPort: NATS_PORTS.monitoring, protocol: "TCP" },
              ],
              resources: containerResources(resources),
              securityContext: security,
              startupProbe: probe(HEALTH_PATHS.startup)({ periodSeconds: 10, failureThreshold: 90 }),
              livenessProbe: probe(HEALTH_PATHS.liveness)({ periodSeconds: 30, failureThreshold: 3 }),
              readinessProbe: probe(HEALTH_PATHS.readiness)({ periodSeconds: 10, failureThreshold: 3 }),
              // Lame-duck mode on stop (https://docs.nats.io/running-a-nats-service/nats_admin/lame_duck_mode): the
              // server stops accepting clients, hands over its Raft leaderships, then exits.
              lifecycle: { preStop: { exec: { command: ["nats-server", "--signal", `ldm=${NATS_PATHS.pidFile}`] } } },
              volumeMounts: [
                { name: "data", mountPath: NATS_PATHS.dataDir },
                { name: "config", mountPath: NATS_PATHS.configDir, readOnly: true },
                { name: "certs", mountPath: NATS_PATHS.certsDir, readOnly: true },
                { name: TMP_VOLUME.name, mountPath: TMP_VOLUME.mountPath },
              ],
            },
            {
              name: "exporter",
              image: input.exporterImage,
              imagePullPolicy: "IfNotPresent",
              args: [
                "-port", String(NATS_PORTS.exporter),
                "-varz", "-routez", "-healthz", "-jsz=all", "-use_internal_server_name",
                `http://localhost:${NATS_PORTS.monitoring}`,
              ],
              ports: [{ name: "metrics", containerPort: NATS_PORTS.exporter, protocol: "TCP" }],
              resources: { requests: { cpu: "10m", memory: "32Mi" }, limits: { cpu: "200m", memory: "128Mi" } },
              securityContext: security,
              livenessProbe: httpProbe("/metrics", NATS_PORTS.exporter, false, { periodSeconds: 30, failureThreshold: 3 }),
              volumeMounts: [{ name: TMP_VOLUME.name, mountPath: TMP_VOLUME.mountPath }],
            },
          ],
          volumes: [
            { name: TMP_VOLUME.name, emptyDir: { sizeLimit: TMP_VOLUME.sizeLimit } },
            { name: "config", secret: { secretName: NATS_NAMES.configSecret, defaultMode: 0o440 } },
            tlsSecretVolume("certs", input.tlsSecretName),
          ],
        },
      },
      volumeClaimTemplates: [{
        metadata: { name: "data", labels: objectLabels(input.instance, "server") },
        spec: {
          accessModes: ["ReadWriteOnce"],
          storageClassName: input.storageClassName,
          resources: { requests: { storage: `${input.volumeSizeGiB}Gi` } },
        },
      }],
    },
  };
}

/** Every pod's stable DNS name (for the docs and tests). */
export function serverHosts(address: NatsAddress, nodes: number): string[] {
  return Array.from({ length: nodes }, (_, i) => podHost(address, i));
}
