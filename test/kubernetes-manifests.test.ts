import { describe, expect, it } from "vitest";
import { restrictedViolations } from "../policy/kubernetes";
import { everyStack } from "../scripts/offline/stack-files";
import { capturedRun, type RegisteredResource } from "./harness";
import { plainInputs, validateKubernetesObject } from "./kubernetes-schemas";

/** The pod spec of a workload object, if it is one. */
function podSpecOf(r: RegisteredResource): Record<string, unknown> | undefined {
  const spec = plainInputs(r.inputs.spec) as Record<string, never> | undefined;
  if (r.type === "kubernetes:batch/v1:CronJob") return (spec?.jobTemplate as { spec?: { template?: { spec?: Record<string, unknown> } } } | undefined)?.spec?.template?.spec;
  if (/^kubernetes:(apps\/v1:(StatefulSet|Deployment|DaemonSet)|batch\/v1:Job)$/.test(r.type)) return (spec?.template as { spec?: Record<string, unknown> } | undefined)?.spec;
  return undefined;
}

const stacks = everyStack().map((ref) => ({ ...ref, label: ref.stackDir ? `${ref.stackDir.split("/").pop()}/${ref.stack}` : ref.stack }));

// Every stack file the repository keeps (dev, prod, every example), as deployed: what a `pulumi up` would send.
describe.each(stacks)("Kubernetes manifests of $label", (ref) => {
  it("validate against the Kubernetes (or the operator's) schema and meet the restricted Pod Security Standard", async () => {
    const run = await capturedRun(ref);
    const objects = run.resources.filter((r) => r.custom && r.type.startsWith("kubernetes:"));
    // dev and prod both run MinIO on Kubernetes: an empty list there would mean this test checks nothing.
    if (ref.stackDir === undefined) expect(objects.length).toBeGreaterThan(5);
    for (const r of objects) {
      await expect(validateKubernetesObject(r), `${r.type} ${r.name}`).resolves.toBeUndefined();
      const pod = podSpecOf(r);
      if (pod) expect(restrictedViolations(pod as never), `${r.type} ${r.name}`).toEqual([]);
    }
  });
});

// A dump on the node's own disk would leave the data outside the stack key and be evicted past the emptyDir's limit.
describe.each(stacks.filter((ref) => ref.stack.endsWith("-prod")))("backups of $label", (ref) => {
  it("dump to an ephemeral volume of an encrypted StorageClass of this stack", async () => {
    const run = await capturedRun(ref);
    const classes = run.resources.filter((r) => r.type === "kubernetes:storage.k8s.io/v1:StorageClass")
      .filter((r) => (r.inputs.parameters as Record<string, string> | undefined)?.encrypted === "true")
      .map((r) => (r.inputs.metadata as { name: string }).name);
    const backups = run.resources.filter((r) => r.type === "sparki:kubernetes:S3Backup");
    for (const backup of backups) {
      const cron = run.resources.find((r) => r.type === "kubernetes:batch/v1:CronJob" && r.parent?.name === backup.name);
      const volumes = (podSpecOf(cron!) as { volumes: { name: string; ephemeral?: { volumeClaimTemplate: { spec: { storageClassName: string } } } }[] }).volumes;
      const scratch = volumes.find((v) => v.name === "backup");
      expect(scratch?.ephemeral, backup.name).toBeDefined();
      expect(classes, backup.name).toContain(scratch?.ephemeral?.volumeClaimTemplate.spec.storageClassName);
    }
  });
});

it("a manifest the schema refuses fails (the check can fail)", async () => {
  const broken = { type: "kubernetes:apps/v1:StatefulSet", name: "x", custom: true, inputs: { metadata: { name: "x" }, spec: { replicas: "three" } } };
  await expect(validateKubernetesObject(broken as never)).rejects.toThrow(/replicas/);
  const unknownKind = { type: "kubernetes:example.com/v1:Widget", name: "w", custom: true, inputs: {} };
  await expect(validateKubernetesObject(unknownKind as never)).rejects.toThrow("no schema for kubernetes:example.com/v1:Widget");
});
