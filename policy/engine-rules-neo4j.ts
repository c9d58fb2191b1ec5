import * as k8s from "@pulumi/kubernetes";
import { type ResourceValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import { type ContainerShape, ENTRYPOINT_SOURCE, entrypointProblems, isNeo4jServer } from "../components/neo4j/engine";
import { engineRule } from "./lib/controls";
import { read } from "./lib/values";

/**
 * What the official Neo4j image's entrypoint refuses when a Neo4j server of a StatefulSet starts under a read-only
 * root filesystem (components/neo4j/engine.ts holds the checks and their source). The API server accepts such a
 * StatefulSet; its pod then exits at start and Pulumi waits for a readiness that never comes. Part of
 * ENGINE_RULE_POLICIES.
 */

const CHECKED = "2026-11-29";

interface Template { spec?: { template?: { spec?: { containers?: ContainerShape[] } } } }

/** The Neo4j server containers, or none while any part is unknown (preview): an unknown value proves nothing. */
export function neo4jContainers(set: unknown): ContainerShape[] {
  const r = read(() => JSON.parse(JSON.stringify((set as Template).spec?.template?.spec?.containers ?? [])) as ContainerShape[]);
  return r.known ? r.value.filter(isNeo4jServer) : [];
}

export const neo4jEntrypointWritable: ResourceValidationPolicy = {
  name: "engine-neo4j-entrypoint-writable",
  ...engineRule(ENTRYPOINT_SOURCE, CHECKED,
    "A Neo4j server (official image, its own entrypoint) with a read-only root filesystem has a writable volume at /var/lib/neo4j/conf and no /ssl mount.",
    "Mount an emptyDir at /var/lib/neo4j/conf and the configuration at /conf (the entrypoint copies it), and the certificates outside /ssl with the SSL policies' base_directory pointing there (components/neo4j does).",
    "https://github.com/neo4j/docker-neo4j/blob/master/docker-image-src/5/coredb/docker-entrypoint.sh"),
  validateResource: validateResourceOfType(k8s.apps.v1.StatefulSet, (set, _args, report) => {
    const found = neo4jContainers(set).flatMap(entrypointProblems);
    if (found.length > 0) report(`${found.join("; ")}.`);
  }),
};

export const NEO4J_ENGINE_RULES = [neo4jEntrypointWritable];
