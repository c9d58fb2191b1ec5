import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runProgram } from "../scripts/offline/run-program";
import { REPO_ROOT, stackConfig } from "../scripts/offline/stack-files";
import { cassandraAdapter } from "../stacks/adapters/cassandra";
import { ConfigError } from "../stacks/config/errors";
import { loadConfig } from "../stacks/config/load";
import { adapterSettings } from "../stacks/project";

/**
 * Bad `sparki-storage:cassandra` sections on top of the example stacks that turn Keyspaces on (examples/cassandra):
 * each is refused before anything is registered, with one line naming the key, the value and what is allowed.
 */

const KEY = "sparki-storage:cassandra";
const DIR = join(REPO_ROOT, "examples", "cassandra");
const DEV = "cassandra-dev";
const PROD = "cassandra-prod";
type Section = Record<string, unknown>;
const sectionOf = (stack: string) => JSON.parse(stackConfig(stack, {}, DIR)[KEY]) as Section;

async function refused(stack: string, section: Section) {
  const registered: string[] = [];
  const failure = await runProgram({ stack, stackDir: DIR, overrides: { [KEY]: section }, observe: (r) => registered.push(r.type) }).then(() => undefined, (e: unknown) => e);
  expect(failure, JSON.stringify(section)).toBeInstanceOf(ConfigError);
  return { problems: (failure as ConfigError).problems, registered: registered.filter((t) => t !== "pulumi:pulumi:Stack") };
}

// Keyspaces API Reference, CreateKeyspace/CreateTable: [a-zA-Z0-9][a-zA-Z0-9_]{0,47}; lowercase for the adapter's unquoted CQL.
const NAME = "must be 1-48 lowercase letters, digits or underscores starting with a letter or digit (Keyspaces API Reference, CreateKeyspace/CreateTable name pattern [a-zA-Z0-9][a-zA-Z0-9_]{0,47}; lowercase because the Fiber adapter writes it unquoted into CQL, which folds it to lowercase)";
const SHAPE = "must be a Keyspaces name of letters, digits and '_' such as kv_store";
const TTL = "must be an integer 0..630720000";
const ALLOWED = "(allowed: enabled, keyspaceName, tableName, defaultTtlSeconds, pointInTimeRecovery)";

describe("cassandra config errors name the key, the value and what is allowed; nothing is registered", () => {
  it.each<[string, string, Section, string]>([
    // CQL folds unquoted identifiers to lowercase: the adapter would look for "gofiber" and never find "Gofiber".
    ["an upper-case keyspace", DEV, { keyspaceName: "Gofiber" }, `keyspaceName ${NAME}, got "Gofiber"`],
    ["an upper-case table", PROD, { tableName: "KvStore" }, `tableName ${NAME}, got "KvStore"`],
    ["a 49-character keyspace (Keyspaces allows 48)", DEV, { keyspaceName: "k".repeat(49) }, `keyspaceName ${NAME}, got "${"k".repeat(49)}"`],
    ["a table name starting with an underscore", DEV, { tableName: "_kv" }, `tableName ${NAME}, got "_kv"`],
    ["a hyphen (Keyspaces and the adapter refuse it)", DEV, { keyspaceName: "go-fiber" }, `keyspaceName ${SHAPE}, got "go-fiber"`],
    ["a dot (the adapter's validateIdentifier refuses it)", DEV, { tableName: "kv.store" }, `tableName ${SHAPE}, got "kv.store"`],
    ["a keyspace named like Keyspaces' own", PROD, { keyspaceName: "system_kv" },
      'keyspaceName must not start with "system" (Keyspaces\' own keyspaces do, and the application\'s read-only grant on /keyspace/system* would cover it), got "system_kv"'],
    ["a negative default TTL", DEV, { defaultTtlSeconds: -1 }, `defaultTtlSeconds ${TTL}, got -1`],
    ["a default TTL beyond 20 years", PROD, { defaultTtlSeconds: 630_720_001 }, `defaultTtlSeconds ${TTL}, got 630720001`],
    ["a fractional default TTL", DEV, { defaultTtlSeconds: 1.5 }, `defaultTtlSeconds ${TTL}, got 1.5`],
    ["point-in-time recovery off in prod", PROD, { pointInTimeRecovery: false },
      'pointInTimeRecovery must be true for profile "prod" (a table without point-in-time recovery cannot be restored after a bad write or delete), got false'],
    ["point-in-time recovery as a word", DEV, { pointInTimeRecovery: "on" }, 'pointInTimeRecovery must be true or false, got "on"'],
    ["enabled as a word", DEV, { enabled: "yes" }, 'enabled must be true or false, got "yes"'],
    ["a provisioned-capacity key (on-demand only)", DEV, { readCapacityUnits: 5 }, `readCapacityUnits is not a known key ${ALLOWED}`],
    ["a consistency key (the output states LOCAL_QUORUM; the application sets it)", DEV, { consistency: "QUORUM" }, `consistency is not a known key ${ALLOWED}`],
  ])("%s", async (_case, stack, change, expected) => {
    const { problems, registered } = await refused(stack, { ...sectionOf(stack), ...change });
    expect(problems).toEqual([`${KEY}.${expected}`]);
    expect(registered).toEqual([]);
  });

  it("reports each mistake of one section on its own line", async () => {
    const { problems, registered } = await refused(PROD, { ...sectionOf(PROD), keyspaceName: "Gofiber", tableName: "KV", pointInTimeRecovery: false });
    expect(problems.map((p) => p.split(" ")[0]).sort()).toEqual([`${KEY}.keyspaceName`, `${KEY}.pointInTimeRecovery`, `${KEY}.tableName`]);
    expect(registered).toEqual([]);
  });
});

