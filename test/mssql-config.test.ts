import { describe, expect, it } from "vitest";
import { stackConfig } from "../scripts/offline/stack-files";
import { mssqlAdapter } from "../stacks/adapters/mssql";
import { SQLSERVER_PROFILES } from "../stacks/adapters/mssql/profiles";
import { SQLSERVER_RULES } from "../stacks/adapters/mssql/rules";
import { ConfigError } from "../stacks/config/errors";
import { loadConfig } from "../stacks/config/load";
import { resolveEnvironment } from "../stacks/environment";
import { adapterSettings } from "../stacks/project";
import { examplesOf, loadExample, type RdsExample, refused, sectionOf } from "./rds-example";

/**
 * Bad `sparki-storage:mssql` sections on top of the example stacks that turn SQL Server on (examples/mssql): each
 * is refused before anything is registered, with one line naming the key, the value and what is allowed. RDS's
 * edition rules (RDS User Guide: Multi-AZ on Standard and Enterprise; classes per edition) and the stack's own (no
 * Express, whose storage RDS does not encrypt; no read replicas, to which RDS copies no logins) are config rules,
 * reported on the key that chose them.
 */

const KEY = "sparki-storage:mssql";
const [DEV, PROD] = examplesOf("mssql");
const DEV_SECTION = sectionOf(DEV, KEY);
const PROD_SECTION = sectionOf(PROD, KEY);
const sectionFor = (ex: RdsExample) => (ex === DEV ? DEV_SECTION : PROD_SECTION);

const VERSION = 'a SQL Server 2022 version as a quoted string, such as "16.00" or "16.00.4085.2.v1"';
const RESERVED_LOGINS = "a login SQL Server or RDS reserves (sa, rdsadmin, guest, sys*, dbo, rds_*) or admin/root";
const DATABASES = "a system database (master, model, msdb, tempdb, rdsadmin, resource)";
const CLASS_SOURCE = '(RDS User Guide, "DB instance class support for Microsoft SQL Server")';
// RDS User Guide, "Working with read replicas for Microsoft SQL Server in Amazon RDS": logins created on the primary
// after a replica are not copied to it, so the application's login would not exist there.
const NO_REPLICAS = 'must be 0 for SQL Server: the application\'s login would not exist on a replica (RDS User Guide, "Working with read replicas for Microsoft SQL Server in Amazon RDS", Limitations: "Synchronization of user logins to read replicas" is not supported, and server-level objects created on the primary after the replica "will not be automatically replicated")';
// RDS answers InvalidParameterCombination "DB Engine sqlserver-ex does not support encryption at rest".
const NO_EXPRESS = 'must not be ex (Express): this stack encrypts every database at rest (RDS User Guide, "Encrypting Amazon RDS resources" (as archived 2023): encryption is available for every engine "except for SQL Server Express Edition"; RDS answers InvalidParameterCombination ("sqlserver-ex does not support encryption at rest")); use web in dev';
const DEV_ONLY = "(Web is licensed for public web workloads only)";
const ENTERPRISE_CLASSES = "db.t3.xlarge-2xlarge, db.m6i.xlarge-16xlarge, db.r6i.xlarge-16xlarge";
// Standard Edition stops at 8xlarge (its licence caps the cores it uses); Enterprise goes on to 16xlarge.
const STANDARD_CLASSES = "db.t3.xlarge-2xlarge, db.m6i.large-8xlarge, db.r6i.large-8xlarge";

