import { describe, expect, it } from "vitest";
import { stackConfig } from "../scripts/offline/stack-files";
import { mongodbAdapter } from "../stacks/adapters/mongodb";
import { ConfigError } from "../stacks/config/errors";
import { loadConfig } from "../stacks/config/load";
import { adapterSettings } from "../stacks/project";
import { type RdsExample, refused, sectionOf, stackDirOf } from "./rds-example";

/**
 * Bad `sparki-storage:mongodb` sections on top of the example stacks that turn DocumentDB on (examples/mongodb): each
 * is refused before anything is registered, with one line naming the key, the value and what is allowed. The
 * limits are DocumentDB's (components/documentdb/engine.ts names the page of each).
 */

const KEY = "sparki-storage:mongodb";
// test/rds-example.ts's helpers work for any examples/<folder>; its type names only the RDS folders.
const DEV = { folder: "mongodb", stack: "mongodb-dev", profile: "dev" } as unknown as RdsExample;
const PROD = { folder: "mongodb", stack: "mongodb-prod", profile: "prod" } as unknown as RdsExample;
const DEV_SECTION = sectionOf(DEV, KEY);
const PROD_SECTION = sectionOf(PROD, KEY);
const sectionFor = (ex: RdsExample) => (ex === DEV ? DEV_SECTION : PROD_SECTION);

const CLASSES = "must be a DocumentDB instance class with a known memory size and connection limit: db.t3.medium, db.t4g.medium, db.r5.large, db.r5.xlarge, db.r5.2xlarge, db.r5.4xlarge, db.r5.12xlarge, db.r5.24xlarge, db.r6g.large, db.r6g.xlarge, db.r6g.2xlarge, db.r6g.4xlarge, db.r6g.12xlarge, db.r6g.16xlarge";
const KEYS = "enabled, engineVersion, instanceClass, instances, backupRetentionDays, backupWindow, maintenanceWindow, tls, auditLogs, profilerThresholdMs, databaseName, collectionName, masterUsername, allowedSecurityGroupIds, allowedCidrBlocks";