describe("Keyspaces turned off", () => {
  const load = (stack: string, dir: string | undefined, section: Section) => () => loadConfig(stack, stackConfig(stack, { [KEY]: section }, dir));
  const badRules = { keyspaceName: "Gofiber", pointInTimeRecovery: false };

  it("is off in the root dev and prod stacks (opt-in), so its rules do not run there", () => {
    expect(load("prod", undefined, badRules)).not.toThrow();
    expect(load("prod", undefined, { ...badRules, enabled: true })).toThrow(ConfigError);
  });

  it("still has its keys validated by the schema when disabled", () => {
    expect(load(PROD, DIR, { ...badRules, enabled: false })).not.toThrow();
    expect(load(PROD, DIR, { enabled: false, keyspaceName: "go-fiber" })).toThrow(`${KEY}.keyspaceName ${SHAPE}`);
  });
});

describe("cassandra settings: config over the tier over the component's defaults", () => {
  const settingsOf = (stack: string, section?: Section) =>
    adapterSettings(cassandraAdapter, loadConfig(stack, stackConfig(stack, section === undefined ? {} : { [KEY]: section }, DIR)));

  // Keyspaces API Reference, CreateKeyspace: keyspace names are unique per account and Region, and both example stacks
  // deploy to 555555555555 in eu-west-1: one shared name would make the second stack's CreateKeyspace fail.
  it("names a keyspace per stack (sparki_<stack>, '-' as '_'), the adapter's table, PITR on in both tiers; prod's stack file sets a 30-day default TTL", () => {
    expect(settingsOf(DEV)).toEqual({
      enabled: true, keyspaceName: "sparki_cassandra_dev", tableName: "kv_store", defaultTtlSeconds: 0, pointInTimeRecovery: true, pointInTimeRecoveryRequired: false,
    });
    expect(settingsOf(PROD)).toEqual({
      enabled: true, keyspaceName: "sparki_cassandra_prod", tableName: "kv_store", defaultTtlSeconds: 2_592_000, pointInTimeRecovery: true, pointInTimeRecoveryRequired: true,
    });
    expect(settingsOf(DEV).keyspaceName).not.toBe(settingsOf(PROD).keyspaceName);
  });

  it("keeps a keyspace name the stack sets, in either tier", () => {
    expect(settingsOf(PROD, { ...sectionOf(PROD), keyspaceName: "gofiber" }).keyspaceName).toBe("gofiber");
    expect(settingsOf(DEV, { enabled: true, keyspaceName: "k".repeat(48) }).keyspaceName).toBe("k".repeat(48));
  });

  it("lets dev turn point-in-time recovery off and rename the keyspace and table", () => {
    expect(settingsOf(DEV, { enabled: true, pointInTimeRecovery: false, keyspaceName: "sparki_kv", tableName: "sessions" }))
      .toMatchObject({ pointInTimeRecovery: false, keyspaceName: "sparki_kv", tableName: "sessions" });
  });
});