describe("mssql config errors name the key, the value and what is allowed; nothing is registered", () => {
  it.each<[string, RdsExample, Record<string, unknown>, string]>([
    ["SQL Server 2019", DEV, { engineVersion: "15.00" }, `engineVersion must be ${VERSION}, got "15.00"`],
    ["a full version without its .vN", DEV, { engineVersion: "16.00.4085.2" }, `engineVersion must be ${VERSION}, got "16.00.4085.2"`],
    ["a major spelt 16", DEV, { engineVersion: "16" }, `engineVersion must be ${VERSION}, got "16"`],
    ["a Graviton class (RDS for SQL Server has none)", DEV, { instanceClass: "db.r7g.large" },
      `instanceClass must be a class of a supported family (db.t3, db.m6i, db.r6i), such as db.r6i.large, got "db.r7g.large"`],
    ["a db.t3 size SQL Server 2022 does not run on", DEV, { instanceClass: "db.t3.micro" },
      'instanceClass must be a db.t3 size (db.t3.small, db.t3.medium, db.t3.large, db.t3.xlarge, db.t3.2xlarge), got "db.t3.micro"'],
    ["Web in prod", PROD, { edition: "web", instanceClass: "db.t3.small", replicas: 0 },
      `edition must be one of se, ee for profile "prod": Web is dev-only ${DEV_ONLY}, got "web"`],
    ["an edition RDS does not have", DEV, { edition: "dev" }, 'edition must be one of "ex", "web", "se", "ee", got "dev"'],
    // No replicas at all, not even where RDS would make one (Enterprise on a Multi-AZ source).
    ["a replica of the prod example's Enterprise Multi-AZ primary", PROD, { replicas: 1 }, `replicas ${NO_REPLICAS}, got 1`],
    ["a replica on Standard", PROD, { edition: "se", instanceClass: "db.r6i.large", replicas: 1 }, `replicas ${NO_REPLICAS}, got 1`],
    ["a replica on Web (dev)", DEV, { replicas: 1 }, `replicas ${NO_REPLICAS}, got 1`],
    ["an Enterprise replica of a single-AZ source (dev)", DEV, { edition: "ee", instanceClass: "db.r6i.xlarge", replicas: 1 }, `replicas ${NO_REPLICAS}, got 1`],
    ["Enterprise on a large class (Enterprise starts at xlarge)", PROD, { instanceClass: "db.r6i.large" },
      `instanceClass db.r6i.large is not offered for SQL Server Enterprise, which runs on ${ENTERPRISE_CLASSES} ${CLASS_SOURCE}, got "db.r6i.large"`],
    ["Enterprise replicas on a class Enterprise is not offered on", PROD, { replicaInstanceClass: "db.m6i.large" },
      `replicaInstanceClass db.m6i.large is not offered for SQL Server Enterprise, which runs on ${ENTERPRISE_CLASSES} ${CLASS_SOURCE}, got "db.m6i.large"`],
    ["Standard on a small burstable class", PROD, { edition: "se", instanceClass: "db.t3.large", replicas: 0 },
      `instanceClass db.t3.large is not offered for SQL Server Standard, which runs on ${STANDARD_CLASSES} ${CLASS_SOURCE}, got "db.t3.large"`],
    ["Standard above 8xlarge (db.r6i.12xlarge)", PROD, { edition: "se", instanceClass: "db.r6i.12xlarge" },
      `instanceClass db.r6i.12xlarge is not offered for SQL Server Standard, which runs on ${STANDARD_CLASSES} ${CLASS_SOURCE}, got "db.r6i.12xlarge"`],
    ["Standard above 8xlarge (db.m6i.16xlarge)", PROD, { edition: "se", instanceClass: "db.m6i.16xlarge" },
      `instanceClass db.m6i.16xlarge is not offered for SQL Server Standard, which runs on ${STANDARD_CLASSES} ${CLASS_SOURCE}, got "db.m6i.16xlarge"`],
    ["Web (dev) on a general-purpose class", DEV, { instanceClass: "db.m6i.large" },
      `instanceClass db.m6i.large is not offered for SQL Server Web, which runs on db.t3.small-2xlarge ${CLASS_SOURCE}, got "db.m6i.large"`],
    ["Web (dev) on a memory-optimised class", DEV, { instanceClass: "db.r6i.xlarge" },
      `instanceClass db.r6i.xlarge is not offered for SQL Server Web, which runs on db.t3.small-2xlarge ${CLASS_SOURCE}, got "db.r6i.xlarge"`],
    ["more replicas than zones apart from the primary's (prod, 3 zones)", PROD, { replicas: 3 },
      "replicas must be at most 2: each replica needs its own availability zone apart from the primary's, and there are 3 (network.availabilityZones), got 3"],
    ["more replicas than RDS for SQL Server allows (5)", PROD, { replicas: 6 }, "replicas must be an integer 0..5, got 6"],
    ["storage below the minimum", DEV, { allocatedStorageGiB: 19 }, "allocatedStorageGiB must be an integer 20..16384 (GiB; 20 is the RDS for SQL Server minimum), got 19"],
    ["storage above SQL Server's 16384 GiB", PROD, { allocatedStorageGiB: 16_385 }, "allocatedStorageGiB must be an integer 20..16384 (GiB; 20 is the RDS for SQL Server minimum), got 16385"],
    ["an autoscaling ceiling above SQL Server's 16384 GiB", PROD, { maxAllocatedStorageGiB: 20_000 },
      "maxAllocatedStorageGiB must be an integer 20..16384 (GiB, the storage autoscaling ceiling), got 20000"],
    // RDS User Guide, "Managing capacity automatically with Amazon RDS storage autoscaling": the ceiling is at least
    // 10 % above the allocation (500 GiB: 550).
    ["an autoscaling ceiling below the storage", PROD, { allocatedStorageGiB: 500, maxAllocatedStorageGiB: 400 },
      "maxAllocatedStorageGiB must be at least 550, 10 % above allocatedStorageGiB (500): it is the ceiling storage autoscaling grows the volume to, and RDS refuses a smaller margin, got 400"],
    ["an autoscaling ceiling less than 10 % above the storage", PROD, { allocatedStorageGiB: 500, maxAllocatedStorageGiB: 549 },
      "maxAllocatedStorageGiB must be at least 550, 10 % above allocatedStorageGiB (500): it is the ceiling storage autoscaling grows the volume to, and RDS refuses a smaller margin, got 549"],
    ["13 days of backups in prod", PROD, { backupRetentionDays: 13 }, 'backupRetentionDays must be at least 14 (days) for profile "prod", got 13'],
    ["no backups in dev", DEV, { backupRetentionDays: 0 }, 'backupRetentionDays must be at least 1 (days) for profile "dev", got 0'],
    ["sa", DEV, { adminUsername: "sa" }, `adminUsername must not be ${RESERVED_LOGINS}, got "sa"`],
    ["rdsadmin", DEV, { adminUsername: "rdsadmin" }, `adminUsername must not be ${RESERVED_LOGINS}, got "rdsadmin"`],
    ["dbo", PROD, { adminUsername: "dbo" }, `adminUsername must not be ${RESERVED_LOGINS}, got "dbo"`],
    ["guest", DEV, { adminUsername: "guest" }, `adminUsername must not be ${RESERVED_LOGINS}, got "guest"`],
    ["a sys* name", DEV, { adminUsername: "sysadmin" }, `adminUsername must not be ${RESERVED_LOGINS}, got "sysadmin"`],
    ["the application login's name", DEV, { adminUsername: "sparki_app" },
      'adminUsername must not be sparki_app, the user applications connect as (the component\'s pool user), got "sparki_app"'],
    // CreateDBInstance, MasterUsername: 1 to 16 letters, numbers or underscores.
    ["a 17-character login", DEV, { adminUsername: "a".repeat(17) },
      `adminUsername must be 1-16 lowercase letters, digits or underscores, start with a letter, got "${"a".repeat(17)}"`],
    ["master as the database", DEV, { databaseName: "master" }, `databaseName must not be ${DATABASES}, got "master"`],
    ["tempdb as the database", PROD, { databaseName: "tempdb" }, `databaseName must not be ${DATABASES}, got "tempdb"`],
    ["user connections below the pool plus its reserve", DEV, { parameters: { userConnections: 119 } },
      "parameters.userConnections must be an integer 120..32767 (connections; each Fiber storage/mssql process opens up to 100), got 119"],
    ["user connections above SQL Server's 32767", PROD, { parameters: { userConnections: 32_768 } },
      "parameters.userConnections must be an integer 120..32767 (connections; each Fiber storage/mssql process opens up to 100), got 32768"],
    ["user connections 0 (SQL Server's 'unlimited')", DEV, { parameters: { userConnections: 0 } },
      "parameters.userConnections must be an integer 120..32767 (connections; each Fiber storage/mssql process opens up to 100), got 0"],
    ["a fractional user connections", DEV, { parameters: { userConnections: 150.5 } },
      "parameters.userConnections must be an integer 120..32767 (connections; each Fiber storage/mssql process opens up to 100), got 150.5"],
    ["a MySQL parameter", DEV, { parameters: { maxConnections: 150 } }, "parameters.maxConnections is not a known key (allowed: userConnections)"],
    ["a misspelt key", DEV, { editon: "se" },
      'editon is not a known key (did you mean "edition"?) (allowed: enabled, engineVersion, instanceClass, replicaInstanceClass, replicas, allocatedStorageGiB, maxAllocatedStorageGiB, backupRetentionDays, databaseName, adminUsername, allowedSecurityGroupIds, adminSecurityGroupIds, allowedCidrBlocks, edition, parameters)'],
    ["a public client CIDR", PROD, { allowedCidrBlocks: ["0.0.0.0/0"] },
      'allowedCidrBlocks.0 must be a private IPv4 CIDR block (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 100.64.0.0/10) from /8 to /32, such as 10.40.0.0/16, got "0.0.0.0/0"'],
    ["an admin group that is no security group ID", DEV, { adminSecurityGroupIds: ["bastion"] },
      'adminSecurityGroupIds.0 must be a security group ID such as sg-0abc12345678def90, got "bastion"'],
  ])("%s", async (_case, ex, change, expected) => {
    const { problems, registered } = await refused(ex, KEY, { ...sectionFor(ex), ...change });
    expect(problems).toEqual([`${KEY}.${expected}`]);
    expect(registered).toEqual([]);
  });

  it("refuses a region outside the aws partition, where the admin secret's rotation is not wired", async () => {
    // PostgreSQL off, so the only line left is SQL Server's.
    const { problems, registered } = await refused(DEV, KEY, DEV_SECTION, { "aws:region": "us-gov-west-1", "sparki-storage:postgres": { enabled: false } });
    expect(problems).toEqual(['aws:region "us-gov-west-1" is in the aws-us-gov partition: SQL Server\'s admin secret rotates with Secrets Manager\'s rotation application, which this stack wires for the aws partition only (components/common/secret-rotation.ts); choose a region of the aws partition, or set sparki-storage:mssql.enabled: false']);
    expect(registered).toEqual([]);
  });

  it("reports each mistake of one section on its own line: the keys' own first, then the rules across them", async () => {
    const keys = await refused(PROD, KEY, { ...PROD_SECTION, edition: "web", adminUsername: "sa", parameters: { userConnections: 5 } });
    expect(keys.problems.map((p) => p.split(" ")[0]).sort()).toEqual([`${KEY}.adminUsername`, `${KEY}.parameters.userConnections`]);
    expect(keys.registered).toEqual([]);
    // Web in prod: refused for the tier, and the stack file's class is not Web's either, each on its key.
    const rules = await refused(PROD, KEY, { ...PROD_SECTION, edition: "web" });
    expect(rules.problems.map((p) => p.split(" ")[0]).sort()).toEqual([`${KEY}.edition`, `${KEY}.instanceClass`]);
    // A replica as well: its own line.
    const more = await refused(PROD, KEY, { ...PROD_SECTION, edition: "web", replicas: 1 });
    expect(more.problems.map((p) => p.split(" ")[0]).sort()).toEqual([`${KEY}.edition`, `${KEY}.instanceClass`, `${KEY}.replicas`]);
    expect(rules.registered).toEqual([]);
  });
});

