import { rmSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { adapterVariants, optionalAdapters } from "../scripts/bench/variants";
import { stackConfig } from "../scripts/offline/stack-files";
import { loadConfig } from "../stacks/config/load";
import { stackRun } from "./harness";

// npm run bench measures what one adapter adds by planning prod with it switched the other way: those stack files
// must be valid stacks (a name AWS names can carry, a config the loader accepts), or the bench measures an error.
describe("the bench's adapter variants of prod", async () => {
  const prod = await stackRun("prod");
  const variants = adapterVariants(new Set(Object.keys(prod.outputs)));
  afterAll(() => {
    for (const dir of new Set(variants.map((v) => v.stackDir))) rmSync(dir, { recursive: true, force: true });
  });

  it("cover every optional adapter, switched off where prod deploys it and on where it does not", () => {
    expect(variants.map((v) => v.adapterKey).sort()).toEqual(optionalAdapters().map((a) => a.key).sort());
    for (const v of variants) expect(v.variant, v.adapterKey).toBe(v.adapterKey in prod.outputs ? "without" : "with");
  });

  it.each(["without", "with"] as const)("load as valid stacks (%s)", (variant) => {
    for (const v of variants.filter((x) => x.variant === variant)) {
      const loaded = loadConfig(v.stack, stackConfig(v.stack, {}, v.stackDir));
      const { configKey } = optionalAdapters().find((a) => a.key === v.adapterKey)!;
      const section = loaded.project[configKey] as { enabled?: boolean };
      expect(section.enabled, v.stack).toBe(variant === "with");
    }
  });
});
