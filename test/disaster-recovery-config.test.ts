import { describe, expect, it } from "vitest";
import {
  DISASTER_RECOVERY_DEFAULTS, type DisasterRecoveryArgs, disasterRecoveryProblems, resolveDisasterRecoveryArgs,
} from "../components/disaster-recovery/args";
import { RDS_REPLICATED_BACKUPS_PER_REGION, recoveryRegionProblem, regionCode } from "../components/disaster-recovery/facts";
import { AWS_REGIONS } from "../stacks/config/regions";
import type { RecoveryDatabaseSource } from "../components/disaster-recovery/sources";
import { ConfigError } from "../stacks/config/errors";
import { disasterRecoverySettings } from "../stacks/config/disaster-recovery";
import { runWith } from "./harness";

/** Every config error of `sparki-storage:disasterRecovery`, refused before anything is registered, with its exact line. */
async function refusal(stack: string, overrides: Record<string, unknown>) {
  const registered: string[] = [];
  const failure = await runWith(stack, overrides, (r) => registered.push(r.type)).then(() => undefined, (e: unknown) => e);
  expect(failure).toBeInstanceOf(ConfigError);
  return { problems: (failure as ConfigError).problems, registered: registered.filter((t) => t !== "pulumi:pulumi:Stack") };
}

const KEY = "sparki-storage:disasterRecovery";

describe("disasterRecovery config: refused with one line naming key, value and what is allowed", () => {
  it.each([
    ["the stack's own Region", "prod", { region: "eu-west-1" },
      `${KEY}.region must differ from aws:region (eu-west-1): a copy in the same Region does not survive the loss of that Region, got "eu-west-1"`],
    ["a Region of another partition", "prod", { region: "cn-north-1" },
      `${KEY}.region must be in the partition of aws:region eu-west-1 (aws), not aws-cn: S3 replication and RDS backup replication never cross partitions (separate accounts and credentials), got "cn-north-1"`],
    ["an unknown Region", "dev", { region: "eu-central-9" },
      `${KEY}.region must be an AWS region (eu-central-*: eu-central-1, eu-central-2), got "eu-central-9"`],
    ["replicated backups kept longer than RDS allows", "prod", { region: "eu-central-1", backupRetentionDays: 36 },
      `${KEY}.backupRetentionDays must be an integer 1..35, got 36`],
    ["RTC as a string", "prod", { region: "eu-central-1", replicationTimeControl: "yes" },
      `${KEY}.replicationTimeControl must be true or false, got "yes"`],
    ["an unknown key", "prod", { regoin: "eu-central-1" },
      `${KEY}.regoin is not a known key (did you mean "region"?) (allowed: region, replicationTimeControl, backupRetentionDays)`],
  ])("%s", async (_what, stack, section, line) => {
    const { problems, registered } = await refusal(stack, { [KEY]: section });
    expect(problems).toEqual([line]);
    expect(registered).toEqual([]);
  });

  it("refuses a bucket prefix that makes a replica name longer than S3's 63 characters, naming the prefix to shorten", async () => {
    const bucketPrefix = "sparki-prod-222222222222-a-long-prefix-xxxxx";
    const { problems } = await refusal("prod", { [KEY]: { region: "ap-southeast-2" }, "sparki-storage:objectStore": { bucketPrefix } });
    // One line per key: the first name S3 would refuse (the loader reports one mistake once).
    expect(problems).toEqual([
      `${KEY}.region makes a replica bucket name S3 refuses: "${bucketPrefix}-audit-archive-apse2" has 64 characters; S3 bucket names have 3..63 (replicas are named <bucket>-<region code>, e.g. -euc1; shorten objectStore.bucketPrefix), got "ap-southeast-2"`,
    ]);
  });

  it("codes every Region the stack accepts uniquely, in at most 6 characters", () => {
    const codes = AWS_REGIONS.map(regionCode);
    expect(new Set(codes).size).toBe(AWS_REGIONS.length);
    expect(Math.max(...codes.map((c) => c.length))).toBeLessThanOrEqual(6);
    expect([regionCode("eu-central-1"), regionCode("ap-southeast-2"), regionCode("us-gov-west-1"), regionCode("cn-northwest-1")]).toEqual(["euc1", "apse2", "usgw1", "cnnw1"]);
  });

  it("is off without a region, and RTC is on unless set to false", () => {
    expect(disasterRecoverySettings({})).toBeUndefined();
    expect(disasterRecoverySettings({ region: "eu-central-1" })).toEqual({ region: "eu-central-1", replicationTimeControl: true });
    expect(disasterRecoverySettings({ region: "eu-central-1", replicationTimeControl: false, backupRetentionDays: 7 }))
      .toEqual({ region: "eu-central-1", replicationTimeControl: false, backupRetentionDays: 7 });
    expect(DISASTER_RECOVERY_DEFAULTS.replicationTimeControl).toBe(true);
  });
});

