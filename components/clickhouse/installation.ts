import type * as k8s from "@pulumi/kubernetes";
import { restrictedContainerSecurity, restrictedPodSecurity, TMP_VOLUME } from "../kubernetes/security";
import { TLS_SECRET_KEYS } from "../kubernetes/tls";
import { ADMIN_USERNAME } from "./defaults";
import { RUN_AS } from "./image";
import { CLICKHOUSE_NAMES, CREDENTIAL_KEYS, type FiberSchema, keeperHost, OPERATOR_LABELS, PORTS, type ServerAddress } from "./names";
import { containerResources } from "../kubernetes/resources";

/**
 * The custom resources of the Altinity clickhouse-operator (0.25.6), as plain `apiextensions.CustomResource` args.
 * Field names follow the operator's CRDs (deploy/helm/clickhouse-operator/crds/CustomResourceDefinition-
 * clickhouseinstallations.clickhouse.altinity.com.yaml and …clickhousekeeperinstallations…, read 2026-11-29);
 * test/clickhouse-schema.ts validates what is set here against those schemas.
 */

export const CHI_API_VERSION = "clickhouse.altinity.com/v1";
export const CHK_API_VERSION = "clickhouse-keeper.altinity.com/v1";

type Json = Record<string, unknown>;
const secretRef = (name: string, key: string) => ({ valueFrom: { secretKeyRef: { name, key } } });

/**
 * Where the operator mounts a `files` entry taken from a Secret: `/etc/clickhouse-server/secrets.d/<file>/<secret>/<key>`
 * (docs/security_hardening.md, "Certificate files can also be stored in secrets", read 2026-11-29).
 */
export const secretFilePath = (file: string, secret: string, key: string) => `/etc/clickhouse-server/secrets.d/${file}/${secret}/${key}`;

/** The `files` entries that bring the TLS Secret's three keys into the server pods. */
export const TLS_FILES = { certificate: "server.crt", privateKey: "server.key", ca: "ca.crt" } as const;

/**
 * OpenSSL of the server (native TLS 9440, HTTPS 8443, interserver HTTPS 9009) and of its client side (replication
 * and distributed DDL between replicas): the cluster CA only, TLS 1.2 and newer, peers verified. No client
 * certificates are asked for (the users authenticate with passwords). ClickHouse's openSSL keys:
 * https://clickhouse.com/docs/operations/server-configuration-parameters/settings#openssl (checked 2026-11-29).
 */
export function tlsConfigXml(tlsSecretName: string): string {
  const path = (file: string, key: string) => secretFilePath(file, tlsSecretName, key);
  const ca = path(TLS_FILES.ca, TLS_SECRET_KEYS.ca);
  const protocols = "sslv2,sslv3,tlsv1,tlsv1_1";
  return [
    "<clickhouse>",
    "  <openSSL>",
    "    <server>",
    `      <certificateFile>${path(TLS_FILES.certificate, TLS_SECRET_KEYS.certificate)}</certificateFile>`,
    `      <privateKeyFile>${path(TLS_FILES.privateKey, TLS_SECRET_KEYS.privateKey)}</privateKeyFile>`,
    `      <caConfig>${ca}</caConfig>`,
    "      <verificationMode>none</verificationMode>",
    "      <loadDefaultCAFile>false</loadDefaultCAFile>",
    "      <cacheSessions>true</cacheSessions>",
    `      <disableProtocols>${protocols}</disableProtocols>`,
    "      <preferServerCiphers>true</preferServerCiphers>",
    "    </server>",
    "    <client>",
    `      <caConfig>${ca}</caConfig>`,
    "      <verificationMode>strict</verificationMode>",
    "      <loadDefaultCAFile>false</loadDefaultCAFile>",
    `      <disableProtocols>${protocols}</disableProtocols>`,
    "      <invalidCertificateHandler><name>RejectCertificateHandler</name></invalidCertificateHandler>",
    "    </client>",
    "  </openSSL>",
    "</clickhouse>",
    "",
  ].join("\n");
}

