// docs/configuration.md's reference table and Pulumi.yaml's config declarations are generated from the schemas
// (scripts/config-docs.ts, `npm run docs`); these fail when either is stale or a key is undocumented.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { leavesOf, renderConfigReference, shown, withProjectConfig } from "../scripts/config-docs";
import { REPO_ROOT } from "../scripts/offline/stack-files";
import { readYaml } from "../scripts/offline/yaml-cache";
import { documented } from "../stacks/config/docs";
import { section } from "../stacks/config/rules";
import { PROJECT } from "../stacks/config/schema";
import { projectSchema } from "../stacks/project";

const read = (file: string) => readFileSync(join(REPO_ROOT, file), "utf8");

describe("the generated configuration docs", () => {
  it("docs/configuration.md's reference table is what `npm run docs` renders", () => {
    const between = /<!-- config-reference:begin -->\n([\s\S]*?)\n<!-- config-reference:end -->/.exec(read("docs/configuration.md"));
    expect(between, "docs/configuration.md lacks the config-reference markers").not.toBeNull();
    expect(between?.[1]).toBe(renderConfigReference());
  });

  it("Pulumi.yaml's config block is what `npm run docs` renders", () => {
    const projectFile = read("Pulumi.yaml");
    expect(projectFile).toBe(withProjectConfig(projectFile));
  });

  it("declares every top-level project key in Pulumi.yaml, and nothing of another namespace", () => {
    const { config } = readYaml(join(REPO_ROOT, "Pulumi.yaml")) as { config: Record<string, unknown> };
    const keys = Object.keys(projectSchema.shape);
    expect(keys.length).toBeGreaterThan(5);
    expect(Object.keys(config)).toEqual(keys.map((k) => `${PROJECT}:${k}`));
  });

  it("documents every key of every section (a key without a ConfigDoc is refused)", () => {
    const leaves = leavesOf(PROJECT, projectSchema);
    expect(leaves.length).toBeGreaterThan(50);
    for (const leaf of leaves) expect(leaf.doc.description.length, leaf.path.join(".")).toBeGreaterThan(3);
    const undocumented = section({ known: documented(z.string().optional(), { type: "string", description: "documented" }), forgotten: z.string().optional() });
    expect(() => leavesOf(PROJECT, undocumented, ["example"])).toThrow("sparki-storage:example.forgotten has no ConfigDoc");
  });

  it("shows values the way the table writes them", () => {
    expect([shown(true), shown(7), shown("8.1"), shown("cache.t4g.micro"), shown([]), shown(undefined)])
      .toEqual(["`true`", "7", '`"8.1"`', "`cache.t4g.micro`", "`[]`", "—"]);
  });
});
