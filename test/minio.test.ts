import { StatefulSet } from "kubernetes-models/apps/v1/StatefulSet";
import { Job } from "kubernetes-models/batch/v1/Job";
import { NetworkPolicy } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicy";
import { PodDisruptionBudget } from "kubernetes-models/policy/v1/PodDisruptionBudget";
import { StorageClass } from "kubernetes-models/storage.k8s.io/v1/StorageClass";
import { ConfigMap } from "kubernetes-models/v1/ConfigMap";
import { Namespace } from "kubernetes-models/v1/Namespace";
import { Secret } from "kubernetes-models/v1/Secret";
import { Service } from "kubernetes-models/v1/Service";
import { ebsKmsPolicyDocument } from "../components/common/ebs";
import { describe, expect, it } from "vitest";
import { imageReference, MINIO_CLIENT_IMAGE, MINIO_SERVER_IMAGE, PROVISION_SCRIPT } from "../components/minio";
import { rootCreatedDirViolations } from "../policy/kubernetes";
import { DATA_CLASS_KEYS, DATA_CLASSES } from "../components/object-store/data-classes";
import { stackConfig } from "../scripts/offline/stack-files";
import { loadConfig } from "../stacks/config/load";
import { minioAdapter } from "../stacks/adapters/minio";
import { adapterSettings } from "../stacks/project";
import { json, type ProgramRun, type RegisteredResource, ofType, one, runWith, STACKS, stackRun } from "./harness";
import { plainInputs } from "./kubernetes-schemas";

const plain = plainInputs;

/**
 * `validate()` comes from the models' base class, whose typings this project's `moduleResolution: node` cannot
 * resolve (the package only declares `exports`), so it is reached through this view.
 */
interface Validatable { validate(): void }
const validate = (model: unknown) => (model as Validatable).validate();

/** Every Kubernetes type the stack may register, with its model generated from the Kubernetes OpenAPI schema. */
const MODELS: Record<string, new (data: never) => unknown> = {
  "kubernetes:core/v1:Namespace": Namespace,
  "kubernetes:core/v1:Secret": Secret,
  "kubernetes:core/v1:Service": Service,
  "kubernetes:core/v1:ConfigMap": ConfigMap,
  "kubernetes:apps/v1:StatefulSet": StatefulSet,
  "kubernetes:batch/v1:Job": Job,
  "kubernetes:policy/v1:PodDisruptionBudget": PodDisruptionBudget,
  "kubernetes:networking.k8s.io/v1:NetworkPolicy": NetworkPolicy,
  "kubernetes:storage.k8s.io/v1:StorageClass": StorageClass,
};

const kubernetesObjects = (run: ProgramRun) => run.resources.filter((r) => r.type.startsWith("kubernetes:"));

function typed<T>(model: new (data: never) => T, r: RegisteredResource): T {
  return new model(plain(r.inputs) as never);
}

const statefulSet = (run: ProgramRun) => typed(StatefulSet, one(run, "kubernetes:apps/v1:StatefulSet"));
const serverPod = (run: ProgramRun) => statefulSet(run).spec!.template.spec!;
const job = (run: ProgramRun) => typed(Job, one(run, "kubernetes:batch/v1:Job"));
const provisioningData = (run: ProgramRun) => typed(ConfigMap, one(run, "kubernetes:core/v1:ConfigMap")).data!;

interface S3LifecycleRule { expiration: { days: number }; noncurrentVersionExpiration: { noncurrentDays: number } }
/** The S3 side's whole-bucket lifecycle rule for a data class, as the same run registered it. */
const s3Lifecycle = (run: ProgramRun, slug: string): S3LifecycleRule => {
  const stack = run.stack;
  return (one(run, "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", `sparki-${stack}-s3-${slug}-lifecycle`).inputs.rules as S3LifecycleRule[])[0];
};

