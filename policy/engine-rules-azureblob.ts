import type { ReportViolation, ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import {
  ACCOUNT_NAME_SOURCE, accountNameProblem, ACTION_GROUP_SOURCE, actionGroupShortNameProblem, BLOB_SERVICE_SOURCE_NAME, blobServiceProblems,
  CONTAINER_NAME_SOURCE, containerNameProblem, IP_RULES_SOURCE, ipRulesProblems, LIFECYCLE_SOURCE, lifecycleProblems, type LifecycleRuleShape,
  METRIC_ALERT_SOURCE, metricAlertProblems, RETENTION_SOURCE,
} from "../components/azureblob/rules";
import { BLOB_CONTAINER, BLOB_SERVICE, METRIC_ALERT, STORAGE_ACCOUNT } from "./azureblob";
import { engineRule } from "./lib/controls";
import { knownProperties } from "./lib/values";

/**
 * What Azure Resource Manager refuses when the Azure Blob adapter's resources are created, for any such resource in a
 * stack (components/azureblob/rules.ts holds the checks and their sources). Part of ENGINE_RULE_POLICIES.
 */

const CHECKED = "2026-11-29";
const MANAGEMENT_POLICY = "azure-native:storage:ManagementPolicy";
const ACTION_GROUP = "azure-native:monitor:ActionGroup";
type Props = Record<string, unknown>;

/** A rule on one type: other types are not applicable; properties unknown during preview prove nothing. */
function azureRule(name: string, type: string, source: string, summary: string, remediation: string, keys: readonly string[],
  problems: (p: Props) => string[]): ResourceValidationPolicy {
  return {
    name,
    ...engineRule(source, CHECKED, summary, remediation),
    validateResource: (args: ResourceValidationArgs, report: ReportViolation) => {
      if (args.type !== type) {
        args.notApplicable(`only ${type}`);
        return;
      }
      const known = knownProperties<Props>(args.props as object, keys);
      if (known === undefined) return;
      const found = problems(known);
      if (found.length > 0) report(`${found.join("; ")}.`);
    },
  };
}

export const azureBlobAccountName = azureRule("engine-azureblob-account-name", STORAGE_ACCOUNT, ACCOUNT_NAME_SOURCE,
  "Azure storage account names are 3-24 lowercase letters and digits (and unique across Azure).",
  "Set accountName accordingly (components/azureblob takes it from sparki-storage:azureblob.accountName, checked at config load).",
  ["accountName"], (a) => {
    if (a.accountName === undefined) return [];
    const p = accountNameProblem(a.accountName);
    return p === undefined ? [] : [p];
  });

export const azureBlobNetworkRules = azureRule("engine-azureblob-ip-rules", STORAGE_ACCOUNT, IP_RULES_SOURCE,
  "Storage firewall IP rules are public IPv4 addresses or ranges, no /31 or /32 and no RFC 1918 range, at most 400.",
  "List the application's public egress addresses (single addresses for /31 and /32); private clients need a private endpoint.",
  ["networkRuleSet"], (a) => {
    const rules = (a.networkRuleSet as { ipRules?: { iPAddressOrRange?: unknown }[] } | undefined)?.ipRules ?? [];
    return ipRulesProblems(rules.map((r) => r.iPAddressOrRange));
  });

export const azureBlobContainerName = azureRule("engine-azureblob-container-name", BLOB_CONTAINER, CONTAINER_NAME_SOURCE,
  "Blob container names are 3-63 lowercase letters, digits and single hyphens, starting with a letter or digit.",
  "Rename the container (the Fiber one comes from sparki-storage:azureblob.fiberContainer, checked at config load).",
  ["containerName"], (c) => {
    if (c.containerName === undefined) return [];
    const p = containerNameProblem(c.containerName);
    return p === undefined ? [] : [p];
  });

export const azureBlobServiceRetention = azureRule("engine-azureblob-blob-service", BLOB_SERVICE, `${BLOB_SERVICE_SOURCE_NAME}; ${RETENTION_SOURCE}`,
  "The blob service is named `default`; soft delete keeps 1-365 days; point-in-time restore needs versioning, change feed and blob soft delete, and keeps fewer days than soft delete.",
  "Set blobServicesName default, retention days 1..365, and restorePolicy.days below deleteRetentionPolicy.days with versioning and the change feed on.",
  ["blobServicesName", "isVersioningEnabled", "deleteRetentionPolicy", "containerDeleteRetentionPolicy", "changeFeed", "restorePolicy"], (s) => [
    ...(s.blobServicesName !== undefined && s.blobServicesName !== "default" ? [`blobServicesName ${JSON.stringify(s.blobServicesName)} must be "default"`] : []),
    ...blobServiceProblems(s),
  ]);

export const azureBlobLifecycle = azureRule("engine-azureblob-lifecycle", MANAGEMENT_POLICY, LIFECYCLE_SOURCE,
  "A lifecycle policy is named `default` and has at most 100 uniquely named alphanumeric rules, each with blobTypes and whole day counts.",
  "Name rules with letters and digits only (components/azureblob uses the data class keys), give each blobTypes [blockBlob].",
  ["managementPolicyName", "policy"], (m) => [
    ...(m.managementPolicyName !== undefined && m.managementPolicyName !== "default" ? [`managementPolicyName ${JSON.stringify(m.managementPolicyName)} must be "default"`] : []),
    ...lifecycleProblems(((m.policy as { rules?: LifecycleRuleShape[] } | undefined)?.rules) ?? []),
  ]);

export const azureBlobMetricAlert = azureRule("engine-azureblob-metric-alert", METRIC_ALERT, METRIC_ALERT_SOURCE,
  "A metric alert rule's window and frequency are among Azure's values, the frequency no longer than the window (and at least PT5M for a window over four hours), severity 0..4, location global.",
  "Use windowSize PT1M..PT24H and evaluationFrequency PT1M..PT1H from Azure's lists (components/azureblob maps the stack's evaluation onto them).",
  ["windowSize", "evaluationFrequency", "severity", "location"], (a) => metricAlertProblems(a));

export const azureBlobActionGroup = azureRule("engine-azureblob-action-group", ACTION_GROUP, ACTION_GROUP_SOURCE,
  "An action group's short name is 1-12 characters and its receiver names are unique.",
  "Shorten groupShortName (components/azureblob uses sparki-warn and sparki-crit) and number the receivers.",
  ["groupShortName", "emailReceivers", "webhookReceivers"], (g) => {
    const problems: string[] = [];
    const p = actionGroupShortNameProblem(g.groupShortName);
    if (p !== undefined) problems.push(p);
    const names = [...((g.emailReceivers as { name?: string }[] | undefined) ?? []), ...((g.webhookReceivers as { name?: string }[] | undefined) ?? [])].map((r) => r.name);
    const repeated = names.find((n, i) => names.indexOf(n) !== i);
    if (repeated !== undefined) problems.push(`receiver name ${JSON.stringify(repeated)} is used twice: names are unique in a group`);
    return problems;
  });

export const AZUREBLOB_ENGINE_RULES = [
  azureBlobAccountName, azureBlobNetworkRules, azureBlobContainerName, azureBlobServiceRetention, azureBlobLifecycle, azureBlobMetricAlert, azureBlobActionGroup,
];
