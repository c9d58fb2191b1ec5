import { posix } from "node:path";
import * as k8s from "@pulumi/kubernetes";
import type { ResourceValidationArgs, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import type { Unwrap } from "@pulumi/pulumi";
import { baseline, engineRule, kubernetes } from "./lib/controls";
import { definitely, hasUnknownItems, isAbsent, knownItems, type Read, read, valueOr } from "./lib/values";

type PodSpec = Unwrap<k8s.types.input.core.v1.PodSpec>;
type Container = Unwrap<k8s.types.input.core.v1.Container>;

const PSS_URL = "https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted";

/** The pod template of a workload (Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob). */
export function podSpecOf(args: ResourceValidationArgs): { spec: PodSpec | undefined } | undefined {
  const spec = (get: () => PodSpec | undefined) => ({ spec: valueOr(get, undefined) });
  const pod = args.asType(k8s.core.v1.Pod);
  if (pod) return spec(() => pod.spec);
  const cronJob = args.asType(k8s.batch.v1.CronJob);
  if (cronJob) return spec(() => cronJob.spec?.jobTemplate.spec?.template.spec);
  const workload = args.asType(k8s.apps.v1.Deployment) ?? args.asType(k8s.apps.v1.StatefulSet) ?? args.asType(k8s.apps.v1.DaemonSet)
    ?? args.asType(k8s.apps.v1.ReplicaSet) ?? args.asType(k8s.batch.v1.Job);
  if (workload) return spec(() => workload.spec?.template?.spec);
  return undefined;
}

interface NamedContainer {
  readonly label: string;
  readonly container: Container;
}

function containersOf(pod: PodSpec, withEphemeral: boolean): NamedContainer[] {
  const named = (kind: string, list: readonly Container[]) =>
    list.map((container, i) => ({ label: `${kind} ${valueOr(() => container.name, String(i))}`, container }));
  return [
    ...named("container", knownItems(() => pod.containers)),
    ...named("init container", knownItems(() => pod.initContainers)),
    ...(withEphemeral ? named("ephemeral container", knownItems(() => pod.ephemeralContainers)) : []),
  ];
}

/** Volume sources the restricted profile allows. */
const RESTRICTED_VOLUME_SOURCES = ["configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "persistentVolumeClaim", "projected", "secret"];
const SECCOMP_ALLOWED = ["RuntimeDefault", "Localhost"];

/** A container setting, falling back to the pod-level one when the container leaves it unset. */
function effective<T>(container: () => T | undefined, pod: () => T | undefined): Read<T | undefined> {
  const own = read(container);
  if (own.known && own.value !== undefined) return own;
  const inherited = read(pod);
  return own.known ? inherited : { known: false };
}

/** Every way `pod` breaks the restricted Pod Security Standard, as messages. */
export function restrictedViolations(pod: PodSpec): string[] {
  const problems: string[] = [];
  for (const flag of ["hostNetwork", "hostPID", "hostIPC"] as const) {
    if (definitely(() => pod[flag] === true)) problems.push(`${flag} is true: the pod would share the node's namespaces.`);
  }
  for (const volume of knownItems(() => pod.volumes)) {
    const sources = valueOr(() => Object.keys(volume).filter((k) => k !== "name"), []);
    const forbidden = sources.filter((s) => !RESTRICTED_VOLUME_SOURCES.includes(s));
    if (forbidden.length > 0) problems.push(`volume ${valueOr(() => volume.name, "?")} uses ${forbidden.join(", ")}: only ${RESTRICTED_VOLUME_SOURCES.join(", ")} are allowed.`);
  }
  if (definitely(() => pod.securityContext?.runAsUser === 0)) problems.push("securityContext.runAsUser is 0: pods must not run as root.");
  for (const { label, container } of containersOf(pod, true)) {
    const context = () => container.securityContext;
    if (definitely(() => context()?.privileged === true)) problems.push(`${label}: privileged is true.`);
    if (definitely(() => context()?.allowPrivilegeEscalation !== false)) problems.push(`${label}: allowPrivilegeEscalation is not false.`);
    if (definitely(() => !(context()?.capabilities?.drop ?? []).includes("ALL"))) problems.push(`${label}: capabilities.drop does not include ALL.`);
    const added = valueOr(() => [...(context()?.capabilities?.add ?? [])], [] as string[]).filter((c) => c !== "NET_BIND_SERVICE");
    if (added.length > 0) problems.push(`${label}: capabilities.add has ${added.join(", ")}: only NET_BIND_SERVICE may be added.`);
    const nonRoot = effective(() => context()?.runAsNonRoot, () => pod.securityContext?.runAsNonRoot);
    if (nonRoot.known && nonRoot.value !== true) problems.push(`${label}: runAsNonRoot is not true (neither on the container nor on the pod).`);
    if (definitely(() => context()?.runAsUser === 0)) problems.push(`${label}: runAsUser is 0: containers must not run as root.`);
    const seccomp = effective(() => context()?.seccompProfile?.type, () => pod.securityContext?.seccompProfile?.type);
    if (seccomp.known && !SECCOMP_ALLOWED.includes(String(seccomp.value))) {
      problems.push(`${label}: seccompProfile.type is ${seccomp.value ?? "not set"}: use RuntimeDefault or Localhost (on the container or the pod).`);
    }
    for (const port of knownItems(() => container.ports)) {
      if (!isAbsent(() => port.hostPort) && !definitely(() => port.hostPort === 0)) problems.push(`${label}: hostPort ${valueOr(() => String(port.hostPort), "?")} binds a node port.`);
    }
  }
  return problems;
}

export const restrictedPodSecurity: ResourceValidationPolicy = {
  name: "k8s-restricted-pod-security",
  ...kubernetes("PSS restricted", "Every workload's pod template meets the restricted Pod Security Standard.", PSS_URL,
    "Set runAsNonRoot, seccompProfile RuntimeDefault, allowPrivilegeEscalation false and drop ALL capabilities; use only restricted volume types."),
  validateResource: (args, report) => {
    const workload = podSpecOf(args);
    if (!workload) return args.notApplicable("not a workload");
    if (!workload.spec) return;
    for (const problem of restrictedViolations(workload.spec)) report(problem);
  },
};

/** `<registry>/<repository>[:tag]@sha256:<64 hex>`: what the node pulls cannot change under the same reference. */
const PINNED_BY_DIGEST = /@sha256:[a-f0-9]{64}$/;
/** Bitnami moved its versioned images to the unmaintained `bitnamilegacy` repository in 2025 (components/kubernetes/image.ts). */
const REFUSED_IMAGE = /(^|\/)(bitnami|bitnamilegacy|bitnamicharts)\//;

export const imagePinnedByDigest: ResourceValidationPolicy = {
  name: "k8s-image-pinned-digest",
  // https://kubernetes.io/docs/concepts/containers/images/#image-names: a digest "uniquely identifies a specific version of an image".
  ...baseline("Sparki baseline: images", "Every container image is pinned by digest and none comes from the Bitnami catalogue.", "high",
    "Reference images as registry/repository:tag@sha256:<digest> (mirror them; the digest survives `crane copy`), from the project's own repository."),
  validateResource: (args, report) => {
    const workload = podSpecOf(args);
    if (!workload) return args.notApplicable("not a workload");
    if (!workload.spec) return;
    for (const { label, container } of containersOf(workload.spec, true)) {
      const image = read(() => container.image);
      if (!image.known) continue;
      const reference = typeof image.value === "string" ? image.value : "";
      if (!PINNED_BY_DIGEST.test(reference)) report(`${label}: image "${reference}" is not pinned by digest: a re-pointed tag would change what runs without a plan showing it.`);
      if (REFUSED_IMAGE.test(reference.split("@")[0])) report(`${label}: image "${reference}" is from the Bitnami catalogue, whose versioned images are no longer maintained.`);
    }
  },
};

const RESOURCE_KEYS = ["requests.cpu", "requests.memory", "limits.cpu", "limits.memory"] as const;

export const resourceLimits: ResourceValidationPolicy = {
  name: "k8s-resource-limits",
  ...kubernetes("kube-score container-resources", "Every container of a workload states CPU and memory requests and limits.",
    "https://github.com/zegl/kube-score/blob/master/README_CHECKS.md", "Set resources.requests and resources.limits (cpu and memory) on every container."),
  validateResource: (args, report) => {
    const workload = podSpecOf(args);
    if (!workload) return args.notApplicable("not a workload");
    if (!workload.spec) return;
    for (const { label, container } of containersOf(workload.spec, false)) {
      const missing = RESOURCE_KEYS.filter((key) => {
        const [kind, resource] = key.split(".") as ["requests" | "limits", "cpu" | "memory"];
        return isAbsent(() => (container.resources?.[kind] as Record<string, unknown> | undefined)?.[resource]);
      });
      if (missing.length > 0) {
        report(`${label}: resources ${missing.join(", ")} not set: the scheduler cannot place it safely and one pod could starve the node.`);
      }
    }
  },
};

/**
 * Directories the container runtime creates as root. To mount a volume at a path that does not exist, the runtime
 * creates the missing directories itself, as root, mode 0755, when it starts the container: runc's createIfNotExists
 * (libcontainer/rootfs_linux.go) runs os.MkdirAll(dest, 0o755) before the bind mount; inside configMap, Secret,
 * projected and downwardAPI volumes the kubelet's MakeNestedMountpoints (pkg/volume/util/nested_volumes.go) does
 * the same. fsGroup does not reach them: Kubernetes "changes ownership and permissions for the contents of each
 * volume to match the fsGroup ... when that volume is mounted", before the container starts
 * (https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#configure-volume-permission-and-ownership-change-policy-for-pods).
 * All checked 2026-11-29. A mount nested two or more levels below a writable mount therefore leaves root-owned
 * directories in a volume the container believes it can write: the MinIO provisioning Job's `mc` (UID 1000) could
 * not create its config in /tmp/.mc because the CA Secret was mounted at /tmp/.mc/certs/CAs.
 */
const ROOT_CREATED_DIRS_URL = "https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#configure-volume-permission-and-ownership-change-policy-for-pods";

/** Environment variables through which a program is told where it may write. */
export const WRITABLE_PATH_ENV = ["HOME", "MC_CONFIG_DIR", "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME"] as const;

interface Mount {
  readonly name: string;
  readonly path: string;
  /** Known to be mounted writable (readOnly known and not true). */
  readonly writable: boolean;
}

/** A mount below another one, and the directories between them that the runtime creates (empty when directly below). */
interface Nesting {
  readonly outer: Mount;
  readonly inner: Mount;
  readonly createdDirs: readonly string[];
}

/** `/a/b/` and `/a//b/./` -> `/a/b`; undefined for a relative path. */
function cleanPath(path: string): string | undefined {
  if (!path.startsWith("/")) return undefined;
  const normalized = posix.normalize(path);
  return normalized.length > 1 && normalized.endsWith("/") ? normalized.slice(0, -1) : normalized;
}

function isBelow(path: string, dir: string): boolean {
  return dir === "/" ? path !== "/" : path.startsWith(`${dir}/`);
}

/** The closest mount that `path` lies strictly below, if any. */
function enclosingMount(path: string, mounts: readonly Mount[]): Mount | undefined {
  return mounts.filter((m) => isBelow(path, m.path)).sort((a, b) => b.path.length - a.path.length)[0];
}

/** Every mount of `container` with its closest enclosing mount; undefined when a mount path is not known (preview). */
function nestedMounts(container: Container): { mounts: Mount[]; nestings: Nesting[] } | undefined {
  if (hasUnknownItems(() => container.volumeMounts)) return undefined;
  const mounts: Mount[] = [];
  for (const mount of knownItems(() => container.volumeMounts)) {
    const path = read(() => mount.mountPath);
    const clean = path.known && typeof path.value === "string" ? cleanPath(path.value) : undefined;
    if (clean === undefined) return undefined;
    mounts.push({
      name: valueOr(() => mount.name, "?"), path: clean,
      writable: definitely(() => mount.readOnly !== true),
    });
  }
  const nestings = mounts.flatMap((inner): Nesting[] => {
    const outer = enclosingMount(inner.path, mounts);
    if (!outer) return [];
    const steps = inner.path.slice(outer.path === "/" ? 1 : outer.path.length + 1).split("/");
    const createdDirs = steps.slice(0, -1).map((_, i) => posix.join(outer.path, ...steps.slice(0, i + 1)));
    return [{ outer, inner, createdDirs }];
  });
  return { mounts, nestings };
}

/** The container runs as a user other than root: runAsUser known and not 0, or runAsNonRoot true (container over pod). */
function runsAsNonRoot(pod: PodSpec, container: Container): boolean {
  const user = effective(() => container.securityContext?.runAsUser, () => pod.securityContext?.runAsUser);
  if (user.known && user.value !== undefined) return user.value !== 0;
  const nonRoot = effective(() => container.securityContext?.runAsNonRoot, () => pod.securityContext?.runAsNonRoot);
  return nonRoot.known && nonRoot.value === true;
}

/** Every place a non-root container of `pod` would meet a directory the runtime created as root, as messages. */
export function rootCreatedDirViolations(pod: PodSpec): string[] {
  const problems: string[] = [];
  for (const { label, container } of containersOf(pod, false)) {
    if (!runsAsNonRoot(pod, container)) continue;
    const layout = nestedMounts(container);
    if (!layout) continue;
    for (const { outer, inner, createdDirs } of layout.nestings) {
      // Below a read-only mount nothing is writable anyway; declared writable paths are checked below.
      if (createdDirs.length === 0 || !outer.writable) continue;
      problems.push(`${label}: volume mount ${inner.name} at ${inner.path} is ${createdDirs.length + 1} directories below the writable mount `
        + `${outer.name} at ${outer.path}, so the container runtime creates ${createdDirs.join(", ")} as root (mode 0755) and the non-root user `
        + `cannot write there; mount it directly in ${outer.path} or outside it (and copy what is needed at start).`);
    }
    for (const variable of knownItems(() => container.env)) {
      const name = valueOr(() => variable.name, "");
      if (!(WRITABLE_PATH_ENV as readonly string[]).includes(name)) continue;
      const value = read(() => variable.value);
      // Only literal paths: `$(VAR)` is expanded by the kubelet, valueFrom at run time.
      const path = value.known && typeof value.value === "string" && !value.value.includes("$(") ? cleanPath(value.value) : undefined;
      if (path === undefined || layout.mounts.some((m) => m.path === path)) continue;
      const home = enclosingMount(path, layout.mounts);
      const nesting = layout.nestings.find((n) => n.outer === home && n.createdDirs.some((d) => d === path || isBelow(path, d)));
      if (!nesting) continue;
      const dir = nesting.createdDirs.find((d) => d === path || isBelow(path, d))!;
      problems.push(`${label}: ${name}=${path} is ${dir === path ? "" : `inside ${dir}, `}a directory the container runtime creates as root (mode 0755) `
        + `for the volume mount ${nesting.inner.name} at ${nesting.inner.path}, so the non-root user cannot write it; point ${name} at a `
        + "writable volume with no mount nested below it.");
    }
  }
  return problems;
}

export const noRootCreatedDirs: ResourceValidationPolicy = {
  name: "k8s-no-root-created-dirs",
  ...engineRule("runc createIfNotExists, kubelet MakeNestedMountpoints", "2026-11-29",
    "No non-root container has a volume mount two or more directories below another writable mount, nor HOME, MC_CONFIG_DIR or XDG_* "
    + "in a directory the runtime creates for such a mount: the runtime creates those directories as root, mode 0755.",
    "Mount the inner volume directly in the outer one or at its own path outside it (read-only) and copy what is needed into the "
    + "writable directory at start; point HOME/MC_CONFIG_DIR at a writable volume with no mount nested below it.", ROOT_CREATED_DIRS_URL),
  validateResource: (args, report) => {
    const workload = podSpecOf(args);
    if (!workload) return args.notApplicable("not a workload");
    if (!workload.spec) return;
    for (const problem of rootCreatedDirViolations(workload.spec)) report(problem);
  },
};

/** `subset` labels all appear with the same values in `labels`. */
function selects(subset: Record<string, string>, labels: Record<string, string>): boolean {
  const entries = Object.entries(subset);
  return entries.length > 0 && entries.every(([k, v]) => labels[k] === v);
}

export const statefulSetDisruptionBudget: StackValidationPolicy = {
  name: "k8s-statefulset-pdb",
  ...kubernetes("PDB for StatefulSets", "Every StatefulSet with more than one replica is covered by a PodDisruptionBudget.",
    "https://kubernetes.io/docs/tasks/run-application/configure-pdb/", "Add a policy/v1 PodDisruptionBudget in the same namespace selecting the StatefulSet's pod labels."),
  validateStack: (args, report) => {
    const sets = args.resources.filter((r) => r.isType(k8s.apps.v1.StatefulSet));
    if (sets.length === 0) args.notApplicable("no StatefulSets");
    const budgets = args.resources.flatMap((r) => r.asType(k8s.policy.v1.PodDisruptionBudget) ?? []);
    for (const resource of sets) {
      const set = resource.asType(k8s.apps.v1.StatefulSet)!;
      const replicas = read(() => set.spec.replicas ?? 1);
      if (!replicas.known || replicas.value <= 1) continue;
      const namespace = read(() => set.metadata.namespace ?? "default");
      const labels = read(() => ({ ...set.spec.template.metadata?.labels }));
      if (!labels.known) continue;
      const covered = budgets.some((pdb) => {
        const pdbNamespace = read(() => pdb.metadata.namespace ?? "default");
        const sameNamespace = !namespace.known || !pdbNamespace.known || namespace.value === pdbNamespace.value;
        const selector = read(() => ({ ...pdb.spec.selector?.matchLabels }));
        return sameNamespace && (!selector.known || selects(selector.value, labels.value));
      });
      if (!covered) {
        report(`StatefulSet ${valueOr(() => set.metadata.name, resource.name)} has ${replicas.value} replicas and no PodDisruptionBudget selecting its pods: a node drain could evict several at once and break quorum.`, resource.urn);
      }
    }
  },
};

/** Provisioners that create EBS volumes: the EBS CSI driver and the in-tree plugin it replaced. */
export const EBS_PROVISIONERS = ["ebs.csi.aws.com", "kubernetes.io/aws-ebs"];
const AWS_MANAGED_KEY = /^(alias\/)?aws\//;

export const ebsStorageClassEncrypted: ResourceValidationPolicy = {
  name: "k8s-ebs-storage-class-encrypted",
  ...baseline("Sparki baseline: volumes", "StorageClasses that provision EBS volumes encrypt them with the customer KMS key: parameters encrypted \"true\" and kmsKeyId.", "high",
    "Set parameters.encrypted: \"true\" and parameters.kmsKeyId to the environment's key, and give the EBS CSI driver's role the key policy "
    + "(components/minio ebsKmsStorageClass, components/embedded-kv)."),
  validateResource: (args, report) => {
    const sc = args.asType(k8s.storage.v1.StorageClass);
    if (!sc) return args.notApplicable("not a StorageClass");
    const provisioner = read(() => sc.provisioner);
    if (provisioner.known && !EBS_PROVISIONERS.includes(provisioner.value)) args.notApplicable(`provisioner ${provisioner.value} does not create EBS volumes`);
    if (!provisioner.known) return;
    const encrypted = read(() => sc.parameters?.encrypted);
    if (encrypted.known && encrypted.value !== "true") {
      report(`parameters.encrypted is ${encrypted.value === undefined ? "not set" : `"${encrypted.value}"`}: the driver would create unencrypted volumes unless the account encrypts by default. Set it to "true".`);
    }
    const key = read(() => sc.parameters?.kmsKeyId);
    if (key.known && (key.value === undefined || key.value === "")) {
      report("parameters.kmsKeyId is not set: volumes would use the AWS-managed aws/ebs key instead of the environment's customer key.");
    } else if (key.known && AWS_MANAGED_KEY.test(key.value!)) {
      report(`parameters.kmsKeyId is the AWS-managed ${key.value}: use the environment's customer key.`);
    }
  },
};

export const KUBERNETES_POLICIES = [restrictedPodSecurity, imagePinnedByDigest, resourceLimits, noRootCreatedDirs, statefulSetDisruptionBudget, ebsStorageClassEncrypted];