/**
 * Read/write/delete/truncate on the one Fiber table, and creating it (the adapter runs CREATE TABLE IF NOT EXISTS at
 * start). A users.xml `grants/query` is a GRANT without grantee (https://clickhouse.com/docs/operations/settings/settings-users#grants,
 * checked 2026-11-29); the operator takes it as a list (docs/chi-examples/05-settings-08-grants.yaml).
 */
export const appGrant = (f: FiberSchema) => `GRANT SELECT, INSERT, ALTER DELETE, TRUNCATE, CREATE TABLE ON ${f.database}.${f.table}`;
/**
 * The admin user creates the Fiber database and table (schema Job), waits for its replica to catch up and reads them
 * (backups); nothing else on any object. `CLUSTER ON *.*` lets it issue the schema Job's `ON CLUSTER` DDL: since
 * `access_control_improvements.on_cluster_queries_require_cluster_grant` defaults to true, an ON CLUSTER query without
 * it is refused with ACCESS_DENIED; CLUSTER is a global privilege and gives no access to any object
 * (https://clickhouse.com/docs/sql-reference/statements/grant, "CLUSTER"; src/Access/AccessControl.cpp; checked
 * 2026-11-29). `SYSTEM SYNC REPLICA` (table level) runs before the backup's dump.
 */
export const adminGrants = (f: FiberSchema) => [
  `GRANT SELECT, SHOW, CREATE DATABASE, CREATE TABLE ON ${f.database}.*`,
  `GRANT SYSTEM SYNC REPLICA ON ${f.database}.*`,
  "GRANT CLUSTER ON *.*",
];

/** The settings profile of the application user (`<user>/profile`). */
export const APP_PROFILE = "fiber";

/**
 * `spec.configuration.profiles` (`<profile>/<setting>`, the operator's users.xml `profiles`): what the Fiber adapter's
 * plain statements need to read what it last wrote (gofiber/storage clickhouse/config.go: Set is an INSERT, Get a
 * SELECT without FINAL, Delete an `ALTER TABLE … DELETE` mutation; read 2026-11-29). Setting names as in
 * ClickHouse 25.8 (https://clickhouse.com/docs/operations/settings/settings, checked 2026-11-29):
 * - `final = 1`: every SELECT reads ReplacingMergeTree tables as with FINAL (since 23.2), so an overwritten key reads
 *   back its last value before the background merge.
 * - `mutations_sync = 2`: `ALTER … DELETE` returns only once the mutation is done on every replica (default 0:
 *   asynchronous, a deleted key, e.g. a revoked session, would still be read).
 * - With more than one replica: `insert_quorum = 'auto'` (a majority, replicas / 2 + 1: both of 2) so an acknowledged
 *   Set is on the replica the next Get may land on (one Service in front of all replicas), and
 *   `select_sequential_consistency = 1`. Cost: with 2 replicas, Set and Delete fail while one replica is down (reads
 *   continue). `insert_quorum_parallel` keeps its default (1): 0 would refuse a Set while the previous one has not
 *   reached the quorum, and the adapter writes concurrently.
 */
export function appProfile(replicas: number): Json {
  return {
    [`${APP_PROFILE}/final`]: 1,
    [`${APP_PROFILE}/mutations_sync`]: 2,
    ...(replicas > 1 ? { [`${APP_PROFILE}/insert_quorum`]: "auto", [`${APP_PROFILE}/select_sequential_consistency`]: 1 } : {}),
  };
}

/**
 * `spec.namespaceDomainPattern` of both custom resources: without it the operator writes host FQDNs (remote_servers,
 * interserver_http_host, Service FQDNs) as `<name>.<namespace>.svc.cluster.local` whatever the cluster's domain
 * (pkg/model/chi/namer/patterns.go, name.go createPodFQDN; CRD field "Example: %s.svc.my.test", `%s` = namespace;
 * Altinity/clickhouse-operator 0.25.6, read 2026-11-29). Set always, so the certificate's names (tlsDnsNames) match.
 */
export const namespaceDomainPattern = (clusterDomain: string) => `%s.svc.${clusterDomain}`;

export interface UsersInput {
  readonly fiber: FiberSchema;
  readonly appUsername: string;
  readonly clientCidrs: readonly string[];
}

