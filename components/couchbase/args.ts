import { type ContainerImage, imageProblems } from "../kubernetes/image";
import { DNS_LABEL } from "../kubernetes/labels";
import { type KubernetesWorkloadArgs, type ResolvedWorkloadArgs, resolveWorkloadArgs } from "../kubernetes/workload";
import { COUCHBASE_DEFAULTS, MAX_SERVERS } from "./defaults";
import {
  BUCKET_NAME, type CompressionMode, COMPRESSION_MODES, type DurabilityLevel, DURABILITY_LEVELS, engineSizingProblems, type EvictionPolicy,
  EVICTION_POLICIES, MAX_CLUSTER_NAME_LENGTH, placeholderDigest, placementProblems, SERVER_GROUP,
} from "./rules";

/** The Fiber adapter's bucket (storage/couchbase: a Couchbase bucket, the default collection). */
export interface CouchbaseBucketArgs {
  /** Bucket name in Couchbase (the adapter's `Bucket`). Default: `fiber_storage` (storage/couchbase ConfigDefault.Bucket). */
  readonly name?: string;
  /** Memory quota per data node, MiB (at least 100, at most the data service quota). Default: 256. */
  readonly memoryQuotaMiB?: number;
  /** Replica copies, 0..3 (at most servers - 1; at most 2 with durability). Default: 0. */
  readonly replicas?: number;
  /** Minimum durability of every write (`spec.minimumDurability`). Default: `none`. */
  readonly durability?: DurabilityLevel;
  /** Longest a document lives, seconds; 0 keeps documents until the adapter's own expiry or a delete. Default: 0. */
  readonly maxTtlSeconds?: number;
  /** Document compression (`off`, `passive`, `active`). Default: `passive` (the server's default). */
  readonly compression?: CompressionMode;
  /** What leaves memory under pressure (`valueOnly` keeps keys and metadata). Default: `valueOnly`. */
  readonly evictionPolicy?: EvictionPolicy;
}

export interface CouchbaseArgs extends KubernetesWorkloadArgs {
  /**
   * Namespace of the Couchbase Autonomous Operator (and its admission controller), installed outside this stack:
   * it is admitted to the servers' ports. A DNS label. No default (required: the operator is a prerequisite).
   */
  readonly operatorNamespace: string;
  /**
   * Whoever deploys this has a Couchbase Enterprise licence (or accepts its evaluation terms): the operator runs only
   * the Enterprise Edition. Must be true. No default.
   */
  readonly licenseAccepted: boolean;
  /** CouchbaseCluster name (a DNS label of at most 42 characters): also its pods' and Services' prefix. Default: `couchbase`. */
  readonly clusterName?: string;
  /** Server image, Enterprise Edition, pinned by digest. Default: {@link COUCHBASE_SERVER_IMAGE}. */
  readonly image?: ContainerImage;
  /** The operator's backup image; `digest` is required with `backup`. Default: {@link COUCHBASE_BACKUP_IMAGE} without a digest. */
  readonly backupImage?: Partial<ContainerImage>;
  /** Server pods, each running the data, index and query services. Default: 1. */
  readonly servers?: number;
  /** Zones (node label `topology.kubernetes.io/zone` values) the operator spreads the servers over, one server group each. Default: none. */
  readonly serverGroups?: readonly string[];
  /** Size of each server's volume (data, indexes, logs), GiB. Default: 10. */
  readonly volumeSizeGiB?: number;
  /** CPU request per server, millicores. Default: 1000. */
  readonly cpuMillis?: number;
  /** CPU limit per server, millicores (at least the request). Default: 2000. */
  readonly cpuLimitMillis?: number;
  /** Memory request = limit per server, MiB (at least the quotas plus 25 %). Default: 2048. */
  readonly memoryMiB?: number;
  /** Data service quota per server, MiB (at least 256). Default: 512. */
  readonly dataMemoryQuotaMiB?: number;
  /** Index service quota per server, MiB (at least 256). Default: 256. */
  readonly indexMemoryQuotaMiB?: number;
  readonly bucket?: CouchbaseBucketArgs;
  /** The application user's name (data reader and writer on the bucket only). Default: `sparki-fiber`. */
  readonly appUsername?: string;
  /** Hours a backup is kept in S3 before cbbackupmgr deletes it. Default: 720 (the operator's default, 30 days). */
  readonly backupRetentionHours?: number;
}

