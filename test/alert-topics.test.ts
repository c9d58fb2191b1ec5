import { describe, expect, it } from "vitest";
import { AlertTopics, type AlertTopicsArgs, subscriptionSuffix } from "../components/alerting";
import { renderInventory } from "../scripts/offline/inventory";
import { runProgram } from "../scripts/offline/run-program";
import { offlineSecretPlaceholder } from "../scripts/offline/stack-files";
import { ofType, runWith } from "./harness";
import { secretValue } from "./secret-wire";

const SUBSCRIPTION = "aws:sns/topicSubscription:TopicSubscription";
const WEBHOOK = "https://events.pagerduty.example/integration/R0TATE-ME-1234567890abcdef/enqueue";
const base: AlertTopicsArgs = { accountId: "123456789012", region: "eu-west-1", kmsKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/k" };

async function build(args: AlertTopicsArgs) {
  const registered: string[] = [];
  const outcome = await runProgram({ stack: "dev", program: () => ({ topics: new AlertTopics("t", args) }), observe: (r) => registered.push(r.type) })
    .then((run) => ({ run, error: undefined }), (error: unknown) => ({ run: undefined, error: error as Error }));
  return { ...outcome, registered: registered.filter((t) => t !== "pulumi:pulumi:Stack") };
}

describe("subscription names", () => {
  it("show an e-mail's slug or only a URL's host, then a hash of the whole endpoint", () => {
    expect(subscriptionSuffix("https", WEBHOOK)).toMatch(/^https-events-pagerduty-example-[0-9a-f]{8}$/);
    expect(subscriptionSuffix("email", "oncall@sparki.example")).toMatch(/^oncall-sparki-example-[0-9a-f]{8}$/);
  });

  it("stay distinct where a 40-character slug would cut two addresses to the same text", async () => {
    const long = "platform-storage-oncall-rotation-primary";
    const emails = [`${long}-a@sparki.example`, `${long}-b@sparki.example`];
    const { run } = await build({ ...base, critical: { emails } });
    const names = ofType(run!, SUBSCRIPTION).map((s) => s.name);
    expect(new Set(names).size).toBe(2);
    // Their old (truncated) names collided, so neither keeps one as an alias.
    expect(ofType(run!, SUBSCRIPTION).map((s) => s.options.aliases)).toEqual([0, 0]);
  });

  it("register https endpoints as secrets and never put the URL in a name", async () => {
    const { run } = await build({ ...base, critical: { httpsEndpoints: [WEBHOOK] } });
    const [subscription] = ofType(run!, SUBSCRIPTION);
    expect(secretValue(subscription.inputs.endpoint)).toBe(WEBHOOK);
    expect(subscription.name).not.toContain("integration");
    expect(subscription.name).not.toContain("r0tate");
  });
});

describe("AlertTopics refuses repeated subscribers before registering anything", () => {
  it.each([
    [{ warning: { emails: ["a@b.example", "a@b.example"] } }, "AlertTopics t: warning subscribers list the e-mail a@b.example twice; list each endpoint once"],
    [{ critical: { httpsEndpoints: [WEBHOOK, WEBHOOK] } }, "AlertTopics t: critical subscribers list the https endpoint #1 twice; list each endpoint once"],
    [{ critical: { httpsEndpoints: ["http://pager.example"] } }, "AlertTopics t: critical.httpsEndpoints[0] must be an https:// URL"],
  ] as const)("%j", async (subscribers, message) => {
    const { error, registered } = await build({ ...base, ...subscribers });
    expect(error?.message).toBe(message);
    expect(error?.message).not.toContain("integration");
    expect(registered).toEqual([]);
  });
});

describe("a webhook in secret config (`secure:` in the stack file)", () => {
  const overrides = { "sparki-storage:alerts": { warning: { httpsEndpoints: [{ secure: "v1:c2VjcmV0" }] } } };

  it("reaches the subscription as a secret placeholder offline", async () => {
    const run = await runWith("dev", overrides);
    const https = ofType(run, SUBSCRIPTION).filter((s) => s.inputs.protocol === "https");
    expect(https.map((s) => secretValue(s.inputs.endpoint))).toEqual([offlineSecretPlaceholder("v1:c2VjcmV0")]);
    expect(offlineSecretPlaceholder("v1:c2VjcmV0")).toMatch(/^https:\/\/offline-secret\.invalid\/[0-9a-f]{12}$/);
  });

  it("shows as (secret) in the plan and the inventory", async () => {
    const run = await runProgram({ stack: "dev", overrides, preview: true });
    const text = renderInventory(run, "sparki-storage");
    expect(text).not.toContain("offline-secret.invalid/");
    const https = ofType(run, SUBSCRIPTION).find((s) => s.inputs.protocol === "https");
    expect(https?.inputs.endpoint).toBe("(secret)");
  });
});
