import type { ContainerImage } from "../kubernetes/image";

/**
 * ArangoDB 3.12 (the image reports ARANGO_VERSION 3.12.11.1): the Docker Official Image `arangodb`, built from
 * ArangoDB's own Dockerfile (MAINTAINER Frank Celler, ArangoDB's signed package), never Bitnami. The digest is the
 * multi-platform index the docker-library/repo-info project lists for `arangodb:3.12`
 * (https://github.com/docker-library/repo-info/blob/master/repos/arangodb/tag-details.md, checked 2026-11-29); it
 * was NOT pulled from the registry here (no registry is reachable). `arangodb/arangodb`, ArangoDB's own repository,
 * carries the same builds, but no independent project was found pinning a digest for a named tag of it; a stack
 * may point `image` there (or at a mirror: `crane copy` keeps the digest) with its own tag and digest.
 * 3.12.5 or later is required for encryption at rest in the Community Edition (see ./edition.ts).
 */
export const ARANGODB_IMAGE: ContainerImage = {
  registry: "docker.io",
  repository: "library/arangodb",
  tag: "3.12",
  digest: "sha256:f8e1590646f0600da50d4c8a03d0596e1a70453c24c145e54d80c792de247a43",
};

/** The version the pinned image reports (ENV ARANGO_VERSION of the listed build), for the edition rules: its tag is the minor line only. */
export const ARANGODB_IMAGE_VERSION = "3.12.11.1";
