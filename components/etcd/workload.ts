import type * as k8s from "@pulumi/kubernetes";
import { disruptionBudget, quorumTolerance } from "../kubernetes/disruption-budget";
import type { NamespaceLabel } from "../kubernetes/labels";
import { ingressPolicy } from "../kubernetes/network-policy";
import { httpProbe, serverProbes } from "../kubernetes/probes";
import { restrictedContainerSecurity, restrictedPodSecurity, TMP_VOLUME } from "../kubernetes/security";
import { TLS_SECRET_KEYS, tlsSecretVolume } from "../kubernetes/tls";
import { RUN_AS } from "./defaults";
import {
  clientEndpoint, type EtcdAddress, ETCD_NAMES, initialCluster, memberHost, memberHosts, objectLabels, PORTS, SECRET_KEYS, selectorLabels,
} from "./names";
import { AUTO_COMPACTION } from "./sizing";
import { containerResources } from "../kubernetes/resources";

/** Where the TLS Secret is mounted: read-only, at its own top-level path (no directory the runtime creates inside a writable volume). */
export const TLS_DIR = "/etcd-tls";
/** The data volume's mount; etcd creates its data directory inside it, mode 0700, as the pod's user. */
export const DATA_MOUNT = "/var/lib/etcd";
export const DATA_DIR = `${DATA_MOUNT}/data`;
/** etcdctl and etcd live here in the official image (its Dockerfile ADDs them to /usr/local/bin). */
export const ETCDCTL = "/usr/local/bin/etcdctl";

export const tlsFiles = {
  certificate: `${TLS_DIR}/${TLS_SECRET_KEYS.certificate}`,
  privateKey: `${TLS_DIR}/${TLS_SECRET_KEYS.privateKey}`,
  ca: `${TLS_DIR}/${TLS_SECRET_KEYS.ca}`,
} as const;

export interface MemberSpecInput {
  /** Instance label value (the component name). */
  readonly instance: string;
  readonly address: EtcdAddress;
  readonly members: number;
  /** Image reference pinned by digest. */
  readonly image: string;
  readonly volumeSizeGiB: number;
  readonly storageClassName: string;
  readonly quotaBackendBytes: number;
  readonly cpuMillis: number;
  readonly cpuLimitMillis: number;
  readonly memoryMiB: number;
  readonly tlsSecretName: string;
  /** Keep the volumes' claims when the StatefulSet is deleted. */
  readonly retainVolumes: boolean;
}

/**
 * The server's flags (etcd v3.6 names, `etcd --help`, server/etcdmain/help.go, checked 2026-11-29). Peers and
 * clients both speak TLS and must present a certificate signed by the Secret's CA (`--peer-client-cert-auth`,
 * `--client-cert-auth`), peers one valid for a member's name (`--peer-cert-allowed-hostname`); the metrics listener is plain HTTP on its own port so the kubelet and Prometheus need no
 * client certificate: it serves /metrics, /health, /livez and /readyz (server/embed/etcd.go serveMetrics calls
 * HandleMetrics and HandleHealth, v3.6.6). Members find each other by the stable names of the headless Service
 * (static bootstrap): the flags `--initial-*` only matter on the first start, a member with a data directory
 * ignores them.
 */
export function serverArgs(input: MemberSpecInput): string[] {
  const self = `$(POD_NAME).${ETCD_NAMES.peerService}.${input.address.namespace}.svc.${input.address.clusterDomain}`;
  return [
    "--name=$(POD_NAME)",
    `--data-dir=${DATA_DIR}`,
    `--listen-client-urls=https://0.0.0.0:${PORTS.client}`,
    `--advertise-client-urls=https://${self}:${PORTS.client}`,
    `--listen-peer-urls=https://0.0.0.0:${PORTS.peer}`,
    `--initial-advertise-peer-urls=https://${self}:${PORTS.peer}`,
    `--initial-cluster=${initialCluster(input.address, input.members)}`,
    "--initial-cluster-state=new",
    `--initial-cluster-token=${input.instance}`,
    `--listen-metrics-urls=http://0.0.0.0:${PORTS.metrics}`,
    `--cert-file=${tlsFiles.certificate}`,
    `--key-file=${tlsFiles.privateKey}`,
    `--trusted-ca-file=${tlsFiles.ca}`,
    "--client-cert-auth=true",
    `--peer-cert-file=${tlsFiles.certificate}`,
    `--peer-key-file=${tlsFiles.privateKey}`,
    `--peer-trusted-ca-file=${tlsFiles.ca}`,
    "--peer-client-cert-auth=true",
    // The peer port trusts only certificates valid for a member's own name, not everything the CA signs (the
    // application's client certificates included): a comma-separated list in v3.6, each checked with
    // x509 VerifyHostname, which the `*.etcd-peers...` wildcard name satisfies (server/embed/config.go
    // "peer-cert-allowed-hostname", client/pkg/transport/listener.go AllowedHostnames, v3.6.6, checked 2026-11-29).
    `--peer-cert-allowed-hostname=${memberHosts(input.address, input.members).join(",")}`,
    `--quota-backend-bytes=${input.quotaBackendBytes}`,
    `--auto-compaction-mode=${AUTO_COMPACTION.mode}`,
    `--auto-compaction-retention=${AUTO_COMPACTION.retention}`,
  ];
}

