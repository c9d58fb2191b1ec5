import { type ContainerImage, imageProblems } from "../kubernetes/image";
import { DNS_LABEL, DNS_SUBDOMAIN } from "../kubernetes/labels";
import { type KubernetesWorkloadArgs, type ResolvedWorkloadArgs, resolveWorkloadArgs } from "../kubernetes/workload";
import { ARANGODB_DEFAULTS, COLLECTION_NAME, DATABASE_NAME, imageVersion } from "./defaults";
import { type ArangoDbEdition, ARANGODB_EDITIONS, editionProblems } from "./edition";
import { agentCountProblem, DEPLOYMENT_MODES, type DeploymentEnvironment, type DeploymentMode, ENVIRONMENTS, groupCountProblems } from "./rules";

export interface ArangoDbArgs extends KubernetesWorkloadArgs {
  /**
   * Namespace the kube-arangodb operator runs in (a prerequisite this component does not install): the only
   * namespace besides the deployment's own allowed to reach the servers' port. No default.
   */
  readonly operatorNamespace: string;
  /** Name of the ArangoDeployment and prefix of everything the operator creates (`<name>` is the client Service). Default: `arangodb`. */
  readonly deploymentName?: string;
  /** `Single` (one server) or `Cluster` (agents, DB-Servers, Coordinators). Default: `Single`. */
  readonly mode?: DeploymentMode;
  /** Operator environment: `Production` requires anti-affinity across nodes and the production minimum counts. Default: `Development`. */
  readonly environment?: DeploymentEnvironment;
  /** Agents (Cluster only), odd. Default: 3 (count). */
  readonly agents?: number;
  /** DB-Servers (Cluster only), at least 2. Default: 3 (count). */
  readonly dbServers?: number;
  /** Coordinators (Cluster only): the client Service's endpoints. Default: 2 (count). */
  readonly coordinators?: number;
  /** Volume of the single server or of each DB-Server, 1..16384. Default: 10 (GiB). */
  readonly volumeSizeGiB?: number;
  /** Volume of each agent (Cluster only), 1..16384. Default: 2 (GiB). */
  readonly agentVolumeSizeGiB?: number;
  /** CPU request per server, 100..64000. Default: 500 (millicores). */
  readonly cpuMillis?: number;
  /** CPU limit per server, `cpuMillis`..64000. Default: 2000 (millicores). */
  readonly cpuLimitMillis?: number;
  /** Memory request and limit per server, 1024..262144. Default: 2048 (MiB). */
  readonly memoryMiB?: number;
  /** Server image (also runs the backup's arangodump), pinned by digest. Default: `ARANGODB_IMAGE` (./image.ts). */
  readonly image?: ContainerImage;
  /** `community` or `enterprise` (needs `licenseSecretName`). Default: `community`. */
  readonly edition?: ArangoDbEdition;
  /**
   * Secret with the Enterprise licence key (`spec.license.secretName`); enterprise only. The operator and its
   * image-discovery pod read the key `token` (or `license-v2`/`token-v2`) of that Secret (kube-arangodb 1.4.4
   * pkg/deployment/images.go, constants SecretKeyToken; checked 2026-11-29). Default: none.
   */
  readonly licenseSecretName?: string;
  /** RocksDB encryption at rest with a generated 32-byte key (on top of the encrypted volumes). Default: true. */
  readonly encryptionAtRest?: boolean;
  /**
   * Secret with the CA (`ca.crt`, `ca.key`) the operator signs the servers' certificates with; when it does not
   * exist the operator creates a self-signed CA under that name. Default: `<deploymentName>-ca`.
   */
  readonly tlsCaSecretName?: string;
  /** Database the Fiber adapter uses (it creates it on first connect). Default: `fiber`. */
  readonly database?: string;
  /** Collection the Fiber adapter uses (the provisioning Job creates it). Default: `fiber_storage`. */
  readonly collection?: string;
  /** The user the provisioning Job creates with read-write access to `database` only; the app's `Config.Username`. Default: `fiber`. */
  readonly fiberUsername?: string;
  /**
   * The operator runs with `--deployment.feature.ephemeral-volumes` (or `secured-containers`, which needs it): it then
   * gives arangod emptyDirs for its temp and app paths, and the root filesystem can be read-only. Without that feature
   * arangod writes below its root filesystem (/tmp, /var/lib/arangodb3-apps), so the groups keep it writable
   * (kube-arangodb 1.4.4 pkg/deployment/pod/security.go, features/security.go enabledByDefault false; checked
   * 2026-11-29). Default: false.
   */
  readonly operatorEphemeralVolumes?: boolean;
  /** Cluster only: `--cluster.default-replication-factor`, copies of each new shard, at most `dbServers`. Default: 2 (count). */
  readonly replicationFactor?: number;
  /** Cluster only: `--cluster.min-replication-factor`, the fewest copies a new collection may ask for, at most `replicationFactor`. Default: 1 (count). */
  readonly minReplicationFactor?: number;
  /** Cluster only: `--cluster.write-concern`, copies that must acknowledge a write, at most `replicationFactor`. Default: 1 (count). */
  readonly writeConcern?: number;
}

