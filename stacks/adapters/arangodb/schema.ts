import type { z } from "zod";
import { ARANGODB_DEFAULTS, COLLECTION_NAME, DATABASE_NAME } from "../../../components/arangodb/defaults";
import { ARANGODB_EDITIONS, COMMUNITY_DATASET_LIMIT_GB } from "../../../components/arangodb/edition";
import { ARANGODB_IMAGE } from "../../../components/arangodb/image";
import { DEPLOYMENT_MODES } from "../../../components/arangodb/rules";
import { documented } from "../../config/docs";
import { dnsLabel, flag, intRange, matching, oneOf, section } from "../../config/rules";
import { imageDefault, imageSchema, kubernetesHostingFields } from "../kubernetes-hosting";

const objectName = matching(/^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/, "a Kubernetes object name (lowercase letters, digits, '-' and '.')");
const millicores = { type: "integer millicores 100..64000", description: "CPU request / limit per server; the limit is at least the request." };

/** `sparki-storage:arangodb`: every field optional; what is absent comes from the tier (profiles.ts), then the component. */
export const arangoDbSchema = documented(section({
  enabled: documented(flag().optional(), { type: "boolean", description: "Deploy ArangoDB at all (off in dev and prod; examples/arangodb turns it on)." }),
  ...kubernetesHostingFields("arangodb"),
  operatorInstalled: documented(flag().optional(), {
    type: "boolean", default: "— ; must be `true` to deploy",
    description: "Asserts that the kube-arangodb operator (Helm chart `kube-arangodb` 1.4.4, CRDs included) runs on the cluster: the stack creates an `ArangoDeployment` and does not install the operator.",
  }),
  operatorEphemeralVolumes: documented(flag().optional(), {
    type: "boolean", default: "`false`",
    description: "Asserts that the operator runs with `--deployment.feature.ephemeral-volumes` (Helm `--set \"operator.args={--deployment.feature.ephemeral-volumes}\"`, or `secured-containers`): only then does it give arangod writable temp and app directories, and the servers' root filesystem is made read-only. Default: writable root filesystem (the Restricted standard does not require it read-only).",
  }),
  operatorNamespace: documented(dnsLabel.optional(), {
    type: "DNS label", default: "— ; required to deploy",
    description: "Namespace the operator runs in: the NetworkPolicy admits it to the servers' port 8529.",
  }),
  mode: documented(oneOf(DEPLOYMENT_MODES).optional(), { type: "`Single` | `Cluster`", default: "dev `Single`, prod `Cluster`", description: "One server, or agents + DB-Servers + Coordinators." }),
  agents: documented(intRange(1, 7).optional(), { type: "odd integer 1..7", default: `\`${ARANGODB_DEFAULTS.agents}\``, description: "Agents (Cluster); prod at least 3." }),
  dbServers: documented(intRange(2, 32).optional(), { type: "integer 2..32", default: `\`${ARANGODB_DEFAULTS.dbServers}\``, description: "DB-Servers (Cluster)." }),
  coordinators: documented(intRange(1, 16).optional(), { type: "integer 1..16", default: `\`${ARANGODB_DEFAULTS.coordinators}\``, description: "Coordinators (Cluster); prod at least 2." }),
  volumeSizeGiB: documented(intRange(1, 16_384).optional(), { type: "integer GiB 1..16384", default: "dev 10, prod 100", description: "Volume of the single server or of each DB-Server." }),
  agentVolumeSizeGiB: documented(intRange(1, 16_384).optional(), { type: "integer GiB 1..16384", default: `\`${ARANGODB_DEFAULTS.agentVolumeSizeGiB}\``, description: "Volume of each agent." }),
  cpuMillis: documented(intRange(100, 64_000).optional(), millicores),
  cpuLimitMillis: documented(intRange(100, 64_000).optional(), millicores),
  memoryMiB: documented(intRange(1024, 262_144).optional(), { type: "integer MiB 1024..262144", default: "dev 2048, prod 8192", description: "Memory request = limit per server." }),
  edition: documented(oneOf(ARANGODB_EDITIONS).optional(), {
    type: "`community` | `enterprise`", default: "`community`",
    description: `Licence: the Community License allows commercial production use up to ${COMMUNITY_DATASET_LIMIT_GB} GB of data per cluster and three clusters; \`enterprise\` needs \`licenseSecretName\`.`,
  }),
  licenseSecretName: documented(objectName.optional(), { type: "Kubernetes object name", default: "—", description: "Secret with the Enterprise licence key under the key `token` (the operator also reads `license-v2`/`token-v2`); edition `enterprise` only. The stack names it and does not read it." }),
  encryptionAtRest: documented(flag().optional(), {
    type: "boolean", default: "`true`; prod refuses `false`",
    description: "RocksDB encryption at rest with a generated 32-byte key (Community Edition from ArangoDB 3.12.5).",
  }),
  tlsCaSecretName: documented(objectName.optional(), {
    type: "Kubernetes object name", default: "`arangodb-ca` (the operator creates a self-signed CA)",
    description: "Secret with `ca.crt` and `ca.key` the operator signs the servers' certificates with; created by the operator when absent.",
  }),
  database: documented(matching(DATABASE_NAME, "a database name: a letter, then letters, digits, '_' or '-' (at most 64)").optional(), {
    type: "ArangoDB database name", default: `\`${ARANGODB_DEFAULTS.database}\``, description: "Database the Fiber adapter uses (`Config.Database`); the provisioning Job creates it." }),
  collection: documented(matching(COLLECTION_NAME, "a collection name: a letter, then letters, digits, '_' or '-' (at most 256)").optional(), {
    type: "ArangoDB collection name", default: `\`${ARANGODB_DEFAULTS.collection}\``, description: "Collection the Fiber adapter uses (`Config.Collection`); the provisioning Job creates it." }),
  image: imageSchema({
    type: "registry host, path, tag, `sha256:<64 hex>`", default: imageDefault(ARANGODB_IMAGE),
    description: "Server image (also runs arangodump); `tag` and `digest` only together.",
  }).optional(),
}), {
  description: "ArangoDB on an existing Kubernetes cluster through the kube-arangodb operator (a prerequisite) for the Fiber storage/arangodb adapter (opt-in). Absent fields take the profile default.",
});

export type ArangoDbConfig = z.infer<typeof arangoDbSchema>;
