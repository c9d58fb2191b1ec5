import { describe, expect, it } from "vitest";
import { KUBERNETES_POLICIES, resourceLimits, restrictedPodSecurity, statefulSetDisruptionBudget } from "../policy/kubernetes";
import { disruptionBudget, restrictedContainer, statefulSet, T } from "./policy-fixtures";
import { checkResource, checkStack, UNKNOWN } from "./policy-harness";

/** A StatefulSet whose one container (or pod spec) has `change` applied. */
function withContainer(change: Record<string, unknown>, podChange: Record<string, unknown> = {}): Record<string, unknown> {
  const base = restrictedContainer();
  return statefulSet(4, { containers: [{ ...base, ...change }], ...podChange });
}

function withContext(context: Record<string, unknown>): Record<string, unknown> {
  const base = restrictedContainer().securityContext as Record<string, unknown>;
  return withContainer({ securityContext: { ...base, ...context } });
}

async function problems(props: Record<string, unknown>, type: string = T.statefulSet): Promise<string[]> {
  const outcome = await checkResource(restrictedPodSecurity, { type, props });
  expect(outcome.unknownError).toBeUndefined();
  return outcome.violations;
}

describe("k8s-restricted-pod-security", () => {
  it("passes a restricted StatefulSet, and the same pod template in a Deployment, CronJob and Pod", async () => {
    const sts = statefulSet() as { spec: { template: { spec: Record<string, unknown> } } };
    const podSpec = sts.spec.template.spec;
    expect(await problems(sts)).toEqual([]);
    expect(await problems({ spec: { replicas: 2, template: { spec: podSpec } } }, T.deployment)).toEqual([]);
    expect(await problems({ spec: { schedule: "@daily", jobTemplate: { spec: { template: { spec: podSpec } } } } }, T.cronJob)).toEqual([]);
    expect(await problems({ spec: podSpec }, T.pod)).toEqual([]);
  });

  it.each([
    [{ allowPrivilegeEscalation: true }, "container minio: allowPrivilegeEscalation is not false."],
    [{ allowPrivilegeEscalation: undefined }, "container minio: allowPrivilegeEscalation is not false."],
    [{ capabilities: { drop: ["NET_RAW"] } }, "container minio: capabilities.drop does not include ALL."],
    [{ capabilities: { drop: ["ALL"], add: ["NET_BIND_SERVICE", "SYS_ADMIN"] } }, "container minio: capabilities.add has SYS_ADMIN: only NET_BIND_SERVICE may be added."],
    [{ privileged: true }, "container minio: privileged is true."],
    [{ runAsNonRoot: false }, "container minio: runAsNonRoot is not true (neither on the container nor on the pod)."],
    [{ runAsUser: 0 }, "container minio: runAsUser is 0: containers must not run as root."],
    [{ seccompProfile: { type: "Unconfined" } }, "container minio: seccompProfile.type is Unconfined: use RuntimeDefault or Localhost (on the container or the pod)."],
  ])("fails a container with %j", async (context, message) => {
    expect(await problems(withContext(context))).toEqual([message]);
  });

  it.each([
    [{ hostNetwork: true }, "hostNetwork is true: the pod would share the node's namespaces."],
    [{ hostPID: true }, "hostPID is true: the pod would share the node's namespaces."],
    [{ volumes: [{ name: "data", hostPath: { path: "/var/lib/minio" } }] },
      "volume data uses hostPath: only configMap, csi, downwardAPI, emptyDir, ephemeral, persistentVolumeClaim, projected, secret are allowed."],
    [{ securityContext: { runAsNonRoot: true, runAsUser: 0, seccompProfile: { type: "RuntimeDefault" } } }, "securityContext.runAsUser is 0: pods must not run as root."],
  ])("fails a pod with %j", async (podChange, message) => {
    expect(await problems(withContainer({}, podChange))).toEqual([message]);
  });

  it("fails a host port", async () => {
    expect(await problems(withContainer({ ports: [{ containerPort: 9000, hostPort: 9000 }] }))).toEqual(["container minio: hostPort 9000 binds a node port."]);
  });

  it("lets containers inherit runAsNonRoot and seccomp from the pod, and fails when neither sets them", async () => {
    const inherits = withContainer({ securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } } });
    expect(await problems(inherits)).toEqual([]);
    const bare = withContainer({ securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } } }, { securityContext: {} });
    expect(await problems(bare)).toEqual([
      "container minio: runAsNonRoot is not true (neither on the container nor on the pod).",
      "container minio: seccompProfile.type is not set: use RuntimeDefault or Localhost (on the container or the pod).",
    ]);
  });

  it("checks init containers too", async () => {
    const props = withContainer({}, { initContainers: [{ name: "init", image: "busybox" }] });
    expect(await problems(props)).toEqual([
      "init container init: allowPrivilegeEscalation is not false.",
      "init container init: capabilities.drop does not include ALL.",
    ]);
  });

  it("neither crashes nor accuses on values unknown during preview", async () => {
    expect(await problems(withContainer({ securityContext: UNKNOWN }))).toEqual([]);
    expect(await problems(withContainer({}, { securityContext: UNKNOWN, volumes: UNKNOWN }))).toEqual([]);
    expect(await problems({ ...statefulSet(), spec: UNKNOWN })).toEqual([]);
    expect(await problems(withContext({ runAsNonRoot: UNKNOWN, seccompProfile: UNKNOWN, capabilities: { drop: [UNKNOWN] } }))).toEqual([]);
  });

  it("ignores resources that run no pods", async () => {
    expect((await checkResource(restrictedPodSecurity, { type: T.pdb, props: disruptionBudget() })).notApplicable).toBe("not a workload");
  });
});

