import * as aws from "@pulumi/aws";
import { describe, expect, it } from "vitest";
import {
  capacityProblems, encryptionProblems, nameProblem, replicationProblems, schemaProblems, ttlProblems,
} from "../components/keyspaces/rules";
import {
  keyspacesCapacity, keyspacesEncryption, keyspacesNames, keyspacesReplication, keyspacesSchema, keyspacesTtl,
} from "../policy/engine-rules-keyspaces";
import {
  ADAPTER_CREATE_TABLE_EXCEPTION, keyspacesCustomerKey, keyspacesLeastPrivilege, keyspacesOnDemand, keyspacesPointInTimeRecovery, keyspacesTagged,
} from "../policy/keyspaces";
import { alarmThresholdsFollowMatrix } from "../policy/matrix";
import { describeResourceCases, type ResourceCase } from "./policy-cases";
import { KEY_ARN, keyspace, keyspacesAccessPolicy, keyspacesTable, KEYSPACES_TABLE_ARN, T } from "./policy-fixtures";
import { checkResource, pulumiType } from "./policy-harness";

/**
 * Amazon Keyspaces policies (policy/keyspaces.ts) and engine rules (policy/engine-rules-keyspaces.ts): each rule with
 * a resource AWS accepts and counterexamples AWS (or the Fiber adapter) would refuse. Sources: Keyspaces API Reference
 * CreateKeyspace/CreateTable, ReplicationSpecification, CapacitySpecification, EncryptionSpecification, SchemaDefinition;
 * Developer Guide "Expire data with Time to Live" (read 2026-11-29).
 */

const KS = pulumiType(aws.keyspaces.Keyspace);
const TABLE = pulumiType(aws.keyspaces.Table);
const POLICY = pulumiType(aws.iam.Policy);
const SYSTEM = "arn:aws:cassandra:eu-west-1:111111111111:/keyspace/system*";
const K48 = "k".repeat(48);

const CASES: ResourceCase[] = [
  { policy: keyspacesTagged, type: KS, pass: keyspace(), failures: [
    [{ tags: {} }, "the keyspace has no tags of its own: Keyspaces.1 fails, and nothing says whose data it is."],
  ] },
  { policy: keyspacesCustomerKey, type: TABLE, pass: keyspacesTable(), failures: [
    [{ encryptionSpecification: { type: "AWS_OWNED_KMS_KEY" } },
      "the table is encrypted with the AWS owned key: no key policy, grant or CloudTrail entry of this account governs or shows its use. Use the environment's customer managed key."],
    // The provider's default (no encryptionSpecification) is the AWS owned key.
    [{ encryptionSpecification: undefined },
      "the table is encrypted with the AWS owned key: no key policy, grant or CloudTrail entry of this account governs or shows its use. Use the environment's customer managed key."],
  ] },
  { policy: keyspacesPointInTimeRecovery, type: TABLE, pass: keyspacesTable(), failures: [
    [{ pointInTimeRecovery: { status: "DISABLED" } }, "pointInTimeRecovery is not ENABLED: an overwritten or deleted row, or a dropped table, could not be restored. Enable it."],
    [{ pointInTimeRecovery: undefined }, "pointInTimeRecovery is not ENABLED: an overwritten or deleted row, or a dropped table, could not be restored. Enable it."],
  ] },
  { policy: keyspacesOnDemand, type: TABLE, pass: keyspacesTable(), failures: [
    [{ capacitySpecification: { throughputMode: "PROVISIONED", readCapacityUnits: 5, writeCapacityUnits: 5 } },
      "throughputMode is PROVISIONED without auto scaling: the table throttles past its fixed units. Use PAY_PER_REQUEST."],
  ] },
  { policy: keyspacesLeastPrivilege, type: POLICY, pass: keyspacesAccessPolicy(), failures: [
    [keyspacesAccessPolicy([{ Effect: "Allow", Action: "cassandra:*", Resource: [KEYSPACES_TABLE_ARN] }]),
      "cassandra:*: a wildcard action grants every Keyspaces operation, Drop and Alter included."],
    [keyspacesAccessPolicy([{ Effect: "Allow", Action: ["cassandra:Drop"], Resource: [KEYSPACES_TABLE_ARN] }]),
      "cassandra:Drop: the Fiber adapter never needs it (its Reset option, which drops tables, is not supported)."],
    [keyspacesAccessPolicy([{ Effect: "Allow", Action: ["cassandra:Create"], Resource: ["arn:aws:cassandra:eu-west-1:111111111111:/keyspace/gofiber/"] }]),
      `cassandra:Create on arn:aws:cassandra:eu-west-1:111111111111:/keyspace/gofiber/: the ${ADAPTER_CREATE_TABLE_EXCEPTION} exception allows Create on the adapter's one table ARN only, never a keyspace or wildcard.`],
    [keyspacesAccessPolicy([{ Effect: "Allow", Action: ["cassandra:Select"], Resource: ["arn:aws:cassandra:eu-west-1:111111111111:/keyspace/gofiber/table/*"] }]),
      "cassandra:Select on arn:aws:cassandra:eu-west-1:111111111111:/keyspace/gofiber/table/*: name the table ARN (and /keyspace/system* for Select only)."],
  ] },
];