describe("DisasterRecovery arguments: what AWS would refuse, before anything is registered", () => {
  const base: DisasterRecoveryArgs = {
    accountId: "222222222222", region: "eu-west-1", recoveryRegion: "eu-central-1", baseName: "sparki-prod", bucketPrefix: "sparki-prod-222222222222",
    sourceKmsKeyArn: "arn:aws:kms:eu-west-1:222222222222:key/k", accessLogLifecycle: { expirationDays: 30, noncurrentExpirationDays: 7 },
    alarms: { environment: "prod", topicArns: { warning: "w", critical: "c" }, evaluation: {} },
  };
  const db = (identifier: string, engine = "postgres", backupRetentionDays = 7): RecoveryDatabaseSource =>
    ({ identifier, engine, arn: `arn:aws:rds:eu-west-1:222222222222:db:${identifier}`, backupRetentionDays, resource: undefined as never });
  const problems = (args: Partial<DisasterRecoveryArgs>) => disasterRecoveryProblems(resolveDisasterRecoveryArgs({ ...base, ...args }));

  it("accepts prod's shape", () => expect(problems({ databases: [db("sparki-prod-postgres", "postgres", 14)] })).toEqual([]));

  it("refuses the same Region, an unversioned source, an engine RDS does not replicate, an instance without backups, too long a retention", () => {
    expect(problems({ recoveryRegion: "eu-west-1" })).toEqual(["recoveryRegion eu-west-1 must differ from aws:region (eu-west-1): a copy in the same Region does not survive the loss of that Region"]);
    expect(problems({ buckets: [{ dataClass: "configBackups", name: "b-config-backups", arn: "arn:aws:s3:::b-config-backups", lifecycle: { expirationDays: 30, noncurrentExpirationDays: 7 }, versioned: false, resource: undefined as never }] }))
      .toEqual(["bucket b-config-backups is not versioned: S3 replicates only from a versioned bucket"]);
    expect(problems({ databases: [db("a", "aurora-postgresql")] })).toEqual(["database a: RDS does not replicate automated backups of engine aurora-postgresql"]);
    expect(problems({ databases: [db("a", "mysql", 0)] })).toEqual(["database a keeps no automated backups (backup retention 0): there is nothing to replicate"]);
    expect(problems({ backupRetentionDays: 36 })).toEqual(["backupRetentionDays must be an integer 1..35, got 36"]);
  });

  it(`refuses more than ${RDS_REPLICATED_BACKUPS_PER_REGION} replicated instances (RDS's quota per destination Region and account)`, () => {
    // 20: RDS User Guide, "Replicating automated backups to another AWS Region" (checked 2026-11-29).
    expect(RDS_REPLICATED_BACKUPS_PER_REGION).toBe(20);
    expect(problems({ databases: Array.from({ length: 21 }, (_, i) => db(`db${i}`)) }))
      .toEqual(["21 databases exceed the 20 replicated automated backups RDS allows per destination Region and account"]);
  });

  it("names the Region rules' two refusals", () => {
    expect(recoveryRegionProblem("eu-west-1", "eu-central-1")).toBeUndefined();
    expect(recoveryRegionProblem("us-gov-west-1", "us-gov-east-1")).toBeUndefined();
    expect(recoveryRegionProblem("us-gov-west-1", "us-east-1")).toMatch(/^must be in the partition of aws:region us-gov-west-1 \(aws-us-gov\), not aws:/);
  });
});
