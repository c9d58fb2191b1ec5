// Regenerates what the docs derive from code: the matrix tables (docs/matrix.md, from components/matrix), the
// configuration reference (docs/configuration.md) and Pulumi.yaml's config declarations (scripts/config-docs.ts). `npm run docs`; test/matrix.test.ts and
// test/config-docs.test.ts fail while any of them is stale.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { renderMatrixMarkdown } from "../components/matrix";
import { renderConfigReference, withProjectConfig } from "./config-docs";

const ROOT = join(__dirname, "..");

/** `text` with what lies between `<!-- <marker>:begin -->` and `<!-- <marker>:end -->` replaced by `content`. */
function between(text: string, marker: string, content: string): string {
  const pattern = new RegExp(`(<!-- ${marker}:begin -->\\n)[\\s\\S]*?(<!-- ${marker}:end -->)`);
  if (!pattern.test(text)) throw new Error(`no <!-- ${marker}:begin --> / <!-- ${marker}:end --> markers`);
  return text.replace(pattern, (_m, begin: string, end: string) => `${begin}${content}\n${end}`);
}

const matrixPath = join(ROOT, "docs", "matrix.md");
writeFileSync(matrixPath, between(readFileSync(matrixPath, "utf8"), "matrix", renderMatrixMarkdown()));
const configPath = join(ROOT, "docs", "configuration.md");
writeFileSync(configPath, between(readFileSync(configPath, "utf8"), "config-reference", renderConfigReference()));

const projectPath = join(ROOT, "Pulumi.yaml");
writeFileSync(projectPath, withProjectConfig(readFileSync(projectPath, "utf8")));
