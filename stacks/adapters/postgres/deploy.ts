import type * as pulumi from "@pulumi/pulumi";
import { AuditArchive, PGAUDIT_BOOTSTRAP_SQL } from "../../../components/audit-archive";
import { deployed, deployRelational, type RelationalOutputs, relationalOutputs } from "../../rds/deploy";
import type { SharedBlocks } from "../../shared";
import type { Deployed } from "../contract";
import type { PostgresSettings } from "./settings";

/** Stack output `postgres`. */
export interface PostgresOutputs extends RelationalOutputs {
  /** The pool role authenticates with IAM tokens (no password): the application's role needs connectPolicyArn. */
  readonly iamAuthentication: true;
  /** Connections the proxy opens at most. */
  readonly poolSize: number;
  /** pgAudit's archive (postgres.audit): where the audit lines land, and the admin's one-time SQL after the reboot that loads pgaudit. */
  readonly audit?: {
    readonly streamName: string;
    readonly bucket: string;
    readonly dataPrefix: string;
    readonly errorPrefix: string;
    readonly bootstrapSql: string;
    readonly streamArn: pulumi.Output<string>;
  };
}

/**
 * PostgreSQL for the Fiber `storage/postgres` adapter. Outputs the proxy as the writer endpoint, the replicas'
 * own endpoints as readers (RDS Proxy read-only endpoints serve only Aurora), the pool role the application logs
 * in as with IAM tokens, the policy granting that, and the admin secret's ARN; never a password.
 */
export function deployPostgres(s: PostgresSettings, shared: SharedBlocks): Deployed<PostgresOutputs> {
  const db = deployRelational("postgres", { engine: "postgres", parameters: s.parameters }, s, shared);
  const pool = db.plan.pool;
  if (!pool) throw new Error("PostgreSQL runs behind RDS Proxy: the plan has no pool");
  const outputs = { ...relationalOutputs("postgres", db, shared.env.region), iamAuthentication: true as const, poolSize: pool.poolSize };
  if (!s.audit.enabled) return deployed("postgres", outputs, db);
  const { env } = shared;
  const archive = new AuditArchive(`${db.identifier}-audit`, {
    accountId: env.accountId,
    region: env.region,
    identifier: db.identifier,
    engine: "postgres",
    // The primary's exported `postgresql` log (components/rds/instance.ts instanceLogGroups names it so); the same
    // identifier after a Multi-AZ failover. Replicas only serve reads, which the default classes do not audit.
    logGroupName: `/aws/rds/instance/${db.identifier}/postgresql`,
    logSource: db.primary,
    bucketName: s.audit.bucketName,
    kmsKeyArn: shared.key.arn,
    alarms: shared.alarms,
    logRetentionDays: env.profile.logRetentionDays,
    bufferIntervalSeconds: s.audit.bufferIntervalSeconds,
    bufferSizeMiB: s.audit.bufferSizeMiB,
    protect: env.profile.protectStatefulResources,
    // A child of the database's component: the plan groups it with PostgreSQL, and it inherits the stack's provider.
  }, { parent: db });
  const audit = {
    streamName: archive.streamName, bucket: s.audit.bucketName, dataPrefix: archive.dataPrefix, errorPrefix: archive.errorPrefix,
    bootstrapSql: PGAUDIT_BOOTSTRAP_SQL, streamArn: archive.stream.arn,
  };
  const base = deployed("postgres", { ...outputs, audit }, db);
  return { ...base, dashboard: [...base.dashboard, archive.dashboard] };
}