function scheduling(input: MemberSpecInput): Pick<k8s.types.input.core.v1.PodSpec, "affinity" | "topologySpreadConstraints"> {
  const labelSelector = { matchLabels: selectorLabels(input.instance, "server") };
  return {
    // Two members on one node turn a node failure into the loss of two votes (with 3 members: of quorum).
    affinity: input.members > 1
      ? { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: "kubernetes.io/hostname", labelSelector }] } }
      : undefined,
    // Zones are preferred, not required: a cluster with fewer zones than members must still schedule.
    topologySpreadConstraints: [{ maxSkew: 1, topologyKey: "topology.kubernetes.io/zone", whenUnsatisfiable: "ScheduleAnyway", labelSelector }],
  };
}

/** The member StatefulSet: one pod and one volume per member, restricted, probed on the metrics listener. */
export function memberStatefulSet(input: MemberSpecInput): k8s.apps.v1.StatefulSetArgs {
  const labels = objectLabels(input.instance, "server");
  const probe = (path: string) => (t: Parameters<typeof httpProbe>[3]) => httpProbe(path, PORTS.metrics, false, t);
  return {
    metadata: { name: ETCD_NAMES.statefulSet, namespace: input.address.namespace, labels },
    spec: {
      serviceName: ETCD_NAMES.peerService,
      replicas: input.members,
      // A new cluster has no leader until a majority is up: with OrderedReady, member 0 would wait for a
      // readiness it cannot reach alone.
      podManagementPolicy: "Parallel",
      selector: { matchLabels: selectorLabels(input.instance, "server") },
      updateStrategy: { type: "RollingUpdate" },
      persistentVolumeClaimRetentionPolicy: { whenDeleted: input.retainVolumes ? "Retain" : "Delete", whenScaled: "Retain" },
      template: {
        metadata: { labels },
        spec: {
          automountServiceAccountToken: false,
          enableServiceLinks: false,
          terminationGracePeriodSeconds: 60,
          securityContext: restrictedPodSecurity(RUN_AS),
          ...scheduling(input),
          containers: [{
            name: "etcd",
            image: input.image,
            imagePullPolicy: "IfNotPresent",
            command: ["/usr/local/bin/etcd"],
            args: serverArgs(input),
            env: [{ name: "POD_NAME", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } }],
            ports: [
              { name: "client", containerPort: PORTS.client, protocol: "TCP" },
              { name: "peer", containerPort: PORTS.peer, protocol: "TCP" },
              { name: "metrics", containerPort: PORTS.metrics, protocol: "TCP" },
            ],
            resources: containerResources(input),
            securityContext: restrictedContainerSecurity(RUN_AS),
            // /livez: the process serves (no leader needed); /readyz: it has a leader and serves reads.
            ...serverProbes(probe("/livez"), probe("/readyz")),
            volumeMounts: [
              { name: "data", mountPath: DATA_MOUNT },
              { name: TMP_VOLUME.name, mountPath: TMP_VOLUME.mountPath },
              { name: "tls", mountPath: TLS_DIR, readOnly: true },
            ],
          }],
          volumes: [
            { name: TMP_VOLUME.name, emptyDir: { sizeLimit: TMP_VOLUME.sizeLimit } },
            tlsSecretVolume("tls", input.tlsSecretName),
          ],
        },
      },
      volumeClaimTemplates: [{
        metadata: { name: "data", labels },
        spec: { accessModes: ["ReadWriteOnce"], storageClassName: input.storageClassName, resources: { requests: { storage: `${input.volumeSizeGiB}Gi` } } },
      }],
    },
  };
}

/**
 * Headless Service of the members' stable names (`etcd-<i>.etcd-peers...`), which `--initial-cluster` lists.
 * Not-ready members are published: peers must resolve each other before any has a leader. Peers also check a
 * client certificate's DNS names against the caller's reverse lookup (client/pkg/transport/listener_tls.go,
 * isHostInDNS), which CoreDNS answers with these names.
 */
