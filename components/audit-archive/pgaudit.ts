import { PGAUDIT_CLASSES, type PgauditClass } from "./limits";

/**
 * pgAudit on RDS for PostgreSQL (RDS User Guide, "Setting up the pgAudit extension",
 * https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Appendix.PostgreSQL.CommonDBATasks.pgaudit.basic-setup.html,
 * checked 2026-11-29): `pgaudit` joins `shared_preload_libraries` (static: loaded at the next reboot), `pgaudit.role`
 * names the object-audit role `rds_pgaudit`, and an rds_superuser then runs CREATE EXTENSION (it installs the event
 * triggers that audit DDL). Audit lines go to the PostgreSQL log with the text `AUDIT:`.
 */
export const PGAUDIT_LIBRARY = "pgaudit";
export const PGAUDIT_ROLE = "rds_pgaudit";

/** The session classes audited when config names none: schema and role changes and every data change, not reads. */
export const DEFAULT_PGAUDIT_CLASSES: readonly PgauditClass[] = ["ddl", "role", "write"];

/** The CloudWatch Logs filter pattern that selects pgAudit's lines: the quoted term matches `AUDIT:` anywhere. */
export const PGAUDIT_FILTER_PATTERN = "\"AUDIT:\"";

/** What is wrong with a class list (a sentence after the key name), or nothing. */
export function pgauditClassesProblem(classes: readonly string[]): string | undefined {
  if (classes.length === 0) return `must name at least one of ${PGAUDIT_CLASSES.join(", ")} (an empty list audits nothing)`;
  const unknown = classes.filter((c) => !(PGAUDIT_CLASSES as readonly string[]).includes(c));
  if (unknown.length > 0) return `has ${unknown.join(", ")}; pgaudit.log takes ${PGAUDIT_CLASSES.join(", ")}`;
  const repeated = classes.filter((c, i) => classes.indexOf(c) !== i);
  return repeated.length > 0 ? `names ${repeated.join(", ")} twice` : undefined;
}

/** The pgAudit parameters of the DB parameter group (values as RDS takes them). */
export function pgauditParameters(classes: readonly PgauditClass[]): Readonly<Record<string, string>> {
  return { "pgaudit.role": PGAUDIT_ROLE, "pgaudit.log": classes.join(",") };
}

/** The admin's one-time statements after the reboot that loads the library (RDS User Guide, same page). */
export const PGAUDIT_BOOTSTRAP_SQL = [
  `CREATE ROLE ${PGAUDIT_ROLE};`,
  `CREATE EXTENSION IF NOT EXISTS ${PGAUDIT_LIBRARY};`,
].join("\n");
