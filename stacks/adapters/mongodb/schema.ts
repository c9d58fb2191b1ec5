import type { z } from "zod";
import { CLIENT_CIDR_RULE } from "../../../components/common/cidr";
import { AUDIT_LOG_MODES, DOCDB_BACKUP_RETENTION, DOCDB_ENGINE_VERSIONS, DOCDB_MAX_INSTANCES, TLS_MODES } from "../../../components/documentdb/engine";
import { DOCUMENTDB_DEFAULTS } from "../../../components/documentdb/args";
import { documented } from "../../config/docs";
import { flag, intRange, list, matching, oneOf, privateCidr, section } from "../../config/rules";

const code = (values: readonly (string | number)[]) => values.map((v) => `\`${v}\``).join(" | ");
const VERSIONS = Object.keys(DOCDB_ENGINE_VERSIONS) as [string, ...string[]];
const TLS = Object.keys(TLS_MODES) as [string, ...string[]];
const securityGroupIds = list(matching(/^sg-[0-9a-f]{8,17}$/, "a security group ID such as sg-0abc12345678def90"));
const d = DOCUMENTDB_DEFAULTS;

/** `sparki-storage:mongodb`: Amazon DocumentDB for the Fiber `storage/mongodb` adapter. */
export const mongodbSchema = documented(section({
  enabled: documented(flag().optional(), { type: "boolean", description: "Deploy DocumentDB at all (off in dev and prod; examples/mongodb turns it on)." }),
  engineVersion: documented(oneOf(VERSIONS).optional(), { type: code(VERSIONS), default: `\`${d.engineVersion}\``, description: "DocumentDB engine version (MongoDB 5.0 API); picks the cluster parameter group family (docdb5.0)." }),
  instanceClass: documented(matching(/^db\.[a-z0-9]+\.[a-z0-9]+$/, "a DocumentDB instance class such as db.r6g.large").optional(), {
    type: "instance class `db.<family>.<size>` of components/documentdb/instance-classes.ts",
    description: "Class of every instance; its memory and connection limit are 100 % of the memory and connection alarms.",
  }),
  instances: documented(intRange(1, DOCDB_MAX_INSTANCES).optional(), { type: `integer 1..${DOCDB_MAX_INSTANCES}`, description: "Instances (one writer, the rest replicas), spread over the zones in order; prod refuses fewer than 3." }),
  backupRetentionDays: documented(intRange(DOCDB_BACKUP_RETENTION.min, DOCDB_BACKUP_RETENTION.max).optional(), {
    type: `integer days ${DOCDB_BACKUP_RETENTION.min}..${DOCDB_BACKUP_RETENTION.max}`, description: "Automated backups (point-in-time restore); prod refuses fewer than 7.",
  }),
  backupWindow: documented(matching(/^\S+$/, "a UTC window hh:mm-hh:mm such as 02:00-03:00").optional(), { type: "`hh:mm-hh:mm`, UTC, ≥ 30 min", default: `\`${d.backupWindow}\``, description: "Daily backup window." }),
  maintenanceWindow: documented(matching(/^\S+$/, "a UTC window ddd:hh:mm-ddd:hh:mm such as sun:03:30-sun:04:30").optional(), {
    type: "`ddd:hh:mm-ddd:hh:mm`, UTC, ≥ 30 min, apart from the backup window", default: `\`${d.maintenanceWindow}\``, description: "Weekly maintenance window (cluster and instances).",
  }),
  tls: documented(oneOf(TLS).optional(), {
    type: code(TLS), default: `\`${d.tls}\``,
    description: "`tls` cluster parameter; never `disabled`. `fips-140-3` only in the regions DocumentDB offers it in.",
  }),
  auditLogs: documented(oneOf(AUDIT_LOG_MODES).optional(), {
    type: code(AUDIT_LOG_MODES), default: `\`${d.auditLogs}\``,
    description: "`audit_logs`: which events are audited and exported to CloudWatch Logs (`all` adds every read and write: volume at 10K qps).",
  }),
  profilerThresholdMs: documented(intRange(50, 2_147_483_646).optional(), { type: "integer ms 50..2147483646", default: `${d.profilerThresholdMs}`, description: "`profiler_threshold_ms`: slower operations go to the exported profiler log." }),
  databaseName: documented(matching(/^[^/\\. "$]{1,63}$/, "1-63 characters without / \\ . space \" $").optional(), { type: "MongoDB database name", default: `\`${d.databaseName}\``, description: "The Fiber adapter's `Database`." }),
  collectionName: documented(matching(/^(?!system\.)[^$]{1,120}$/, "1-120 characters without $, not starting with system.").optional(), {
    type: "MongoDB collection name", default: `\`${d.collectionName}\``, description: "The Fiber adapter's `Collection` (it creates the unique `key` and TTL `exp` indexes itself).",
  }),
  masterUsername: documented(matching(/^[A-Za-z][A-Za-z0-9]{0,62}$/, "1-63 letters or digits, a letter first").optional(), {
    type: "1-63 letters/digits, a letter first, not admin/root/serviceadmin/rdsadmin", default: `\`${d.masterUsername}\``,
    description: "Master user; its generated password lives only in the rotated secret.",
  }),
  allowedSecurityGroupIds: documented(securityGroupIds.default([]), { type: "list of `sg-…`", description: "Application security groups admitted on the cluster port." }),
  allowedCidrBlocks: documented(list(privateCidr(CLIENT_CIDR_RULE)).optional(), {
    type: "list of private CIDRs (10/8, 172.16/12, 192.168/16, 100.64/10), /8–/32, network addresses",
    default: "the created VPC's CIDR",
    description: "Client networks admitted on the cluster port; with an existing VPC, name clients here or by security group.",
  }),
}), {
  description: "Amazon DocumentDB (MongoDB-compatible) for the Fiber storage/mongodb adapter (opt-in). Absent fields take the profile default.",
});

export type MongoDbConfig = z.infer<typeof mongodbSchema>;
