import * as k8s from "@pulumi/kubernetes";
import { type ResourceValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import { baselineProblems } from "../components/surrealdb/engine";
import { surrealContainers } from "./engine-rules-surrealdb";
import { baseline } from "./lib/controls";

/**
 * The SurrealDB baseline (components/surrealdb): a server in a StatefulSet serves TLS, authenticates, and keeps its
 * data on disk. The community Helm chart defaults to none of these (path `memory`, no persistence, no TLS).
 */
export const surrealDbSecured: ResourceValidationPolicy = {
  name: "surrealdb-tls-auth-persistent",
  ...baseline("Sparki baseline: encryption",
    "A SurrealDB server serves TLS (--web-crt/--web-key), runs with authentication (never --unauthenticated), keeps its data in a persistent datastore (not memory) and keeps the default capabilities (no --allow-all, --allow-net, --allow-guests, --allow-scripting, --allow-arbitrary-query, --allow-experimental).", "high",
    "Start it as components/surrealdb does: --web-crt/--web-key from the TLS Secret, a root user from a Secret, and rocksdb:/data/database on a volume."),
  validateResource: validateResourceOfType(k8s.apps.v1.StatefulSet, (set, _args, report) => {
    const found = surrealContainers(set).flatMap(baselineProblems);
    if (found.length > 0) report(`${found.join("; ")}.`);
  }),
};

export const SURREALDB_POLICIES = [surrealDbSecured];
