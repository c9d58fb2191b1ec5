import { describe, expect, it } from "vitest";
import { CloudflareKvStore } from "../components/cloudflarekv";
import { stackConfig } from "../scripts/offline/stack-files";
import { cloudflareKvAdapter } from "../stacks/adapters/cloudflarekv";
import { ConfigError } from "../stacks/config/errors";
import { loadConfig } from "../stacks/config/load";
import { adapterSettings } from "../stacks/project";
import { type RdsExample, refused, sectionOf, stackDirOf } from "./rds-example";

/**
 * Bad `sparki-storage:cloudflarekv` sections on top of the example stacks that turn the namespace on
 * (examples/cloudflarekv): each is refused before anything is registered, with one line naming the key, the value and
 * what is allowed.
 */

const KEY = "sparki-storage:cloudflarekv";
// test/rds-example.ts's helpers run any example folder; its type names only the RDS ones.
const DEV = { folder: "cloudflarekv", stack: "cloudflarekv-dev", profile: "dev" } as unknown as RdsExample;
const PROD = { folder: "cloudflarekv", stack: "cloudflarekv-prod", profile: "prod" } as unknown as RdsExample;
const DEV_SECTION = sectionOf(DEV, KEY);
const PROD_SECTION = sectionOf(PROD, KEY);
const sectionFor = (ex: RdsExample) => (ex === DEV ? DEV_SECTION : PROD_SECTION);
const without = (section: Record<string, unknown>, key: string) => Object.fromEntries(Object.entries(section).filter(([k]) => k !== key));

const ALLOWED = "(allowed: enabled, accountId, namespaceTitle, jurisdiction, tokenIssuedOn, tokenValidDays, tokenClientCidrs, secretRecoveryWindowDays)";
const PUBLIC = "must be a public IPv4 CIDR block /16../32 (the application's NAT egress addresses, e.g. 203.0.113.10/32)";

