// What etcd itself refuses when a member starts, checked on a StatefulSet's pod template before anything is
// created. Pure: the policy pack (policy/engine-rules-etcd.ts) and the tests use it.

/** Sources of the rules below (etcd v3.6.6, checked 2026-11-29). */
export const ETCD_LOCAL_NAME_SOURCE = "etcd server/config/config.go: couldn't find local name in the initial cluster configuration";
export const ETCD_TLS_FILES_SOURCE = "etcd server/embed/etcd.go: TLS key/cert must be provided for client and metrics URLs with HTTPS scheme";

/** The parts of a StatefulSet the rules read. */
export interface EtcdMemberSet {
  readonly name: string;
  readonly replicas: number;
  /** The etcd container's args (`--flag=value` form). */
  readonly args: readonly string[];
}

/** `--flag=value` of `args`, the last one winning (as pflag does); undefined when absent. */
export function flagValue(args: readonly string[], flag: string): string | undefined {
  const prefix = `--${flag}=`;
  return args.filter((a) => a.startsWith(prefix)).map((a) => a.slice(prefix.length)).at(-1);
}

/** Whether a container's args are an etcd server's (it is given an initial cluster). */
export function isEtcdServer(args: readonly string[]): boolean {
  return flagValue(args, "initial-cluster") !== undefined;
}

/**
 * Each member's `--name` must appear in `--initial-cluster`: etcd refuses to start with "couldn't find local
 * name %q in the initial cluster configuration" (server/config/config.go). With `--name=$(POD_NAME)` the names
 * are the StatefulSet's pods, `<name>-0` .. `<name>-<replicas-1>`. A listed member no pod will ever be counts
 * toward the quorum a new cluster waits for, so the list must be exactly the pods.
 */
export function localNameProblems(set: EtcdMemberSet): string[] {
  const cluster = flagValue(set.args, "initial-cluster");
  if (cluster === undefined || flagValue(set.args, "name") !== "$(POD_NAME)") return [];
  const listed = cluster.split(",").map((entry) => entry.split("=")[0]);
  const pods = Array.from({ length: set.replicas }, (_, i) => `${set.name}-${i}`);
  return [
    ...pods.filter((pod) => !listed.includes(pod)).map((pod) =>
      `member ${pod} is not in --initial-cluster (${listed.join(", ")}): etcd refuses to start it ("couldn't find local name in the initial cluster configuration")`),
    ...listed.filter((member) => !pods.includes(member)).map((member) =>
      `--initial-cluster lists ${member}, which none of the ${set.replicas} pods is: a new cluster waits for a quorum that counts it`),
  ];
}

/**
 * HTTPS client or metrics URLs need the server's certificate and key: etcd refuses to start with "TLS key/cert
 * (--cert-file, --key-file) must be provided for client url ... with HTTPS scheme" (embed.configureClientListeners)
 * or "... for metrics secure url" (ErrMissingClientTLSInfoForMetricsURL).
 */
export function tlsFileProblems(set: EtcdMemberSet): string[] {
  const hasFiles = flagValue(set.args, "cert-file") && flagValue(set.args, "key-file");
  if (hasFiles) return [];
  return (["listen-client-urls", "listen-metrics-urls"] as const)
    .filter((flag) => (flagValue(set.args, flag) ?? "").split(",").some((url) => url.startsWith("https://")))
    .map((flag) => `--${flag} has an https URL but --cert-file and --key-file are not both set: etcd refuses to start ("TLS key/cert (--cert-file, --key-file) must be provided")`);
}