describeResourceCases(CASES, T.instance);

describe("keyspaces-least-privilege", () => {
  it("lets Modify reach only tables, never the system keyspaces", async () => {
    const outcome = await checkResource(keyspacesLeastPrivilege, { type: POLICY, props: keyspacesAccessPolicy([{ Effect: "Allow", Action: ["cassandra:Modify"], Resource: [SYSTEM] }]) });
    expect(outcome.violations).toEqual([`cassandra:Modify on ${SYSTEM}: name the table ARN (and /keyspace/system* for Select only).`]);
  });

  it("is not applicable to policies without Keyspaces actions", async () => {
    const outcome = await checkResource(keyspacesLeastPrivilege, { type: POLICY, props: { policy: JSON.stringify({ Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }] }) } });
    expect(outcome.notApplicable).toBeDefined();
    expect(outcome.violations).toEqual([]);
  });
});

// Engine rules: counterexamples AWS refuses at create time.
const ENGINE_CASES: ResourceCase[] = [
  { policy: keyspacesReplication, type: KS, pass: keyspace(), failures: [
    [{ replicationSpecification: { replicationStrategy: "SINGLE_REGION", regionLists: ["eu-west-1"] } }, "SINGLE_REGION takes no regionList (got eu-west-1)."],
    [{ replicationSpecification: { replicationStrategy: "MULTI_REGION", regionLists: ["eu-west-1"] } },
      "MULTI_REGION needs the current Region and at least one more in regionList (got eu-west-1)."],
    [{ replicationSpecification: { replicationStrategy: "MULTI_REGION", regionLists: ["us-east-1", "us-west-2"] } },
      "MULTI_REGION's regionList must include the keyspace's own Region eu-west-1."],
    // Cassandra's CQL strategies are not API values: SimpleStrategy is what the Fiber adapter would ask for in CQL.
    [{ replicationSpecification: { replicationStrategy: "SimpleStrategy" } }, "replicationStrategy SimpleStrategy is neither SINGLE_REGION nor MULTI_REGION."],
  ] },
  { policy: keyspacesCapacity, type: TABLE, pass: keyspacesTable(), failures: [
    [{ capacitySpecification: { throughputMode: "PAY_PER_REQUEST", readCapacityUnits: 5 } }, "PAY_PER_REQUEST takes no readCapacityUnits/writeCapacityUnits."],
    [{ capacitySpecification: { throughputMode: "PROVISIONED", readCapacityUnits: 5 } }, "PROVISIONED needs both readCapacityUnits and writeCapacityUnits."],
  ] },
  { policy: keyspacesEncryption, type: TABLE, pass: keyspacesTable(), failures: [
    [{ encryptionSpecification: { type: "CUSTOMER_MANAGED_KMS_KEY" } }, "CUSTOMER_MANAGED_KMS_KEY needs kmsKeyIdentifier (the key's ARN)."],
    [{ encryptionSpecification: { type: "CUSTOMER_MANAGED_KMS_KEY", kmsKeyIdentifier: "alias/sparki" } }, 'kmsKeyIdentifier "alias/sparki" is not a key ARN (an ID or alias is refused).'],
    [{ encryptionSpecification: { type: "AWS_OWNED_KMS_KEY", kmsKeyIdentifier: KEY_ARN } }, "AWS_OWNED_KMS_KEY takes no kmsKeyIdentifier."],
  ] },
  { policy: keyspacesTtl, type: TABLE, pass: keyspacesTable(), failures: [
    [{ ttl: undefined }, "defaultTimeToLive 2592000 needs ttl { status: ENABLED } on the table."],
    [{ defaultTimeToLive: 630_720_001 }, "defaultTimeToLive 630720001 is not 0..630720000 whole seconds."],
    [{ ttl: { status: "DISABLED" }, defaultTimeToLive: 0 }, "ttl status DISABLED: the only value is ENABLED (leave ttl out to keep it off)."],
  ] },
  { policy: keyspacesSchema, type: TABLE, pass: keyspacesTable(), failures: [
    [{ schemaDefinition: { columns: [{ name: "value", type: "blob" }], partitionKeys: [{ name: "key" }] } }, "key column key is not among the table's columns."],
    [{ schemaDefinition: { columns: [{ name: "key", type: "text" }], partitionKeys: [] } }, "schemaDefinition has no partition key."],
  ] },
  { policy: keyspacesNames, type: TABLE, pass: keyspacesTable(), failures: [
    [{ tableName: "kv-store" }, 'table name "kv-store" is not 1-48 letters, digits or underscores starting with a letter or digit.'],
    [{ tableName: `${K48}k` }, `table name "${K48}k" is not 1-48 letters, digits or underscores starting with a letter or digit.`],
    [{ keyspaceName: "_gofiber" }, 'keyspace name "_gofiber" is not 1-48 letters, digits or underscores starting with a letter or digit.'],
  ] },
  { policy: keyspacesNames, type: KS, pass: keyspace(), failures: [
    [{ name: "go.fiber" }, 'keyspace name "go.fiber" is not 1-48 letters, digits or underscores starting with a letter or digit.'],
  ] },
];

