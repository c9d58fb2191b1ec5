import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DEFAULT_PARAMETER_SETTINGS, PARAMETER_LIMITS, type ParameterSpec, POSTGRES_ENGINE, type PostgresParameterSettings, postgresParameters,
} from "../components/rds";
import { ofType, STACKS, stackRun } from "./harness";

/**
 * Parameters of the pg_stat_statements module, from "F.32.x Configuration Parameters" of
 * https://www.postgresql.org/docs/current/pgstatstatements.html (an extension's GUCs are absent from
 * pg_settings until the library is preloaded, which the embedded engine cannot do). `max` is "only at server
 * start" (postmaster); its bounds 100..INT_MAX/2 are the module's DefineCustomIntVariable call.
 */
const PG_STAT_STATEMENTS: Readonly<Record<string, { vartype: "integer" | "enum" | "bool" | "string"; context: string; enumvals?: string[]; min?: number; max?: number }>> = {
  "pg_stat_statements.max": { vartype: "integer", context: "postmaster", min: 100, max: 1_073_741_823 },
  "pg_stat_statements.track": { vartype: "enum", context: "superuser", enumvals: ["top", "all", "none"] },
  "pg_stat_statements.track_utility": { vartype: "bool", context: "superuser" },
  "pg_stat_statements.track_planning": { vartype: "bool", context: "superuser" },
  "pg_stat_statements.save": { vartype: "bool", context: "sighup" },
  // pgAudit's, equally absent until preloaded (components/audit-archive): string GUCs a superuser sets at any time
  // (PGC_SUSET in pgaudit.c's DefineCustomStringVariable calls; https://github.com/pgaudit/pgaudit, "Settings").
  "pgaudit.log": { vartype: "string", context: "superuser" },
  "pgaudit.role": { vartype: "string", context: "superuser" },
};

interface Setting {
  readonly name: string;
  readonly vartype: "bool" | "integer" | "real" | "enum" | "string";
  readonly min_val: string | null;
  readonly max_val: string | null;
  readonly enumvals: string[] | null;
  readonly context: string;
}

const BOOLEANS = new Set(["on", "off", "true", "false", "yes", "no", "1", "0"]);

let engine: PGlite;
let settings: Map<string, Setting>;

beforeAll(async () => {
  engine = new PGlite();
  const { rows } = await engine.query<Setting>("SELECT name, vartype, min_val, max_val, enumvals, context FROM pg_settings");
  settings = new Map(rows.map((r) => [r.name, r]));
});
afterAll(async () => engine.close());

/** Why PostgreSQL (or, for pg_stat_statements.*, its documentation) would refuse a parameter; empty when valid. */
function problems(p: ParameterSpec): string[] {
  if (p.name.startsWith("rds.")) return [];
  const documented = PG_STAT_STATEMENTS[p.name];
  const s = documented
    ? { name: p.name, vartype: documented.vartype, context: documented.context, enumvals: documented.enumvals ?? null,
      min_val: documented.min === undefined ? null : String(documented.min), max_val: documented.max === undefined ? null : String(documented.max) }
    : settings.get(p.name);
  if (!s) return [`${p.name}: no such parameter in pg_settings`];
  const found: string[] = [];
  const inRange = (n: number) => (s.min_val === null || n >= Number(s.min_val)) && (s.max_val === null || n <= Number(s.max_val));
  switch (s.vartype) {
    case "bool": if (!BOOLEANS.has(p.value.toLowerCase())) found.push(`${p.name}: ${p.value} is not a boolean`); break;
    case "integer": if (!/^-?\d+$/.test(p.value) || !inRange(Number(p.value))) found.push(`${p.name}: ${p.value} is not an integer in ${s.min_val}..${s.max_val}`); break;
    case "real": if (!Number.isFinite(Number(p.value)) || p.value.trim() === "" || !inRange(Number(p.value))) found.push(`${p.name}: ${p.value} is not a number in ${s.min_val}..${s.max_val}`); break;
    case "enum": if (!(s.enumvals ?? []).includes(p.value)) found.push(`${p.name}: ${p.value} is not one of ${(s.enumvals ?? []).join(", ")}`); break;
    case "string": break;
  }
  const atStart = s.context === "postmaster";
  if (atStart !== (p.applyMethod === "pending-reboot")) found.push(`${p.name}: context ${s.context} needs applyMethod ${atStart ? "pending-reboot" : "immediate"}, got ${p.applyMethod}`);
  return found;
}

/** The engine's own parser: ALTER SYSTEM checks name, type and range exactly as the server would. */
async function engineRefusal(p: ParameterSpec): Promise<string | undefined> {
  if (p.name.startsWith("rds.") || p.name in PG_STAT_STATEMENTS) return undefined;
  try {
    await engine.exec(`ALTER SYSTEM SET ${p.name} = '${p.value.replace(/'/g, "''")}'`);
    return undefined;
  } catch (error) {
    return `${p.name} = ${p.value}: ${(error as Error).message}`;
  }
}

