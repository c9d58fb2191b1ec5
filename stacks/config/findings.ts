/** One line of a ConfigError, with what the loader needs to keep one line per mistake. */
export interface Finding {
  /** The full key the line is about, e.g. `sparki-storage:postgres.replicas`; "" when it is about no key (the stack name). */
  readonly key: string;
  readonly line: string;
  /** Full keys this finding follows from: it is dropped when one of them (or a key under it) has a finding of its own. */
  readonly after?: readonly string[];
  /** A misspelt key's finding: the full key it meant, whose own findings (e.g. "is required") it explains. */
  readonly explains?: string;
}

function under(key: string, root: string): boolean {
  return key === root || key.startsWith(`${root}.`);
}

/**
 * The lines of a ConfigError, one per mistake: a finding about a key a misspelt key explains, a finding that follows
 * from another key's finding, and a second finding about the same key are dropped (the first finding per key stays;
 * the loader orders them schema first, then cross-field rules).
 */
export function oneLinePerMistake(findings: readonly Finding[]): string[] {
  const explained = findings.flatMap((f) => (f.explains === undefined ? [] : [f.explains]));
  const seen = new Set<string>();
  return findings.filter((f) => {
    if (f.explains === undefined && explained.some((e) => under(f.key, e))) return false;
    if (f.after?.some((a) => findings.some((other) => other !== f && under(other.key, a)))) return false;
    if (f.key !== "" && seen.has(f.key)) return false;
    seen.add(f.key);
    return true;
  }).map((f) => f.line);
}
