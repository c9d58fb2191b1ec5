import * as awsProviderConfig from "@pulumi/aws/config/vars";
import type { Finding } from "./findings";
import { PROJECT } from "./schema";
import { closest, editDistance } from "./similar";

/** Every config key the aws provider reads (@pulumi/aws's config module: one export per key). */
const AWS_PROVIDER_KEYS: readonly string[] = Object.keys(awsProviderConfig).filter((k) => k !== "__esModule" && k !== "default");

/**
 * Whether a namespace that is not the project's was meant to be: it mentions "sparki", differs only in case or
 * punctuation, or is a few typos away. Other namespaces (pulumi:, kubernetes:, random:, another provider's) are
 * left alone: Pulumi and providers read them, and they cannot be told from a typo.
 */
function meantProject(namespace: string): boolean {
  const lower = namespace.toLowerCase();
  const letters = (s: string) => s.replace(/[^a-z0-9]/g, "");
  return namespace !== PROJECT
    && (lower.includes("sparki") || letters(lower) === letters(PROJECT) || editDistance(lower, PROJECT) <= 3);
}

/**
 * Keys the program would silently ignore though they were meant for it: a misspelt project namespace
 * (`sparki-storag:profile` leaves the profile at its default) and a misspelt aws provider key (`aws:regoin` leaves
 * the region unset). Values are never shown: such a key may hold anything.
 */
export function misspeltNamespaceFindings(flat: Readonly<Record<string, string>>): Finding[] {
  return Object.keys(flat).flatMap((fullKey): Finding[] => {
    const at = fullKey.indexOf(":");
    if (at < 0) return [];
    const namespace = fullKey.slice(0, at);
    const key = fullKey.slice(at + 1);
    if (meantProject(namespace)) {
      const meant = `${PROJECT}:${key}`;
      return [{ key: fullKey, explains: meant, line: `${fullKey} is not read by this program: "${namespace}" is not its namespace (did you mean ${meant}?)` }];
    }
    if (namespace !== "aws" || AWS_PROVIDER_KEYS.includes(key)) return [];
    const suggestion = closest(key, AWS_PROVIDER_KEYS);
    return suggestion === undefined ? [] : [{
      key: fullKey, explains: `aws:${suggestion}`, line: `${fullKey} is not a key of the aws provider (did you mean aws:${suggestion}?)`,
    }];
  });
}
