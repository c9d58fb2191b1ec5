// What the official Neo4j image and Neo4j itself refuse, and the Neo4j baseline, as pure checks on plain data (the
// policy pack's engine rule and baseline policy call these; components/neo4j is written to pass them).

import { BOLT_PORT, HTTPS_PORT, PATHS } from "./names";

/** The docker-entrypoint.sh of the 5.x image these checks read (neo4j/docker-neo4j, read 2026-11-29). */
export const ENTRYPOINT_SOURCE = "neo4j/docker-neo4j docker-image-src/5/coredb/docker-entrypoint.sh";
/** Neo4j's HTTP port (the connector components/neo4j turns off). */
export const HTTP_PORT = 7474;

export interface MountShape { readonly name?: string; readonly mountPath?: string; readonly readOnly?: boolean }
export interface ContainerShape {
  readonly name?: string;
  readonly image?: string;
  readonly command?: readonly string[];
  readonly env?: readonly { readonly name?: string; readonly value?: string; readonly valueFrom?: unknown }[];
  readonly volumeMounts?: readonly MountShape[];
  readonly securityContext?: { readonly readOnlyRootFilesystem?: boolean };
}

/** A container of the official Neo4j image that runs the image's own entrypoint (no `command`), i.e. the server. */
export function isNeo4jServer(c: ContainerShape): boolean {
  return /(^|\/)neo4j[:@]/.test(c.image ?? "") && (c.command ?? []).length === 0;
}

const clean = (path: string | undefined) => (path ?? "").replace(/\/+$/, "");

/**
 * What the entrypoint refuses under a read-only root filesystem: it writes its Docker defaults into
 * NEO4J_HOME/conf/neo4j.conf (`add_docker_default_to_conf`, `echo … >> …/conf/neo4j.conf`) under `bash -eu`, so the
 * script exits when that directory is not writable; and for a mounted /ssl it runs `rm -rf NEO4J_HOME/certificates`
 * and `ln -s /ssl …`, which a read-only root refuses (ENTRYPOINT_SOURCE).
 */
export function entrypointProblems(c: ContainerShape): string[] {
  if (c.securityContext?.readOnlyRootFilesystem !== true) return [];
  const mounts = c.volumeMounts ?? [];
  const writableConf = mounts.some((m) => clean(m.mountPath) === PATHS.conf && m.readOnly !== true);
  return [
    ...(writableConf ? [] : [`${c.name ?? "neo4j"}: read-only root filesystem without a writable volume at ${PATHS.conf}: the image's entrypoint appends to neo4j.conf there and exits`]),
    ...(mounts.some((m) => clean(m.mountPath) === "/ssl")
      ? [`${c.name ?? "neo4j"}: /ssl is mounted on a read-only root filesystem: the entrypoint replaces ${PATHS.conf.replace("/conf", "/certificates")} with a symlink to it and exits`] : []),
  ];
}

/** `key=value` lines of a neo4j.conf (the last value of a key wins, as Neo4j reads it; comments skipped). */
export function parseNeo4jConf(conf: string): Map<string, string> {
  const settings = new Map<string, string>();
  for (const raw of conf.split("\n")) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#") || !line.includes("=")) continue;
    const at = line.indexOf("=");
    settings.set(line.slice(0, at).trim(), line.slice(at + 1).trim());
  }
  return settings;
}

/**
 * The baseline of a neo4j.conf: Bolt requires TLS, the plaintext HTTP connector is off (its default is on,
 * `server.http.enabled`), authentication is on, and TLS on Bolt and HTTPS comes from an enabled SSL policy
 * (https://neo4j.com/docs/operations-manual/5/security/ssl-framework/ and configuration-settings/, checked 2026-11-29).
 */
export function confBaselineProblems(conf: string): string[] {
  const s = parseNeo4jConf(conf);
  const is = (key: string, value: string) => (s.get(key) ?? "").toLowerCase() === value;
  return [
    ...(is("server.bolt.tls_level", "required") ? [] : [`server.bolt.tls_level is ${s.get("server.bolt.tls_level") ?? "unset (DISABLED)"}: Bolt clients may connect in plaintext`]),
    ...(is("dbms.ssl.policy.bolt.enabled", "true") ? [] : ["no enabled dbms.ssl.policy.bolt: Bolt has no certificate"]),
    ...(is("server.http.enabled", "false") ? [] : ["server.http.enabled is not false: the plaintext HTTP connector (7474) is on"]),
    ...(is("server.https.enabled", "true") && !is("dbms.ssl.policy.https.enabled", "true") ? ["HTTPS is on without an enabled dbms.ssl.policy.https"] : []),
    ...(is("dbms.security.auth_enabled", "false") ? ["dbms.security.auth_enabled is false: anyone who reaches Bolt is an administrator"] : []),
  ];
}