describe("k8s-resource-limits", () => {
  const run = async (props: Record<string, unknown>) => (await checkResource(resourceLimits, { type: T.statefulSet, props })).violations;

  it("passes containers with CPU and memory requests and limits", async () => {
    expect(await run(statefulSet())).toEqual([]);
  });

  it("fails a container missing one, and one without resources", async () => {
    expect(await run(withContainer({ resources: { requests: { cpu: "1", memory: "1Gi" }, limits: { memory: "1Gi" } } })))
      .toEqual(["container minio: resources limits.cpu not set: the scheduler cannot place it safely and one pod could starve the node."]);
    expect(await run(withContainer({ resources: undefined })))
      .toEqual(["container minio: resources requests.cpu, requests.memory, limits.cpu, limits.memory not set: the scheduler cannot place it safely and one pod could starve the node."]);
  });

  it("does not accuse resources unknown during preview", async () => {
    expect(await run(withContainer({ resources: UNKNOWN }))).toEqual([]);
    expect(await run(withContainer({ resources: { requests: { cpu: UNKNOWN, memory: "1Gi" }, limits: UNKNOWN } }))).toEqual([]);
  });

  it("ignores resources that run no pods", async () => {
    expect((await checkResource(resourceLimits, { type: T.pdb, props: disruptionBudget() })).notApplicable).toBe("not a workload");
  });
});

describe("k8s-statefulset-pdb", () => {
  const sts = (replicas: unknown = 4) => ({ type: T.statefulSet, name: "servers", props: statefulSet(replicas as number) });
  const pdb = (labels?: Record<string, string>, namespace?: string) => ({ type: T.pdb, name: "budget", props: disruptionBudget(labels, namespace) });
  const message = "StatefulSet minio has 4 replicas and no PodDisruptionBudget selecting its pods: a node drain could evict several at once and break quorum.";

  it("passes a multi-replica StatefulSet with a budget, and a single-replica one without", async () => {
    expect(await checkStack(statefulSetDisruptionBudget, [sts(), pdb()])).toMatchObject({ violations: [] });
    expect(await checkStack(statefulSetDisruptionBudget, [sts(1)])).toMatchObject({ violations: [] });
  });

  it("fails without a budget, with one in another namespace, and with one selecting other pods", async () => {
    expect((await checkStack(statefulSetDisruptionBudget, [sts()])).violations).toEqual([message]);
    expect((await checkStack(statefulSetDisruptionBudget, [sts(), pdb(undefined, "other")])).violations).toEqual([message]);
    expect((await checkStack(statefulSetDisruptionBudget, [sts(), pdb({ "app.kubernetes.io/name": "postgres" })])).violations).toEqual([message]);
  });

  it("does not accuse replicas or namespaces unknown during preview", async () => {
    expect((await checkStack(statefulSetDisruptionBudget, [sts(UNKNOWN)])).violations).toEqual([]);
    expect((await checkStack(statefulSetDisruptionBudget, [sts(), pdb(undefined, UNKNOWN)])).violations).toEqual([]);
  });

  it("is not applicable without StatefulSets", async () => {
    expect((await checkStack(statefulSetDisruptionBudget, [pdb()])).notApplicable).toBe("no StatefulSets");
  });
});

it("every Kubernetes policy has cases here", () => {
  expect(KUBERNETES_POLICIES.map((p) => p.name)).toEqual(["k8s-restricted-pod-security", "k8s-resource-limits", "k8s-statefulset-pdb"]);
});
