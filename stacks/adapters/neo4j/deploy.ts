import type * as pulumi from "@pulumi/pulumi";
import { adapter as matrixRow } from "../../../components/matrix";
import { Neo4j } from "../../../components/neo4j";
import type { SharedBlocks } from "../../shared";
import type { Deployed } from "../contract";
import { withKubernetesProvider, workloadArgs } from "../kubernetes";
import type { Neo4jSettings } from "./settings";

/**
 * Stack output `neo4j`: what the Fiber storage/neo4j `Config` needs (gofiber/storage neo4j/config.go: `URI`,
 * `Username`, `Password`, `Node`), never the password itself.
 */
export interface Neo4jOutputs {
  readonly fiberPackages: readonly string[];
  /** The adapter's `URI`: `neo4j+s://neo4j.<namespace>.svc.<domain>:7687` (TLS required; HTTP is off). */
  readonly uri: string;
  /** Kubernetes namespace of the server and the credentials Secret. */
  readonly kubernetesNamespace: string;
  /** The adapter's `Username` (`neo4j`: Community has no roles, so no less privileged user exists). */
  readonly username: string;
  /** Secret (in `kubernetesNamespace`) with the adapter's `Username` and `Password` under `username` and `password`. */
  readonly secretName: string;
  /** The adapter's `Node`. */
  readonly node: string;
  /** Always true: Bolt requires TLS. */
  readonly tls: true;
  /** The `kubernetes.io/tls` Secret to issue the server certificate into, and the names it must cover. */
  readonly tlsSecretName: string;
  readonly tlsDnsNames: readonly string[];
  /** Where the daily export of the Fiber label lands (backups on only). */
  readonly backup?: { readonly bucket: string; readonly prefix: string; readonly schedule: string };
  /** With customer-key volumes only: the policy the EBS CSI driver's role needs. */
  readonly ebsCsiKmsPolicy?: { readonly arn: pulumi.Output<string>; readonly attachToRoleArn: string };
}

/**
 * Neo4j Community Edition on an existing Kubernetes cluster for the Fiber `storage/neo4j` adapter (components/neo4j).
 * CloudWatch does not see the workload, so there are no dashboard rows; its alerts are Prometheus rules.
 */
export function deployNeo4j(s: Neo4jSettings, shared: SharedBlocks): Deployed<Neo4jOutputs> {
  const { opts, baseName } = shared;
  const workload = workloadArgs(s, shared);
  const neo4j = new Neo4j(`${baseName}-neo4j`, {
    ...workload,
    image: s.image,
    replicas: s.replicas,
    volumeSizeGiB: s.volumeSizeGiB,
    cpuMillis: s.cpuMillis,
    cpuLimitMillis: s.cpuLimitMillis,
    memoryMiB: s.memoryMiB,
    nodeLabel: s.nodeLabel,
  }, withKubernetesProvider(`${baseName}-neo4j-kubernetes`, s, opts));

  const { fiberPackages } = matrixRow("neo4j");
  return {
    fiberPackages,
    outputs: {
      fiberPackages,
      uri: neo4j.uri,
      kubernetesNamespace: neo4j.namespace,
      username: neo4j.username,
      secretName: neo4j.credentialsSecretName,
      node: neo4j.nodeLabel,
      tls: true,
      tlsSecretName: neo4j.tlsSecretName,
      tlsDnsNames: neo4j.tlsDnsNames,
      ...(workload.backup ? { backup: { bucket: workload.backup.target.bucketName, prefix: workload.backup.target.prefix, schedule: workload.backup.schedule } } : {}),
      ...(neo4j.ebsCsiKmsPolicy && workload.ebsEncryption
        ? { ebsCsiKmsPolicy: { arn: neo4j.ebsCsiKmsPolicy.arn, attachToRoleArn: workload.ebsEncryption.csiDriverRoleArn } }
        : {}),
    },
    dashboard: [],
  };
}
