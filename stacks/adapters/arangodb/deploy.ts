import type * as pulumi from "@pulumi/pulumi";
import { ArangoDb } from "../../../components/arangodb";
import { adapter as matrixRow } from "../../../components/matrix";
import type { SharedBlocks } from "../../shared";
import type { Deployed } from "../contract";
import { withKubernetesProvider, workloadArgs } from "../kubernetes";
import type { ArangoDbSettings } from "./settings";

/**
 * Stack output `arangodb`: what the Fiber `storage/arangodb` Config takes (gofiber/storage arangodb/config.go:
 * Host with its scheme, Port, Username, Password, Database, Collection), the password by the name of its Secret only.
 */
export interface ArangoDbOutputs {
  readonly fiberPackages: readonly string[];
  /** `Config.Host`: `https://<deployment>.<namespace>.svc`, the client Service (coordinators, or the single server). */
  readonly host: string;
  /** `Config.Port`. */
  readonly port: number;
  readonly tls: true;
  /** `Config.Database` and `Config.Collection` (the provisioning Job creates both). */
  readonly database: string;
  readonly collection: string;
  /**
   * `Config.Username`: the app's own user, read-write on `database` only (never root), and the Secret (in
   * `namespace`, also holding `username`) whose `password` key is `Config.Password`.
   */
  readonly username: string;
  readonly passwordSecret: { readonly name: string; readonly key: "password" };
  /**
   * The CA the servers' certificates chain to: Secret `name` key `ca.crt` (the Secret also holds `ca.key`: copy only
   * `ca.crt` to the client). The Fiber adapter has no TLS settings: the client trusts it through Go's system pool:
   * add the CA with SSL_CERT_DIR (a directory list; the default bundle is still loaded) or a combined bundle,
   * never SSL_CERT_FILE alone (it replaces the public CAs).
   */
  readonly caCertificate: { readonly secretName: string; readonly key: "ca.crt" };
  readonly namespace: string;
  /** Namespaces with this label reach port 8529. */
  readonly clientNamespaceLabel: string;
  readonly mode: string;
  readonly edition: string;
  readonly encryptionAtRest: boolean;
  /** With customer-key volumes only: the policy the EBS CSI driver's role needs. */
  readonly ebsCsiKmsPolicy?: { readonly arn: pulumi.Output<string>; readonly attachToRoleArn: string };
  /** With backups: where arangodump's output lands. */
  readonly backup?: { readonly bucket: string; readonly prefix: string; readonly schedule: string };
}

/** ArangoDB through the kube-arangodb operator on an existing cluster, for the Fiber `storage/arangodb` adapter. */
export function deployArangoDb(s: ArangoDbSettings, shared: SharedBlocks): Deployed<ArangoDbOutputs> {
  const { opts, baseName } = shared;
  const h = s.hosting;
  const w = workloadArgs(h, shared);
  // The config rules guarantee operatorNamespace whenever the adapter deploys.
  const operatorNamespace = s.operatorNamespace ?? "";
  const db = new ArangoDb(`${baseName}-arangodb`, {
    ...w,
    // The operator issues the certificates; the hosting field's server-certificate Secret does not apply (rules refuse it).
    tlsSecretName: undefined,
    operatorNamespace,
    mode: s.mode,
    environment: s.environment,
    agents: s.agents,
    dbServers: s.dbServers,
    coordinators: s.coordinators,
    volumeSizeGiB: s.volumeSizeGiB,
    agentVolumeSizeGiB: s.agentVolumeSizeGiB,
    cpuMillis: s.cpuMillis,
    cpuLimitMillis: s.cpuLimitMillis,
    memoryMiB: s.memoryMiB,
    image: s.image,
    edition: s.edition,
    licenseSecretName: s.licenseSecretName,
    encryptionAtRest: s.encryptionAtRest,
    tlsCaSecretName: s.tlsCaSecretName,
    database: s.database,
    collection: s.collection,
    operatorEphemeralVolumes: s.operatorEphemeralVolumes,
    replicationFactor: s.replicationFactor,
    minReplicationFactor: s.minReplicationFactor,
    writeConcern: s.writeConcern,
  }, withKubernetesProvider(`${baseName}-arangodb-kubernetes`, h, opts));

  const { fiberPackages } = matrixRow("arangodb");
  const label = h.clientNamespaceLabel ?? { key: "storage.sparki.io/arangodb-client", value: "true" };
  return {
    fiberPackages,
    outputs: {
      fiberPackages,
      host: db.host,
      port: db.port,
      tls: true,
      database: db.database,
      collection: db.collection,
      username: db.fiberUsername,
      passwordSecret: { name: db.fiberPasswordSecretName, key: "password" },
      caCertificate: { secretName: db.caSecretName, key: "ca.crt" },
      namespace: db.namespace,
      clientNamespaceLabel: `${label.key}=${label.value}`,
      mode: s.mode,
      edition: s.edition,
      encryptionAtRest: s.encryptionAtRest,
      ...(db.ebsCsiKmsPolicy && w.ebsEncryption ? { ebsCsiKmsPolicy: { arn: db.ebsCsiKmsPolicy, attachToRoleArn: w.ebsEncryption.csiDriverRoleArn } } : {}),
      ...(w.backup ? { backup: { bucket: w.backup.target.bucketName, prefix: w.backup.target.prefix, schedule: w.backup.schedule } } : {}),
    },
    // Kubernetes workloads: CloudWatch sees none of their metrics; the PrometheusRule alerts instead.
    dashboard: [],
  };
}
