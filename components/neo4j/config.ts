import { BOLT_PORT, HTTPS_PORT, PATHS } from "./names";

/**
 * JVM options of Neo4j's own default neo4j.conf (the lines the official Helm chart keeps with
 * `jvm.useNeo4jDefaultJvmArguments`, neo4j/helm-charts neo4j/neo4j-community.conf, read 2026-11-29). The component
 * ships the whole configuration (the image's neo4j.conf is not read: NEO4J_HOME/conf is an emptyDir the entrypoint
 * fills from the ConfigMap), so these are restated here.
 */
export const DEFAULT_JVM_OPTIONS = [
  "-XX:+UseG1GC",
  "-XX:-OmitStackTraceInFastThrow",
  "-XX:+AlwaysPreTouch",
  "-XX:+UnlockExperimentalVMOptions",
  "-XX:+TrustFinalNonStaticFields",
  "-XX:+DisableExplicitGC",
  "-Djdk.nio.maxCachedBufferSize=1024",
  "-Dio.netty.tryReflectionSetAccessible=true",
  "-Djdk.tls.ephemeralDHKeySize=2048",
  "-Djdk.tls.rejectClientInitiatedRenegotiation=true",
  "--add-opens=java.base/java.nio=ALL-UNNAMED",
  "--add-opens=java.base/java.io=ALL-UNNAMED",
  "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
  "-Dlog4j2.disable.jmx=true",
  // A heap that cannot grow is better restarted than left thrashing.
  "-XX:+ExitOnOutOfMemoryError",
] as const;

/** Names of the files in the ConfigMap (the entrypoint copies them into NEO4J_HOME/conf under these names). */
export const CONFIG_FILES = { neo4j: "neo4j.conf", serverLogs: "server-logs.xml", userLogs: "user-logs.xml" } as const;

export interface MemorySizing {
  /** Container memory limit, MiB. */
  readonly memoryMiB: number;
}

/**
 * Heap and page cache from the container's memory: half for the heap (initial = max, as Neo4j's memory guide
 * recommends, https://neo4j.com/docs/operations-manual/5/performance/memory-configuration/, checked 2026-11-29), a
 * quarter for the page cache, the rest for native memory (Netty buffers, thread stacks, the JVM itself).
 */
export function memorySettings(s: MemorySizing): { heapMiB: number; pageCacheMiB: number } {
  return { heapMiB: Math.floor(s.memoryMiB / 2), pageCacheMiB: Math.floor(s.memoryMiB / 4) };
}

export interface Neo4jConfInput extends MemorySizing {
  /** Address the server advertises (the client Service's FQDN): what a `neo4j+s://` driver's routing table returns. */
  readonly advertisedAddress: string;
  /** Days of transaction logs kept (point-in-time recovery after a crash, not a backup). */
  readonly txLogRetentionDays: number;
}

/** The settings of one SSL policy (`dbms.ssl.policy.<scope>.*`) on the mounted TLS Secret. */
function sslPolicy(scope: "bolt" | "https"): Record<string, string> {
  const p = `dbms.ssl.policy.${scope}`;
  return {
    [`${p}.enabled`]: "true",
    // base_directory must exist (SslPolicyLoader: "Base directory … does not exist"); trusted_dir and revoked_dir may
    // be absent, and trust anchors are only required with client_auth=REQUIRE (neo4j/neo4j community/ssl
    // SslPolicyLoader.java, read 2026-11-29). Clients authenticate with a password, not a certificate.
    [`${p}.base_directory`]: PATHS.certificates,
    [`${p}.private_key`]: "private.key",
    [`${p}.public_certificate`]: "public.crt",
    [`${p}.client_auth`]: "NONE",
    [`${p}.tls_versions`]: "TLSv1.3,TLSv1.2",
  };
}

/**
 * The whole neo4j.conf. Bolt requires TLS (`server.bolt.tls_level=REQUIRED`; its default is DISABLED, neo4j/neo4j
 * BoltConnector.java, read 2026-11-29), the HTTP connector is off and HTTPS
 * serves the Browser and the query API only with the https policy; both policies use the certificate of the TLS
 * Secret (https://neo4j.com/docs/operations-manual/5/security/ssl-framework/, checked 2026-11-29). Settings are the
 * 5.x names (https://neo4j.com/docs/operations-manual/5/configuration/configuration-settings/, checked 2026-11-29).
 */
export function neo4jConf(input: Neo4jConfInput): string {
  const memory = memorySettings(input);
  const settings: Record<string, string> = {
    "server.default_listen_address": "0.0.0.0",
    "server.default_advertised_address": input.advertisedAddress,
    "server.bolt.enabled": "true",
    "server.bolt.listen_address": `:${BOLT_PORT}`,
    "server.bolt.tls_level": "REQUIRED",
    "server.http.enabled": "false",
    "server.https.enabled": "true",
    "server.https.listen_address": `:${HTTPS_PORT}`,
    ...sslPolicy("bolt"),
    ...sslPolicy("https"),
    "dbms.security.auth_enabled": "true",
    "server.memory.heap.initial_size": `${memory.heapMiB}m`,
    "server.memory.heap.max_size": `${memory.heapMiB}m`,
    "server.memory.pagecache.size": `${memory.pageCacheMiB}m`,
    "server.directories.logs": PATHS.logs,
    "server.directories.run": PATHS.run,
    "server.logs.config": `${PATHS.conf}/${CONFIG_FILES.serverLogs}`,
    "server.logs.user.config": `${PATHS.conf}/${CONFIG_FILES.userLogs}`,
    "db.tx_log.rotation.retention_policy": `${input.txLogRetentionDays} days`,
    // No anonymous usage reports leave the cluster (default true: GraphDatabaseSettings `udc_enabled`, neo4j/neo4j, read 2026-11-29).
    "dbms.usage_report.enabled": "false",
  };
  return [
    "# Written by sparki-storage (components/neo4j); the entrypoint copies it into NEO4J_HOME/conf at every start.",
    ...Object.entries(settings).map(([key, value]) => `${key}=${value}`),
    ...DEFAULT_JVM_OPTIONS.map((option) => `server.jvm.additional=${option}`),
    "",
  ].join("\n");
}

/**
 * A log4j 2 configuration sending every log to standard output (the pod's log, which the cluster collects), so no
 * log file grows in the logs emptyDir. Neo4j 5 configures its logs with log4j 2 files named by `server.logs.config`
 * and `server.logs.user.config` (https://neo4j.com/docs/operations-manual/5/monitoring/logging/, checked 2026-11-29).
 */
export function consoleLogConfig(level: "INFO" | "WARN"): string {
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<Configuration status="ERROR">`,
    `  <Appenders>`,
    `    <Console name="Stdout" target="SYSTEM_OUT">`,
    `      <PatternLayout pattern="%d{yyyy-MM-dd HH:mm:ss.SSSZ}{GMT+0} %-5p [%c{1}] %m%n"/>`,
    `    </Console>`,
    `  </Appenders>`,
    `  <Loggers>`,
    `    <Root level="${level}">`,
    `      <AppenderRef ref="Stdout"/>`,
    `    </Root>`,
    `  </Loggers>`,
    `</Configuration>`,
    "",
  ].join("\n");
}
