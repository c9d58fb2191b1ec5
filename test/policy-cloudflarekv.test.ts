import * as cloudflare from "@pulumi/cloudflare";
import { describe, expect, it } from "vitest";
import { ACCOUNT_TOKEN_TYPE, KV_NAMESPACE_TYPE } from "../components/cloudflarekv/rules";
import { cloudflareTokenClientRanges, cloudflareTokenExpires, cloudflareTokenLeastPrivilege, CLOUDFLAREKV_POLICIES } from "../policy/cloudflarekv";
import { cloudflareAccountToken, cloudflareKvNamespace, cloudflareKvNamespaceTitleUnique, CLOUDFLAREKV_ENGINE_RULES } from "../policy/engine-rules-cloudflarekv";
import { ENGINE_RULE_POLICIES } from "../policy/engine-rules";
import { secretsRotated } from "../policy/kms-sns-secrets-alarms";
import { POLICIES } from "../policy/policies";
import { describeResourceCases, type ResourceCase } from "./policy-cases";
import { KEY_ARN, T } from "./policy-fixtures";
import { checkStack, pulumiType, type StackInput } from "./policy-harness";

/**
 * The Cloudflare token baseline, the engine rules for Workers KV namespaces and account tokens, and the named exception
 * cloudflarekv-token-rotation. Each has the resource as components/cloudflarekv registers it in prod (passes) and
 * counterexamples with the exact message they produce. Permission group IDs are Cloudflare's published ones (Workers KV
 * Storage Read 8b47d2786a534c08a1f94ee8f9f599ef, Write f7f0eda5697f475c90846e879bab8666; "Zone Read"
 * c8fed203ed3043cba015a93ad1616f1f: https://developers.cloudflare.com/fundamentals/api/reference/permissions/, checked 2026-11-29).
 */

const NAMESPACE = pulumiType(cloudflare.WorkersKvNamespace);
const TOKEN = pulumiType(cloudflare.AccountToken);
const VERSION = T.secretVersion;
const ACCOUNT = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
const OTHER_ACCOUNT = "ffffffffffffffffffffffffffffffff";
const READ = "8b47d2786a534c08a1f94ee8f9f599ef";
const WRITE = "f7f0eda5697f475c90846e879bab8666";
const ZONE_READ = "c8fed203ed3043cba015a93ad1616f1f";

const namespace = (): Record<string, unknown> => ({ accountId: ACCOUNT, title: "sparki-prod-fiber-storage", jurisdiction: "eu" });
const policyOn = (resources: Record<string, string>, groups = [READ, WRITE]) =>
  [{ effect: "allow", permissionGroups: groups.map((id) => ({ id })), resources: JSON.stringify(resources) }];
/** The prod token as components/cloudflarekv registers it. */
const token = (): Record<string, unknown> => ({
  accountId: ACCOUNT, name: "sparki-prod-fiber-storage-token-2026-11-29",
  policies: policyOn({ [`com.cloudflare.api.account.${ACCOUNT}`]: "*" }),
  condition: { requestIp: { ins: ["203.0.113.10/32", "203.0.113.11/32"] } },
  notBefore: "2026-11-29T00:00:00Z", expiresOn: "2027-02-27T00:00:00Z",
});

const LEAST = (i: number, resources: string) =>
  `policies[${i}].resources is ${resources}: name exactly the token's own account, {"com.cloudflare.api.account.${ACCOUNT}":"*"} (never every account, a wildcard or another account).`;