describeResourceCases(ENGINE_CASES, T.instance);

describe("the engine rules' own checks, on the edges AWS documents", () => {
  it("accept the longest names and mixed case (AWS does; the stack's config is stricter for the adapter)", () => {
    expect(nameProblem("keyspace", K48)).toBeUndefined();
    expect(nameProblem("table", "KvStore_1")).toBeUndefined();
    expect(nameProblem("table", `${K48}k`)).toBeDefined();
  });

  it("accept a multi-Region keyspace over its own Region and one more, and a SINGLE_REGION one without a list", () => {
    expect(replicationProblems({ replicationStrategy: "MULTI_REGION", regionLists: ["eu-west-1", "eu-central-1"] }, "eu-west-1")).toEqual([]);
    expect(replicationProblems({ replicationStrategy: "SINGLE_REGION" }, "eu-west-1")).toEqual([]);
  });

  it("accept provisioned capacity with both units, TTL at exactly 20 years, and no default TTL without TTL", () => {
    expect(capacityProblems({ capacitySpecification: { throughputMode: "PROVISIONED", readCapacityUnits: 1, writeCapacityUnits: 1 } })).toEqual([]);
    expect(ttlProblems({ ttl: { status: "ENABLED" }, defaultTimeToLive: 630_720_000 })).toEqual([]);
    expect(ttlProblems({ defaultTimeToLive: 0 })).toEqual([]);
    expect(encryptionProblems({ encryptionSpecification: { type: "AWS_OWNED_KMS_KEY" } })).toEqual([]);
    expect(schemaProblems({ schemaDefinition: { columns: [{ name: "a" }, { name: "b" }], partitionKeys: [{ name: "a" }], clusteringKeys: [{ name: "b" }] } })).toEqual([]);
  });
});

// components/alerting catalog: AWS/Cassandra SuccessfulRequestLatency has no documented percentile, so the derived
// Cassandra levels (125/250 ms) apply to its Average; a p95 alarm there would stay INSUFFICIENT_DATA and never fire.
describe("matrix-alarm-thresholds on Keyspaces latency (no percentile statistic)", () => {
  const latency = (props: Record<string, unknown>) => ({
    actionsEnabled: true, alarmActions: ["arn:aws:sns:eu-west-1:111111111111:t"], okActions: ["arn:aws:sns:eu-west-1:111111111111:t"],
    comparisonOperator: "GreaterThanThreshold", namespace: "AWS/Cassandra", metricName: "SuccessfulRequestLatency", threshold: 125,
    dimensions: { Keyspace: "sparki_dev", TableName: "kv_store", Operation: "SELECT" },
    tags: { Severity: "warning", ThresholdSource: "derived:cassandraLatencyP95", Metric: "keyspacesLatency" },
    ...props,
  });
  const problems = async (props: Record<string, unknown>) => (await checkResource(alarmThresholdsFollowMatrix, { type: T.alarm, props: latency(props) })).violations;

  it("accepts the derived levels on the Average", async () => {
    expect(await problems({ statistic: "Average" })).toEqual([]);
  });

  it("refuses another statistic, and the wrong level", async () => {
    expect(await problems({ statistic: "Maximum" })).toEqual([
      "statistic is Maximum: SuccessfulRequestLatency has no percentile statistics, so derived:cassandraLatencyP95 applies to its Average.",
    ]);
    expect((await problems({ statistic: "Average", threshold: 50 })).length).toBe(1);
  });
});