const RESTRICTED_POD = {
  runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000, fsGroup: 1000, fsGroupChangePolicy: "OnRootMismatch",
  seccompProfile: { type: "RuntimeDefault" },
};
const RESTRICTED_CONTAINER = {
  runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000, privileged: false, allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] }, seccompProfile: { type: "RuntimeDefault" },
};

describe.each(STACKS)("MinIO on Kubernetes in %s", (stack) => {
  const isProd = stack === "prod";
  const settings = adapterSettings(minioAdapter, loadConfig(stack, stackConfig(stack)));
  const namespace = `sparki-${stack}-minio`;
  const scheme = isProd ? "https" : "http";

  it("validates every Kubernetes object it registers against the Kubernetes OpenAPI schema (kubernetes-models)", async () => {
    const objects = kubernetesObjects(await stackRun(stack));
    expect(objects.map((r) => r.type).sort()).toEqual([
      "kubernetes:apps/v1:StatefulSet", "kubernetes:batch/v1:Job", "kubernetes:core/v1:ConfigMap", "kubernetes:core/v1:Namespace",
      "kubernetes:core/v1:Secret", "kubernetes:core/v1:Secret", "kubernetes:core/v1:Service", "kubernetes:core/v1:Service",
      "kubernetes:networking.k8s.io/v1:NetworkPolicy",
      ...(isProd ? ["kubernetes:policy/v1:PodDisruptionBudget", "kubernetes:storage.k8s.io/v1:StorageClass"] : []),
    ]);
    // Secret payloads are redacted by the runner and left out here; their shape is validated in minio-building-blocks.
    for (const r of objects) {
      const model = MODELS[r.type];
      expect(model, `a schema model for ${r.type}`).toBeDefined();
      expect(() => validate(typed(model, r)), `${r.type} ${r.name}`).not.toThrow();
      const metadata = plain(r.inputs.metadata) as { namespace?: string };
      const clusterScoped = r.type.endsWith(":Namespace") || r.type.endsWith(":StorageClass");
      expect(metadata.namespace, `${r.type} ${r.name}`).toBe(clusterScoped ? undefined : namespace);
    }
  });

  it("reaches the cluster only through an explicit provider for the stack's kubeconfig context", async () => {
    const run = await stackRun(stack);
    expect(one(run, "pulumi:providers:kubernetes").inputs).toEqual({ context: `sparki-${stack}`, enableServerSideApply: "true" });
    for (const r of kubernetesObjects(run)) {
      expect(r.provider, `${r.type} ${r.name}`).toContain(`$pulumi:providers:kubernetes::sparki-${stack}-kubernetes::`);
      expect(r.parent).toEqual({ type: "sparki:minio:MinioCluster", name: `sparki-${stack}-minio` });
    }
  });

  it("creates its namespace with the Restricted Pod Security Standard enforced", async () => {
    const ns = typed(Namespace, one(await stackRun(stack), "kubernetes:core/v1:Namespace"));
    expect(ns.metadata?.name).toBe(namespace);
    expect(ns.metadata?.labels).toMatchObject({
      "pod-security.kubernetes.io/enforce": "restricted", "pod-security.kubernetes.io/audit": "restricted", "pod-security.kubernetes.io/warn": "restricted",
    });
  });

  it(`runs ${settings.servers} server(s) x ${settings.drivesPerServer} drive(s) from the {0...N} pool, one claim per drive`, async () => {
    const ss = statefulSet(await stackRun(stack));
    const container = ss.spec!.template.spec!.containers[0];
    const pool = isProd
      ? `https://minio-{0...3}.minio-hl.${namespace}.svc.cluster.local:9000/data{0...3}`
      : "/data0";
    expect(container.command).toEqual(["minio"]);
    expect(container.args).toEqual(["server", pool, "--address", ":9000", "--certs-dir", "/tmp/certs"]);
    expect(ss.spec).toMatchObject({ replicas: settings.servers, podManagementPolicy: "Parallel", serviceName: "minio-hl" });
    expect(ss.spec!.persistentVolumeClaimRetentionPolicy).toEqual({ whenDeleted: isProd ? "Retain" : "Delete", whenScaled: "Retain" });
    const claims = ss.spec!.volumeClaimTemplates!;
    expect(claims.map((c) => c.metadata?.name)).toEqual(isProd ? ["data0", "data1", "data2", "data3"] : ["data0"]);
    for (const c of claims) {
      expect(c.spec).toEqual({
        accessModes: ["ReadWriteOnce"],
        resources: { requests: { storage: isProd ? "500Gi" : "10Gi" } },
        storageClassName: isProd ? `${namespace}-ebs-kms` : "standard",
      });
    }
    expect(container.volumeMounts!.filter((m) => m.name.startsWith("data")).map((m) => m.mountPath))
      .toEqual(isProd ? ["/data0", "/data1", "/data2", "/data3"] : ["/data0"]);
    const parity = container.env!.find((e) => e.name === "MINIO_STORAGE_CLASS_STANDARD");
    expect(parity?.value).toBe(isProd ? "EC:4" : undefined);
  });

  it("meets the Restricted Pod Security Standard in the server and the provisioning pods", async () => {
    const run = await stackRun(stack);
    for (const pod of [serverPod(run), job(run).spec!.template.spec!]) {
      expect(pod.securityContext).toEqual(RESTRICTED_POD);
      expect(pod.automountServiceAccountToken).toBe(false);
      expect(pod.hostNetwork ?? false).toBe(false);
      for (const c of pod.containers) {
        expect(c.securityContext).toEqual(RESTRICTED_CONTAINER);
        expect(c.volumeMounts).toContainEqual({ name: "tmp", mountPath: "/tmp" });
        expect(c.resources?.requests).toBeDefined();
        expect(c.resources?.limits).toBeDefined();
      }
      expect(pod.volumes!.find((v) => v.name === "tmp")?.emptyDir).toBeDefined();
    }
  });

  it("requests and limits the profile's CPU and memory, and probes health on the API port", async () => {
    const container = serverPod(await stackRun(stack)).containers[0];
    expect(container.resources).toEqual({
      requests: { cpu: `${settings.cpuMillis}m`, memory: `${settings.memoryMiB}Mi` },
      limits: { cpu: `${settings.cpuLimitMillis}m`, memory: `${settings.memoryMiB}Mi` },
    });
    const httpGet = (path: string) => ({ path, port: 9000, scheme: scheme.toUpperCase() });
    expect(container.readinessProbe).toMatchObject({ httpGet: httpGet("/minio/health/ready") });
    expect(container.livenessProbe).toMatchObject({ httpGet: httpGet("/minio/health/live") });
    expect(container.startupProbe).toMatchObject({ httpGet: httpGet("/minio/health/live"), failureThreshold: 30 });
    expect(container.ports).toEqual([{ name: "api", containerPort: 9000, protocol: "TCP" }]);
  });

  it(isProd ? "keeps servers on different nodes and spreads them over zones" : "spreads its server over zones", async () => {
    const pod = serverPod(await stackRun(stack));
    const labelSelector = { matchLabels: { "app.kubernetes.io/name": "minio", "app.kubernetes.io/instance": `sparki-${stack}-minio`, "app.kubernetes.io/component": "server" } };
    expect(pod.topologySpreadConstraints).toEqual([{ maxSkew: 1, topologyKey: "topology.kubernetes.io/zone", whenUnsatisfiable: "ScheduleAnyway", labelSelector }]);
    expect(pod.affinity).toEqual(isProd
      ? { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: "kubernetes.io/hostname", labelSelector }] } }
      : undefined);
  });

  it(isProd ? "allows one server down at a time (PodDisruptionBudget)" : "has no PodDisruptionBudget for a single server", async () => {
    const pdbs = ofType(await stackRun(stack), "kubernetes:policy/v1:PodDisruptionBudget").map((r) => typed(PodDisruptionBudget, r));
    expect(pdbs.map((p) => p.spec?.maxUnavailable)).toEqual(isProd ? [1] : []);
  });

  it("admits only labelled client namespaces, monitoring, its peers and the provisioning Job, on the API port", async () => {
    const policy = typed(NetworkPolicy, one(await stackRun(stack), "kubernetes:networking.k8s.io/v1:NetworkPolicy"));
    const ports = [{ protocol: "TCP", port: 9000 }];
    const role = (component: string) => ({ matchLabels: { "app.kubernetes.io/name": "minio", "app.kubernetes.io/instance": `sparki-${stack}-minio`, "app.kubernetes.io/component": component } });
    expect(policy.spec).toEqual({
      podSelector: role("server"),
      policyTypes: ["Ingress"],
      ingress: [
        { from: [{ namespaceSelector: { matchLabels: { "storage.sparki.io/minio-client": "true" } } }], ports },
        { from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "monitoring" } } }], ports },
        { from: [{ podSelector: role("server") }, { podSelector: role("provisioner") }], ports },
      ],
    });
  });

  it("serves per-node metrics from each pod and cluster metrics from the client Service to Prometheus", async () => {
    const run = await stackRun(stack);
    const annotations = (path: string) => ({ "prometheus.io/scrape": "true", "prometheus.io/port": "9000", "prometheus.io/path": path, "prometheus.io/scheme": scheme });
    expect(statefulSet(run).spec!.template.metadata?.annotations).toEqual(annotations("/minio/v2/metrics/node"));
    const services = ofType(run, "kubernetes:core/v1:Service").map((r) => typed(Service, r));
    const client = services.find((s) => s.metadata?.name === "minio");
    expect(client?.metadata?.annotations).toEqual(annotations("/minio/v2/metrics/cluster"));
    expect(serverPod(run).containers[0].env).toContainEqual({ name: "MINIO_PROMETHEUS_AUTH_TYPE", value: "public" });
    expect(serverPod(run).containers[0].env).toContainEqual({ name: "MINIO_BROWSER", value: "off" });
  });

  it("gives peers stable DNS through a headless Service and clients one ClusterIP Service", async () => {
    const services = ofType(await stackRun(stack), "kubernetes:core/v1:Service").map((r) => typed(Service, r));
    const byName = Object.fromEntries(services.map((s) => [s.metadata?.name ?? "", s.spec]));
    expect(byName["minio-hl"]).toMatchObject({ clusterIP: "None", publishNotReadyAddresses: true });
    expect(byName.minio).toMatchObject({ type: "ClusterIP", ports: [{ name: "api", port: 9000, targetPort: "api", protocol: "TCP" }] });
  });

  it("pins both images by tag and digest", async () => {
    const run = await stackRun(stack);
    expect(serverPod(run).containers[0].image).toBe(imageReference(MINIO_SERVER_IMAGE));
    expect(job(run).spec!.template.spec!.containers[0].image).toBe(imageReference(MINIO_CLIENT_IMAGE));
    expect(imageReference(MINIO_SERVER_IMAGE)).toMatch(/^quay\.io\/minio\/minio:RELEASE\.2025-09-07T16-13-09Z@sha256:[a-f0-9]{64}$/);
  });

  it("keeps generated credentials inside Pulumi secrets and out of every spec and output", async () => {
    const run = await stackRun(stack);
    const dropped = run.resources.filter((r) => r.type.startsWith("kubernetes:")).flatMap((r) => {
      const paths: string[] = [];
      plain(r.inputs, "", paths);
      return paths.map((p) => `${r.name}: ${p}`);
    });
    // Base64 `data`, never `stringData` (which does not work well with server-side apply; components/minio/foundation.ts).
    expect(dropped.sort()).toEqual([`sparki-${stack}-minio-client-credentials: data`, `sparki-${stack}-minio-root-credentials: data`]);
    expect(ofType(run, "kubernetes:core/v1:Secret").filter((r) => "stringData" in r.inputs).map((r) => r.name)).toEqual([]);
    const others = run.resources.filter((r) => r.name.startsWith(`sparki-${stack}-minio`) && r.type !== "kubernetes:core/v1:Secret" && !r.type.startsWith("random:"));
    expect(others.length).toBeGreaterThan(6);
    expect(others.filter((r) => /mock-password-|mockuser|MOCKKEY/.test(JSON.stringify(r.inputs))).map((r) => r.name)).toEqual([]);
    expect(JSON.stringify(run.outputs.minio)).not.toMatch(/mock-password-|mockuser|MOCKKEY/);
    // The Job composes its mc URL from the Secret at runtime ($(VAR) expansion), never from literals.
    expect(job(run).spec!.template.spec!.containers[0].env).toContainEqual({
      name: "MC_HOST_sparki", value: `${scheme}://$(ROOT_USER):$(ROOT_PASSWORD)@minio.${namespace}.svc.cluster.local:9000`,
    });
  });

  it(isProd ? "speaks TLS with the configured certificate Secret" : "speaks plain HTTP only because its stack file opts out (insecureHttp: true)", async () => {
    const run = await stackRun(stack);
    const pod = serverPod(run);
    const certs = pod.volumes!.find((v) => v.name === "certs");
    const jobPod = job(run).spec!.template.spec!;
    if (isProd) {
      expect(certs?.secret).toEqual({
        secretName: "minio-tls", defaultMode: 0o440,
        items: [{ key: "tls.crt", path: "public.crt" }, { key: "tls.key", path: "private.key" }, { key: "ca.crt", path: "CAs/ca.crt" }],
      });
      expect(pod.containers[0].volumeMounts).toContainEqual({ name: "certs", mountPath: "/tmp/certs", readOnly: true });
      expect(jobPod.volumes!.find((v) => v.name === "ca")?.secret).toEqual({ secretName: "minio-tls", items: [{ key: "ca.crt", path: "ca.crt" }] });
      // Read-only at its own path; the script copies it into MC_CONFIG_DIR/certs/CAs (no root-created dirs in /tmp).
      expect(jobPod.containers[0].volumeMounts).toContainEqual({ name: "ca", mountPath: "/minio-ca", readOnly: true });
      expect(jobPod.containers[0].env).toContainEqual({ name: "PROVISION_CA_FILE", value: "/minio-ca/ca.crt" });
    } else {
      expect(certs).toBeUndefined();
      expect(jobPod.volumes!.map((v) => v.name)).toEqual(["config", "tmp"]);
      expect(jobPod.containers[0].env!.map((e) => e.name)).not.toContain("PROVISION_CA_FILE");
    }
  });

  it("leaves no directory the non-root mc or server must write to the container runtime (root-created parents of nested mounts)", async () => {
    const run = await stackRun(stack);
    const jobContainer = job(run).spec!.template.spec!.containers[0];
    expect(jobContainer.env).toContainEqual({ name: "MC_CONFIG_DIR", value: "/tmp/.mc" });
    expect(jobContainer.volumeMounts!.filter((m) => m.mountPath.startsWith("/tmp/"))).toEqual([]);
    for (const pod of [serverPod(run), job(run).spec!.template.spec!]) {
      expect(rootCreatedDirViolations(plain(pod) as Parameters<typeof rootCreatedDirViolations>[0])).toEqual([]);
    }
  });

  it(isProd ? "puts the drives on gp3 EBS encrypted with the environment's KMS key" : "puts the drives on the StorageClass its stack file names, never the cluster default", async () => {
    const run = await stackRun(stack);
    const classes = ofType(run, "kubernetes:storage.k8s.io/v1:StorageClass").map((r) => typed(StorageClass, r));
    if (!isProd) {
      expect(classes).toEqual([]);
      expect(statefulSet(run).spec!.volumeClaimTemplates!.map((c) => c.spec?.storageClassName)).toEqual(["standard"]);
      return;
    }
    expect(classes).toHaveLength(1);
    expect(classes[0]).toMatchObject({
      metadata: { name: `${namespace}-ebs-kms` },
      provisioner: "ebs.csi.aws.com",
      parameters: { type: "gp3", encrypted: "true", "csi.storage.k8s.io/fstype": "xfs" },
      reclaimPolicy: "Retain",
      volumeBindingMode: "WaitForFirstConsumer",
    });
    expect(classes[0].parameters?.kmsKeyId).toMatch(/^arn:aws:kms:eu-west-1:222222222222:key\//);
  });

  it("declares one bucket per data class of the S3 side, expiring exactly when the S3 side's lifecycle does", async () => {
    const run = await stackRun(stack);
    const data = provisioningData(run);
    const names = DATA_CLASS_KEYS.map((k) => `sparki-${stack}-${DATA_CLASSES[k].slug}`);
    expect(data.buckets).toBe(`${names.join(" ")}\n`);
    expect(data["versioned-buckets"].trim().split(" ")).toEqual(names.filter((n) => !n.endsWith("build-cache")));
    expect(data["provision.sh"]).toBe(PROVISION_SCRIPT);
    for (const k of DATA_CLASS_KEYS) {
      const name = `sparki-${stack}-${DATA_CLASSES[k].slug}`;
      const s3 = s3Lifecycle(run, DATA_CLASSES[k].slug);
      const rules = (JSON.parse(data[`lifecycle-${name}.json`]) as { Rules: { ID: string }[] }).Rules;
      const all = { Status: "Enabled", Filter: { Prefix: "" } };
      expect(rules, name).toEqual([
        { ID: "expire-current-versions", ...all, Expiration: { Days: s3.expiration.days } },
        ...(DATA_CLASSES[k].versioned
          ? [{ ID: "expire-noncurrent-versions", ...all, NoncurrentVersionExpiration: { NoncurrentDays: s3.noncurrentVersionExpiration.noncurrentDays } },
            { ID: "remove-expired-delete-markers", ...all, Expiration: { ExpiredObjectDeleteMarker: true } }]
          : []),
      ]);
    }
    // The stack files' own S3 values (prod keeps audit logs 2557 days, dev shortens test reports and the build cache).
    const days = (slug: string) => (JSON.parse(data[`lifecycle-sparki-${stack}-${slug}.json`]) as { Rules: { Expiration: { Days: number } }[] }).Rules[0].Expiration.Days;
    expect([days("audit-archive"), days("test-reports"), days("build-cache")]).toEqual(isProd ? [2557, 90, 30] : [30, 7, 3]);
  });

  it(`creates the audit archive with Object Lock, ${isProd ? "COMPLIANCE" : "GOVERNANCE"} like the S3 audit archive, and nothing else locked`, async () => {
    const run = await stackRun(stack);
    const data = provisioningData(run);
    const audit = `sparki-${stack}-audit-archive`;
    const s3Lock = one(run, "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration", `sparki-${stack}-s3-audit-archive-object-lock`)
      .inputs.rule as { defaultRetention: { mode: string; days: number } };
    expect(data["locked-buckets"]).toBe(`${audit}\n`);
    expect(data[`retention-${audit}`]).toBe(`${s3Lock.defaultRetention.mode} ${s3Lock.defaultRetention.days}d\n`);
    expect(data[`retention-${audit}`]).toBe(isProd ? "COMPLIANCE 2557d\n" : "GOVERNANCE 7d\n");
    expect(Object.keys(data).filter((f) => f.startsWith("retention-"))).toEqual([`retention-${audit}`]);
    expect(PROVISION_SCRIPT).toContain('mc mb --ignore-existing --with-lock "sparki/${bucket}"');
    expect(PROVISION_SCRIPT).toContain('mc retention set --default "${mode}" "${validity}" "sparki/${bucket}"');
  });

  it("grants the client user list/read/write on its buckets and no deletes in the audit archive", async () => {
    const data = provisioningData(await stackRun(stack));
    const policy = JSON.parse(data["client-policy.json"]) as { Statement: { Sid: string; Action: string[]; Resource: string[] }[] };
    const bySid = Object.fromEntries(policy.Statement.map((s) => [s.Sid, s]));
    expect(bySid.ListTheBuckets.Resource).toHaveLength(6);
    expect(bySid.ReadWriteObjects.Action).not.toContain("s3:DeleteObject");
    expect(bySid.DeleteObjects.Resource).toHaveLength(5);
    expect(bySid.DeleteObjects.Resource).not.toContain(`arn:aws:s3:::sparki-${stack}-audit-archive/*`);
    expect(policy.Statement.flatMap((s) => s.Action).filter((a) => a.startsWith("admin:") || a === "s3:*")).toEqual([]);
    // Nobody but root may shorten or lift the audit archive's retention.
    expect(policy.Statement.flatMap((s) => s.Action).filter((a) => /Retention|ObjectLock|LegalHold/.test(a))).toEqual([]);
  });

  it("runs the provisioning Job after the servers, named after a hash of what it does", async () => {
    const run = await stackRun(stack);
    const registered = one(run, "kubernetes:batch/v1:Job");
    const j = job(run);
    expect(j.metadata?.name).toMatch(/^minio-provision-[0-9a-f]{10}$/);
    expect(j.spec).toMatchObject({ backoffLimit: 4, activeDeadlineSeconds: 900 });
    expect(j.spec!.template.spec!.restartPolicy).toBe("Never");
    expect(j.spec!.template.spec!.containers[0].command).toEqual(["/bin/sh", "/config/provision.sh"]);
    expect(registered.options.dependsOn.map((d) => d.type)).toEqual(expect.arrayContaining([
      "kubernetes:apps/v1:StatefulSet", "kubernetes:core/v1:ConfigMap", "kubernetes:core/v1:Secret",
    ]));
  });

  it(isProd ? "protects the namespace, servers, root credentials and StorageClass" : "protects nothing", async () => {
    const protectedOnes = (await stackRun(stack)).resources.filter((r) => r.options.protect && r.name.startsWith(`sparki-${stack}-minio`)).map((r) => r.name).sort();
    expect(protectedOnes).toEqual(isProd
      ? ["sparki-prod-minio-namespace", "sparki-prod-minio-root-password", "sparki-prod-minio-root-user", "sparki-prod-minio-servers", "sparki-prod-minio-storage-class"]
      : []);
  });

  it("outputs the endpoint, bucket names, the client Secret's name and what a certificate must cover for Fiber storage/minio", async () => {
    const outputs = (await stackRun(stack)).outputs.minio;
    expect(outputs).toEqual({
      fiberPackages: ["storage/minio"],
      endpoint: `${scheme}://minio.${namespace}.svc.cluster.local:9000`,
      tls: isProd,
      ...(isProd
        ? {
          tlsSecretName: "minio-tls",
          tlsDnsNames: [`minio.${namespace}.svc`, `minio.${namespace}.svc.cluster.local`, `*.minio-hl.${namespace}.svc.cluster.local`],
          ebsCsiKmsPolicy: {
            arn: "arn:aws:iam::222222222222:policy/sparki-prod-minio-ebs-csi-kms",
            attachToRoleArn: "arn:aws:iam::222222222222:role/sparki-prod-ebs-csi-driver",
          },
        }
        : {}),
      namespace,
      buckets: Object.fromEntries(DATA_CLASS_KEYS.map((k) => [k, `sparki-${stack}-${DATA_CLASSES[k].slug}`])),
      secretName: "minio-client-credentials",
      erasure: isProd ? { servers: 4, drivesPerServer: 4, setSize: 16, parity: 4 } : { servers: 1, drivesPerServer: 1, setSize: 1, parity: 0 },
    });
  });

  it(isProd
    ? "creates a least-privilege policy for the EBS CSI driver's role to use the drives' KMS key through EC2"
    : "creates no EBS CSI policy without the customer-key StorageClass", async () => {
    const run = await stackRun(stack);
    const policies = ofType(run, "aws:iam/policy:Policy").filter((r) => r.parent?.type === "sparki:minio:MinioCluster");
    if (!isProd) {
      expect(policies).toEqual([]);
      return;
    }
    expect(policies.map((p) => p.name)).toEqual(["sparki-prod-minio-ebs-csi-kms"]);
    expect(policies[0].inputs.name).toBe("sparki-prod-minio-ebs-csi-kms");
    const keyArn = plain(one(run, "kubernetes:storage.k8s.io/v1:StorageClass").inputs.parameters) as { kmsKeyId: string };
    expect(json(policies[0].inputs.policy)).toEqual(ebsKmsPolicyDocument(keyArn.kmsKeyId, "eu-west-1"));
    expect(json(policies[0].inputs.policy)).toMatchObject({
      Statement: [
        { Action: ["kms:CreateGrant"], Condition: { Bool: { "kms:GrantIsForAWSResource": "true" }, StringEquals: { "kms:ViaService": "ec2.eu-west-1.amazonaws.com" } } },
        { Condition: { StringEquals: { "kms:ViaService": "ec2.eu-west-1.amazonaws.com" } } },
      ],
    });
  });
});