const CASES: ResourceCase[] = [
  { policy: cloudflareTokenLeastPrivilege, type: TOKEN, pass: token(), failures: [
    [{ policies: policyOn({ [`com.cloudflare.api.account.${ACCOUNT}`]: "*" }, [READ, WRITE, ZONE_READ]) },
      `policies[0] grants permission groups ${ZONE_READ}: a storage/cloudflarekv token holds only Workers KV Storage Read (${READ}) and Workers KV Storage Write (${WRITE}).`],
    [{ policies: policyOn({ "com.cloudflare.api.account.*": "*" }) }, LEAST(0, '{"com.cloudflare.api.account.*":"*"}')],
    [{ policies: policyOn({ [`com.cloudflare.api.account.${OTHER_ACCOUNT}`]: "*" }) }, LEAST(0, `{"com.cloudflare.api.account.${OTHER_ACCOUNT}":"*"}`)],
    [{ policies: policyOn({ [`com.cloudflare.api.account.${ACCOUNT}`]: "*", [`com.cloudflare.api.account.${OTHER_ACCOUNT}`]: "*" }) },
      LEAST(0, JSON.stringify({ [`com.cloudflare.api.account.${ACCOUNT}`]: "*", [`com.cloudflare.api.account.${OTHER_ACCOUNT}`]: "*" }))],
  ] },
  { policy: cloudflareTokenClientRanges, type: TOKEN, pass: token(), failures: [
    [{ condition: undefined }, "condition.requestIp.ins is empty: the token works from any address on the internet; list the application's egress ranges."],
    [{ condition: { requestIp: { ins: ["203.0.113.10/32", "0.0.0.0/0"] } } }, "condition.requestIp.ins admits 0.0.0.0/0: that is every address; list the application's egress ranges."],
    [{ condition: { requestIp: { ins: ["::/0"] } } }, "condition.requestIp.ins admits ::/0: that is every address; list the application's egress ranges."],
  ] },
  { policy: cloudflareTokenExpires, type: TOKEN, pass: token(), failures: [
    [{ expiresOn: undefined }, "expiresOn is not set: the token never expires; set notBefore and expiresOn (components/cloudflarekv: tokenIssuedOn, tokenValidDays)."],
    [{ notBefore: undefined }, "notBefore is not set: the token's lifetime cannot be bounded; set it to the issue day."],
    [{ expiresOn: "2028-11-29T00:00:00Z" }, "the token is valid 731 days (2026-11-29T00:00:00Z to 2028-11-29T00:00:00Z): at most 365; rotate it by moving its issue day."],
  ] },
  // Engine rules (what Cloudflare or the provider refuses at create time).
  { policy: cloudflareKvNamespace, type: NAMESPACE, pass: namespace(), failures: [
    [{ accountId: "fiber" }, 'accountId "fiber" is no Cloudflare account ID (32 lowercase hexadecimal digits).'],
    [{ title: "" }, "title must be 1-512 characters, got 0."],
    [{ title: "t".repeat(513) }, "title must be 1-512 characters, got 513."],
    [{ jurisdiction: "de" }, 'jurisdiction "de" must be one of "eu", "fedramp", "us".'],
  ] },
  { policy: cloudflareAccountToken, type: TOKEN, pass: token(), failures: [
    [{ name: "n".repeat(121) }, "name must be 1-120 characters, got 121."],
    [{ policies: [] }, "policies is empty: a token needs at least one policy."],
    [{ policies: [{ effect: "permit", permissionGroups: [{ id: READ }], resources: "{}" }] },
      'policies[0].effect "permit" must be "allow" or "deny"; policies[0].resources must be a JSON object naming at least one resource, got {}.'],
    [{ policies: [{ effect: "allow", permissionGroups: [{ id: "Workers KV Storage Read" }], resources: JSON.stringify({ [`com.cloudflare.api.account.${ACCOUNT}`]: "*" }) }] },
      'policies[0] names permission group "Workers KV Storage Read", which is no permission group ID (32 hexadecimal digits).'],
    [{ expiresOn: "2027-02-27" }, 'expiresOn "2027-02-27" must be an RFC 3339 UTC time such as 2027-01-31T00:00:00Z.'],
    [{ expiresOn: "2026-11-28T00:00:00Z" }, "expiresOn 2026-11-28T00:00:00Z is not after notBefore 2026-11-29T00:00:00Z: the token would never be valid."],
    [{ condition: { requestIp: { ins: ["203.0.113.10"] } } }, 'condition.requestIp.ins "203.0.113.10" is no IPv4 or IPv6 CIDR block.'],
  ] },
];

describeResourceCases(CASES, T.bucket);

describe("engine-cloudflarekv-namespace-title-unique", () => {
  it("passes namespaces with their own titles, or the same title in different accounts", async () => {
    const inputs: StackInput[] = [
      { type: NAMESPACE, name: "a", props: namespace() },
      { type: NAMESPACE, name: "b", props: { ...namespace(), title: "other" } },
      { type: NAMESPACE, name: "c", props: { ...namespace(), accountId: OTHER_ACCOUNT } },
    ];
    expect((await checkStack(cloudflareKvNamespaceTitleUnique, inputs)).violations).toEqual([]);
  });

  it("fails two namespaces of one account with one title", async () => {
    const inputs: StackInput[] = [{ type: NAMESPACE, name: "a", props: namespace() }, { type: NAMESPACE, name: "b", props: namespace() }];
    expect((await checkStack(cloudflareKvNamespaceTitleUnique, inputs)).violations).toEqual([
      `namespaces a and b both have title "sparki-prod-fiber-storage" in account ${ACCOUNT}: Cloudflare refuses the second.`,
    ]);
  });
});

