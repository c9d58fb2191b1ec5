import type { ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import {
  BUCKET_NAME, DURABILITY_SOURCE, MAX_BUCKET_REPLICAS, MAX_CLUSTER_NAME_LENGTH, MAX_DURABLE_REPLICAS, MAX_TTL_SECONDS, MIN_BUCKET_QUOTA_MIB, MIN_SERVICE_QUOTA_MIB,
  OPERATOR_SOURCE, OPERATOR_TYPES_URL, OPERATOR_VALIDATOR_URL,
} from "../components/couchbase/rules";
import { COUCHBASE_TYPES } from "../components/couchbase/spec";
import { engineRule } from "./lib/controls";
import { read } from "./lib/values";

/**
 * What the Couchbase Autonomous Operator's admission controller and CRD schema refuse in a CouchbaseCluster or
 * CouchbaseBucket (the API server rejects the create), and what Couchbase Server refuses at write time, for any such
 * custom resource in a stack; the limits and their sources are in components/couchbase/rules.ts. Part of
 * ENGINE_RULE_POLICIES.
 */

const CHECKED = "2026-11-29";
type Spec = Record<string, unknown>;
/** A value as the message shows it (objects as JSON). */
const show = (v: unknown): string => (typeof v === "object" && v !== null ? JSON.stringify(v) : String(v));

function specOf(args: ResourceValidationArgs, type: string): { name: unknown; spec: Spec } | undefined {
  if (args.type !== type) return args.notApplicable(`not a ${type.split(":").pop()}`);
  const r = read(() => {
    const props = args.props as { metadata?: { name?: unknown }; spec?: unknown };
    return { name: props.metadata?.name, spec: props.spec === undefined ? {} : JSON.parse(JSON.stringify(props.spec)) as Spec };
  });
  return r.known ? r.value : undefined;
}

/** Mebibytes of a Kubernetes quantity (`512Mi`, `4Gi`, `1073741824`); undefined for anything else. */
export function quantityMiB(quantity: unknown): number | undefined {
  if (typeof quantity === "number") return quantity / 2 ** 20;
  const m = typeof quantity === "string" ? /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti)?$/.exec(quantity) : null;
  if (!m) return undefined;
  const factor = { Ki: 1 / 1024, Mi: 1, Gi: 1024, Ti: 1024 ** 2 }[m[2] ?? ""] ?? 1 / 2 ** 20;
  return Number(m[1]) * factor;
}

/** Seconds of a Go duration made of h/m/s parts (`720h`, `90s`, `1h30m`); undefined for anything else. */
export function durationSeconds(duration: unknown): number | undefined {
  if (typeof duration !== "string" || !/^(\d+(h|m|s))+$/.test(duration)) return undefined;
  return [...duration.matchAll(/(\d+)(h|m|s)/g)].reduce((n, [, v, u]) => n + Number(v) * { h: 3600, m: 60, s: 1 }[u as "h" | "m" | "s"], 0);
}

