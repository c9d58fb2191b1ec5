// The plan of a stack at another commit: that commit's own program and plan script, run in a child process.
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { isAbsolute, join, relative, resolve } from "node:path";
import { promisify } from "node:util";
import { parsePlanned, type PlannedStack } from "../planned";

const exec = promisify(execFile);

export interface BaseRequest {
  /** A git ref of the repository: branch, tag, commit. */
  readonly ref: string;
  readonly stack: string;
  /** The head's --stack-dir; the base reads the same folder of its own tree (its root when the folder is outside). */
  readonly stackDir?: string;
  /** The repository (its node_modules serve the base too). */
  readonly root: string;
  readonly signal?: AbortSignal;
}

export type BasePlan =
  | { readonly ref: string; readonly commit: string; readonly plan: PlannedStack }
  | { readonly ref: string; readonly error: string };

/** `npm` as the running npm script found it (npm_execpath), else from PATH. */
function npm(): { command: string; args: string[] } {
  const cli = process.env.npm_execpath;
  return cli && /npm-cli\.c?js$/.test(cli) ? { command: process.execPath, args: [cli] } : { command: "npm", args: [] };
}

/** The first line that says something, of a failed child's stderr or of the error itself. */
export function failureReason(error: unknown): string {
  const stderr = (error as { stderr?: unknown }).stderr;
  const text = typeof stderr === "string" && stderr.trim() ? stderr : error instanceof Error ? error.message : String(error);
  return text.split("\n").map((l) => l.trim()).find((l) => l && !l.startsWith("npm error")) ?? "failed";
}

/** The base's --stack-dir: the head's folder inside the base tree, or none (the base's root). */
function baseStackDir(req: BaseRequest, tree: string): string[] {
  if (!req.stackDir) return [];
  const rel = relative(req.root, resolve(req.stackDir));
  return rel === "" || rel.startsWith("..") || isAbsolute(rel) ? [] : ["--stack-dir", join(tree, rel)];
}

/**
 * The folder a commit is extracted to: `sparki-base-<commit>` when no other plan of that commit is using it, so the
 * launcher's transpile cache (keyed by file path and content, kept in the repository's .cache/base-plans) serves
 * the next plan of the same commit (CI plans every stack against one base); else a fresh random one.
 */
function treeFor(commit: string): string {
  const stable = join(tmpdir(), `sparki-base-${commit.slice(0, 12)}`);
  try {
    mkdirSync(stable);
    return stable;
  } catch {
    return mkdtempSync(join(tmpdir(), "sparki-base-"));
  }
}

/**
 * Plans `stack` at `ref`: extracts that commit into a temporary folder (git archive), links the repository's
 * node_modules into it and runs its own `npm run plan -- <stack> --format json`. Never throws: a ref that is no
 * commit, a commit without a plan script, or a plan that fails gives an error line instead. The folder is removed.
 */
export async function planAtRef(req: BaseRequest): Promise<BasePlan> {
  let commit: string;
  try {
    commit = (await exec("git", ["rev-parse", "--verify", "--quiet", `${req.ref}^{commit}`], { cwd: req.root })).stdout.trim();
  } catch {
    return { ref: req.ref, error: `${req.ref} is not a commit of this repository (fetch it first?)` };
  }
  const tree = treeFor(commit);
  try {
    await exec("git", ["archive", "--format=tar", `--output=${join(tree, ".base.tar")}`, commit], { cwd: req.root });
    await exec("tar", ["-xf", ".base.tar"], { cwd: tree });
    rmSync(join(tree, ".base.tar"));
    if (!existsSync(join(tree, "scripts", "plan.ts"))) return { ref: req.ref, error: `${req.ref} has no offline plan (scripts/plan.ts)` };
    symlinkSync(join(req.root, "node_modules"), join(tree, "node_modules"), "dir");
    const { command, args } = npm();
    const { stdout } = await exec(command, [...args, "run", "-s", "plan", "--", req.stack, "--format", "json", ...baseStackDir(req, tree)], {
      cwd: tree, maxBuffer: 512 * 1024 * 1024, timeout: 300_000, ...(req.signal ? { signal: req.signal } : {}),
      env: { ...process.env, SPARKI_LAUNCH_CACHE: join(req.root, ".cache", "base-plans") },
    });
    return { ref: req.ref, commit, plan: parsePlanned(stdout) };
  } catch (error) {
    return { ref: req.ref, error: `the plan at that commit failed: ${failureReason(error)}` };
  } finally {
    rmSync(tree, { recursive: true, force: true });
  }
}
