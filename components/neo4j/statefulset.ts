import { createHash } from "node:crypto";
import type * as k8s from "@pulumi/kubernetes";
import { type ProbeTiming, tcpProbe } from "../kubernetes/probes";
import { restrictedContainerSecurity, restrictedPodSecurity, TMP_VOLUME } from "../kubernetes/security";
import { TLS_SECRET_KEYS, tlsSecretVolume } from "../kubernetes/tls";
import { RUN_AS } from "./image";
import { BOLT_PORT, CREDENTIAL_KEYS, HTTPS_PORT, NEO4J_NAMES, PATHS } from "./names";
import { containerResources } from "../kubernetes/resources";

export interface ServerSpecInput {
  readonly namespace: string;
  /** Pod and object labels (selector labels included). */
  readonly labels: Readonly<Record<string, string>>;
  /** Labels the StatefulSet selects its pod by. */
  readonly selector: Readonly<Record<string, string>>;
  /** Full image reference, pinned by digest. */
  readonly image: string;
  /** Data volume size, GiB. */
  readonly volumeSizeGiB: number;
  /** StorageClass of the data volume (always named: never the cluster default). */
  readonly storageClassName: string;
  readonly cpuMillis: number;
  readonly cpuLimitMillis: number;
  /** Memory request = limit, MiB. */
  readonly memoryMiB: number;
  /** `kubernetes.io/tls` Secret both SSL policies use. */
  readonly tlsSecretName: string;
  /** The ConfigMap's neo4j.conf: its hash goes on the pod template, so a changed configuration restarts the server. */
  readonly neo4jConf: string;
  /** Keep the data claim when the StatefulSet is deleted. */
  readonly retainVolume: boolean;
}

/**
 * Probe timings. TCP on Bolt, as the official chart probes (readiness, liveness and startup all `tcpSocket: 7687`,
 * neo4j/helm-charts neo4j/templates/neo4j-statefulset.yaml, read 2026-11-29): Neo4j has no unauthenticated health
 * endpoint on Bolt, and the HTTP discovery endpoint is off. The chart's values.yaml explains its generous liveness
 * ("Because Neo4j uses Java these values are large to distinguish between long Garbage Collection pauses … and an
 * actual failure"); the startup probe allows 10 minutes for store recovery after a crash.
 */
export const PROBE_TIMING: Readonly<Record<"startup" | "liveness" | "readiness", ProbeTiming>> = {
  startup: { periodSeconds: 10, failureThreshold: 60, timeoutSeconds: 5 },
  liveness: { periodSeconds: 15, failureThreshold: 8, timeoutSeconds: 10 },
  readiness: { periodSeconds: 10, failureThreshold: 3, timeoutSeconds: 5 },
};

/**
 * Seconds the server gets to stop: Neo4j checkpoints on shutdown (the chart allows 3600, "Neo4j takes time to flush
 * in-memory data to disk on shutdown"); a cut-short stop only means recovery from the transaction log at next start.
 */
export const TERMINATION_GRACE_SECONDS = 600;

/** Writable emptyDirs of the read-only root filesystem: what the entrypoint and the server write outside /data. */
export const WRITABLE_DIRS = [
  { name: "logs", mountPath: PATHS.logs, sizeLimit: "2Gi" },
  { name: "conf", mountPath: PATHS.conf, sizeLimit: "16Mi" },
  { name: "run", mountPath: PATHS.run, sizeLimit: "16Mi" },
  { name: TMP_VOLUME.name, mountPath: TMP_VOLUME.mountPath, sizeLimit: TMP_VOLUME.sizeLimit },
] as const;

/**
 * Restart on certificate renewal. Neo4j 5.26 loads its SSL policies once at start (reloading certificates at run time,
 * `dbms.security.tls_reload_enabled` and `dbms.security.reloadTLS()`, arrived in the 2025.x CalVer releases), so a
 * renewed certificate in the TLS Secret is served only after a restart. Stakater Reloader restarts a workload whose
 * metadata carries `secret.reloader.stakater.com/reload: <secret>` when that Secret changes
 * (https://github.com/stakater/Reloader README, "Reload a specific Secret", checked 2026-11-29). Without Reloader
 * in the cluster the annotation does nothing: it is a documented prerequisite, and the certificate-expiry rule
 * (alerts.ts) pages before a certificate that was not renewed expires.
 */
export const RELOADER_SECRET_ANNOTATION = "secret.reloader.stakater.com/reload";

/** `sha256:<hex>` of the configuration, for the pod template annotation. */
export const configHash = (conf: string) => `sha256:${createHash("sha256").update(conf).digest("hex")}`;