describe("the edition rule for a Multi-AZ tier", () => {
  // Every tier that runs Multi-AZ (prod) already refuses Web (and every tier Express), so the loader never shows this
  // line for a real stack; it guards a tier that would allow them. Checked on the real prod environment with such a tier.
  const profile = { ...SQLSERVER_PROFILES.prod, allowedEditions: ["ex", "web", "se", "ee"] as const };
  const rulesFor = (edition: "ex" | "web") => {
    const config = loadExample(PROD, KEY, { enabled: true });
    const env = resolveEnvironment(config);
    const settings = { ...adapterSettings(mssqlAdapter, config), edition, instanceClass: "db.t3.small" };
    expect(env.profile.multiAz).toBe(true);
    return SQLSERVER_RULES.flatMap((rule) => rule({ config: {} as never, profile, settings, scope: { env, settingsOf: () => { throw new Error("unused"); } } }));
  };

  it("refuses Web Multi-AZ on the edition key, naming Multi-AZ's source", () => {
    expect(rulesFor("web")).toEqual([{
      path: ["edition"],
      message: 'must be se or ee while profile "prod" runs Multi-AZ: Multi-AZ needs edition se or ee, got web (Web; RDS User Guide, "Multi-AZ deployments for Amazon RDS for Microsoft SQL Server" (Standard and Enterprise editions))',
    }]);
  });

  it("refuses Express even where a tier would allow it: unencrypted storage first, then Multi-AZ, both on the edition key", () => {
    expect(rulesFor("ex")).toEqual([
      { path: ["edition"], message: NO_EXPRESS },
      {
        path: ["edition"],
        message: 'must be se or ee while profile "prod" runs Multi-AZ: Multi-AZ needs edition se or ee, got ex (Express; RDS User Guide, "Multi-AZ deployments for Amazon RDS for Microsoft SQL Server" (Standard and Enterprise editions))',
      },
    ]);
  });
});

