// Pure: what `surreal start` refuses or accepts, for the policy pack (policy/engine-rules-surrealdb.ts, policy/surrealdb.ts).

/**
 * `--web-crt` and `--web-key` are one clap argument group with `requires_all = ["web_crt", "web_key"]`: the CLI
 * refuses to start with one of them alone (surrealdb-server src/cli/start.rs, StartCommandWebTlsOptions; the same in
 * 3.1.x source on docs.rs, read 2026-11-29).
 */
export const SURREAL_WEB_TLS_SOURCE = "surrealdb-server src/cli/start.rs StartCommandWebTlsOptions: #[group(requires_all = [\"web_crt\", \"web_key\"])]";

/**
 * The datastore path the server accepts: `Datastore::new` -> `path_valid` takes exactly `memory` and `mem` (each
 * optionally followed by `?query`) and anything starting `file:`, `rocksdb:`, `surrealkv:`, `mem:` or `tikv:`; every
 * other path fails with "Provide a valid database path parameter" and the server exits (surrealdb/surrealdb
 * surrealdb/core/src/kvs/ds.rs `fn path_valid`, read at HEAD a97d3af (3.1.0-alpha, Apr 2026; no v3.2.x tag in the
 * mirror) on 2026-11-29). FoundationDB (`fdb:`) is no longer accepted in 3.x.
 */
export const SURREAL_PATH_SOURCE = "surrealdb/surrealdb surrealdb/core/src/kvs/ds.rs fn path_valid (HEAD a97d3af, read 2026-11-29)";
/** Whole paths `path_valid` accepts (before any `?query`). */
export const DATASTORE_BARE = ["memory", "mem"] as const;
/** Prefixes `path_valid` accepts. */
export const DATASTORE_PREFIXES = ["file:", "rocksdb:", "surrealkv:", "mem:", "tikv:"] as const;

/** Whether `surreal start` accepts the datastore path (the same test as ds.rs `path_valid`). */
export function datastorePathValid(path: string): boolean {
  const scheme = path.split("?")[0];
  return (DATASTORE_BARE as readonly string[]).includes(scheme) || DATASTORE_PREFIXES.some((p) => scheme.startsWith(p));
}

/** Whether the path keeps nothing across a restart (`memory`, `mem`, `mem:`). */
export function inMemoryPath(path: string): boolean {
  const scheme = path.split("?")[0];
  return scheme === "memory" || scheme === "mem" || scheme.startsWith("mem:");
}

/**
 * Capability flags (and their environment variables) that widen what the server lets queries do beyond its
 * defaults (functions, RPC and HTTP routes allowed; outbound network, guests, scripting, arbitrary queries by
 * guests/record users and experimental features denied): `-A/--allow-all`, `--allow-net` (lets any EDITOR make the
 * server send HTTP requests through `http::*`), `--allow-guests`, `--allow-scripting`, `--allow-arbitrary-query`,
 * `--allow-experimental` (surrealdb/surrealdb surrealdb/server/src/dbs/mod.rs `struct DbsCapabilities`, HEAD a97d3af,
 * read 2026-11-29; https://surrealdb.com/docs/security/capabilities, checked 2026-11-29).
 */
export const CAPABILITY_WIDENING: readonly { readonly flags: readonly string[]; readonly env: string }[] = [
  { flags: ["--allow-all", "-A"], env: "SURREAL_CAPS_ALLOW_ALL" },
  { flags: ["--allow-net"], env: "SURREAL_CAPS_ALLOW_NET" },
  { flags: ["--allow-guests"], env: "SURREAL_CAPS_ALLOW_GUESTS" },
  { flags: ["--allow-scripting"], env: "SURREAL_CAPS_ALLOW_SCRIPT" },
  { flags: ["--allow-arbitrary-query"], env: "SURREAL_CAPS_ALLOW_ARBITRARY_QUERY" },
  { flags: ["--allow-experimental"], env: "SURREAL_CAPS_ALLOW_EXPERIMENTAL" },
];

/** One container of a workload, as plain data. */
export interface ContainerShape {
  readonly image?: string;
  readonly command?: readonly string[];
  readonly args?: readonly string[];
  readonly env?: readonly { readonly name: string; readonly value?: string }[];
}

/** A SurrealDB server container: the official image (or a mirror of its path), or `/surreal start`. */
export function isSurrealServer(c: ContainerShape): boolean {
  const words = [...(c.command ?? []), ...(c.args ?? [])];
  const surrealImage = /(^|\/)surrealdb\/surrealdb[:@]/.test(c.image ?? "");
  return (surrealImage || words[0] === "/surreal" || words[0] === "surreal") && words.includes("start");
}