export function peerService(instance: string, address: EtcdAddress): k8s.core.v1.ServiceArgs {
  return {
    metadata: { name: ETCD_NAMES.peerService, namespace: address.namespace, labels: objectLabels(instance, "server") },
    spec: {
      clusterIP: "None",
      publishNotReadyAddresses: true,
      selector: selectorLabels(instance, "server"),
      ports: [
        { name: "client", port: PORTS.client, targetPort: "client", protocol: "TCP" },
        { name: "peer", port: PORTS.peer, targetPort: "peer", protocol: "TCP" },
      ],
    },
  };
}

/** ClusterIP Service clients use (the Fiber endpoint); only ready members. */
export function clientService(instance: string, address: EtcdAddress): k8s.core.v1.ServiceArgs {
  return {
    metadata: { name: ETCD_NAMES.clientService, namespace: address.namespace, labels: objectLabels(instance, "server") },
    spec: { type: "ClusterIP", selector: selectorLabels(instance, "server"), ports: [{ name: "client", port: PORTS.client, targetPort: "client", protocol: "TCP" }] },
  };
}

export interface IngressInput {
  readonly instance: string;
  readonly namespace: string;
  readonly clientNamespaceLabel: NamespaceLabel;
  readonly monitoringNamespace: string;
}

/**
 * Labelled client namespaces and this component's own Jobs reach the client port, only members reach the peer
 * port, and only the monitoring namespace the metrics port; everything else is denied.
 */
export function memberIngressPolicy(input: IngressInput): k8s.networking.v1.NetworkPolicyArgs {
  const pods = (role: Parameters<typeof selectorLabels>[1]) => ({ podLabels: selectorLabels(input.instance, role) });
  return ingressPolicy({
    name: ETCD_NAMES.networkPolicy,
    namespace: input.namespace,
    labels: objectLabels(input.instance, "server"),
    podSelector: selectorLabels(input.instance, "server"),
    flows: [
      { from: [{ namespaceLabel: input.clientNamespaceLabel }], ports: [PORTS.client] },
      { from: [pods("server"), pods("provisioner"), pods("backup"), pods("maintenance")], ports: [PORTS.client] },
      { from: [pods("server")], ports: [PORTS.peer] },
      { from: [{ namespaceName: input.monitoringNamespace }], ports: [PORTS.metrics] },
    ],
  });
}

/** Voluntary disruptions (drains, upgrades) take at most as many members as the quorum survives. */
export function memberDisruptionBudget(instance: string, namespace: string, members: number): k8s.policy.v1.PodDisruptionBudgetArgs {
  return disruptionBudget({
    name: ETCD_NAMES.disruptionBudget, namespace, labels: objectLabels(instance, "server"), selector: selectorLabels(instance, "server"),
    maxUnavailable: quorumTolerance(members),
  });
}

/** prometheus-operator PodMonitor scraping every member's plain-HTTP metrics listener. */
export function memberPodMonitor(instance: string, namespace: string, prometheusRelease?: string): k8s.apiextensions.CustomResourceArgs {
  return {
    apiVersion: "monitoring.coreos.com/v1",
    kind: "PodMonitor",
    metadata: {
      name: ETCD_NAMES.podMonitor, namespace,
      labels: { ...objectLabels(instance, "server"), ...(prometheusRelease ? { release: prometheusRelease } : {}) },
    },
    spec: {
      selector: { matchLabels: selectorLabels(instance, "server") },
      podMetricsEndpoints: [{ port: "metrics", path: "/metrics", scheme: "http", interval: "30s" }],
    },
  };
}

/** etcdctl's environment for a client of this cluster: TLS files, endpoint(s) and, for root, the credentials by reference. */
export function etcdctlEnv(endpoints: readonly string[], asRoot: boolean): k8s.types.input.core.v1.EnvVar[] {
  return [
    { name: "ETCDCTL_ENDPOINTS", value: endpoints.join(",") },
    { name: "ETCDCTL_CACERT", value: tlsFiles.ca },
    { name: "ETCDCTL_CERT", value: tlsFiles.certificate },
    { name: "ETCDCTL_KEY", value: tlsFiles.privateKey },
    { name: "ETCDCTL_DIAL_TIMEOUT", value: "10s" },
    ...(asRoot
      ? [
        { name: "ETCDCTL_USER", valueFrom: { secretKeyRef: { name: ETCD_NAMES.rootSecret, key: SECRET_KEYS.username } } },
        { name: "ETCDCTL_PASSWORD", valueFrom: { secretKeyRef: { name: ETCD_NAMES.rootSecret, key: SECRET_KEYS.password } } },
      ]
      : []),
  ];
}

export { clientEndpoint, memberHost };