export const couchbaseClusterLimits: ResourceValidationPolicy = {
  name: "engine-couchbase-cluster",
  ...engineRule(OPERATOR_SOURCE, CHECKED,
    `CouchbaseCluster the operator accepts: a name of at most ${MAX_CLUSTER_NAME_LENGTH} characters, an admin Secret, data and index quotas of at least ${MIN_SERVICE_QUOTA_MIB}Mi, at least one server class and one running the data service, an image whose tag names a version or that is pinned by digest.`,
    "Keep the cluster name short, set spec.security.adminSecret, quotas >= 256Mi and a data server class (components/couchbase checks these before registering).",
    OPERATOR_VALIDATOR_URL),
  validateResource: (args, report) => {
    const r = specOf(args, COUCHBASE_TYPES.cluster);
    if (r === undefined) return;
    const { name, spec } = r;
    const problems: string[] = [];
    if (typeof name === "string" && name.length > MAX_CLUSTER_NAME_LENGTH) problems.push(`cluster name ${name} is longer than ${MAX_CLUSTER_NAME_LENGTH} characters`);
    const security = (spec.security ?? {}) as Spec;
    if (typeof security.adminSecret !== "string" || security.adminSecret === "") problems.push("spec.security.adminSecret is required");
    const cluster = (spec.cluster ?? {}) as Spec;
    for (const field of ["dataServiceMemoryQuota", "indexServiceMemoryQuota"]) {
      const mib = quantityMiB(cluster[field]);
      if (cluster[field] !== undefined && (mib === undefined || mib < MIN_SERVICE_QUOTA_MIB)) problems.push(`spec.cluster.${field} ${show(cluster[field])} must be at least ${MIN_SERVICE_QUOTA_MIB}Mi`);
    }
    const servers = (Array.isArray(spec.servers) ? spec.servers : []) as { size?: number; services?: string[] }[];
    if (servers.length === 0) problems.push("spec.servers needs at least one server class");
    else if (!servers.some((s) => (s.services ?? []).includes("data"))) problems.push("no server class runs the data service");
    for (const s of servers) if (typeof s.size === "number" && s.size < 1) problems.push(`a server class has size ${s.size} (minimum 1)`);
    if (typeof spec.image !== "string" || !/^(.*?(:\d+)?\/)?.*?\/.*?(:.*?\d+\.\d+\.\d+.*|@sha256:[0-9a-f]{64})$/.test(spec.image)) {
      problems.push(`spec.image ${show(spec.image)} matches neither <repo>:<tag with a version> nor <repo>@sha256:<digest> (the CRD's pattern)`);
    }
    if (problems.length > 0) report(`${problems.join("; ")} (${OPERATOR_TYPES_URL}).`);
  },
};

export const couchbaseBucketLimits: ResourceValidationPolicy = {
  name: "engine-couchbase-bucket",
  ...engineRule(`${OPERATOR_SOURCE}; Couchbase Server 8.0 Durability (${DURABILITY_SOURCE})`, CHECKED,
    `CouchbaseBucket the operator and server accept: a name of 1-100 of [a-zA-Z0-9-_%.], a memory quota of at least ${MIN_BUCKET_QUOTA_MIB}Mi, replicas 0..${MAX_BUCKET_REPLICAS}, at most ${MAX_DURABLE_REPLICAS} replicas with a minimum durability, a maxTTL of 0..${MAX_TTL_SECONDS}s.`,
    "Keep the bucket within these limits (components/couchbase checks them before registering).",
    OPERATOR_TYPES_URL),
  validateResource: (args, report) => {
    const r = specOf(args, COUCHBASE_TYPES.bucket);
    if (r === undefined) return;
    const { spec } = r;
    const problems: string[] = [];
    if (spec.name !== undefined && (typeof spec.name !== "string" || !BUCKET_NAME.test(spec.name))) problems.push(`spec.name ${show(spec.name)} must be 1-100 of a-z, A-Z, 0-9 and "-_%."`);
    const quota = quantityMiB(spec.memoryQuota);
    if (spec.memoryQuota !== undefined && (quota === undefined || quota < MIN_BUCKET_QUOTA_MIB)) problems.push(`spec.memoryQuota ${show(spec.memoryQuota)} must be at least ${MIN_BUCKET_QUOTA_MIB}Mi`);
    const replicas = typeof spec.replicas === "number" ? spec.replicas : 1;
    if (!Number.isInteger(replicas) || replicas < 0 || replicas > MAX_BUCKET_REPLICAS) problems.push(`spec.replicas ${replicas} must be 0..${MAX_BUCKET_REPLICAS}`);
    const durability = spec.minimumDurability ?? "none";
    if (durability !== "none" && replicas > MAX_DURABLE_REPLICAS) problems.push(`spec.minimumDurability ${show(durability)} with ${replicas} replicas: Couchbase Server supports durability for at most ${MAX_DURABLE_REPLICAS} replicas`);
    const ttl = spec.maxTTL === undefined ? 0 : durationSeconds(spec.maxTTL);
    if (ttl === undefined || ttl > MAX_TTL_SECONDS) problems.push(`spec.maxTTL ${show(spec.maxTTL)} must be a duration of 0..${MAX_TTL_SECONDS}s`);
    if (problems.length > 0) report(`${problems.join("; ")}.`);
  },
};

export const COUCHBASE_ENGINE_RULES = [couchbaseClusterLimits, couchbaseBucketLimits];
