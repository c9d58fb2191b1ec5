import { describe, expect, it } from "vitest";
import { RUN_AS } from "../components/couchbase/args";
import { couchbaseBucket, couchbaseCluster, couchbaseGroup, COUCHBASE_TYPES } from "../components/couchbase/spec";
import {
  couchbaseImagePinned, couchbaseLeastPrivilege, couchbasePersistentVolumes, couchbaseRestrictedPods, couchbaseTlsNotExposed, COUCHBASE_POLICIES,
} from "../policy/couchbase";
import { ENGINE_RULE_POLICIES } from "../policy/engine-rules";
import { couchbaseBucketLimits, couchbaseClusterLimits, COUCHBASE_ENGINE_RULES, durationSeconds, quantityMiB } from "../policy/engine-rules-couchbase";
import { POLICIES } from "../policy/policies";
import { describeResourceCases, type ResourceCase } from "./policy-cases";
import { T } from "./policy-fixtures";
import { readPolicyConfigFile, reconcilePolicyConfig } from "./policy-harness";

/**
 * The Couchbase policies and engine rules: the resources components/couchbase builds pass; counterexamples fail
 * with their exact messages. The limits are the operator's (couchbase-operator pkg/apis/couchbase/v2/types.go,
 * pkg/validator/v2/validator.go) and Couchbase Server 8.0's durability page, read 2026-11-29.
 */

const IMAGE = "docker.io/library/couchbase:enterprise-8.0.3@sha256:c4254e37f5a5db3d13eb990d89862765db44b4f96b6283190c2e6c8a20d760d7";
type Spec = Record<string, unknown>;
const plain = (v: unknown): unknown => JSON.parse(JSON.stringify(v));
const CLUSTER = plain(couchbaseCluster({
  name: "couchbase", namespace: "sparki-prod-couchbase", labels: {}, image: IMAGE, servers: 3, serverGroups: ["eu-west-1a", "eu-west-1b", "eu-west-1c"],
  storageClassName: "sparki-prod-couchbase-ebs-kms", expandableVolumes: true, volumeSizeGiB: 100, cpuMillis: 2000, cpuLimitMillis: 4000, memoryMiB: 8192,
  dataMemoryQuotaMiB: 4096, indexMemoryQuotaMiB: 512, tlsSecretName: "couchbase-tls", runAs: RUN_AS,
  backup: { image: `couchbase/operator-backup:1.5.0@sha256:${"b".repeat(64)}`, serviceAccountName: "couchbase-backup" },
})) as { metadata: Spec; spec: Spec & { security: Spec; networking: Spec & { tls: Spec }; servers: Spec[]; backup: Spec; cluster: Spec } };
const BUCKET = plain(couchbaseBucket({
  name: "couchbase-fiber", namespace: "ns", labels: {}, cluster: "couchbase", bucketName: "fiber_storage", memoryQuotaMiB: 2048, replicas: 2, durability: "majority",
  maxTtlSeconds: 0, compression: "passive", evictionPolicy: "valueOnly",
})) as { metadata: Spec; spec: Spec };
const GROUP = plain(couchbaseGroup({ name: "couchbase-app", namespace: "ns", labels: {}, cluster: "couchbase", roles: ["data_reader", "data_writer"], bucketResource: "couchbase-fiber" })) as { spec: Spec };

const cluster = (change: (spec: typeof CLUSTER.spec) => void) => {
  const spec = plain(CLUSTER.spec) as typeof CLUSTER.spec;
  change(spec);
  return { spec };
};
const bucket = (change: Spec) => ({ spec: { ...BUCKET.spec, ...change } });