describe("TLS by default", () => {
  /** dev's real MinIO section without its explicit opt-out. */
  const devMinio = JSON.parse(stackConfig("dev")["sparki-storage:minio"]) as Record<string, unknown>;
  const { insecureHttp, ...withoutOptOut } = devMinio;

  it("serves HTTPS from the minio-tls Secret when a stack does not opt out, whatever its profile", async () => {
    expect(insecureHttp).toBe(true);
    const run = await runWith("dev", { "sparki-storage:minio": withoutOptOut });
    const pod = serverPod(run);
    expect(pod.volumes!.find((v) => v.name === "certs")?.secret?.secretName).toBe("minio-tls");
    expect(pod.containers[0].readinessProbe?.httpGet?.scheme).toBe("HTTPS");
    expect(job(run).spec!.template.spec!.volumes!.find((v) => v.name === "ca")?.secret?.secretName).toBe("minio-tls");
    expect(run.outputs.minio).toMatchObject({
      endpoint: "https://minio.sparki-dev-minio.svc.cluster.local:9000",
      tls: true,
      tlsSecretName: "minio-tls",
      tlsDnsNames: ["minio.sparki-dev-minio.svc", "minio.sparki-dev-minio.svc.cluster.local", "*.minio-hl.sparki-dev-minio.svc.cluster.local"],
    });
  });
});

describe("the schema check itself", () => {
  it("rejects a malformed object, so passing it means something", async () => {
    const inputs = plain(one(await stackRun("dev"), "kubernetes:apps/v1:StatefulSet").inputs) as { spec: { replicas: unknown; template: { spec: { containers: { name?: string }[] } } } };
    const broken = structuredClone(inputs);
    broken.spec.replicas = "one";
    delete broken.spec.template.spec.containers[0].name;
    expect(() => validate(new StatefulSet(broken as never))).toThrow(/replicas|name/);
  });
});

describe("MinIO turned off", () => {
  it("registers no Kubernetes provider or object and no output, and skips MinIO's config rules", async () => {
    const run = await runWith("prod", { "sparki-storage:minio": { enabled: false } });
    expect(run.resources.filter((r) => r.type.includes("kubernetes") || r.type.startsWith("sparki:minio"))).toEqual([]);
    expect(run.outputs.minio).toBeUndefined();
  });
});