/**
 * `spec.configuration.users`: every password from a Secret (`valueFrom.secretKeyRef`, docs/security_hardening.md "Using
 * secrets"), the application and admin users as SHA-256 hashes so no server pod holds their passwords; the `default`
 * user (passwordless out of the box) gets a random password and localhost only.
 */
export function users(u: UsersInput): Json {
  const hash = (secret: string) => secretRef(secret, CREDENTIAL_KEYS.passwordSha256);
  return {
    "default/password": secretRef(CLICKHOUSE_NAMES.adminSecret, CREDENTIAL_KEYS.defaultPassword),
    "default/networks/ip": ["::1", "127.0.0.1"],
    [`${ADMIN_USERNAME}/password_sha256_hex`]: hash(CLICKHOUSE_NAMES.adminSecret),
    [`${ADMIN_USERNAME}/networks/ip`]: [...u.clientCidrs],
    [`${ADMIN_USERNAME}/profile`]: "default",
    [`${ADMIN_USERNAME}/grants/query`]: adminGrants(u.fiber),
    [`${u.appUsername}/password_sha256_hex`]: hash(CLICKHOUSE_NAMES.appSecret),
    [`${u.appUsername}/networks/ip`]: [...u.clientCidrs],
    [`${u.appUsername}/profile`]: APP_PROFILE,
    [`${u.appUsername}/grants/query`]: [appGrant(u.fiber)],
  };
}

/** Scratch space a read-only root filesystem needs: the server's log files (operator logger config) and /tmp. */
const scratch = (logDir: string) => ({
  volumes: [
    { name: "logs", emptyDir: { sizeLimit: "2Gi" } },
    { name: TMP_VOLUME.name, emptyDir: { sizeLimit: TMP_VOLUME.sizeLimit } },
  ],
  mounts: [
    { name: "logs", mountPath: logDir },
    { name: TMP_VOLUME.name, mountPath: TMP_VOLUME.mountPath },
  ],
});

/** One pod per node (required), spread over zones where possible. */
function antiAffinity(label: string, value: string): k8s.types.input.core.v1.Affinity {
  const selector = { matchLabels: { [label]: value } };
  return {
    podAntiAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: selector, topologyKey: "kubernetes.io/hostname" }],
      preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: { labelSelector: selector, topologyKey: "topology.kubernetes.io/zone" } }],
    },
  };
}

export interface PodInput {
  readonly image: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly cpuMillis: number;
  readonly cpuLimitMillis: number;
  readonly memoryMiB: number;
}

/**
 * The pod template of the servers: the operator fills in ports, probes and config mounts of the container named
 * `clickhouse` (pkg/model/chi/config/const.go ClickHouseContainerName); this template adds the restricted security
 * context (UID 101), resources, anti-affinity and the writable scratch volumes.
 */
export function serverPodSpec(p: PodInput): k8s.types.input.core.v1.PodSpec {
  const s = scratch("/var/log/clickhouse-server");
  return {
    automountServiceAccountToken: false,
    enableServiceLinks: false,
    securityContext: restrictedPodSecurity(RUN_AS),
    affinity: antiAffinity(OPERATOR_LABELS.installation, CLICKHOUSE_NAMES.installation),
    containers: [{
      name: "clickhouse",
      image: p.image,
      imagePullPolicy: "IfNotPresent",
      resources: containerResources(p),
      securityContext: restrictedContainerSecurity(RUN_AS),
      volumeMounts: s.mounts,
    }],
    volumes: s.volumes,
  };
}

/** The Keeper members' pod template (container `clickhouse-keeper`, pkg/model/chk/config/const.go KeeperContainerName). */
export function keeperPodSpec(p: { readonly image: string; readonly memoryMiB: number }): k8s.types.input.core.v1.PodSpec {
  const s = scratch("/var/log/clickhouse-keeper");
  return {
    automountServiceAccountToken: false,
    enableServiceLinks: false,
    securityContext: restrictedPodSecurity(RUN_AS),
    affinity: antiAffinity(OPERATOR_LABELS.keeper, CLICKHOUSE_NAMES.keeper),
    containers: [{
      name: "clickhouse-keeper",
      image: p.image,
      imagePullPolicy: "IfNotPresent",
      resources: { requests: { cpu: "100m", memory: `${p.memoryMiB}Mi` }, limits: { cpu: "1000m", memory: `${p.memoryMiB}Mi` } },
      securityContext: restrictedContainerSecurity(RUN_AS),
      volumeMounts: s.mounts,
    }],
    volumes: s.volumes,
  };
}