describe("mongodb config errors name the key, the value and what is allowed; nothing is registered", () => {
  it.each<[string, RdsExample, Record<string, unknown>, string]>([
    // Only 5.0.0: the docdb5.0 family's tls1.2+ needs engine 3.0.11051+; 4.0 and 8.0 families are not tabulated here.
    ["DocumentDB 4.0", DEV, { engineVersion: "4.0.0" }, 'engineVersion must be one of "5.0.0", got "4.0.0"'],
    ["an engine version as a number", DEV, { engineVersion: 5 }, 'engineVersion must be one of "5.0.0", got 5'],
    // DocumentDB offers no general-purpose (m) classes.
    ["an RDS general-purpose class", DEV, { instanceClass: "db.m6g.large" }, `instanceClass ${CLASSES}, got "db.m6g.large"`],
    ["a size whose connection limit is not known here", PROD, { instanceClass: "db.r6g.8xlarge" }, `instanceClass ${CLASSES}, got "db.r6g.8xlarge"`],
    ["not an instance class at all", DEV, { instanceClass: "large" }, 'instanceClass must be a DocumentDB instance class such as db.r6g.large, got "large"'],
    // Quotas and limits: 16 instances per cluster (a primary and 15 replicas).
    ["17 instances", PROD, { instances: 17 }, "instances must be an integer 1..16, got 17"],
    ["no instance", DEV, { instances: 0 }, "instances must be an integer 1..16, got 0"],
    ["two instances in prod", PROD, { instances: 2 }, "instances must be at least 3 in this profile (a writer and a failover target in each other zone), got 2"],
    ["three instances over dev's two zones", DEV, { instances: 3 }, "instances needs at least 3 zones to spread 3 instances over (a replica in the writer's zone does not survive it); network.availabilityZones lists 2, got 3"],
    // CreateDBCluster BackupRetentionPeriod: 1..35.
    ["36 days of backups", PROD, { backupRetentionDays: 36 }, "backupRetentionDays must be an integer 1..35, got 36"],
    ["no backups", DEV, { backupRetentionDays: 0 }, "backupRetentionDays must be an integer 1..35, got 0"],
    ["six days of backups in prod (Security Hub DocumentDB.2)", PROD, { backupRetentionDays: 6 }, "backupRetentionDays must be at least 7 days in this profile (Security Hub DocumentDB.2), got 6"],
    ["a 20-minute backup window", DEV, { backupWindow: "02:00-02:20" }, 'backupWindow must last at least 30 minutes, got "02:00-02:20"'],
    ["a backup window without minutes", DEV, { backupWindow: "2-3" }, 'backupWindow must be a UTC window hh:mm-hh:mm such as 02:00-03:00, got "2-3"'],
    ["maintenance over Sunday's backups", PROD, { maintenanceWindow: "sun:02:30-sun:03:30" }, 'maintenanceWindow must not overlap the daily backup window 02:00-03:00, got "sun:02:30-sun:03:30"'],
    ["TLS off", PROD, { tls: "disabled" }, 'tls must be one of "enabled", "tls1.2+", "tls1.3+", "fips-140-3", got "disabled"'],
    // API reference, Parameter: fips-140-3 in ca-central-1, us-west-2, us-east-1, us-east-2 and GovCloud only.
    ["FIPS TLS in eu-west-1", PROD, { tls: "fips-140-3" }, 'tls fips-140-3 is offered only in ca-central-1, us-west-2, us-east-1, us-east-2, us-gov-east-1, us-gov-west-1, not eu-west-1 (DocumentDB API reference, Parameter), got "fips-140-3"'],
    ["TLS 1.0 and 1.1 allowed in prod (Security Hub DocumentDB.6)", PROD, { tls: "enabled" }, 'tls must be tls1.2+, tls1.3+ or fips-140-3 in this profile (enabled accepts TLS 1.0 and 1.1, which Security Hub DocumentDB.6 fails), got "enabled"'],
    ["audit logs off", PROD, { auditLogs: "none" }, 'auditLogs must be one of "enabled", "ddl", "dml_read", "dml_write", "all", got "none"'],
    // profiler_threshold_ms: 50..2147483646.
    ["a 10 ms profiler threshold", DEV, { profilerThresholdMs: 10 }, "profilerThresholdMs must be an integer 50..2147483646, got 10"],
    ["the engine's reserved admin name", DEV, { masterUsername: "admin" }, 'masterUsername must not be a name the engine reserves (admin, root, serviceadmin, rdsadmin), got "admin"'],
    ["a user name starting with a digit", DEV, { masterUsername: "1sparki" }, 'masterUsername must be 1-63 letters or digits, a letter first, got "1sparki"'],
    ["a user name with an underscore", DEV, { masterUsername: "sparki_app" }, 'masterUsername must be 1-63 letters or digits, a letter first, got "sparki_app"'],
    ["a database name with a dot", DEV, { databaseName: "sparki.kv" }, 'databaseName must be 1-63 characters without / \\ . space " $, got "sparki.kv"'],
    ["a system collection", DEV, { collectionName: "system.users" }, 'collectionName must be 1-120 characters without $, not starting with system., got "system.users"'],
    ["a public client CIDR", DEV, { allowedCidrBlocks: ["0.0.0.0/0"] },
      'allowedCidrBlocks.0 must be a private IPv4 CIDR block (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 100.64.0.0/10) from /8 to /32, such as 10.40.0.0/16, got "0.0.0.0/0"'],
    ["a client group that is no security group ID", DEV, { allowedSecurityGroupIds: ["app"] }, 'allowedSecurityGroupIds.0 must be a security group ID such as sg-0abc12345678def90, got "app"'],
    ["a misspelt key", DEV, { instance: 1 }, `instance is not a known key (did you mean "instances"?) (allowed: ${KEYS})`],
    ["enabled as a word", DEV, { enabled: "yes" }, 'enabled must be true or false, got "yes"'],
  ])("%s", async (_case, ex, change, expected) => {
    const { problems, registered } = await refused(ex, KEY, { ...sectionFor(ex), ...change });
    expect(problems).toEqual([`${KEY}.${expected}`]);
    expect(registered).toEqual([]);
  });

  it("refuses an existing VPC without named clients (nothing could reach the cluster)", async () => {
    const network = { vpcId: "vpc-0123456789abcdef0", privateSubnetIds: ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"], availabilityZones: ["eu-west-1a", "eu-west-1b"] };
    const { problems, registered } = await refused(DEV, KEY, DEV_SECTION, {
      "sparki-storage:network": network, "sparki-storage:postgres": { allowedCidrBlocks: ["10.60.0.0/16"] }, "sparki-storage:redis": { allowedCidrs: ["10.60.0.0/16"] },
    });
    expect(problems.filter((p) => p.startsWith(KEY))).toEqual([
      `${KEY}.allowedCidrBlocks must name client networks (or set allowedSecurityGroupIds) with an existing VPC: no client could reach the cluster otherwise, got nothing`,
    ]);
    expect(registered).toEqual([]);
  });

  it("reports each mistake of one section on its own line", async () => {
    const { problems, registered } = await refused(PROD, KEY, { ...PROD_SECTION, instances: 1, tls: "fips-140-3", masterUsername: "root" });
    expect(problems.map((p) => p.split(" ")[0]).sort()).toEqual([`${KEY}.instances`, `${KEY}.masterUsername`, `${KEY}.tls`]);
    expect(registered).toEqual([]);
  });
});

describe("MongoDB turned off", () => {
  const load = (stack: string, dir: string | undefined, section: Record<string, unknown>) => () => loadConfig(stack, stackConfig(stack, { [KEY]: section }, dir));
  const badRules = { instances: 1, backupRetentionDays: 1, masterUsername: "admin" };

  it("is off in the root dev and prod stacks (opt-in), so its rules do not run there", () => {
    expect(load("prod", undefined, badRules)).not.toThrow();
    expect(load("prod", undefined, { ...badRules, enabled: true })).toThrow(ConfigError);
  });

  it("is not checked by the rules when disabled, but still has its keys validated by the schema", () => {
    expect(load(PROD.stack, stackDirOf(PROD), { ...PROD_SECTION, ...badRules, enabled: false })).not.toThrow();
    expect(load(PROD.stack, stackDirOf(PROD), { ...PROD_SECTION, enabled: false, tls: "disabled" })).toThrow(`${KEY}.tls must be one of`);
  });
});

describe("mongodb settings: config over the tier over the component's defaults", () => {
  const settingsOf = (ex: RdsExample, section?: Record<string, unknown>) =>
    adapterSettings(mongodbAdapter, loadConfig(ex.stack, stackConfig(ex.stack, section === undefined ? {} : { [KEY]: section }, stackDirOf(ex))));

  it("takes class, instances and backups from the tier, the profiler threshold from the dev stack file", () => {
    expect(settingsOf(DEV)).toMatchObject({
      enabled: true, engineVersion: "5.0.0", instanceClass: "db.t4g.medium", instances: 1, backupRetentionDays: 1, tls: "tls1.2+", auditLogs: "enabled",
      profilerThresholdMs: 50, databaseName: "sparki", collectionName: "fiber_storage", masterUsername: "sparki", finalSnapshot: false,
    });
    expect(settingsOf(PROD)).toMatchObject({
      enabled: true, instanceClass: "db.r6g.large", instances: 3, backupRetentionDays: 14, profilerThresholdMs: 100, finalSnapshot: true, secretRecoveryWindowDays: 30,
    });
  });

  it("lets a section override the tier", () => {
    expect(settingsOf(PROD, { enabled: true, instances: 5, instanceClass: "db.r6g.xlarge", tls: "tls1.3+" })).toMatchObject({ instances: 5, instanceClass: "db.r6g.xlarge", tls: "tls1.3+" });
  });
});