/** The value of `--flag value` or `--flag=value` among the words, or of its environment variable. */
function option(c: ContainerShape, flags: readonly string[], env: string): string | undefined {
  const words = [...(c.command ?? []), ...(c.args ?? [])];
  for (let i = 0; i < words.length; i++) {
    for (const flag of flags) {
      if (words[i] === flag) return words[i + 1] ?? "";
      if (words[i].startsWith(`${flag}=`)) return words[i].slice(flag.length + 1);
    }
  }
  return c.env?.find((e) => e.name === env)?.value;
}

/** Whether a flag without value (`--unauthenticated`) is given, or its environment variable is true. */
function switchOn(c: ContainerShape, flag: string, env: string): boolean {
  const words = [...(c.command ?? []), ...(c.args ?? [])];
  return words.includes(flag) || words.includes(`${flag}=true`) || c.env?.find((e) => e.name === env)?.value === "true";
}

/** Whether `--flag`, `--flag=…` or (for a short flag) a cluster containing it such as `-Ab` is among the words. */
function flagGiven(c: ContainerShape, flag: string): boolean {
  const words = [...(c.command ?? []), ...(c.args ?? [])];
  const short = /^-[A-Za-z]$/.test(flag) ? flag[1] : undefined;
  return words.some((w) => w === flag || w.startsWith(`${flag}=`) || (short !== undefined && /^-[A-Za-z]+$/.test(w) && w.includes(short)));
}

/** Whether an environment variable is set to anything but an explicit false (clap reads booleans and target lists from it). */
function envSet(c: ContainerShape, name: string): boolean {
  const value = c.env?.find((e) => e.name === name)?.value;
  return value !== undefined && value !== "false" && value !== "0";
}

/** Flags of `surreal start` that take a value (so the word after them is not the datastore path). */
const VALUED_FLAGS = new Set([
  "--bind", "-b", "--log", "-l", "--user", "-u", "--username", "--pass", "-p", "--password", "--web-crt", "--web-key", "--kvs-ca", "--kvs-crt",
  "--kvs-key", "--import-file", "--temporary-directory", "--client-ip", "--allow-net", "--deny-net", "--allow-funcs", "--deny-funcs",
  "--allow-experimental", "--tick-interval", "--query-timeout", "--transaction-timeout", "--postgres-bind",
]);

/** The datastore path: the positional argument after `start`, else SURREAL_PATH, else `memory` (the CLI's default). */
export function datastorePath(c: ContainerShape): string {
  const words = [...(c.command ?? []), ...(c.args ?? [])];
  const start = words.indexOf("start");
  for (let i = start + 1; i < words.length; i++) {
    const word = words[i];
    if (word.startsWith("-")) {
      if (VALUED_FLAGS.has(word)) i++;
      continue;
    }
    return word;
  }
  return c.env?.find((e) => e.name === "SURREAL_PATH")?.value ?? "memory";
}

/** What `surreal start` refuses: a certificate without its key (or the reverse), a path naming no backend. */
export function startProblems(c: ContainerShape): string[] {
  const crt = option(c, ["--web-crt"], "SURREAL_WEB_CRT");
  const key = option(c, ["--web-key"], "SURREAL_WEB_KEY");
  const path = datastorePath(c);
  return [
    ...(crt !== undefined && key === undefined ? ["--web-crt is set without --web-key (the CLI requires both)"] : []),
    ...(key !== undefined && crt === undefined ? ["--web-key is set without --web-crt (the CLI requires both)"] : []),
    ...(datastorePathValid(path)
      ? [] : [`datastore path "${path}" is refused (the server takes ${DATASTORE_BARE.join(", ")} or a path starting ${DATASTORE_PREFIXES.join(", ")})`]),
  ];
}

/** The baseline a SurrealDB server must meet: TLS, authentication, a persistent datastore, default capabilities. */
export function baselineProblems(c: ContainerShape): string[] {
  const path = datastorePath(c);
  return [
    ...(option(c, ["--web-crt"], "SURREAL_WEB_CRT") === undefined ? ["no --web-crt/--web-key: clients would speak plain HTTP/WS"] : []),
    ...(switchOn(c, "--unauthenticated", "SURREAL_UNAUTHENTICATED") ? ["--unauthenticated: anyone who reaches the port is root"] : []),
    ...(inMemoryPath(path) ? ["datastore path is memory: every restart loses all data"] : []),
    ...CAPABILITY_WIDENING.filter((cap) => cap.flags.some((f) => flagGiven(c, f)) || envSet(c, cap.env))
      .map((cap) => `${cap.flags[0]} widens the server's capabilities beyond its defaults`),
  ];
}
