import { readCapturedRun } from "../scripts/offline/captured-runs";
import { type ProgramRun, type RegisteredResource, type ResourceRef, runProgram, type RunOptions } from "../scripts/offline/run-program";
import type { StackRef } from "../scripts/offline/stack-files";

export { KNOWN_AFTER_APPLY } from "../scripts/offline/run-program";
export type { ProgramRun, RegisteredResource } from "../scripts/offline/run-program";

export const STACKS = ["dev", "prod"] as const;
export type StackName = (typeof STACKS)[number];

const cache = new Map<string, Promise<ProgramRun>>();

/**
 * The real program for a real stack file: the run test/global-setup.ts captured once for the whole suite, or, when a
 * file runs on its own, a run of this process's own, shared by every test file the process runs.
 */
export function stackRun(stack: StackName, preview = false): Promise<ProgramRun> {
  return capturedRun({ stack }, preview);
}

/** {@link stackRun} for any stack file, e.g. an example's (examples/<hosting>/Pulumi.<stack>.yaml). */
export function capturedRun(ref: StackRef, preview = false): Promise<ProgramRun> {
  const key = `${ref.stackDir ?? "."}/${ref.stack}:${preview}`;
  let run = cache.get(key);
  if (!run) {
    const captured = readCapturedRun(ref, preview);
    run = captured ? Promise.resolve(captured) : runProgram({ ...ref, preview });
    cache.set(key, run);
  }
  return run;
}

/** Runs the program as asked, through the shared runs when it asks for nothing but a real stack file (the plan command's tests). */
export function sharedRun(options: RunOptions): Promise<ProgramRun> {
  return options.overrides || options.program || options.observe ? runProgram(options) : capturedRun(options, options.preview);
}

/** Runs the program with config overrides on top of a stack file (for bad-config cases). */
export function runWith(stack: string, overrides: Record<string, unknown>, observe?: (r: ResourceRef) => void): Promise<ProgramRun> {
  return runProgram({ stack, overrides, observe });
}

export function ofType(run: ProgramRun, type: string): RegisteredResource[] {
  return run.resources.filter((r) => r.type === type);
}

export function one(run: ProgramRun, type: string, name?: string): RegisteredResource {
  const found = ofType(run, type).filter((r) => name === undefined || r.name === name);
  if (found.length !== 1) {
    throw new Error(`expected one ${type}${name ? ` named ${name}` : ""}, found ${found.length}: ${found.map((r) => r.name).join(", ")}`);
  }
  return found[0];
}

export function childrenOf(run: ProgramRun, parent: RegisteredResource): RegisteredResource[] {
  return run.resources.filter((r) => r.parent?.type === parent.type && r.parent.name === parent.name);
}

/** Parses a JSON-string input (policies, provider inputs). */
export function json<T = Record<string, unknown>>(value: unknown): T {
  if (typeof value !== "string") throw new Error(`expected a JSON string, got ${JSON.stringify(value)}`);
  return JSON.parse(value) as T;
}
