// Regenerates README's matrix tables from components/matrix. `npm run docs`; test/matrix.test.ts checks it.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { renderMatrixMarkdown } from "../components/matrix";

const path = join(__dirname, "..", "README.md");
const readme = readFileSync(path, "utf8");
const pattern = /(<!-- matrix:begin -->\n)[\s\S]*?(<!-- matrix:end -->)/;
if (!pattern.test(readme)) throw new Error("README.md has no <!-- matrix:begin --> / <!-- matrix:end --> markers");
writeFileSync(path, readme.replace(pattern, (_m, begin: string, end: string) => `${begin}${renderMatrixMarkdown()}\n${end}`));
