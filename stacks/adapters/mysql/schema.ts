import type { z } from "zod";
import { MYSQL_ENGINE, MYSQL_SETTING_LIMITS } from "../../../components/rds";
import { documented } from "../../config/docs";
import { section } from "../../config/rules";
import { parameterSetting, parameterType, relationalFields } from "../../rds/schema";

const mysqlParametersSchema = documented(section({
  maxConnections: documented(parameterSetting(MYSQL_SETTING_LIMITS.maxConnections, "the 100-connection proxy pool plus 10 reserved fit under it"), {
    type: parameterType(MYSQL_SETTING_LIMITS.maxConnections, ""),
    description: "`max_connections`; the proxy takes the share of it that is 100 connections.",
  }),
  longQueryTimeSeconds: documented(parameterSetting(MYSQL_SETTING_LIMITS.longQueryTimeSeconds, "seconds"), {
    type: parameterType(MYSQL_SETTING_LIMITS.longQueryTimeSeconds, "s"),
    description: "`long_query_time`: statements slower than this go to the slow query log (exported to CloudWatch Logs).",
  }),
}), { description: "Parameter-group settings." });

/** `sparki-storage:mysql`. Absent fields take the tier's value (profiles.ts), then the component's default. */
export const mysqlSchema = documented(section({
  ...relationalFields({
    engine: MYSQL_ENGINE,
    engineVersion: {
      pattern: /^8\.4(\.\d+)?$/,
      what: 'a MySQL 8.4 version as a quoted string, such as "8.4" or "8.4.6"',
      type: "quoted string `8.4` or `8.4.x`",
      description: "RDS for MySQL version (8.4 LTS); a major alone lets RDS pick and upgrade the minor.",
    },
    replicasDescription: "Read replicas, one per AZ apart from the primary's: at most (zones − 1).",
    reservedUsernames: "a name RDS for MySQL reserves (rdsadmin, rdsrepladmin, rdsproxyadmin, mysql*, rds_*) or root/admin",
    usernameType: "lowercase identifier of 1-16 characters, not `rdsadmin`/`root`/`admin`/`mysql*`/`rds_*`",
  }),
  parameters: mysqlParametersSchema.default({}),
}), {
  description: "MySQL on RDS behind RDS Proxy (opt-in; PostgreSQL is preferred for performance); parameters are parameter-group settings. Absent fields take the profile default.",
});

export type MySqlConfig = z.infer<typeof mysqlSchema>;
