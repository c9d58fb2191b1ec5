import type * as pulumi from "@pulumi/pulumi";
import { ClickHouse, PORTS } from "../../../components/clickhouse";
import { adapter as matrixRow } from "../../../components/matrix";
import type { SharedBlocks } from "../../shared";
import type { Deployed } from "../contract";
import { withKubernetesProvider, workloadArgs } from "../kubernetes";
import type { ClickhouseSettings } from "./settings";

/**
 * Stack output `clickhouse`: what the Fiber storage/clickhouse `Config` needs (Host, Port, Database, Table, Username,
 * Password, Engine, TLSConfig; gofiber/storage clickhouse/config.go, read 2026-11-29), never a password.
 */
export interface ClickhouseOutputs {
  readonly fiberPackages: readonly string[];
  /** `Host`: the operator's installation Service, `clickhouse-<chi>.<namespace>.svc.<domain>`. */
  readonly host: string;
  /** `Port`: the native protocol over TLS (9440). */
  readonly port: number;
  /** `Database` and `Table`: created (ReplicatedReplacingMergeTree, every replica) before the adapter connects. */
  readonly database: string;
  readonly table: string;
  /**
   * `Engine`: any value works once the table exists (the adapter's CREATE TABLE IF NOT EXISTS is then a no-op); set
   * MergeTree so a missing table would fail loudly (no ORDER BY) rather than silently be the default Memory engine.
   */
  readonly engine: "MergeTree";
  /** `Clean`: false; true truncates the table on every application start. */
  readonly clean: false;
  /** Kubernetes namespace of the servers and the credentials Secret. */
  readonly namespace: string;
  /** Secret (in `namespace`) with `Username` and `Password` under `username` and `password`. */
  readonly secretName: string;
  /** Always true: set `TLSConfig` (a tls.Config trusting the cluster CA, ServerName = host); clients reach only the TLS ports. */
  readonly tls: true;
  /** The `kubernetes.io/tls` Secret to issue the server certificate into, and the names it must cover. */
  readonly tlsSecretName: string;
  readonly tlsDnsNames: readonly string[];
  /** The HTTPS interface (8443) on the same host, for tools; the Fiber adapter uses the native port. */
  readonly httpsPort: number;
  readonly replicas: number;
  readonly keeperReplicas: number;
  /** Where the daily dump lands (backups on only). */
  readonly backup?: { readonly bucket: string; readonly prefix: string; readonly schedule: string };
  /** With customer-key volumes only: the policy the EBS CSI driver's role needs. */
  readonly ebsCsiKmsPolicy?: { readonly arn: pulumi.Output<string>; readonly attachToRoleArn: string };
}

/**
 * ClickHouse on an existing Kubernetes cluster for the Fiber `storage/clickhouse` adapter (components/clickhouse),
 * through the Altinity operator. CloudWatch does not see the workload, so there are no dashboard rows; the
 * PrometheusRule carries the alerts.
 */
export function deployClickhouse(s: ClickhouseSettings, shared: SharedBlocks): Deployed<ClickhouseOutputs> {
  const { opts, baseName } = shared;
  const workload = workloadArgs(s, shared);
  const clickhouse = new ClickHouse(`${baseName}-clickhouse`, {
    ...workload,
    image: s.image,
    keeperImage: s.keeperImage,
    replicas: s.replicas,
    keeperReplicas: s.keeperReplicas,
    volumeSizeGiB: s.volumeSizeGiB,
    keeperVolumeSizeGiB: s.keeperVolumeSizeGiB,
    cpuMillis: s.cpuMillis,
    cpuLimitMillis: s.cpuLimitMillis,
    memoryMiB: s.memoryMiB,
    keeperMemoryMiB: s.keeperMemoryMiB,
    fiber: s.fiber,
    appUsername: s.appUsername,
    clientCidrs: s.clientCidrs,
    // The config rules guarantee it whenever the adapter deploys; the component refuses "" with its own message.
    operator: { namespace: s.operatorNamespace ?? "" },
  }, withKubernetesProvider(`${baseName}-clickhouse-kubernetes`, s, opts));

  const { fiberPackages } = matrixRow("clickhouse");
  return {
    fiberPackages,
    outputs: {
      fiberPackages,
      host: clickhouse.host,
      port: clickhouse.port,
      database: clickhouse.fiber.database,
      table: clickhouse.fiber.table,
      engine: "MergeTree",
      clean: false,
      namespace: clickhouse.namespace,
      secretName: clickhouse.appSecretName,
      tls: true,
      tlsSecretName: clickhouse.tlsSecretName,
      tlsDnsNames: clickhouse.tlsDnsNames,
      httpsPort: PORTS.https,
      replicas: s.replicas,
      keeperReplicas: s.keeperReplicas,
      ...(workload.backup ? { backup: { bucket: workload.backup.target.bucketName, prefix: workload.backup.target.prefix, schedule: workload.backup.schedule } } : {}),
      ...(clickhouse.ebsCsiKmsPolicy && workload.ebsEncryption
        ? { ebsCsiKmsPolicy: { arn: clickhouse.ebsCsiKmsPolicy.arn, attachToRoleArn: workload.ebsEncryption.csiDriverRoleArn } }
        : {}),
    },
    dashboard: [],
  };
}
