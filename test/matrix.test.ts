import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ADAPTERS, ALERT_THRESHOLDS, renderMatrixMarkdown } from "../components/matrix";

const ROOT = join(__dirname, "..");
const spec = readFileSync(join(ROOT, "spec", "storage-adapters-integration-matrix.txt"), "utf8");

/** Rows of the spec's pipe tables whose first cell is `first`. */
function specRows(first: string): string[][] {
  return spec.split("\n")
    .filter((l) => l.startsWith("| ") && !l.startsWith("|---"))
    .map((l) => l.split("|").slice(1, -1).map((c) => c.trim()))
    .filter((cells) => cells[0] === first);
}

function parseLatency(text: string): { min: number; max?: number } {
  const lt = /^<(\d+)ms$/.exec(text);
  if (lt) return { min: 0, max: Number(lt[1]) };
  const range = /^(\d+)-(\d+)ms$/.exec(text);
  if (!range) throw new Error(`unparsed latency ${text}`);
  return { min: Number(range[1]), max: Number(range[2]) };
}

function parseThroughput(text: string) {
  if (text === "Unlimited") return "unlimited";
  const m = /^(\d+)K\+/.exec(text);
  if (!m) throw new Error(`unparsed throughput ${text}`);
  return { min: Number(m[1]) * 1000 };
}

describe("the matrix module transcribes the spec", () => {
  const measured = ADAPTERS.filter((a) => a.tier !== "supported");

  it.each(measured.map((a) => [a.name, a] as const))("%s: latency, throughput, durability and priority match", (name, row) => {
    const rows = specRows(name).filter((cells) => cells.length >= 6);
    expect(rows, `spec row for ${name}`).toHaveLength(1);
    const cells = rows[0];
    expect(row.kind).toBe(cells[1]);
    expect(row.latencyMs).toEqual(parseLatency(cells[2]));
    expect(row.throughputOpsPerSecond).toEqual(parseThroughput(cells[3]));
    if (row.tier === "primary") {
      expect(`${row.durabilityPercent}%`).toBe(cells[4]);
      expect(row.priority).toBe(cells[6]);
    } else {
      expect(row.priority).toBe(cells[5]);
    }
  });

  it("has every row of every adapter table, and no row the spec lacks", () => {
    const selection = spec.slice(0, spec.indexOf("Detailed Adapter Specifications"));
    const specNames = selection.split("\n")
      .filter((l) => l.startsWith("| ") && !l.startsWith("| Adapter"))
      .map((l) => l.split("|")[1].trim());
    expect(specNames.length).toBeGreaterThan(20);
    expect(ADAPTERS.map((a) => a.name).sort()).toEqual(specNames.sort());
  });

  it.each(ADAPTERS.filter((a) => a.tier === "supported").map((a) => [a.key, a] as const))("supported %s: type and rationale match", (_key, row) => {
    const rows = specRows(row.name).filter((cells) => cells.length === 3 && cells[2] === row.useCases);
    expect(rows).toHaveLength(1);
    expect(rows[0][1]).toBe(row.kind);
  });

  it("alert thresholds equal the spec's Alerting Thresholds table, with units", () => {
    const rows = spec.split("\n").filter((l) => /^\| (Latency p95|Memory Usage|Connection Pool) \|/.test(l))
      .map((l) => l.split("|").slice(1, -1).map((c) => c.trim()));
    expect(rows).toHaveLength(Object.keys(ALERT_THRESHOLDS).length);
    for (const [metric, adapterName, warning, critical] of rows) {
      const t = Object.values(ALERT_THRESHOLDS).find((x) => x.metric === metric && adapterName.toLowerCase().startsWith(x.adapter));
      expect(t, `${metric} ${adapterName}`).toBeDefined();
      const unit = t?.unit === "milliseconds" ? "ms" : "%";
      expect([`${t?.warning}${unit}`, `${t?.critical}${unit}`]).toEqual([warning, critical]);
    }
  });

  it("every primary and secondary adapter names its Fiber package", () => {
    for (const a of ADAPTERS) expect(a.fiberPackages.length, a.key).toBeGreaterThan(0);
    expect(ADAPTERS.find((a) => a.key === "redis")?.fiberPackages).toEqual(["storage/redis", "storage/valkey"]);
  });
});

describe("docs/matrix.md", () => {
  it("embeds the matrix exactly as generated (run `npm run docs` after changing components/matrix)", () => {
    const readme = readFileSync(join(ROOT, "docs", "matrix.md"), "utf8");
    const between = /<!-- matrix:begin -->\n([\s\S]*?)\n<!-- matrix:end -->/.exec(readme);
    expect(between, "docs/matrix.md matrix markers").not.toBeNull();
    expect(between?.[1]).toBe(renderMatrixMarkdown());
  });
});
