import type { ContainerImage } from "../kubernetes/image";
import type { RunAs } from "../kubernetes/security";

/**
 * The official Neo4j image (Docker Hub library `neo4j`), Community Edition of the 5.26 LTS line, the line the Fiber
 * adapter's own tests run against (`neo4j:5.26`, gofiber/storage neo4j/neo4j_test.go, read 2026-11-29).
 *
 * The digest was NOT pulled from the registry (no registry is reachable from here) and is NOT verified to be the
 * multi-arch index. Public pins of this exact tag, searched 2026-11-29, disagree: `sha256:037cf575…` (a Dockerfile
 * `ARG NEO4J_IMAGE=…`, a Testcontainers test, and a project that measured the image's entrypoint inside it),
 * `sha256:3388e05e…` (a Cypher reference script) and `sha256:22ec5cd0…` (a Python test and a Dockerfile). Official
 * images are rebuilt and the tag re-pushed when their base image changes, which explains several index digests; but
 * none of the sources says whether its digest is the index or one platform's manifest. A platform manifest would
 * fail on the other architecture (`exec format error` on arm64/Graviton nodes for an amd64 one), and a digest the
 * registry no longer serves fails the pull. Before the first production use: `crane digest
 * docker.io/library/neo4j:5.26.30-community` (prints the index digest), mirror it (`crane copy` / `skopeo copy --all`
 * keep the digest) and point `registry` and `digest` at the mirror (README, Neo4j).
 */
export const NEO4J_IMAGE: ContainerImage = {
  registry: "docker.io",
  repository: "library/neo4j",
  tag: "5.26.30-community",
  digest: "sha256:037cf5756f0135cbfd66b739b6df7c7c4bb100f9ce11602f6f9538e17e02c74d",
};

/**
 * The image's `neo4j` user and group, uid/gid 7474 (`groupadd --gid 7474 --system neo4j && useradd --uid 7474 …`,
 * neo4j/docker-neo4j docker-image-src/5/coredb/Dockerfile-*; the official Helm chart runs as 7474 too, values.yaml
 * `securityContext`; both read 2026-11-29). As root the entrypoint chowns NEO4J_HOME and drops to neo4j with su-exec;
 * started as 7474 it skips both ("docker is running with --user and we simply use that user").
 */
export const RUN_AS: RunAs = { user: 7474, group: 7474 };

/** The image's NEO4J_HOME (Dockerfile `NEO4J_HOME="/var/lib/neo4j"`). */
export const NEO4J_HOME = "/var/lib/neo4j";
/** The image's entrypoint script (run under tini); it writes the configuration, sets the initial password, then execs Neo4j. */
export const ENTRYPOINT = ["tini", "-g", "--", "/startup/docker-entrypoint.sh"] as const;
