import { join } from "node:path";
import { expect } from "vitest";
import { runProgram } from "../scripts/offline/run-program";
import { REPO_ROOT, stackConfig } from "../scripts/offline/stack-files";
import { ConfigError } from "../stacks/config/errors";

/** A config section as a stack file holds it. */
export type Section = Record<string, unknown>;

/**
 * The `sparki-storage:<configKey>` sections of an adapter's example stacks (examples/<folder>/Pulumi.<folder>-dev|prod.yaml)
 * and `refused`, which runs an example with a changed section and returns the config problems and what got registered
 * (nothing may be) — for the bad-input tests of adapters with an example stack.
 */
export function exampleConfig(configKey: string, folder: string = configKey) {
  const KEY = `sparki-storage:${configKey}`;
  const DIR = join(REPO_ROOT, "examples", folder);
  const sectionOf = (stack: string) => JSON.parse(stackConfig(stack, {}, DIR)[KEY]) as Section;
  async function refused(stack: string, section: Section) {
    const registered: string[] = [];
    const failure = await runProgram({ stack, stackDir: DIR, overrides: { [KEY]: section }, observe: (r) => registered.push(r.type) })
      .then(() => undefined, (e: unknown) => e);
    expect(failure, JSON.stringify(section)).toBeInstanceOf(ConfigError);
    return { problems: (failure as ConfigError).problems, registered: registered.filter((t) => t !== "pulumi:pulumi:Stack") };
  }
  return { KEY, DIR, DEV: sectionOf(`${folder}-dev`), PROD: sectionOf(`${folder}-prod`), sectionOf, refused };
}