export interface ResolvedArangoDbArgs {
  readonly workload: ResolvedWorkloadArgs;
  readonly operatorNamespace: string;
  readonly deploymentName: string;
  readonly mode: DeploymentMode;
  readonly environment: DeploymentEnvironment;
  readonly agents: number;
  readonly dbServers: number;
  readonly coordinators: number;
  readonly volumeSizeGiB: number;
  readonly agentVolumeSizeGiB: number;
  readonly cpuMillis: number;
  readonly cpuLimitMillis: number;
  readonly memoryMiB: number;
  readonly image: ContainerImage;
  readonly edition: ArangoDbEdition;
  readonly licenseSecretName?: string;
  readonly encryptionAtRest: boolean;
  readonly tlsCaSecretName: string;
  readonly database: string;
  readonly collection: string;
  readonly fiberUsername: string;
  readonly operatorEphemeralVolumes: boolean;
  readonly replicationFactor: number;
  readonly minReplicationFactor: number;
  readonly writeConcern: number;
}

function integerProblem(field: string, value: number, min: number, max: number): string[] {
  return Number.isInteger(value) && value >= min && value <= max ? [] : [`${field} must be an integer ${min}..${max}, got ${value}`];
}

/** The provisioning Job's user name: the stack keeps to plain names (ArangoDB allows more; these need no quoting). */
const USER_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

/** arangod exits at start unless min <= default <= max (10); a factor above the DB-Server count cannot place its copies. */
function replicationProblems(r: ResolvedArangoDbArgs): string[] {
  return [
    ...integerProblem("replicationFactor", r.replicationFactor, 1, Math.min(10, r.dbServers)),
    ...integerProblem("minReplicationFactor", r.minReplicationFactor, 1, r.replicationFactor),
    ...integerProblem("writeConcern", r.writeConcern, 1, r.replicationFactor),
  ];
}

