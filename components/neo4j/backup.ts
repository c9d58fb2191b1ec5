import { BACKUP_DIR } from "../kubernetes/backup";
import { TLS_SECRET_KEYS } from "../kubernetes/tls";

/** Where the CA of the server certificate is mounted in the backup's export step. */
export const EXPORT_CA_DIR = "/ca";
/**
 * The export step's truststore, in the /tmp emptyDir: a PKCS12 keystore that `keytool -importcert` builds from the
 * PEM `ca.crt` in the dump container. PKCS12 is one of the JDK's standard KeyStore types ("jceks, jks, dks, pkcs11,
 * pkcs12"; there is no standard "PEM" KeyStore type, so `-Djavax.net.ssl.trustStoreType=PEM` would fail:
 * https://docs.oracle.com/en/java/javase/17/docs/specs/security/standard-names.html#keystore-types, checked
 * 2026-11-29). It holds only the public CA certificate, so its password is no secret.
 */
export const TRUSTSTORE = "/tmp/cluster-ca.p12";
const TRUSTSTORE_PASSWORD = "public-ca-only";

/**
 * The sentinel appended to every key in the export (`n.k + '#'`). cypher-shell writes a string as the Java driver's
 * `StringValue.toString()`: wrapped in `"` with only `"` escaped (as `\"`); backslashes, newlines and `, ` are
 * written as they are (cypher-shell OutputFormatter `formatValue` → `value.toString()`, neo4j-java-driver
 * StringValue, both read 2026-11-29). So every `"` inside a key is preceded by `\`, and with the sentinel the closing
 * quote is always preceded by `#`: the first `"` not preceded by `\` ends the key, even when the key itself ends in
 * `\` or holds newlines.
 */
export const KEY_SENTINEL = "#";

/** The header line cypher-shell's plain format writes first: the column names joined by `, `. */
export const EXPORT_HEADER = "v, e, k";

/**
 * Why the backup is an export, not a dump: `neo4j-admin database dump` "can be run only on an offline Neo4j DBMS" on
 * Community Edition (https://neo4j.com/docs/operations-manual/5/backup-restore/offline-backup/, checked 2026-11-29;
 * neo4j/docs-operations#2168), and online backup is Enterprise. The store's volume is ReadWriteOnce and mounted by the
 * running server, so a second pod could not dump it anyway; stopping the only server every night is an outage. The
 * job therefore reads the Fiber adapter's data over Bolt (TLS, as `neo4j`) while the server runs: every node of the
 * adapter's label with its key `k`, value `v` and expiry `e`, the whole of what the adapter stores
 * (gofiber/storage neo4j/neo4j.go `MERGE (n:%s{ k: $key }) SET n.v = $val, n.e = $exp`, read 2026-11-29). It is not a
 * store backup: users, other labels and relationships are not in it (docs/components.md, Neo4j).
 *
 * The format is chosen so cypher-shell's plain output can be read back without loss (see {@link parseExport}):
 * - `v` (a byte array: the adapter passes `[]byte`) as `[x IN n.v | x]`, a list of signed integers -128..127.
 *   cypher-shell would print a byte array itself as `#` + hex with every byte ≥ 0x80 sign-extended to 8 digits
 *   (`BytesValue.toString()`), which no Cypher can read back; a list of integers is unambiguous.
 * - `e` an integer (Unix seconds, 0 = no expiry) or `NULL`.
 * - `k` last, with {@link KEY_SENTINEL} appended.
 * No ORDER BY: a Sort over an unfiltered label scan holds every row, values included, in the server's heap, and
 * nothing needs the order; rows stream to the client as they are read.
 */
export function exportQuery(nodeLabel: string): string {
  return `MATCH (n:${nodeLabel}) RETURN [x IN n.v | x] AS v, n.e AS e, n.k + '${KEY_SENTINEL}' AS k`;
}

/** The file the export leaves in the scratch volume (gzip of cypher-shell's plain output). */
export const exportFile = (nodeLabel: string) => `${BACKUP_DIR}/${nodeLabel}.export.gz`;