const CASES: ResourceCase[] = [
  { policy: couchbaseRestrictedPods, type: COUCHBASE_TYPES.cluster, pass: CLUSTER, failures: [
    [cluster((s) => { s.security = { ...s.security, securityContext: { ...(s.security.securityContext as Spec), allowPrivilegeEscalation: true } }; }),
      "container couchbase-server: allowPrivilegeEscalation is not false."],
  ] },
  { policy: couchbaseTlsNotExposed, type: COUCHBASE_TYPES.cluster, pass: CLUSTER, failures: [
    [cluster((s) => { s.networking = { ...s.networking, tls: undefined as never }; }),
      "spec.networking.tls.secretSource.serverSecretName is not set: clients and servers would speak plain text. Name the servers' kubernetes.io/tls Secret."],
    [cluster((s) => { s.networking.tls = { ...s.networking.tls, nodeToNodeEncryption: "ControlPlaneOnly" }; }),
      "spec.networking.tls.nodeToNodeEncryption is ControlPlaneOnly: documents travel between servers in plain text. Set All (or Strict)."],
    [cluster((s) => { s.networking = { ...s.networking, exposedFeatures: ["client", "admin"] }; }),
      "spec.networking.exposedFeatures is [client, admin]: the operator creates a Service per pod reachable outside the cluster. Set []."],
    [cluster((s) => { s.networking = { ...s.networking, exposeAdminConsole: true }; }),
      "spec.networking.exposeAdminConsole is true: the operator creates a NodePort or LoadBalancer Service for the web console. Set false."],
    [cluster((s) => { s.networking.tls = { ...s.networking.tls, tlsMinimumVersion: "TLS1.1" }; }), "spec.networking.tls.tlsMinimumVersion is TLS1.1: set TLS1.2 or TLS1.3."],
  ] },
  { policy: couchbasePersistentVolumes, type: COUCHBASE_TYPES.cluster, pass: CLUSTER, failures: [
    [cluster((s) => { s.servers = [{ ...s.servers[0], volumeMounts: undefined }]; }), "server class data has no volumeMounts.default: its data lives on the pod's ephemeral storage."],
    [cluster((s) => { s.volumeClaimTemplates = []; }), "server class data mounts couchbase, which is not in spec.volumeClaimTemplates."],
  ] },
  { policy: couchbaseImagePinned, type: COUCHBASE_TYPES.cluster, pass: CLUSTER, failures: [
    [cluster((s) => { s.image = "couchbase/server:8.0.3"; }), "spec.image couchbase/server:8.0.3 is not pinned by digest: a re-pushed tag changes what new servers run. Pin @sha256:<digest>."],
    [cluster((s) => { s.backup = { ...s.backup, image: "couchbase/operator-backup:1.5.0" }; }), "spec.backup.image couchbase/operator-backup:1.5.0 is not pinned by digest. Pin @sha256:<digest>."],
  ] },
  { policy: couchbaseLeastPrivilege, type: COUCHBASE_TYPES.group, pass: GROUP, failures: [
    [{ spec: { roles: [{ name: "cluster_admin" }] } }, "role cluster_admin administers the cluster: an application or metrics group must not hold it."],
    [{ spec: { roles: [{ name: "data_writer" }] } }, "role data_writer names no bucket: it reaches every bucket of the cluster. List the bucket in buckets.resources."],
  ] },
  // Engine rules: what the operator's admission controller and the server refuse.
  { policy: couchbaseClusterLimits, type: COUCHBASE_TYPES.cluster, pass: CLUSTER, failures: [
    [cluster((s) => { s.cluster = { ...s.cluster, dataServiceMemoryQuota: "128Mi" }; }),
      "spec.cluster.dataServiceMemoryQuota 128Mi must be at least 256Mi (https://github.com/couchbase/couchbase-operator/blob/master/pkg/apis/couchbase/v2/types.go)."],
    [cluster((s) => { s.servers = [{ ...s.servers[0], services: ["index", "query"] }]; s.image = "couchbase/server:enterprise"; }),
      "no server class runs the data service; spec.image couchbase/server:enterprise matches neither <repo>:<tag with a version> nor <repo>@sha256:<digest> (the CRD's pattern) (https://github.com/couchbase/couchbase-operator/blob/master/pkg/apis/couchbase/v2/types.go)."],
    [{ metadata: { name: "c".repeat(43) } }, `cluster name ${"c".repeat(43)} is longer than 42 characters (https://github.com/couchbase/couchbase-operator/blob/master/pkg/apis/couchbase/v2/types.go).`],
  ] },
  { policy: couchbaseBucketLimits, type: COUCHBASE_TYPES.bucket, pass: BUCKET, failures: [
    [bucket({ replicas: 3 }), "spec.minimumDurability majority with 3 replicas: Couchbase Server supports durability for at most 2 replicas."],
    [bucket({ memoryQuota: "64Mi", maxTTL: "2147483648s" }), "spec.memoryQuota 64Mi must be at least 100Mi; spec.maxTTL 2147483648s must be a duration of 0..2147483647s."],
    [bucket({ name: "fiber storage", replicas: 4, minimumDurability: "none" }), 'spec.name fiber storage must be 1-100 of a-z, A-Z, 0-9 and "-_%."; spec.replicas 4 must be 0..3.'],
  ] },
];

describeResourceCases(CASES, T.bucket);

describe("Couchbase policies in the pack", () => {
  it("are registered, the engine rules among the engine rules and mandatory in both tiers", () => {
    for (const p of [...COUCHBASE_POLICIES, ...COUCHBASE_ENGINE_RULES]) expect(POLICIES.some((q) => q.name === p.name), p.name).toBe(true);
    for (const p of COUCHBASE_ENGINE_RULES) expect(ENGINE_RULE_POLICIES.includes(p), p.name).toBe(true);
    for (const stack of ["dev", "prod"]) {
      const config = reconcilePolicyConfig(readPolicyConfigFile(stack), "mandatory");
      for (const p of COUCHBASE_ENGINE_RULES) expect(config.get(p.name)?.enforcementLevel, `${stack}: ${p.name}`).toBe("mandatory");
    }
  });

  it("read quantities and durations as the operator does", () => {
    expect([quantityMiB("512Mi"), quantityMiB("4Gi"), quantityMiB("268435456"), quantityMiB("1G")]).toEqual([512, 4096, 256, undefined]);
    expect([durationSeconds("720h"), durationSeconds("1h30m"), durationSeconds("0s"), durationSeconds("1d")]).toEqual([2_592_000, 5_400, 0, undefined]);
  });
});
