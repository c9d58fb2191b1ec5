import { objectLabels as workloadObjectLabels, selectorLabels as workloadSelectorLabels } from "../kubernetes/labels";
import { serviceDnsNames } from "../kubernetes/tls";

/**
 * Names of the Kubernetes objects inside the NATS namespace. The namespace is per environment, so the names inside
 * it are fixed and short (they appear in the route URLs and the certificate's DNS names).
 */
export const NATS_NAMES = {
  statefulSet: "nats",
  headlessService: "nats-headless",
  clientService: "nats",
  /** The server configuration: it holds the users' bcrypt hashes, so it is a Secret, never a ConfigMap. */
  configSecret: "nats-config",
  clientSecret: "nats-client-credentials",
  provisionerSecret: "nats-provisioner-credentials",
  backupSecret: "nats-backup-credentials",
  restoreSecret: "nats-restore-credentials",
  systemSecret: "nats-system-credentials",
  bucketJobPrefix: "nats-bucket",
  backup: "nats-backup",
  disruptionBudget: "nats",
  networkPolicy: "nats-ingress",
  podMonitor: "nats",
  prometheusRule: "nats",
} as const;

/**
 * Ports of the NATS server, as its docs number them (https://docs.nats.io/running-a-nats-service/introduction/installation#with-docker
 * and the image's `EXPOSE 4222 8222 6222`, checked 2026-11-29): clients 4222, routes (cluster) 6222, HTTP monitoring
 * 8222; and the exporter's default listen port 7777 (prometheus-nats-exporter `DefaultListenPort`).
 */
export const NATS_PORTS = { client: 4222, cluster: 6222, monitoring: 8222, exporter: 7777 } as const;

/** Accounts of the server: the application's (JetStream on, holds the KV stream) and the system account. */
export const NATS_ACCOUNTS = { app: "APP", system: "SYS" } as const;

/** Users, each with generated credentials in its own Secret. */
export const NATS_USERS = {
  /** The Fiber `storage/nats` adapter: reads and writes the bucket, nothing else. */
  client: { name: "fiber", account: NATS_ACCOUNTS.app, secret: NATS_NAMES.clientSecret },
  /** The bucket Job: creates the KV stream, nothing else. */
  provisioner: { name: "provisioner", account: NATS_ACCOUNTS.app, secret: NATS_NAMES.provisionerSecret },
  /** The backup's dump step: snapshots the KV stream, nothing else. */
  backup: { name: "backup", account: NATS_ACCOUNTS.app, secret: NATS_NAMES.backupSecret },
  /**
   * An operator's `nats stream restore` of a backup (docs/components.md, "Restoring a backup"): deletes and restores the
   * KV stream, nothing else. No workload uses it; it exists so that a restore needs no configuration change.
   */
  restore: { name: "restore", account: NATS_ACCOUNTS.app, secret: NATS_NAMES.restoreSecret },
  /** The system account's user, for operators (`nats server report jetstream`, `nats server check`). */
  system: { name: "system", account: NATS_ACCOUNTS.system, secret: NATS_NAMES.systemSecret },
} as const;

export type NatsUserRole = keyof typeof NATS_USERS;
export const NATS_USER_ROLES = Object.keys(NATS_USERS) as NatsUserRole[];

/**
 * Each user's own reply-subject prefix. Replies (JetStream API responses, direct gets, the deliveries of a KV watch,
 * snapshot chunks) go to the requester's inbox, so with one shared `_INBOX.>` any user of the account could subscribe
 * to another's replies and read the bucket. Each user may subscribe to `<prefix>.>` only, and its client must set the
 * prefix: nats.go `nats.CustomInboxPrefix(prefix)` (nats.go nats.go `CustomInboxPrefix`; `(*Conn).NewInbox` and the
 * request mux use it), natscli `--inbox-prefix` (natscli v0.3.1 nats/main.go; no environment variable), both checked
 * 2026-11-29. A prefix must not end with `.` nor contain `*` or `>` (CustomInboxPrefix refuses them). The system user is
 * alone in its account, so its replies are nobody else's to read: it keeps the default `_INBOX`.
 */
export function inboxPrefix(role: NatsUserRole): string {
  return role === "system" ? "_INBOX" : `_INBOX_${NATS_USERS[role].name}`;
}

/** Keys of every credentials Secret. */
export const CREDENTIAL_KEYS = { user: "user", password: "password" } as const;
/** Key of the server configuration in its Secret. */
export const CONFIG_KEY = "nats.conf";

export type NatsRole = "server" | "provisioner" | "backup";

export function selectorLabels(instance: string, role: NatsRole): Record<string, string> {
  return workloadSelectorLabels("nats", instance, role);
}

export function objectLabels(instance: string, role: NatsRole): Record<string, string> {
  return workloadObjectLabels("nats", instance, role);
}

/** Where the servers are reached. */
export interface NatsAddress {
  readonly namespace: string;
  readonly clusterDomain: string;
}

/** Stable DNS name of server pod `index` through the headless Service. */
export function podHost(address: NatsAddress, index: number): string {
  return `${NATS_NAMES.statefulSet}-${index}.${NATS_NAMES.headlessService}.${address.namespace}.svc.${address.clusterDomain}`;
}

/** The client Service's in-cluster name. */
export function clientHost(address: NatsAddress): string {
  return `${NATS_NAMES.clientService}.${address.namespace}.svc.${address.clusterDomain}`;
}

/** What the Fiber adapter's `Config.URLs` takes (comma-separated; one Service URL, TLS required). */
export function clientUrl(address: NatsAddress): string {
  return `tls://${clientHost(address)}:${NATS_PORTS.client}`;
}

/** Route URLs of every member: each server lists all of them (its own is ignored by the server). */
export function routeUrls(address: NatsAddress, nodes: number): string[] {
  return Array.from({ length: nodes }, (_, i) => `tls://${podHost(address, i)}:${NATS_PORTS.cluster}`);
}

/** DNS names the certificate in the TLS Secret must cover (client Service and every pod for routes). */
export function tlsDnsNames(address: NatsAddress): string[] {
  return serviceDnsNames(NATS_NAMES.clientService, address.namespace, address.clusterDomain, NATS_NAMES.headlessService);
}
