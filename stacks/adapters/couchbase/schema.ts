import type { z } from "zod";
import { COUCHBASE_DEFAULTS, MAX_SERVERS } from "../../../components/couchbase/defaults";
import { COUCHBASE_BACKUP_IMAGE, COUCHBASE_SERVER_IMAGE } from "../../../components/couchbase/image";
import { BUCKET_NAME, COMPRESSION_MODES, DURABILITY_LEVELS, EVICTION_POLICIES, MAX_BUCKET_REPLICAS, MAX_TTL_SECONDS, SERVER_GROUP } from "../../../components/couchbase/rules";
import { documented } from "../../config/docs";
import { dnsLabel, flag, intRange, list, matching, oneOf, section } from "../../config/rules";
import { imageDefault, imageSchema, kubernetesHostingFields } from "../kubernetes-hosting";

const d = COUCHBASE_DEFAULTS;
const millicores = { type: "integer millicores 50..64000", description: "CPU request / limit per server; the limit is at least the request." };
const mib = (what: string, min: number, def: string) => documented(intRange(min, 262_144).optional(), { type: `integer MiB ${min}..262144`, default: def, description: what });

/** `sparki-storage:couchbase`: every field optional; what is absent comes from the tier (profiles.ts), then the component. */
export const couchbaseSchema = documented(section({
  enabled: documented(flag().optional(), { type: "boolean", description: "Deploy Couchbase at all (off in dev and prod; examples/couchbase turns it on). Needs `licenseAccepted` and `operatorNamespace`." }),
  licenseAccepted: documented(flag().optional(), {
    type: "boolean", default: "— ; must be `true` to enable",
    description: "You hold a Couchbase Enterprise licence: the Couchbase Autonomous Operator runs only Couchbase Server Enterprise Edition (README: Couchbase).",
  }),
  operatorNamespace: documented(dnsLabel.optional(), {
    type: "DNS label", default: "— ; required to enable",
    description: "Namespace of the Couchbase Autonomous Operator, a prerequisite this stack does not install; admitted to the servers' ports.",
  }),
  ...kubernetesHostingFields("couchbase"),
  clusterName: documented(matching(/^[a-z0-9]([-a-z0-9]{0,40}[a-z0-9])?$/, "a DNS label of at most 42 characters (the operator refuses longer cluster names)").optional(), {
    type: "DNS label, at most 42 characters", default: `\`${d.clusterName}\``, description: "CouchbaseCluster name: prefix of its pods, Services (`<name>-srv`) and Secrets.",
  }),
  image: imageSchema({ type: "registry host, path, tag, `sha256:<64 hex>`", default: imageDefault(COUCHBASE_SERVER_IMAGE), description: "Couchbase Server Enterprise image; `tag` and `digest` only together." }).optional(),
  backupImage: imageSchema({
    type: "as above", default: `\`${COUCHBASE_BACKUP_IMAGE.registry}\`, \`${COUCHBASE_BACKUP_IMAGE.repository}\`, \`${COUCHBASE_BACKUP_IMAGE.tag}\`, no digest`,
    description: "The operator's backup image; `digest` is required with backups (no public project pins one).",
  }).optional(),
  servers: documented(intRange(1, MAX_SERVERS).optional(), { type: `integer 1..${MAX_SERVERS}`, default: "dev `1`, prod `3`", description: "Server pods, each running the data, index and query services." }),
  serverGroups: documented(list(matching(SERVER_GROUP, "a zone name (letters, digits, '.', '_' and '-')"), 16).optional(), {
    type: "list of zone names", default: "prod: the stack's availability zones (with more than one server); dev: none",
    description: "Zones (`topology.kubernetes.io/zone`) the operator spreads the servers over; prod needs one per server, up to three.",
  }),
  volumeSizeGiB: documented(intRange(1, 16_384).optional(), { type: "integer GiB 1..16384", default: `dev \`${d.volumeSizeGiB}\`, prod \`100\``, description: "Each server's volume (data, indexes, logs)." }),
  cpuMillis: documented(intRange(50, 64_000).optional(), millicores),
  cpuLimitMillis: documented(intRange(50, 64_000).optional(), millicores),
  memoryMiB: mib("Memory request = limit per server; at least the data and index quotas plus 25 %.", 512, `dev \`${d.memoryMiB}\`, prod \`8192\``),
  dataMemoryQuotaMiB: mib("Data service quota per server (the buckets' quotas fit in it).", 256, `dev \`${d.dataMemoryQuotaMiB}\`, prod \`4096\``),
  indexMemoryQuotaMiB: mib("Index service quota per server.", 256, `dev \`${d.indexMemoryQuotaMiB}\`, prod \`512\``),
  bucket: documented(section({
    name: documented(matching(BUCKET_NAME, "1-100 of a-z, A-Z, 0-9 and \"-_%.\"").optional(), { type: "bucket name", default: `\`${d.bucket.name}\``, description: "The bucket's name (the Fiber adapter's `Bucket`)." }),
    memoryQuotaMiB: documented(intRange(100, 262_144).optional(), { type: "integer MiB 100..262144", default: `dev \`${d.bucket.memoryQuotaMiB}\`, prod \`2048\``, description: "Bucket memory quota per data server; at most `dataMemoryQuotaMiB`." }),
    replicas: documented(intRange(0, MAX_BUCKET_REPLICAS).optional(), { type: `integer 0..${MAX_BUCKET_REPLICAS}`, default: "dev `0`, prod `2`", description: "Replica copies; at most `servers - 1`, at most 2 with durability; prod at least 1." }),
    durability: documented(oneOf(DURABILITY_LEVELS).optional(), { type: DURABILITY_LEVELS.map((l) => `\`${l}\``).join(", "), default: "dev `none`, prod `majority`", description: "Minimum durability of every write (the bucket's `minimumDurability`)." }),
    maxTtlSeconds: documented(intRange(0, MAX_TTL_SECONDS).optional(), { type: `integer seconds 0..${MAX_TTL_SECONDS}`, default: "`0` (no cap)", description: "Longest a document lives; the adapter's own expiry applies below it." }),
    compression: documented(oneOf(COMPRESSION_MODES).optional(), { type: COMPRESSION_MODES.map((l) => `\`${l}\``).join(", "), default: `\`${d.bucket.compression}\``, description: "Document compression." }),
    evictionPolicy: documented(oneOf(EVICTION_POLICIES).optional(), { type: EVICTION_POLICIES.map((l) => `\`${l}\``).join(", "), default: `\`${d.bucket.evictionPolicy}\``, description: "What leaves memory under pressure." }),
  }), { description: "The Fiber adapter's bucket." }).optional(),
  appUsername: documented(matching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/, "1-128 letters, digits, '.', '_' or '-'").optional(), {
    type: "Couchbase user name", default: `\`${d.appUsername}\``, description: "The application user (data reader and writer on the bucket only); its password is generated into the Secret the output names.",
  }),
  backupRetentionHours: documented(intRange(24, 87_600).optional(), { type: "integer hours 24..87600", default: `\`${d.backupRetentionHours}\``, description: "Hours cbbackupmgr keeps a backup in S3." }),
}), {
  description: "Couchbase Server Enterprise on an existing Kubernetes cluster through the Couchbase Autonomous Operator (a prerequisite, with its licence) for the Fiber storage/couchbase adapter. Absent fields take the profile default.",
});

export type CouchbaseConfig = z.infer<typeof couchbaseSchema>;
