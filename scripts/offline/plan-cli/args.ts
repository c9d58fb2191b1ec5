// The arguments of `npm run plan`: one stack name and a few options, every mistake named in one line.

export const FORMATS = ["text", "markdown", "json"] as const;
export type Format = (typeof FORMATS)[number];

export interface PlanOptions {
  readonly stack: string;
  readonly format: Format;
  readonly stackDir?: string;
  readonly base?: string;
}

export type ParsedArgs =
  | { readonly kind: "help" }
  | { readonly kind: "error"; readonly message: string }
  | { readonly kind: "plan"; readonly options: PlanOptions };

export const SYNOPSIS = "usage: npm run plan -- <stack> [--format text|markdown|json] [--stack-dir DIR] [--base GIT_REF]";

export const USAGE = `${SYNOPSIS}

Plans one stack offline: runs the real program under Pulumi mocks with the config of Pulumi.<stack>.yaml and
prints what it would create. No cloud account, no credentials, no Pulumi CLI.

  <stack>            the stack: reads Pulumi.<stack>.yaml
  --format FORMAT    text (default: every input), markdown (a PR comment, under GitHub's 65,536 characters)
                     or json
  --stack-dir DIR    read Pulumi.yaml and Pulumi.<stack>.yaml from DIR instead of the repository root
  --base GIT_REF     also plan the stack at GIT_REF (a branch, tag or commit, e.g. origin/main) and print the
                     difference first: stateful resources replaced or deleted, stateful ones changed, then
                     added, removed and changed resources
  -h, --help         print this help

Exit status: 0 planned; 1 the stack does not plan (bad config: one line per problem); 2 bad arguments.`;

interface ValueOption {
  readonly flag: "--format" | "--stack-dir" | "--base";
  /** The message when the value is missing. */
  readonly missing: string;
  /** The message when the value is not allowed, if it is not. */
  check?(value: string): string | undefined;
}

const OPTIONS: readonly ValueOption[] = [
  {
    flag: "--format",
    missing: `--format needs a value: ${FORMATS.join(", ")}`,
    check: (v) => ((FORMATS as readonly string[]).includes(v) ? undefined : `--format must be one of ${FORMATS.join(", ")}, got "${v}"`),
  },
  { flag: "--stack-dir", missing: "--stack-dir needs a folder (the one holding Pulumi.yaml and Pulumi.<stack>.yaml)" },
  { flag: "--base", missing: "--base needs a git ref: a branch, tag or commit, e.g. origin/main" },
];

const KNOWN_FLAGS = [...OPTIONS.map((o) => o.flag), "--help"];

/** Edit distance between two strings: insertions, deletions, substitutions and swaps of neighbours (`fromat`). */
export function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** The known flag closest to a mistyped one (`--fromat`, `-format`, `--stackdir`, `--form`), if one is close enough. */
export function suggestion(flag: string): string | undefined {
  const bare = flag.replace(/^-+/, "").toLowerCase();
  if (bare.length === 0) return undefined;
  const close = (known: string) => distance(bare, known) <= Math.max(1, Math.floor(known.length / 3)) || (bare.length >= 2 && known.startsWith(bare));
  const ranked = KNOWN_FLAGS.map((flagName) => flagName.slice(2)).filter(close).sort((x, y) => distance(bare, x) - distance(bare, y));
  return ranked.length > 0 ? `--${ranked[0]}` : undefined;
}

const error = (message: string): ParsedArgs => ({ kind: "error", message });

export function parsePlanArgs(argv: readonly string[]): ParsedArgs {
  const dashDash = argv.indexOf("--");
  const flags = dashDash < 0 ? argv : argv.slice(0, dashDash);
  if (flags.includes("--help") || flags.includes("-h")) return { kind: "help" };
  const values = new Map<ValueOption["flag"], string>();
  const positional: string[] = dashDash < 0 ? [] : argv.slice(dashDash + 1);
  for (let i = 0; i < flags.length; i++) {
    const arg = flags[i];
    if (!arg.startsWith("-") || arg === "-") {
      positional.push(arg);
      continue;
    }
    const eq = arg.startsWith("--") ? arg.indexOf("=") : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const option = OPTIONS.find((o) => o.flag === name);
    if (!option) {
      const near = suggestion(name);
      return error(`unknown option ${name}${near ? ` (did you mean ${near}?)` : ""}`);
    }
    if (values.has(option.flag)) return error(`${option.flag} is given twice`);
    let value: string | undefined;
    if (eq > 0) value = arg.slice(eq + 1);
    else if (i + 1 < flags.length && !flags[i + 1].startsWith("-")) value = flags[++i];
    if (!value) return error(option.missing);
    const problem = option.check?.(value);
    if (problem) return error(problem);
    values.set(option.flag, value);
  }
  if (positional.length === 0) return error("no stack given: name one, e.g. npm run plan -- dev");
  if (positional.length > 1) return error(`one stack at a time, got ${positional.map((p) => `"${p}"`).join(" and ")}`);
  const stackDir = values.get("--stack-dir");
  const base = values.get("--base");
  return {
    kind: "plan",
    options: { stack: positional[0], format: (values.get("--format") ?? "text") as Format, ...(stackDir ? { stackDir } : {}), ...(base ? { base } : {}) },
  };
}
