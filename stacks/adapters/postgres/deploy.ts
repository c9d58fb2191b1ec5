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
  return deployed("postgres", { ...relationalOutputs("postgres", db, shared.env.region), iamAuthentication: true, poolSize: pool.poolSize }, db);
}