/** Applies every default once and checks every argument; throws one Error listing all problems. */
export function resolveArangoDbArgs(name: string, args: ArangoDbArgs): ResolvedArangoDbArgs {
  const d = ARANGODB_DEFAULTS;
  const { resolved: workload, problems: workloadProblems } = resolveWorkloadArgs("arangodb", args);
  const deploymentName = args.deploymentName ?? d.deploymentName;
  const r: ResolvedArangoDbArgs = {
    workload,
    operatorNamespace: args.operatorNamespace,
    deploymentName,
    mode: args.mode ?? d.mode,
    environment: args.environment ?? d.environment,
    agents: args.agents ?? d.agents,
    dbServers: args.dbServers ?? d.dbServers,
    coordinators: args.coordinators ?? d.coordinators,
    volumeSizeGiB: args.volumeSizeGiB ?? d.volumeSizeGiB,
    agentVolumeSizeGiB: args.agentVolumeSizeGiB ?? d.agentVolumeSizeGiB,
    cpuMillis: args.cpuMillis ?? d.cpuMillis,
    cpuLimitMillis: args.cpuLimitMillis ?? d.cpuLimitMillis,
    memoryMiB: args.memoryMiB ?? d.memoryMiB,
    image: args.image ?? d.image,
    edition: args.edition ?? d.edition,
    licenseSecretName: args.licenseSecretName,
    encryptionAtRest: args.encryptionAtRest ?? d.encryptionAtRest,
    tlsCaSecretName: args.tlsCaSecretName ?? `${deploymentName}-ca`,
    database: args.database ?? d.database,
    collection: args.collection ?? d.collection,
    fiberUsername: args.fiberUsername ?? d.fiberUsername,
    operatorEphemeralVolumes: args.operatorEphemeralVolumes ?? d.operatorEphemeralVolumes,
    replicationFactor: args.replicationFactor ?? d.replicationFactor,
    minReplicationFactor: args.minReplicationFactor ?? d.minReplicationFactor,
    writeConcern: args.writeConcern ?? d.writeConcern,
  };
  const cluster = r.mode === "Cluster";
  const problems = [
    ...workloadProblems,
    // The workload's `tlsSecretName` is a server certificate; the operator issues those itself from a CA.
    ...(args.tlsSecretName !== undefined ? [`tlsSecretName does not apply: the operator issues the servers' certificates from the CA in tlsCaSecretName`] : []),
    ...(DNS_LABEL.test(r.operatorNamespace) ? [] : [`operatorNamespace "${r.operatorNamespace}" must be a DNS label`]),
    ...(DNS_LABEL.test(r.deploymentName) && r.deploymentName.length <= 40 ? [] : [`deploymentName "${r.deploymentName}" must be a DNS label of at most 40 characters (the operator appends member suffixes)`]),
    ...(DEPLOYMENT_MODES.includes(r.mode) ? [] : [`mode "${String(r.mode)}" must be one of ${DEPLOYMENT_MODES.join(", ")}`]),
    ...(ENVIRONMENTS.includes(r.environment) ? [] : [`environment "${String(r.environment)}" must be one of ${ENVIRONMENTS.join(", ")}`]),
    ...(ARANGODB_EDITIONS.includes(r.edition) ? [] : [`edition "${String(r.edition)}" must be one of ${ARANGODB_EDITIONS.join(", ")}`]),
    ...groupCountProblems(r.mode, r.environment, cluster ? { agents: r.agents, dbservers: r.dbServers, coordinators: r.coordinators } : { single: 1 }),
    ...(cluster ? [agentCountProblem(r.agents)].filter((p): p is string => p !== undefined) : []),
    ...integerProblem("volumeSizeGiB", r.volumeSizeGiB, 1, 16_384),
    ...integerProblem("agentVolumeSizeGiB", r.agentVolumeSizeGiB, 1, 16_384),
    ...integerProblem("cpuMillis", r.cpuMillis, 100, 64_000),
    ...integerProblem("cpuLimitMillis", r.cpuLimitMillis, r.cpuMillis, 64_000),
    ...integerProblem("memoryMiB", r.memoryMiB, 1024, 262_144),
    ...imageProblems(r.image).map((p) => `image ${p}`),
    ...editionProblems({ edition: r.edition, licenseSecretName: r.licenseSecretName, encryptionAtRest: r.encryptionAtRest, version: imageVersion(r.image) })
      .map((p) => `${p.field} ${p.message}`),
    ...[r.licenseSecretName, r.tlsCaSecretName].filter((v): v is string => v !== undefined && !DNS_SUBDOMAIN.test(v)).map((v) => `"${v}" must be a DNS subdomain`),
    ...(DATABASE_NAME.test(r.database) ? [] : [`database "${r.database}" must start with a letter and hold letters, digits, '_' and '-' (at most 64)`]),
    ...(COLLECTION_NAME.test(r.collection) ? [] : [`collection "${r.collection}" must start with a letter and hold letters, digits, '_' and '-' (at most 256)`]),
    ...(USER_NAME.test(r.fiberUsername) && r.fiberUsername !== "root" ? [] : [`fiberUsername "${r.fiberUsername}" must start with a letter, hold letters, digits, '_' and '-' (at most 64), and not be root`]),
    ...(cluster ? replicationProblems(r) : []),
  ];
  if (problems.length > 0) throw new Error(`ArangoDb ${name}: ${problems.join("; ")}`);
  return r;
}

/** The defaults are arguments of this interface (a compile-time check: defaults.ts cannot import this file without a cycle). */
export const ARANGODB_DEFAULT_ARGS: Partial<ArangoDbArgs> = ARANGODB_DEFAULTS;

export { ARANGODB_DEFAULTS, ARANGODB_PORT, COLLECTION_NAME, DATABASE_NAME, EXPORTER_PORT, imageVersion, RUN_AS } from "./defaults";
