import * as k8s from "@pulumi/kubernetes";
import { describe, expect, it } from "vitest";
import { memberStatefulSet } from "../components/etcd";
import { ENGINE_RULE_POLICIES } from "../policy/engine-rules";
import { ETCD_ENGINE_RULES, etcdInitialCluster, etcdTlsFiles } from "../policy/engine-rules-etcd";
import { POLICIES } from "../policy/policies";
import { describeResourceCases, type ResourceCase } from "./policy-cases";
import { T } from "./policy-fixtures";
import { checkResource, pulumiType, readPolicyConfigFile, reconcilePolicyConfig } from "./policy-harness";

/**
 * The engine rules for etcd members (what etcd itself refuses at start, which the API server accepts): the prod
 * StatefulSet as components/etcd builds it passes; counterexamples fail with their exact messages.
 */

const STATEFUL_SET = pulumiType(k8s.apps.v1.StatefulSet);

/** The three-member StatefulSet components/etcd builds, as plain inputs. */
const members = (count = 3) => JSON.parse(JSON.stringify(memberStatefulSet({
  instance: "sparki-prod-etcd", address: { namespace: "sparki-prod-etcd", clusterDomain: "cluster.local" }, members: count,
  image: "gcr.io/etcd-development/etcd:v3.6.6@sha256:60a30b5d81b2217555e2cfb9537f655b7ba97220b99c39ee2e162a7127225890",
  volumeSizeGiB: 10, storageClassName: "sparki-prod-etcd-ebs-kms", quotaBackendBytes: 2 * 1024 ** 3, cpuMillis: 500, cpuLimitMillis: 2000,
  memoryMiB: 2048, tlsSecretName: "etcd-tls", retainVolumes: true,
}))) as { metadata: unknown; spec: { replicas: number; template: { spec: { containers: { args: string[] }[] } } } };

/** The three-member spec with other replicas or other args. */
function spec(change: { replicas?: number; args?: (args: string[]) => string[] }): Record<string, unknown> {
  const set = members();
  if (change.replicas !== undefined) set.spec.replicas = change.replicas;
  if (change.args) set.spec.template.spec.containers[0].args = change.args(set.spec.template.spec.containers[0].args);
  return { spec: set.spec };
}

const REFUSED_NAME = 'etcd refuses to start it ("couldn\'t find local name in the initial cluster configuration")';
const TLS = 'but --cert-file and --key-file are not both set: etcd refuses to start ("TLS key/cert (--cert-file, --key-file) must be provided")';

const CASES: ResourceCase[] = [
  { policy: etcdInitialCluster, type: STATEFUL_SET, pass: members(), failures: [
    [spec({ replicas: 5 }),
      `member etcd-3 is not in --initial-cluster (etcd-0, etcd-1, etcd-2): ${REFUSED_NAME}; member etcd-4 is not in --initial-cluster (etcd-0, etcd-1, etcd-2): ${REFUSED_NAME}.`],
    [spec({ replicas: 1 }),
      "--initial-cluster lists etcd-1, which none of the 1 pods is: a new cluster waits for a quorum that counts it; --initial-cluster lists etcd-2, which none of the 1 pods is: a new cluster waits for a quorum that counts it."],
  ] },
  { policy: etcdTlsFiles, type: STATEFUL_SET, pass: members(), failures: [
    [spec({ args: (a) => a.filter((x) => !x.startsWith("--cert-file=")) }), `--listen-client-urls has an https URL ${TLS}.`],
    [spec({ args: (a) => [...a.filter((x) => !x.startsWith("--key-file=")), "--listen-metrics-urls=https://0.0.0.0:2381"] }),
      `--listen-client-urls has an https URL ${TLS}; --listen-metrics-urls has an https URL ${TLS}.`],
  ] },
];

describeResourceCases(CASES, T.bucket);

describe("etcd engine rules in the pack", () => {
  it("are registered among the engine rules and mandatory in both tiers' policy config", () => {
    for (const p of ETCD_ENGINE_RULES) {
      expect(POLICIES.some((q) => q.name === p.name), p.name).toBe(true);
      expect(ENGINE_RULE_POLICIES.includes(p), p.name).toBe(true);
    }
    for (const stack of ["dev", "prod"]) {
      const config = reconcilePolicyConfig(readPolicyConfigFile(stack), "mandatory");
      for (const p of ETCD_ENGINE_RULES) expect(config.get(p.name)?.enforcementLevel, `${stack} ${p.name}`).toBe("mandatory");
    }
  });

  it("pass the one- and five-member clusters the component builds", async () => {
    for (const count of [1, 5]) {
      for (const policy of ETCD_ENGINE_RULES) {
        expect((await checkResource(policy, { type: STATEFUL_SET, props: members(count) })).violations, `${policy.name} ${count}`).toEqual([]);
      }
    }
  });
});
