import { describe, expect, it } from "vitest";
import {
  GRAVITON_CLASS_MEMORY_GIB, instanceClassProblem, instanceMemoryGiB, type PlanInput,
  planDatabase, POSTGRES_ENGINE, type PostgresParameterSettings, planProblems, RelationalDatabase, type PostgresDatabaseArgs, postgresParameters,
  DEFAULT_BACKUP_WINDOW, DEFAULT_MAINTENANCE_WINDOW, DEFAULT_PARAMETER_SETTINGS, databaseConnectPolicy, proxyPool, proxyResourceId, STATIC_PARAMETERS,
} from "../components/rds";
import { POSTGRES_POOL } from "../components/matrix";
import { runProgram } from "../scripts/offline/run-program";

/** The planner's input as resolvePostgresArgs hands it over: every default applied. */
const input: PlanInput<PostgresParameterSettings> = {
  identifier: "sparki-test-postgres", engineVersion: "17", instanceClass: "db.r7g.large", replicaInstanceClass: "db.r7g.large", replicas: 2, multiAz: false,
  availabilityZones: ["eu-west-1a", "eu-west-1b", "eu-west-1c"], allocatedStorageGiB: 100, maxAllocatedStorageGiB: 1000,
  backupRetentionDays: 7, adminUsername: "sparki_admin", databaseName: "sparki", performanceInsightsRetentionDays: 7, monitoringIntervalSeconds: 60,
  logRetentionDays: 7, poolUsername: "sparki_app", passwordRotationDays: 30, secretRecoveryWindowDays: 30,
  port: 5432, backupWindow: DEFAULT_BACKUP_WINDOW, maintenanceWindow: DEFAULT_MAINTENANCE_WINDOW, parameters: DEFAULT_PARAMETER_SETTINGS, clientCidrBlocks: [],
};

describe("proxy pool from max_connections", () => {
  it.each([
    [125, 80, 16, 100],
    [250, 40, 8, 100],
    [150, 66, 14, 99],
    [110, 90, 19, 99],
    [5000, 2, 1, 100],
    [100, 100, 20, 100],
  ])("max_connections %i: maxConnectionsPercent %i, idle %i, at most %i connections", (max, percent, idle, pool) => {
    expect(proxyPool(max)).toEqual({ maxConnectionsPercent: percent, maxIdleConnectionsPercent: idle, poolSize: pool });
  });

  it("never opens more than the matrix pool, and keeps at least its minimum warm, for every max_connections the config allows", () => {
    for (let max = 110; max <= 5000; max++) {
      const p = proxyPool(max);
      expect(p.poolSize).toBeLessThanOrEqual(POSTGRES_POOL.maxConnections);
      expect(Math.floor((max * p.maxConnectionsPercent) / 100)).toBe(p.poolSize);
      expect(p.maxIdleConnectionsPercent).toBeLessThanOrEqual(p.maxConnectionsPercent);
      expect(Math.ceil((max * p.maxIdleConnectionsPercent) / 100)).toBeGreaterThanOrEqual(Math.min(POSTGRES_POOL.minConnections, p.poolSize));
    }
  });

  it("refuses a max_connections below the pool", () => {
    expect(() => proxyPool(99)).toThrow("max_connections (99) must be an integer of at least the pool size (100)");
  });
});

describe("instance classes", () => {
  it("knows the memory of every class it accepts and refuses the rest with what is allowed", () => {
    expect(instanceMemoryGiB("db.t4g.micro", GRAVITON_CLASS_MEMORY_GIB)).toBe(1);
    expect(instanceMemoryGiB("db.r7g.large", GRAVITON_CLASS_MEMORY_GIB)).toBe(16);
    expect(instanceMemoryGiB("db.m7g.2xlarge", GRAVITON_CLASS_MEMORY_GIB)).toBe(32);
    for (const [family, sizes] of Object.entries(GRAVITON_CLASS_MEMORY_GIB)) {
      for (const size of Object.keys(sizes)) expect(instanceClassProblem(`${family}.${size}`, GRAVITON_CLASS_MEMORY_GIB)).toBeUndefined();
    }
    expect(instanceClassProblem("db.x2g.large", GRAVITON_CLASS_MEMORY_GIB)).toBe("must be a class of a supported family (db.t4g, db.m6g, db.m7g, db.r6g, db.r7g), such as db.r7g.large");
    expect(() => instanceMemoryGiB("db.r7g.medium", GRAVITON_CLASS_MEMORY_GIB)).toThrow(/must be a db\.r7g size/);
  });
});