const volumeClaimTemplate = (name: string, storageClassName: string, sizeGiB: number, retain: boolean, labels: Readonly<Record<string, string>>) => ({
  name,
  // Retain: the operator keeps the claim when the installation (or a replica) is deleted.
  reclaimPolicy: retain ? "Retain" : "Delete",
  metadata: { labels: { ...labels } },
  spec: { accessModes: ["ReadWriteOnce"], storageClassName, resources: { requests: { storage: `${sizeGiB}Gi` } } },
});

/**
 * The installation-wide Service `clickhouse-<chi>` (no `generateName`: the operator keeps its default name,
 * pkg/model/chi/namer/name.go createCRServiceName): a ClusterIP with the TLS ports only. Without a template the
 * operator makes a headless Service with the plain 8123 and 9000 (pkg/model/chi/creator/service.go createServiceCR,
 * read 2026-11-29). The operator adds the selector of its ready pods.
 */
export function clientServiceTemplate(labels: Readonly<Record<string, string>>) {
  return {
    name: CLICKHOUSE_NAMES.serviceTemplate,
    metadata: { labels: { ...labels } },
    spec: {
      type: "ClusterIP",
      ports: [
        { name: "secureclient", protocol: "TCP", port: PORTS.nativeTls, targetPort: PORTS.nativeTls },
        { name: "https", protocol: "TCP", port: PORTS.https, targetPort: PORTS.https },
      ],
    },
  };
}

export interface InstallationInput extends UsersInput {
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly address: ServerAddress;
  readonly replicas: number;
  readonly pod: PodInput;
  readonly storageClassName: string;
  readonly volumeSizeGiB: number;
  readonly tlsSecretName: string;
  readonly retainVolumes: boolean;
}

/**
 * The ClickHouseInstallation: one shard of `replicas` replicas, TLS ports on (`secure: "yes"`, docs/security_hardening.md
 * "Enabling secure connections"), replication over HTTPS only (`interserver_http_port: _removed_`,
 * `interserver_https_port: 9009`, "Forcing HTTPS for replication"; the operator renders `_removed_` as `remove="1"`,
 * pkg/xml/xml.go), an auto-generated cluster secret for distributed
 * queries ("'auto' token"), schema propagated to a new replica (`schemaPolicy.replica: All`), Keeper as coordination.
 * The plain ports stay open inside the pod (localhost, and the operator's default `access.scheme: auto`); the
 * NetworkPolicy admits clients to the TLS ports only.
 */
