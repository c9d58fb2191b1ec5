import type * as pulumi from "@pulumi/pulumi";
import { adapter as matrixRow } from "../../../components/matrix";
import { SurrealDb } from "../../../components/surrealdb";
import type { SharedBlocks } from "../../shared";
import type { Deployed } from "../contract";
import { withKubernetesProvider, workloadArgs } from "../kubernetes";
import type { SurrealdbSettings } from "./settings";

/** Stack output `surrealdb`: what the Fiber storage/surrealdb `Config` needs, never a password. */
export interface SurrealdbOutputs {
  readonly fiberPackages: readonly string[];
  /**
   * The adapter's `ConnectionString`: `wss://surrealdb.<namespace>.svc.<domain>:8000`. The adapter dials ONE WebSocket
   * in `New()` and never reconnects (gofiber/storage surrealdb/surrealdb.go `NewWithContext`, HEAD 8c8f561; the
   * client only marks the connection closed and leaves reconnecting to `contrib/rews`, surrealdb/surrealdb.go
   * pkg/connection/gorillaws/connection.go `IsClosed`/`closeWithError`, HEAD aef39d3; both read 2026-11-29). Every
   * server restart (node drain, password change, certificate renewal) therefore leaves each app instance with a dead
   * connection: the app's liveness check must fail when `store.Conn().Version(ctx)` errors, so Kubernetes restarts it.
   */
  readonly endpoint: string;
  /** Kubernetes namespace of the server and the credentials Secret. */
  readonly kubernetesNamespace: string;
  /** The adapter's `Namespace`, `Database` and `DefaultTable`. */
  readonly namespace: string;
  readonly database: string;
  readonly defaultTable: string;
  /** Secret (in `kubernetesNamespace`) with the adapter's `Username` and `Password` under `username` and `password`. */
  readonly secretName: string;
  /** Always true: the server serves WSS/HTTPS only. */
  readonly tls: true;
  /** The `kubernetes.io/tls` Secret to issue the server certificate into, and the names it must cover. */
  readonly tlsSecretName: string;
  readonly tlsDnsNames: readonly string[];
  /** Where the daily `surreal export` lands (backups on only). */
  readonly backup?: { readonly bucket: string; readonly prefix: string; readonly schedule: string };
  /** With customer-key volumes only: the policy the EBS CSI driver's role needs. */
  readonly ebsCsiKmsPolicy?: { readonly arn: pulumi.Output<string>; readonly attachToRoleArn: string };
}

/**
 * SurrealDB on an existing Kubernetes cluster for the Fiber `storage/surrealdb` adapter (components/surrealdb): one
 * RocksDB server on an encrypted volume, WSS only, generated credentials, daily exports to the stack's configBackups
 * bucket, a PrometheusRule. CloudWatch does not see the workload, so there are no dashboard rows.
 */
export function deploySurrealdb(s: SurrealdbSettings, shared: SharedBlocks): Deployed<SurrealdbOutputs> {
  const { opts, baseName } = shared;
  const workload = workloadArgs(s, shared);
  const surreal = new SurrealDb(`${baseName}-surrealdb`, {
    ...workload,
    image: s.image,
    volumeSizeGiB: s.volumeSizeGiB,
    cpuMillis: s.cpuMillis,
    cpuLimitMillis: s.cpuLimitMillis,
    memoryMiB: s.memoryMiB,
    fiber: s.fiber,
    appUsername: s.appUsername,
  }, withKubernetesProvider(`${baseName}-surrealdb-kubernetes`, s, opts));

  const { fiberPackages } = matrixRow("surrealdb");
  return {
    fiberPackages,
    outputs: {
      fiberPackages,
      endpoint: surreal.endpoint,
      kubernetesNamespace: surreal.namespace,
      namespace: surreal.fiber.namespace,
      database: surreal.fiber.database,
      defaultTable: surreal.fiber.table,
      secretName: surreal.appSecretName,
      tls: true,
      tlsSecretName: surreal.tlsSecretName,
      tlsDnsNames: surreal.tlsDnsNames,
      ...(workload.backup ? { backup: { bucket: workload.backup.target.bucketName, prefix: workload.backup.target.prefix, schedule: workload.backup.schedule } } : {}),
      ...(surreal.ebsCsiKmsPolicy && workload.ebsEncryption
        ? { ebsCsiKmsPolicy: { arn: surreal.ebsCsiKmsPolicy.arn, attachToRoleArn: workload.ebsEncryption.csiDriverRoleArn } }
        : {}),
    },
    dashboard: [],
  };
}
