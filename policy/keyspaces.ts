import * as aws from "@pulumi/aws";
import { type ResourceValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import { baseline } from "./lib/controls";
import { definitely, isAbsent, read } from "./lib/values";

// Security Hub has one control for Amazon Keyspaces, Keyspaces.1 "Amazon Keyspaces keyspaces should be tagged"
// (https://docs.aws.amazon.com/securityhub/latest/userguide/keyspaces-controls.html, read 2026-11-29), a tagging control
// rather than an FSBP security control; no FSBP control covers Keyspaces encryption, backups or capacity. The rest is
// the Sparki baseline, the same properties DynamoDB.1/DynamoDB.2 and the CMK rule ask of DynamoDB tables.

export const keyspacesTagged: ResourceValidationPolicy = {
  name: "keyspaces-1-tagged",
  ...baseline("Sparki baseline: tagging", "Amazon Keyspaces keyspaces carry tags (Security Hub control Keyspaces.1, AWS Config rule cassandra-keyspace-tagged).", "low",
    "Give the keyspace tags (components/keyspaces sets Component and FiberAdapter; the provider's default tags add Project, Environment...)."),
  validateResource: validateResourceOfType(aws.keyspaces.Keyspace, (keyspace, _args, report) => {
    const tags = read(() => keyspace.tags);
    if (tags.known && Object.keys(tags.value ?? {}).length === 0) report("the keyspace has no tags of its own: Keyspaces.1 fails, and nothing says whose data it is.");
  }),
};

export const keyspacesCustomerKey: ResourceValidationPolicy = {
  name: "keyspaces-kms-encryption",
  ...baseline("Sparki baseline: encryption", "Amazon Keyspaces tables are encrypted with the environment's customer managed KMS key, not the AWS owned key (the default).", "high",
    "Set encryptionSpecification { type: CUSTOMER_MANAGED_KMS_KEY, kmsKeyIdentifier: <the environment's key ARN> }."),
  validateResource: validateResourceOfType(aws.keyspaces.Table, (table, _args, report) => {
    if (definitely(() => (table.encryptionSpecification?.type ?? "AWS_OWNED_KMS_KEY") !== "CUSTOMER_MANAGED_KMS_KEY")) {
      report("the table is encrypted with the AWS owned key: no key policy, grant or CloudTrail entry of this account governs or shows its use. Use the environment's customer managed key.");
    } else if (isAbsent(() => table.encryptionSpecification?.kmsKeyIdentifier)) {
      report("encryptionSpecification names no kmsKeyIdentifier: a customer managed key must be named by ARN.");
    }
  }),
};

export const keyspacesPointInTimeRecovery: ResourceValidationPolicy = {
  name: "keyspaces-point-in-time-recovery",
  ...baseline("Sparki baseline: backups", "Amazon Keyspaces tables have point-in-time recovery enabled (35 days of continuous backups; off by default).", "medium",
    "Set pointInTimeRecovery { status: ENABLED } (components/keyspaces does unless dev turns it off)."),
  validateResource: validateResourceOfType(aws.keyspaces.Table, (table, _args, report) => {
    if (definitely(() => table.pointInTimeRecovery?.status !== "ENABLED")) {
      report("pointInTimeRecovery is not ENABLED: an overwritten or deleted row, or a dropped table, could not be restored. Enable it.");
    }
  }),
};

export const keyspacesOnDemand: ResourceValidationPolicy = {
  name: "keyspaces-capacity-scales",
  ...baseline("Sparki baseline: capacity", "Amazon Keyspaces tables scale with demand: on-demand (PAY_PER_REQUEST), since the stack creates no Application Auto Scaling for provisioned tables (as DynamoDB.1 asks of DynamoDB).", "medium",
    "Set capacitySpecification { throughputMode: PAY_PER_REQUEST } (components/keyspaces does)."),
  validateResource: validateResourceOfType(aws.keyspaces.Table, (table, _args, report) => {
    if (definitely(() => (table.capacitySpecification?.throughputMode ?? "PAY_PER_REQUEST") !== "PAY_PER_REQUEST")) {
      report("throughputMode is PROVISIONED without auto scaling: the table throttles past its fixed units. Use PAY_PER_REQUEST.");
    }
  }),
};

/** Named exception: the Fiber adapter runs `CREATE TABLE IF NOT EXISTS` on every start and cannot skip it. */
export const ADAPTER_CREATE_TABLE_EXCEPTION = "keyspaces-adapter-create-table";

interface Statement { Effect?: string; Action?: string | string[]; Resource?: string | string[] }
const list = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const TABLE_ARN = /^arn:[a-z-]+:cassandra:[a-z0-9-]+:\d{12}:\/keyspace\/[a-zA-Z0-9_]+\/table\/[a-zA-Z0-9_]+$/;
const SYSTEM_ARN = /^arn:[a-z-]+:cassandra:[a-z0-9-]+:\d{12}:\/keyspace\/system\*$/;

/** What is wider than the Fiber adapter needs in one policy document's Keyspaces statements. */
export function keyspacesGrantProblems(document: { Statement?: Statement[] }): string[] {
  const problems: string[] = [];
  for (const s of document.Statement ?? []) {
    if (s.Effect !== "Allow") continue;
    const actions = list(s.Action).filter((a) => a === "*" || a.toLowerCase().startsWith("cassandra:"));
    if (actions.length === 0) continue;
    const resources = list(s.Resource);
    for (const action of actions) {
      const a = action.toLowerCase();
      if (a === "*" || a.includes("*")) problems.push(`${action}: a wildcard action grants every Keyspaces operation, Drop and Alter included`);
      else if (["cassandra:drop", "cassandra:alter", "cassandra:restore", "cassandra:updatepartitioner"].includes(a)) problems.push(`${action}: the Fiber adapter never needs it (its Reset option, which drops tables, is not supported)`);
      else if (a === "cassandra:create" && resources.some((r) => !TABLE_ARN.test(r))) {
        problems.push(`${action} on ${resources.filter((r) => !TABLE_ARN.test(r)).join(", ")}: the ${ADAPTER_CREATE_TABLE_EXCEPTION} exception allows Create on the adapter's one table ARN only, never a keyspace or wildcard`);
      } else if ((a === "cassandra:select" || a === "cassandra:modify") && resources.some((r) => !TABLE_ARN.test(r) && !(a === "cassandra:select" && SYSTEM_ARN.test(r)))) {
        problems.push(`${action} on ${resources.filter((r) => !TABLE_ARN.test(r) && !SYSTEM_ARN.test(r)).join(", ") || resources.join(", ")}: name the table ARN (and /keyspace/system* for Select only)`);
      }
    }
  }
  return problems;
}

export const keyspacesLeastPrivilege: ResourceValidationPolicy = {
  name: "keyspaces-least-privilege",
  ...baseline("Sparki baseline: access",
    `IAM policies granting Amazon Keyspaces actions grant Select/Modify on named tables, Select on /keyspace/system*, and Create only on a named table (exception ${ADAPTER_CREATE_TABLE_EXCEPTION}: the Fiber adapter runs CREATE TABLE IF NOT EXISTS on every start); never Drop, Alter or wildcards.`,
    "high", "Use components/keyspaces accessPolicyDocument, or narrow the statement to the table ARN."),
  validateResource: validateResourceOfType(aws.iam.Policy, (policy, args, report) => {
    const document = read(() => policy.policy);
    if (!document.known || typeof document.value !== "string") return;
    let parsed: { Statement?: Statement[] };
    try {
      parsed = JSON.parse(document.value) as { Statement?: Statement[] };
    } catch {
      return;
    }
    const grantsKeyspaces = (parsed.Statement ?? []).some((s) => list(s.Action).some((a) => a === "*" || a.toLowerCase().startsWith("cassandra:")));
    if (!grantsKeyspaces) return args.notApplicable("grants no Amazon Keyspaces action");
    for (const problem of keyspacesGrantProblems(parsed)) report(`${problem}.`);
  }),
};

export const KEYSPACES_POLICIES = [keyspacesTagged, keyspacesCustomerKey, keyspacesPointInTimeRecovery, keyspacesOnDemand, keyspacesLeastPrivilege];
