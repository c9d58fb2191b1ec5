import type { ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { BOOTSTRAP_SOURCE, type DeploymentEnvironment, type DeploymentMode, GROUP_COUNT_SOURCE, groupCountProblems, passwordSecretNamesProblems } from "../components/arangodb/rules";
import { ARANGO_DEPLOYMENT_TYPE } from "../components/arangodb/spec";
import { engineRule } from "./lib/controls";
import { read } from "./lib/values";

/**
 * What the kube-arangodb operator refuses in an ArangoDeployment (its spec validation marks the deployment failed and
 * creates nothing), for any such custom resource in a stack; the checks and their sources are in
 * components/arangodb/rules.ts. Part of ENGINE_RULE_POLICIES.
 */

const CHECKED = "2026-11-29";
type Spec = Record<string, unknown>;

function specOf(args: ResourceValidationArgs): Spec | undefined {
  if (args.type !== ARANGO_DEPLOYMENT_TYPE) return args.notApplicable("not a kube-arangodb ArangoDeployment");
  const r = read(() => {
    const spec = (args.props as { spec?: unknown }).spec;
    return spec === undefined ? {} : JSON.parse(JSON.stringify(spec)) as Spec;
  });
  return r.known ? r.value : undefined;
}

const countOf = (spec: Spec, group: string): number | undefined => {
  const g = spec[group];
  const count = typeof g === "object" && g !== null ? (g as Spec).count : undefined;
  return typeof count === "number" ? count : undefined;
};

export const arangoDbGroupCounts: ResourceValidationPolicy = {
  name: "engine-arangodb-group-counts",
  ...engineRule(GROUP_COUNT_SOURCE, CHECKED,
    "ArangoDeployment group counts the operator accepts: Single mode one server; Cluster agents >= 3, DB-Servers and Coordinators >= 2 in Production; DB-Servers >= 2 in Development.",
    "Set spec.<group>.count within the operator's minimums (components/arangodb resolves and checks them before registering).",
    "https://github.com/arangodb/kube-arangodb/blob/1.4.4/pkg/apis/deployment/v1/server_group_spec.go"),
  validateResource: (args, report) => {
    const spec = specOf(args);
    if (spec === undefined) return;
    // The operator's defaults: mode Cluster, environment Development (ArangoDeployment.V1 .spec.mode, .spec.environment).
    const mode = (spec.mode ?? "Cluster") as DeploymentMode;
    const environment = (spec.environment ?? "Development") as DeploymentEnvironment;
    const problems = groupCountProblems(mode, environment, {
      single: countOf(spec, "single"), agents: countOf(spec, "agents"), dbservers: countOf(spec, "dbservers"), coordinators: countOf(spec, "coordinators"),
    });
    if (problems.length > 0) report(`${problems.join("; ")}.`);
  },
};

export const arangoDbBootstrapUsers: ResourceValidationPolicy = {
  name: "engine-arangodb-bootstrap-users",
  ...engineRule(BOOTSTRAP_SOURCE, CHECKED,
    "ArangoDeployment bootstrap.passwordSecretNames names only the root user.",
    "Name only root; create other users inside the database.",
    "https://github.com/arangodb/kube-arangodb/blob/1.4.4/pkg/apis/deployment/v1/bootstrap.go"),
  validateResource: (args, report) => {
    const spec = specOf(args);
    if (spec === undefined) return;
    const bootstrap = spec.bootstrap;
    const names = typeof bootstrap === "object" && bootstrap !== null ? (bootstrap as Spec).passwordSecretNames : undefined;
    const problems = typeof names === "object" && names !== null ? passwordSecretNamesProblems(names as Record<string, string>) : [];
    if (problems.length > 0) report(`${problems.join("; ")}.`);
  },
};

export const ARANGODB_ENGINE_RULES = [arangoDbGroupCounts, arangoDbBootstrapUsers];
