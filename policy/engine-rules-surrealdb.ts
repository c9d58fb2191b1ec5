import * as k8s from "@pulumi/kubernetes";
import { type ResourceValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import { type ContainerShape, isSurrealServer, startProblems, SURREAL_PATH_SOURCE, SURREAL_WEB_TLS_SOURCE } from "../components/surrealdb/engine";
import { engineRule } from "./lib/controls";
import { read } from "./lib/values";

/**
 * What `surreal start` refuses when a SurrealDB server of a StatefulSet starts (components/surrealdb/engine.ts holds
 * the checks and their sources). The API server accepts such a StatefulSet; its pod then crash-loops and Pulumi waits
 * for a readiness that never comes. Part of ENGINE_RULE_POLICIES.
 */

const CHECKED = "2026-11-29";

interface Template { spec?: { template?: { spec?: { containers?: ContainerShape[] } } } }

/** The SurrealDB server containers, or none while any part is unknown (preview): an unknown value proves nothing. */
export function surrealContainers(set: unknown): ContainerShape[] {
  const r = read(() => JSON.parse(JSON.stringify((set as Template).spec?.template?.spec?.containers ?? [])) as ContainerShape[]);
  return r.known ? r.value.filter(isSurrealServer) : [];
}

export const surrealStartArgs: ResourceValidationPolicy = {
  name: "engine-surrealdb-start-args",
  ...engineRule(`${SURREAL_WEB_TLS_SOURCE}; ${SURREAL_PATH_SOURCE}`, CHECKED,
    "`surreal start` takes --web-crt and --web-key only together, and a datastore path its path_valid accepts (memory, mem, or one starting file:, rocksdb:, surrealkv:, mem:, tikv:).",
    "Give both --web-crt and --web-key (components/surrealdb mounts tls.crt and tls.key of the TLS Secret), and a path such as rocksdb:/data/database.",
    "https://surrealdb.com/docs/reference/cli/db/commands/start"),
  validateResource: validateResourceOfType(k8s.apps.v1.StatefulSet, (set, _args, report) => {
    const found = surrealContainers(set).flatMap(startProblems);
    if (found.length > 0) report(`${found.join("; ")}.`);
  }),
};

export const SURREALDB_ENGINE_RULES = [surrealStartArgs];