describe("planning", () => {
  it("pins a single-AZ primary to the first zone and each replica to its own later zone", () => {
    const plan = planDatabase(POSTGRES_ENGINE, input);
    expect(plan.primaryZone).toBe("eu-west-1a");
    expect(plan.replicas.map((r) => [r.identifier, r.zone, r.instanceClass, r.memoryGiB])).toEqual([
      ["sparki-test-postgres-replica-1", "eu-west-1b", "db.r7g.large", 16],
      ["sparki-test-postgres-replica-2", "eu-west-1c", "db.r7g.large", 16],
    ]);
    expect(plan).toMatchObject({ family: "postgres17", major: "17", proxyName: "sparki-test-postgres-proxy" });
  });

  it("leaves a Multi-AZ primary's zone to RDS and sizes replicas of another class by that class", () => {
    const plan = planDatabase(POSTGRES_ENGINE, { ...input, multiAz: true, engineVersion: "17.6", replicaInstanceClass: "db.r7g.xlarge" });
    expect(plan.primaryZone).toBeUndefined();
    expect(plan.family).toBe("postgres17");
    // Engine rule: RDS Proxy fronts only the majors AWS documents for it.
    expect(planProblems(POSTGRES_ENGINE, { ...input, engineVersion: "18" })).toEqual([
      "engineVersion 18: RDS Proxy support for RDS for PostgreSQL 18 is not documented (checked 2026-11-29; documented: 17); use 17, or add 18 to pooling.documentedMajors of the postgres engine profile (components/rds/engines) with its source once AWS documents it",
    ]);
    expect(plan.replicas.map((r) => r.memoryGiB)).toEqual([32, 32]);
  });

  it("lists every problem of bad arguments", () => {
    expect(planProblems(POSTGRES_ENGINE, { ...input, replicas: 3, adminUsername: "postgres", allocatedStorageGiB: 10, maxAllocatedStorageGiB: 10, performanceInsightsRetentionDays: 30 })).toEqual([
      "replicas must be at most 2 (one zone each, apart from the primary's), got 3",
      "allocatedStorageGiB must be an integer 20..65536, got 10",
      "maxAllocatedStorageGiB must be an integer of at least 11 (10 % above allocatedStorageGiB 10) and at most 65536, got 10",
      "adminUsername must be 1-63 lowercase letters, digits or underscores, start with a letter and not be reserved (postgres, rdsadmin, rds_*, pg_*...), got postgres",
      "performanceInsightsRetentionDays must be 7, a multiple of 31 up to 713, or 731, got 30",
    ]);
    expect(planProblems(POSTGRES_ENGINE, { ...input, port: 80, backupWindow: "2am", maintenanceWindow: "sun:03:30-sun:04:30" })).toEqual([
      "port must be an integer 1150..65535, got 80",
      "backupWindow must be hh:mm-hh:mm (UTC), got 2am",
    ]);
    expect(planProblems(POSTGRES_ENGINE, { ...input, identifier: "a".repeat(50), poolUsername: "sparki_admin", passwordRotationDays: 0, secretRecoveryWindowDays: 3 })).toEqual([
      `identifier must be 1-49 lowercase letters, digits or single hyphens, starting with a letter, got ${"a".repeat(50)}`,
      "poolUsername must be 1-63 lowercase letters, digits or underscores, start with a letter and not be reserved (postgres, rdsadmin, rds_*, pg_*...), and differ from adminUsername, got sparki_admin",
      "passwordRotationDays must be an integer 1..1000 (Secrets Manager's rotation rule), got 0",
      "secretRecoveryWindowDays must be 0 or an integer 7..30 (Secrets Manager's recovery window), got 3",
    ]);
    // Replica n takes zone n+1: a repeated zone would put two instances in one.
    expect(planProblems(POSTGRES_ENGINE, {
      ...input, availabilityZones: ["eu-west-1a", "eu-west-1a", "eu-west-1b"], monitoringIntervalSeconds: 20, maintenanceWindow: "sunday 3am",
    })).toEqual([
      "availabilityZones must not repeat a zone",
      "monitoringIntervalSeconds must be 1, 5, 10, 15, 30 or 60, got 20",
      "maintenanceWindow must be ddd:hh:mm-ddd:hh:mm (UTC), got sunday 3am",
    ]);
    expect(planProblems(POSTGRES_ENGINE, { ...input, poolUsername: "rds_pool" })).toHaveLength(1);
    expect(planProblems(POSTGRES_ENGINE, { ...input, poolUsername: "a".repeat(64) })).toHaveLength(1);
    expect(planProblems(POSTGRES_ENGINE, { ...input, identifier: "a".repeat(49), poolUsername: "a".repeat(63), passwordRotationDays: 1000, secretRecoveryWindowDays: 0 })).toEqual([]);
    expect(planProblems(POSTGRES_ENGINE, { ...input, backupRetentionDays: 0, parameters: { ...DEFAULT_PARAMETER_SETTINGS, maxConnections: 50 } })).toEqual([
      "backupRetentionDays must be an integer 1..35 (read replicas and point-in-time recovery need backups), got 0",
      "parameters.maxConnections must be an integer 110..5000, got 50",
    ]);
  });
});

