import { describe, expect, it } from "vitest";
import { stackConfig } from "../scripts/offline/stack-files";
import { mysqlAdapter } from "../stacks/adapters/mysql";
import { ConfigError } from "../stacks/config/errors";
import { loadConfig } from "../stacks/config/load";
import { adapterSettings } from "../stacks/project";
import { examplesOf, loadExample, type RdsExample, refused, sectionOf } from "./rds-example";

/**
 * Bad `sparki-storage:mysql` sections on top of the example stacks that turn MySQL on (examples/mysql): each is
 * refused before anything is registered, with one line naming the key, the value and what is allowed.
 */

const KEY = "sparki-storage:mysql";
const [DEV, PROD] = examplesOf("mysql");
const DEV_SECTION = sectionOf(DEV, KEY);
const PROD_SECTION = sectionOf(PROD, KEY);
const sectionFor = (ex: RdsExample) => (ex === DEV ? DEV_SECTION : PROD_SECTION);

const RESERVED_USERS = "a name RDS for MySQL reserves (rdsadmin, rdsrepladmin, rdsproxyadmin, mysql*, rds_*) or root/admin";
const SCHEMAS = "a system schema (mysql, sys, information_schema, performance_schema, tmp, innodb)";
const FAMILIES = "a class of a supported family (db.t4g, db.m6g, db.m7g, db.r6g, db.r7g), such as db.r7g.large";
const VERSION = 'a MySQL 8.4 version as a quoted string, such as "8.4" or "8.4.6"';