/**
 * The JVM options of the export: the truststore, and UTF-8 output. In JAVA_TOOL_OPTIONS, which the JVM itself reads
 * whatever the launcher script does ("the JVM checks the JAVA_TOOL_OPTIONS environment variable", JVM TI,
 * https://docs.oracle.com/en/java/javase/17/docs/specs/jvmti.html#tooloptions, checked 2026-11-29); JAVA_OPTS is
 * honoured only by launchers that pass it on. The JVM's "Picked up JAVA_TOOL_OPTIONS" notice goes to stderr, not into
 * the export. `stdout.encoding` is read from Java 19; earlier JVMs take stdout's
 * encoding from the image's `LANG=C.UTF-8` (docker-neo4j Dockerfile, read 2026-11-29).
 */
export function exportJavaOptions(): string {
  return [
    `-Djavax.net.ssl.trustStore=${TRUSTSTORE}`,
    "-Djavax.net.ssl.trustStoreType=PKCS12",
    `-Djavax.net.ssl.trustStorePassword=${TRUSTSTORE_PASSWORD}`,
    "-Dfile.encoding=UTF-8",
    "-Dstdout.encoding=UTF-8",
  ].join(" ");
}

/**
 * The export step's script (bash, in the server image, which ships `cypher-shell`, the JDK's `keytool` and gzip —
 * Debian's gzip is an Essential package, and the UBI variants install it, docker-neo4j Dockerfile-*, read
 * 2026-11-29): builds a PKCS12 truststore from the cluster CA of the TLS Secret (before JAVA_TOOL_OPTIONS is set, so
 * keytool does not look for the store it is creating), then streams the label's rows in cypher-shell's plain format
 * through gzip into the scratch volume. `cypher-shell` reads NEO4J_USERNAME and NEO4J_PASSWORD from the environment
 * (https://neo4j.com/docs/operations-manual/5/cypher-shell/, checked 2026-11-29), which come from the Secret.
 */
export function exportScript(uri: string, nodeLabel: string): string {
  const out = exportFile(nodeLabel);
  return [
    "set -euo pipefail",
    `keytool -importcert -noprompt -alias cluster-ca -file ${EXPORT_CA_DIR}/${TLS_SECRET_KEYS.ca} -keystore ${TRUSTSTORE} -storetype PKCS12 -storepass ${TRUSTSTORE_PASSWORD} >/dev/null`,
    `export JAVA_TOOL_OPTIONS="${exportJavaOptions()}"`,
    `cypher-shell -a "${uri}" --format plain "${exportQuery(nodeLabel)}" | gzip -c > "${out}"`,
    `echo "${nodeLabel} exported: $(stat -c %s "${out}") bytes (gzip)"`,
  ].join("\n");
}

/** One node of the Fiber label: key, value bytes (null when the node has no `v`), expiry in Unix seconds (null when absent). */
export interface ExportRow {
  readonly k: string;
  readonly v: Uint8Array | null;
  readonly e: number | null;
}

/**
 * One row as cypher-shell's plain format writes it for {@link exportQuery}: `[<signed bytes>], <e>, "<k>#"`, values
 * joined by `, ` and `NULL` for null (OutputFormatter `listAsString`, `IntegerValue`/`NullValue.toString()`), the key
 * with `"` escaped as `\"`. The writer of the format is cypher-shell; this function states it (and the tests use it).
 */
export function renderExportRow(row: ExportRow): string {
  const v = row.v === null ? "NULL" : `[${Array.from(row.v, (b) => (b > 127 ? b - 256 : b)).join(", ")}]`;
  const e = row.e === null ? "NULL" : String(row.e);
  return `${v}, ${e}, "${(row.k + KEY_SENTINEL).replaceAll('"', '\\"')}"`;
}

