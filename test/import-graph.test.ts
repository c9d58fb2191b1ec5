import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import * as ts from "typescript";
import { describe, expect, it } from "vitest";

/**
 * Imports point one way: leaf helpers <- components <- adapters <- registry <- program. ESLint's
 * `import-x/no-cycle` catches runtime cycles; this also counts `import type`, which the rule ignores, because a
 * type-only cycle is the same tangle one refactor away from a runtime one.
 */
const ROOT = resolve(__dirname, "..");
const FOLDERS = ["components", "stacks", "policy", "scripts"];

function sources(folder: string): string[] {
  return readdirSync(folder).flatMap((entry) => {
    const path = join(folder, entry);
    if (statSync(path).isDirectory()) return entry === "node_modules" ? [] : sources(path);
    return /\.(ts|mts)$/.test(entry) && !entry.endsWith(".d.ts") && !entry.endsWith(".d.mts") ? [path] : [];
  });
}

/** The repository file an import specifier names, or undefined for a package. */
function target(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith(".")) return undefined;
  const base = resolve(dirname(from), specifier);
  return [`${base}.ts`, `${base}.mts`, join(base, "index.ts"), base].find((p) => existsSync(p) && statSync(p).isFile());
}

function importGraph(): Map<string, string[]> {
  const files = FOLDERS.flatMap((f) => sources(join(ROOT, f)));
  return new Map(files.map((file) => [file, ts.preProcessFile(readFileSync(file, "utf8"), true, true).importedFiles
    .map((i) => target(file, i.fileName)).filter((t): t is string => t !== undefined && t.startsWith(ROOT))]));
}

/** Every cycle's files, shortest first found by depth-first search (one per strongly connected tangle is enough). */
function cycles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (node: string) => {
    state.set(node, "open");
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === "open") found.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, "done");
  };
  for (const node of [...graph.keys()].sort()) if (!state.has(node)) visit(node);
  return found;
}

describe("the import graph", () => {
  it("has no cycle, counting type-only imports", () => {
    const graph = importGraph();
    expect(graph.size).toBeGreaterThan(50);
    expect(cycles(graph).map((c) => c.map((f) => relative(ROOT, f)).join(" -> "))).toEqual([]);
  });

  it("finds a cycle when there is one (the check itself can fail)", () => {
    const graph = new Map([["a", ["b"]], ["b", ["c"]], ["c", ["a"]], ["d", ["a"]]]);
    expect(cycles(graph)).toEqual([["a", "b", "c", "a"]]);
  });
});
