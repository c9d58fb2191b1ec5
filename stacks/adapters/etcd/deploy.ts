import type * as pulumi from "@pulumi/pulumi";
import { APP_ROLE, ETCD_NAMES, EtcdCluster, PORTS, SECRET_KEYS } from "../../../components/etcd";
import { adapter as matrixRow } from "../../../components/matrix";
import type { SharedBlocks } from "../../shared";
import type { Deployed } from "../contract";
import { withKubernetesProvider, workloadArgs } from "../kubernetes";
import type { EtcdSettings } from "./settings";

/**
 * Stack output `etcd`: what the Fiber `storage/etcd` Config needs (gofiber/storage etcd/config.go: Endpoints,
 * DialTimeout, Username, Password, TLS), never a secret value.
 */
export interface EtcdOutputs {
  readonly fiberPackages: readonly string[];
  /**
   * `Config.Endpoints`: every member's own URL, then the client Service, https. clientv3 balances over the list and
   * moves off a member that fails; with the Service alone it keeps one connection to whichever member kube-proxy
   * picked. The server certificate's `*.etcd-peers...` name covers the members.
   */
  readonly endpoints: readonly string[];
  /** `Config.DialTimeout`, seconds: a TLS handshake plus Authenticate, with room for a leader election (Fiber's default is 2). */
  readonly dialTimeoutSeconds: number;
  readonly namespace: string;
  /** `Config.Username` / `Config.Password`: the Secret (in `namespace`) and its keys. */
  readonly credentials: { readonly secretName: string; readonly usernameKey: string; readonly passwordKey: string };
  /** `Config.TLS`: verify the servers with the CA, and present a client certificate it signed (the servers require one). */
  readonly tls: {
    readonly caFrom: string;
    /** What the application's certificate must be: issued by that CA, client-auth, and not an etcd identity. */
    readonly clientCertificate: string;
    readonly secretName: string;
    /** Names the servers' certificate must cover (it also serves as the peers' client certificate). */
    readonly dnsNames: readonly string[];
  };
  /** The only keys the application user may read and write: Sparki prefixes its Fiber keys with it. */
  readonly keyPrefix: string;
  readonly role: string;
  readonly members: number;
  readonly quotaBackendBytes: number;
  /** With customer-key volumes only: the policy the EBS CSI driver's role needs. */
  readonly ebsCsiKmsPolicy?: { readonly arn: pulumi.Output<string>; readonly attachToRoleArn: string };
}

/** Deploys the EtcdCluster component with the stack's shared blocks and returns the Fiber output. */
export function deployEtcd(s: EtcdSettings, shared: SharedBlocks): Deployed<EtcdOutputs> {
  const { opts, baseName } = shared;
  const etcd = new EtcdCluster(`${baseName}-etcd`, {
    ...workloadArgs(s, shared),
    members: s.members,
    volumeSizeGiB: s.volumeSizeGiB,
    quotaBackendGiB: s.quotaBackendGiB,
    cpuMillis: s.cpuMillis,
    cpuLimitMillis: s.cpuLimitMillis,
    memoryMiB: s.memoryMiB,
    image: s.image,
    clientImage: s.clientImage,
    keyPrefix: s.keyPrefix,
  }, withKubernetesProvider(`${baseName}-etcd-kubernetes`, s, opts));

  const { fiberPackages } = matrixRow("etcd");
  return {
    fiberPackages,
    outputs: {
      fiberPackages,
      endpoints: [...etcd.memberEndpoints, etcd.endpoint],
      dialTimeoutSeconds: 5,
      namespace: etcd.namespace,
      credentials: { secretName: etcd.appSecretName, usernameKey: SECRET_KEYS.username, passwordKey: SECRET_KEYS.password },
      tls: {
        caFrom: `ca.crt of the Secret ${etcd.tlsSecretName} in ${etcd.namespace} (the CA that issued the servers' certificate); `
          + "a pod mounts Secrets of its own namespace only: copy it, and the credentials Secret, into the application's (e.g. External Secrets)",
        clientCertificate: `a certificate with the client-auth usage issued by that CA (a ClusterIssuer, to issue it into the application's namespace): port ${PORTS.client} requires one (--client-cert-auth). `
          + `Its CN must not be root nor any other etcd user name (etcd takes a request without a token as the user named by the certificate's CN), `
          + `and it must not carry the members' names (*.${ETCD_NAMES.peerService}...), which the peer port admits`,
        secretName: etcd.tlsSecretName,
        dnsNames: etcd.tlsDnsNames,
      },
      keyPrefix: etcd.keyPrefix,
      role: APP_ROLE,
      members: etcd.members,
      quotaBackendBytes: etcd.quotaBackendBytes,
      ...(etcd.ebsCsiKmsPolicy && s.ebsCsiRoleArn ? { ebsCsiKmsPolicy: { arn: etcd.ebsCsiKmsPolicy.arn, attachToRoleArn: s.ebsCsiRoleArn } } : {}),
    },
    // Kubernetes workloads: CloudWatch cannot see them; the PrometheusRule alerts instead.
    dashboard: [],
  };
}