export function installationArgs(i: InstallationInput): k8s.apiextensions.CustomResourceArgs {
  const file = (name: string, key: string) => ({ [name]: secretRef(i.tlsSecretName, key) });
  return {
    apiVersion: CHI_API_VERSION,
    kind: "ClickHouseInstallation",
    metadata: { name: CLICKHOUSE_NAMES.installation, namespace: i.namespace, labels: { ...i.labels } },
    spec: {
      namespaceDomainPattern: namespaceDomainPattern(i.address.clusterDomain),
      defaults: {
        // Hosts as FQDNs in remote_servers, so the certificate's *.<namespace>.svc.<domain> covers them.
        replicasUseFQDN: "yes",
        storageManagement: { reclaimPolicy: i.retainVolumes ? "Retain" : "Delete" },
        templates: { podTemplate: CLICKHOUSE_NAMES.podTemplate, dataVolumeClaimTemplate: CLICKHOUSE_NAMES.dataVolume, serviceTemplate: CLICKHOUSE_NAMES.serviceTemplate },
      },
      configuration: {
        zookeeper: { nodes: [{ host: keeperHost(i.address), port: PORTS.keeperClient }] },
        users: users(i),
        profiles: appProfile(i.replicas),
        settings: {
          tcp_port_secure: PORTS.nativeTls,
          https_port: PORTS.https,
          interserver_http_port: "_removed_",
          interserver_https_port: PORTS.interserverHttps,
          "logger/level": "information",
          "logger/size": "100M",
          "logger/count": 3,
        },
        files: {
          "config.d/sparki-tls.xml": tlsConfigXml(i.tlsSecretName),
          ...file(TLS_FILES.certificate, TLS_SECRET_KEYS.certificate),
          ...file(TLS_FILES.privateKey, TLS_SECRET_KEYS.privateKey),
          ...file(TLS_FILES.ca, TLS_SECRET_KEYS.ca),
        },
        clusters: [{
          name: CLICKHOUSE_NAMES.cluster,
          secure: "yes",
          secret: { auto: "yes" },
          schemaPolicy: { replica: "All", shard: "All" },
          layout: { shardsCount: 1, replicasCount: i.replicas },
        }],
      },
      templates: {
        podTemplates: [{ name: CLICKHOUSE_NAMES.podTemplate, metadata: { labels: { ...i.labels } }, spec: serverPodSpec(i.pod) }],
        volumeClaimTemplates: [volumeClaimTemplate(CLICKHOUSE_NAMES.dataVolume, i.storageClassName, i.volumeSizeGiB, i.retainVolumes, i.labels)],
        serviceTemplates: [clientServiceTemplate(i.labels)],
      },
    },
  };
}

export interface KeeperInput {
  readonly namespace: string;
  /** The cluster's DNS domain (for {@link namespaceDomainPattern}). */
  readonly clusterDomain: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly replicas: number;
  readonly image: string;
  readonly memoryMiB: number;
  readonly storageClassName: string;
  readonly volumeSizeGiB: number;
  readonly retainVolumes: boolean;
}

/**
 * The ClickHouseKeeperInstallation (the operator's Keeper CRD since 0.23; docs/chk-examples/02-extended-3-nodes.yaml):
 * `replicas` Raft members, Prometheus metrics on 7000 for the cluster's Prometheus.
 */
export function keeperArgs(k: KeeperInput): k8s.apiextensions.CustomResourceArgs {
  return {
    apiVersion: CHK_API_VERSION,
    kind: "ClickHouseKeeperInstallation",
    metadata: { name: CLICKHOUSE_NAMES.keeper, namespace: k.namespace, labels: { ...k.labels } },
    spec: {
      namespaceDomainPattern: namespaceDomainPattern(k.clusterDomain),
      defaults: { templates: { podTemplate: CLICKHOUSE_NAMES.keeperPodTemplate, dataVolumeClaimTemplate: CLICKHOUSE_NAMES.keeperVolume } },
      configuration: {
        clusters: [{ name: CLICKHOUSE_NAMES.cluster, layout: { replicasCount: k.replicas } }],
        settings: {
          "logger/level": "information",
          "logger/console": "true",
          // The image's keeper_config.xml rotates its log and errorlog at 1000M x 10 files each
          // (ClickHouse/ClickHouse programs/keeper/keeper_config.xml, read 2026-11-29): far over the 2Gi log emptyDir,
          // whose overflow gets the pod evicted. 100M x (3 + current) x 2 files stays under 1Gi, as for the server.
          "logger/size": "100M",
          "logger/count": 3,
          "prometheus/endpoint": "/metrics",
          "prometheus/port": PORTS.keeperMetrics,
          "prometheus/metrics": "true",
          "prometheus/events": "true",
          "prometheus/asynchronous_metrics": "true",
        },
      },
      templates: {
        podTemplates: [{ name: CLICKHOUSE_NAMES.keeperPodTemplate, metadata: { labels: { ...k.labels } }, spec: keeperPodSpec(k) }],
        volumeClaimTemplates: [volumeClaimTemplate(CLICKHOUSE_NAMES.keeperVolume, k.storageClassName, k.volumeSizeGiB, k.retainVolumes, k.labels)],
      },
    },
  };
}
