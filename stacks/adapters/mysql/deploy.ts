import type { SharedBlocks } from "../../shared";
import { deployed, deployRelational, type RelationalOutputs, relationalOutputs } from "../../rds/deploy";
import type { Deployed } from "../contract";
import type { MySqlSettings } from "./settings";

/** Stack output `mysql`. */
export interface MySqlOutputs extends RelationalOutputs {
  /** The pool user authenticates with IAM tokens over TLS (no password): the application's role needs connectPolicyArn. */
  readonly iamAuthentication: true;
  /** Connections the proxy opens at most. */
  readonly poolSize: number;
}

/**
 * MySQL for the Fiber `storage/mysql` adapter, which takes a ready `*sql.DB` (`Config.Db`): the application builds
 * it against the proxy with a fresh IAM token per connection (the driver's cleartext plugin, over TLS). Outputs
 * the proxy, the replicas' endpoints, the pool user and the policy that lets it connect; never a password.
 */
export function deployMySql(s: MySqlSettings, shared: SharedBlocks): Deployed<MySqlOutputs> {
  const db = deployRelational("mysql", { engine: "mysql", parameters: s.parameters }, s, shared);
  const pool = db.plan.pool;
  if (!pool) throw new Error("MySQL runs behind RDS Proxy: the plan has no pool");
  return deployed("mysql", { ...relationalOutputs("mysql", db, shared.env.region), iamAuthentication: true, poolSize: pool.poolSize }, db);
}
