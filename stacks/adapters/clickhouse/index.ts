import type { Adapter } from "../contract";
import type { ClickhouseOutputs } from "./deploy";
import { CLICKHOUSE_PROFILES, type ClickhouseProfile } from "./profiles";
import { CLICKHOUSE_RULES } from "./rules";
import { type ClickhouseConfig, clickhouseSchema } from "./schema";
import { type ClickhouseSettings, clickhouseSettings } from "./settings";

/** ClickHouse on an existing Kubernetes cluster through the Altinity operator (components/clickhouse) for the Fiber `storage/clickhouse` adapter. */
export const clickhouseAdapter: Adapter<ClickhouseConfig, ClickhouseProfile, ClickhouseSettings, ClickhouseOutputs> = {
  key: "clickhouse",
  configKey: "clickhouse",
  schema: clickhouseSchema,
  profiles: CLICKHOUSE_PROFILES,
  settings: clickhouseSettings,
  enabled: (s) => s.enabled,
  rules: CLICKHOUSE_RULES,
  loadDeploy: async () => (await import("./deploy")).deployClickhouse,
  resourceTypes: [
    { type: "sparki:clickhouse:ClickHouse", stateful: false },
    { type: "sparki:kubernetes:S3Backup", stateful: false },
    { type: "pulumi:providers:kubernetes", stateful: false },
    // Deleting the namespace deletes everything in it, the volumes' claims included.
    { type: "kubernetes:core/v1:Namespace", stateful: true },
    // Replaced, the operator deletes the servers (and, with reclaimPolicy Delete, their volumes) and starts empty ones.
    { type: "kubernetes:clickhouse.altinity.com/v1:ClickHouseInstallation", stateful: true },
    // Replaced, the Keeper members start with empty Raft logs: every replicated table loses its metadata.
    { type: "kubernetes:clickhouse-keeper.altinity.com/v1:ClickHouseKeeperInstallation", stateful: true },
    // Application and admin credentials: replaced, the servers and every client hold the old ones.
    { type: "kubernetes:core/v1:Secret", stateful: true },
    { type: "random:index/randomPassword:RandomPassword", stateful: true },
    // Its reclaim policy keeps the volumes; a replaced class orphans them from new claims.
    { type: "kubernetes:storage.k8s.io/v1:StorageClass", stateful: true },
    { type: "kubernetes:batch/v1:Job", stateful: false },
    { type: "kubernetes:networking.k8s.io/v1:NetworkPolicy", stateful: false },
    { type: "kubernetes:monitoring.coreos.com/v1:PrometheusRule", stateful: false },
    { type: "kubernetes:batch/v1:CronJob", stateful: false },
    { type: "kubernetes:core/v1:ServiceAccount", stateful: false },
    { type: "aws:iam/role:Role", stateful: false },
    { type: "aws:iam/rolePolicy:RolePolicy", stateful: false },
    { type: "aws:iam/policy:Policy", stateful: false },
  ],
};
