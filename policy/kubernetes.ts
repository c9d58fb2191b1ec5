import * as k8s from "@pulumi/kubernetes";
import type { ResourceValidationArgs, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import type { Unwrap } from "@pulumi/pulumi";
import { kubernetes } from "./lib/controls";
import { definitely, isAbsent, knownItems, type Read, read, valueOr } from "./lib/values";

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

export const KUBERNETES_POLICIES = [restrictedPodSecurity, resourceLimits, statefulSetDisruptionBudget];
