import * as k8s from "@pulumi/kubernetes";
import { describe, expect, it } from "vitest";
import { provisioningJob } from "../components/minio/provisioning";
import { imagePinnedByDigest, KUBERNETES_POLICIES, noRootCreatedDirs, resourceLimits, restrictedPodSecurity, statefulSetDisruptionBudget } from "../policy/kubernetes";
import { disruptionBudget, restrictedContainer, statefulSet, T } from "./policy-fixtures";
import { checkResource, checkStack, pulumiType, UNKNOWN } from "./policy-harness";

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

describe("k8s-image-pinned-digest", () => {
  const digest = `sha256:${"0f".repeat(32)}`;
  const imageProblems = async (image: string, type: string = T.statefulSet) =>
    (await checkResource(imagePinnedByDigest, { type, props: withContainer({ image }) })).violations;

  it("passes an image pinned by tag and digest, or by digest alone", async () => {
    expect(await imageProblems(`quay.io/minio/minio:RELEASE.2025-09-07T16-13-09Z@${digest}`)).toEqual([]);
    expect(await imageProblems(`nats@${digest}`)).toEqual([]);
  });

  it.each([
    ["quay.io/minio/minio:RELEASE.2025-09-07T16-13-09Z", "is not pinned by digest"],
    ["nats:latest", "is not pinned by digest"],
    // A digest must be the whole 64 hex digits: a prefix is not a pin.
    ["nats:2.11@sha256:abc", "is not pinned by digest"],
  ])("fails %s", async (image, message) => {
    const found = await imageProblems(image);
    expect(found).toHaveLength(1);
    expect(found[0]).toContain(message);
  });

  it.each([`docker.io/bitnami/etcd:3.5.17@${digest}`, `bitnamilegacy/etcd:3.5.17@${digest}`])("fails the Bitnami catalogue: %s", async (image) => {
    expect(await imageProblems(image)).toEqual([`container minio: image "${image}" is from the Bitnami catalogue, whose versioned images are no longer maintained.`]);
  });

  it("checks init containers of a CronJob too", async () => {
    const sts = withContainer({}) as { spec: { template: { spec: Record<string, unknown> } } };
    const podSpec = { ...sts.spec.template.spec, initContainers: [{ ...restrictedContainer("dump"), image: "etcd:v3.6.6" }] };
    const outcome = await checkResource(imagePinnedByDigest, { type: T.cronJob, props: { spec: { schedule: "@daily", jobTemplate: { spec: { template: { spec: podSpec } } } } } });
    expect(outcome.violations).toEqual(['init container dump: image "etcd:v3.6.6" is not pinned by digest: a re-pointed tag would change what runs without a plan showing it.']);
  });

  it("is not applicable to objects without pods", async () => {
    expect((await checkResource(imagePinnedByDigest, { type: T.pdb, props: disruptionBudget() })).notApplicable).toBe("not a workload");
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

describe("k8s-no-root-created-dirs", () => {
  const JOB = pulumiType(k8s.batch.v1.Job);
  type Props = Record<string, unknown>;
  interface PodTemplate { spec: { template: { spec: { containers: Props[]; initContainers?: Props[]; securityContext?: Props } } } }

  /** The MinIO provisioning Job as the component builds it now (TLS on: the CA Secret is mounted). */
  const fixedJob = (): PodTemplate => JSON.parse(JSON.stringify(provisioningJob({
    instance: "t", address: { namespace: "objects", clusterDomain: "cluster.local", tls: true }, image: "mc@sha256:x", hash: "0123456789", tlsSecretName: "minio-tls",
  }))) as PodTemplate;

  /** The same Job with `change` applied to its one container. */
  function jobWith(change: (container: Props) => Props, podChange: Props = {}): PodTemplate {
    const job = fixedJob();
    const pod = job.spec.template.spec;
    pod.containers = [change(pod.containers[0])];
    Object.assign(pod, podChange);
    return job;
  }

  /** The layout that failed in prod: CA Secret mounted inside MC_CONFIG_DIR, itself inside the /tmp emptyDir. */
  const OLD_MOUNTS = [
    { name: "config", mountPath: "/config", readOnly: true }, { name: "tmp", mountPath: "/tmp" },
    { name: "ca", mountPath: "/tmp/.mc/certs/CAs", readOnly: true },
  ];
  const oldLayout = (container: Props): Props => ({ ...container, volumeMounts: OLD_MOUNTS });
  const withEnv = (env: Props[]) => (container: Props): Props => ({ ...container, env: [...(container.env as Props[]), ...env] });

  const NESTED = "container mc: volume mount ca at /tmp/.mc/certs/CAs is 3 directories below the writable mount tmp at /tmp, so the container "
    + "runtime creates /tmp/.mc, /tmp/.mc/certs as root (mode 0755) and the non-root user cannot write there; mount it directly in /tmp or "
    + "outside it (and copy what is needed at start).";
  const envMessage = (name: string, path: string, inside?: string) => `container mc: ${name}=${path} is ${inside ? `inside ${inside}, ` : ""}`
    + "a directory the container runtime creates as root (mode 0755) for the volume mount ca at /tmp/.mc/certs/CAs, so the non-root user "
    + `cannot write it; point ${name} at a writable volume with no mount nested below it.`;

  async function run(props: unknown, type: string = JOB): Promise<string[]> {
    const outcome = await checkResource(noRootCreatedDirs, { type, props: props as Props });
    expect(outcome.unknownError).toBeUndefined();
    return outcome.violations;
  }

  it("passes the provisioning Job as the component builds it: CA read-only at /minio-ca, nothing mounted below /tmp", async () => {
    const job = fixedJob();
    expect(job.spec.template.spec.containers[0].volumeMounts).toEqual([
      { name: "config", mountPath: "/config", readOnly: true }, { name: "tmp", mountPath: "/tmp" }, { name: "ca", mountPath: "/minio-ca", readOnly: true },
    ]);
    expect(await run(job)).toEqual([]);
  });

  it("fails the layout that broke in prod: the nested mount, and MC_CONFIG_DIR in a directory it makes root's", async () => {
    expect(await run(jobWith(oldLayout))).toEqual([NESTED, envMessage("MC_CONFIG_DIR", "/tmp/.mc")]);
  });

  it("reads the same pod template in a StatefulSet and a Deployment, and checks init containers", async () => {
    const pod = jobWith(oldLayout).spec.template.spec;
    expect(await run({ spec: { replicas: 1, serviceName: "x", template: { spec: pod } } }, T.statefulSet)).toEqual([NESTED, envMessage("MC_CONFIG_DIR", "/tmp/.mc")]);
    expect(await run({ spec: { replicas: 1, template: { spec: pod } } }, T.deployment)).toEqual([NESTED, envMessage("MC_CONFIG_DIR", "/tmp/.mc")]);
    const init = { ...fixedJob().spec.template.spec.containers[0], name: "init" };
    const withInit = jobWith((c) => c, { initContainers: [{ ...init, volumeMounts: OLD_MOUNTS }] });
    expect(await run(withInit)).toEqual([NESTED.replace("container mc", "init container init"),
      envMessage("MC_CONFIG_DIR", "/tmp/.mc").replace("container mc", "init container init")]);
  });

  it("fails HOME below a runtime-created directory, and paths written with trailing or doubled slashes", async () => {
    const sloppy = (c: Props): Props => ({ ...c, volumeMounts: [{ name: "tmp", mountPath: "/tmp/" }, { name: "ca", mountPath: "/tmp//.mc/certs/CAs/", readOnly: true }] });
    expect(await run(jobWith((c) => withEnv([{ name: "HOME", value: "/tmp/.mc/home/" }])(sloppy(c))))).toEqual([
      NESTED, envMessage("MC_CONFIG_DIR", "/tmp/.mc"), envMessage("HOME", "/tmp/.mc/home", "/tmp/.mc"),
    ]);
  });

  it("fails a declared writable path made root's below a read-only mount, where the nesting alone is harmless", async () => {
    const mounts = [{ name: "app", mountPath: "/etc/app", readOnly: true }, { name: "tls", mountPath: "/etc/app/tls/certs", readOnly: true }];
    expect(await run(jobWith((c) => ({ ...c, volumeMounts: mounts, env: [] })))).toEqual([]);
    expect(await run(jobWith((c) => ({ ...c, volumeMounts: mounts, env: [{ name: "XDG_CONFIG_HOME", value: "/etc/app/tls" }] })))).toEqual([
      "container mc: XDG_CONFIG_HOME=/etc/app/tls is a directory the container runtime creates as root (mode 0755) for the volume mount tls at "
      + "/etc/app/tls/certs, so the non-root user cannot write it; point XDG_CONFIG_HOME at a writable volume with no mount nested below it.",
    ]);
  });

  it("passes a mount directly in a writable one (the servers' /tmp/certs), and writable paths that are volumes themselves", async () => {
    const direct = (c: Props): Props => ({
      ...c, volumeMounts: [{ name: "tmp", mountPath: "/tmp" }, { name: "ca", mountPath: "/tmp/certs", readOnly: true }],
      env: [{ name: "HOME", value: "/tmp" }, { name: "MC_CONFIG_DIR", value: "/tmp/.mc" }],
    });
    expect(await run(jobWith(direct))).toEqual([]);
  });

  it("leaves containers that may run as root to other policies, and ignores paths the kubelet expands", async () => {
    // The container's own user wins over the pod's: UID 1000 on the container is still checked under a root pod.
    expect(await run(jobWith(oldLayout, { securityContext: { runAsUser: 0 } }))).toEqual([NESTED, envMessage("MC_CONFIG_DIR", "/tmp/.mc")]);
    expect(await run(jobWith((c) => ({ ...oldLayout(c), securityContext: { runAsUser: 0 } })))).toEqual([]);
    const rootable = (c: Props): Props => ({ ...oldLayout(c), securityContext: { allowPrivilegeEscalation: false } });
    expect(await run(jobWith(rootable, { securityContext: {} }))).toEqual([]);
    const expanded = (c: Props): Props => ({ ...oldLayout(c), env: [{ name: "MC_CONFIG_DIR", value: "$(BASE)/.mc" }] });
    expect(await run(jobWith(expanded))).toEqual([NESTED]);
  });

  it("neither crashes nor accuses on values unknown during preview", async () => {
    expect(await run(jobWith((c) => ({ ...oldLayout(c), volumeMounts: UNKNOWN })))).toEqual([]);
    expect(await run(jobWith((c) => ({ ...oldLayout(c), volumeMounts: [...OLD_MOUNTS.slice(0, 2), { name: "ca", mountPath: UNKNOWN }] })))).toEqual([]);
    expect(await run(jobWith((c) => ({ ...oldLayout(c), volumeMounts: [...OLD_MOUNTS.slice(0, 2), UNKNOWN, OLD_MOUNTS[2]] })))).toEqual([]);
    expect(await run(jobWith((c) => ({ ...oldLayout(c), volumeMounts: [OLD_MOUNTS[0], { ...OLD_MOUNTS[1], readOnly: UNKNOWN }, OLD_MOUNTS[2]] }))))
      .toEqual([envMessage("MC_CONFIG_DIR", "/tmp/.mc")]);
    expect(await run(jobWith((c) => ({ ...oldLayout(c), env: UNKNOWN })))).toEqual([NESTED]);
    expect(await run(jobWith((c) => ({ ...oldLayout(c), securityContext: UNKNOWN }), { securityContext: UNKNOWN }))).toEqual([]);
    expect(await run({ spec: UNKNOWN })).toEqual([]);
  });

  it("ignores resources that run no pods", async () => {
    expect((await checkResource(noRootCreatedDirs, { type: T.pdb, props: disruptionBudget() })).notApplicable).toBe("not a workload");
  });
});

it("every Kubernetes policy has cases here", () => {
  // k8s-ebs-storage-class-encrypted: cases in test/policy-embedded-kv.test.ts (with MinIO's class).
  expect(KUBERNETES_POLICIES.map((p) => p.name)).toEqual([
    "k8s-restricted-pod-security", "k8s-image-pinned-digest", "k8s-resource-limits", "k8s-no-root-created-dirs", "k8s-statefulset-pdb",
    "k8s-ebs-storage-class-encrypted",
  ]);
});
