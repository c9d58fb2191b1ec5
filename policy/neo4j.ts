import * as k8s from "@pulumi/kubernetes";
import { type ResourceValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import { confBaselineProblems, envBaselineProblems, NEO4J_PORT_NAMES, NEO4J_PORTS } from "../components/neo4j/engine";
import { neo4jContainers } from "./engine-rules-neo4j";
import { baseline } from "./lib/controls";
import { read } from "./lib/values";

/**
 * The Neo4j baseline (components/neo4j): the configuration requires TLS on Bolt, turns plaintext HTTP off and keeps
 * authentication on, and nothing exposes Neo4j's ports outside the cluster. The official Helm chart defaults to
 * neither (HTTP on, Bolt TLS off, a LoadBalancer Service).
 */
export const neo4jTlsAuth: ResourceValidationPolicy = {
  name: "neo4j-tls-auth",
  ...baseline("Sparki baseline: encryption",
    "A ConfigMap carrying a neo4j.conf requires TLS on Bolt (server.bolt.tls_level=REQUIRED with an enabled bolt SSL policy), disables the HTTP connector and keeps authentication on; "
      + "the NEO4J_* environment variables of a Neo4j server container in a StatefulSet (which the image's entrypoint writes over neo4j.conf) do not undo any of it, and NEO4J_AUTH is not `none`.", "high",
    "Write neo4j.conf as components/neo4j does: server.bolt.tls_level=REQUIRED, dbms.ssl.policy.bolt.* and .https.* on the TLS Secret, server.http.enabled=false; set none of these through NEO4J_* variables."),
  validateResource: (args, report) => {
    const map = args.asType(k8s.core.v1.ConfigMap);
    const set = args.asType(k8s.apps.v1.StatefulSet);
    if (map !== undefined) {
      const conf = read(() => map.data?.["neo4j.conf"]);
      if (!conf.known || typeof conf.value !== "string") return;
      const found = confBaselineProblems(conf.value);
      if (found.length > 0) report(`neo4j.conf: ${found.join("; ")}.`);
    } else if (set !== undefined) {
      const found = neo4jContainers(set).flatMap(envBaselineProblems);
      if (found.length > 0) report(`${found.join("; ")}.`);
    } else {
      args.notApplicable("neither a ConfigMap nor a StatefulSet");
    }
  },
};

/** A port number or name as written (anything else as `?`). */
const shown = (value: unknown) => (typeof value === "number" || typeof value === "string" ? String(value) : "?");

/** Whether a Service port reaches Neo4j: its port, or its target port by number or by the container port's name. */
function reachesNeo4j(p: { port?: unknown; targetPort?: unknown }): boolean {
  return (typeof p.port === "number" && NEO4J_PORTS.includes(p.port))
    || (typeof p.targetPort === "number" && NEO4J_PORTS.includes(p.targetPort))
    || (typeof p.targetPort === "string" && (NEO4J_PORT_NAMES.includes(p.targetPort) || NEO4J_PORTS.map(String).includes(p.targetPort)));
}

export const neo4jNotPublic: ResourceValidationPolicy = {
  name: "neo4j-no-public-service",
  ...baseline("Sparki baseline: access",
    "A Service exposing a Neo4j port (Bolt 7687, HTTP 7474, HTTPS 7473, as its port or its targetPort, by number or by the names bolt/http/https) is ClusterIP (or headless), never LoadBalancer or NodePort.", "high",
    "Use type ClusterIP (components/neo4j does); reach the Browser by kubectl port-forward. The official chart's default `services.neo4j.spec.type: LoadBalancer` gets a public address on most clouds."),
  validateResource: validateResourceOfType(k8s.core.v1.Service, (service, _args, report) => {
    const shape = read(() => ({
      type: service.spec?.type ?? "ClusterIP",
      ports: (service.spec?.ports ?? []).map((p): { port?: unknown; targetPort?: unknown } => ({ port: p.port, targetPort: p.targetPort })),
    }));
    if (!shape.known) return;
    const exposed = shape.value.ports.filter(reachesNeo4j).map((p) => (p.targetPort === undefined ? shown(p.port) : `${shown(p.port)}->${shown(p.targetPort)}`));
    if (exposed.length > 0 && shape.value.type !== "ClusterIP") report(`Service of type ${shape.value.type} exposes Neo4j port(s) ${exposed.join(", ")} outside the cluster.`);
  }),
};

export const NEO4J_POLICIES = [neo4jTlsAuth, neo4jNotPublic];