async function verify(specs: readonly ParameterSpec[]): Promise<string[]> {
  const refusals = await Promise.all(specs.map(engineRefusal));
  return [...specs.flatMap(problems), ...refusals.filter((r): r is string => r !== undefined)];
}

/** One parameter set per end of every configurable range, so no value the config accepts is one PostgreSQL refuses. */
function boundaryCases(): [string, PostgresParameterSettings][] {
  const cases: [string, PostgresParameterSettings][] = [["defaults", DEFAULT_PARAMETER_SETTINGS]];
  for (const [key, { min, max }] of Object.entries(PARAMETER_LIMITS)) {
    cases.push([`${key}=${min}`, { ...DEFAULT_PARAMETER_SETTINGS, [key]: min }], [`${key}=${max}`, { ...DEFAULT_PARAMETER_SETTINGS, [key]: max }]);
  }
  for (const track of ["all", "none"] as const) cases.push([`statementsTrack=${track}`, { ...DEFAULT_PARAMETER_SETTINGS, statementsTrack: track }]);
  return cases;
}

describe("the parameter group against a real PostgreSQL (PGlite)", () => {
  // The embedded engine is one major above what the stacks deploy (17, the newest RDS Proxy documents). Every
  // parameter the stacks set exists since PostgreSQL 13 (autovacuum_vacuum_insert_scale_factor is the youngest),
  // so its name, type, range and context are the same in 17.
  it("is PostgreSQL 18, one major above the 17 the stacks deploy", async () => {
    const { rows } = await engine.query<{ v: string }>("SELECT current_setting('server_version_num') AS v");
    expect(Number(rows[0].v)).toBeGreaterThanOrEqual(180000);
    expect(Number(rows[0].v)).toBeLessThan(190000);
  });

  it("catches what PostgreSQL would refuse (the check itself can fail)", async () => {
    const bad: ParameterSpec[] = [
      { name: "max_connections", value: "0", applyMethod: "pending-reboot" },
      { name: "track_io_timing", value: "maybe", applyMethod: "immediate" },
      { name: "autovacuum_naptime", value: "30", applyMethod: "pending-reboot" },
      { name: "log_min_duration_statment", value: "500", applyMethod: "immediate" },
      { name: "pg_stat_statements.track", value: "everything", applyMethod: "immediate" },
      { name: "autovacuum_vacuum_scale_factor", value: "101", applyMethod: "immediate" },
    ];
    const found = await verify(bad);
    for (const p of bad) expect(found.some((f) => f.startsWith(p.name)), p.name).toBe(true);
    expect(found).toContain("autovacuum_naptime: context sighup needs applyMethod immediate, got pending-reboot");
  });

  it.each(boundaryCases())("accepts every parameter of %s", async (_case, s) => {
    expect(await verify(postgresParameters(s))).toEqual([]);
  });

  it.each(STACKS)("accepts the parameter group the %s stack deploys, every name known", async (stack) => {
    const [group] = ofType(await stackRun(stack), "aws:rds/parameterGroup:ParameterGroup");
    const specs = group.inputs.parameters as ParameterSpec[];
    expect(specs.length).toBeGreaterThan(10);
    const unchecked = specs.filter((p) => !p.name.startsWith("rds.") && !(p.name in PG_STAT_STATEMENTS) && !settings.has(p.name));
    expect(unchecked).toEqual([]);
    expect(await verify(specs)).toEqual([]);
  });
});

describe("the pool role's one-time bootstrap, run by a real PostgreSQL", () => {
  it("creates a login role without password, a member of rds_iam, that may create its tables but is no superuser", async () => {
    const db = new PGlite();
    try {
      // RDS provides rds_iam; the embedded engine does not, so it stands in as a plain role. The embedded engine
      // has one database (CREATE DATABASE cannot run in its implicit transaction), so the grant names that one.
      await db.exec("CREATE ROLE rds_iam;");
      await db.exec(POSTGRES_ENGINE.bootstrapSql("postgres", "sparki_app"));
      const { rows } = await db.query<{ rolcanlogin: boolean; rolsuper: boolean; rolcreaterole: boolean; rolpassword: string | null; iam: boolean; create: boolean }>(
        `SELECT rolcanlogin, rolsuper, rolcreaterole, rolpassword, pg_has_role('sparki_app', 'rds_iam', 'MEMBER') AS iam,
                has_schema_privilege('sparki_app', 'public', 'CREATE') AS create
           FROM pg_authid WHERE rolname = 'sparki_app'`);
      expect(rows).toEqual([{ rolcanlogin: true, rolsuper: false, rolcreaterole: false, rolpassword: null, iam: true, create: true }]);
      await db.exec("SET ROLE sparki_app; CREATE TABLE fiber_storage (k text PRIMARY KEY, v bytea, e bigint); RESET ROLE;");
    } finally {
      await db.close();
    }
  });
});
