import { describe, expect, it } from "vitest";
import { stackConfig } from "../scripts/offline/stack-files";
import { dynamodbAdapter } from "../stacks/adapters/dynamodb";
import { ConfigError } from "../stacks/config/errors";
import { loadConfig } from "../stacks/config/load";
import { adapterSettings } from "../stacks/project";
import { type RdsExample, refused, sectionOf, stackDirOf } from "./rds-example";

/**
 * Bad `sparki-storage:dynamodb` sections on top of the example stacks that turn the table on (examples/dynamodb):
 * each is refused before anything is registered, with one line naming the key, the value and what is allowed.
 */

const KEY = "sparki-storage:dynamodb";
// test/rds-example.ts's helpers run any example folder; its type names only the RDS ones.
const DEV = { folder: "dynamodb", stack: "dynamodb-dev", profile: "dev" } as unknown as RdsExample;
const PROD = { folder: "dynamodb", stack: "dynamodb-prod", profile: "prod" } as unknown as RdsExample;
const DEV_SECTION = sectionOf(DEV, KEY);
const PROD_SECTION = sectionOf(PROD, KEY);
const sectionFor = (ex: RdsExample) => (ex === DEV ? DEV_SECTION : PROD_SECTION);

const NAME = "tableName must be 3-255 characters of a-z, A-Z, 0-9, '_', '-' and '.' (DynamoDB table naming rules)";
const ALLOWED = "(allowed: enabled, tableName, recoveryPeriodDays, ttlAttribute, maxReadRequestUnits, maxWriteRequestUnits)";
const UNITS = "must be an integer 1..40000";

describe("dynamodb config errors name the key, the value and what is allowed; nothing is registered", () => {
  it.each<[string, RdsExample, Record<string, unknown>, string]>([
    ["a two-character table name", DEV, { tableName: "ab" }, `${NAME}, got "ab"`],
    ["a table name with a space", DEV, { tableName: "fiber storage" }, `${NAME}, got "fiber storage"`],
    ["a table name with a slash", PROD, { tableName: "sparki/fiber" }, `${NAME}, got "sparki/fiber"`],
    ["a 256-character table name", DEV, { tableName: "t".repeat(256) }, `${NAME}, got "${"t".repeat(256)}"`],
    ["no point-in-time recovery at all", DEV, { recoveryPeriodDays: 0 }, "recoveryPeriodDays must be an integer 1..35, got 0"],
    ["more days than DynamoDB keeps", PROD, { recoveryPeriodDays: 36 }, "recoveryPeriodDays must be an integer 1..35, got 36"],
    ["a fractional recovery period", DEV, { recoveryPeriodDays: 7.5 }, "recoveryPeriodDays must be an integer 1..35, got 7.5"],
    ["two weeks of recovery in prod", PROD, { recoveryPeriodDays: 14 },
      'recoveryPeriodDays must be at least 35 (days) for profile "prod" (restoring to before a corruption noticed weeks later), got 14'],
    ["TTL on the adapter's key attribute", DEV, { ttlAttribute: "k" },
      'ttlAttribute must not be "k" or "v": the Fiber adapter writes its key (string) and value (binary) there, and TTL only reads a Number of epoch seconds, got "k"'],
    ["TTL on the adapter's value attribute", PROD, { ttlAttribute: "v" },
      'ttlAttribute must not be "k" or "v": the Fiber adapter writes its key (string) and value (binary) there, and TTL only reads a Number of epoch seconds, got "v"'],
    ["an empty TTL attribute", DEV, { ttlAttribute: "" }, 'ttlAttribute must be an attribute name of 1-255 characters, got ""'],
    ["a TTL attribute over 255 characters", DEV, { ttlAttribute: "e".repeat(256) }, `ttlAttribute must be an attribute name of 1-255 characters, got "${"e".repeat(256)}"`],
    ["a zero read cap", DEV, { maxReadRequestUnits: 0 }, `maxReadRequestUnits ${UNITS}, got 0`],
    ["a read cap over the per-table quota", PROD, { maxReadRequestUnits: 40_001 }, `maxReadRequestUnits ${UNITS}, got 40001`],
    ["a fractional write cap", DEV, { maxWriteRequestUnits: 2.5 }, `maxWriteRequestUnits ${UNITS}, got 2.5`],
    ["a write cap in words", DEV, { maxWriteRequestUnits: "lots" }, `maxWriteRequestUnits ${UNITS}, got "lots"`],
    ["enabled as a word", DEV, { enabled: "yes" }, 'enabled must be true or false, got "yes"'],
    ["a billing mode (always on demand)", DEV, { billingMode: "PROVISIONED" }, `billingMode is not a known key ${ALLOWED}`],
    ["a misspelt key", PROD, { tablename: "x" }, `tablename is not a known key (did you mean "tableName"?) ${ALLOWED}`],
  ])("%s", async (_case, ex, change, expected) => {
    const { problems, registered } = await refused(ex, KEY, { ...sectionFor(ex), ...change });
    expect(problems).toEqual([`${KEY}.${expected}`]);
    expect(registered).toEqual([]);
  });

  it("reports each mistake of one section on its own line", async () => {
    // Schema mistakes (a name, a cap) together; the rules run once the section's shape is right.
    const shape = await refused(PROD, KEY, { ...PROD_SECTION, tableName: "x", maxReadRequestUnits: 0 });
    expect(shape.problems.map((p) => p.split(" ")[0]).sort()).toEqual([`${KEY}.maxReadRequestUnits`, `${KEY}.tableName`]);
    expect(shape.registered).toEqual([]);
    const { problems, registered } = await refused(PROD, KEY, { ...PROD_SECTION, recoveryPeriodDays: 7, ttlAttribute: "k" });
    expect(problems.map((p) => p.split(" ")[0]).sort()).toEqual([`${KEY}.recoveryPeriodDays`, `${KEY}.ttlAttribute`]);
    expect(registered).toEqual([]);
  });
});