describe("mysql config errors name the key, the value and what is allowed; nothing is registered", () => {
  it.each<[string, RdsExample, Record<string, unknown>, string]>([
    ["an engine major in paid Extended Support", DEV, { engineVersion: "8.0" }, `engineVersion must be ${VERSION}, got "8.0"`],
    // 9.7 is GA on RDS, but RDS Proxy (the only way applications reach the primary) is not documented for it.
    ["a major no RDS Proxy documentation covers", DEV, { engineVersion: "9.7" }, `engineVersion must be ${VERSION}, got "9.7"`],
    ["an unquoted engine version", DEV, { engineVersion: 8.4 }, `engineVersion must be ${VERSION}, got 8.4`],
    ["an x86 class outside the table", DEV, { instanceClass: "db.m5.large" }, `instanceClass must be ${FAMILIES}, got "db.m5.large"`],
    ["a size the family does not have", DEV, { instanceClass: "db.t4g.nano" },
      'instanceClass must be a db.t4g size (db.t4g.micro, db.t4g.small, db.t4g.medium, db.t4g.large, db.t4g.xlarge, db.t4g.2xlarge), got "db.t4g.nano"'],
    ["a SQL Server class for the replicas", DEV, { replicaInstanceClass: "db.r6i.large" }, `replicaInstanceClass must be ${FAMILIES}, got "db.r6i.large"`],
    ["not an instance class at all", DEV, { instanceClass: "large" }, 'instanceClass must be an RDS instance class such as db.r7g.large, got "large"'],
    ["more replicas than zones apart from the primary's (prod, 3 zones)", PROD, { replicas: 3 },
      "replicas must be at most 2: each replica needs its own availability zone apart from the primary's, and there are 3 (network.availabilityZones), got 3"],
    ["two replicas in a two-zone dev stack", DEV, { replicas: 2 },
      "replicas must be at most 1: each replica needs its own availability zone apart from the primary's, and there are 2 (network.availabilityZones), got 2"],
    ["more replicas than RDS for MySQL allows (15)", PROD, { replicas: 16 }, "replicas must be an integer 0..15, got 16"],
    ["storage below the engine minimum", DEV, { allocatedStorageGiB: 19 }, "allocatedStorageGiB must be an integer 20..65536 (GiB; 20 is the RDS for MySQL minimum), got 19"],
    ["storage above gp3's maximum for MySQL", PROD, { allocatedStorageGiB: 65_537 }, "allocatedStorageGiB must be an integer 20..65536 (GiB; 20 is the RDS for MySQL minimum), got 65537"],
    ["an autoscaling ceiling above the maximum", PROD, { maxAllocatedStorageGiB: 65_537 }, "maxAllocatedStorageGiB must be an integer 20..65536 (GiB, the storage autoscaling ceiling), got 65537"],
    // RDS User Guide, "Managing capacity automatically with Amazon RDS storage autoscaling": at least 10 % above (20 GiB: 22).
    ["an autoscaling ceiling at the allocated storage", DEV, { maxAllocatedStorageGiB: 20 },
      "maxAllocatedStorageGiB must be at least 22, 10 % above allocatedStorageGiB (20): it is the ceiling storage autoscaling grows the volume to, and RDS refuses a smaller margin, got 20"],
    ["an autoscaling ceiling 1 GiB short of 10 % above the allocated storage", DEV, { maxAllocatedStorageGiB: 21 },
      "maxAllocatedStorageGiB must be at least 22, 10 % above allocatedStorageGiB (20): it is the ceiling storage autoscaling grows the volume to, and RDS refuses a smaller margin, got 21"],
    ["an autoscaling ceiling less than 10 % above a larger volume (prod, 1000 GiB: 1100)", PROD, { allocatedStorageGiB: 1000, maxAllocatedStorageGiB: 1099 },
      "maxAllocatedStorageGiB must be at least 1100, 10 % above allocatedStorageGiB (1000): it is the ceiling storage autoscaling grows the volume to, and RDS refuses a smaller margin, got 1099"],
    ["a week of backups in prod", PROD, { backupRetentionDays: 7 }, 'backupRetentionDays must be at least 14 (days) for profile "prod", got 7'],
    ["no backups in dev (replicas and point-in-time recovery need them)", DEV, { backupRetentionDays: 0 }, 'backupRetentionDays must be at least 1 (days) for profile "dev", got 0'],
    ["RDS's own admin", DEV, { adminUsername: "rdsadmin" }, `adminUsername must not be ${RESERVED_USERS}, got "rdsadmin"`],
    ["RDS Proxy's own user", DEV, { adminUsername: "rdsproxyadmin" }, `adminUsername must not be ${RESERVED_USERS}, got "rdsproxyadmin"`],
    ["root", DEV, { adminUsername: "root" }, `adminUsername must not be ${RESERVED_USERS}, got "root"`],
    ["a mysql.* account name", DEV, { adminUsername: "mysql_admin" }, `adminUsername must not be ${RESERVED_USERS}, got "mysql_admin"`],
    ["an rds_* role name", DEV, { adminUsername: "rds_owner" }, `adminUsername must not be ${RESERVED_USERS}, got "rds_owner"`],
    ["the pool user's name", DEV, { adminUsername: "sparki_app" },
      "adminUsername must not be sparki_app, the user applications connect as (the component's pool user), got \"sparki_app\""],
    // CreateDBInstance, MasterUsername: 1 to 16 letters, numbers or underscores for MySQL.
    ["a 17-character admin name", DEV, { adminUsername: "a".repeat(17) },
      `adminUsername must be 1-16 lowercase letters, digits or underscores, start with a letter, got "${"a".repeat(17)}"`],
    ["an upper-case admin name", DEV, { adminUsername: "Admin" }, 'adminUsername must be 1-16 lowercase letters, digits or underscores, start with a letter, got "Admin"'],
    ["the mysql system schema as database", DEV, { databaseName: "mysql" }, `databaseName must not be ${SCHEMAS}, got "mysql"`],
    ["information_schema as database", PROD, { databaseName: "information_schema" }, `databaseName must not be ${SCHEMAS}, got "information_schema"`],
    ["a 65-character database name", DEV, { databaseName: "d".repeat(65) },
      `databaseName must be 1-64 lowercase letters, digits or underscores, start with a letter, got "${"d".repeat(65)}"`],
    ["max_connections below the pool plus its reserve", DEV, { parameters: { maxConnections: 109 } },
      "parameters.maxConnections must be an integer 110..10000 (the 100-connection proxy pool plus 10 reserved fit under it), got 109"],
    // RDS Proxy's share is a whole percent: above 100 x 100, even 1 % of max_connections exceeds the pool.
    ["max_connections whose 1 % exceeds the pool", PROD, { parameters: { maxConnections: 10_001 } },
      "parameters.maxConnections must be an integer 110..10000 (the 100-connection proxy pool plus 10 reserved fit under it), got 10001"],
    ["a fractional max_connections", DEV, { parameters: { maxConnections: 150.5 } },
      "parameters.maxConnections must be an integer 110..10000 (the 100-connection proxy pool plus 10 reserved fit under it), got 150.5"],
    ["a negative long_query_time", DEV, { parameters: { longQueryTimeSeconds: -1 } }, "parameters.longQueryTimeSeconds must be a number 0..3600 (seconds), got -1"],
    ["a long_query_time over an hour", DEV, { parameters: { longQueryTimeSeconds: 3601 } }, "parameters.longQueryTimeSeconds must be a number 0..3600 (seconds), got 3601"],
    ["a long_query_time in words", DEV, { parameters: { longQueryTimeSeconds: "slow" } }, 'parameters.longQueryTimeSeconds must be a number 0..3600 (seconds), got "slow"'],
    ["a misspelt parameter", DEV, { parameters: { maxConnection: 200 } },
      'parameters.maxConnection is not a known key (did you mean "maxConnections"?) (allowed: maxConnections, longQueryTimeSeconds)'],
    ["a SQL Server key", DEV, { edition: "ee" },
      "edition is not a known key (allowed: enabled, engineVersion, instanceClass, replicaInstanceClass, replicas, allocatedStorageGiB, maxAllocatedStorageGiB, backupRetentionDays, databaseName, adminUsername, allowedSecurityGroupIds, adminSecurityGroupIds, allowedCidrBlocks, parameters)"],
    ["a misspelt key", DEV, { replica: 1 },
      'replica is not a known key (did you mean "replicas"?) (allowed: enabled, engineVersion, instanceClass, replicaInstanceClass, replicas, allocatedStorageGiB, maxAllocatedStorageGiB, backupRetentionDays, databaseName, adminUsername, allowedSecurityGroupIds, adminSecurityGroupIds, allowedCidrBlocks, parameters)'],
    ["a public client CIDR", DEV, { allowedCidrBlocks: ["0.0.0.0/0"] },
      'allowedCidrBlocks.0 must be a private IPv4 CIDR block (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 100.64.0.0/10) from /8 to /32, such as 10.40.0.0/16, got "0.0.0.0/0"'],
    ["a client group that is no security group ID", DEV, { allowedSecurityGroupIds: ["app"] },
      'allowedSecurityGroupIds.0 must be a security group ID such as sg-0abc12345678def90, got "app"'],
    ["enabled as a word", DEV, { enabled: "yes" }, 'enabled must be true or false, got "yes"'],
  ])("%s", async (_case, ex, change, expected) => {
    const { problems, registered } = await refused(ex, KEY, { ...sectionFor(ex), ...change });
    expect(problems).toEqual([`${KEY}.${expected}`]);
    expect(registered).toEqual([]);
  });

  it("refuses an existing VPC without named clients (nothing could reach the proxy)", async () => {
    const network = { vpcId: "vpc-0123456789abcdef0", privateSubnetIds: ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"], availabilityZones: ["eu-west-1a", "eu-west-1b"] };
    // PostgreSQL and Redis get clients, so the only line left is MySQL's.
    const { problems, registered } = await refused(DEV, KEY, DEV_SECTION, {
      "sparki-storage:network": network, "sparki-storage:postgres": { allowedCidrBlocks: ["10.60.0.0/16"] }, "sparki-storage:redis": { allowedCidrs: ["10.60.0.0/16"] },
    });
    expect(problems).toEqual([
      `${KEY}.allowedCidrBlocks or mysql.allowedSecurityGroupIds must name the database's clients when network.vpcId is an existing VPC (nothing could reach it), got nothing`,
    ]);
    expect(registered).toEqual([]);
  });

  it("refuses a region outside the aws partition, where the admin secret's rotation is not wired", async () => {
    // PostgreSQL off, so the only line left is MySQL's.
    const { problems, registered } = await refused(DEV, KEY, DEV_SECTION, { "aws:region": "us-gov-west-1", "sparki-storage:postgres": { enabled: false } });
    expect(problems).toEqual(['aws:region "us-gov-west-1" is in the aws-us-gov partition: MySQL\'s admin secret rotates with Secrets Manager\'s rotation application, which this stack wires for the aws partition only (components/common/secret-rotation.ts); choose a region of the aws partition, or set sparki-storage:mysql.enabled: false']);
    expect(registered).toEqual([]);
  });

  it("reports each mistake of one section on its own line", async () => {
    const { problems, registered } = await refused(PROD, KEY, { ...PROD_SECTION, engineVersion: "8.0", adminUsername: "root", parameters: { maxConnections: 50 } });
    expect(problems.map((p) => p.split(" ")[0]).sort()).toEqual([`${KEY}.adminUsername`, `${KEY}.engineVersion`, `${KEY}.parameters.maxConnections`]);
    expect(registered).toEqual([]);
  });
});

describe("MySQL turned off", () => {
  const load = (stack: string, dir: string | undefined, section: Record<string, unknown>) => () => loadConfig(stack, stackConfig(stack, { [KEY]: section }, dir));
  // Each would break a rule: more replicas than zones, a week of backups in prod, a ceiling under the storage.
  const badRules = { replicas: 5, backupRetentionDays: 7, maxAllocatedStorageGiB: 20, allocatedStorageGiB: 20 };

  it("is off in the root dev and prod stacks (opt-in), so its rules do not run there", () => {
    for (const stack of ["dev", "prod"]) {
      expect(load(stack, undefined, badRules)).not.toThrow();
      expect(load(stack, undefined, { ...badRules, enabled: true })).toThrow(ConfigError);
    }
  });

  it("is not checked by the rules when disabled, but still has its keys validated by the schema", () => {
    expect(() => loadExample(PROD, KEY, { ...PROD_SECTION, ...badRules, enabled: false })).not.toThrow();
    expect(() => loadExample(PROD, KEY, { ...PROD_SECTION, enabled: false, adminUsername: "rdsadmin" })).toThrow(`${KEY}.adminUsername must not be ${RESERVED_USERS}`);
  });
});

describe("mysql settings: config over the tier over the component's defaults", () => {
  const settingsOf = (ex: RdsExample, section?: Record<string, unknown>) =>
    adapterSettings(mysqlAdapter, loadExample(ex, KEY, section));

  it("takes class, storage, backups and max_connections from the tier, long_query_time from the stack file", () => {
    expect(settingsOf(DEV)).toMatchObject({
      enabled: true, engineVersion: "8.4", instanceClass: "db.t4g.small", replicas: 0, allocatedStorageGiB: 20, maxAllocatedStorageGiB: 100,
      backupRetentionDays: 1, databaseName: "sparki", adminUsername: "sparki_admin", parameters: { maxConnections: 125, longQueryTimeSeconds: 0.25 },
    });
    expect(settingsOf(PROD)).toMatchObject({
      enabled: true, instanceClass: "db.r7g.large", replicas: 2, allocatedStorageGiB: 100, maxAllocatedStorageGiB: 1000, backupRetentionDays: 14,
      minBackupRetentionDays: 14, retainAutomatedBackups: true, performanceInsightsRetentionDays: 93, monitoringIntervalSeconds: 15,
      parameters: { maxConnections: 250, longQueryTimeSeconds: 0.5 },
    });
  });

  it("keeps a parameter given alongside the tier's others", () => {
    expect(settingsOf(PROD, { ...PROD_SECTION, parameters: { maxConnections: 10_000 } }).parameters).toEqual({ maxConnections: 10_000, longQueryTimeSeconds: 0.5 });
    expect(settingsOf(DEV, { enabled: true, replicaInstanceClass: "db.t4g.small" }).replicaInstanceClass).toBe("db.t4g.small");
  });
});
