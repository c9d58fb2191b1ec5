// Which ArangoDB edition may do what: the one place the stack decides whether a feature needs a licence.

/** `community`: the free ArangoDB Community License; `enterprise`: a licence key the operator hands to the servers. */
export const ARANGODB_EDITIONS = ["community", "enterprise"] as const;
export type ArangoDbEdition = (typeof ARANGODB_EDITIONS)[number];

/**
 * "From version 3.12.5 onward, the Community Edition includes all Enterprise Edition features without time
 * restrictions", Encryption at Rest and Hot Backups among them
 * (https://docs.arangodb.com/3.12/release-notes/version-3.12/whats-new-in-3-12/, "All Enterprise Edition features
 * in Community Edition", checked 2026-11-29). Before it, encryption at rest needed the Enterprise Edition (the
 * operator's own field doc still says so: kube-arangodb 1.4.4 pkg/apis/deployment/v1/rocksdb_spec.go).
 */
export const COMMUNITY_ENCRYPTION_SINCE = [3, 12, 5] as const;
export const EDITION_SOURCE = "https://docs.arangodb.com/3.12/release-notes/version-3.12/whats-new-in-3-12/";

/**
 * The Community License "limits the use for commercial purposes to a 100 GB limit on dataset size in production
 * within a single cluster and a maximum of three clusters"
 * (https://docs.arangodb.com/3.12/release-notes/version-3.12/incompatible-changes-in-3-12/, checked 2026-11-29):
 * past it the deployment goes read-only (the licence-management page). Documented in the README; the stack cannot
 * see the dataset size, so it alerts on the volume instead.
 */
export const COMMUNITY_DATASET_LIMIT_GB = 100;
export const LICENSE_SOURCE = "https://docs.arangodb.com/3.12/release-notes/version-3.12/incompatible-changes-in-3-12/";

/** `major.minor.patch` of an image tag such as `3.12.11.1` or `3.12.5`; undefined for a minor line such as `3.12`. */
export function tagVersion(tag: string): readonly [number, number, number] | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)/.exec(tag);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

function atLeast(v: readonly [number, number, number], min: readonly [number, number, number]): boolean {
  for (let i = 0; i < 3; i++) if (v[i] !== min[i]) return v[i] > min[i];
  return true;
}

export interface EditionChoice {
  readonly edition: ArangoDbEdition;
  /** Secret with the licence key (enterprise only). */
  readonly licenseSecretName?: string;
  readonly encryptionAtRest: boolean;
  /** The server version the image runs, when known (from its tag, or the pinned default's build). */
  readonly version?: readonly [number, number, number];
}

/** Every reason an edition cannot do what is asked, each naming the field and the source. */
export function editionProblems(c: EditionChoice): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  if (c.edition === "enterprise" && c.licenseSecretName === undefined) {
    problems.push({ field: "licenseSecretName", message: "must name the Secret holding the Enterprise licence key (the operator's spec.license.secretName) when edition is enterprise" });
  }
  if (c.edition === "community" && c.licenseSecretName !== undefined) {
    problems.push({ field: "licenseSecretName", message: "only applies to edition enterprise (the Community Edition runs without a licence key); remove it or set edition: enterprise" });
  }
  if (c.edition === "community" && c.encryptionAtRest) {
    const min = COMMUNITY_ENCRYPTION_SINCE.join(".");
    if (c.version === undefined) {
      problems.push({ field: "image.tag", message: `must name a full ArangoDB version (e.g. 3.12.11) when encryptionAtRest is on with edition community: encryption at rest is in the Community Edition only from ${min} (${EDITION_SOURCE}), and a minor line such as 3.12 does not say which build it is` });
    } else if (!atLeast(c.version, COMMUNITY_ENCRYPTION_SINCE)) {
      problems.push({ field: "image.tag", message: `is ArangoDB ${c.version.join(".")}: encryption at rest needs the Enterprise Edition before ${min} (${EDITION_SOURCE}); use ${min} or later, set edition: enterprise with a licence, or turn encryptionAtRest off (prod refuses that)` });
    }
  }
  return problems;
}