/** Ports of a Service that reach Neo4j (Bolt, HTTP, HTTPS). */
export const NEO4J_PORTS: readonly number[] = [BOLT_PORT, HTTP_PORT, HTTPS_PORT];

/** Names of the ports of a Neo4j container (the official chart's and components/neo4j's): a Service's named targetPort. */
export const NEO4J_PORT_NAMES: readonly string[] = ["bolt", "http", "https"];

/**
 * The image's control variables, which the entrypoint does not turn into settings (`not_configs`, ENTRYPOINT_SOURCE).
 */
const NOT_CONFIGS = new Set(["NEO4J_ACCEPT_LICENSE_AGREEMENT", "NEO4J_AUTH", "NEO4J_AUTH_PATH", "NEO4J_DEBUG", "NEO4J_EDITION",
  "NEO4J_HOME", "NEO4J_PLUGINS", "NEO4J_SHA256", "NEO4J_TARBALL", "NEO4J_DEPRECATION_WARNING"]);

/**
 * The setting a NEO4J_* variable becomes, as the entrypoint derives it (`sed 's|^NEO4J_||' | sed 's|_|.|g' | sed
 * 's|\.\.|_|g'`: `_` is `.`, `__` is `_`), or undefined for a control variable or a `_FILE` secret (ENTRYPOINT_SOURCE).
 */
export function envSettingName(variable: string): string | undefined {
  if (!variable.startsWith("NEO4J_") || NOT_CONFIGS.has(variable) || variable.endsWith("_FILE")) return undefined;
  return variable.slice("NEO4J_".length).replaceAll("_", ".").replaceAll("..", "_");
}

/** The settings the baseline depends on, and the value each must have when an environment variable sets it. */
const BASELINE_VALUES: Readonly<Record<string, string>> = {
  "server.bolt.tls_level": "REQUIRED",
  "dbms.ssl.policy.bolt.enabled": "true",
  "server.http.enabled": "false",
  "dbms.ssl.policy.https.enabled": "true",
  "dbms.security.auth_enabled": "true",
};

/**
 * The baseline of a Neo4j server container's environment. The entrypoint appends every NEO4J_* variable to neo4j.conf
 * after the configuration file's own lines, so they override it ("these override BOTH defaults and any existing values
 * in the neo4j.conf file"), `NEO4J_AUTH=none` turns authentication off (`add_env_setting_to_conf
 * "dbms.security.auth_enabled" "false"`), and `NEO4J_<x>_FILE` sets `NEO4J_<x>` from a file (ENTRYPOINT_SOURCE). A
 * variable that sets a baseline setting must hold the baseline's value; one whose value the policy cannot see (from a
 * Secret or ConfigMap, or a `_FILE`) must not touch a baseline setting or NEO4J_AUTH at all.
 */
export function envBaselineProblems(c: ContainerShape): string[] {
  const who = c.name ?? "neo4j";
  return (c.env ?? []).flatMap((variable) => {
    const name = variable.name ?? "";
    const base = name.endsWith("_FILE") ? name.slice(0, -"_FILE".length) : name;
    const setting = base === "NEO4J_AUTH" ? "NEO4J_AUTH" : envSettingName(base);
    if (setting === undefined || (setting !== "NEO4J_AUTH" && !(setting in BASELINE_VALUES))) return [];
    // An empty value is skipped by the entrypoint (`if [[ -n ${value} ]]`).
    if (name === base && variable.valueFrom === undefined && (variable.value ?? "") === "") return [];
    if (name !== base || variable.valueFrom !== undefined || variable.value === undefined) {
      return [`${who}: ${name} sets ${setting} from a value the policy cannot read; set it in neo4j.conf (the ConfigMap) instead`];
    }
    if (setting === "NEO4J_AUTH") return variable.value.trim().toLowerCase() === "none" ? [`${who}: NEO4J_AUTH=none turns authentication off`] : [];
    const wanted = BASELINE_VALUES[setting];
    return variable.value.trim().toLowerCase() === wanted.toLowerCase() ? [] : [`${who}: ${name}=${variable.value} overrides ${setting} (must be ${wanted})`];
  });
}
