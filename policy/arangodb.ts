import type { ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { ARANGO_DEPLOYMENT_TYPE, renderedPodSecurity } from "../components/arangodb/spec";
import { baseline, kubernetes } from "./lib/controls";
import { restrictedViolations } from "./kubernetes";
import { read } from "./lib/values";

/**
 * Policies for kube-arangodb `ArangoDeployment` custom resources (components/arangodb). The operator creates the
 * pods, so the pack judges the spec it creates them from: the group security contexts as the operator renders them,
 * TLS, authentication, the root password, no external Service, encryption at rest, and a digest-pinned image.
 */

type Spec = Record<string, unknown>;
/** The member groups, and `id`: the operator's image-discovery pod, which the namespace's Restricted admission judges too. */
type Group = "single" | "agents" | "dbservers" | "coordinators" | "id";

/** The spec as plain data, or undefined when any part of it is unknown (preview: nothing is proven). */
function specOf(args: ResourceValidationArgs): Spec | undefined {
  if (args.type !== ARANGO_DEPLOYMENT_TYPE) return args.notApplicable("not a kube-arangodb ArangoDeployment");
  const r = read(() => {
    const spec = (args.props as { spec?: unknown }).spec;
    return spec === undefined ? {} : JSON.parse(JSON.stringify(spec)) as Spec;
  });
  return r.known ? r.value : undefined;
}

const at = (spec: Spec, ...path: string[]): unknown => path.reduce<unknown>((v, k) => (typeof v === "object" && v !== null ? (v as Spec)[k] : undefined), spec);

/** The groups the deployment runs: `single` in mode Single, the three cluster groups otherwise (the operator's default mode is Cluster). */
function usedGroups(spec: Spec): readonly Group[] {
  return [...((at(spec, "mode") ?? "Cluster") === "Single" ? ["single"] as const : ["agents", "dbservers", "coordinators"] as const), "id"];
}

export const arangoDbRestrictedPods: ResourceValidationPolicy = {
  name: "arangodb-restricted-pod-security",
  ...kubernetes("PSS restricted", "Every pod the kube-arangodb operator creates for an ArangoDeployment meets the Restricted standard: each group's (and the image-discovery pod's `spec.id`) securityContext, as the operator renders it (server_group_security_context_spec.go), passes the same checks as k8s-restricted-pod-security.",
    "https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted",
    "Give every group a securityContext with runAsNonRoot, a non-zero runAsUser, allowPrivilegeEscalation false, dropAllCapabilities true and seccompProfile RuntimeDefault (components/arangodb groupSecurityContext)."),
  validateResource: (args, report) => {
    const spec = specOf(args);
    if (spec === undefined) return;
    for (const group of usedGroups(spec)) {
      const security = renderedPodSecurity(at(spec, group, "securityContext") ?? {});
      // The operator applies the same container context to every container of a member (server, init, metrics sidecar).
      const pod = { securityContext: security.pod, containers: [{ name: "server", securityContext: security.container }] } as unknown as Parameters<typeof restrictedViolations>[0];
      for (const violation of restrictedViolations(pod)) report(`${group}: ${violation}`);
    }
  },
};

export const arangoDbSecured: ResourceValidationPolicy = {
  name: "arangodb-tls-auth",
  ...baseline("Sparki baseline: encryption", "An ArangoDeployment serves TLS (tls.caSecretName not None), authenticates with a JWT secret (auth.jwtSecretName not None), bootstraps a root password from a Secret (bootstrap.passwordSecretNames.root, not None: the operator's default leaves it empty) and creates no external Service (externalAccess.type None: the default Auto makes a LoadBalancer).", "high",
    "Set tls.caSecretName, auth.jwtSecretName and bootstrap.passwordSecretNames.root to Secret names and externalAccess.type to None (components/arangodb does)."),
  validateResource: (args, report) => {
    const spec = specOf(args);
    if (spec === undefined) return;
    const none = (v: unknown) => v === "None" || v === "";
    if (none(at(spec, "tls", "caSecretName"))) report("tls.caSecretName is None: clients and members would speak plain HTTP. Name a CA Secret (the operator creates one when it does not exist).");
    if (none(at(spec, "auth", "jwtSecretName"))) report("auth.jwtSecretName is None: authentication is off and anyone who reaches port 8529 is root. Name a JWT Secret.");
    const root = at(spec, "bootstrap", "passwordSecretNames", "root");
    if (root === undefined || none(root)) report("bootstrap.passwordSecretNames.root is not set: the operator leaves the root password empty (its default None). Name a Secret with the generated password.");
    const external = at(spec, "externalAccess", "type");
    if (external !== "None") report(`externalAccess.type is ${typeof external === "string" ? external : "unset (Auto)"}: the operator creates a LoadBalancer or NodePort Service outside the cluster. Set None.`);
  },
};

export const arangoDbEncryptionAtRest: ResourceValidationPolicy = {
  name: "arangodb-encryption-at-rest",
  ...baseline("Sparki baseline: encryption", "An ArangoDeployment encrypts its RocksDB data with a key from a Secret (rocksdb.encryption.keySecretName), on top of the volumes' own encryption (Community Edition from ArangoDB 3.12.5).", "high",
    "Set rocksdb.encryption.keySecretName (components/arangodb generates the 32-byte key; sparki-storage:arangodb.encryptionAtRest, prod refuses false)."),
  validateResource: (args, report) => {
    const spec = specOf(args);
    if (spec === undefined) return;
    const key = at(spec, "rocksdb", "encryption", "keySecretName");
    if (typeof key !== "string" || key === "") report("rocksdb.encryption.keySecretName is not set: the data files are readable by anyone with the volume (or a snapshot of it). Name the encryption key Secret.");
  },
};

export const arangoDbImagePinned: ResourceValidationPolicy = {
  name: "arangodb-image-pinned-digest",
  ...baseline("Sparki baseline: images", "An ArangoDeployment's image names its digest (`@sha256:`): every member the operator creates, now or after a restart, runs the same build (https://kubernetes.io/docs/concepts/containers/images/#image-names).", "high",
    "Set spec.image to registry/repository:tag@sha256:<digest> (components/arangodb does)."),
  validateResource: (args, report) => {
    const spec = specOf(args);
    if (spec === undefined) return;
    const image = at(spec, "image");
    if (typeof image !== "string" || !/@sha256:[a-f0-9]{64}$/.test(image)) report(`image ${typeof image === "string" ? image : "(unset: the operator's default)"} is not pinned by digest: a re-pushed tag changes what new members run. Pin @sha256:<digest>.`);
  },
};

/** The value of `--<name>=<v>` or `--<name> <v>` in an argument list. */
function argValue(args: unknown, name: string): string | undefined {
  if (!Array.isArray(args)) return undefined;
  const list = args.filter((a): a is string => typeof a === "string");
  for (const [i, a] of list.entries()) {
    if (a.startsWith(`--${name}=`)) return a.slice(name.length + 3);
    if (a === `--${name}`) return list[i + 1];
  }
  return undefined;
}

export const arangoDbClusterReplication: ResourceValidationPolicy = {
  name: "arangodb-cluster-replication",
  ...baseline("Sparki baseline: durability", "A Cluster-mode ArangoDeployment keeps at least two copies of every new shard: its Coordinators run with `--cluster.default-replication-factor` of 2 or more (arangod's default is 1: one DB-Server's volume lost is its shards lost; the options are effective on Coordinators only, arangod 3.12 ClusterOptionsProvider) and a `--cluster.write-concern` no higher than it.", "high",
    "Set coordinators.args to --cluster.default-replication-factor=<2..DB-Servers>, --cluster.min-replication-factor and --cluster.write-concern (components/arangodb replicationArgs; the prod profile uses 3, 2, 2)."),
  validateResource: (args, report) => {
    const spec = specOf(args);
    if (spec === undefined || usedGroups(spec).includes("single")) return;
    const coordinatorArgs = at(spec, "coordinators", "args");
    const factor = Number(argValue(coordinatorArgs, "cluster.default-replication-factor") ?? argValue(coordinatorArgs, "cluster.min-replication-factor") ?? 1);
    if (!(factor >= 2)) report(`coordinators run with a default replication factor of ${factor}: every new shard has one copy, lost with one DB-Server's volume. Set --cluster.default-replication-factor to 2 or more.`);
    const writeConcern = Number(argValue(coordinatorArgs, "cluster.write-concern") ?? 1);
    if (writeConcern > factor) report(`--cluster.write-concern ${writeConcern} is above the replication factor ${factor}: no write could be acknowledged.`);
  },
};

export const ARANGODB_POLICIES = [arangoDbRestrictedPods, arangoDbSecured, arangoDbEncryptionAtRest, arangoDbImagePinned, arangoDbClusterReplication];