describe("named exception cloudflarekv-token-rotation (secretsmanager-1-rotation)", () => {
  const secret = (tags?: Record<string, string>, name = "kv-token"): StackInput => ({ type: T.secret, name, props: { kmsKeyId: KEY_ARN, ...(tags ? { tags } : {}) } });
  const EXCEPTION = { "sparki:policy-exception": "cloudflarekv-token-rotation" };
  const tagged = secret(EXCEPTION);
  /** The secret's version, written from the token's value (as components/cloudflarekv registers it). */
  const version = (secretName = "kv-token", from: readonly string[] = ["t"]): StackInput =>
    ({ type: VERSION, name: `${secretName}-version`, props: { secretString: "{}" }, dependsOnNames: [secretName, ...from] });
  const PREFIX = "secret kv-token has no rotation under the cloudflarekv-token-rotation exception, whose compensating control fails:";
  const NOT_FILLED = "the cloudflarekv-token-rotation exception covers only a secret whose version is written from a Cloudflare account token's value, and no version of this secret is.";

  it("lets the tagged secret pass without a rotation while the token expires, is IP-restricted and KV-only", async () => {
    expect((await checkStack(secretsRotated, [tagged, { type: TOKEN, name: "t", props: token() }, version()])).violations).toEqual([]);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ["a token that never expires", { expiresOn: undefined }, "token t: expiresOn is not set: the token never expires; set notBefore and expiresOn (components/cloudflarekv: tokenIssuedOn, tokenValidDays)."],
    ["a token usable from anywhere", { condition: undefined }, "token t: condition.requestIp.ins is empty: the token works from any address on the internet; list the application's egress ranges."],
  ])("reports the exception by name for %s", async (_case, change, problem) => {
    expect((await checkStack(secretsRotated, [tagged, { type: TOKEN, name: "t", props: { ...token(), ...change } }, version()])).violations).toEqual([`${PREFIX} ${problem}`]);
  });

  it("reports the tagged secret when the stack has no token it could stand for", async () => {
    expect((await checkStack(secretsRotated, [tagged])).violations).toEqual([`${PREFIX} ${NOT_FILLED}`]);
  });

  it("waives nothing for another secret carrying the tag, even beside a compliant token (its version is not the token's)", async () => {
    const other = secret(EXCEPTION, "db-password");
    const inputs = [tagged, { type: TOKEN, name: "t", props: token() }, version(), other, version("db-password", [])];
    expect((await checkStack(secretsRotated, inputs)).violations).toEqual([
      `secret db-password has no rotation under the cloudflarekv-token-rotation exception, whose compensating control fails: ${NOT_FILLED}`,
    ]);
  });

  it("judges only the token the secret is written from, not another token of the stack", async () => {
    const loose = { type: TOKEN, name: "other", props: { ...token(), condition: undefined } };
    expect((await checkStack(secretsRotated, [tagged, { type: TOKEN, name: "t", props: token() }, loose, version()])).violations).toEqual([]);
  });

  it("still reports an untagged secret without rotation, token or not", async () => {
    expect((await checkStack(secretsRotated, [secret(), { type: TOKEN, name: "t", props: token() }, version()])).violations).toEqual([
      "secret kv-token has no rotation: a leaked value would stay valid for good.",
    ]);
  });
});

describe("the pack", () => {
  it("matches the Cloudflare resources by the SDK's own type tokens (without loading the SDK itself)", () => {
    expect(ACCOUNT_TOKEN_TYPE).toBe(TOKEN);
    expect(KV_NAMESPACE_TYPE).toBe(NAMESPACE);
  });

  it("holds every Cloudflare KV policy and engine rule", () => {
    for (const p of CLOUDFLAREKV_POLICIES) expect(POLICIES).toContain(p);
    for (const p of CLOUDFLAREKV_ENGINE_RULES) expect(ENGINE_RULE_POLICIES).toContain(p);
  });
});