describe("Express is refused everywhere: RDS does not encrypt its storage, and this stack encrypts every database", () => {
  it.each([["dev", DEV], ["prod", PROD]] as const)("in %s, on the edition key, before anything is registered", async (_tier, ex) => {
    const { problems, registered } = await refused(ex, KEY, { ...sectionFor(ex), edition: "ex", instanceClass: "db.t3.small", replicas: 0 });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^${KEY.replace(".", "\\.")}\\.edition .*, got "ex"$`));
    expect(registered).toEqual([]);
  });

  // The loader keeps one line per key: the tier's edition rule leaves Express to the rule that names its reason.
  it.each([["dev", DEV], ["prod", PROD]] as const)("in %s, naming the reason (no encryption at rest) and Web as dev's edition", async (_tier, ex) => {
    const { problems } = await refused(ex, KEY, { ...sectionFor(ex), edition: "ex", instanceClass: "db.t3.small", replicas: 0 });
    expect(problems).toEqual([`${KEY}.edition ${NO_EXPRESS}, got "ex"`]);
  });
});

describe("SQL Server turned off", () => {
  const load = (stack: string, dir: string | undefined, section: Record<string, unknown>) => () => loadConfig(stack, stackConfig(stack, { [KEY]: section }, dir));
  const badRules = { edition: "ex", replicas: 2, backupRetentionDays: 7 };

  it("is off in the root dev and prod stacks (opt-in), so its rules do not run there", () => {
    for (const stack of ["dev", "prod"]) {
      expect(load(stack, undefined, badRules)).not.toThrow();
      expect(load(stack, undefined, { ...badRules, enabled: true })).toThrow(ConfigError);
    }
  });

  it("is not checked by the rules when disabled, but still has its keys validated by the schema", () => {
    expect(() => loadExample(PROD, KEY, { ...PROD_SECTION, ...badRules, enabled: false })).not.toThrow();
    expect(() => loadExample(PROD, KEY, { ...PROD_SECTION, enabled: false, edition: "developer" })).toThrow(`${KEY}.edition must be one of "ex", "web", "se", "ee", got "developer"`);
  });
});

describe("mssql settings: config over the tier over the component's defaults", () => {
  const settingsOf = (ex: RdsExample, section?: Record<string, unknown>) =>
    adapterSettings(mssqlAdapter, loadExample(ex, KEY, section));

  it("dev: Web on db.t3.small with 500 user connections; prod: the stack file's Enterprise on db.r6i.xlarge, no replica, 1000 user connections", () => {
    expect(settingsOf(DEV)).toMatchObject({
      enabled: true, engineVersion: "16.00", edition: "web", instanceClass: "db.t3.small", replicas: 0, allocatedStorageGiB: 20, maxAllocatedStorageGiB: 100,
      backupRetentionDays: 1, parameters: { userConnections: 500 },
    });
    expect(settingsOf(PROD)).toMatchObject({
      enabled: true, edition: "ee", instanceClass: "db.r6i.xlarge", replicas: 0, allocatedStorageGiB: 100, maxAllocatedStorageGiB: 1000, backupRetentionDays: 14,
      retainAutomatedBackups: true, performanceInsightsRetentionDays: 93, monitoringIntervalSeconds: 15, parameters: { userConnections: 1000 },
    });
  });

  it("accepts Standard up to 8xlarge, Enterprise beyond it, and the other editions dev allows (counterexamples of the refusals above)", () => {
    expect(settingsOf(PROD, { enabled: true, edition: "se", instanceClass: "db.r6i.8xlarge" })).toMatchObject({ edition: "se", instanceClass: "db.r6i.8xlarge" });
    expect(settingsOf(PROD, { enabled: true, edition: "se", instanceClass: "db.m6i.8xlarge" })).toMatchObject({ edition: "se", instanceClass: "db.m6i.8xlarge" });
    expect(settingsOf(PROD, { enabled: true, edition: "ee", instanceClass: "db.r6i.12xlarge" })).toMatchObject({ edition: "ee", instanceClass: "db.r6i.12xlarge" });
    for (const [edition, instanceClass] of [["web", "db.t3.2xlarge"], ["se", "db.r6i.large"], ["ee", "db.r6i.xlarge"]] as const) {
      expect(settingsOf(DEV, { enabled: true, edition, instanceClass })).toMatchObject({ edition, instanceClass, replicas: 0 });
    }
    // The autoscaling ceiling exactly 10 % above the allocation.
    expect(settingsOf(PROD, { enabled: true, allocatedStorageGiB: 500, maxAllocatedStorageGiB: 550 })).toMatchObject({ allocatedStorageGiB: 500, maxAllocatedStorageGiB: 550 });
  });

  it("takes the prod tier's Standard Edition on db.r6i.large without replicas when the stack names none", () => {
    expect(settingsOf(PROD, { enabled: true })).toMatchObject({ edition: "se", instanceClass: "db.r6i.large", replicas: 0 });
  });
});
