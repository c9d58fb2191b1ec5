import { createHash } from "node:crypto";

/**
 * The first `length` hex digits of the SHA-256 of `text`: a stable, collision-resistant name suffix that does
 * not reveal the text (e.g. a webhook URL carrying an integration key).
 */
export function shortHash(text: string, length = 8): string {
  return createHash("sha256").update(text).digest("hex").slice(0, length);
}
