import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** One timed run of a command. */
export interface Sample {
  readonly seconds: number;
  readonly ok: boolean;
  /** Peak of the summed resident memory of the command and all its descendants, MB (Linux /proc; absent elsewhere). */
  readonly peakTreeMb?: number;
  /** Peak resident memory of the largest single process of the tree, MB. */
  readonly peakProcessMb?: number;
  /** The end of what a failed run wrote to stderr. */
  readonly failure?: string;
}

const PAGE_BYTES = 4096;
const SAMPLE_EVERY_MS = 40;

/** Resident MB of each live process, and each process's parent (from /proc; empty where there is none). */
function processTable(): Map<number, { parent: number; mb: number }> {
  const table = new Map<number, { parent: number; mb: number }>();
  let entries: string[];
  try {
    entries = readdirSync("/proc");
  } catch {
    return table;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(join("/proc", entry, "stat"), "utf8");
      // Field 4 is the parent; the command name (field 2) is in parentheses and may itself hold spaces.
      const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      const residentPages = Number(readFileSync(join("/proc", entry, "statm"), "utf8").split(" ")[1]);
      table.set(Number(entry), { parent, mb: (residentPages * PAGE_BYTES) / 2 ** 20 });
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return table;
}

/** Summed and largest resident MB of `root` and its descendants, now. */
function treeMemory(root: number): { total: number; largest: number } {
  const table = processTable();
  const inTree = new Set([root]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, { parent }] of table) {
      if (!inTree.has(pid) && inTree.has(parent)) {
        inTree.add(pid);
        grew = true;
      }
    }
  }
  let total = 0;
  let largest = 0;
  for (const pid of inTree) {
    const mb = table.get(pid)?.mb ?? 0;
    total += mb;
    largest = Math.max(largest, mb);
  }
  return { total, largest };
}

/** Runs the command (output discarded), timing it and sampling the memory of its process tree. */
export function measure(command: readonly string[], cwd: string, env: Record<string, string> = {}): Promise<Sample> {
  const started = process.hrtime.bigint();
  const child = spawn(command[0], command.slice(1), { cwd, env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-2000);
  });
  let peakTree = 0;
  let peakProcess = 0;
  const sample = () => {
    if (child.pid === undefined) return;
    const { total, largest } = treeMemory(child.pid);
    peakTree = Math.max(peakTree, total);
    peakProcess = Math.max(peakProcess, largest);
  };
  const timer = setInterval(sample, SAMPLE_EVERY_MS);
  return new Promise((resolve) => {
    child.on("close", (code) => {
      clearInterval(timer);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      resolve({ seconds, ok: code === 0, ...(code === 0 ? {} : { failure: stderr.trim() }), ...(peakTree > 0 ? { peakTreeMb: peakTree, peakProcessMb: peakProcess } : {}) });
    });
  });
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