describe("cloudflarekv config errors name the key, the value and what is allowed; nothing is registered", () => {
  it.each<[string, RdsExample, Record<string, unknown>, string]>([
    ["an account ID in capitals", DEV, { accountId: "0A1B2C3D4E5F60718293A4B5C6D7E8F9" },
      'accountId must be a Cloudflare account ID (32 lowercase hexadecimal digits), got "0A1B2C3D4E5F60718293A4B5C6D7E8F9"'],
    ["an AWS account ID for the Cloudflare one", PROD, { accountId: "555555555555" }, 'accountId must be a Cloudflare account ID (32 lowercase hexadecimal digits), got "555555555555"'],
    ["an empty namespace title", DEV, { namespaceTitle: "" }, 'namespaceTitle must be 1-512 characters (Workers KV namespace title), got ""'],
    ["a namespace title too long for the token's name", DEV, { namespaceTitle: "n".repeat(110) },
      `namespaceTitle must be at most 103 characters: the token is named <namespaceTitle>-token-<tokenIssuedOn> and Cloudflare token names are at most 120, got "${"n".repeat(110)}"`],
    ["an unknown jurisdiction", PROD, { jurisdiction: "de" }, 'jurisdiction must be one of "eu", "fedramp", "us", got "de"'],
    ["an issue day with a time", DEV, { tokenIssuedOn: "2026-11-29T10:00:00Z" }, 'tokenIssuedOn must be a date YYYY-MM-DD, got "2026-11-29T10:00:00Z"'],
    ["an issue day that is no calendar date", DEV, { tokenIssuedOn: "2026-02-30" }, 'tokenIssuedOn must be a calendar date YYYY-MM-DD (the token\'s first valid day, UTC), got "2026-02-30"'],
    ["a token valid for no day", DEV, { tokenValidDays: 0 }, "tokenValidDays must be an integer 1..365, got 0"],
    ["a token valid for more than a year", DEV, { tokenValidDays: 366 }, "tokenValidDays must be an integer 1..365, got 366"],
    ["a prod token valid half a year", PROD, { tokenValidDays: 180 },
      'tokenValidDays must be at most 90 (days) for profile "prod" (the token\'s lifetime is its rotation period), got 180'],
    ["a token usable from anywhere", PROD, { tokenClientCidrs: ["0.0.0.0/0"] }, `tokenClientCidrs.0 ${PUBLIC}, got "0.0.0.0/0"`],
    ["a private client range (Cloudflare sees public addresses)", DEV, { tokenClientCidrs: ["10.87.0.0/16"] },
      `tokenClientCidrs.0 ${PUBLIC}; 10.87.0.0/16 is in the non-public range 10.0.0.0/8, got "10.87.0.0/16"`],
    ["a client range with host bits", DEV, { tokenClientCidrs: ["203.0.113.10/24"] }, `tokenClientCidrs.0 ${PUBLIC}; 203.0.113.10/24 has host bits set, got "203.0.113.10/24"`],
    ["a client range wider than /16", DEV, { tokenClientCidrs: ["203.0.0.0/8"] }, `tokenClientCidrs.0 ${PUBLIC}, got "203.0.0.0/8"`],
    ["no client range at all", PROD, { tokenClientCidrs: [] },
      "tokenClientCidrs must list 1..20 public IPv4 CIDR blocks the application calls Cloudflare from (a token usable from anywhere is refused), got []"],
    ["a client range listed twice", DEV, { tokenClientCidrs: ["203.0.113.10/32", "203.0.113.10/32"] }, 'tokenClientCidrs must not list a block twice, got ["203.0.113.10/32","203.0.113.10/32"]'],
    ["a secret recovery window Secrets Manager refuses", DEV, { secretRecoveryWindowDays: 3 }, "secretRecoveryWindowDays must be an integer 7..30, got 3"],
    ["enabled as a word", DEV, { enabled: "yes" }, 'enabled must be true or false, got "yes"'],
    ["the deploy token in config", DEV, { apiToken: "abc" }, `apiToken is not a known key ${ALLOWED}`],
    ["a misspelt key", PROD, { tokenValidDay: 30 }, `tokenValidDay is not a known key (did you mean "tokenValidDays"?) ${ALLOWED}`],
  ])("%s", async (_case, ex, change, expected) => {
    const { problems, registered } = await refused(ex, KEY, { ...sectionFor(ex), ...change });
    expect(problems).toEqual([`${KEY}.${expected}`]);
    expect(registered).toEqual([]);
  });

  it.each(["accountId", "tokenIssuedOn", "tokenClientCidrs"])("refuses an enabled section without %s, once", async (key) => {
    const { problems, registered } = await refused(DEV, KEY, without(DEV_SECTION, key));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^${KEY}\\.${key} is required when cloudflarekv is enabled: `));
    expect(registered).toEqual([]);
  });
});

describe("Cloudflare KV turned off", () => {
  const load = (stack: string, dir: string | undefined, section: Record<string, unknown>) => () => loadConfig(stack, stackConfig(stack, { [KEY]: section }, dir));

  it("is off in the root dev and prod stacks, so its required keys and rules do not apply there", () => {
    expect(load("dev", undefined, {})).not.toThrow();
    expect(load("prod", undefined, { tokenValidDays: 365 })).not.toThrow();
    expect(load("prod", undefined, { enabled: true })).toThrow(ConfigError);
  });

  it("still has its keys validated by the schema when disabled", () => {
    expect(load(PROD.stack, stackDirOf(PROD), { ...PROD_SECTION, enabled: false, tokenValidDays: 180 })).not.toThrow();
    expect(load(PROD.stack, stackDirOf(PROD), { ...PROD_SECTION, enabled: false, jurisdiction: "de" })).toThrow(`${KEY}.jurisdiction must be one of`);
  });
});

describe("cloudflarekv settings: config over the tier", () => {
  const settingsOf = (ex: RdsExample, section?: Record<string, unknown>) =>
    adapterSettings(cloudflareKvAdapter, loadConfig(ex.stack, stackConfig(ex.stack, section === undefined ? {} : { [KEY]: section }, stackDirOf(ex))));

  it("takes the token lifetime and the secret's recovery window from the tier", () => {
    const common = { enabled: true, accountId: "0a1b2c3d4e5f60718293a4b5c6d7e8f9", tokenIssuedOn: "2026-11-29" };
    expect(settingsOf(DEV)).toEqual({
      ...common, namespaceTitle: "sparki-cloudflarekv-dev-fiber-storage", tokenValidDays: 365, maxTokenValidDays: 365, tokenClientCidrs: ["203.0.113.10/32"], secretRecoveryWindowDays: 7,
    });
    expect(settingsOf(PROD)).toEqual({
      ...common, namespaceTitle: "sparki-cloudflarekv-prod-fiber-storage", jurisdiction: "eu", tokenValidDays: 90, maxTokenValidDays: 90,
      tokenClientCidrs: ["203.0.113.10/32", "203.0.113.11/32", "203.0.113.12/32"], secretRecoveryWindowDays: 30,
    });
  });
});

describe("the component refuses bad arguments itself, before registering anything", () => {
  it("names every bad field with its value", () => {
    expect(() => new CloudflareKvStore("kv", {
      accountId: "fiber", namespaceTitle: "t", tokenIssuedOn: "2026-11-29", tokenClientCidrs: ["192.168.1.0/24"],
      kmsKeyArn: "arn:aws:kms:eu-west-1:555555555555:key/k", region: "eu-west-1",
      alarms: { environment: "x", topicArns: { warning: "w", critical: "c" } },
      provider: undefined as never,
    })).toThrow('CloudflareKvStore kv: accountId must be a Cloudflare account ID (32 lowercase hexadecimal digits), got "fiber"; tokenClientCidrs.0 must be a public IPv4 CIDR block /16../32 (the application\'s NAT egress addresses, e.g. 203.0.113.10/32); 192.168.1.0/24 is in the non-public range 192.168.0.0/16, got "192.168.1.0/24"');
  });
});
