// What a new adapter must not forget. Every resource type the real programs register needs a mock, a price (or a
// stated reason it has none), a create duration and a stateful-or-not classification; every adapter folder has the
// same files and the registry lists each one.
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { costTreatment } from "../scripts/offline/cost/estimate";
import { DURATIONS } from "../scripts/offline/deploy-time/durations";
import { COMPUTED_STATE_TYPES, NEEDS_NO_COMPUTED_STATE } from "../scripts/offline/mocks";
import { everyStack, REPO_ROOT, type StackRef } from "../scripts/offline/stack-files";
import { ADAPTER_REGISTRY, DECLARED_RESOURCE_TYPES, STATEFUL_RESOURCE_TYPES } from "../stacks/adapters/registry";
import { FOUNDATION_SHAPE } from "../stacks/config/schema";
import { capturedRun, stackRun } from "./harness";

/** The custom resource types a stack's program registers (components are containers: no state, price or duration). */
async function registeredTypes(ref: StackRef): Promise<string[]> {
  return [...new Set((await capturedRun(ref)).resources.filter((r) => r.custom).map((r) => r.type))].sort();
}

/** dev, prod and every example: an opt-in adapter's types show up only in its example stacks. */
const EVERY_STACK = everyStack().map((ref) => ({ ...ref, label: ref.stackDir ? `${ref.stackDir.split("/").at(-1)}/${ref.stack}` : ref.stack }));

const declared = new Set(DECLARED_RESOURCE_TYPES.map((t) => t.type));

describe.each(EVERY_STACK)("every resource type the $label program registers", (stack) => {
  it("has computed state in the mocks, or is listed as needing none (scripts/offline/mocks.ts)", async () => {
    const types = await registeredTypes(stack);
    expect(types.length).toBeGreaterThan(30);
    expect(types.filter((t) => !COMPUTED_STATE_TYPES.has(t) && !(t in NEEDS_NO_COMPUTED_STATE))).toEqual([]);
  });

  it("has a price, or a stated reason it has none (scripts/offline/cost)", async () => {
    const types = await registeredTypes(stack);
    expect(types.length).toBeGreaterThan(30);
    expect(types.filter((t) => costTreatment(t) === undefined)).toEqual([]);
  });

  it("has a create duration (scripts/offline/deploy-time/durations.ts)", async () => {
    const types = await registeredTypes(stack);
    expect(types.length).toBeGreaterThan(30);
    expect(types.filter((t) => !(t in DURATIONS))).toEqual([]);
  });

  it("is classified stateful or not by the adapter that registers it or by the foundation", async () => {
    const types = await registeredTypes(stack);
    expect(types.length).toBeGreaterThan(30);
    expect(types.filter((t) => !declared.has(t))).toEqual([]);
  });
});

describe("stateful types", () => {
  it("are classified the same way wherever a type is declared", () => {
    expect(DECLARED_RESOURCE_TYPES.length).toBeGreaterThan(30);
    const conflicting = DECLARED_RESOURCE_TYPES.filter((t) => DECLARED_RESOURCE_TYPES.some((u) => u.type === t.type && u.stateful !== t.stateful));
    expect(conflicting.map((t) => `${t.type} (${t.declaredBy}: ${t.stateful})`)).toEqual([]);
  });

  it("include every resource prod protects: protection without the replacement guard is half a promise", async () => {
    const run = await stackRun("prod");
    const protectedResources = run.resources.filter((r) => r.options.protect);
    expect(protectedResources.length).toBeGreaterThan(0);
    expect(protectedResources.filter((r) => !STATEFUL_RESOURCE_TYPES.has(r.type)).map((r) => `${r.type} ${r.name}`)).toEqual([]);
  });
});

describe("adapter folders and the registry", () => {
  const root = join(REPO_ROOT, "stacks", "adapters");
  const folders = readdirSync(root).filter((entry) => statSync(join(root, entry)).isDirectory()).sort();
  /** The shape of an adapter: schema, tiers, settings, rules, deployment, and the Adapter object. */
  const FILES = ["deploy.ts", "index.ts", "profiles.ts", "rules.ts", "schema.ts", "settings.ts"];

  it("gives every adapter folder the same files", () => {
    expect(folders.length).toBeGreaterThan(0);
    for (const folder of folders) expect(readdirSync(join(root, folder)).sort(), folder).toEqual(FILES);
  });

  it("lists every folder in the registry under its matrix key, and no adapter without a folder", () => {
    expect(ADAPTER_REGISTRY.map((a) => a.key).sort()).toEqual(folders);
  });

  it("gives every adapter its own config section and at least one stateful-or-not resource type", () => {
    expect(ADAPTER_REGISTRY.length).toBeGreaterThan(0);
    const sections = ADAPTER_REGISTRY.map((a) => a.configKey);
    expect(new Set(sections).size).toBe(sections.length);
    for (const adapter of ADAPTER_REGISTRY) {
      expect(Object.keys(FOUNDATION_SHAPE), adapter.key).not.toContain(adapter.configKey);
      expect(adapter.resourceTypes.length, adapter.key).toBeGreaterThan(0);
    }
  });
});
