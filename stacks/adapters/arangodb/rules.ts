import { imageVersion } from "../../../components/arangodb/defaults";
import { editionProblems } from "../../../components/arangodb/edition";
import { agentCountProblem, GROUP_COUNT_SOURCE, groupCountProblems, minimumCount } from "../../../components/arangodb/rules";
import { imageProblems } from "../../../components/kubernetes/image";
import type { Problem } from "../../config/problems";
import type { AdapterRule } from "../contract";
import { imagePairingProblems, kubernetesHostingProblems } from "../kubernetes-hosting";
import type { ArangoDbProfile } from "./profiles";
import type { ArangoDbConfig } from "./schema";
import type { ArangoDbSettings } from "./settings";

type Rule = AdapterRule<ArangoDbConfig, ArangoDbProfile, ArangoDbSettings>;

/** The operator is a prerequisite (kube-arangodb, https://github.com/arangodb/kube-arangodb, chart 1.4.4): the config asserts it. */
export const OPERATOR_PREREQUISITE = "the kube-arangodb operator (Helm chart kube-arangodb 1.4.4 from https://arangodb.github.io/kube-arangodb, with its CRDs)";

const operator: Rule = ({ settings: s }) => [
  ...(s.operatorInstalled ? [] : [{
    path: ["operatorInstalled"],
    message: `must be true: the stack creates an ArangoDeployment for ${OPERATOR_PREREQUISITE} and does not install it; install the operator on the cluster first, then set operatorInstalled: true`,
  }]),
  ...(s.operatorNamespace !== undefined ? [] : [{
    path: ["operatorNamespace"],
    message: "must name the namespace the kube-arangodb operator runs in (the NetworkPolicy admits only it, the deployment's own pods and Prometheus to the servers)",
  }]),
];

const tlsSecret: Rule = ({ config }) => config.tlsSecretName === undefined ? [] : [{
  path: ["tlsSecretName"],
  message: "does not apply to ArangoDB: the operator issues every server certificate itself from the CA in tlsCaSecretName (operator-managed unless given); remove it",
}];

/** Counts the operator would refuse (its ServerGroupSpec.Validate), and Cluster-only counts in Single mode. */
const counts: Rule = ({ config, settings: s }) => {
  const fields = [["agents", "agents"], ["dbServers", "dbservers"], ["coordinators", "coordinators"]] as const;
  if (s.mode === "Single") {
    return fields.filter(([field]) => config[field] !== undefined)
      .map(([field]) => ({ path: [field], message: "only applies to mode Cluster (mode Single runs one server); remove it or set mode: Cluster" }));
  }
  const values = { agents: s.agents, dbservers: s.dbServers, coordinators: s.coordinators };
  const belowMinimum = fields.filter(([, group]) => groupCountProblems(s.mode, s.environment, { [group]: values[group] }).length > 0)
    .map(([field, group]) => ({
      path: [field],
      message: `must be at least ${minimumCount(group, s.mode, s.environment) ?? 0} for environment ${s.environment} (the operator refuses fewer: ${GROUP_COUNT_SOURCE})`,
    }));
  const even = agentCountProblem(s.agents) === undefined || belowMinimum.some((p) => p.path[0] === "agents") ? [] : [{
    path: ["agents"], message: "must be odd: the agency is a Raft group, and an even count tolerates no more failures than one agent fewer",
  }];
  return [...belowMinimum, ...even];
};

/** A replication factor above the DB-Server count cannot place its copies (new collections fail). */
const replication: Rule = ({ settings: s, scope }) => s.mode === "Cluster" && s.dbServers < s.replicationFactor ? [{
  path: ["dbServers"],
  message: `must be at least ${s.replicationFactor} for profile "${scope.env.profile.name}": every shard is kept on ${s.replicationFactor} DB-Servers (--cluster.default-replication-factor)`,
}] : [];

const cpu: Rule = ({ settings: s }) => s.cpuLimitMillis < s.cpuMillis ? [{ path: ["cpuLimitMillis"], message: `must be at least cpuMillis (${s.cpuMillis})` }] : [];

const edition: Rule = ({ settings: s }) => editionProblems({
  edition: s.edition, licenseSecretName: s.licenseSecretName, encryptionAtRest: s.encryptionAtRest, version: imageVersion(s.image),
}).map((p) => ({ path: p.field.split("."), message: p.message }));

const encryption: Rule = ({ settings: s, scope }) => s.encryptionRequired && !s.encryptionAtRest ? [{
  path: ["encryptionAtRest"],
  message: `must not be false for profile "${scope.env.profile.name}" (RocksDB encryption at rest keeps the data unreadable without the key, beyond the volume's own encryption)`,
}] : [];

const prodCluster: Rule = ({ settings: s, profile, scope }) => profile.mode === "Cluster" && s.mode === "Single" ? [{
  path: ["mode"],
  message: `must be Cluster for profile "${scope.env.profile.name}" (a single server has no failover; the agency and replicated DB-Servers do)`,
}] : [];

const image: Rule = ({ config, settings: s }) => [
  ...imagePairingProblems(config.image, "image"),
  ...imageProblems(s.image).filter((p) => p.startsWith("repository")).map((message): Problem => ({ path: ["image", "repository"], message })),
];

/** Rules of `sparki-storage:arangodb`; they apply only to a stack that deploys ArangoDB. */
export const ARANGODB_RULES: readonly Rule[] = [
  ({ config, settings: s, scope }) => kubernetesHostingProblems(config, s.hosting, scope),
  operator, tlsSecret, counts, replication, cpu, edition, encryption, prodCluster, image,
];
