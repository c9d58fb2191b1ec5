// What the kube-arangodb operator refuses in an ArangoDeployment: shared by the component (before anything is
// registered) and the policy pack's engine rules (policy/engine-rules-arangodb.ts).

export const DEPLOYMENT_MODES = ["Single", "Cluster"] as const;
export type DeploymentMode = (typeof DEPLOYMENT_MODES)[number];
export const ENVIRONMENTS = ["Development", "Production"] as const;
export type DeploymentEnvironment = (typeof ENVIRONMENTS)[number];

/**
 * The operator's group validation, kube-arangodb 1.4.4 pkg/apis/deployment/v1/server_group_spec.go
 * (ServerGroupSpec.Validate, https://github.com/arangodb/kube-arangodb/blob/1.4.4/pkg/apis/deployment/v1/server_group_spec.go,
 * checked 2026-11-29): a used group needs count >= 1; in `Production` agents >= 3 and DB-Servers and Coordinators
 * >= 2; in `Development` DB-Servers >= 2 as well; `Single` mode runs exactly one server.
 */
export const GROUP_COUNT_SOURCE = "kube-arangodb 1.4.4 pkg/apis/deployment/v1/server_group_spec.go (ServerGroupSpec.Validate)";

export interface GroupCounts {
  readonly single?: number;
  readonly agents?: number;
  readonly dbservers?: number;
  readonly coordinators?: number;
}

/** Operator minimum of a group's count, by mode and environment (undefined: the group is not used). */
export function minimumCount(group: keyof GroupCounts, mode: DeploymentMode, environment: DeploymentEnvironment): number | undefined {
  if (mode === "Single") return group === "single" ? 1 : undefined;
  if (group === "single") return undefined;
  if (environment === "Production") return group === "agents" ? 3 : 2;
  return group === "dbservers" ? 2 : 1;
}

const GROUPS: readonly (keyof GroupCounts)[] = ["single", "agents", "dbservers", "coordinators"];

/**
 * The count field's doc says "For the Agent group, this value must be a positive, odd number"
 * (ArangoDeployment.V1 `.spec.agents.count`); Validate does not enforce it, so it is this stack's rule, not an engine
 * rule: a Raft group of an even size tolerates no more failures than one member fewer.
 */
export function agentCountProblem(agents: number): string | undefined {
  return agents % 2 === 0 ? `agents.count must be odd (a Raft majority), got ${agents}` : undefined;
}

/** Every way the counts break the operator's validation, `<group> <message>`. Absent counts take the operator's defaults and are not judged. */
export function groupCountProblems(mode: DeploymentMode, environment: DeploymentEnvironment, counts: GroupCounts): string[] {
  const problems: string[] = [];
  for (const group of GROUPS) {
    const count = counts[group];
    const min = minimumCount(group, mode, environment);
    // The operator's SetDefaults (same file) runs first: it drops the count of a group the mode does not use and
    // gives a used group with count 0 its default, so neither is refused.
    if (count === undefined || count === 0 || min === undefined) continue;
    if (!Number.isInteger(count) || count < min) problems.push(`${group}.count must be at least ${min} in mode ${mode}, environment ${environment}, got ${count}`);
    if (group === "single" && count > 1) problems.push(`single.count must be 1 in mode Single, got ${count}`);
  }
  return problems;
}

/**
 * Only `root` may be named in `spec.bootstrap.passwordSecretNames` ("only username `root` allowed in
 * passwordSecretNames": kube-arangodb 1.4.4 pkg/apis/deployment/v1/bootstrap.go, BootstrapSpec.Validate, checked
 * 2026-11-29). (`None`, an empty root password, is the default: a baseline the policy pack refuses, not an operator rule.)
 */
export const BOOTSTRAP_SOURCE = "kube-arangodb 1.4.4 pkg/apis/deployment/v1/bootstrap.go (BootstrapSpec.Validate)";

export function passwordSecretNamesProblems(names: Readonly<Record<string, string>>): string[] {
  return Object.keys(names).filter((user) => user !== "root").map((user) => `passwordSecretNames names user "${user}": the operator bootstraps only root`);
}
