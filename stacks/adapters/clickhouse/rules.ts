import { KEEPER_SIZES, RESERVED_USERS } from "../../../components/clickhouse/defaults";
import type { AdapterRule } from "../contract";
import { imagePairingProblems, kubernetesHostingProblems } from "../kubernetes-hosting";
import type { ClickhouseProfile } from "./profiles";
import { type ClickhouseConfig, OPERATOR_PREREQUISITE } from "./schema";
import type { ClickhouseSettings } from "./settings";

type Rule = AdapterRule<ClickhouseConfig, ClickhouseProfile, ClickhouseSettings>;

/** Rules across keys, run on the settings when ClickHouse is enabled (paths inside `sparki-storage:clickhouse`). */
export const CLICKHOUSE_RULES: readonly Rule[] = [
  // Without the operator the API server has no ClickHouseInstallation kind: `pulumi up` would fail half-way, after
  // the namespace and Secrets exist. Refused before anything is registered instead.
  ({ settings: s }) => s.operatorInstalled
    ? []
    : [{ path: ["operator", "installed"], message: `must be true: ClickHouse runs through ${OPERATOR_PREREQUISITE}, which this stack does not install; install it in the cluster, then set operator.installed: true` }],

  // The NetworkPolicies admit the operator's namespace only: a wrong guess would cut off its metrics and schema work.
  ({ settings: s }) => s.operatorNamespace !== undefined
    ? []
    : [{ path: ["operator", "namespace"], message: "must name the namespace the Altinity operator runs in (helm install -n <namespace>): the NetworkPolicies admit only it to the servers' HTTP port and Keeper" }],

  // Context, StorageClass, the EBS CSI role, backups and their OIDC provider: the rules of every Kubernetes adapter.
  ({ config, settings, scope }) => kubernetesHostingProblems(config, settings, scope),

  ({ config }) => [...imagePairingProblems(config.image, "image"), ...imagePairingProblems(config.keeperImage, "keeperImage")],

  // A limit under the request is refused by the API server.
  ({ settings: s }) => s.cpuLimitMillis < s.cpuMillis
    ? [{ path: ["cpuLimitMillis"], message: `must be at least cpuMillis (${s.cpuMillis}): Kubernetes refuses a CPU limit below the request` }]
    : [],

  // Raft needs a majority: 2 members tolerate no failure more than 1 does, 4 none more than 3.
  ({ settings: s }) => (KEEPER_SIZES as readonly number[]).includes(s.keeperReplicas)
    ? []
    : [{ path: ["keeperReplicas"], message: "must be 1, 3 or 5: Keeper needs a majority of its members, so an even count tolerates no more failures than one member fewer" }],

  ({ settings: s, scope }) => s.replicas < s.minReplicas
    ? [{ path: ["replicas"], message: `must be at least ${s.minReplicas} for profile "${scope.env.profile.name}" (a second replica on another node keeps the data and reads through a node loss)` }]
    : [],

  ({ settings: s, scope }) => s.keeperReplicas < s.minKeeperReplicas
    ? [{ path: ["keeperReplicas"], message: `must be at least ${s.minKeeperReplicas} for profile "${scope.env.profile.name}" (with fewer, losing one Keeper member turns every replicated table read-only)` }]
    : [],

  ({ settings: s }) => (RESERVED_USERS as readonly string[]).includes(s.appUsername)
    ? [{ path: ["appUsername"], message: `must not be one of ${RESERVED_USERS.map((u) => `"${u}"`).join(", ")}: those users are the server's own (localhost default, backups and schema, the operator)` }]
    : [],
];
