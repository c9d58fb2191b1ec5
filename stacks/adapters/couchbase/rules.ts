import {
  ARCHIVE_EXPIRY_MARGIN_DAYS, engineSizingProblems, minimumArchiveExpiryDays, placeholderDigest, placementProblems, type SizingInput,
} from "../../../components/couchbase/rules";
import type { Problem } from "../../config/problems";
import type { AdapterRule } from "../contract";
import { imagePairingProblems, kubernetesHostingProblems } from "../kubernetes-hosting";
import { s3Adapter } from "../s3";
import type { CouchbaseProfile } from "./profiles";
import type { CouchbaseConfig } from "./schema";
import type { CouchbaseSettings } from "./settings";

type Rule = AdapterRule<CouchbaseConfig, CouchbaseProfile, CouchbaseSettings>;

const sizing = (s: CouchbaseSettings): SizingInput => ({
  servers: s.servers, dataMemoryQuotaMiB: s.dataMemoryQuotaMiB, indexMemoryQuotaMiB: s.indexMemoryQuotaMiB, bucketMemoryQuotaMiB: s.bucket.memoryQuotaMiB,
  replicas: s.bucket.replicas, durability: s.bucket.durability, maxTtlSeconds: s.bucket.maxTtlSeconds, memoryMiB: s.memoryMiB,
});
const asProblems = (found: { field: string; message: string }[]): Problem[] => found.map((p) => ({ path: p.field.split("."), message: p.message }));

/**
 * The operator and its licence are prerequisites: the Couchbase Autonomous Operator supports only Couchbase Server
 * Enterprise Edition (it refuses a community-edition member, pkg/cluster/member.go), which is licensed software.
 */
const LICENCE = "the Couchbase Autonomous Operator runs only Couchbase Server Enterprise Edition, which needs a Couchbase licence (README: Couchbase)";

/** Rules across keys, run on the settings when Couchbase is enabled (paths inside `sparki-storage:couchbase`). */
export const COUCHBASE_RULES: readonly Rule[] = [
  ({ settings: s }) => [
    ...(s.licenseAccepted ? [] : [{
      path: ["licenseAccepted"],
      message: `must be true to deploy Couchbase, together with operatorNamespace naming the operator's namespace: ${LICENCE}; install the operator and set both`,
      defaultInEffect: undefined,
    }]),
    ...(s.operatorNamespace !== undefined ? [] : [{
      path: ["operatorNamespace"],
      message: `must name the namespace of the Couchbase Autonomous Operator (a prerequisite this stack does not install), together with licenseAccepted: true: ${LICENCE}`,
    }]),
  ],

  // Context, StorageClass, the EBS CSI role, backups and their OIDC provider: the rules of every Kubernetes adapter.
  ({ config, settings, scope }) => kubernetesHostingProblems(config, settings, scope),

  ({ config }) => [...imagePairingProblems(config.image, "image"), ...imagePairingProblems(config.backupImage, "backupImage")],

  ({ settings: s }) => s.backup.enabled && s.backupImage.digest === undefined
    ? [{
      path: ["backupImage", "digest"],
      message: "must be set when backups are on: no public project pins a digest for couchbase/operator-backup:1.5.0 (the image the operator's backup jobs run); mirror it (`crane copy` keeps the digest) and name your mirror's digest",
      defaultInEffect: undefined,
    }]
    : [],

  // An obvious stand-in digest never pulls: every backup job would fail, seen only runs later.
  ({ settings: s }) => s.backup.enabled && placeholderDigest(s.backupImage.digest)
    ? [{
      path: ["backupImage", "digest"],
      message: "is a placeholder (one hex digit 64 times), not an image's digest: the backup jobs would never pull it. Name the digest of your mirror of couchbase/operator-backup:1.5.0 (`crane digest <mirror>:1.5.0`)",
    }]
    : [],

  // The configBackups bucket's S3 expiry must not delete what cbbackupmgr still keeps (components/couchbase/rules.ts
  // minimumArchiveExpiryDays); the S3 side's lifecycle is its own, so the retention has to fit under it.
  ({ settings: s, scope }) => {
    if (!s.backup.enabled) return [];
    const expiry = scope.settingsOf(s3Adapter).lifecycle.configBackups.expirationDays;
    const needed = minimumArchiveExpiryDays(s.backupRetentionHours);
    return expiry !== undefined && expiry < needed
      ? [{
        path: ["backupRetentionHours"],
        message: `must leave at least ${ARCHIVE_EXPIRY_MARGIN_DAYS} days before objectStore.configBackups.expirationDays (${expiry}) deletes the archive's objects: at most ${(expiry - ARCHIVE_EXPIRY_MARGIN_DAYS) * 24} hours, or raise that expiry to at least ${needed} days`,
      }]
      : [];
  },

  // A limit under the request is refused by the API server (a container's limit must be >= its request).
  ({ settings: s }) => s.cpuLimitMillis < s.cpuMillis
    ? [{ path: ["cpuLimitMillis"], message: `must be at least cpuMillis (${s.cpuMillis}): Kubernetes refuses a CPU limit below the request` }]
    : [],

  // What the operator and the server refuse (memory quotas, replicas, durability, max TTL).
  ({ settings: s }) => asProblems(engineSizingProblems(sizing(s))),

  // Replicas need other data nodes; the pod's memory must hold the quotas.
  ({ settings: s }) => asProblems(placementProblems(sizing(s))),

  ({ settings: s, scope }) => s.bucket.replicas < s.minReplicas
    ? [{ path: ["bucket", "replicas"], message: `must be at least ${s.minReplicas} for profile "${scope.env.profile.name}" (every document keeps a copy on another server, so losing one server loses no data)` }]
    : [],

  // One server per zone up to three: a zone outage takes at most one server (and, with two replicas, no data).
  ({ settings: s, scope }) => {
    const zones = new Set(s.serverGroups).size;
    const needed = Math.min(s.servers, 3);
    return s.spreadOverZones && s.servers > 1 && zones < needed
      ? [{ path: ["serverGroups"], message: `must list at least ${needed} distinct zones for ${s.servers} servers in profile "${scope.env.profile.name}" (one server per zone, up to three)` }]
      : [];
  },
];
