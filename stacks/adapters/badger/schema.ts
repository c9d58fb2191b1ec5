import type { z } from "zod";
import { DLM_INTERVAL_HOURS, DLM_MAX_RETENTION, UTC_TIME } from "../../../components/common/dlm";
import { GP3 } from "../../../components/common/ebs";
import { DATA_PATH, KV_HOSTINGS } from "../../../components/embedded-kv/args";
import { KV_ENGINES } from "../../../components/embedded-kv/engines";
import { documented } from "../../config/docs";
import { dnsLabel, flag, intRange, kubeconfigPath, kubeContext, matching, oneOf, section } from "../../config/rules";

const code = (values: readonly (string | number)[]) => values.map((v) => `\`${v}\``).join(" | ");

/** `sparki-storage:embeddedKv`: the volumes, snapshots and alerting under the deployment agents' embedded store. */
export const embeddedKvSchema = documented(section({
  enabled: documented(flag().optional(), { type: "boolean", description: "Provision for the agents' embedded store at all (off in dev and prod; examples/badger and examples/badger-k8s turn it on)." }),
  engine: documented(oneOf(KV_ENGINES).optional(), { type: code(KV_ENGINES), default: "`badger`", description: "Engine the agents embed: its Fiber adapter, volume headroom and maintenance settings." }),
  hosting: documented(oneOf(KV_HOSTINGS).optional(), { type: code(KV_HOSTINGS), default: "`ec2`", description: "EC2 agents (launch template, CloudWatch agent, fleet alarms) or Kubernetes agents (StorageClass, claim template, Prometheus rules)." }),
  dataPath: documented(matching(DATA_PATH, "an absolute path of letters, digits, '.', '_', '-' and '/', without a trailing '/'").optional(), {
    type: "absolute path", default: "`/var/lib/sparki/kv`", description: "The volume's mount point, where the agent opens the store (the adapter's Database/Path); the disk alarms match it exactly.",
  }),
  expectedLiveDataGiB: documented(intRange(1, 6553).optional(), { type: "integer GiB 1..6553", default: "dev 4, prod 40", description: "Live data one agent keeps; sizes the volume with the engine's headroom." }),
  volumeSizeGiB: documented(intRange(GP3.minGiB, GP3.maxGiB).optional(), {
    type: `integer GiB ${GP3.minGiB}..${GP3.maxGiB}`, default: "live data x headroom (badger 2.5, leveldb/pebble 2), rounded up",
    description: "Volume per agent; smaller than live data x headroom is refused (compaction writes before it deletes).",
  }),
  iops: documented(intRange(GP3.minIops, GP3.maxIops).optional(), { type: `integer ${GP3.minIops}..${GP3.maxIops}`, default: "3000", description: "gp3 IOPS, at most 500 per GiB." }),
  throughputMiBps: documented(intRange(GP3.minThroughput, GP3.maxThroughput).optional(), { type: `integer MiB/s ${GP3.minThroughput}..${GP3.maxThroughput}`, default: "125", description: "gp3 throughput, at most IOPS/4." }),
  snapshotIntervalHours: documented(intRange(1, 24).optional(), { type: code(DLM_INTERVAL_HOURS), default: "24", description: "Hours between snapshots of every agent volume (Data Lifecycle Manager)." }),
  snapshotRetentionDays: documented(intRange(1, DLM_MAX_RETENTION.DAYS).optional(), {
    type: `integer days 1..${DLM_MAX_RETENTION.DAYS}`, default: "dev 3, prod 14",
    description: "Days each snapshot is kept (by age: snapshots of terminated agents expire too, all but the last); prod refuses fewer than 7.",
  }),
  snapshotTimeUtc: documented(matching(UTC_TIME, "a UTC time hh:mm such as 03:00").optional(), { type: "`hh:mm`, UTC", default: "`03:00`", description: "Start of the snapshot schedule." }),
  kubernetes: documented(section({
    kubeconfig: documented(kubeconfigPath.optional(), {
      type: "file path", default: "— (ambient `KUBECONFIG`)", description: "Kubeconfig of the agents' cluster; a path only.",
    }),
    context: documented(kubeContext.optional(), { type: "kubeconfig context name", default: "— (current context); prod requires it", description: "Context of the agents' cluster." }),
    prometheusRelease: documented(matching(/^[a-z0-9]([-a-z0-9.]{0,61}[a-z0-9])?$/, "a Helm release name").optional(), {
      type: "Helm release name", default: "— (no `release` label)",
      description: "Release of kube-prometheus-stack: the rule object gets `release: <name>`, which that chart's Prometheus selects rules by by default.",
    }),
    namespace: documented(dnsLabel.optional(), { type: "DNS label", default: "— (required with `hosting: kubernetes`)", description: "Existing namespace of the agents' pods; the alert rules go there. Required with `hosting: kubernetes`." }),
    claimName: documented(dnsLabel.optional(), { type: "DNS label", default: "`kv-data`", description: "Name of the volume claim template the agents' StatefulSet embeds." }),
  }).optional(), { type: "object", description: "Kubernetes hosting only." }),
}), {
  description: "Volumes, snapshots and alerting under the deployment agents' embedded Badger, LevelDB or Pebble store. Absent fields take the profile default.",
});

export type EmbeddedKvConfig = z.infer<typeof embeddedKvSchema>;
