import type { z } from "zod";
import { CLICKHOUSE_DEFAULTS, FIBER_DEFAULTS, MAX_REPLICAS, OPERATOR_NAMESPACE_EXAMPLE, RESERVED_USERS } from "../../../components/clickhouse/defaults";
import { CLICKHOUSE_KEEPER_IMAGE, CLICKHOUSE_SERVER_IMAGE } from "../../../components/clickhouse/image";
import { IDENTIFIER } from "../../../components/clickhouse/names";
import { documented } from "../../config/docs";
import { dnsLabel, flag, intRange, list, matching, section } from "../../config/rules";
import { imageDefault, imageSchema, kubernetesHostingFields } from "../kubernetes-hosting";

const identifier = matching(IDENTIFIER, "a ClickHouse identifier: a letter or _, then letters, digits or _, at most 63 characters");
const cidr = matching(/^((25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(25[0-5]|2[0-4]\d|1?\d?\d)\/(3[0-2]|[12]?\d)$/, "an IPv4 CIDR block such as 10.0.0.0/8");
const millicores = { type: "integer millicores 100..64000", description: "CPU request / limit of each server; the limit is at least the request." };

/** The operator this adapter needs, and where to get it (README, ClickHouse). */
export const OPERATOR_PREREQUISITE = "the Altinity clickhouse-operator (Helm chart altinity-clickhouse-operator 0.25.6, repository https://helm.altinity.com)";

/** `sparki-storage:clickhouse`: every field optional; what is absent comes from the tier (profiles.ts), then the component. */
export const clickhouseSchema = documented(section({
  enabled: documented(flag().optional(), { type: "boolean", description: "Deploy ClickHouse at all (off in dev and prod; examples/clickhouse turns it on)." }),
  ...kubernetesHostingFields("clickhouse"),
  operator: documented(section({
    installed: documented(flag().optional(), {
      type: "boolean", default: "— ; must be `true`",
      description: `Confirms ${OPERATOR_PREREQUISITE} runs in the cluster: it serves the ClickHouseInstallation and ClickHouseKeeperInstallation kinds this stack creates. Refused unless true.`,
    }),
    namespace: documented(dnsLabel.optional(), {
      type: "DNS label", default: "— ; required",
      description: `Namespace the operator runs in (\`helm install -n ${OPERATOR_NAMESPACE_EXAMPLE}\` in the README): the only namespace the NetworkPolicies admit to the servers' HTTP(S) ports (metrics, schema) and Keeper.`,
    }),
  }), { description: "The Altinity operator (a prerequisite, never installed by this stack)." }).optional(),
  image: imageSchema({
    type: "registry host, path, tag, `sha256:<64 hex>`", default: imageDefault(CLICKHOUSE_SERVER_IMAGE),
    description: "Server image (also runs the schema Job and the backup's dump); `tag` and `digest` only together.",
  }).optional(),
  keeperImage: imageSchema({ type: "as above", default: imageDefault(CLICKHOUSE_KEEPER_IMAGE), description: "ClickHouse Keeper image; `tag` and `digest` only together." }).optional(),
  replicas: documented(intRange(1, MAX_REPLICAS).optional(), { type: `integer 1..${MAX_REPLICAS}`, default: "dev `1`, prod `2` (prod refuses fewer)", description: "Replicas of the one shard, each on its own node." }),
  keeperReplicas: documented(intRange(1, 5).optional(), { type: "1, 3 or 5", default: "dev `1`, prod `3` (prod refuses fewer)", description: "ClickHouse Keeper members (Raft)." }),
  volumeSizeGiB: documented(intRange(1, 16_384).optional(), { type: "integer GiB 1..16384", default: "dev `20`, prod `100`", description: "Data volume of each replica." }),
  keeperVolumeSizeGiB: documented(intRange(1, 1024).optional(), { type: "integer GiB 1..1024", default: "dev `5`, prod `10`", description: "Volume of each Keeper member." }),
  cpuMillis: documented(intRange(100, 64_000).optional(), millicores),
  cpuLimitMillis: documented(intRange(100, 64_000).optional(), millicores),
  memoryMiB: documented(intRange(1024, 262_144).optional(), { type: "integer MiB 1024..262144", description: "Memory request = limit of each server." }),
  keeperMemoryMiB: documented(intRange(256, 65_536).optional(), { type: "integer MiB 256..65536", default: `\`${CLICKHOUSE_DEFAULTS.keeperMemoryMiB}\``, description: "Memory request = limit of each Keeper member." }),
  database: documented(identifier.optional(), { type: "ClickHouse identifier", default: `\`${FIBER_DEFAULTS.database}\``, description: "Database of the Fiber table (the adapter's `Database`)." }),
  table: documented(identifier.optional(), {
    type: "ClickHouse identifier", default: `\`${FIBER_DEFAULTS.table}\``,
    description: "The Fiber table (the adapter's `Table`), created ReplicatedReplacingMergeTree on every replica before the adapter connects.",
  }),
  appUsername: documented(identifier.optional(), {
    type: `ClickHouse identifier, not ${RESERVED_USERS.map((u) => `\`${u}\``).join(", ")}`, default: `\`${CLICKHOUSE_DEFAULTS.appUsername}\``,
    description: "The application user (rights on the Fiber table only); its password is generated into the Secret the output names.",
  }),
  clientCidrs: documented(list(cidr, 20).optional(), {
    type: "list of IPv4 CIDR blocks", default: `${CLICKHOUSE_DEFAULTS.clientCidrs.map((c) => `\`${c}\``).join(", ")} (RFC 1918 and EKS custom networking)`,
    description: "Networks the application and admin users may sign in from (ClickHouse `networks/ip`), inside what the NetworkPolicy admits; set the cluster's pod CIDRs to narrow it.",
  }),
}), {
  description: "ClickHouse (Altinity operator: 1 shard x N replicas, ClickHouse Keeper, TLS, encrypted volumes) on an existing Kubernetes cluster for the Fiber storage/clickhouse adapter; the operator is a prerequisite. Absent fields take the profile default.",
});

export type ClickhouseConfig = z.infer<typeof clickhouseSchema>;