describe("DynamoDB turned off", () => {
  const load = (stack: string, dir: string | undefined, section: Record<string, unknown>) => () => loadConfig(stack, stackConfig(stack, { [KEY]: section }, dir));
  // Each would break a rule: a short recovery period in prod, TTL on the adapter's key.
  const badRules = { recoveryPeriodDays: 1, ttlAttribute: "k" };

  it("is off in the root dev and prod stacks (opt-in), so its rules do not run there", () => {
    expect(load("dev", undefined, badRules)).not.toThrow();
    expect(load("prod", undefined, badRules)).not.toThrow();
    expect(load("prod", undefined, { ...badRules, enabled: true })).toThrow(ConfigError);
    expect(load("dev", undefined, { ...badRules, enabled: true })).toThrow(ConfigError);
  });

  it("is not checked by the rules when disabled, but still has its keys validated by the schema", () => {
    expect(load(PROD.stack, stackDirOf(PROD), { ...PROD_SECTION, ...badRules, enabled: false })).not.toThrow();
    expect(load(PROD.stack, stackDirOf(PROD), { ...PROD_SECTION, enabled: false, tableName: "x" })).toThrow(`${KEY}.${NAME}`);
  });
});

describe("dynamodb settings: config over the tier over the component's defaults", () => {
  const settingsOf = (ex: RdsExample, section?: Record<string, unknown>) =>
    adapterSettings(dynamodbAdapter, loadConfig(ex.stack, stackConfig(ex.stack, section === undefined ? {} : { [KEY]: section }, stackDirOf(ex))));

  it("takes the recovery period and deletion protection from the tier, the write cap from the stack file", () => {
    expect(settingsOf(DEV)).toEqual({
      enabled: true, tableName: "sparki-dynamodb-dev-fiber-storage", recoveryPeriodDays: 7, minRecoveryPeriodDays: 1, deletionProtection: false, maxWriteRequestUnits: 100,
    });
    expect(settingsOf(PROD)).toEqual({
      enabled: true, tableName: "sparki-dynamodb-prod-fiber-storage", recoveryPeriodDays: 35, minRecoveryPeriodDays: 35, deletionProtection: true,
    });
  });

  it("lets config name the table, turn on TTL and cap reads; never deletion protection (the tier's)", () => {
    expect(settingsOf(DEV, { enabled: true, tableName: "fiber_storage", ttlAttribute: "expires_at", maxReadRequestUnits: 500, recoveryPeriodDays: 3 })).toEqual({
      enabled: true, tableName: "fiber_storage", recoveryPeriodDays: 3, minRecoveryPeriodDays: 1, deletionProtection: false, ttlAttribute: "expires_at", maxReadRequestUnits: 500,
    });
  });
});