/** The whole export as cypher-shell writes it (header, then one row a line, `\n`-terminated). */
export function renderExport(rows: readonly ExportRow[]): string {
  return [EXPORT_HEADER, ...rows.map(renderExportRow)].map((line) => `${line}\n`).join("");
}

const INTEGER = /^-?\d+/;

/**
 * Reads an export (the gunzipped file, as UTF-8 text) back into rows (an empty file is no rows); throws naming the offset of the first thing that
 * does not fit the format. A key may hold any character (newlines, `\`, `"`, `, `): it ends at the first `"` not
 * preceded by `\` (see {@link KEY_SENTINEL}).
 */
export function parseExport(text: string): ExportRow[] {
  const fail = (at: number, what: string): never => {
    throw new Error(`Neo4j export: ${what} at offset ${at}: ${JSON.stringify(text.slice(at, at + 40))}`);
  };
  // No rows: cypher-shell may write nothing at all (the header comes from the first record's keys).
  if (text === "") return [];
  const header = `${EXPORT_HEADER}\n`;
  if (!text.startsWith(header)) fail(0, `expected the header line "${EXPORT_HEADER}"`);
  const rows: ExportRow[] = [];
  let at = header.length;
  const expect = (token: string) => {
    if (!text.startsWith(token, at)) fail(at, `expected ${JSON.stringify(token)}`);
    at += token.length;
  };
  const integer = (what: string): number => {
    const m = INTEGER.exec(text.slice(at, at + 24));
    if (m === null) return fail(at, `expected ${what}`);
    at += m[0].length;
    return Number(m[0]);
  };
  while (at < text.length) {
    let v: Uint8Array | null = null;
    if (text.startsWith("NULL", at)) {
      at += 4;
    } else {
      expect("[");
      const bytes: number[] = [];
      while (!text.startsWith("]", at)) {
        if (bytes.length > 0) expect(", ");
        const start = at;
        const b = integer("a byte");
        if (b < -128 || b > 127) fail(start, `byte ${b} outside -128..127`);
        bytes.push(b & 0xff);
      }
      at += 1;
      v = Uint8Array.from(bytes);
    }
    expect(", ");
    let e: number | null = null;
    if (text.startsWith("NULL", at)) at += 4;
    else e = integer("an integer expiry or NULL");
    expect(", ");
    expect('"');
    let end = text.indexOf('"', at);
    while (end !== -1 && text[end - 1] === "\\") end = text.indexOf('"', end + 1);
    if (end === -1) fail(at, "unterminated key");
    const quoted = text.slice(at, end);
    if (!quoted.endsWith(KEY_SENTINEL)) fail(at, `key without the ${KEY_SENTINEL} sentinel`);
    rows.push({ k: quoted.slice(0, -KEY_SENTINEL.length).replaceAll('\\"', '"'), v, e });
    at = end + 1;
    expect("\n");
  }
  return rows;
}

/**
 * The restore statement: one transaction per batch of rows, passed as the parameter `rows` (a list of maps
 * `{k: string, v: bytes, e: integer|null}`). `v` must reach the server as a Bolt byte array (Go `[]byte`, Java
 * `byte[]`, Python `bytes`, JavaScript `Int8Array`), as the Fiber adapter writes it; a list of integers would be
 * stored as an integer array. MERGE on `k` uses the adapter's key index and makes a rerun idempotent.
 */
export function restoreQuery(nodeLabel: string): string {
  return `UNWIND $rows AS r MERGE (n:${nodeLabel} {k: r.k}) SET n.v = r.v, n.e = r.e`;
}

/** The export's rows as `rows` parameters of {@link restoreQuery}, at most `batchSize` rows each (one transaction each). */
export function restoreBatches(rows: readonly ExportRow[], batchSize = 1000): { rows: ExportRow[] }[] {
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error(`batchSize must be a positive integer, got ${batchSize}`);
  const batches: { rows: ExportRow[] }[] = [];
  for (let i = 0; i < rows.length; i += batchSize) batches.push({ rows: rows.slice(i, i + batchSize) });
  return batches;
}
