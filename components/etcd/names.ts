import { objectLabels as workloadObjectLabels, selectorLabels as workloadSelectorLabels } from "../kubernetes/labels";
import { serviceDnsNames } from "../kubernetes/tls";

/** Names of the Kubernetes objects inside the etcd namespace (the namespace is per environment, so these are fixed and short). */
export const ETCD_NAMES = {
  statefulSet: "etcd",
  peerService: "etcd-peers",
  clientService: "etcd",
  rootSecret: "etcd-root-credentials",
  appSecret: "etcd-app-credentials",
  provisioningJobPrefix: "etcd-auth",
  defragCronJob: "etcd-defrag",
  backupCronJob: "etcd-backup",
  disruptionBudget: "etcd",
  networkPolicy: "etcd-ingress",
  podMonitor: "etcd",
  prometheusRule: "etcd-alerts",
} as const;

/**
 * etcd's IANA-assigned ports (https://etcd.io/docs/v3.6/op-guide/configuration/: client 2379, peer 2380) and the
 * metrics listener on 2381, the port kubeadm gives `--listen-metrics-urls` (checked 2026-11-29).
 */
export const PORTS = { client: 2379, peer: 2380, metrics: 2381 } as const;

/** Keys of both credential Secrets. */
export const SECRET_KEYS = { username: "username", password: "password" } as const;

/** The application's etcd user and its role (limited to the key prefix). */
export const APP_USER = "sparki";
export const APP_ROLE = "sparki-prefix";

export type EtcdRole = "server" | "provisioner" | "backup" | "maintenance";

export function selectorLabels(instance: string, role: EtcdRole): Record<string, string> {
  return workloadSelectorLabels("etcd", instance, role);
}

export function objectLabels(instance: string, role: EtcdRole): Record<string, string> {
  return workloadObjectLabels("etcd", instance, role);
}

export interface EtcdAddress {
  readonly namespace: string;
  readonly clusterDomain: string;
}

/** `etcd-<i>.etcd-peers.<ns>.svc.<domain>`: the stable DNS name of member `i` (headless Service). */
export function memberHost(address: EtcdAddress, index: number): string {
  return `${ETCD_NAMES.statefulSet}-${index}.${ETCD_NAMES.peerService}.${address.namespace}.svc.${address.clusterDomain}`;
}

/** Every member's stable DNS name, in order. */
export function memberHosts(address: EtcdAddress, members: number): string[] {
  return Array.from({ length: members }, (_, i) => memberHost(address, i));
}

/** The static bootstrap: `etcd-0=https://etcd-0.etcd-peers...:2380,...`, one entry per member. */
export function initialCluster(address: EtcdAddress, members: number): string {
  return Array.from({ length: members }, (_, i) => `${ETCD_NAMES.statefulSet}-${i}=https://${memberHost(address, i)}:${PORTS.peer}`).join(",");
}

/** Every member's client URL (maintenance talks to each in turn). */
export function memberClientUrls(address: EtcdAddress, members: number): string[] {
  return Array.from({ length: members }, (_, i) => `https://${memberHost(address, i)}:${PORTS.client}`);
}

/** The in-cluster client endpoint (client Service). */
export function clientEndpoint(address: EtcdAddress): string {
  return `https://${ETCD_NAMES.clientService}.${address.namespace}.svc.${address.clusterDomain}:${PORTS.client}`;
}

/** DNS names the certificate must cover: the client Service and every member behind the headless Service. */
export function tlsDnsNames(address: EtcdAddress): string[] {
  return serviceDnsNames(ETCD_NAMES.clientService, address.namespace, address.clusterDomain, ETCD_NAMES.peerService);
}