describe("windows, log retention and clients", () => {
  it("refuses a log retention CloudWatch Logs does not offer", () => {
    expect(planProblems(POSTGRES_ENGINE, { ...input, logRetentionDays: 10 })).toEqual([
      "logRetentionDays must be a CloudWatch Logs retention (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653 days), got 10",
    ]);
    expect(planProblems(POSTGRES_ENGINE, { ...input, logRetentionDays: 365 })).toEqual([]);
  });

  it("refuses a backup window under 30 minutes and a maintenance window overlapping it on its day", () => {
    expect(planProblems(POSTGRES_ENGINE, { ...input, backupWindow: "02:00-02:20" })).toEqual(["backupWindow must last at least 30 minutes, got 02:00-02:20"]);
    expect(planProblems(POSTGRES_ENGINE, { ...input, backupWindow: "03:00-04:00" })).toEqual([
      "maintenanceWindow must not overlap the daily backup window 03:00-04:00, got sun:03:30-sun:04:30",
    ]);
    expect(planProblems(POSTGRES_ENGINE, { ...input, backupWindow: "23:30-00:30", maintenanceWindow: "mon:00:00-mon:01:00" })).toEqual([
      "maintenanceWindow must not overlap the daily backup window 23:30-00:30, got mon:00:00-mon:01:00",
    ]);
    expect(planProblems(POSTGRES_ENGINE, { ...input, maintenanceWindow: "sun:03:30-sun:03:45" })).toEqual(["maintenanceWindow must last at least 30 minutes, got sun:03:30-sun:03:45"]);
    expect(planProblems(POSTGRES_ENGINE, { ...input, backupWindow: "22:00-22:30", maintenanceWindow: "sat:23:00-sun:00:00" })).toEqual([]);
  });

  it("admits only private client CIDR blocks", () => {
    expect(planProblems(POSTGRES_ENGINE, { ...input, clientCidrBlocks: ["10.60.0.0/16", "0.0.0.0/0"] })).toEqual([
      "clients.cidrBlocks[1] must be a private IPv4 CIDR block (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 100.64.0.0/10) from /8 to /32, such as 10.40.0.0/16, got 0.0.0.0/0",
    ]);
  });
});

describe("parameter builder", () => {
  it("loads pg_stat_statements, forces TLS and marks exactly the start-time parameters pending-reboot", () => {
    const specs = postgresParameters(DEFAULT_PARAMETER_SETTINGS);
    expect(specs.map((p) => p.name)).toEqual([...specs.map((p) => p.name)].sort());
    expect(specs.find((p) => p.name === "shared_preload_libraries")?.value).toBe("pg_stat_statements");
    expect(specs.find((p) => p.name === "rds.force_ssl")?.value).toBe("1");
    expect(specs.filter((p) => p.applyMethod === "pending-reboot").map((p) => p.name).sort()).toEqual([...STATIC_PARAMETERS].sort());
  });
});

