import type * as k8s from "@pulumi/kubernetes";
import type { DumpStep } from "../kubernetes/backup";
import { BACKUP_DIR } from "../kubernetes/backup";
import { restrictedContainerSecurity, restrictedPodSecurity, TMP_VOLUME } from "../kubernetes/security";
import { tlsSecretVolume } from "../kubernetes/tls";
import { RUN_AS } from "./defaults";
import { ETCD_NAMES, objectLabels } from "./names";
import { ETCDCTL, etcdctlEnv, TLS_DIR } from "./workload";

/** The file the backup's dump step leaves for the upload step. */
export const SNAPSHOT_FILE = `${BACKUP_DIR}/etcd-snapshot.db`;

/**
 * The backup's dump step: `etcdctl snapshot save` as root (the Maintenance API's Snapshot needs the root role when
 * auth is on: authMaintenanceServer.isPermitted, server/etcdserver/api/v3rpc/maintenance.go, v3.6.6) against one
 * endpoint, the client Service ("snapshot must be requested to one selected node"). Exec form: the official
 * image has no shell. Restore with `etcdutl snapshot restore` (https://etcd.io/docs/v3.6/op-guide/recovery/).
 */
export function snapshotDump(image: string, endpoint: string, tlsSecretName: string): DumpStep {
  return {
    image,
    command: [ETCDCTL, "snapshot", "save", SNAPSHOT_FILE],
    env: [...etcdctlEnv([endpoint], true), { name: "ETCDCTL_COMMAND_TIMEOUT", value: "30m" }],
    volumes: [tlsSecretVolume("tls", tlsSecretName)],
    volumeMounts: [{ name: "tls", mountPath: TLS_DIR, readOnly: true }],
  };
}

export interface DefragInput {
  readonly instance: string;
  readonly namespace: string;
  readonly image: string;
  /** Every member's own client URL, in order. */
  readonly memberUrls: readonly string[];
  readonly schedule: string;
  readonly tlsSecretName: string;
}

/**
 * Defragmentation gives the pages compaction freed back to the filesystem; it blocks the member it runs on, so
 * it goes member by member (https://etcd.io/docs/v3.6/op-guide/maintenance/#defragmentation, checked 2026-11-29).
 * `etcdctl defrag` with several endpoints does exactly that: one client per endpoint, in turn, and exits non-zero
 * if any failed (etcdctl/ctlv3/command/defrag_command.go, v3.6.6). Root only, like the snapshot.
 */
export function defragCronJob(input: DefragInput): k8s.batch.v1.CronJobArgs {
  const labels = objectLabels(input.instance, "maintenance");
  return {
    metadata: { name: ETCD_NAMES.defragCronJob, namespace: input.namespace, labels },
    spec: {
      schedule: input.schedule,
      timeZone: "Etc/UTC",
      concurrencyPolicy: "Forbid",
      startingDeadlineSeconds: 600,
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 3,
      jobTemplate: {
        spec: {
          backoffLimit: 1,
          activeDeadlineSeconds: 3600,
          template: {
            metadata: { labels },
            spec: {
              restartPolicy: "Never",
              automountServiceAccountToken: false,
              enableServiceLinks: false,
              securityContext: restrictedPodSecurity(RUN_AS),
              containers: [{
                name: "defrag",
                image: input.image,
                imagePullPolicy: "IfNotPresent",
                command: [ETCDCTL, "defrag"],
                // Each member in turn; a large database takes minutes to rewrite.
                env: [...etcdctlEnv(input.memberUrls, true), { name: "ETCDCTL_COMMAND_TIMEOUT", value: "10m" }],
                resources: { requests: { cpu: "50m", memory: "64Mi" }, limits: { cpu: "500m", memory: "256Mi" } },
                securityContext: restrictedContainerSecurity(RUN_AS),
                volumeMounts: [
                  { name: TMP_VOLUME.name, mountPath: TMP_VOLUME.mountPath },
                  { name: "tls", mountPath: TLS_DIR, readOnly: true },
                ],
              }],
              volumes: [{ name: TMP_VOLUME.name, emptyDir: { sizeLimit: "64Mi" } }, tlsSecretVolume("tls", input.tlsSecretName)],
            },
          },
        },
      },
    },
  };
}
