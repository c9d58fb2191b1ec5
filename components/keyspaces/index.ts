import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { DashboardSection } from "../alerting";
import { partitionOf } from "../common/aws";
import { adapter as matrixRow } from "../matrix";
import { keyspacesAlarms, keyspacesLatencyThreshold } from "./alarms";
import {
  accessPolicyDocument, ADAPTER_OPERATIONS, ADAPTER_TABLE, KEYSPACES_CONSISTENCY, KEYSPACES_PORT, keyspacesEndpoint, type KeyspacesArgs,
  resolveKeyspacesArgs,
} from "./args";

export * from "./args";
export { accountSumQuery, CAPACITY_EVENT_METRICS, keyspacesLatencyThreshold, tableSumQuery } from "./alarms";

/** Stack output `cassandra`: what the Fiber `storage/cassandra` adapter connects with; never a secret. */
export interface KeyspacesOutputs {
  readonly fiberPackages: readonly string[];
  /** `cassandra.<region>.amazonaws.com`: the adapter's `Config.Hosts` is `["<endpoint>:<port>"]`. */
  readonly endpoint: string;
  /** 9142, TLS only. */
  readonly port: number;
  /** Always true: Keyspaces accepts TLS connections only; the adapter needs `Config.SslOpts` set. */
  readonly tls: true;
  /** Server certificates chain to Amazon Trust Services roots (current OS trust stores carry them). */
  readonly tlsTrust: string;
  readonly region: string;
  /**
   * The adapter's `Config.Keyspace`: set it from this output. It is per stack (`sparki_<stack>` unless configured),
   * never the adapter's default `gofiber`, which the stack does not create.
   */
  readonly keyspace: string;
  /** The adapter's `Config.Table`. */
  readonly table: string;
  /** The adapter's `Config.Consistency` must be this (gocql.LocalQuorum): its default QUORUM is refused by Keyspaces. */
  readonly consistency: typeof KEYSPACES_CONSISTENCY;
  /** `sigv4`: the application's IAM role signs in through the aws-sigv4-auth-cassandra-gocql-driver-plugin authenticator. */
  readonly authentication: "sigv4";
  /** Managed policy to attach to the application's role (least privilege on this table). */
  readonly accessPolicyArn: pulumi.Output<string>;
  readonly tableArn: pulumi.Output<string>;
}

/**
 * The keyspace and table the Fiber `storage/cassandra` adapter uses, on Amazon Keyspaces: single-region keyspace,
 * the adapter's schema with TTL enabled (it writes `USING TTL`), on-demand capacity, point-in-time recovery,
 * encryption with the stack's customer managed key; a least-privilege managed policy for the application's role;
 * average latency, throttle, capacity-event and system-error alarms. Created by the stack so the adapter never creates
 * its own SimpleStrategy keyspace. The keyspace name is the caller's: names are unique per account and region.
 */
export class KeyspacesStore extends pulumi.ComponentResource {
  readonly keyspace: aws.keyspaces.Keyspace;
  readonly table: aws.keyspaces.Table;
  readonly accessPolicy: aws.iam.Policy;
  readonly alarms: aws.cloudwatch.MetricAlarm[];
  readonly outputs: KeyspacesOutputs;
  readonly dashboard: DashboardSection;

  constructor(name: string, args: KeyspacesArgs, opts?: pulumi.ComponentResourceOptions) {
    const a = resolveKeyspacesArgs(args);
    super("sparki:keyspaces:KeyspacesStore", name, {}, opts);
    const tags = { Component: "keyspaces", FiberAdapter: "storage/cassandra" };
    const stateful = { parent: this, protect: a.protect };

    // SINGLE_REGION: Keyspaces keeps three copies across Availability Zones of the region whatever the strategy
    // (Developer Guide, "Single-Region replication"); stated explicitly so the provider never diffs it.
    this.keyspace = new aws.keyspaces.Keyspace(`${name}-keyspace`, {
      name: a.keyspaceName,
      replicationSpecification: { replicationStrategy: "SINGLE_REGION" },
      tags,
    }, stateful);

    this.table = new aws.keyspaces.Table(`${name}-table`, {
      keyspaceName: this.keyspace.name,
      tableName: a.tableName,
      schemaDefinition: {
        columns: ADAPTER_TABLE.columns.map((c) => ({ ...c })),
        partitionKeys: [{ name: ADAPTER_TABLE.partitionKey }],
      },
      capacitySpecification: { throughputMode: "PAY_PER_REQUEST" },
      encryptionSpecification: { type: "CUSTOMER_MANAGED_KMS_KEY", kmsKeyIdentifier: a.kmsKeyArn },
      pointInTimeRecovery: { status: a.pointInTimeRecovery ? "ENABLED" : "DISABLED" },
      // The adapter writes `USING TTL`: Keyspaces refuses per-row TTL on a table without TTL enabled; once on, it stays on.
      ttl: { status: "ENABLED" },
      ...(a.defaultTtlSeconds > 0 ? { defaultTimeToLive: a.defaultTtlSeconds } : {}),
      comment: { message: "Fiber storage/cassandra key-value table (sparki-storage)" },
      tags,
    }, stateful);

    const partition = partitionOf(a.region);
    this.accessPolicy = new aws.iam.Policy(`${name}-access`, {
      description: `Fiber storage/cassandra on ${a.keyspaceName}.${a.tableName}: read/write the table, read system tables, use the stack key through Keyspaces`,
      policy: pulumi.output(a.kmsKeyArn).apply((kmsKeyArn) => JSON.stringify(accessPolicyDocument({
        partition, region: a.region, accountId: a.accountId, keyspace: a.keyspaceName, table: a.tableName, kmsKeyArn,
      }))),
      tags,
    }, { parent: this });

    this.alarms = keyspacesAlarms({ context: a.alarms, keyspace: a.keyspaceName, table: a.tableName, watched: this.table }, this);

    const { fiberPackages } = matrixRow("cassandra");
    this.outputs = {
      fiberPackages,
      endpoint: keyspacesEndpoint(a.region),
      port: KEYSPACES_PORT,
      tls: true,
      tlsTrust: "Amazon Trust Services roots (Amazon Root CA 1; Starfield Services Root CA G2 for older trust stores)",
      region: a.region,
      keyspace: a.keyspaceName,
      table: a.tableName,
      consistency: KEYSPACES_CONSISTENCY,
      authentication: "sigv4",
      accessPolicyArn: this.accessPolicy.arn,
      tableArn: this.table.arn,
    };

    const latency = keyspacesLatencyThreshold();
    this.dashboard = {
      title: `Amazon Keyspaces ${a.keyspaceName}.${a.tableName} (storage/cassandra)`,
      graphs: ADAPTER_OPERATIONS.map((operation) => ({
        title: `${operation} latency (average)`,
        metric: "keyspacesLatency" as const,
        dimensions: { Keyspace: a.keyspaceName, TableName: a.tableName, Operation: operation },
        threshold: latency,
      })),
    };
    this.registerOutputs({ outputs: this.outputs });
  }
}
