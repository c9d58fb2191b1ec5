import type { ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { CLICKHOUSE_CRD_SOURCE, clusterNameProblems, enumProblems } from "../components/clickhouse/rules";
import { engineRule } from "./lib/controls";
import { read } from "./lib/values";

/**
 * What the API server refuses in the Altinity operator's ClickHouseInstallation and ClickHouseKeeperInstallation
 * (their CRDs' structural schemas), for any such custom resource in a stack; checks and sources in
 * components/clickhouse/rules.ts. Part of ENGINE_RULE_POLICIES.
 */

const CHECKED = "2026-11-29";
export const CLICKHOUSE_TYPES = [
  "kubernetes:clickhouse.altinity.com/v1:ClickHouseInstallation",
  "kubernetes:clickhouse-keeper.altinity.com/v1:ClickHouseKeeperInstallation",
] as const;
const CRD_URL = "https://github.com/Altinity/clickhouse-operator/tree/release-0.25.6/deploy/helm/clickhouse-operator/crds";

/** The spec as plain data, or undefined while any part of it is unknown (preview: nothing is proven). */
export function clickHouseSpecOf(args: ResourceValidationArgs): Record<string, unknown> | undefined {
  if (!(CLICKHOUSE_TYPES as readonly string[]).includes(args.type)) return args.notApplicable("not an Altinity ClickHouse(Keeper)Installation");
  const r = read(() => {
    const spec = (args.props as { spec?: unknown }).spec;
    return spec === undefined ? {} : JSON.parse(JSON.stringify(spec)) as Record<string, unknown>;
  });
  return r.known ? r.value : undefined;
}

function crdRule(name: string, summary: string, remediation: string, problems: (spec: Record<string, unknown>) => string[]): ResourceValidationPolicy {
  return {
    name,
    ...engineRule(CLICKHOUSE_CRD_SOURCE, CHECKED, summary, remediation, CRD_URL),
    validateResource: (args, report) => {
      const spec = clickHouseSpecOf(args);
      if (spec === undefined) return;
      const found = problems(spec);
      if (found.length > 0) report(`${found.join("; ")}.`);
    },
  };
}

export const clickHouseClusterNames = crdRule("engine-clickhouse-cluster-names",
  "ClickHouse(Keeper)Installation cluster names are 1-15 letters, digits or '-' (the CRD's pattern and maxLength).",
  "Name the cluster with at most 15 of [a-zA-Z0-9-] (components/clickhouse uses `main`).", clusterNameProblems);

export const clickHouseCrdEnums = crdRule("engine-clickhouse-crd-values",
  "ClickHouseInstallation string booleans (replicasUseFQDN, clusters[].secure, insecure, secret.auto) take the CRD's enum values, Keeper ports 0..65535.",
  "Use \"yes\"/\"no\" (or another TypeStringBool value) and a TCP port number.", enumProblems);

export const CLICKHOUSE_ENGINE_RULES = [clickHouseClusterNames, clickHouseCrdEnums];
