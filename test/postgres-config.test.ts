import { describe, expect, it } from "vitest";
import { ConfigError } from "../stacks/config/errors";
import { runWith } from "./harness";

const KEY = "sparki-storage:postgres";

/** The stack file's postgres section with some fields changed. */
const dev = { engineVersion: "17", instanceClass: "db.t4g.micro", replicas: 0 };
const prod = { engineVersion: "17", instanceClass: "db.r7g.large", replicas: 2, allocatedStorageGiB: 200, maxAllocatedStorageGiB: 2000, backupRetentionDays: 14 };
const existingVpc = { vpcId: "vpc-0123456789abcdef0", privateSubnetIds: ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"] };

describe("postgres config errors name the key, the value and what is allowed; nothing is registered", () => {
  it.each([
    ["replicas below range", "dev", { [KEY]: { ...dev, replicas: -1 } },
      "sparki-storage:postgres.replicas must be an integer 0..5, got -1"],
    ["replicas above range", "prod", { [KEY]: { ...prod, replicas: 6 } },
      "sparki-storage:postgres.replicas must be an integer 0..5, got 6"],
    ["more replicas than zones apart from the primary's (prod, 3 zones)", "prod", { [KEY]: { ...prod, replicas: 3 } },
      "sparki-storage:postgres.replicas must be at most 2: each replica needs its own availability zone apart from the primary's, and there are 3 (network.availabilityZones), got 3"],
    ["two replicas in a two-zone dev stack", "dev", { [KEY]: { ...dev, replicas: 2 } },
      "sparki-storage:postgres.replicas must be at most 1: each replica needs its own availability zone apart from the primary's, and there are 2 (network.availabilityZones), got 2"],
    ["unknown instance class family", "prod", { [KEY]: { ...prod, instanceClass: "db.x2g.large" } },
      'sparki-storage:postgres.instanceClass must be a class of a supported family (db.t4g, db.m6g, db.m7g, db.r6g, db.r7g), such as db.r7g.large, got "db.x2g.large"'],
    ["unknown size of a known family", "prod", { [KEY]: { ...prod, instanceClass: "db.r7g.medium" } },
      'sparki-storage:postgres.instanceClass must be a db.r7g size (db.r7g.large, db.r7g.xlarge, db.r7g.2xlarge, db.r7g.4xlarge, db.r7g.8xlarge, db.r7g.12xlarge, db.r7g.16xlarge), got "db.r7g.medium"'],
    ["unknown replica class family", "prod", { [KEY]: { ...prod, replicaInstanceClass: "db.m5.large" } },
      'sparki-storage:postgres.replicaInstanceClass must be a class of a supported family (db.t4g, db.m6g, db.m7g, db.r6g, db.r7g), such as db.r7g.large, got "db.m5.large"'],
    ["not an instance class at all", "dev", { [KEY]: { ...dev, instanceClass: "large" } },
      'sparki-storage:postgres.instanceClass must be an RDS instance class such as db.r7g.large, got "large"'],
    ["backup retention 0 in prod", "prod", { [KEY]: { ...prod, backupRetentionDays: 0 } },
      'sparki-storage:postgres.backupRetentionDays must be at least 14 (days) for profile "prod", got 0'],
    ["backup retention 0 in dev (replicas and point-in-time recovery need backups)", "dev", { [KEY]: { ...dev, backupRetentionDays: 0 } },
      'sparki-storage:postgres.backupRetentionDays must be at least 1 (days) for profile "dev", got 0'],
    ["storage below the engine minimum", "dev", { [KEY]: { ...dev, allocatedStorageGiB: 10 } },
      "sparki-storage:postgres.allocatedStorageGiB must be an integer 20..65536 (GiB; 20 is the RDS for PostgreSQL minimum), got 10"],
    // RDS User Guide, "Managing capacity automatically with Amazon RDS storage autoscaling": at least 10 % above (200 GiB: 220).
    ["autoscaling ceiling below allocated storage", "prod", { [KEY]: { ...prod, allocatedStorageGiB: 150, maxAllocatedStorageGiB: 140 } },
      "sparki-storage:postgres.maxAllocatedStorageGiB must be at least 165, 10 % above allocatedStorageGiB (150): it is the ceiling storage autoscaling grows the volume to, and RDS refuses a smaller margin, got 140"],
    ["autoscaling ceiling less than 10 % above allocated storage", "prod", { [KEY]: { ...prod, allocatedStorageGiB: 150, maxAllocatedStorageGiB: 164 } },
      "sparki-storage:postgres.maxAllocatedStorageGiB must be at least 165, 10 % above allocatedStorageGiB (150): it is the ceiling storage autoscaling grows the volume to, and RDS refuses a smaller margin, got 164"],
    ["autoscaling ceiling at the profile's allocated storage", "dev", { [KEY]: { ...dev, maxAllocatedStorageGiB: 20 } },
      "sparki-storage:postgres.maxAllocatedStorageGiB must be at least 22, 10 % above allocatedStorageGiB (20): it is the ceiling storage autoscaling grows the volume to, and RDS refuses a smaller margin, got 20"],
    ["autoscaling ceiling 1 GiB short of 10 % above the profile's allocated storage", "dev", { [KEY]: { ...dev, maxAllocatedStorageGiB: 21 } },
      "sparki-storage:postgres.maxAllocatedStorageGiB must be at least 22, 10 % above allocatedStorageGiB (20): it is the ceiling storage autoscaling grows the volume to, and RDS refuses a smaller margin, got 21"],
    ["engine major not offered", "dev", { [KEY]: { ...dev, engineVersion: "16.4" } },
      'sparki-storage:postgres.engineVersion must be a PostgreSQL 17 or 18 version as a quoted string, such as "17" or "17.6", got "16.4"'],
    ["unquoted engine version", "dev", { [KEY]: { ...dev, engineVersion: 18 } },
      'sparki-storage:postgres.engineVersion must be a PostgreSQL 17 or 18 version as a quoted string, such as "17" or "17.6", got 18'],
    // Engine rule: RDS Proxy, the only way applications reach the primary, is documented for 17, not (yet) for 18.
    ["a major RDS Proxy is not documented to support", "prod", { [KEY]: { ...prod, engineVersion: "18" } },
      'sparki-storage:postgres.engineVersion 18: RDS Proxy support for RDS for PostgreSQL 18 is not documented (checked 2026-11-29; documented: 17); use 17, or add 18 to pooling.documentedMajors of the postgres engine profile (components/rds/engines) with its source once AWS documents it, got "18"'],
    ["admin called postgres", "dev", { [KEY]: { ...dev, adminUsername: "postgres" } },
      'sparki-storage:postgres.adminUsername must not be postgres or another reserved name (rdsadmin, admin, root, rds_*, pg_*), got "postgres"'],
    ["a public client CIDR", "dev", { [KEY]: { ...dev, allowedCidrBlocks: ["0.0.0.0/0"] } },
      'sparki-storage:postgres.allowedCidrBlocks.0 must be a private IPv4 CIDR block (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 100.64.0.0/10) from /8 to /32, such as 10.40.0.0/16, got "0.0.0.0/0"'],
    ["a client CIDR with host bits", "dev", { [KEY]: { ...dev, allowedCidrBlocks: ["10.60.0.0/16", "10.60.1.0/16"] } },
      'sparki-storage:postgres.allowedCidrBlocks.1 must be a network address without host bits, such as 10.60.0.0/16, got "10.60.1.0/16"'],
    ["a client CIDR just outside 172.16.0.0/12", "dev", { [KEY]: { ...dev, allowedCidrBlocks: ["172.32.0.0/16"] } },
      'sparki-storage:postgres.allowedCidrBlocks.0 must be a private IPv4 CIDR block (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 100.64.0.0/10) from /8 to /32, such as 10.40.0.0/16, got "172.32.0.0/16"'],
    ["max_connections below the pool plus its reserve", "dev", { [KEY]: { ...dev, parameters: { maxConnections: 100 } } },
      "sparki-storage:postgres.parameters.maxConnections must be an integer 110..5000 (the 100-connection proxy pool plus 10 reserved fit under it), got 100"],
    ["a vacuum scale factor above 1", "dev", { [KEY]: { ...dev, parameters: { autovacuumVacuumScaleFactor: 2 } } },
      "sparki-storage:postgres.parameters.autovacuumVacuumScaleFactor must be a number 0..1 (share of a table's rows), got 2"],
    ["an unknown pg_stat_statements.track value", "dev", { [KEY]: { ...dev, parameters: { statementsTrack: "everything" } } },
      'sparki-storage:postgres.parameters.statementsTrack must be one of "top", "all", "none", got "everything"'],
    ["a misspelt key", "dev", { [KEY]: { ...dev, replica: 1 } },
      'sparki-storage:postgres.replica is not a known key (did you mean "replicas"?) (allowed: enabled, engineVersion, instanceClass, replicaInstanceClass, replicas, allocatedStorageGiB, maxAllocatedStorageGiB, backupRetentionDays, databaseName, adminUsername, allowedSecurityGroupIds, adminSecurityGroupIds, allowedCidrBlocks, parameters, audit)'],
    ["an admin group that is no security group ID", "dev", { [KEY]: { ...dev, adminSecurityGroupIds: ["bastion"] } },
      'sparki-storage:postgres.adminSecurityGroupIds.0 must be a security group ID such as sg-0abc12345678def90, got "bastion"'],
    ["an existing VPC without named clients", "dev", { "sparki-storage:network": existingVpc, [KEY]: dev },
      "sparki-storage:postgres.allowedCidrBlocks or postgres.allowedSecurityGroupIds must name the database's clients when network.vpcId is an existing VPC (nothing could reach it), got nothing"],
  ])("%s", async (_case, stack, overrides, expected) => {
    const registered: string[] = [];
    const failure = await runWith(stack, overrides, (r) => registered.push(r.type)).then(() => undefined, (e: unknown) => e);
    expect(failure).toBeInstanceOf(ConfigError);
    expect((failure as ConfigError).problems).toContain(expected);
    expect(registered.filter((t) => t !== "pulumi:pulumi:Stack")).toEqual([]);
  });

  it("turns PostgreSQL off entirely with enabled: false (no rule applies, nothing registered for it)", async () => {
    const run = await runWith("dev", { [KEY]: { enabled: false, replicas: 9 } }).catch((e: unknown) => e);
    // replicas: 9 is still out of the schema's range: the schema checks every key even when off.
    expect((run as ConfigError).problems).toEqual(["sparki-storage:postgres.replicas must be an integer 0..5, got 9"]);
    const off = await runWith("dev", { [KEY]: { enabled: false, maxAllocatedStorageGiB: 20 } });
    expect(off.resources.filter((r) => r.name.includes("-postgres"))).toEqual([]);
    expect(off.outputs.postgres).toBeUndefined();
  });
});
