import type { ContainerImage } from "../kubernetes/image";

/**
 * Couchbase Server Enterprise Edition 8.0.3. The Couchbase Autonomous Operator 2.9 supports Server 7.2 to 8.0
 * (https://docs.couchbase.com/operator/current/prerequisite-and-setup.html, checked 2026-11-29) and runs only the
 * Enterprise Edition: it refuses a member whose `/pools` reports community edition ("couchbase server reports
 * community edition", couchbase/couchbase-operator pkg/cluster/member.go, read 2026-11-29).
 *
 * The repository is the Docker Official Image `couchbase`, built from Couchbase's own Dockerfiles
 * (maintainer docker@couchbase.com; the couchbase/server repository the operator's docs name carries the same
 * builds under its own digests). No independent public project pins a couchbase/server digest; docker-library's
 * repo-info records this index digest for `couchbase:enterprise-8.0.3` (built 2026-09-09, linux/amd64 and
 * linux/arm64). It was NOT pulled from the registry here (no registry is reachable): mirror it (`crane copy` keeps
 * the digest) and point `registry` at the mirror, or pin your own mirror's digest.
 *
 * The image's user is `couchbase`, UID 1000 and GID 1000 (`useradd couchbase -u 1000`, same record), the identity
 * the operator asks non-root clusters to run as (CouchbaseCluster spec.security.podSecurityContext, its field doc).
 */
export const COUCHBASE_SERVER_IMAGE: ContainerImage = {
  registry: "docker.io",
  repository: "library/couchbase",
  tag: "enterprise-8.0.3",
  digest: "sha256:c4254e37f5a5db3d13eb990d89862765db44b4f96b6283190c2e6c8a20d760d7",
};

/**
 * The operator's backup image (cbbackupmgr 7.6.8), the one Operator 2.9 supports for managed backup and restore
 * (same prerequisites page, "Couchbase Backup and Restore Compatibility"). No public project pins a digest for this
 * tag, so none is defaulted: with backups on, `backupImage.digest` must name the digest of your mirror of it.
 */
export const COUCHBASE_BACKUP_IMAGE: Omit<ContainerImage, "digest"> = {
  registry: "docker.io",
  repository: "couchbase/operator-backup",
  tag: "1.5.0",
};
