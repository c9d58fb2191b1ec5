// What a NATS server and JetStream refuse, and the NATS baseline, checked on the Kubernetes objects before anything is
// created. Pure: the policy pack (policy/nats.ts, policy/engine-rules-nats.ts) and the tests use it.
import { MAX_STREAM_REPLICAS, MIN_CLUSTER_NODES } from "./topology";

/** Sources of the replica rule (nats-server, checked 2026-11-29). */
export const NATS_REPLICAS_SOURCE = "nats-server server/stream.go (\"maximum replicas is 5\") and server/errors.json "
  + "(JSStreamReplicasNotSupportedErr \"replicas > 1 not supported in non-clustered mode\", JSInsufficientResourcesErr \"insufficient resources\")";

/** The parts of a container the checks read. */
export interface ContainerShape {
  readonly image?: string;
  readonly command?: readonly string[];
  readonly args?: readonly string[];
  readonly volumeMounts?: readonly { readonly name: string; readonly mountPath: string }[];
}

/** The parts of a pod template's volumes the checks read. */
export interface VolumeShape {
  readonly name: string;
  readonly secret?: unknown;
  readonly configMap?: unknown;
}

/** A NATS server container: it runs `nats-server` (as components/nats does, or through the official image's entrypoint). */
export function isNatsServer(c: ContainerShape): boolean {
  const exe = c.command?.[0] ?? "";
  if (exe === "nats-server" || exe.endsWith("/nats-server")) return true;
  // The official image (`nats`, `library/nats`) with no command runs its entrypoint, which starts nats-server.
  return c.command === undefined && /(^|\/)(library\/)?nats(:|@)/.test(c.image ?? "");
}

/** The value after `--config` / `-c` (or in `--config=`), if any. */
export function configPath(args: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--config" || args[i] === "-c") return args[i + 1];
    if (args[i].startsWith("--config=")) return args[i].slice("--config=".length);
  }
  return undefined;
}

/**
 * The NATS baseline on a server StatefulSet: its configuration file comes from a Secret volume (it carries the users'
 * password hashes: a ConfigMap is readable by anyone who may list ConfigMaps, and the NATS Helm chart keeps it in
 * one), and it runs 1 server or 3+ (a JetStream Raft group of 2 stops when either is down).
 */
export function baselineProblems(replicas: number, container: ContainerShape, volumes: readonly VolumeShape[]): string[] {
  const problems: string[] = [];
  const path = configPath([...(container.command?.slice(1) ?? []), ...(container.args ?? [])]);
  if (path === undefined) {
    problems.push("no --config: the server would run without users or TLS (anyone reaching port 4222 could connect in plaintext)");
  } else {
    const mount = [...(container.volumeMounts ?? [])].filter((m) => path === m.mountPath || path.startsWith(`${m.mountPath.replace(/\/$/, "")}/`))
      .sort((a, b) => b.mountPath.length - a.mountPath.length)[0];
    const volume = volumes.find((v) => v.name === mount?.name);
    if (volume?.secret === undefined) {
      problems.push(`--config ${path} is not read from a Secret volume${volume?.configMap !== undefined ? " (it is a ConfigMap)" : ""}: the configuration holds the users' password hashes`);
    }
  }
  if (replicas > 1 && replicas < MIN_CLUSTER_NODES) {
    problems.push(`${replicas} servers: a JetStream Raft group of ${replicas} stops when either server is down; run 1 or at least ${MIN_CLUSTER_NODES}`);
  }
  return problems;
}

/** `nats kv add "<bucket>" ... --replicas=<n>` in a script: the bucket and its replicas (1 when not given). */
export function kvAdds(script: string): { readonly bucket: string; readonly replicas: number }[] {
  return script.split("\n").flatMap((line) => {
    const m = /\bnats kv add\s+"?([A-Za-z0-9_-]+)"?(.*)$/.exec(line);
    if (!m) return [];
    const r = /--replicas[= ](\d+)/.exec(m[2]);
    return [{ bucket: m[1], replicas: r ? Number(r[1]) : 1 }];
  });
}

/**
 * What JetStream refuses when a stream (a KV bucket) of `replicas` is created on `servers` servers: more than
 * {@link MAX_STREAM_REPLICAS}, more than 1 without a cluster, more than the cluster has servers.
 */
export function kvReplicaProblems(bucket: string, replicas: number, servers: number): string[] {
  if (replicas > MAX_STREAM_REPLICAS) return [`bucket ${bucket} asks for ${replicas} replicas: JetStream refuses more than ${MAX_STREAM_REPLICAS} ("maximum replicas is ${MAX_STREAM_REPLICAS}")`];
  if (replicas > 1 && servers === 1) return [`bucket ${bucket} asks for ${replicas} replicas of a single server: JetStream refuses it ("replicas > 1 not supported in non-clustered mode")`];
  if (replicas > servers) return [`bucket ${bucket} asks for ${replicas} replicas of ${servers} servers: JetStream cannot place it ("insufficient resources")`];
  return [];
}
