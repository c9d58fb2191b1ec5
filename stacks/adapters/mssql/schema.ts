import type { z } from "zod";
import { SQLSERVER_ENGINE, SQLSERVER_SETTING_LIMITS } from "../../../components/rds";
import { documented } from "../../config/docs";
import { oneOf, section } from "../../config/rules";
import { parameterSetting, parameterType, relationalFields } from "../../rds/schema";

const sqlServerParametersSchema = documented(section({
  userConnections: documented(parameterSetting(SQLSERVER_SETTING_LIMITS.userConnections, "connections; each Fiber storage/mssql process opens up to 100"), {
    type: parameterType(SQLSERVER_SETTING_LIMITS.userConnections, ""),
    description: "`user connections`: the connection ceiling; the pool-usage alarm is a share of it. Each Fiber `storage/mssql` process opens up to 100 (its pool size is fixed).",
  }),
}), { description: "Parameter-group settings." });

/** `sparki-storage:mssql`. Absent fields take the tier's value (profiles.ts), then the component's default. */
export const sqlServerSchema = documented(section({
  ...relationalFields({
    engine: SQLSERVER_ENGINE,
    engineVersion: {
      pattern: /^16\.00(\.\d+\.\d+\.v\d+)?$/,
      what: 'a SQL Server 2022 version as a quoted string, such as "16.00" or "16.00.4085.2.v1"',
      type: "quoted string `16.00` or `16.00.x.y.vN`",
      description: "RDS for SQL Server 2022 version; the major alone lets RDS pick and upgrade the minor.",
    },
    replicasDescription: "Read replicas: 0 (RDS does not copy logins to SQL Server replicas, so the application's could not log in there).",
    reservedUsernames: "a login SQL Server or RDS reserves (sa, rdsadmin, guest, sys*, dbo, rds_*) or admin/root",
    usernameType: "lowercase identifier of 1-16 characters, not `sa`/`rdsadmin`/`admin`/`guest`/`sys*`/`dbo`",
  }),
  edition: documented(oneOf(["ex", "web", "se", "ee"]).optional(), {
    type: "`ex` | `web` | `se` | `ee`",
    description: "Edition (license included): Web is dev-only (licensed for public web workloads); Multi-AZ needs Standard or Enterprise; Express is refused (RDS does not encrypt its storage).",
  }),
  parameters: sqlServerParametersSchema.default({}),
}), {
  description: "Microsoft SQL Server on RDS (opt-in, the matrix's enterprise option); clients connect to the instances (RDS Proxy does not front SQL Server 2022). Absent fields take the profile default.",
});

export type SqlServerConfig = z.infer<typeof sqlServerSchema>;