export { COUCHBASE_DEFAULTS, MAX_SERVERS, RUN_AS } from "./defaults";

export interface ResolvedCouchbaseArgs {
  readonly workload: ResolvedWorkloadArgs;
  readonly operatorNamespace: string;
  readonly clusterName: string;
  readonly image: ContainerImage;
  readonly backupImage: Partial<ContainerImage>;
  readonly servers: number;
  readonly serverGroups: readonly string[];
  readonly volumeSizeGiB: number;
  readonly cpuMillis: number;
  readonly cpuLimitMillis: number;
  readonly memoryMiB: number;
  readonly dataMemoryQuotaMiB: number;
  readonly indexMemoryQuotaMiB: number;
  readonly bucket: Required<CouchbaseBucketArgs>;
  readonly appUsername: string;
  readonly backupRetentionHours: number;
}

/** Couchbase user names: letters, digits and `-_.`, at most 128 characters (no characters the REST API escapes). */
const USERNAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
const BACKUP_IMAGE_DIGEST = "no public project pins a digest for couchbase/operator-backup:1.5.0; mirror it (`crane copy` keeps the digest) and name your mirror's digest";

const intIn = (v: number, min: number, max: number) => Number.isInteger(v) && v >= min && v <= max;

/** Every default applied once and every problem listed (each naming the argument, the value and what is allowed). */
export function resolveCouchbaseArgs(args: CouchbaseArgs): { resolved: ResolvedCouchbaseArgs; problems: string[] } {
  const d = COUCHBASE_DEFAULTS;
  const { resolved: workload, problems: workloadProblems } = resolveWorkloadArgs("couchbase", args);
  const resolved: ResolvedCouchbaseArgs = {
    workload,
    operatorNamespace: args.operatorNamespace,
    clusterName: args.clusterName ?? d.clusterName,
    image: args.image ?? d.image,
    backupImage: { ...d.backupImage, ...args.backupImage },
    servers: args.servers ?? d.servers,
    serverGroups: args.serverGroups ?? [],
    volumeSizeGiB: args.volumeSizeGiB ?? d.volumeSizeGiB,
    cpuMillis: args.cpuMillis ?? d.cpuMillis,
    cpuLimitMillis: args.cpuLimitMillis ?? d.cpuLimitMillis,
    memoryMiB: args.memoryMiB ?? d.memoryMiB,
    dataMemoryQuotaMiB: args.dataMemoryQuotaMiB ?? d.dataMemoryQuotaMiB,
    indexMemoryQuotaMiB: args.indexMemoryQuotaMiB ?? d.indexMemoryQuotaMiB,
    bucket: { ...d.bucket, ...args.bucket },
    appUsername: args.appUsername ?? d.appUsername,
    backupRetentionHours: args.backupRetentionHours ?? d.backupRetentionHours,
  };
  const r = resolved;
  const sizing = {
    servers: r.servers, dataMemoryQuotaMiB: r.dataMemoryQuotaMiB, indexMemoryQuotaMiB: r.indexMemoryQuotaMiB, bucketMemoryQuotaMiB: r.bucket.memoryQuotaMiB,
    replicas: r.bucket.replicas, durability: r.bucket.durability, maxTtlSeconds: r.bucket.maxTtlSeconds, memoryMiB: r.memoryMiB,
  };
  const backupImageProblems = workload.backup === undefined ? [] : r.backupImage.digest === undefined
    ? [`backupImage.digest is required with backups: ${BACKUP_IMAGE_DIGEST}`]
    : placeholderDigest(r.backupImage.digest)
      ? [`backupImage.digest "${r.backupImage.digest}" is a placeholder (one hex digit 64 times), not an image's digest: name your mirror's digest`]
      : imageProblems(r.backupImage as ContainerImage).map((p) => `backupImage: ${p}`);
  const problems = [
    ...workloadProblems,
    ...(args.licenseAccepted === true ? [] : [`licenseAccepted must be true, got ${String(args.licenseAccepted)}: the Couchbase Autonomous Operator runs only Couchbase Server Enterprise Edition, which needs a Couchbase licence`]),
    ...(DNS_LABEL.test(r.operatorNamespace ?? "") ? [] : [`operatorNamespace "${String(r.operatorNamespace)}" must be a DNS label: the namespace of the Couchbase Autonomous Operator, a prerequisite installed outside this stack`]),
    ...(DNS_LABEL.test(r.clusterName) && r.clusterName.length <= MAX_CLUSTER_NAME_LENGTH ? [] : [`clusterName "${r.clusterName}" must be a DNS label of at most ${MAX_CLUSTER_NAME_LENGTH} characters (the operator refuses longer names)`]),
    ...imageProblems(r.image).map((p) => `image: ${p}`),
    ...backupImageProblems,
    ...(intIn(r.servers, 1, MAX_SERVERS) ? [] : [`servers must be an integer 1..${MAX_SERVERS}, got ${r.servers}`]),
    ...r.serverGroups.filter((g) => !SERVER_GROUP.test(g)).map((g) => `serverGroups "${g}" is not a zone name the operator accepts (letters, digits, '.', '_' and '-')`),
    ...(new Set(r.serverGroups).size === r.serverGroups.length ? [] : [`serverGroups [${r.serverGroups.join(", ")}] must not repeat a zone (the operator takes them as a set)`]),
    ...(intIn(r.volumeSizeGiB, 1, 16_384) ? [] : [`volumeSizeGiB must be an integer 1..16384, got ${r.volumeSizeGiB}`]),
    ...(intIn(r.cpuMillis, 50, 64_000) ? [] : [`cpuMillis must be an integer 50..64000, got ${r.cpuMillis}`]),
    ...(r.cpuLimitMillis >= r.cpuMillis ? [] : [`cpuLimitMillis ${r.cpuLimitMillis} must be at least cpuMillis ${r.cpuMillis} (Kubernetes refuses a limit below the request)`]),
    ...(BUCKET_NAME.test(r.bucket.name) ? [] : [`bucket.name "${r.bucket.name}" must be 1-100 of a-z, A-Z, 0-9 and "-_%." (the operator's bucket name pattern)`]),
    ...(DURABILITY_LEVELS.includes(r.bucket.durability) ? [] : [`bucket.durability "${r.bucket.durability}" must be one of ${DURABILITY_LEVELS.join(", ")}`]),
    ...(COMPRESSION_MODES.includes(r.bucket.compression) ? [] : [`bucket.compression "${r.bucket.compression}" must be one of ${COMPRESSION_MODES.join(", ")}`]),
    ...(EVICTION_POLICIES.includes(r.bucket.evictionPolicy) ? [] : [`bucket.evictionPolicy "${r.bucket.evictionPolicy}" must be one of ${EVICTION_POLICIES.join(", ")}`]),
    ...(USERNAME.test(r.appUsername) ? [] : [`appUsername "${r.appUsername}" must be 1-128 letters, digits, '.', '_' or '-', starting with a letter or digit`]),
    ...(intIn(r.backupRetentionHours, 24, 87_600) ? [] : [`backupRetentionHours must be an integer 24..87600, got ${r.backupRetentionHours}`]),
    ...[...engineSizingProblems(sizing), ...placementProblems(sizing)].map((p) => `${p.field} ${p.message}`),
  ];
  return { resolved, problems };
}