describe("IAM database connect policy", () => {
  it("grants rds-db:connect as one user on one resource, in the dbuser ARN form IAM database authentication uses", () => {
    const doc = databaseConnectPolicy({ accountId: "123456789012", region: "eu-central-1", dbResourceIds: ["db-ABCDEFGHIJKL"], username: "sparki_app" });
    expect(doc).toEqual({
      Version: "2012-10-17",
      Statement: [{ Sid: "ConnectAsThePoolRole", Effect: "Allow", Action: "rds-db:connect", Resource: "arn:aws:rds-db:eu-central-1:123456789012:dbuser:db-ABCDEFGHIJKL/sparki_app" }],
    });
    const two = databaseConnectPolicy({ accountId: "123456789012", region: "eu-central-1", dbResourceIds: ["prx-0a", "db-B"], username: "sparki_app" }) as { Statement: { Resource: unknown }[] };
    expect(two.Statement[0].Resource).toEqual(["arn:aws:rds-db:eu-central-1:123456789012:dbuser:prx-0a/sparki_app", "arn:aws:rds-db:eu-central-1:123456789012:dbuser:db-B/sparki_app"]);
    expect(() => databaseConnectPolicy({ accountId: "123456789012", region: "eu-central-1", dbResourceIds: [], username: "sparki_app" })).toThrow(/at least one/);
  });

  it("reads a proxy's prx- resource ID from its ARN and refuses anything else", () => {
    expect(proxyResourceId("arn:aws:rds:eu-west-1:123456789012:db-proxy:prx-0123456789abcdef0")).toBe("prx-0123456789abcdef0");
    expect(() => proxyResourceId("arn:aws:rds:eu-west-1:123456789012:db:sparki-dev-postgres")).toThrow(/not an RDS Proxy ARN/);
  });
});

const validArgs: PostgresDatabaseArgs = {
  ...input, accountId: "123456789012", region: "eu-west-1", vpcId: "vpc-1", subnetIds: ["subnet-1", "subnet-2"],
  kmsKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/k", eventTopicArns: { warning: "w", critical: "c" },
  secretsManager: { endpointSecurityGroupId: "sg-0123456789abcdef0" },
  alarms: { environment: "test", topicArns: { warning: "w", critical: "c" } },
};

describe("the component refuses bad arguments before registering anything", () => {
  it("throws a clear error and registers no resource", async () => {
    const registered: string[] = [];
    const args: PostgresDatabaseArgs = {
      ...input, accountId: "123456789012", region: "eu-west-1", instanceClass: "db.x9.large", vpcId: "vpc-1", subnetIds: ["subnet-1", "subnet-2"],
      kmsKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/k", eventTopicArns: { warning: "w", critical: "c" },
      secretsManager: { endpointSecurityGroupId: "sg-0123456789abcdef0" },
      alarms: { environment: "test", topicArns: { warning: "w", critical: "c" } },
    };
    const attempt = runProgram({ stack: "dev", program: () => ({ db: new RelationalDatabase("sparki-test-postgres", args) }), observe: (r) => registered.push(r.type) });
    await expect(attempt).rejects.toThrow("Postgres sparki-test-postgres: instanceClass must be a class of a supported family (db.t4g, db.m6g, db.m7g, db.r6g, db.r7g), such as db.r7g.large, got db.x9.large");
    expect(registered.filter((t) => t !== "pulumi:pulumi:Stack")).toEqual([]);
  });

  it.each([
    ["a public client", { clients: { cidrBlocks: ["0.0.0.0/0"] } },
      "Postgres sparki-test-postgres: clients.cidrBlocks[0] must be a private IPv4 CIDR block (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 100.64.0.0/10) from /8 to /32, such as 10.40.0.0/16, got 0.0.0.0/0"],
    ["a log retention CloudWatch refuses", { logRetentionDays: 45 },
      "Postgres sparki-test-postgres: logRetentionDays must be a CloudWatch Logs retention (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653 days), got 45"],
    ["overlapping windows", { backupWindow: "03:00-04:00" },
      "Postgres sparki-test-postgres: maintenanceWindow must not overlap the daily backup window 03:00-04:00, got sun:03:30-sun:04:30"],
    ["no route to Secrets Manager", { secretsManager: { cidrBlocks: [] } },
      "Postgres sparki-test-postgres: secretsManager.cidrBlocks must list at least one block (the admin secret's rotation calls Secrets Manager)"],
  ] as const)("refuses %s before registering anything", async (_case, change, message) => {
    const registered: string[] = [];
    const args: PostgresDatabaseArgs = { ...validArgs, ...change };
    const attempt = runProgram({ stack: "dev", program: () => ({ db: new RelationalDatabase("sparki-test-postgres", args) }), observe: (r) => registered.push(r.type) });
    await expect(attempt).rejects.toThrow(message);
    expect(registered.filter((t) => t !== "pulumi:pulumi:Stack")).toEqual([]);
  });
});
