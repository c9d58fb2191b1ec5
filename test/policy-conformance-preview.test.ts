import { describe, expect, it } from "vitest";
import { readCapturedRun } from "../scripts/offline/captured-runs";
import type { ProgramRun } from "../scripts/offline/run-program";
import { everyStack } from "../scripts/offline/stack-files";
import { capturedRun, STACKS, stackRun } from "./harness";
import { documentedDevAdvisories, listViolations, readPolicyConfigFile, runPack } from "./policy-harness";

// The same programs in preview mode: every computed value (ARNs, IDs, anything derived from them) is the SDK's
// unknown sentinel behind unknownCheckingProxy, as `pulumi preview --policy-pack` hands them to the pack.
describe.each(STACKS)("%s in preview, values unknown until apply", (stack) => {
  const run = stackRun(stack, true);

  it("runs every policy without reading an unknown value unguarded", async () => {
    const pack = await runPack(await run, readPolicyConfigFile(stack));
    expect(pack.couldNotRun).toEqual([]);
  });

  it("reports nothing beyond what apply reports (unknowns never prove a violation)", async () => {
    const pack = await runPack(await run, readPolicyConfigFile(stack));
    const found = pack.violations.map((v) => `${v.policy} @ ${v.resource.split("::").at(-1)}`).sort();
    const allowed = stack === "prod" ? [] : documentedDevAdvisories();
    expect(found.filter((f) => !allowed.includes(f)), listViolations(pack.violations).join("\n")).toEqual([]);
  });

  it("really has unknowns in the resources it checks", async () => {
    const unknown = (await run).resources.filter((r) => JSON.stringify(r.inputs).includes("(known after apply)"));
    expect(unknown.length).toBeGreaterThan(20);
  });
});

const profileOf = (run: ProgramRun) => (run.outputs.environment as { profile: string }).profile;
const found = (violations: { policy: string; resource: string }[]) => violations.map((v) => `${v.policy} @ ${v.resource}`).sort();

// The examples in preview too where they register types dev and prod do not (an opt-in adapter's launch template, DLM
// policy, option group, DocumentDB cluster, Keyspaces table...), whose ARNs and key IDs are unknown in preview. The
// others hold nothing dev and prod do not already exercise. Of an example folder, the prod stack: it registers every
// type its dev stack does (the adapters' prod profiles add resources, never remove a type), with prod's mandatory
// policy config, and running the pack twice on every example costs more than the rest of this file.
// Chosen when the file is collected, from the suite's captured runs (on its own, this file runs every example).
const EXAMPLES = everyStack().filter((ref) => ref.stackDir !== undefined);
const rootTypes = new Set(STACKS.flatMap((stack) => readCapturedRun({ stack }, false)?.resources.map((r) => r.type) ?? []));
const typesOf = (ref: (typeof EXAMPLES)[number]) => new Set(readCapturedRun(ref, false)?.resources.map((r) => r.type) ?? []);
const prodOf = (ref: (typeof EXAMPLES)[number]) => EXAMPLES.find((other) => other.stackDir === ref.stackDir && /prod/.test(other.stack));
const WITH_NEW_TYPES = rootTypes.size === 0 ? EXAMPLES
  : EXAMPLES.filter((ref) => /prod/.test(ref.stack) && [...typesOf(ref)].some((type) => !rootTypes.has(type)));

it("previews at least the prod examples of the opt-in adapters", () => {
  expect(WITH_NEW_TYPES.map((ref) => ref.stack)).toEqual(expect.arrayContaining([
    "badger-prod", "badger-k8s-prod", "mysql-prod", "mssql-prod", "mongodb-prod", "memcache-prod", "cassandra-prod", "dynamodb-prod",
  ]));
});

it("leaves out no dev example that registers a type its prod example does not", () => {
  const missing = EXAMPLES.filter((ref) => !/prod/.test(ref.stack)).flatMap((ref) => {
    const prod = prodOf(ref);
    const prodTypes = prod ? typesOf(prod) : new Set<string>();
    return [...typesOf(ref)].filter((type) => !rootTypes.has(type) && !prodTypes.has(type)).map((type) => `${ref.stack}: ${type}`);
  });
  expect(missing).toEqual([]);
});

describe.each(WITH_NEW_TYPES)("example $stack in preview", (ref) => {
  it("runs every policy without reading an unknown value unguarded, and reports nothing apply does not", async () => {
    const apply = await capturedRun(ref);
    const preview = await capturedRun(ref, true);
    const config = readPolicyConfigFile(profileOf(preview));
    const pack = await runPack(preview, config);
    expect(pack.couldNotRun).toEqual([]);
    const applied = found((await runPack(apply, config)).violations);
    expect(found(pack.violations).filter((f) => !applied.includes(f)), listViolations(pack.violations).join("\n")).toEqual([]);
  });
});
