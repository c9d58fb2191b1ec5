import { POSTGRES_ENGINE, type PostgresParameterSettings } from "../../../components/rds";
import { parameterSettings, type RelationalSettings, relationalSettings } from "../../rds/settings";
import type { PgauditClass } from "../../../components/audit-archive/limits";
import { bucketName } from "../../../components/object-store/naming";
import { DATA_CLASSES } from "../../../components/object-store/data-classes";
import type { StackScope } from "../contract";
import { s3Adapter } from "../s3";
import type { PostgresProfile } from "./profiles";
import type { PostgresConfig } from "./schema";

/** pgAudit and the audit archive path: config over the tier. */
export interface PostgresAuditSettings {
  readonly enabled: boolean;
  readonly classes: readonly PgauditClass[];
  readonly bufferIntervalSeconds: number;
  readonly bufferSizeMiB: number;
  /** The S3 adapter's Object Lock audit-archive bucket (its prefix config decides the name). */
  readonly bucketName: string;
}

/** What the stack deploys on RDS for PostgreSQL: its config over the tier over the component's defaults. */
export interface PostgresSettings extends RelationalSettings {
  readonly parameters: PostgresParameterSettings;
  readonly audit: PostgresAuditSettings;
}

export function postgresSettings(c: PostgresConfig, profile: PostgresProfile, scope: StackScope): PostgresSettings {
  const audit: PostgresAuditSettings = {
    enabled: c.audit.enabled ?? profile.audit.enabled,
    classes: c.audit.classes ?? profile.audit.classes,
    bufferIntervalSeconds: c.audit.bufferIntervalSeconds ?? profile.audit.bufferIntervalSeconds,
    bufferSizeMiB: c.audit.bufferSizeMiB ?? profile.audit.bufferSizeMiB,
    bucketName: bucketName(scope.settingsOf(s3Adapter).bucketPrefix, DATA_CLASSES.auditArchive.slug),
  };
  const parameters = parameterSettings(POSTGRES_ENGINE.defaultSettings, { maxConnections: profile.maxConnections }, c.parameters);
  return {
    ...relationalSettings(c, profile),
    parameters: audit.enabled ? { ...parameters, auditClasses: audit.classes } : parameters,
    audit,
  };
}
