import { execFile } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { runProgram } from "../scripts/offline/run-program";
import { REPO_ROOT } from "../scripts/offline/stack-files";
import { ConfigError } from "../stacks/config/errors";

/** Stack files as written by hand: mistakes only a file has (YAML syntax, unquoted numbers, namespaces as typed). */
const dir = mkdtempSync(join(tmpdir(), "sparki-stack-files-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
copyFileSync(join(REPO_ROOT, "Pulumi.yaml"), join(dir, "Pulumi.yaml"));

/** Pulumi.<stack>.yaml: Pulumi.dev.yaml with one line replaced. */
function devFileWith(stack: string, line: string, replacement: string): string {
  const text = readFileSync(join(REPO_ROOT, "Pulumi.dev.yaml"), "utf8");
  if (!text.includes(line)) throw new Error(`Pulumi.dev.yaml has no line ${JSON.stringify(line)}`);
  writeFileSync(join(dir, `Pulumi.${stack}.yaml`), text.replace(line, replacement));
  return stack;
}

async function refusal(stack: string) {
  const registered: string[] = [];
  const failure = await runProgram({ stack, stackDir: dir, observe: (r) => registered.push(r.type) }).then(() => undefined, (e: unknown) => e);
  expect(failure).toBeInstanceOf(ConfigError);
  return { problems: (failure as ConfigError).problems, registered: registered.filter((t) => t !== "pulumi:pulumi:Stack") };
}

const SYNTAX_ERROR = "Pulumi.broken.yaml line 10, column 3: Flow sequence in block collection must be sufficiently indented and end with a ]";

describe("a stack file's own mistakes: one line naming the file or key, nothing registered", () => {
  it.each([
    ["a YAML syntax error (the file, line and column, no parser stack trace)",
      devFileWith("broken", "    cidrBlock: 10.40.0.0/16", "    cidrBlock: [10.40.0.0/16"), SYNTAX_ERROR],
    ["a misspelt project namespace (dev's profile would have run silently)",
      devFileWith("typo", "  sparki-storage:profile: dev", "  sparki-storag:profile: prod"),
      'sparki-storag:profile is not read by this program: "sparki-storag" is not its namespace (did you mean sparki-storage:profile?)'],
    ["an unquoted account ID with a leading zero (YAML reads a number)",
      devFileWith("unquoted", '  sparki-storage:accountId: "111111111111"', "  sparki-storage:accountId: 011111111111"),
      'sparki-storage:accountId must be a 12-digit AWS account ID, got "11111111111" (YAML read an unquoted number and dropped its leading zeros: quote it: "011111111111")'],
  ])("%s", async (_case, stack, expected) => {
    const { problems, registered } = await refusal(stack);
    expect(problems).toEqual([expected]);
    expect(registered).toEqual([]);
  });

  it("prints the syntax error as that one line from npm run plan", async () => {
    const plan = promisify(execFile)(process.execPath, [join(REPO_ROOT, "scripts", "offline", "launch.cjs"), join(REPO_ROOT, "scripts", "plan.ts"), "broken", "--stack-dir", dir], { cwd: REPO_ROOT });
    const failure = (await plan.then(() => undefined, (e: unknown) => e)) as { code: number; stdout: string; stderr: string };
    expect(failure.code).toBe(1);
    expect(failure.stderr.trim().split("\n")).toEqual([SYNTAX_ERROR]);
  });
});
