import * as aws from "@pulumi/aws";
import { type ResourceValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import {
  capacityProblems, encryptionProblems, KEYSPACES_CAPACITY_SOURCE, KEYSPACES_ENCRYPTION_SOURCE, KEYSPACES_NAMES_SOURCE, KEYSPACES_REPLICATION_SOURCE,
  KEYSPACES_SCHEMA_SOURCE, KEYSPACES_TTL_SOURCE, nameProblem, type ReplicationShape, replicationProblems, schemaProblems, type TableShape, ttlProblems,
} from "../components/keyspaces/rules";
import { engineRule } from "./lib/controls";
import { read } from "./lib/values";

/**
 * What Amazon Keyspaces (or the AWS provider before it) refuses when a keyspace or table is created, for any
 * aws.keyspaces.* resource of a stack (components/keyspaces/rules.ts holds the checks and their sources).
 * Part of ENGINE_RULE_POLICIES.
 */

const CHECKED = "2026-11-29";

/** A property as plain data, or undefined while any part of it is unknown (preview): an unknown value proves nothing. */
function plain<T>(get: () => unknown): T | undefined {
  const r = read(() => {
    const value = get();
    return value === undefined ? undefined : JSON.parse(JSON.stringify(value)) as unknown;
  });
  return r.known ? r.value as T : undefined;
}

const tableShape = (table: object): TableShape => {
  const t = table as Record<string, unknown>;
  return {
    capacitySpecification: plain(() => t.capacitySpecification), encryptionSpecification: plain(() => t.encryptionSpecification),
    ttl: plain(() => t.ttl),
    // An unknown ttl (preview) cannot prove a default TTL lacks it.
    defaultTimeToLive: read(() => t.ttl).known ? plain(() => t.defaultTimeToLive) : undefined,
    schemaDefinition: plain(() => t.schemaDefinition),
  };
};

function tableRule(name: string, source: string, summary: string, remediation: string, problems: (t: TableShape) => string[]): ResourceValidationPolicy {
  return {
    name,
    ...engineRule(source, CHECKED, summary, remediation),
    validateResource: validateResourceOfType(aws.keyspaces.Table, (table, _args, report) => {
      const found = problems(tableShape(table));
      if (found.length > 0) report(`${found.join("; ")}.`);
    }),
  };
}

export const keyspacesNames: ResourceValidationPolicy = {
  name: "engine-keyspaces-names",
  ...engineRule(KEYSPACES_NAMES_SOURCE, CHECKED,
    "Keyspace and table names are 1-48 letters, digits or underscores, starting with a letter or digit.",
    "Rename it (components/keyspaces takes the names from sparki-storage:cassandra, checked at config load, lowercase for the Fiber adapter's unquoted CQL)."),
  validateResource: (args, report) => {
    const keyspace = args.asType(aws.keyspaces.Keyspace);
    const table = args.asType(aws.keyspaces.Table);
    if (!keyspace && !table) return args.notApplicable("not an Amazon Keyspaces keyspace or table");
    const found = keyspace
      ? [nameProblem("keyspace", plain(() => keyspace.name))]
      : [nameProblem("keyspace", plain(() => table?.keyspaceName)), nameProblem("table", plain(() => table?.tableName))];
    const problems = found.filter((p) => p !== undefined);
    if (problems.length > 0) report(`${problems.join("; ")}.`);
  },
};

export const keyspacesReplication: ResourceValidationPolicy = {
  name: "engine-keyspaces-replication",
  ...engineRule(KEYSPACES_REPLICATION_SOURCE, CHECKED,
    "A keyspace is SINGLE_REGION without a region list, or MULTI_REGION with its own Region and at least one more.",
    "Use replicationSpecification { replicationStrategy: SINGLE_REGION } (components/keyspaces does); Keyspaces keeps three copies across the Region's zones either way."),
  validateResource: validateResourceOfType(aws.keyspaces.Keyspace, (keyspace, _args, report) => {
    const found = replicationProblems(plain<ReplicationShape>(() => keyspace.replicationSpecification), plain<string>(() => keyspace.region));
    if (found.length > 0) report(`${found.join("; ")}.`);
  }),
};

export const keyspacesCapacity = tableRule("engine-keyspaces-capacity", KEYSPACES_CAPACITY_SOURCE,
  "An on-demand (PAY_PER_REQUEST) table sets no capacity units; a PROVISIONED one sets both.",
  "Use capacitySpecification { throughputMode: PAY_PER_REQUEST } without units (components/keyspaces does).", capacityProblems);

export const keyspacesEncryption = tableRule("engine-keyspaces-encryption", KEYSPACES_ENCRYPTION_SOURCE,
  "A table on a customer managed key names the key by ARN; one on the AWS owned key names none.",
  "Set encryptionSpecification { type: CUSTOMER_MANAGED_KMS_KEY, kmsKeyIdentifier: <the stack key's ARN> }.", encryptionProblems);

export const keyspacesTtl = tableRule("engine-keyspaces-ttl", KEYSPACES_TTL_SOURCE,
  "A default TTL needs TTL enabled on the table and stays within 630,720,000 s; ttl's only status is ENABLED.",
  "Set ttl { status: ENABLED } (the Fiber adapter writes USING TTL, so components/keyspaces always does) and a defaultTimeToLive of 0..630720000.", ttlProblems);

export const keyspacesSchema = tableRule("engine-keyspaces-schema", KEYSPACES_SCHEMA_SOURCE,
  "A table has at least one partition key, and every partition and clustering key is one of its columns.",
  "Declare the key column in schemaDefinition.columns (the Fiber table: key text, value blob, expires_at timestamp; partition key key).", schemaProblems);

export const KEYSPACES_ENGINE_RULES = [keyspacesNames, keyspacesReplication, keyspacesCapacity, keyspacesEncryption, keyspacesTtl, keyspacesSchema];
