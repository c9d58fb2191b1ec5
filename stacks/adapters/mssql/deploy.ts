import type * as pulumi from "@pulumi/pulumi";
import type { SharedBlocks } from "../../shared";
import { deployed, deployRelational, type RelationalOutputs, relationalOutputs } from "../../rds/deploy";
import type { Deployed } from "../contract";
import type { SqlServerSettings } from "./settings";

/** Stack output `mssql`. */
export interface SqlServerOutputs extends RelationalOutputs {
  /** SQL Server has no IAM database authentication: the login and its password are in credentialsSecretArn. */
  readonly iamAuthentication: false;
  /**
   * ARN of the application login's rotating secret (`username`, `password`, `host`, `port`), read through
   * connectPolicyArn. Rotation alternates users: `username` is `sparki_app` or `sparki_app_clone`; read both at start.
   */
  readonly credentialsSecretArn: pulumi.Output<string>;
  /** The Fiber adapter's `SslMode` (the driver's `encrypt`): the instances refuse unencrypted connections. */
  readonly sslMode: "true";
  /** `user connections`: the connection ceiling; each Fiber `storage/mssql` process opens up to 100. */
  readonly maxConnections: number;
  /** The database and the pool login do not exist until the admin runs this once (docs/components.md). */
  readonly bootstrapSql: string;
}

/**
 * SQL Server for the Fiber `storage/mssql` adapter, which takes a host, port, user and password (it cannot use
 * a driver of the application's making): the endpoint is the primary's (RDS Proxy does not front SQL Server
 * 2022), the login and its password come from the rotating secret the outputs name, never from the outputs.
 */
export function deploySqlServer(s: SqlServerSettings, shared: SharedBlocks): Deployed<SqlServerOutputs> {
  const db = deployRelational("mssql", { engine: "sqlserver", edition: s.edition, parameters: s.parameters }, s, shared);
  const credentialsSecretArn = db.poolSecretArn;
  if (!credentialsSecretArn) throw new Error("SQL Server has no IAM authentication: the component must create the pool login's secret");
  return deployed("mssql", {
    ...relationalOutputs("mssql", db, shared.env.region), iamAuthentication: false, credentialsSecretArn, sslMode: "true",
    maxConnections: db.plan.maxConnections, bootstrapSql: db.bootstrapSql,
  }, db);
}