/**
 * One Neo4j Community server, restricted, probed on Bolt, on one encrypted volume. The image's entrypoint runs
 * unchanged as UID 7474 with a read-only root filesystem:
 * - NEO4J_HOME/conf is an emptyDir: the entrypoint copies the ConfigMap mounted at /conf into it ("rm -rf
 *   NEO4J_HOME/conf/*", then copies /conf's files) and appends its Docker defaults to neo4j.conf there, so the
 *   directory must be writable, and the ConfigMap's files are 0644 so the copies stay writable by their owner
 *   (docker-image-src/5/coredb/docker-entrypoint.sh, read 2026-11-29).
 * - The certificates are mounted at their own top-level path, not /ssl: for /ssl the entrypoint replaces
 *   NEO4J_HOME/certificates with a symlink, which a read-only root refuses. No mount is nested inside a writable
 *   one (policy k8s-no-root-created-dirs).
 * - `enableServiceLinks: false`: the entrypoint turns every NEO4J_* variable into a setting, and Kubernetes would
 *   inject NEO4J_PORT, NEO4J_SERVICE_HOST… for the Service named `neo4j`
 *   (https://kubernetes.io/docs/concepts/services-networking/service/#environment-variables, checked 2026-11-29).
 * - The initial password comes from the Secret file NEO4J_AUTH_PATH names, as the official chart does; the entrypoint
 *   runs `neo4j-admin dbms set-initial-password`, which only takes effect on a store without users.
 */
export function serverStatefulSet(input: ServerSpecInput): k8s.apps.v1.StatefulSetArgs {
  return {
    metadata: {
      name: NEO4J_NAMES.statefulSet, namespace: input.namespace, labels: { ...input.labels },
      annotations: { [RELOADER_SECRET_ANNOTATION]: input.tlsSecretName },
    },
    spec: {
      serviceName: NEO4J_NAMES.headlessService,
      replicas: 1,
      selector: { matchLabels: { ...input.selector } },
      // One replica: the controller deletes the pod before creating its successor, so the ReadWriteOnce volume is
      // never wanted by two pods.
      updateStrategy: { type: "RollingUpdate" },
      persistentVolumeClaimRetentionPolicy: { whenDeleted: input.retainVolume ? "Retain" : "Delete", whenScaled: "Retain" },
      template: {
        metadata: { labels: { ...input.labels }, annotations: { "storage.sparki.io/config-hash": configHash(input.neo4jConf) } },
        spec: {
          automountServiceAccountToken: false,
          enableServiceLinks: false,
          terminationGracePeriodSeconds: TERMINATION_GRACE_SECONDS,
          securityContext: restrictedPodSecurity(RUN_AS),
          containers: [{
            name: "neo4j",
            image: input.image,
            imagePullPolicy: "IfNotPresent",
            // The image's ENTRYPOINT and CMD (`neo4j`) unchanged.
            ports: [
              { name: "bolt", containerPort: BOLT_PORT, protocol: "TCP" },
              { name: "https", containerPort: HTTPS_PORT, protocol: "TCP" },
            ],
            env: [{ name: "NEO4J_AUTH_PATH", value: `${PATHS.auth}/${CREDENTIAL_KEYS.auth}` }],
            resources: containerResources(input),
            securityContext: restrictedContainerSecurity(RUN_AS),
            startupProbe: tcpProbe(BOLT_PORT, PROBE_TIMING.startup),
            livenessProbe: tcpProbe(BOLT_PORT, PROBE_TIMING.liveness),
            readinessProbe: tcpProbe(BOLT_PORT, PROBE_TIMING.readiness),
            volumeMounts: [
              { name: NEO4J_NAMES.dataVolume, mountPath: PATHS.data },
              ...WRITABLE_DIRS.map((d) => ({ name: d.name, mountPath: d.mountPath })),
              { name: "config", mountPath: PATHS.confSource, readOnly: true },
              { name: "certificates", mountPath: PATHS.certificates, readOnly: true },
              { name: "auth", mountPath: PATHS.auth, readOnly: true },
            ],
          }],
          volumes: [
            ...WRITABLE_DIRS.map((d) => ({ name: d.name, emptyDir: { sizeLimit: d.sizeLimit } })),
            { name: "config", configMap: { name: NEO4J_NAMES.configMap, defaultMode: 0o644 } },
            tlsSecretVolume("certificates", input.tlsSecretName, [
              { key: TLS_SECRET_KEYS.certificate, path: "public.crt" },
              { key: TLS_SECRET_KEYS.privateKey, path: "private.key" },
            ]),
            { name: "auth", secret: { secretName: NEO4J_NAMES.credentialsSecret, defaultMode: 0o440, items: [{ key: CREDENTIAL_KEYS.auth, path: CREDENTIAL_KEYS.auth }] } },
          ],
        },
      },
      volumeClaimTemplates: [{
        metadata: { name: NEO4J_NAMES.dataVolume, labels: { ...input.labels } },
        spec: {
          accessModes: ["ReadWriteOnce"],
          storageClassName: input.storageClassName,
          resources: { requests: { storage: `${input.volumeSizeGiB}Gi` } },
        },
      }],
    },
  };
}
